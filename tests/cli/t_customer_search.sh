#!/bin/sh
# crm customer search: case and accent folding, CJK, Hangul and Kana, short
# terms, substrings, AND of terms, the fields searched (email, phone digits,
# city, note, contacts), ranking, archived customers, --limit, the output
# formats, and bad queries.
. "$(dirname "$0")/lib.sh"

# found QUERY...: the codes and names search prints, as csv.
found() {
	try "search $*" 0 crm customer search "$@" --format csv --columns code,name
}

# ---- the customers searched ----

try 'add a German customer' 0 crm customer add 'Müller GmbH' --city Berlin \
	--phone '+49 30 1234567' --email info@mueller.example
try 'add a Chinese customer' 0 crm customer add '王伟明' --city 北京
try 'add a Korean customer' 0 crm customer add '김민수' --city Seoul
try 'add a Japanese customer' 0 crm customer add '山田太郎' --note 'やまだ商店の社長'
try 'add an English customer' 0 crm customer add 'Smith & Sons' --city London \
	--note 'prefers email'
try 'add a customer named after tea' 0 crm customer add 'Tea House' --city Leeds
try 'add a customer with tea in a long note' 0 crm customer add 'Leaf Traders' --city York \
	--note 'orders green tea every month, pays late, wants the catalogue in spring'
try 'add a customer to archive' 0 crm customer add 'Tea Archive Co' --city Leeds
try 'archive it' 0 crm customer rm C00008
try 'add a customer with a contact' 0 crm customer add Northwind --city Oslo
try 'add the contact' 0 crm contact add C00009 'Øyvind Hansen' --email ohansen@nw-post.example \
	--phone '+47 22 998877'
out_is <<'EOF'
1
EOF

# ---- folding: case and accents ----

found muller
out_is <<'EOF'
code,name
C00001,Müller GmbH
EOF
err_empty

found MÜLLER
out_is <<'EOF'
code,name
C00001,Müller GmbH
EOF

found mÜlLeR gmbh
out_is <<'EOF'
code,name
C00001,Müller GmbH
EOF

# ---- scripts without spaces ----

found 王伟
out_is <<'EOF'
code,name
C00002,王伟明
EOF

found 伟明
out_is <<'EOF'
code,name
C00002,王伟明
EOF

found 王
out_is <<'EOF'
code,name
C00002,王伟明
EOF

found 北京
out_is <<'EOF'
code,name
C00002,王伟明
EOF

found 민수
out_is <<'EOF'
code,name
C00003,김민수
EOF

found 山田
out_is <<'EOF'
code,name
C00004,山田太郎
EOF

found 太郎
out_is <<'EOF'
code,name
C00004,山田太郎
EOF

found やまだ
out_is <<'EOF'
code,name
C00004,山田太郎
EOF

# ---- substrings, short terms, AND ----

found mith
out_is <<'EOF'
code,name
C00005,Smith & Sons
EOF

found sm
out_is <<'EOF'
code,name
C00005,Smith & Sons
EOF

found smith london
out_is <<'EOF'
code,name
C00005,Smith & Sons
EOF

found smith leeds
out_is <<'EOF'
code,name
EOF

found 'smith  ' '  sons'
out_is <<'EOF'
code,name
C00005,Smith & Sons
EOF

# ---- the fields searched ----

found info@mueller.example
out_is <<'EOF'
code,name
C00001,Müller GmbH
EOF

found 1234567
out_is <<'EOF'
code,name
C00001,Müller GmbH
EOF

found '30 1234567'
out_is <<'EOF'
code,name
C00001,Müller GmbH
EOF

found berlin
out_is <<'EOF'
code,name
C00001,Müller GmbH
EOF

found prefers
out_is <<'EOF'
code,name
C00005,Smith & Sons
EOF

found c00003
out_is <<'EOF'
code,name
C00003,김민수
EOF

found oyvind
out_is <<'EOF'
code,name
C00009,Northwind
EOF

found ohansen@nw-post
out_is <<'EOF'
code,name
C00009,Northwind
EOF

found 998877
out_is <<'EOF'
code,name
C00009,Northwind
EOF

# ---- ranking, archived customers, --limit ----

found tea
out_is <<'EOF'
code,name
C00006,Tea House
C00007,Leaf Traders
EOF

found tea --all
out_is <<'EOF'
code,name
C00006,Tea House
C00008,Tea Archive Co
C00007,Leaf Traders
EOF

found archive
out_is <<'EOF'
code,name
EOF

found archive --all
out_is <<'EOF'
code,name
C00008,Tea Archive Co
EOF

found tea --limit 1
out_is <<'EOF'
code,name
C00006,Tea House
EOF

