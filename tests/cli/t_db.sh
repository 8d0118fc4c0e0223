#!/bin/sh
# crm db init, check, backup and migrate, and crm history.
. "$(dirname "$0")/lib.sh"

# ---- init ----

try 'init creates the database' 0 crm db init
out_is <<EOF
$T/crm.db
EOF
err_is <<'EOF'
database ready, schema version 5
EOF
sql_is 'PRAGMA application_id; PRAGMA user_version; PRAGMA journal_mode; SELECT count(*) FROM customer' <<'EOF'
1129467185
5
wal
0
EOF
stat -c %a "$T/crm.db" >"$T/mode"
compare 'mode 0600' "$T/mode" <<'EOF'
600
EOF

crm customer add 'Acme Trading' --code ACME --tag vip --field vat=yes --credit-limit 1500.50 \
	>/dev/null
crm contact add ACME 'Bob Baker' --email bob@acme.example --primary >/dev/null
CRM_NOW=2026-11-23T08:00:00 crm customer edit ACME --city Berlin --user bob
crm customer add Bolt >/dev/null

try 'init again keeps the data' 0 crm db init -q
out_is <<EOF
$T/crm.db
EOF
err_empty
sql_is 'SELECT code FROM customer ORDER BY id' <<'EOF'
ACME
C00002
EOF

try 'init makes the directories' 0 crm --db new/sub/crm.db db init
out_is <<'EOF'
new/sub/crm.db
EOF
err_is <<'EOF'
database ready, schema version 5
EOF
stat -c '%a %n' new new/sub new/sub/crm.db >"$T/mode"
compare 'modes 0700 and 0600' "$T/mode" <<'EOF'
700 new
700 new/sub
600 new/sub/crm.db
EOF

try 'init with an argument' 2 crm db init extra
out_empty
err_is <<'EOF'
usage: crm db init
Creates the database (and its directory) if it does not exist yet.
EOF

sqlite3 "$T/foreign.db" 'CREATE TABLE t (x)'
try 'init refuses a foreign database' 1 crm --db "$T/foreign.db" db init
out_empty
err_is <<EOF
crm: db init: $T/foreign.db is not a crm database
EOF
sql_is_foreign() { sqlite3 "$T/foreign.db" "$1" >"$T/sql" 2>&1; compare "database: $1" "$T/sql"; }
sql_is_foreign 'SELECT name FROM sqlite_schema' <<'EOF'
t
EOF

# ---- check ----

try 'check a sound database' 0 crm db check
out_empty
err_is <<EOF
ok: $T/crm.db
EOF

try 'check -q' 0 crm db check -q
out_empty
err_empty

# Break the database behind crm's back: rows whose customer is gone.  The
# triggers call crm's own SQL functions, so they go first.
cp "$T/crm.db" "$T/broken.db"
sqlite3 "$T/broken.db" "DROP TRIGGER customer_audit_delete; DROP TRIGGER customer_fts_delete;
	PRAGMA foreign_keys = OFF; DELETE FROM customer WHERE code = 'ACME'"

try 'check finds broken references' 1 crm --db "$T/broken.db" db check
out_is <<'EOF'
foreign key: customer_field refers to a missing customer
foreign key: customer_tag refers to a missing customer
foreign key: contact row 1 refers to a missing customer
EOF
err_is <<EOF
crm: db check: 3 problems found in $T/broken.db
EOF

try 'check with an argument' 2 crm db check now
out_empty
err_is <<'EOF'
usage: crm db check
Checks the database's integrity and foreign keys; prints each problem.
EOF

# ---- backup ----

try 'backup' 0 crm db backup "$T/copy.db"
out_empty
err_is <<EOF
backed up $T/crm.db to $T/copy.db
EOF
stat -c %a "$T/copy.db" >"$T/mode"
compare 'the copy is mode 0600' "$T/mode" <<'EOF'
600
EOF

try 'the backup is a working crm database' 0 crm --db "$T/copy.db" db check
err_is <<EOF
ok: $T/copy.db
EOF

crm customer list --all >"$T/live-list"
try 'the backup has the same customers' 0 crm --db "$T/copy.db" customer list --all
out_is <"$T/live-list"

crm customer show ACME --format json >"$T/live-show"
try 'the backup has the same tags, fields and contacts' 0 crm --db "$T/copy.db" customer show \
	ACME --format json
out_is <"$T/live-show"

for table in customer customer_tag customer_field contact audit; do
	sqlite3 "$T/crm.db" "SELECT * FROM $table" >"$T/live-rows"
	sqlite3 "$T/copy.db" "SELECT * FROM $table" >"$T/copy-rows"
	last_desc="backup"
	compare "same rows in $table" "$T/copy-rows" <"$T/live-rows"
