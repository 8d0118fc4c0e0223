#!/bin/sh
# crm customer merge: contacts, tags and extra fields move to the customer
# kept; its values win and its empty fields are filled from the duplicate;
# the duplicate is archived; one primary contact survives; the history
# shows it; bad merges are refused and write nothing.
. "$(dirname "$0")/lib.sh"

# counts CUSTOMERS AUDIT: how many customers and audit rows there are.
counts() {
	sql_is 'SELECT count(*) FROM customer; SELECT count(*) FROM audit' <<EOF
$1
$2
EOF
}

try 'add the customer to keep' 0 crm customer add 'Acme Trading' --email sales@acme.example \
	--owner bob --tag vip --field vat=yes --field segment=retail
try 'add its duplicate' 0 crm customer add 'ACME Trading Ltd' --force --email info@acme.example \
	--phone '+44 20 7946 0018' --city London --tier B --credit-limit 5000 --owner carol \
	--note 'came in from the fair' --tag vip --tag wholesale --field vat=no --field size=large
try 'a primary contact of the keeper' 0 crm contact add C00001 'Kim Keep' --primary \
	--email kim@acme.example
try 'a primary contact of the duplicate' 0 crm contact add C00002 'Dan Drop' --primary \
	--email dan@acme.example
try 'another contact of the duplicate' 0 crm contact add C00002 'Dee Drop' --title Buyer
counts 2 12

# ---- bad merges ----

try 'merge a customer into itself' 4 crm customer merge C00001 C00001
out_empty
err_is <<'EOF'
crm: customer merge: cannot merge a customer into itself
EOF
try 'merge a customer into itself by id and code' 4 crm customer merge 1 C00001
err_is <<'EOF'
crm: customer merge: cannot merge a customer into itself
EOF
try 'merge an unknown customer' 3 crm customer merge C00001 C00099
out_empty
err_is <<'EOF'
crm: customer merge: no customer 'C00099'
EOF
try 'merge into an unknown customer' 3 crm customer merge nobody C00002
err_is <<'EOF'
crm: customer merge: no customer 'nobody'
EOF
try 'merge with one argument' 2 crm customer merge C00001
out_empty
err_is <<'EOF'
usage: crm customer merge KEEP DROP
Moves DROP's contacts, tags, extra fields and every other reference to KEEP,
fills KEEP's empty fields from DROP, and archives DROP.
EOF
try 'merge with three arguments' 2 crm customer merge C00001 C00002 C00003
counts 2 12

# ---- the merge ----

try 'merge' 0 crm --user eve customer merge C00001 C00002
out_empty
err_is <<'EOF'
merged C00002 into C00001
EOF

# Keep's values win (name, email, owner); its empty fields are filled
# (phone, city, tier, credit limit, note); the duplicate is archived and
# keeps its own values.
sql_is 'SELECT id, code, name, email, owner, phone, city, tier, credit_limit, note, archived, updated FROM customer ORDER BY id' <<'EOF'
1|C00001|Acme Trading|sales@acme.example|bob|+44 20 7946 0018|London|B|500000|came in from the fair|0|2026-11-22T09:30:00
2|C00002|ACME Trading Ltd|info@acme.example|carol|+44 20 7946 0018|London|B|500000|came in from the fair|1|2026-11-22T09:30:00
EOF
sql_is 'SELECT customer_id, tag FROM customer_tag ORDER BY 1, 2' <<'EOF'
1|vip
1|wholesale
EOF
sql_is 'SELECT customer_id, key, value FROM customer_field ORDER BY 1, 2' <<'EOF'
1|segment|retail
1|size|large
1|vat|yes
EOF
sql_is 'SELECT id, customer_id, name, is_primary, archived FROM contact ORDER BY id' <<'EOF'
1|1|Kim Keep|1|0
2|1|Dan Drop|0|0
3|1|Dee Drop|0|0
EOF
sql_is 'SELECT customer_id, count(*) FROM contact WHERE is_primary = 1 GROUP BY 1' <<'EOF'
1|1
EOF

try 'show the customer kept' 0 crm customer show C00001 --format json
out_is <<'EOF'
{"id":1,"code":"C00001","name":"Acme Trading","kind":"company","status":"active","owner":"bob","email":"sales@acme.example","phone":"+44 20 7946 0018","website":null,"street":null,"city":"London","region":null,"postcode":null,"country":null,"tax_id":null,"industry":null,"source":null,"tier":"B","credit_limit":5000.00,"terms":null,"note":"came in from the fair","campaign":null,"cadence":null,"archived":false,"created":"2026-11-22T09:30:00","updated":"2026-11-22T09:30:00","tags":["vip","wholesale"],"field":{"segment":"retail","size":"large","vat":"yes"},"contacts":[{"id":1,"name":"Kim Keep","title":null,"email":"kim@acme.example","phone":null,"mobile":null,"im":null,"primary":true},{"id":2,"name":"Dan Drop","title":null,"email":"dan@acme.example","phone":null,"mobile":null,"im":null,"primary":false},{"id":3,"name":"Dee Drop","title":"Buyer","email":null,"phone":null,"mobile":null,"im":null,"primary":false}],"effective_cadence":null,"last_contact":null,"next_contact":null,"activities":[],"followups":[],"deals":[],"documents":[],"balance":0.00,"overdue":0.00,"ageing":null,"receipts":[],"cases":[],"rmas":[]}
EOF

try 'the duplicate is left out of the list' 0 crm customer list --columns code,name
out_is <<'EOF'
code,name
C00001,Acme Trading
EOF
try 'the duplicate is archived' 0 crm customer list --archived --columns code,archived --format table
out_is <<'EOF'
CODE    ARCHIVED
C00002  yes
EOF

