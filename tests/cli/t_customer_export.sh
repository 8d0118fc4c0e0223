#!/bin/sh
# crm customer export: every field, tags, field.* columns and archived
# customers, in csv, tsv, json and ndjson; and export → import into an empty
# store gives back the same export, byte for byte.
. "$(dirname "$0")/lib.sh"

HEADER=code,name,kind,status,owner,email,phone,website,street,city,region,postcode,country,tax_id,industry,source,tier,credit_limit,terms,note,campaign,cadence,tags,archived,created,updated

# ---- an empty store ----

try 'export an empty store' 0 crm customer export
out_is <<EOF
$HEADER
EOF
err_empty

try 'export an empty store as json' 0 crm customer export --format json
out_is <<'EOF'
[]
EOF

try 'export an empty store as ndjson' 0 crm customer export --format ndjson
out_empty

# ---- the customers ----

try 'add a customer with every field' 0 crm customer add 'Müller GmbH' --code MUE \
	--kind company --status prospect --owner bob --email info@mueller.example \
	--phone '+49 30 1234567' --website https://mueller.example --street 'Hauptstr. 1' \
	--city Berlin --region BE --postcode 10115 --country DE --tax-id DE123456789 \
	--industry Retail --source fair --tier A --credit-limit 1234.50 --terms 30 \
	--note 'pays on time, "mostly"' --tag vip --tag b2b --field vat=yes \
	--field 'region_code=N,E'
try 'add a person' 0 crm customer add 'Jane Doe' --kind person --status lead \
	--field vat=no --note "$(printf 'first line\nsecond\tline')"
try 'add a customer to archive' 0 crm customer add 'Old Co' --tag gone --credit-limit 0
try 'archive it' 0 crm customer rm C00003
printf 'code,name,created,note\nIMP-1,Imported Ltd,2024-03-01T08:15:00, padded \n' >old.csv
try 'import one with a creation time' 0 crm customer import --from old.csv
try 'a contact, which export leaves out' 0 crm contact add MUE 'Kim Lee' --email kim@mueller.example

# ---- the formats ----

try 'export as csv' 0 crm customer export
out_is <<EOF
$HEADER,field.region_code,field.vat
MUE,Müller GmbH,company,prospect,bob,info@mueller.example,+49 30 1234567,https://mueller.example,Hauptstr. 1,Berlin,BE,10115,DE,DE123456789,Retail,fair,A,1234.50,30,"pays on time, ""mostly""",,,b2b;vip,0,2026-11-22T09:30:00,2026-11-22T09:30:00,"N,E",yes
C00002,Jane Doe,person,lead,,,,,,,,,,,,,,,,"first line
second	line",,,,0,2026-11-22T09:30:00,2026-11-22T09:30:00,,no
C00003,Old Co,company,active,,,,,,,,,,,,,,0.00,,,,,gone,1,2026-11-22T09:30:00,2026-11-22T09:30:00,,
IMP-1,Imported Ltd,company,active,,,,,,,,,,,,,,,,padded,,,,0,2024-03-01T08:15:00,2026-11-22T09:30:00,,
EOF
err_empty
cp "$T/out" export.csv

try 'export as tsv' 0 crm customer export --format tsv
out_is <<'EOF'
code	name	kind	status	owner	email	phone	website	street	city	region	postcode	country	tax_id	industry	source	tier	credit_limit	terms	note	campaign	cadence	tags	archived	created	updated	field.region_code	field.vat
MUE	Müller GmbH	company	prospect	bob	info@mueller.example	+49 30 1234567	https://mueller.example	Hauptstr. 1	Berlin	BE	10115	DE	DE123456789	Retail	fair	A	1234.50	30	pays on time, "mostly"			b2b;vip	0	2026-11-22T09:30:00	2026-11-22T09:30:00	N,E	yes
C00002	Jane Doe	person	lead																first line\nsecond\tline				0	2026-11-22T09:30:00	2026-11-22T09:30:00		no
C00003	Old Co	company	active														0.00					gone	1	2026-11-22T09:30:00	2026-11-22T09:30:00		
IMP-1	Imported Ltd	company	active																padded				0	2024-03-01T08:15:00	2026-11-22T09:30:00		
EOF