done
sqlite3 "$T/copy.db" 'PRAGMA application_id; PRAGMA user_version' >"$T/copy-rows"
compare 'the same application id and schema version' "$T/copy-rows" <<'EOF'
1129467185
5
EOF

try 'the backup takes writes of its own' 0 crm --db "$T/copy.db" customer add 'Only In Copy'
out_is <<'EOF'
C00003
EOF
sql_is 'SELECT count(*) FROM customer' <<'EOF'
2
EOF

cp "$T/copy.db" "$T/copy.before"
try 'backup to an existing file is refused' 4 crm db backup "$T/copy.db"
out_empty
err_is <<EOF
crm: db backup: cannot create $T/copy.db: File exists
EOF
cmp -s "$T/copy.db" "$T/copy.before"
report $? 'backup to an existing file is refused: the file is untouched'

try 'backup into a missing directory' 1 crm db backup "$T/no/such/dir/copy.db"
out_empty
err_is <<EOF
crm: db backup: cannot create $T/no/such/dir/copy.db: No such file or directory
EOF

cat >"$T/backup-usage" <<'EOF'
usage: crm db backup FILE
Copies the live database to FILE (which must not exist) with SQLite's online backup.
EOF

try 'backup without a file' 2 crm db backup
out_empty
err_is <"$T/backup-usage"

try 'backup with two files' 2 crm db backup a.db b.db
err_is <"$T/backup-usage"
test ! -e a.db && test ! -e b.db
report $? 'backup with two files: nothing created'

# ---- migrate ----

try 'migrate an up-to-date database' 0 crm db migrate
out_empty
err_is <<'EOF'
schema is up to date (version 5)
EOF

try 'migrate -q' 0 crm -q db migrate
out_empty
err_empty

: >"$T/empty.db"
try 'migrate an empty file' 0 crm --db "$T/empty.db" db migrate
err_is <<'EOF'
schema is up to date (version 5)
EOF
sqlite3 "$T/empty.db" 'PRAGMA application_id; PRAGMA user_version; SELECT count(*) FROM customer' >"$T/sql"
compare 'it holds the schema' "$T/sql" <<'EOF'
1129467185
5
0
EOF

# A database written by crm 0.1 (schema version 1, made with that release:
# two customers, a contact, an edit) is brought forward on first use.
cp "$TESTS_DIR/cli/data/schema-v1.db" "$T/v1.db"
try 'migrate a version 1 database' 0 crm --db "$T/v1.db" db migrate
out_empty
err_is <<'EOF'
migrated schema from version 1 to 5
EOF
sqlite3 "$T/v1.db" 'PRAGMA user_version; SELECT code, name, campaign, cadence FROM customer ORDER BY id; SELECT count(*) FROM audit' >"$T/sql"
compare 'the data is kept and the new columns are empty' "$T/sql" <<'EOF'
5
ACME|Acme Ltd||
C00002|Globex||
4
EOF
# A migrated table has the columns of a new one, in the same order, and the
# database every table, index, view and trigger of a new one.
sqlite3 "$T/v1.db" "SELECT group_concat(name, ',') FROM pragma_table_info('customer')" >"$T/sql"
sqlite3 "$T/crm.db" "SELECT group_concat(name, ',') FROM pragma_table_info('customer')" >"$T/want-cols"
compare 'the customer table has the shape of a new one' "$T/sql" <"$T/want-cols"
sqlite3 "$T/v1.db" "SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name" >"$T/sql"
sqlite3 "$T/crm.db" "SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name" >"$T/want-objects"
compare 'every table, index, view and trigger of a new database' "$T/sql" <"$T/want-objects"
try 'the new fields work on the migrated data' 0 crm --db "$T/v1.db" customer edit ACME --cadence 30 --campaign fair
try 'and are audited' 0 crm --db "$T/v1.db" history customer ACME --columns field,old,new
out_is <<'EOF'
field,old,new
code,,ACME
name,,Acme Ltd
kind,,company
status,,active
owner,,bob
city,,Leeds
tier,,gold
archived,,0
customer,,ACME
name,,Jane Roe
email,,jane@acme.example
primary,,1
archived,,0
note,,key account
campaign,,fair
cadence,,30
EOF
cp "$TESTS_DIR/cli/data/schema-v1.db" "$T/v1b.db"
try 'any command migrates an older database first' 0 crm --db "$T/v1b.db" customer list --columns code,cadence
out_is <<'EOF'
code,cadence
ACME,
C00002,
EOF
sqlite3 "$T/v1b.db" 'PRAGMA user_version' >"$T/sql"
compare 'to the current version' "$T/sql" <<'EOF'
5
EOF

