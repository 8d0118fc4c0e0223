#!/bin/sh
# crm customer show (by code and id, every format, --columns) and crm customer
# edit (fields, clearing, tags, extra fields, refusals), with the history the
# edits leave.
. "$(dirname "$0")/lib.sh"

# audit_count N: the audit log has N rows (a refused edit adds none).
audit_count() {
	sql_is 'SELECT count(*) FROM audit' <<EOF
$1
EOF
}

crm customer add 'Acme Trading GmbH' --code ACME --owner bob --email info@acme.example \
	--phone '+49 30 1234567' --website https://acme.example --street 'Hauptstr. 1' \
	--city Berlin --region BE --postcode 10115 --country DE --tax-id DE123456 \
	--industry wholesale --source fair --tier gold --credit-limit 1500.50 --terms 30 \
	--note 'Call before noon' --tag vip --tag eu --field vat=yes --field po_required=no \
	>/dev/null
crm customer add Bolt >/dev/null
crm contact add ACME 'Bob Baker' --email bob@acme.example --primary >/dev/null
crm contact add ACME 'Ann Adams' --title CEO --phone '+49 30 1234568' >/dev/null

# ---- show ----

cat >"$T/table" <<'EOF'
id                 1
code               ACME
name               Acme Trading GmbH
kind               company
status             active
owner              bob
email              info@acme.example
phone              +49 30 1234567
website            https://acme.example
street             Hauptstr. 1
city               Berlin
region             BE
postcode           10115
country            DE
tax_id             DE123456
industry           wholesale
source             fair
tier               gold
credit_limit       1500.50
terms              30
note               Call before noon
archived           no
created            2026-11-22T09:30:00
updated            2026-11-22T09:30:00
tags               eu, vip
field.po_required  no
field.vat          yes
balance            0.00
overdue            0.00

contacts:
ID  NAME       TITLE  EMAIL             PHONE           MOBILE  IM  PRIMARY
 1  Bob Baker         bob@acme.example                              yes
 2  Ann Adams  CEO                      +49 30 1234568              no
EOF

try 'show by code, table' 0 crm customer show ACME --format table
out_is <"$T/table"
err_empty

try 'show by id, table' 0 crm customer show 1 --format table
out_is <"$T/table"
err_empty

cat >"$T/json" <<'EOF'
{"id":1,"code":"ACME","name":"Acme Trading GmbH","kind":"company","status":"active","owner":"bob","email":"info@acme.example","phone":"+49 30 1234567","website":"https://acme.example","street":"Hauptstr. 1","city":"Berlin","region":"BE","postcode":"10115","country":"DE","tax_id":"DE123456","industry":"wholesale","source":"fair","tier":"gold","credit_limit":1500.50,"terms":30,"note":"Call before noon","campaign":null,"cadence":null,"archived":false,"created":"2026-11-22T09:30:00","updated":"2026-11-22T09:30:00","tags":["eu","vip"],"field":{"po_required":"no","vat":"yes"},"contacts":[{"id":1,"name":"Bob Baker","title":null,"email":"bob@acme.example","phone":null,"mobile":null,"im":null,"primary":true},{"id":2,"name":"Ann Adams","title":"CEO","email":null,"phone":"+49 30 1234568","mobile":null,"im":null,"primary":false}],"effective_cadence":null,"last_contact":null,"next_contact":null,"activities":[],"followups":[],"deals":[],"documents":[],"balance":0.00,"overdue":0.00,"ageing":null,"receipts":[],"cases":[],"rmas":[]}
EOF

try 'show, json is one object on one line' 0 crm customer show ACME --format json
out_is <"$T/json"
err_empty

try 'show, ndjson is the same line' 0 crm customer show 1 --format ndjson
out_is <"$T/json"

