#!/bin/sh
# crm customer list: every output format, every filter, sorting, --limit,
# archived customers, exact money, and bad input.
. "$(dirname "$0")/lib.sh"

# add CREATED-AT NAME [OPTIONS]: adds a customer created at that time.
add() {
	at=$1
	shift
	CRM_NOW=$at "$CRM_BIN" customer add "$@" >/dev/null || echo "# setup failed: $*"
}

note=$(printf 'first line\nsecond\tpart "quoted"')
add 2026-11-22T09:30:00 'Alpha GmbH' --status lead --owner bob --tag vip --city Berlin \
	--country DE --tier gold --credit-limit 1500.50 --email alpha@alpha.example \
	--phone '+49 30 1111111' --terms 30
add 2026-11-10T08:00:00 'Bravo, Smith & Co' --owner sue --city berlin --country de \
	--tier silver --credit-limit 200 --note "$note"
add 2026-11-16T08:00:00 charlie --kind person --status lost --owner bob --tag vip --tag eu \
	--city Paris --country FR --credit-limit 99999.99
add 2026-01-01T08:00:00 Delta --status inactive --country FR
add 2026-11-20T12:00:00 'Echo Ltd' --owner sue --credit-limit 0.05 --tag vip
CRM_NOW=2026-11-21T12:00:00 "$CRM_BIN" -q customer rm C00005

sql_is 'SELECT code, archived FROM customer ORDER BY id' <<'EOF'
C00001|0
C00002|0
C00003|0
C00004|0
C00005|1
EOF

# ---- formats ----

