#!/bin/sh
# crm customer rm (archive, --purge) and crm customer tag (+a -b bare).
. "$(dirname "$0")/lib.sh"

audit_count() {
	sql_is 'SELECT count(*) FROM audit' <<EOF
$1
EOF
}

crm customer add Alpha --tag old --tag keep --field k=v >/dev/null
crm customer add Bravo >/dev/null
crm customer add Charlie --code CH >/dev/null
crm contact add C00001 'Bob Baker' >/dev/null
audit_count 7

# ---- rm archives ----

try 'rm archives' 0 env CRM_NOW=2026-11-23T08:00:00 "$CRM_BIN" customer rm C00001
out_empty
err_is <<'EOF'
archived C00001
EOF
sql_is 'SELECT code, archived, created, updated FROM customer ORDER BY id' <<'EOF'
C00001|1|2026-11-22T09:30:00|2026-11-23T08:00:00
C00002|0|2026-11-22T09:30:00|2026-11-22T09:30:00
CH|0|2026-11-22T09:30:00|2026-11-22T09:30:00
EOF
sql_is "SELECT entity, action, user, at, json_extract(old, '\$.archived'), json_extract(new, '\$.archived') FROM audit WHERE id > 7" <<'EOF'
customer|update|ann|2026-11-23T08:00:00|0|1
EOF
sql_is 'SELECT count(*) FROM contact; SELECT count(*) FROM customer_tag; SELECT count(*) FROM customer_field' <<'EOF'
1
2
1
EOF

try 'list hides the archived customer' 0 crm customer list --columns code,name
out_is <<'EOF'
code,name
C00002,Bravo
CH,Charlie
EOF

try 'list --all shows it' 0 crm customer list --all --columns code,archived
out_is <<'EOF'
code,archived
C00001,1
C00002,0
CH,0
EOF

try 'list --archived shows only it' 0 crm customer list --archived --format table \
	--columns code,name,archived,updated
out_is <<'EOF'
CODE    NAME   ARCHIVED  UPDATED
C00001  Alpha  yes       2026-11-23T08:00:00
EOF

try 'show still finds it' 0 crm customer show C00001 --format json --columns code,archived,tags
out_is <<'EOF'
{"code":"C00001","archived":true,"tags":["keep","old"]}
EOF

try 'history shows the archiving' 0 crm history customer C00001 --format table
out_is <<'EOF'
AT                   USER  ACTION  ENTITY    ID  FIELD     OLD  NEW
2026-11-22T09:30:00  ann   insert  customer   1  code           C00001
2026-11-22T09:30:00  ann   insert  customer   1  name           Alpha
2026-11-22T09:30:00  ann   insert  customer   1  kind           company
2026-11-22T09:30:00  ann   insert  customer   1  status         active
2026-11-22T09:30:00  ann   insert  customer   1  archived       0
2026-11-22T09:30:00  ann   insert  tag        1  tag            old
2026-11-22T09:30:00  ann   insert  tag        1  tag            keep
2026-11-22T09:30:00  ann   insert  field      1  k              v
2026-11-22T09:30:00  ann   insert  contact    1  customer       C00001
2026-11-22T09:30:00  ann   insert  contact    1  name           Bob Baker
2026-11-22T09:30:00  ann   insert  contact    1  primary        0
2026-11-22T09:30:00  ann   insert  contact    1  archived       0
2026-11-23T08:00:00  ann   update  customer   1  archived  0    1
EOF

try 'rm by id, quietly' 0 crm customer rm 2 -q
out_empty
err_empty
sql_is "SELECT archived FROM customer WHERE id = 2" <<'EOF'
1
EOF
audit_count 9

try 'rm an archived customer again' 0 crm customer rm C00002
err_is <<'EOF'
archived C00002
EOF
audit_count 9

# ---- rm --purge deletes ----