try 'show, csv is a header and one row' 0 crm customer show ACME --format csv
out_is <<'EOF'
id,code,name,kind,status,owner,email,phone,website,street,city,region,postcode,country,tax_id,industry,source,tier,credit_limit,terms,note,campaign,cadence,archived,created,updated,tags,field.po_required,field.vat,effective_cadence,last_contact,next_contact,balance,overdue,ageing
1,ACME,Acme Trading GmbH,company,active,bob,info@acme.example,+49 30 1234567,https://acme.example,Hauptstr. 1,Berlin,BE,10115,DE,DE123456,wholesale,fair,gold,1500.50,30,Call before noon,,,0,2026-11-22T09:30:00,2026-11-22T09:30:00,eu;vip,no,yes,,,,0.00,0.00,
EOF
err_empty

try 'show, csv by default in a pipe' 0 crm customer show ACME --columns code,credit_limit,tags
out_is <<'EOF'
code,credit_limit,tags
ACME,1500.50,eu;vip
EOF

try 'show, tsv' 0 crm customer show ACME --format tsv
out_is <<'EOF'
id	code	name	kind	status	owner	email	phone	website	street	city	region	postcode	country	tax_id	industry	source	tier	credit_limit	terms	note	campaign	cadence	archived	created	updated	tags	field.po_required	field.vat	effective_cadence	last_contact	next_contact	balance	overdue	ageing
1	ACME	Acme Trading GmbH	company	active	bob	info@acme.example	+49 30 1234567	https://acme.example	Hauptstr. 1	Berlin	BE	10115	DE	DE123456	wholesale	fair	gold	1500.50	30	Call before noon			0	2026-11-22T09:30:00	2026-11-22T09:30:00	eu;vip	no	yes				0.00	0.00	
EOF

try 'show a bare customer, table leaves out empty fields' 0 crm customer show C00002 \
	--format table
out_is <<'EOF'
id        2
code      C00002
name      Bolt
kind      company
status    active
archived  no
created   2026-11-22T09:30:00
updated   2026-11-22T09:30:00
balance   0.00
overdue   0.00
EOF

try 'show a bare customer, json keeps them as null' 0 crm customer show 2 --format json
out_is <<'EOF'
{"id":2,"code":"C00002","name":"Bolt","kind":"company","status":"active","owner":null,"email":null,"phone":null,"website":null,"street":null,"city":null,"region":null,"postcode":null,"country":null,"tax_id":null,"industry":null,"source":null,"tier":null,"credit_limit":null,"terms":null,"note":null,"campaign":null,"cadence":null,"archived":false,"created":"2026-11-22T09:30:00","updated":"2026-11-22T09:30:00","tags":[],"field":{},"contacts":[],"effective_cadence":null,"last_contact":null,"next_contact":null,"activities":[],"followups":[],"deals":[],"documents":[],"balance":0.00,"overdue":0.00,"ageing":null,"receipts":[],"cases":[],"rmas":[]}
EOF

try 'show --columns in json' 0 crm customer show ACME --format json \
	--columns code,credit_limit,field
out_is <<'EOF'
{"code":"ACME","credit_limit":1500.50,"field":{"po_required":"no","vat":"yes"}}
EOF

try 'show --columns in a table' 0 crm customer show ACME --format table --columns code,contacts
out_is <<'EOF'
code  ACME

contacts:
ID  NAME       TITLE  EMAIL             PHONE           MOBILE  IM  PRIMARY
 1  Bob Baker         bob@acme.example                              yes
 2  Ann Adams  CEO                      +49 30 1234568              no
EOF

try 'show --columns with an unknown name' 2 crm customer show ACME --columns code,colour
out_empty
err_is <<'EOF'
crm: customer show: unknown column 'colour'
EOF

try 'show an unknown code' 3 crm customer show NOPE
out_empty
err_is <<'EOF'
crm: customer show: no customer 'NOPE'
EOF

try 'show an unknown id' 3 crm customer show 99 --format json
out_empty
err_is <<'EOF'
crm: customer show: no customer '99'
EOF

try 'codes are matched exactly' 3 crm customer show acme
err_is <<'EOF'
crm: customer show: no customer 'acme'
EOF

try 'show without a key' 2 crm customer show
out_empty
err_is <<'EOF'
usage: crm customer show KEY
Shows everything about a customer: fields, tags, extra fields, contacts,
contact cadence, recent activities, open follow-ups, open deals and documents.
EOF

