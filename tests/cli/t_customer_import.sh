#!/bin/sh
# crm customer import: RFC 4180 CSV (quotes, commas, newlines, CRLF, BOM),
# JSON arrays, NDJSON, the format from the extension or --format, standard
# input, tags, extra fields, archived and created, all or nothing on a bad
# row, --update, --dry-run, the summary line and -q, and a large import.
. "$(dirname "$0")/lib.sh"

DATA=$TESTS_DIR/cli/data/import

# counts CUSTOMERS AUDIT: how many customers and audit rows there are.
counts() {
	sql_is 'SELECT count(*) FROM customer; SELECT count(*) FROM audit' <<EOF
$1
$2
EOF
}

# ---- a bad row anywhere leaves the database as it was ----

try 'a bad email on line 4' 4 crm customer import --from "$DATA/bad-email.csv"
out_empty
err_is <<'EOF'
crm: customer import: line 4, column email: 'not-an-email' is not an email address
EOF
counts 0 0

try 'an unknown column' 4 crm customer import --from "$DATA/unknown-column.csv"
out_empty
err_is <<'EOF'
crm: customer import: line 2, column colour: unknown column
EOF
counts 0 0

printf 'code,name\nX1,First\nX2,Second\nX1,Again\n' >dup.csv
try 'a code twice in one file' 4 crm customer import --from dup.csv
err_is <<'EOF'
crm: customer import: line 4, column code: customer 'X1' already exists (--update changes existing customers)
EOF
counts 0 0

printf 'name,city\nAlpha,Rome\nBravo,Oslo,extra\n' >wide.csv
try 'a row with more cells than the header' 4 crm customer import --from wide.csv
err_is <<'EOF'
crm: customer import: line 3: 3 cells but the header has 2
EOF
counts 0 0

printf 'name,note\nAlpha,ok\nBravo,"never closed\n' >open.csv
try 'an unterminated quote' 4 crm customer import --from open.csv
err_is <<'EOF'
crm: customer import: line 3: unterminated quoted field
EOF
counts 0 0

printf 'name,name\nAlpha,Bravo\n' >twice.csv
try 'a column named twice' 4 crm customer import --from twice.csv
err_is <<'EOF'
crm: customer import: line 1: duplicate column 'name'
EOF

printf 'code,city\nX3,Paris\n' >noname.csv
try 'a new customer without a name' 4 crm customer import --from noname.csv
err_is <<'EOF'
crm: customer import: line 2, column name: a customer needs a name
EOF

printf 'name,status\nAlpha,active\nBravo,gone\n' >status.csv
try 'a bad status' 4 crm customer import --from status.csv
err_is <<'EOF'
crm: customer import: line 3, column status: 'gone' is not a status (lead, prospect, active, inactive, lost)
EOF

printf 'name,tags\nAlpha,ok;bad tag\n' >tag.csv
try 'a bad tag' 4 crm customer import --from tag.csv
err_is <<'EOF'
crm: customer import: line 2, column tags: 'bad tag' is not a tag (no spaces, commas or semicolons; not starting with + or -)
EOF

printf 'name,archived,created\nAlpha,maybe,2024-01-01\n' >archived.csv
try 'a bad archived value' 4 crm customer import --from archived.csv
err_is <<'EOF'
crm: customer import: line 2, column archived: 'maybe' is not true or false
EOF

printf 'name,created\nAlpha,last week\n' >created.csv
try 'a bad created value' 4 crm customer import --from created.csv
err_is <<'EOF'
crm: customer import: line 2, column created: 'last week' is not a date or time
EOF

printf 'name,credit_limit,terms\nAlpha,12.345,30\n' >money.csv
try 'a credit limit with three decimals' 4 crm customer import --from money.csv
err_is <<'EOF'
crm: customer import: line 2, column credit_limit: amount '12.345' has more than 2 decimals
EOF

printf '[\n{"name": "Alpha"},\n{"name": "Bravo",\n "city": }\n]\n' >broken.json
try 'invalid JSON' 4 crm customer import --from broken.json
err_is <<'EOF'
crm: customer import: line 4: invalid JSON near '}'
EOF

printf '{"name": "Alpha"}\n["Bravo"]\n' >array.ndjson
try 'an NDJSON line that is not an object' 4 crm customer import --from array.ndjson
err_is <<'EOF'
crm: customer import: line 2: expected an object
EOF

printf '{"name": "Alpha", "email": "alpha@example.com"}\n{"name": "Bravo", "email": "bravo@"}\n' >email.ndjson
try 'a bad email in NDJSON' 4 crm customer import --from email.ndjson
err_is <<'EOF'
crm: customer import: line 2, column email: 'bravo@' is not an email address
EOF
counts 0 0