cat >"$T/csv" <<'EOF'
id,code,name,kind,status,owner,email,phone,website,street,city,region,postcode,country,tax_id,industry,source,tier,credit_limit,terms,note,campaign,cadence,tags,archived,created,updated
1,C00001,Alpha GmbH,company,lead,bob,alpha@alpha.example,+49 30 1111111,,,Berlin,,,DE,,,,gold,1500.50,30,,,,vip,0,2026-11-22T09:30:00,2026-11-22T09:30:00
2,C00002,"Bravo, Smith & Co",company,active,sue,,,,,berlin,,,de,,,,silver,200.00,,"first line
second	part ""quoted""",,,,0,2026-11-10T08:00:00,2026-11-10T08:00:00
3,C00003,charlie,person,lost,bob,,,,,Paris,,,FR,,,,,99999.99,,,,,eu;vip,0,2026-11-16T08:00:00,2026-11-16T08:00:00
4,C00004,Delta,company,inactive,,,,,,,,,FR,,,,,,,,,,,0,2026-01-01T08:00:00,2026-01-01T08:00:00
EOF

try 'csv when stdout is not a terminal' 0 crm customer list
out_is <"$T/csv"
err_empty

try '--format csv' 0 crm customer list --format csv
out_is <"$T/csv"
err_empty

try '--format table shows the short columns' 0 crm customer list --format table
out_is <<'EOF'
CODE    NAME               STATUS    OWNER  CITY    COUNTRY  PHONE           EMAIL
C00001  Alpha GmbH         lead      bob    Berlin  DE       +49 30 1111111  alpha@alpha.example
C00002  Bravo, Smith & Co  active    sue    berlin  de
C00003  charlie            lost      bob    Paris   FR
C00004  Delta              inactive                 FR
EOF
err_empty

try '--format table right-aligns numbers' 0 crm customer list --format table \
	--columns code,credit_limit,terms,archived
out_is <<'EOF'
CODE    CREDIT_LIMIT  TERMS  ARCHIVED
C00001       1500.50     30  no
C00002        200.00         no
C00003      99999.99         no
C00004                       no
EOF

try '--format tsv escapes tabs and newlines' 0 crm customer list --format tsv
out_is <<'EOF'
id	code	name	kind	status	owner	email	phone	website	street	city	region	postcode	country	tax_id	industry	source	tier	credit_limit	terms	note	campaign	cadence	tags	archived	created	updated
1	C00001	Alpha GmbH	company	lead	bob	alpha@alpha.example	+49 30 1111111			Berlin			DE				gold	1500.50	30				vip	0	2026-11-22T09:30:00	2026-11-22T09:30:00
2	C00002	Bravo, Smith & Co	company	active	sue					berlin			de				silver	200.00		first line\nsecond\tpart "quoted"				0	2026-11-10T08:00:00	2026-11-10T08:00:00
3	C00003	charlie	person	lost	bob					Paris			FR					99999.99					eu;vip	0	2026-11-16T08:00:00	2026-11-16T08:00:00
4	C00004	Delta	company	inactive									FR											0	2026-01-01T08:00:00	2026-01-01T08:00:00
EOF
err_empty

try '--format json' 0 crm customer list --format json
out_is <<'EOF'
[
{"id":1,"code":"C00001","name":"Alpha GmbH","kind":"company","status":"lead","owner":"bob","email":"alpha@alpha.example","phone":"+49 30 1111111","website":null,"street":null,"city":"Berlin","region":null,"postcode":null,"country":"DE","tax_id":null,"industry":null,"source":null,"tier":"gold","credit_limit":1500.50,"terms":30,"note":null,"campaign":null,"cadence":null,"tags":"vip","archived":false,"created":"2026-11-22T09:30:00","updated":"2026-11-22T09:30:00"},
{"id":2,"code":"C00002","name":"Bravo, Smith & Co","kind":"company","status":"active","owner":"sue","email":null,"phone":null,"website":null,"street":null,"city":"berlin","region":null,"postcode":null,"country":"de","tax_id":null,"industry":null,"source":null,"tier":"silver","credit_limit":200.00,"terms":null,"note":"first line\nsecond\tpart \"quoted\"","campaign":null,"cadence":null,"tags":null,"archived":false,"created":"2026-11-10T08:00:00","updated":"2026-11-10T08:00:00"},
{"id":3,"code":"C00003","name":"charlie","kind":"person","status":"lost","owner":"bob","email":null,"phone":null,"website":null,"street":null,"city":"Paris","region":null,"postcode":null,"country":"FR","tax_id":null,"industry":null,"source":null,"tier":null,"credit_limit":99999.99,"terms":null,"note":null,"campaign":null,"cadence":null,"tags":"eu;vip","archived":false,"created":"2026-11-16T08:00:00","updated":"2026-11-16T08:00:00"},
{"id":4,"code":"C00004","name":"Delta","kind":"company","status":"inactive","owner":null,"email":null,"phone":null,"website":null,"street":null,"city":null,"region":null,"postcode":null,"country":"FR","tax_id":null,"industry":null,"source":null,"tier":null,"credit_limit":null,"terms":null,"note":null,"campaign":null,"cadence":null,"tags":null,"archived":false,"created":"2026-01-01T08:00:00","updated":"2026-01-01T08:00:00"}
]
EOF
err_empty

try '--format ndjson' 0 crm customer list --format ndjson
out_is <<'EOF'
{"id":1,"code":"C00001","name":"Alpha GmbH","kind":"company","status":"lead","owner":"bob","email":"alpha@alpha.example","phone":"+49 30 1111111","website":null,"street":null,"city":"Berlin","region":null,"postcode":null,"country":"DE","tax_id":null,"industry":null,"source":null,"tier":"gold","credit_limit":1500.50,"terms":30,"note":null,"campaign":null,"cadence":null,"tags":"vip","archived":false,"created":"2026-11-22T09:30:00","updated":"2026-11-22T09:30:00"}
{"id":2,"code":"C00002","name":"Bravo, Smith & Co","kind":"company","status":"active","owner":"sue","email":null,"phone":null,"website":null,"street":null,"city":"berlin","region":null,"postcode":null,"country":"de","tax_id":null,"industry":null,"source":null,"tier":"silver","credit_limit":200.00,"terms":null,"note":"first line\nsecond\tpart \"quoted\"","campaign":null,"cadence":null,"tags":null,"archived":false,"created":"2026-11-10T08:00:00","updated":"2026-11-10T08:00:00"}
{"id":3,"code":"C00003","name":"charlie","kind":"person","status":"lost","owner":"bob","email":null,"phone":null,"website":null,"street":null,"city":"Paris","region":null,"postcode":null,"country":"FR","tax_id":null,"industry":null,"source":null,"tier":null,"credit_limit":99999.99,"terms":null,"note":null,"campaign":null,"cadence":null,"tags":"eu;vip","archived":false,"created":"2026-11-16T08:00:00","updated":"2026-11-16T08:00:00"}
{"id":4,"code":"C00004","name":"Delta","kind":"company","status":"inactive","owner":null,"email":null,"phone":null,"website":null,"street":null,"city":null,"region":null,"postcode":null,"country":"FR","tax_id":null,"industry":null,"source":null,"tier":null,"credit_limit":null,"terms":null,"note":null,"campaign":null,"cadence":null,"tags":null,"archived":false,"created":"2026-01-01T08:00:00","updated":"2026-01-01T08:00:00"}
EOF
err_empty

# ---- money is exact ----

try 'money in csv' 0 crm customer list --all --columns code,credit_limit
out_is <<'EOF'
code,credit_limit
C00001,1500.50
C00002,200.00
C00003,99999.99
C00004,
C00005,0.05
EOF

try 'money in json is a bare exact number' 0 crm customer list --all --format json \
	--columns code,credit_limit
out_is <<'EOF'
[
{"code":"C00001","credit_limit":1500.50},
{"code":"C00002","credit_limit":200.00},
{"code":"C00003","credit_limit":99999.99},
{"code":"C00004","credit_limit":null},
{"code":"C00005","credit_limit":0.05}
]
EOF

# ---- filters ----

try '--status' 0 crm customer list --status lead --columns code,name,status
out_is <<'EOF'
code,name,status
C00001,Alpha GmbH,lead
EOF
err_empty

try '--owner' 0 crm customer list --owner bob --columns code,owner
out_is <<'EOF'
code,owner
C00001,bob
C00003,bob
EOF

try '--owner leaves out archived customers' 0 crm customer list --owner sue --columns code,owner
out_is <<'EOF'
code,owner
C00002,sue
EOF

try '--tag' 0 crm customer list --tag vip --columns code,tags
out_is <<'EOF'
code,tags
C00001,vip
C00003,eu;vip
EOF

try '--tag matching one customer' 0 crm customer list --tag eu --columns code,tags
out_is <<'EOF'
code,tags
C00003,eu;vip
EOF

try '--city ignores case' 0 crm customer list --city BERLIN --columns code,city
out_is <<'EOF'
code,city
C00001,Berlin
C00002,berlin
EOF

try '--country ignores case' 0 crm customer list --country fr --columns code,country
out_is <<'EOF'
code,country
C00003,FR
C00004,FR
EOF

try '--tier' 0 crm customer list --tier gold --columns code,tier
out_is <<'EOF'
code,tier
C00001,gold
EOF

try '--since an ISO date' 0 crm customer list --since 2026-11-16 --columns code,created
out_is <<'EOF'
code,created
C00001,2026-11-22T09:30:00
C00003,2026-11-16T08:00:00
EOF

try '--since -7d counts back from CRM_TODAY' 0 crm customer list --since -7d \
	--columns code,created
out_is <<'EOF'
code,created
C00001,2026-11-22T09:30:00
C00003,2026-11-16T08:00:00
EOF

try '--since -7d from another CRM_TODAY' 0 env CRM_TODAY=2026-11-17 "$CRM_BIN" customer list \
	--since -7d --columns code,created
out_is <<'EOF'
code,created
C00001,2026-11-22T09:30:00
C00002,2026-11-10T08:00:00
C00003,2026-11-16T08:00:00
EOF

try '--since -1m with --today' 0 crm customer list --today 2026-02-01 --since -1m \
	--columns code,created
out_is <<'EOF'
code,created
C00001,2026-11-22T09:30:00
C00002,2026-11-10T08:00:00
C00003,2026-11-16T08:00:00
C00004,2026-01-01T08:00:00
EOF

try '--since today' 0 crm customer list --since today --columns code
out_is <<'EOF'
code
C00001
EOF

try 'filters combine' 0 crm customer list --owner bob --country FR --tag vip --columns code
out_is <<'EOF'
code
C00003
EOF

try 'no match: csv prints the header only' 0 crm customer list --status prospect
out_is <<'EOF'
id,code,name,kind,status,owner,email,phone,website,street,city,region,postcode,country,tax_id,industry,source,tier,credit_limit,terms,note,campaign,cadence,tags,archived,created,updated
EOF
err_empty

try 'no match: tsv prints the header only' 0 crm customer list --status prospect \
	--format tsv --columns code,name
out_is <<'EOF'
code	name
EOF

try 'no match: json is an empty array' 0 crm customer list --status prospect --format json
out_is <<'EOF'
[]
EOF

try 'no match: ndjson prints nothing' 0 crm customer list --status prospect --format ndjson
out_empty

try 'no match: table prints nothing' 0 crm customer list --status prospect --format table
out_empty
err_empty

# ---- sorting ----

try 'sorted by name by default, ignoring case' 0 crm customer list --columns name
out_is <<'EOF'
name
Alpha GmbH
"Bravo, Smith & Co"
charlie
Delta
EOF

try '--sort name' 0 crm customer list --sort name --columns name
out_is <<'EOF'
name
Alpha GmbH
"Bravo, Smith & Co"
charlie
Delta
EOF

try '--sort -name' 0 crm customer list --sort -name --columns name
out_is <<'EOF'
name
Delta
charlie
"Bravo, Smith & Co"
Alpha GmbH
EOF

try '--sort created' 0 crm customer list --sort created --columns code,created
out_is <<'EOF'
code,created
C00004,2026-01-01T08:00:00
C00002,2026-11-10T08:00:00
C00003,2026-11-16T08:00:00
C00001,2026-11-22T09:30:00
EOF

try '--sort -created' 0 crm customer list --sort -created --columns code
out_is <<'EOF'
code
C00001
C00003
C00002
C00004
EOF

try '--sort credit_limit is numeric' 0 crm customer list --sort credit_limit \
	--columns code,credit_limit
out_is <<'EOF'
code,credit_limit
C00004,
C00002,200.00
C00001,1500.50
C00003,99999.99
EOF

try '--sort -credit_limit' 0 crm customer list --sort -credit_limit --columns code,credit_limit
out_is <<'EOF'
code,credit_limit
C00003,99999.99
C00001,1500.50
C00002,200.00
C00004,
EOF

try 'an unknown sort column' 2 crm customer list --sort colour
out_empty
err_is <<'EOF'
crm: customer list: cannot sort by 'colour'
EOF

try 'tags cannot be sorted on' 2 crm customer list --sort -tags
out_empty
err_is <<'EOF'
crm: customer list: cannot sort by '-tags'
EOF

# ---- --limit ----

try '--limit' 0 crm customer list --limit 2 --columns code
out_is <<'EOF'
code
C00001
C00002
EOF

try '--limit after --sort' 0 crm customer list --sort -credit_limit --limit 1 --columns code
out_is <<'EOF'
code
C00003
EOF

try '--limit 0 is no limit' 0 crm customer list --limit 0 --columns code
out_is <<'EOF'
code
C00001
C00002
C00003
C00004
EOF

try '--limit that is not a number' 2 crm customer list --limit ten
out_empty
err_is <<'EOF'
crm: customer list: --limit 'ten' is not a count
EOF

try 'a negative --limit' 2 crm customer list --limit -3
out_empty
err_is <<'EOF'
crm: customer list: --limit '-3' is not a count
EOF

# ---- archived customers ----

try '--all includes archived customers' 0 crm customer list --all --columns code,archived
out_is <<'EOF'
code,archived
C00001,0
C00002,0
C00003,0
C00004,0
C00005,1
EOF

try '--archived shows only them' 0 crm customer list --archived --format table \
	--columns code,name,archived
out_is <<'EOF'
CODE    NAME      ARCHIVED
C00005  Echo Ltd  yes
EOF

try '--archived in json' 0 crm customer list --archived --format json --columns code,archived
out_is <<'EOF'
[
{"code":"C00005","archived":true}
]
EOF

try '--all with a filter' 0 crm customer list --all --tag vip --columns code
out_is <<'EOF'
code
C00001
C00003
C00005
EOF

# ---- bad input ----

try 'an unknown status' 4 crm customer list --status sleeping
out_empty
err_is <<'EOF'
crm: customer list: 'sleeping' is not a status (lead, prospect, active, inactive, lost)
EOF

try 'a bad --since' 4 crm customer list --since 2026-13-01
out_empty
err_is <<'EOF'
crm: customer list: '2026-13-01' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)
EOF

cat >"$T/usage" <<'EOF'
usage: crm customer list [options]
Lists customers (archived ones only with --all or --archived).

   --status S  --owner REP  --tag T  --city C  --country C  --tier T
   --since DATE     created on or after DATE
   --sort COLUMN    any output column; -COLUMN sorts descending (default name)
   --limit N  --all  --archived
EOF

try 'an argument' 2 crm customer list Alpha
out_empty
err_is <"$T/usage"

try 'an unknown option' 2 crm customer list --colour red
out_empty
err_is <<EOF
crm: customer list: unrecognized option '--colour'
$(cat "$T/usage")
EOF

try '-h' 0 crm customer list -h
out_is <"$T/usage"
err_empty

last_desc='listing writes nothing' # 5 inserts, 4 tags, 1 archive
sql_is 'SELECT count(*) FROM audit' <<'EOF'
10
EOF

done_testing
