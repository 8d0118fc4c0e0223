#!/bin/sh
# crm contact: add, list, show, edit, rm; the primary contact; contacts in
# customer show and in search; bad input refused with nothing written.
. "$(dirname "$0")/lib.sh"

# counts CONTACTS AUDIT: how many contacts and audit rows there are.
counts() {
	sql_is 'SELECT count(*) FROM contact; SELECT count(*) FROM audit' <<EOF
$1
$2
EOF
}

try 'add a customer' 0 crm customer add 'Acme Trading' --city Leeds
try 'add another' 0 crm customer add 'Birch Ltd' --code BIRCH

# ---- add ----

try 'add a contact' 0 crm contact add C00001 'Ann Lee' --title CEO --email ann@acme.example \
	--phone '+44 113 496 0000' --mobile '+44 7700 900123' --im '@annlee' --primary
out_is <<'EOF'
1
EOF
err_empty
sql_is 'SELECT id, customer_id, name, title, email, phone, mobile, im, is_primary, archived, created, updated FROM contact' <<'EOF'
1|1|Ann Lee|CEO|ann@acme.example|+44 113 496 0000|+44 7700 900123|@annlee|1|0|2026-11-22T09:30:00|2026-11-22T09:30:00
EOF

try 'add a contact with a name only' 0 crm contact add 1 'Bo Chen'
out_is <<'EOF'
2
EOF

try 'add a contact by customer code' 0 crm contact add BIRCH 'Ann Lee' --email ann@birch.example
out_is <<'EOF'
3
EOF

try 'add a contact named in Greek' 0 crm contact add BIRCH 'Σοφία Παπαδοπούλου' --title 'Λογίστρια'
out_is <<'EOF'
4
EOF
counts 4 6

# ---- bad input writes nothing ----

try 'a bad email' 4 crm contact add C00001 'Cy Dee' --email cy.example.com
out_empty
err_is <<'EOF'
crm: contact add: 'cy.example.com' is not an email address
EOF
try 'a bad phone' 4 crm contact add C00001 'Cy Dee' --phone 'call me'
out_empty
err_is <<'EOF'
crm: contact add: 'call me' is not a phone number
EOF
try 'a bad mobile' 4 crm contact add C00001 'Cy Dee' --mobile 12
err_is <<'EOF'
crm: contact add: '12' is not a phone number
EOF
try 'an empty name' 4 crm contact add C00001 ''
err_is <<'EOF'
crm: contact add: '' is not a contact name
EOF
try 'an unknown customer' 3 crm contact add C00099 'Cy Dee'
out_empty
err_is <<'EOF'
crm: contact add: no customer 'C00099'
EOF
try 'no name' 2 crm contact add C00001
out_empty
err_is <<'EOF'
usage: crm contact add CUSTOMER NAME [--title T] [--email E] [--phone P] [--mobile M]
                [--im HANDLE] [--primary]
Adds a person at a customer and prints the contact's id.
EOF
try 'an unknown option' 2 crm contact add C00001 'Cy Dee' --fax 123
counts 4 6

# ---- list ----

try 'list every contact as a table' 0 crm contact list --format table
out_is <<'EOF'
ID  CUSTOMER  NAME                TITLE      EMAIL              PHONE             MOBILE           PRIMARY
 3  BIRCH     Ann Lee                        ann@birch.example                                     no
 4  BIRCH     Σοφία Παπαδοπούλου  Λογίστρια                                                        no
 1  C00001    Ann Lee             CEO        ann@acme.example   +44 113 496 0000  +44 7700 900123  yes
 2  C00001    Bo Chen                                                                              no
EOF
err_empty