# ---- usage errors ----

try 'an unknown input format' 2 crm customer import --from "$DATA/people.json" --format xml
out_empty
err_is <<'EOF'
crm: customer import: cannot import format 'xml' (csv, json, ndjson)
EOF

try 'a missing file' 1 crm customer import --from no-such.csv
err_is <<'EOF'
crm: customer import: cannot open no-such.csv: No such file or directory
EOF

try 'an argument' 2 crm customer import people.csv
err_is <<'EOF'
usage: crm customer import [--from FILE|-] [--format csv|json|ndjson] [--update] [--dry-run]
                    [--check-duplicates]
Imports customers, all or nothing: a bad row aborts the whole import and names
its line and column.  Columns are named as in 'crm customer export'.
--update changes customers whose code exists; --dry-run checks and writes nothing;
--check-duplicates refuses likely duplicates as 'crm customer add' does.
EOF
counts 0 0

# ---- RFC 4180 CSV ----

try 'import csv' 0 crm customer import --from "$DATA/rfc4180.csv"
out_empty
err_is <<'EOF'
imported 3 customers: 3 added, 0 updated
EOF
sql_is 'SELECT id, code, name, city, archived, created, updated FROM customer' <<'EOF'
1|R1|Acme, Inc.|Berlin|0|2024-03-01T00:00:00|2026-11-22T09:30:00
2|R2|Beta Ltd|Paris|0|2024-03-02T10:15:00|2026-11-22T09:30:00
3|R3|Gamma "G" AG||1|2026-11-22T09:30:00|2026-11-22T09:30:00
EOF
sql_is "SELECT code, note FROM customer WHERE note IS NOT NULL" <<'EOF'
R1|He said "call me", then left
R2|first line
second line
EOF
sql_is 'SELECT customer_id, tag FROM customer_tag ORDER BY 1, 2' <<'EOF'
1|b2b
1|vip
3|eu
3|wholesale
EOF
sql_is 'SELECT customer_id, key, value FROM customer_field ORDER BY 1, 2' <<'EOF'
1|segment|retail
1|vat|yes
3|segment|wholesale
EOF
sql_is "SELECT entity, action, user, count(*) FROM audit GROUP BY 1, 2, 3 ORDER BY 1" <<'EOF'
customer|insert|ann|3
field|insert|ann|3
tag|insert|ann|4
EOF

# A byte-order mark, CRLF line ends, and a CRLF inside quotes (kept: it is
# part of the value).
printf '\357\273\277code,name,city,note\r\nW1,Windows Co,"Lyon",plain\r\nW2,"Crlf, SA",Nice,"two\r\nlines"\r\n' >bom.csv
try 'import csv with a BOM and CRLF' 0 crm customer import --from bom.csv
err_is <<'EOF'
imported 2 customers: 2 added, 0 updated
EOF
sql_is "SELECT code, name, city, replace(note, char(13), '<CR>') FROM customer WHERE code LIKE 'W%'" <<'EOF'
W1|Windows Co|Lyon|plain
W2|Crlf, SA|Nice|two<CR>
lines
EOF

# ---- JSON and NDJSON ----

try 'import a JSON array' 0 crm customer import --from "$DATA/people.json"
err_is <<'EOF'
imported 2 customers: 2 added, 0 updated
EOF
sql_is "SELECT code, name, kind, status, email, credit_limit, terms, owner IS NULL, archived, created FROM customer WHERE code LIKE 'J%'" <<'EOF'
J1|Jana Nováková|person|lead|jana@example.cz|123450|14|1|0|2026-11-22T09:30:00
J2|Jiří Dvořák|company|active||||1|1|2023-12-31T00:00:00
EOF
sql_is "SELECT note FROM customer WHERE code = 'J2'" <<'EOF'
line one
line "two"
EOF
sql_is "SELECT c.code, t.tag FROM customer_tag t JOIN customer c ON c.id = t.customer_id WHERE c.code LIKE 'J%' ORDER BY 1, 2" <<'EOF'
J1|prague
J1|vip
EOF
sql_is "SELECT c.code, f.key, f.value FROM customer_field f JOIN customer c ON c.id = f.customer_id WHERE c.code LIKE 'J%' ORDER BY 1, 2" <<'EOF'
J1|lang|cs
J1|vat|no
EOF