# A database of version 3 (made with that release: two invoices of 300.00 and
# 100.00, a credit note of 100.00 for the first and a void one for the
# second) gains the receivables: the credit note settles its invoice.
cp "$TESTS_DIR/cli/data/schema-v3.db" "$T/v3.db"
try 'migrate a version 3 database' 0 crm --db "$T/v3.db" db migrate
err_is <<'EOF'
migrated schema from version 3 to 5
EOF
sqlite3 "$T/v3.db" 'SELECT invoice_id, credit_id, date, amount FROM allocation; SELECT number, settled, ifnull(cleared, "-") FROM doc ORDER BY id' >"$T/sql"
compare 'the credit note settles 100.00 of its invoice' "$T/sql" <<'EOF'
1|2|2026-11-02|10000
INV-2026-00001|10000|-
CN-2026-00001|10000|2026-11-02
INV-2026-00002|0|-
CN-2026-00002|0|-
EOF
sqlite3 "$T/v3.db" "SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name" >"$T/sql"
compare 'version 3: every table, index, view and trigger of a new database' "$T/sql" <"$T/want-objects"
sqlite3 "$T/v3.db" "SELECT group_concat(name, ',') FROM pragma_table_info('doc')" >"$T/sql"
sqlite3 "$T/crm.db" "SELECT group_concat(name, ',') FROM pragma_table_info('doc')" >"$T/want-cols"
compare 'the doc table has the shape of a new one' "$T/sql" <"$T/want-cols"
try 'its invoices read as partly paid' 0 crm --db "$T/v3.db" --today 2026-11-02 invoice list --columns number,status,open
out_is <<'EOF'
number,status,open
INV-2026-00001,overdue,200.00
CN-2026-00001,issued,0.00
INV-2026-00002,issued,100.00
CN-2026-00002,void,
EOF

sqlite3 "$T/crm.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
cp "$T/crm.db" "$T/newer.db"
sqlite3 "$T/newer.db" 'PRAGMA user_version = 99'
try 'migrate refuses a newer schema' 1 crm --db "$T/newer.db" db migrate
out_empty
err_is <<EOF
crm: db migrate: $T/newer.db has schema version 99, newer than this crm understands (5); upgrade crm
EOF
sqlite3 "$T/newer.db" 'PRAGMA user_version' >"$T/sql"
compare 'the version is left alone' "$T/sql" <<'EOF'
99
EOF

try 'migrate refuses a foreign database' 1 crm --db "$T/foreign.db" db migrate
err_is <<EOF
crm: db migrate: $T/foreign.db is not a crm database
EOF

try 'migrate with an argument' 2 crm db migrate 2
out_empty
err_is <<'EOF'
usage: crm db migrate
Brings an older database's schema up to this crm's version.
EOF

# ---- history ----

try 'history customer' 0 crm history customer ACME
out_is <<'EOF'
at,user,action,entity,id,field,old,new
2026-11-22T09:30:00,ann,insert,customer,1,code,,ACME
2026-11-22T09:30:00,ann,insert,customer,1,name,,Acme Trading
2026-11-22T09:30:00,ann,insert,customer,1,kind,,company
2026-11-22T09:30:00,ann,insert,customer,1,status,,active
2026-11-22T09:30:00,ann,insert,customer,1,credit_limit,,1500.50
2026-11-22T09:30:00,ann,insert,customer,1,archived,,0
2026-11-22T09:30:00,ann,insert,tag,1,tag,,vip
2026-11-22T09:30:00,ann,insert,field,1,vat,,yes
2026-11-22T09:30:00,ann,insert,contact,1,customer,,ACME
2026-11-22T09:30:00,ann,insert,contact,1,name,,Bob Baker
2026-11-22T09:30:00,ann,insert,contact,1,email,,bob@acme.example
2026-11-22T09:30:00,ann,insert,contact,1,primary,,1
2026-11-22T09:30:00,ann,insert,contact,1,archived,,0
2026-11-23T08:00:00,bob,update,customer,1,city,,Berlin
EOF
err_empty

try 'history customer by id, table' 0 crm history customer 2 --format table
out_is <<'EOF'
AT                   USER  ACTION  ENTITY    ID  FIELD     OLD  NEW
2026-11-22T09:30:00  ann   insert  customer   2  code           C00002
2026-11-22T09:30:00  ann   insert  customer   2  name           Bolt
2026-11-22T09:30:00  ann   insert  customer   2  kind           company
2026-11-22T09:30:00  ann   insert  customer   2  status         active
2026-11-22T09:30:00  ann   insert  customer   2  archived       0
EOF

CRM_NOW=2026-11-24T10:00:00 crm customer edit 2 --name 'Bolt Tools' --note 'tab	and
newline'
try 'history, tsv' 0 crm history customer 2 --format tsv --columns at,action,field,old,new
out_is <<'EOF'
at	action	field	old	new
2026-11-22T09:30:00	insert	code		C00002
2026-11-22T09:30:00	insert	name		Bolt
2026-11-22T09:30:00	insert	kind		company
2026-11-22T09:30:00	insert	status		active
2026-11-22T09:30:00	insert	archived		0
2026-11-24T10:00:00	update	name	Bolt	Bolt Tools
2026-11-24T10:00:00	update	note		tab\tand\nnewline
EOF