try 'list every contact as csv' 0 crm contact list
out_is <<'EOF'
id,customer,name,title,email,phone,mobile,im,primary,archived,created,updated
3,BIRCH,Ann Lee,,ann@birch.example,,,,0,0,2026-11-22T09:30:00,2026-11-22T09:30:00
4,BIRCH,Σοφία Παπαδοπούλου,Λογίστρια,,,,,0,0,2026-11-22T09:30:00,2026-11-22T09:30:00
1,C00001,Ann Lee,CEO,ann@acme.example,+44 113 496 0000,+44 7700 900123,@annlee,1,0,2026-11-22T09:30:00,2026-11-22T09:30:00
2,C00001,Bo Chen,,,,,,0,0,2026-11-22T09:30:00,2026-11-22T09:30:00
EOF

try 'list the contacts of a customer as tsv' 0 crm contact list C00001 --format tsv
out_is <<'EOF'
id	customer	name	title	email	phone	mobile	im	primary	archived	created	updated
1	C00001	Ann Lee	CEO	ann@acme.example	+44 113 496 0000	+44 7700 900123	@annlee	1	0	2026-11-22T09:30:00	2026-11-22T09:30:00
2	C00001	Bo Chen						0	0	2026-11-22T09:30:00	2026-11-22T09:30:00
EOF

try 'list by customer id as json' 0 crm contact list 2 --format json --columns id,name,title,primary
out_is <<'EOF'
[
{"id":3,"name":"Ann Lee","title":null,"primary":false},
{"id":4,"name":"Σοφία Παπαδοπούλου","title":"Λογίστρια","primary":false}
]
EOF

try 'list as ndjson' 0 crm contact list C00001 --format ndjson
out_is <<'EOF'
{"id":1,"customer":"C00001","name":"Ann Lee","title":"CEO","email":"ann@acme.example","phone":"+44 113 496 0000","mobile":"+44 7700 900123","im":"@annlee","primary":true,"archived":false,"created":"2026-11-22T09:30:00","updated":"2026-11-22T09:30:00"}
{"id":2,"customer":"C00001","name":"Bo Chen","title":null,"email":null,"phone":null,"mobile":null,"im":null,"primary":false,"archived":false,"created":"2026-11-22T09:30:00","updated":"2026-11-22T09:30:00"}
EOF

try 'list an unknown customer' 3 crm contact list C00099
out_empty
err_is <<'EOF'
crm: contact list: no customer 'C00099'
EOF

try 'list with two customers' 2 crm contact list C00001 BIRCH
out_empty

# ---- show: by id, email or name ----

try 'show by id' 0 crm contact show 1 --format table
out_is <<'EOF'
id        1
customer  C00001
name      Ann Lee
title     CEO
email     ann@acme.example
phone     +44 113 496 0000
mobile    +44 7700 900123
im        @annlee
primary   yes
archived  no
created   2026-11-22T09:30:00
updated   2026-11-22T09:30:00
EOF
err_empty

try 'show by email, any case' 0 crm contact show ANN@Birch.Example --format json
out_is <<'EOF'
{"id":3,"customer":"BIRCH","name":"Ann Lee","title":null,"email":"ann@birch.example","phone":null,"mobile":null,"im":null,"primary":false,"archived":false,"created":"2026-11-22T09:30:00","updated":"2026-11-22T09:30:00"}
EOF

try 'show by name' 0 crm contact show 'bo chen' --format csv
out_is <<'EOF'
id,customer,name,title,email,phone,mobile,im,primary,archived,created,updated
2,C00001,Bo Chen,,,,,,0,0,2026-11-22T09:30:00,2026-11-22T09:30:00
EOF

try 'show as tsv' 0 crm contact show 4 --format tsv
out_is <<'EOF'
id	customer	name	title	email	phone	mobile	im	primary	archived	created	updated
4	BIRCH	Σοφία Παπαδοπούλου	Λογίστρια					0	0	2026-11-22T09:30:00	2026-11-22T09:30:00
EOF

try 'show as ndjson' 0 crm contact show 2 --format ndjson --columns id,name
out_is <<'EOF'
{"id":2,"name":"Bo Chen"}
EOF

try 'a name two contacts share' 4 crm contact show 'Ann Lee'
out_empty
err_is <<'EOF'
crm: contact show: 'Ann Lee' names 2 contacts (ids 1, 3); use the id
EOF