try 'import NDJSON' 0 crm customer import --from "$DATA/people.ndjson"
err_is <<'EOF'
imported 2 customers: 2 added, 0 updated
EOF
sql_is "SELECT code, name, city, terms, (SELECT group_concat(tag, ';') FROM customer_tag WHERE customer_id = c.id), (SELECT key || '=' || value FROM customer_field WHERE customer_id = c.id) FROM customer c WHERE code LIKE 'N%'" <<'EOF'
N1|Nils Holm|Malmö||a;b|
N2|Nora Berg||30||size=large
EOF

# ---- the format: extension, --format, standard input ----

try 'a .txt file is read as csv' 4 crm customer import --from "$DATA/people.txt"
err_is <<'EOF'
crm: customer import: line 1: error parsing data while strict checking enabled
EOF

sed 's/"N\([12]\)"/"T\1"/' "$DATA/people.ndjson" >people.txt
try '--format ndjson reads any file name' 0 crm customer import --from people.txt --format ndjson
err_is <<'EOF'
imported 2 customers: 2 added, 0 updated
EOF

printf 'code,name\nS1,Stdin One\n' >stdin.csv
try_in 'standard input by default, as csv' 0 stdin.csv crm customer import
err_is <<'EOF'
imported 1 customer: 1 added, 0 updated
EOF

printf 'code,name\nS2,Stdin Two\n' >stdin.csv
try_in 'standard input with --from -' 0 stdin.csv crm customer import --from -
err_is <<'EOF'
imported 1 customer: 1 added, 0 updated
EOF

printf '[{"code": "S3", "name": "Stdin Three"}]' >stdin.json
try_in 'standard input with --format json' 0 stdin.json crm customer import --format json
err_is <<'EOF'
imported 1 customer: 1 added, 0 updated
EOF

printf '{"code": "S4", "name": "Stdin Four"}\n' >stdin.ndjson
try_in 'standard input with --format ndjson and -q' 0 stdin.ndjson crm customer import --format ndjson -q
out_empty
err_empty
sql_is "SELECT code, name FROM customer WHERE code LIKE 'S%' OR code LIKE 'T%'" <<'EOF'
T1|Nils Holm
T2|Nora Berg
S1|Stdin One
S2|Stdin Two
S3|Stdin Three
S4|Stdin Four
EOF

try_in 'an empty input' 0 /dev/null crm customer import
err_is <<'EOF'
imported 0 customers: 0 added, 0 updated
EOF
counts 15 32

# ---- existing codes and --update ----

try 'an existing code without --update' 4 crm customer import --from "$DATA/update.csv"
out_empty
err_is <<'EOF'
crm: customer import: line 2, column code: customer 'R1' already exists (--update changes existing customers)
EOF
counts 15 32

try '--update --dry-run' 0 crm customer import --from "$DATA/update.csv" --update --dry-run
out_empty
err_is <<'EOF'
dry run: would import 2 customers: 1 added, 1 updated
EOF
counts 15 32
sql_is "SELECT name, city, phone FROM customer WHERE code = 'R1'" <<'EOF'
Acme, Inc.|Berlin|
EOF

try '--dry-run -q' 0 crm customer import --from "$DATA/update.csv" --update --dry-run -q
err_empty
counts 15 32

# update.csv: R1 gets a new name and phone, loses its city (empty cell), its
# tags become b2b;partner (vip goes, b2b stays without a trace in the
# history), field.vat changes and field.segment (no column) stays; R9 is new.
try '--update' 0 crm customer import --from "$DATA/update.csv" --update
out_empty
err_is <<'EOF'
imported 2 customers: 1 added, 1 updated
EOF
sql_is "SELECT id, code, name, city IS NULL, phone, note, created, updated FROM customer WHERE code IN ('R1', 'R9')" <<'EOF'
1|R1|Acme, Inc. (new)|1|+49 30 555|He said "call me", then left|2024-03-01T00:00:00|2026-11-22T09:30:00
16|R9|Newcomer|0|||2026-11-22T09:30:00|2026-11-22T09:30:00
EOF
sql_is 'SELECT tag FROM customer_tag WHERE customer_id = 1 ORDER BY tag' <<'EOF'
b2b
partner
EOF
sql_is 'SELECT key, value FROM customer_field WHERE customer_id = 1 ORDER BY key' <<'EOF'
segment|retail
vat|no
EOF
sql_is "SELECT entity, action, old, new FROM audit WHERE id > 32 ORDER BY id" <<'EOF'
tag|delete|{"tag":"vip"}|
customer|update|{"code":"R1","name":"Acme, Inc.","kind":"company","status":"active","owner":null,"email":null,"phone":null,"website":null,"street":null,"city":"Berlin","region":null,"postcode":null,"country":null,"tax_id":null,"industry":null,"source":null,"tier":null,"credit_limit":null,"terms":null,"note":"He said \"call me\", then left","campaign":null,"cadence":null,"archived":0}|{"code":"R1","name":"Acme, Inc. (new)","kind":"company","status":"active","owner":null,"email":null,"phone":"+49 30 555","website":null,"street":null,"city":null,"region":null,"postcode":null,"country":null,"tax_id":null,"industry":null,"source":null,"tier":null,"credit_limit":null,"terms":null,"note":"He said \"call me\", then left","campaign":null,"cadence":null,"archived":0}
tag|insert||{"tag":"partner"}
field|update|{"vat":"yes"}|{"vat":"no"}
customer|insert||{"code":"R9","name":"Newcomer","kind":"company","status":"active","owner":null,"email":null,"phone":null,"website":null,"street":null,"city":"Bonn","region":null,"postcode":null,"country":null,"tax_id":null,"industry":null,"source":null,"tier":null,"credit_limit":null,"terms":null,"note":null,"campaign":null,"cadence":null,"archived":0}
EOF