try 'show with two keys' 2 crm customer show ACME 2
out_empty
err_is <<'EOF'
usage: crm customer show KEY
Shows everything about a customer: fields, tags, extra fields, contacts,
contact cadence, recent activities, open follow-ups, open deals and documents.
EOF

audit_count 8

# ---- edit ----

try 'edit changes fields' 0 env CRM_NOW=2026-11-23T10:00:00 "$CRM_BIN" customer edit ACME \
	--city Munich --postcode 80331 --status inactive --terms 45 --credit-limit 2500 \
	--owner sue
out_empty
err_empty
sql_is "SELECT city, postcode, status, terms, credit_limit, owner, created, updated FROM customer WHERE code = 'ACME'" <<'EOF'
Munich|80331|inactive|45|250000|sue|2026-11-22T09:30:00|2026-11-23T10:00:00
EOF
sql_is 'SELECT entity, action, user, at FROM audit WHERE id > 8' <<'EOF'
customer|update|ann|2026-11-23T10:00:00
EOF

try 'edit by id' 0 crm customer edit 2 --industry software --user bob
out_empty
sql_is 'SELECT industry, updated FROM customer WHERE id = 2' <<'EOF'
software|2026-11-22T09:30:00
EOF
sql_is 'SELECT entity, action, user, at FROM audit WHERE id > 9' <<'EOF'
customer|update|bob|2026-11-22T09:30:00
EOF

try "clear a field with --email ''" 0 crm customer edit ACME --email '' --credit-limit ''
out_empty
err_empty
sql_is "SELECT email IS NULL, credit_limit IS NULL, name FROM customer WHERE code = 'ACME'" <<'EOF'
1|1|Acme Trading GmbH
EOF

try 'the cleared fields are gone from show' 0 crm customer show ACME --format json \
	--columns code,email,credit_limit
out_is <<'EOF'
{"code":"ACME","email":null,"credit_limit":null}
EOF

try 'edit tags and extra fields' 0 crm customer edit ACME --tag new --untag eu \
	--field vat= --field region_code=BY
out_empty
sql_is "SELECT tag FROM customer_tag WHERE customer_id = 1 ORDER BY tag" <<'EOF'
new
vip
EOF
sql_is "SELECT key, value FROM customer_field WHERE customer_id = 1 ORDER BY key" <<'EOF'
po_required|no
region_code|BY
EOF

try 'change the name and the code' 0 crm customer edit ACME --name 'Acme Handel AG' --code ACME-DE
out_empty
sql_is 'SELECT code, name, name_key FROM customer WHERE id = 1' <<'EOF'
ACME-DE|Acme Handel AG|acmehandel
EOF

try 'the old code is gone' 3 crm customer show ACME
err_is <<'EOF'
crm: customer show: no customer 'ACME'
EOF

try 'the new name is checked for duplicates' 4 crm customer add 'ACME HANDEL'
err_is <<'EOF'
crm: customer add: 1 likely duplicate of 'ACME HANDEL'; add --force to add it anyway
  ACME-DE	Acme Handel AG	(same name)
EOF

try 'the old name is free again' 0 crm customer add 'Acme Trading' --dry-run -q
out_is <<'EOF'
C00003
EOF

audit_count 16

# ---- history shows each field's old and new value ----