try 'export as json' 0 crm customer export --format json
out_is <<'EOF'
[
{"code":"MUE","name":"Müller GmbH","kind":"company","status":"prospect","owner":"bob","email":"info@mueller.example","phone":"+49 30 1234567","website":"https://mueller.example","street":"Hauptstr. 1","city":"Berlin","region":"BE","postcode":"10115","country":"DE","tax_id":"DE123456789","industry":"Retail","source":"fair","tier":"A","credit_limit":1234.50,"terms":30,"note":"pays on time, \"mostly\"","campaign":null,"cadence":null,"tags":"b2b;vip","archived":false,"created":"2026-11-22T09:30:00","updated":"2026-11-22T09:30:00","field.region_code":"N,E","field.vat":"yes"},
{"code":"C00002","name":"Jane Doe","kind":"person","status":"lead","owner":null,"email":null,"phone":null,"website":null,"street":null,"city":null,"region":null,"postcode":null,"country":null,"tax_id":null,"industry":null,"source":null,"tier":null,"credit_limit":null,"terms":null,"note":"first line\nsecond\tline","campaign":null,"cadence":null,"tags":null,"archived":false,"created":"2026-11-22T09:30:00","updated":"2026-11-22T09:30:00","field.region_code":null,"field.vat":"no"},
{"code":"C00003","name":"Old Co","kind":"company","status":"active","owner":null,"email":null,"phone":null,"website":null,"street":null,"city":null,"region":null,"postcode":null,"country":null,"tax_id":null,"industry":null,"source":null,"tier":null,"credit_limit":0.00,"terms":null,"note":null,"campaign":null,"cadence":null,"tags":"gone","archived":true,"created":"2026-11-22T09:30:00","updated":"2026-11-22T09:30:00","field.region_code":null,"field.vat":null},
{"code":"IMP-1","name":"Imported Ltd","kind":"company","status":"active","owner":null,"email":null,"phone":null,"website":null,"street":null,"city":null,"region":null,"postcode":null,"country":null,"tax_id":null,"industry":null,"source":null,"tier":null,"credit_limit":null,"terms":null,"note":"padded","campaign":null,"cadence":null,"tags":null,"archived":false,"created":"2024-03-01T08:15:00","updated":"2026-11-22T09:30:00","field.region_code":null,"field.vat":null}
]
EOF
cp "$T/out" export.json

try 'export as ndjson' 0 crm customer export --format ndjson
out_is <<'EOF'
{"code":"MUE","name":"Müller GmbH","kind":"company","status":"prospect","owner":"bob","email":"info@mueller.example","phone":"+49 30 1234567","website":"https://mueller.example","street":"Hauptstr. 1","city":"Berlin","region":"BE","postcode":"10115","country":"DE","tax_id":"DE123456789","industry":"Retail","source":"fair","tier":"A","credit_limit":1234.50,"terms":30,"note":"pays on time, \"mostly\"","campaign":null,"cadence":null,"tags":"b2b;vip","archived":false,"created":"2026-11-22T09:30:00","updated":"2026-11-22T09:30:00","field.region_code":"N,E","field.vat":"yes"}
{"code":"C00002","name":"Jane Doe","kind":"person","status":"lead","owner":null,"email":null,"phone":null,"website":null,"street":null,"city":null,"region":null,"postcode":null,"country":null,"tax_id":null,"industry":null,"source":null,"tier":null,"credit_limit":null,"terms":null,"note":"first line\nsecond\tline","campaign":null,"cadence":null,"tags":null,"archived":false,"created":"2026-11-22T09:30:00","updated":"2026-11-22T09:30:00","field.region_code":null,"field.vat":"no"}
{"code":"C00003","name":"Old Co","kind":"company","status":"active","owner":null,"email":null,"phone":null,"website":null,"street":null,"city":null,"region":null,"postcode":null,"country":null,"tax_id":null,"industry":null,"source":null,"tier":null,"credit_limit":0.00,"terms":null,"note":null,"campaign":null,"cadence":null,"tags":"gone","archived":true,"created":"2026-11-22T09:30:00","updated":"2026-11-22T09:30:00","field.region_code":null,"field.vat":null}
{"code":"IMP-1","name":"Imported Ltd","kind":"company","status":"active","owner":null,"email":null,"phone":null,"website":null,"street":null,"city":null,"region":null,"postcode":null,"country":null,"tax_id":null,"industry":null,"source":null,"tier":null,"credit_limit":null,"terms":null,"note":"padded","campaign":null,"cadence":null,"tags":null,"archived":false,"created":"2024-03-01T08:15:00","updated":"2026-11-22T09:30:00","field.region_code":null,"field.vat":null}
EOF
cp "$T/out" export.ndjson