printf '{"code": "J1", "email": null, "tags": null, "archived": true}\n' >clear.ndjson
try '--update: a JSON null clears, archived is set' 0 crm customer import --from clear.ndjson --update
err_is <<'EOF'
imported 1 customer: 0 added, 1 updated
EOF
sql_is "SELECT name, email IS NULL, archived, (SELECT count(*) FROM customer_tag WHERE customer_id = c.id) FROM customer c WHERE code = 'J1'" <<'EOF'
Jana Nováková|1|1|0
EOF

printf 'code,name\nR9,\n' >noname.csv
try '--update refuses to clear a name' 4 crm customer import --from noname.csv --update
err_is <<'EOF'
crm: customer import: line 2, column name: name cannot be empty
EOF
sql_is "SELECT name FROM customer WHERE code = 'R9'" <<'EOF'
Newcomer
EOF

# ---- a large import ----

awk 'BEGIN {
	print "code,name,email,phone,city,tags,field.rank,credit_limit"
	for (i = 1; i <= 1000; i++)
		printf "G%04d,\"Generated %d, Ltd\",g%d@example.com,+1 555 %07d,City %d,gen;batch%d,%d,%d.%02d\n",
			i, i, i, i, i % 7, i % 3, i, i, i % 100
}' >big.csv
try 'import 1000 rows' 0 crm customer import --from big.csv
err_is <<'EOF'
imported 1000 customers: 1000 added, 0 updated
EOF
sql_is "SELECT count(*), count(DISTINCT code), min(code), max(code), sum(credit_limit) FROM customer WHERE code LIKE 'G%'" <<'EOF'
1000|1000|G0001|G1000|50099500
EOF
sql_is "SELECT name, email, phone, city, credit_limit FROM customer WHERE code = 'G0777'" <<'EOF'
Generated 777, Ltd|g777@example.com|+1 555 0000777|City 0|77777
EOF
sql_is "SELECT tag, count(*) FROM customer_tag WHERE tag LIKE 'batch%' OR tag = 'gen' GROUP BY tag ORDER BY tag" <<'EOF'
batch0|333
batch1|334
batch2|333
gen|1000
EOF
try 'the imported rows are searchable' 0 crm customer search generated 777 --columns code
out_is <<'EOF'
code
G0777
EOF

# --check-duplicates: add's duplicate check on every new row, against the
# store and the rows before it; without it only codes are checked.
printf 'name,email\nSomeone Else,G777@example.com\n' >dup-store.csv
printf 'name,email\nNorthwind,nw@example.com\nNorthwind Ltd,NW@example.com\n' >dup-file.csv
count_before=$(sqlite3 "$CRM_DB" 'SELECT count(*) FROM customer')
try '--check-duplicates: like a stored customer' 4 crm customer import --from dup-store.csv --check-duplicates
err_is <<'EOF'
crm: customer import: line 2: 'Someone Else' is a likely duplicate of G0777 Generated 777, Ltd (same email)
EOF
out_empty
try '--check-duplicates: like an earlier row' 4 crm customer import --from dup-file.csv --check-duplicates
err_is <<'EOF'
crm: customer import: line 3: 'Northwind Ltd' is a likely duplicate of 'Northwind', an earlier row (same name, same email)
EOF
sql_is 'SELECT count(*) FROM customer' <<EOF
$count_before
EOF
try 'without --check-duplicates the same file imports' 0 crm customer import --from dup-file.csv
err_is <<'EOF'
imported 2 customers: 2 added, 0 updated
EOF

done_testing