try 'the moved contacts are found through the customer kept' 0 crm customer search 'dee drop' \
	--columns code
out_is <<'EOF'
code
C00001
EOF
try 'so is the duplicate note' 0 crm customer search fair --columns code
out_is <<'EOF'
code
C00001
EOF

# ---- the history ----

try 'the history of the customer kept' 0 crm history customer C00001 --format csv
out_is <<'EOF'
at,user,action,entity,id,field,old,new
2026-11-22T09:30:00,ann,insert,customer,1,code,,C00001
2026-11-22T09:30:00,ann,insert,customer,1,name,,Acme Trading
2026-11-22T09:30:00,ann,insert,customer,1,kind,,company
2026-11-22T09:30:00,ann,insert,customer,1,status,,active
2026-11-22T09:30:00,ann,insert,customer,1,owner,,bob
2026-11-22T09:30:00,ann,insert,customer,1,email,,sales@acme.example
2026-11-22T09:30:00,ann,insert,customer,1,archived,,0
2026-11-22T09:30:00,ann,insert,tag,1,tag,,vip
2026-11-22T09:30:00,ann,insert,field,1,vat,,yes
2026-11-22T09:30:00,ann,insert,field,1,segment,,retail
2026-11-22T09:30:00,ann,insert,contact,1,customer,,C00001
2026-11-22T09:30:00,ann,insert,contact,1,name,,Kim Keep
2026-11-22T09:30:00,ann,insert,contact,1,email,,kim@acme.example
2026-11-22T09:30:00,ann,insert,contact,1,primary,,1
2026-11-22T09:30:00,ann,insert,contact,1,archived,,0
2026-11-22T09:30:00,eve,update,contact,2,customer,C00002,C00001
2026-11-22T09:30:00,eve,update,contact,3,customer,C00002,C00001
2026-11-22T09:30:00,eve,insert,field,1,size,,large
2026-11-22T09:30:00,eve,insert,tag,1,tag,,wholesale
2026-11-22T09:30:00,eve,update,customer,1,phone,,+44 20 7946 0018
2026-11-22T09:30:00,eve,update,customer,1,city,,London
2026-11-22T09:30:00,eve,update,customer,1,tier,,B
2026-11-22T09:30:00,eve,update,customer,1,credit_limit,,5000.00
2026-11-22T09:30:00,eve,update,customer,1,note,,came in from the fair
EOF

try 'the history of the duplicate' 0 crm history customer C00002 --format csv
out_is <<'EOF'
at,user,action,entity,id,field,old,new
2026-11-22T09:30:00,ann,insert,customer,2,code,,C00002
2026-11-22T09:30:00,ann,insert,customer,2,name,,ACME Trading Ltd
2026-11-22T09:30:00,ann,insert,customer,2,kind,,company
2026-11-22T09:30:00,ann,insert,customer,2,status,,active
2026-11-22T09:30:00,ann,insert,customer,2,owner,,carol
2026-11-22T09:30:00,ann,insert,customer,2,email,,info@acme.example
2026-11-22T09:30:00,ann,insert,customer,2,phone,,+44 20 7946 0018
2026-11-22T09:30:00,ann,insert,customer,2,city,,London
2026-11-22T09:30:00,ann,insert,customer,2,tier,,B
2026-11-22T09:30:00,ann,insert,customer,2,credit_limit,,5000.00
2026-11-22T09:30:00,ann,insert,customer,2,note,,came in from the fair
2026-11-22T09:30:00,ann,insert,customer,2,archived,,0
2026-11-22T09:30:00,ann,insert,tag,2,tag,,vip
2026-11-22T09:30:00,ann,insert,tag,2,tag,,wholesale
2026-11-22T09:30:00,ann,insert,field,2,vat,,no
2026-11-22T09:30:00,ann,insert,field,2,size,,large
2026-11-22T09:30:00,ann,insert,contact,2,customer,,C00002
2026-11-22T09:30:00,ann,insert,contact,2,name,,Dan Drop
2026-11-22T09:30:00,ann,insert,contact,2,email,,dan@acme.example
2026-11-22T09:30:00,ann,insert,contact,2,primary,,1
2026-11-22T09:30:00,ann,insert,contact,2,archived,,0
2026-11-22T09:30:00,ann,insert,contact,3,customer,,C00002
2026-11-22T09:30:00,ann,insert,contact,3,name,,Dee Drop
2026-11-22T09:30:00,ann,insert,contact,3,title,,Buyer
2026-11-22T09:30:00,ann,insert,contact,3,primary,,0
2026-11-22T09:30:00,ann,insert,contact,3,archived,,0
2026-11-22T09:30:00,eve,update,contact,2,primary,1,0
2026-11-22T09:30:00,eve,delete,field,2,size,large,
2026-11-22T09:30:00,eve,delete,field,2,vat,no,
2026-11-22T09:30:00,eve,delete,tag,2,tag,wholesale,
2026-11-22T09:30:00,eve,delete,tag,2,tag,vip,
2026-11-22T09:30:00,eve,update,customer,2,archived,0,1
EOF

# ---- a keeper without a primary contact takes the duplicate's ----

try 'add a keeper without contacts' 0 crm customer add 'Birch Ltd'
try 'add a duplicate with a primary contact' 0 crm customer add 'Birch Limited' --force
try 'its primary contact' 0 crm contact add C00004 'Pia Primary' --primary
try 'merge by id' 0 crm customer merge -q 3 4
out_empty
err_empty
sql_is 'SELECT id, customer_id, name, is_primary FROM contact WHERE id = 4' <<'EOF'
4|3|Pia Primary|1
EOF
sql_is 'SELECT code, archived FROM customer WHERE id IN (3, 4)' <<'EOF'
C00003|0
C00004|1
EOF

done_testing