found leeds --all --limit 5
out_is <<'EOF'
code,name
C00006,Tea House
C00008,Tea Archive Co
EOF

# A customer edited into a match, or out of one, is found accordingly.
try 'edit a city' 0 crm customer edit C00003 --city Leeds
found leeds
out_is <<'EOF'
code,name
C00003,김민수
C00006,Tea House
EOF

try 'remove the contact' 0 crm contact rm 1
found oyvind
out_is <<'EOF'
code,name
EOF

# ---- output formats ----

try 'search as a table' 0 crm customer search muller --format table
out_is <<'EOF'
CODE    NAME         STATUS  CITY    PHONE           EMAIL
C00001  Müller GmbH  active  Berlin  +49 30 1234567  info@mueller.example
EOF
err_empty

try 'search as csv by default' 0 crm customer search muller
out_is <<'EOF'
id,code,name,kind,status,owner,email,phone,website,street,city,region,postcode,country,tax_id,industry,source,tier,credit_limit,terms,note,campaign,cadence,tags,archived,created,updated
1,C00001,Müller GmbH,company,active,,info@mueller.example,+49 30 1234567,,,Berlin,,,,,,,,,,,,,,0,2026-11-22T09:30:00,2026-11-22T09:30:00
EOF

try 'search as tsv' 0 crm customer search tea --format tsv --columns code,name,city,note
out_is <<'EOF'
code	name	city	note
C00006	Tea House	Leeds	
C00007	Leaf Traders	York	orders green tea every month, pays late, wants the catalogue in spring
EOF

try 'search as json' 0 crm customer search muller --format json
out_is <<'EOF'
[
{"id":1,"code":"C00001","name":"Müller GmbH","kind":"company","status":"active","owner":null,"email":"info@mueller.example","phone":"+49 30 1234567","website":null,"street":null,"city":"Berlin","region":null,"postcode":null,"country":null,"tax_id":null,"industry":null,"source":null,"tier":null,"credit_limit":null,"terms":null,"note":null,"campaign":null,"cadence":null,"tags":null,"archived":false,"created":"2026-11-22T09:30:00","updated":"2026-11-22T09:30:00"}
]
EOF

try 'search as ndjson' 0 crm customer search tea --format ndjson --columns code,name,archived
out_is <<'EOF'
{"code":"C00006","name":"Tea House","archived":false}
{"code":"C00007","name":"Leaf Traders","archived":false}
EOF

try 'search with --no-header' 0 crm customer search tea --no-header --columns code
out_is <<'EOF'
C00006
C00007
EOF

# ---- no match ----

try 'no match in csv' 0 crm customer search zzzz
out_is <<'EOF'
id,code,name,kind,status,owner,email,phone,website,street,city,region,postcode,country,tax_id,industry,source,tier,credit_limit,terms,note,campaign,cadence,tags,archived,created,updated
EOF
err_empty

try 'no match in a table' 0 crm customer search zzzz --format table
out_empty
err_empty

try 'no match in json' 0 crm customer search zzzz --format json
out_is <<'EOF'
[]
EOF

try 'no match in ndjson' 0 crm customer search zzzz --format ndjson
out_empty

# ---- bad queries and options ----

try 'a query of punctuation only' 4 crm customer search '!!!' '...' '-'
out_empty
err_is <<'EOF'
crm: customer search: nothing to search for in '!!! ... -'
EOF

try 'an empty query' 4 crm customer search ''
out_empty
err_is <<'EOF'
crm: customer search: nothing to search for in ''
EOF

try 'no query' 2 crm customer search
out_empty
err_is <<'EOF'
usage: crm customer search TERM... [--limit N] [--all]
Finds customers by name, code, email, phone, city, notes and contacts;
case- and accent-insensitive, any script; best matches first (default 20).
EOF

try 'a bad --limit' 2 crm customer search tea --limit ten
out_empty
err_is <<'EOF'
crm: customer search: --limit 'ten' is not a count
EOF

try 'an unknown column' 2 crm customer search tea --columns code,colour
out_empty
err_is <<'EOF'
crm: customer search: unknown column 'colour' (columns: id, code, name, kind, status, owner, email, phone, website, street, city, region, postcode, country, tax_id, industry, source, tier, credit_limit, terms, note, campaign, cadence, tags, archived, created, updated)
EOF

try 'search --help' 0 crm customer search --help
out_is <<'EOF'
usage: crm customer search TERM... [--limit N] [--all]
Finds customers by name, code, email, phone, city, notes and contacts;
case- and accent-insensitive, any script; best matches first (default 20).
EOF
err_empty

# Searching writes nothing.
sql_is "SELECT count(*) FROM audit WHERE action <> 'insert'" <<'EOF'
3
EOF

done_testing