try 'rm --purge' 0 env CRM_NOW=2026-11-24T07:00:00 "$CRM_BIN" customer rm C00001 --purge
out_empty
err_is <<'EOF'
deleted C00001
EOF
sql_is 'SELECT code FROM customer ORDER BY id' <<'EOF'
C00002
CH
EOF
sql_is 'SELECT count(*) FROM contact; SELECT count(*) FROM customer_tag; SELECT count(*) FROM customer_field' <<'EOF'
0
0
0
EOF
sql_is 'SELECT entity, action, user, at, old FROM audit WHERE id > 9' <<'EOF'
contact|delete|ann|2026-11-24T07:00:00|{"name":"Bob Baker"}
field|delete|ann|2026-11-24T07:00:00|{"k":"v"}
tag|delete|ann|2026-11-24T07:00:00|{"tag":"keep"}
tag|delete|ann|2026-11-24T07:00:00|{"tag":"old"}
customer|delete|ann|2026-11-24T07:00:00|{"code":"C00001","name":"Alpha"}
EOF

try 'a purged customer is not found' 3 crm customer show C00001
out_empty
err_is <<'EOF'
crm: customer show: no customer 'C00001'
EOF

try 'a purged customer is in no list' 0 crm customer list --all --columns code
out_is <<'EOF'
code
C00002
CH
EOF

try 'rm --purge of an archived customer by id' 0 crm customer rm 2 --purge --user bob
err_is <<'EOF'
deleted 2
EOF
sql_is "SELECT entity, action, user, old FROM audit WHERE id > 14" <<'EOF'
customer|delete|bob|{"code":"C00002","name":"Bravo"}
EOF
sql_is 'SELECT id, code FROM customer' <<'EOF'
3|CH
EOF
audit_count 15

# ---- rm refusals ----

try 'rm an unknown customer' 3 crm customer rm NOPE
out_empty
err_is <<'EOF'
crm: customer rm: no customer 'NOPE'
EOF
audit_count 15

try 'rm --purge an unknown id' 3 crm customer rm 42 --purge
err_is <<'EOF'
crm: customer rm: no customer '42'
EOF
audit_count 15

cat >"$T/rm-usage" <<'EOF'
usage: crm customer rm KEY [--purge]
Archives a customer; --purge deletes it with its contacts, tags and extra
fields, and is refused while other records refer to it.
EOF

try 'rm without a key' 2 crm customer rm
out_empty
err_is <"$T/rm-usage"
audit_count 15

try 'rm with two keys' 2 crm customer rm CH D
err_is <"$T/rm-usage"
audit_count 15

try 'rm with an unknown option' 2 crm customer rm CH --force
err_is <<EOF
crm: customer rm: unrecognized option '--force'
$(cat "$T/rm-usage")
EOF
sql_is 'SELECT archived FROM customer WHERE id = 3' <<'EOF'
0
EOF

try 'rm -h' 0 crm customer rm -h
out_is <"$T/rm-usage"
err_empty

# ---- tag ----

crm customer add Delta --code D >/dev/null
audit_count 16

try 'bare and + tags are added' 0 crm customer tag D a +b c
out_empty
err_empty
sql_is "SELECT tag FROM customer_tag WHERE customer_id = 4 ORDER BY tag" <<'EOF'
a
b
c
EOF
sql_is 'SELECT entity, action, user, at, new FROM audit WHERE id > 16' <<'EOF'
tag|insert|ann|2026-11-22T09:30:00|{"tag":"a"}
tag|insert|ann|2026-11-22T09:30:00|{"tag":"b"}
tag|insert|ann|2026-11-22T09:30:00|{"tag":"c"}
EOF

try '+a -b: add one, remove another' 0 crm customer tag D +d -b
out_empty
sql_is "SELECT tag FROM customer_tag WHERE customer_id = 4 ORDER BY tag" <<'EOF'
a
c
d
EOF
sql_is 'SELECT entity, action, old, new FROM audit WHERE id > 19' <<'EOF'
tag|delete|{"tag":"b"}|
tag|insert||{"tag":"d"}
EOF

try 'tags show in the list, sorted' 0 crm customer list --columns code,tags
out_is <<'EOF'
code,tags
CH,
D,a;c;d
EOF

try 'list --tag finds the new tag' 0 crm customer list --tag d --columns code
out_is <<'EOF'
code
D
EOF