try 'an unknown contact' 3 crm contact show 'Nobody Here'
out_empty
err_is <<'EOF'
crm: contact show: no contact 'Nobody Here'
EOF

try 'an unknown id' 3 crm contact show 99
err_is <<'EOF'
crm: contact show: no contact '99'
EOF

# ---- in customer show and in search ----

try 'customer show lists the contacts' 0 crm customer show C00001 --format table
out_is <<'EOF'
id        1
code      C00001
name      Acme Trading
kind      company
status    active
city      Leeds
archived  no
created   2026-11-22T09:30:00
updated   2026-11-22T09:30:00
balance   0.00
overdue   0.00

contacts:
ID  NAME     TITLE  EMAIL             PHONE             MOBILE           IM       PRIMARY
 1  Ann Lee  CEO    ann@acme.example  +44 113 496 0000  +44 7700 900123  @annlee  yes
 2  Bo Chen                                                                       no
EOF

try 'customer show as json' 0 crm customer show BIRCH --format json --columns code,contacts
out_is <<'EOF'
{"code":"BIRCH","contacts":[{"id":3,"name":"Ann Lee","title":null,"email":"ann@birch.example","phone":null,"mobile":null,"im":null,"primary":false},{"id":4,"name":"Σοφία Παπαδοπούλου","title":"Λογίστρια","email":null,"phone":null,"mobile":null,"im":null,"primary":false}]}
EOF

try 'search by a contact name' 0 crm customer search chen --columns code,name
out_is <<'EOF'
code,name
C00001,Acme Trading
EOF

try 'search by a contact name, case and accents folded' 0 crm customer search ΣΟΦΙΑ --columns code
out_is <<'EOF'
code
BIRCH
EOF

try 'search by a contact email' 0 crm customer search ann@birch --columns code
out_is <<'EOF'
code
BIRCH
EOF

try 'search by a contact mobile' 0 crm customer search 900123 --columns code
out_is <<'EOF'
code
C00001
EOF

# ---- edit ----

try 'edit fields' 0 crm --user bob contact edit 2 --title CFO --email bo@acme.example \
	--phone '+44 113 496 0001'
out_empty
err_empty
sql_is 'SELECT name, title, email, phone, is_primary FROM contact WHERE id = 2' <<'EOF'
Bo Chen|CFO|bo@acme.example|+44 113 496 0001|0
EOF

try 'clear a field with an empty value' 0 crm contact edit bo@acme.example --title '' --im ''
sql_is 'SELECT title IS NULL, im IS NULL, email FROM contact WHERE id = 2' <<'EOF'
1|1|bo@acme.example
EOF

try 'rename' 0 crm contact edit 'Bo Chen' --name 'Bo Chen-Li'
sql_is 'SELECT name FROM contact WHERE id = 2' <<'EOF'
Bo Chen-Li
EOF

try 'search follows an edit' 0 crm customer search chen li --columns code
out_is <<'EOF'
code
C00001
EOF

try 'edit with a bad email' 4 crm contact edit 2 --email 'bo@'
out_empty
err_is <<'EOF'
crm: contact edit: 'bo@' is not an email address
EOF
try 'edit with a bad phone' 4 crm contact edit 2 --phone abc
err_is <<'EOF'
crm: contact edit: 'abc' is not a phone number
EOF
try 'edit to an empty name' 4 crm contact edit 2 --name ''
err_is <<'EOF'
crm: contact edit: '' is not a contact name
EOF
try 'edit nothing' 2 crm contact edit 2
err_is <<'EOF'
crm: contact edit: nothing to change
EOF
try 'edit an ambiguous name' 4 crm contact edit 'ann lee' --title Boss
err_is <<'EOF'
crm: contact edit: 'ann lee' names 2 contacts (ids 1, 3); use the id
EOF
try 'edit an unknown contact' 3 crm contact edit 99 --title Boss
err_is <<'EOF'
crm: contact edit: no contact '99'
EOF
sql_is 'SELECT name, title, email, phone FROM contact WHERE id = 2' <<'EOF'
Bo Chen-Li||bo@acme.example|+44 113 496 0001
EOF