try 'history of the edits' 0 crm history customer ACME-DE
out_is <<'EOF'
at,user,action,entity,id,field,old,new
2026-11-22T09:30:00,ann,insert,customer,1,code,,ACME
2026-11-22T09:30:00,ann,insert,customer,1,name,,Acme Trading GmbH
2026-11-22T09:30:00,ann,insert,customer,1,kind,,company
2026-11-22T09:30:00,ann,insert,customer,1,status,,active
2026-11-22T09:30:00,ann,insert,customer,1,owner,,bob
2026-11-22T09:30:00,ann,insert,customer,1,email,,info@acme.example
2026-11-22T09:30:00,ann,insert,customer,1,phone,,+49 30 1234567
2026-11-22T09:30:00,ann,insert,customer,1,website,,https://acme.example
2026-11-22T09:30:00,ann,insert,customer,1,street,,Hauptstr. 1
2026-11-22T09:30:00,ann,insert,customer,1,city,,Berlin
2026-11-22T09:30:00,ann,insert,customer,1,region,,BE
2026-11-22T09:30:00,ann,insert,customer,1,postcode,,10115
2026-11-22T09:30:00,ann,insert,customer,1,country,,DE
2026-11-22T09:30:00,ann,insert,customer,1,tax_id,,DE123456
2026-11-22T09:30:00,ann,insert,customer,1,industry,,wholesale
2026-11-22T09:30:00,ann,insert,customer,1,source,,fair
2026-11-22T09:30:00,ann,insert,customer,1,tier,,gold
2026-11-22T09:30:00,ann,insert,customer,1,credit_limit,,1500.50
2026-11-22T09:30:00,ann,insert,customer,1,terms,,30
2026-11-22T09:30:00,ann,insert,customer,1,note,,Call before noon
2026-11-22T09:30:00,ann,insert,customer,1,archived,,0
2026-11-22T09:30:00,ann,insert,tag,1,tag,,vip
2026-11-22T09:30:00,ann,insert,tag,1,tag,,eu
2026-11-22T09:30:00,ann,insert,field,1,vat,,yes
2026-11-22T09:30:00,ann,insert,field,1,po_required,,no
2026-11-22T09:30:00,ann,insert,contact,1,customer,,ACME
2026-11-22T09:30:00,ann,insert,contact,1,name,,Bob Baker
2026-11-22T09:30:00,ann,insert,contact,1,email,,bob@acme.example
2026-11-22T09:30:00,ann,insert,contact,1,primary,,1
2026-11-22T09:30:00,ann,insert,contact,1,archived,,0
2026-11-22T09:30:00,ann,insert,contact,2,customer,,ACME
2026-11-22T09:30:00,ann,insert,contact,2,name,,Ann Adams
2026-11-22T09:30:00,ann,insert,contact,2,title,,CEO
2026-11-22T09:30:00,ann,insert,contact,2,phone,,+49 30 1234568
2026-11-22T09:30:00,ann,insert,contact,2,primary,,0
2026-11-22T09:30:00,ann,insert,contact,2,archived,,0
2026-11-23T10:00:00,ann,update,customer,1,status,active,inactive
2026-11-23T10:00:00,ann,update,customer,1,owner,bob,sue
2026-11-23T10:00:00,ann,update,customer,1,city,Berlin,Munich
2026-11-23T10:00:00,ann,update,customer,1,postcode,10115,80331
2026-11-23T10:00:00,ann,update,customer,1,credit_limit,1500.50,2500.00
2026-11-23T10:00:00,ann,update,customer,1,terms,30,45
2026-11-22T09:30:00,ann,update,customer,1,email,info@acme.example,
2026-11-22T09:30:00,ann,update,customer,1,credit_limit,2500.00,
2026-11-22T09:30:00,ann,delete,tag,1,tag,eu,
2026-11-22T09:30:00,ann,insert,tag,1,tag,,new
2026-11-22T09:30:00,ann,delete,field,1,vat,yes,
2026-11-22T09:30:00,ann,insert,field,1,region_code,,BY
2026-11-22T09:30:00,ann,update,customer,1,code,ACME,ACME-DE
2026-11-22T09:30:00,ann,update,customer,1,name,Acme Trading GmbH,Acme Handel AG
EOF
err_empty

try 'history of the customer edited by bob' 0 crm history customer 2 --format table
out_is <<'EOF'
AT                   USER  ACTION  ENTITY    ID  FIELD     OLD  NEW
2026-11-22T09:30:00  ann   insert  customer   2  code           C00002
2026-11-22T09:30:00  ann   insert  customer   2  name           Bolt
2026-11-22T09:30:00  ann   insert  customer   2  kind           company
2026-11-22T09:30:00  ann   insert  customer   2  status         active
2026-11-22T09:30:00  ann   insert  customer   2  archived       0
2026-11-22T09:30:00  bob   update  customer   2  industry       software
EOF

# ---- edit refusals: message, exit code, nothing written ----