try 'history, json' 0 crm history customer 2 --format json --columns at,user,action,field,old,new
out_is <<'EOF'
[
{"at":"2026-11-22T09:30:00","user":"ann","action":"insert","field":"code","old":null,"new":"C00002"},
{"at":"2026-11-22T09:30:00","user":"ann","action":"insert","field":"name","old":null,"new":"Bolt"},
{"at":"2026-11-22T09:30:00","user":"ann","action":"insert","field":"kind","old":null,"new":"company"},
{"at":"2026-11-22T09:30:00","user":"ann","action":"insert","field":"status","old":null,"new":"active"},
{"at":"2026-11-22T09:30:00","user":"ann","action":"insert","field":"archived","old":null,"new":"0"},
{"at":"2026-11-24T10:00:00","user":"ann","action":"update","field":"name","old":"Bolt","new":"Bolt Tools"},
{"at":"2026-11-24T10:00:00","user":"ann","action":"update","field":"note","old":null,"new":"tab\tand\nnewline"}
]
EOF

try 'history, ndjson' 0 crm history customer ACME --format ndjson --columns action,entity,id,field,new
out_is <<'EOF'
{"action":"insert","entity":"customer","id":1,"field":"code","new":"ACME"}
{"action":"insert","entity":"customer","id":1,"field":"name","new":"Acme Trading"}
{"action":"insert","entity":"customer","id":1,"field":"kind","new":"company"}
{"action":"insert","entity":"customer","id":1,"field":"status","new":"active"}
{"action":"insert","entity":"customer","id":1,"field":"credit_limit","new":"1500.50"}
{"action":"insert","entity":"customer","id":1,"field":"archived","new":"0"}
{"action":"insert","entity":"tag","id":1,"field":"tag","new":"vip"}
{"action":"insert","entity":"field","id":1,"field":"vat","new":"yes"}
{"action":"insert","entity":"contact","id":1,"field":"customer","new":"ACME"}
{"action":"insert","entity":"contact","id":1,"field":"name","new":"Bob Baker"}
{"action":"insert","entity":"contact","id":1,"field":"email","new":"bob@acme.example"}
{"action":"insert","entity":"contact","id":1,"field":"primary","new":"1"}
{"action":"insert","entity":"contact","id":1,"field":"archived","new":"0"}
{"action":"update","entity":"customer","id":1,"field":"city","new":"Berlin"}
EOF

CRM_NOW=2026-11-25T11:00:00 crm contact edit 1 --email bob@acme.test --user sue
try 'history contact' 0 crm history contact 1 --format table
out_is <<'EOF'
AT                   USER  ACTION  ENTITY   ID  FIELD     OLD               NEW
2026-11-22T09:30:00  ann   insert  contact   1  customer                    ACME
2026-11-22T09:30:00  ann   insert  contact   1  name                        Bob Baker
2026-11-22T09:30:00  ann   insert  contact   1  email                       bob@acme.example
2026-11-22T09:30:00  ann   insert  contact   1  primary                     1
2026-11-22T09:30:00  ann   insert  contact   1  archived                    0
2026-11-25T11:00:00  sue   update  contact   1  email     bob@acme.example  bob@acme.test
EOF

try 'history of the backup stops at the backup' 0 crm --db "$T/copy.db" history customer 2 \
	--columns at,action,field
out_is <<'EOF'
at,action,field
2026-11-22T09:30:00,insert,code
2026-11-22T09:30:00,insert,name
2026-11-22T09:30:00,insert,kind
2026-11-22T09:30:00,insert,status
2026-11-22T09:30:00,insert,archived
EOF

try 'history of an unknown customer' 3 crm history customer NOPE
out_empty
err_is <<'EOF'
crm: history customer: no customer 'NOPE'
EOF

try 'history of an unknown contact' 3 crm history contact 99
out_empty
err_is <<'EOF'
crm: history contact: no contact '99'
EOF

try 'history without a key' 2 crm history customer
out_empty
err_is <<'EOF'
usage: crm history customer KEY
Every change to a customer, its tags, extra fields and contacts: when, who,
which field, old and new value.
EOF

try 'history of something else' 2 crm history invoice 1
out_empty
err_is <<'EOF'
crm: history: unknown verb 'invoice'; see 'crm history --help'
EOF

last_desc='history writes nothing' # one row per changed record
sql_is 'SELECT count(*) FROM audit' <<'EOF'
8
EOF

done_testing