# ---- the primary contact ----

try 'make another contact primary' 0 crm contact edit 2 --primary
sql_is 'SELECT id, is_primary FROM contact WHERE customer_id = 1 ORDER BY id' <<'EOF'
1|0
2|1
EOF

try 'a new primary contact takes over' 0 crm contact add C00001 'Cy Dee' --primary
out_is <<'EOF'
5
EOF
sql_is 'SELECT id, is_primary FROM contact WHERE customer_id = 1 ORDER BY id' <<'EOF'
1|0
2|0
5|1
EOF

try '--no-primary' 0 crm contact edit 5 --no-primary
sql_is 'SELECT count(*) FROM contact WHERE is_primary = 1' <<'EOF'
0
EOF
try 'primary again' 0 crm contact edit 1 --primary
try 'the primary comes first in the list' 0 crm contact list C00001 --columns id,name,primary
out_is <<'EOF'
id,name,primary
1,Ann Lee,1
2,Bo Chen-Li,0
5,Cy Dee,0
EOF

# ---- rm ----

try 'remove a contact' 0 crm contact rm 1
out_empty
err_empty
sql_is 'SELECT id, is_primary, archived FROM contact WHERE id = 1' <<'EOF'
1|0|1
EOF
try 'the list leaves it out' 0 crm contact list C00001 --columns id,name
out_is <<'EOF'
id,name
2,Bo Chen-Li
5,Cy Dee
EOF
try 'the list with --all keeps it' 0 crm contact list C00001 --all --columns id,name,archived
out_is <<'EOF'
id,name,archived
1,Ann Lee,1
2,Bo Chen-Li,0
5,Cy Dee,0
EOF
try 'customer show leaves it out' 0 crm customer show C00001 --format json --columns contacts
out_is <<'EOF'
{"contacts":[{"id":2,"name":"Bo Chen-Li","title":null,"email":"bo@acme.example","phone":"+44 113 496 0001","mobile":null,"im":null,"primary":false},{"id":5,"name":"Cy Dee","title":null,"email":null,"phone":null,"mobile":null,"im":null,"primary":false}]}
EOF
try 'search leaves it out' 0 crm customer search 900123 --columns code
out_is <<'EOF'
code
EOF
try 'its name is no longer ambiguous' 0 crm contact show 'Ann Lee' --columns id,customer
out_is <<'EOF'
id,customer
3,BIRCH
EOF
try 'remove an unknown contact' 3 crm contact rm 99
err_is <<'EOF'
crm: contact rm: no contact '99'
EOF
try 'remove without a key' 2 crm contact rm

# ---- the history ----

try 'the history of a contact' 0 crm history contact 2 --format csv
out_is <<'EOF'
at,user,action,entity,id,field,old,new
2026-11-22T09:30:00,ann,insert,contact,2,customer,,C00001
2026-11-22T09:30:00,ann,insert,contact,2,name,,Bo Chen
2026-11-22T09:30:00,ann,insert,contact,2,primary,,0
2026-11-22T09:30:00,ann,insert,contact,2,archived,,0
2026-11-22T09:30:00,bob,update,contact,2,title,,CFO
2026-11-22T09:30:00,bob,update,contact,2,email,,bo@acme.example
2026-11-22T09:30:00,bob,update,contact,2,phone,,+44 113 496 0001
2026-11-22T09:30:00,ann,update,contact,2,title,CFO,
2026-11-22T09:30:00,ann,update,contact,2,name,Bo Chen,Bo Chen-Li
2026-11-22T09:30:00,ann,update,contact,2,primary,0,1
2026-11-22T09:30:00,ann,update,contact,2,primary,1,0
EOF
counts 5 16

done_testing