try 'an empty name is refused' 4 crm customer edit ACME-DE --name ''
out_empty
err_is <<'EOF'
crm: customer edit: name cannot be empty
EOF
sql_is 'SELECT name FROM customer WHERE id = 1' <<'EOF'
Acme Handel AG
EOF
audit_count 16

try 'a name of blanks is refused' 4 crm customer edit ACME-DE --name '   ' --city Bonn
err_is <<'EOF'
crm: customer edit: name cannot be empty
EOF
audit_count 16

try 'an empty kind is refused' 4 crm customer edit ACME-DE --kind ''
err_is <<'EOF'
crm: customer edit: kind cannot be empty
EOF
audit_count 16

try 'an empty code is refused' 4 crm customer edit ACME-DE --code ''
err_is <<'EOF'
crm: customer edit: code cannot be empty
EOF
audit_count 16

try 'a code that is taken' 4 crm customer edit ACME-DE --code C00002 --city Bonn
out_empty
err_is <<'EOF'
crm: customer edit: customer code 'C00002' is already taken
EOF
sql_is 'SELECT code, city FROM customer WHERE id = 1' <<'EOF'
ACME-DE|Munich
EOF
audit_count 16

try 'an all-digit code' 4 crm customer edit ACME-DE --code 42
err_is <<'EOF'
crm: customer edit: '42' is not a valid code (1-64 letters, digits, . _ - /; not all digits)
EOF
audit_count 16

try 'a bad value among good ones writes nothing' 4 crm customer edit ACME-DE --city Bonn \
	--status sleeping --tag more
out_empty
err_is <<'EOF'
crm: customer edit: 'sleeping' is not a status (lead, prospect, active, inactive, lost)
EOF
sql_is 'SELECT city, status FROM customer WHERE id = 1' <<'EOF'
Munich|inactive
EOF
audit_count 16

try 'an invalid email' 4 crm customer edit ACME-DE --email nobody
err_is <<'EOF'
crm: customer edit: 'nobody' is not an email address
EOF
audit_count 16

try 'a negative credit limit' 4 crm customer edit ACME-DE --credit-limit -1.00
err_is <<'EOF'
crm: customer edit: credit_limit '-1.00' is negative
EOF
audit_count 16

try 'a bad tag' 4 crm customer edit ACME-DE --tag 'two words'
err_is <<'EOF'
crm: customer edit: 'two words' is not a tag (no spaces, commas or semicolons; not starting with + or -)
EOF
audit_count 16

try '--field without =' 4 crm customer edit ACME-DE --field vat
err_is <<'EOF'
crm: customer edit: 'vat' is not an extra field (key=value; key of letters, digits, _ and -)
EOF
audit_count 16

try 'nothing to change' 2 crm customer edit ACME-DE
out_empty
err_is <<'EOF'
crm: customer edit: nothing to change
EOF
audit_count 16

try 'edit an unknown customer' 3 crm customer edit NOPE --city Bonn
out_empty
err_is <<'EOF'
crm: customer edit: no customer 'NOPE'
EOF
audit_count 16

cat >"$T/usage" <<'EOF'
usage: crm customer edit KEY [options]
Changes the given fields of a customer; an empty value clears a field.

   --name NAME
   --code C  --kind company|person  --status lead|prospect|active|inactive|lost
   --owner REP  --email ADDR  --phone NUM  --website URL
   --street S  --city C  --region R  --postcode P  --country C
   --tax-id ID  --industry I  --source S  --campaign C  --tier T
   --credit-limit AMOUNT  --terms DAYS  --cadence DAYS  --note TEXT
   --tag T (repeatable)  --field KEY=VALUE (repeatable)
   --untag T (repeatable)  --field KEY= removes a field
EOF

try 'edit without a key' 2 crm customer edit --city Bonn
out_empty
err_is <"$T/usage"
audit_count 16

try '--dry-run is an add option' 2 crm customer edit ACME-DE --city Bonn --dry-run
out_empty
err_is <"$T/usage"
audit_count 16

try 'edit -h' 0 crm customer edit -h
out_is <"$T/usage"
err_empty

try 'an unchanged value is not logged' 0 crm customer edit ACME-DE --city Munich
out_empty
audit_count 16

done_testing