# export writes csv where another command would draw a table.
try 'export --format table writes csv' 0 crm customer export --format table
out_is <export.csv

try 'export --columns' 0 crm customer export --columns code,tags,field.vat,archived
out_is <<'EOF'
code,tags,field.vat,archived
MUE,b2b;vip,yes,0
C00002,,no,0
C00003,gone,,1
IMP-1,,,0
EOF

try 'export --no-header' 0 crm customer export --no-header --columns code
out_is <<'EOF'
MUE
C00002
C00003
IMP-1
EOF

# ---- bad options; export writes nothing ----

try 'an unknown column' 2 crm customer export --columns code,colour
out_empty
err_is <<'EOF'
crm: customer export: unknown column 'colour' (columns: code, name, kind, status, owner, email, phone, website, street, city, region, postcode, country, tax_id, industry, source, tier, credit_limit, terms, note, campaign, cadence, tags, archived, created, updated, field.region_code, field.vat)
EOF

try 'an argument' 2 crm customer export MUE
out_empty
err_is <<'EOF'
usage: crm customer export [--format csv|tsv|json|ndjson]
Writes every customer, archived ones too, with every field, tags and extra
fields, in the form 'crm customer import' reads back (csv unless --format).
EOF

sql_is "SELECT count(*) FROM audit WHERE at > '2026-11-22T09:30:00' OR action = 'delete'" <<'EOF'
0
EOF

# ---- round trips: export, import into an empty store, export again ----

try 'csv: import into an empty store' 0 crm --db copy-csv.db customer import --from export.csv
err_is <<'EOF'
imported 4 customers: 4 added, 0 updated
EOF
try 'csv: the copy exports the same csv' 0 crm --db copy-csv.db customer export
out_is <export.csv
try 'csv: the copy exports the same json' 0 crm --db copy-csv.db customer export --format json
out_is <export.json

try 'json: import into an empty store' 0 crm --db copy-json.db customer import --from export.json
err_is <<'EOF'
imported 4 customers: 4 added, 0 updated
EOF
try 'json: the copy exports the same json' 0 crm --db copy-json.db customer export --format json
out_is <export.json
try 'json: the copy exports the same csv' 0 crm --db copy-json.db customer export
out_is <export.csv

try_in 'ndjson: import from standard input' 0 export.ndjson \
	crm --db copy-ndjson.db customer import --format ndjson -q
err_empty
try 'ndjson: the copy exports the same ndjson' 0 crm --db copy-ndjson.db customer export \
	--format ndjson
out_is <export.ndjson

# The copy has the same records, not only the same text: tags, extra fields
# and archived flags are rows of their own.
try 'the copy shows the same customer' 0 crm --db copy-csv.db customer show MUE --format json
out_is <<'EOF'
{"id":1,"code":"MUE","name":"Müller GmbH","kind":"company","status":"prospect","owner":"bob","email":"info@mueller.example","phone":"+49 30 1234567","website":"https://mueller.example","street":"Hauptstr. 1","city":"Berlin","region":"BE","postcode":"10115","country":"DE","tax_id":"DE123456789","industry":"Retail","source":"fair","tier":"A","credit_limit":1234.50,"terms":30,"note":"pays on time, \"mostly\"","campaign":null,"cadence":null,"archived":false,"created":"2026-11-22T09:30:00","updated":"2026-11-22T09:30:00","tags":["b2b","vip"],"field":{"region_code":"N,E","vat":"yes"},"contacts":[],"effective_cadence":null,"last_contact":null,"next_contact":null,"activities":[],"followups":[],"deals":[],"documents":[],"balance":0.00,"overdue":0.00,"ageing":null,"receipts":[],"cases":[],"rmas":[]}
EOF
try 'archived customers stay archived in the copy' 0 crm --db copy-json.db customer list \
	--archived --columns code
out_is <<'EOF'
code
C00003
EOF

# Importing the export again with --update changes nothing, and the audit
# log records nothing: no churn of tags or fields.
try 're-import with --update' 0 crm customer import --from export.csv --update
err_is <<'EOF'
imported 4 customers: 0 added, 4 updated
EOF
try 'the export is unchanged' 0 crm customer export
out_is <export.csv
sql_is "SELECT count(*), count(*) FILTER (WHERE action = 'update') FROM audit" <<'EOF'
12|1
EOF

done_testing