try 'adding a tag twice and removing an absent one change nothing' 0 crm customer tag 4 a -zz
out_empty
sql_is "SELECT group_concat(tag, ',') FROM (SELECT tag FROM customer_tag WHERE customer_id = 4 ORDER BY tag)" <<'EOF'
a,c,d
EOF
audit_count 21

try 'tag case matters' 0 crm customer tag D VIP
sql_is "SELECT group_concat(tag, ',') FROM (SELECT tag FROM customer_tag WHERE customer_id = 4 ORDER BY tag)" <<'EOF'
VIP,a,c,d
EOF
audit_count 22

crm -q customer rm CH
try 'tag an archived customer' 0 crm customer tag CH lapsed
sql_is "SELECT tag FROM customer_tag WHERE customer_id = 3" <<'EOF'
lapsed
EOF
audit_count 24

try 'history shows tag changes' 0 crm history customer D --columns action,entity,field,old,new
out_is <<'EOF'
action,entity,field,old,new
insert,customer,code,,D
insert,customer,name,,Delta
insert,customer,kind,,company
insert,customer,status,,active
insert,customer,archived,,0
insert,tag,tag,,a
insert,tag,tag,,b
insert,tag,tag,,c
delete,tag,tag,b,
insert,tag,tag,,d
insert,tag,tag,,VIP
EOF

# ---- tag refusals ----

try 'a tag with a space' 4 crm customer tag D 'big fish'
out_empty
err_is <<'EOF'
crm: customer tag: 'big fish' is not a tag (no spaces, commas or semicolons; not starting with + or -)
EOF
audit_count 24

try 'a bad tag among good ones writes nothing' 4 crm customer tag D good -a 'x;y'
err_is <<'EOF'
crm: customer tag: 'x;y' is not a tag (no spaces, commas or semicolons; not starting with + or -)
EOF
sql_is "SELECT group_concat(tag, ',') FROM (SELECT tag FROM customer_tag WHERE customer_id = 4 ORDER BY tag)" <<'EOF'
VIP,a,c,d
EOF
audit_count 24

try 'a lone -' 4 crm customer tag D -
err_is <<'EOF'
crm: customer tag: '-' is not a tag (no spaces, commas or semicolons; not starting with + or -)
EOF
audit_count 24

try 'a lone +' 4 crm customer tag D +
err_is <<'EOF'
crm: customer tag: '' is not a tag (no spaces, commas or semicolons; not starting with + or -)
EOF
audit_count 24

try 'a tag of 65 characters' 4 crm customer tag D \
	x2345678901234567890123456789012345678901234567890123456789012345
err_is <<'EOF'
crm: customer tag: 'x2345678901234567890123456789012345678901234567890123456789012345' is not a tag (no spaces, commas or semicolons; not starting with + or -)
EOF
audit_count 24

try 'tag an unknown customer' 3 crm customer tag NOPE a
out_empty
err_is <<'EOF'
crm: customer tag: no customer 'NOPE'
EOF
audit_count 24

cat >"$T/tag-usage" <<'EOF'
usage: crm customer tag KEY [+]TAG... -TAG...
Adds tags (TAG or +TAG) and removes them (-TAG).
EOF

try 'tag without tags' 2 crm customer tag D
out_empty
err_is <"$T/tag-usage"
audit_count 24

try 'tag without anything' 2 crm customer tag
err_is <"$T/tag-usage"

try 'tag -h' 0 crm customer tag -h
out_is <"$T/tag-usage"
err_empty

# Ids and generated codes are never handed out again after a purge, so a new
# customer does not inherit a purged one's code or history.
try 'add the newest' 0 crm customer add Zulu
out_is <<'EOF'
C00005
EOF
crm customer rm C00005 --purge -q
try 'the next customer after a purge of the newest' 0 crm customer add Echo
out_is <<'EOF'
C00006
EOF
try 'it has only its own history' 0 crm history customer C00006 --columns action,field,new
out_is <<'EOF'
action,field,new
insert,code,C00006
insert,name,Echo
insert,kind,company
insert,status,active
insert,archived,0
EOF

done_testing
