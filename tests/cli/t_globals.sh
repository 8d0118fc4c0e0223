#!/bin/sh
# The dispatcher and the global options: help, version, the command list,
# extension commands, exact matching, output options, write errors, the
# default database and the databases crm refuses.
. "$(dirname "$0")/lib.sh"

cat >"$T/help" <<'EOF'
usage: crm [global options] <group> <verb> [options] [arguments]

global options:
   --db PATH          database file (env CRM_DB; default $XDG_DATA_HOME/crm/crm.db)
   --format FORMAT    table, csv, tsv, json or ndjson (env CRM_FORMAT)
   --columns A,B      pick and order the output columns
   --no-header        leave out the header line of table, csv and tsv
   --user NAME        who is making changes (env CRM_USER; default the login name)
   --today DATE       the date crm takes as today (env CRM_TODAY)
   -q, --quiet        no informational messages
   --list-cmds        print every group and verb
   -h, --help         this help;  --version  the version

groups:
   customer   The customer file: companies and people you sell to.
   contact    The people at a customer.
   activity   The contact log: calls, mails, visits, meetings, notes.
   task       Tasks, appointments and follow-ups.
   agenda     A rep's schedule, day by day.
   lead       Leads: assignment, feedback deadlines, conversion.
   deal       Deals: the pipeline, forecast, funnel and stalled deals.
   product    Products and services, their prices and price history.
   quote      Quotes: lines, totals, send, accept, convert to an order.
   order      Sales orders: lines, promised dates, what is shipped.
   delivery   Deliveries of an order's lines, and backorders.
   invoice    Invoices and credit notes: numbered without gaps, issued, voided, credited.
   ar         Receivables: receipts, settlement, ageing, statements, dunning, credit control.
   case       Service cases: the thread, assignment, service levels in working hours.
   rma        Returns for repair: warranty, receipt, diagnosis, repair, shipping back.
   visit      Field visits by technicians, and maintenance plans.
   survey     Satisfaction surveys: CSAT and NPS, sent and recorded.
   report     Reports a manager reads.
   remind     What is due: the report for cron, by mail too.
   history    What changed, when, and who changed it (the audit log).
   config     Settings: deal stages, cadences, reps' addresses.
   db         The database: create, check, back up, migrate.

'crm <group> --help' lists a group's verbs; 'crm help <group>' opens its manual.
EOF

# ---- help, version, the command list ----

try '--help' 0 crm --help
out_is <"$T/help"
err_empty

try '-h' 0 crm -h
out_is <"$T/help"

try 'help' 0 crm help
out_is <"$T/help"
err_empty

try 'no arguments: usage on stderr' 2 crm
out_empty
err_is <"$T/help"

try 'an unknown global option' 2 crm --bogus
out_empty
err_is <<EOF
crm: unrecognized option '--bogus'
$(cat "$T/help")
EOF

try '--version' 0 crm --version
out_is <<'EOF'
crm 0.1.0
EOF
err_empty

try 'version' 0 crm version
out_is <<'EOF'
crm 0.1.0
EOF

try '--list-cmds' 0 crm --list-cmds
out_is <<'EOF'
customer add
customer list
customer show
customer edit
customer rm
customer tag
customer search
customer import
customer export
customer merge
customer reassign
contact add
contact list
contact show
contact edit
contact rm
activity log
activity list
activity show
activity edit
activity rm
task add
task list
task done
task edit
task rm
task reassign
agenda
lead add
lead list
lead assign
lead convert
deal add
deal list
deal show
deal edit
deal move
deal won
deal lost
deal reopen
deal stages
deal pipeline
deal forecast
deal funnel
deal stalled
product add
product list
product show
product edit
product archive
product import
product export
product prices
quote new
quote line
quote list
quote show
quote send
quote accept
quote reject
quote convert
quote print
order new
order line
order confirm
order cancel
order list
order show
delivery new
delivery list
delivery show
delivery print
invoice new
invoice line
invoice issue
invoice void
invoice rm
invoice credit
invoice list
invoice show
invoice print
invoice import
ar receipt
ar apply
ar reverse
ar writeoff
ar refund
ar receipts
ar open
ar aging
ar statement
ar dunning
ar credit
ar concentration
case open
case reply
case note
case assign
case wait
case resume
case resolve
case close
case reopen
case list
case show
case stats
rma open
rma receive
rma diagnose
rma repair
rma repaired
rma vendor-ship
rma vendor-return
rma ship
rma confirm
rma close
rma reject
rma cancel
rma status
rma list
rma show
rma stats
visit schedule
visit done
visit cancel
visit list
visit show
visit plan
visit plans
visit plan-stop
visit due
survey send
survey record
survey list
survey stats
report activity
report commission
remind
history customer
history contact
history deal
history task
history activity
config get
config set
config unset
config list
config keys
db init
db check
db backup
db migrate
EOF
err_empty
cp "$T/out" "$T/cmds"

# Every verb (and every group that is one command) answers -h and --help
# with its usage on stdout.
while read -r group verb; do
	set -- "$group" ${verb:+"$verb"}
	try "$group $verb -h" 0 crm "$@" -h
	sed -n '1s/^\(usage: crm [a-z]* [a-z-]*\).*/\1/p' "$T/out" >"$T/first"
	compare 'usage line' "$T/first" <<EOF
usage: crm $group $verb
EOF
	err_empty
	cp "$T/out" "$T/h"
	try "$group $verb --help" 0 crm "$@" --help
	out_is <"$T/h"
done <"$T/cmds"

cat >"$T/customer-help" <<'EOF'
usage: crm customer <verb> [options] [arguments]

The customer file: companies and people you sell to.

verbs:
   add        add a customer (refuses likely duplicates)
   list       list customers, filtered and sorted
   show       everything about one customer
   edit       change a customer's fields
   rm         archive a customer (--purge deletes)
   tag        add and remove tags
   search     fuzzy search by name, code, email, phone, city, notes
   import     import customers from csv, json or ndjson, all or nothing
   export     export every customer for import elsewhere
   merge      merge a duplicate into the customer to keep
   reassign   hand a rep's customers to another rep

'crm customer <verb> --help' shows a verb's options; 'crm help customer' opens the manual.
EOF

try 'a group with --help' 0 crm customer --help
out_is <"$T/customer-help"
err_empty

try 'a group with help' 0 crm customer help
out_is <"$T/customer-help"

try 'a group without a verb' 2 crm customer
out_empty
err_is <"$T/customer-help"

try 'db --help' 0 crm db -h
out_is <<'EOF'
usage: crm db <verb> [options] [arguments]

The database: create, check, back up, migrate.

verbs:
   init       create the database if it does not exist
   check      check integrity and foreign keys
   backup     copy the live database to a file
   migrate    bring an older schema up to date

'crm db <verb> --help' shows a verb's options; 'crm help db' opens the manual.
EOF

mkdir "$T/bin"
cat >"$T/bin/man" <<'EOF'
#!/bin/sh
echo "man $*"
EOF
chmod +x "$T/bin/man"

try 'help GROUP opens the manual page' 0 env PATH="$T/bin:$PATH" "$CRM_BIN" help customer
out_is <<'EOF'
man crm-customer
EOF
err_empty

try 'help of an unknown group' 2 crm help foo
out_empty
err_is <<'EOF'
crm: help: no group 'foo'; see 'crm --help'
EOF

# ---- unknown groups and verbs; names match exactly ----

cat >"$T/bin/crm-foo" <<'EOF'
#!/bin/sh
echo "crm-foo ran with: [$*]"
echo "CRM_DB=$CRM_DB"
echo "a message" >&2
exit 7
EOF
chmod +x "$T/bin/crm-foo"

try 'an unknown group runs crm-foo from PATH' 7 env PATH="$T/bin:$PATH" "$CRM_BIN" foo a --b 'c d'
out_is <<EOF
crm-foo ran with: [a --b c d]
CRM_DB=$T/crm.db
EOF
err_is <<'EOF'
a message
EOF

try 'crm-foo without arguments' 7 env PATH="$T/bin:$PATH" "$CRM_BIN" -q foo
out_is <<EOF
crm-foo ran with: []
CRM_DB=$T/crm.db
EOF

try 'an unknown group without crm-foo' 2 crm bar
out_empty
err_is <<'EOF'
crm: 'bar' is not a crm command; see 'crm --help'
EOF

printf 'echo never\n' >"$T/bin/crm-noexec"
try 'a crm-NAME that cannot run' 1 env PATH="$T/bin:$PATH" "$CRM_BIN" noexec
out_empty
err_is <<'EOF'
crm: cannot run crm-noexec: Permission denied
EOF

try 'no prefix matching of groups' 2 crm cust list
out_empty
err_is <<'EOF'
crm: 'cust' is not a crm command; see 'crm --help'
EOF

try 'groups match case' 2 crm Customer list
err_is <<'EOF'
crm: 'Customer' is not a crm command; see 'crm --help'
EOF

try 'an unknown verb' 2 crm customer frobnicate
out_empty
err_is <<'EOF'
crm: customer: unknown verb 'frobnicate'; see 'crm customer --help'
EOF

try 'no prefix matching of verbs' 2 crm customer lis
err_is <<'EOF'
crm: customer: unknown verb 'lis'; see 'crm customer --help'
EOF

try 'verbs match case' 2 crm customer LIST
err_is <<'EOF'
crm: customer: unknown verb 'LIST'; see 'crm customer --help'
EOF

test ! -e "$CRM_DB"
report $? 'help, version and dispatch errors create no database'

# ---- output options ----

crm customer add 'Acme Trading' --city Berlin --credit-limit 1500.50 >/dev/null
crm customer add 'Bolt, Inc' --city 'New York' >/dev/null

try '--format before the group' 0 crm --format json customer list --columns code,credit_limit
out_is <<'EOF'
[
{"code":"C00001","credit_limit":1500.50},
{"code":"C00002","credit_limit":null}
]
EOF
err_empty

try '--format after the verb' 0 crm customer list --format ndjson --columns code,name
out_is <<'EOF'
{"code":"C00001","name":"Acme Trading"}
{"code":"C00002","name":"Bolt, Inc"}
EOF

try 'CRM_FORMAT' 0 env CRM_FORMAT=tsv "$CRM_BIN" customer list --columns code,name,city
out_is <<'EOF'
code	name	city
C00001	Acme Trading	Berlin
C00002	Bolt, Inc	New York
EOF

try 'CRM_FORMAT=table' 0 env CRM_FORMAT=table "$CRM_BIN" customer list --columns code,name,credit_limit
out_is <<'EOF'
CODE    NAME          CREDIT_LIMIT
C00001  Acme Trading       1500.50
C00002  Bolt, Inc
EOF

try '--format wins over CRM_FORMAT' 0 env CRM_FORMAT=json "$CRM_BIN" customer list \
	--format csv --columns code,name
out_is <<'EOF'
code,name
C00001,Acme Trading
C00002,"Bolt, Inc"
EOF

try 'an unknown CRM_FORMAT' 2 env CRM_FORMAT=xml "$CRM_BIN" customer list --columns code
out_empty
err_is <<'EOF'
crm: CRM_FORMAT 'xml' is not a format (table, csv, tsv, json, ndjson)
EOF

try 'an unknown --format' 2 crm --format xml customer list
out_empty
err_is <<EOF
crm: unknown format 'xml' (table, csv, tsv, json, ndjson)
$(cat "$T/help")
EOF

try 'an unknown --format after the verb' 2 crm customer list --format yaml
out_empty
err_is <<'EOF'
crm: customer list: unknown format 'yaml' (table, csv, tsv, json, ndjson)
usage: crm customer list [options]
Lists customers (archived ones only with --all or --archived).

   --status S  --owner REP  --tag T  --city C  --country C  --tier T
   --since DATE     created on or after DATE
   --sort COLUMN    any output column; -COLUMN sorts descending (default name)
   --limit N  --all  --archived
EOF

try '--columns before the group picks and orders' 0 crm --columns name,code customer list
out_is <<'EOF'
name,code
Acme Trading,C00001
"Bolt, Inc",C00002
EOF

try '--no-header in csv' 0 crm --no-header customer list --columns code
out_is <<'EOF'
C00001
C00002
EOF

try '--no-header in tsv' 0 crm customer list --no-header --format tsv --columns code,city
out_is <<'EOF'
C00001	Berlin
C00002	New York
EOF

try '--no-header in a table' 0 crm customer list --no-header --format table --columns code,city
out_is <<'EOF'
C00001  Berlin
C00002  New York
EOF

try '--no-header leaves json alone' 0 crm customer list --no-header --format json --columns code
out_is <<'EOF'
[
{"code":"C00001"},
{"code":"C00002"}
]
EOF

try 'an unknown --columns name' 2 crm customer list --columns code,colour
out_empty
err_is <<'EOF'
crm: customer list: unknown column 'colour' (columns: id, code, name, kind, status, owner, email, phone, website, street, city, region, postcode, country, tax_id, industry, source, tier, credit_limit, terms, note, campaign, cadence, tags, archived, created, updated)
EOF

try 'an unknown --columns name in a table' 2 crm --columns nope customer list --format table
out_empty
err_is <<'EOF'
crm: customer list: unknown column 'nope' (columns: id, code, name, kind, status, owner, email, phone, website, street, city, region, postcode, country, tax_id, industry, source, tier, credit_limit, terms, note, campaign, cadence, tags, archived, created, updated)
EOF

try 'an unknown --columns name for history' 2 crm history customer 1 --columns when
out_empty
err_is <<'EOF'
crm: history customer: unknown column 'when' (columns: at, user, action, entity, id, field, old, new)
EOF

# ---- --user, --today, -q, --db ----

try '--user is recorded' 0 crm --user zoe customer edit 1 --city Hamburg
sql_is 'SELECT user FROM audit ORDER BY id DESC LIMIT 1' <<'EOF'
zoe
EOF

try 'without CRM_USER the login name is recorded' 0 env -u CRM_USER "$CRM_BIN" customer edit 1 \
	--city Bremen
id -un >"$T/login"
sql_is 'SELECT user FROM audit ORDER BY id DESC LIMIT 1' <"$T/login"

try '--today moves the clock for date expressions' 0 crm --today 2026-11-23 customer list \
	--since yesterday --columns code
out_is <<'EOF'
code
C00001
C00002
EOF

try 'a bad --today' 4 crm --today 2026-02-30 customer list
out_empty
err_is <<'EOF'
crm: customer list: '2026-02-30' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)
EOF

try 'a bad CRM_NOW' 4 env CRM_NOW=noon "$CRM_BIN" customer list
out_empty
err_is <<'EOF'
crm: customer list: CRM_NOW 'noon' is not a time (YYYY-MM-DDTHH:MM:SS)
EOF

try '-q before the group' 0 crm -q customer rm C00002
out_empty
err_empty

try '--db before the group' 0 crm --db "$T/other.db" customer add 'Other Place'
out_is <<'EOF'
C00001
EOF
sql_is 'SELECT count(*) FROM customer' <<'EOF'
2
EOF

try '--db after the verb' 0 crm customer list --db "$T/other.db" --columns code,name
out_is <<'EOF'
code,name
C00001,Other Place
EOF

# ---- write errors and closed pipes ----

try 'a list to a full disk' 1 sh -c '"$CRM_BIN" customer list >/dev/full'
out_empty
err_is <<'EOF'
crm: customer list: write error: No space left on device
EOF

try 'show to a full disk' 1 sh -c '"$CRM_BIN" customer show 1 --format json >/dev/full'
err_is <<'EOF'
crm: customer show: write error
EOF

try '--version to a full disk' 1 sh -c '"$CRM_BIN" --version >/dev/full'
err_is <<'EOF'
crm: write error: No space left on device
EOF

try 'add to a full disk: written, but the code was lost' 1 \
	sh -c '"$CRM_BIN" customer add "Full Disk" >/dev/full'
err_is <<'EOF'
crm: write error: No space left on device
EOF
sql_is "SELECT code FROM customer WHERE name = 'Full Disk'" <<'EOF'
C00003
EOF

# More rows than a pipe holds, so that head closes the pipe early.
big=$(printf '%08000d' 0)
i=10
while [ $i -lt 30 ]; do
	crm customer add "Pipe Customer $i" --force --note "$big" >/dev/null
	i=$((i + 1))
done

try 'list | head -1 ends quietly' 0 sh -c '"$CRM_BIN" customer list | head -1'
out_is <<'EOF'
id,code,name,kind,status,owner,email,phone,website,street,city,region,postcode,country,tax_id,industry,source,tier,credit_limit,terms,note,campaign,cadence,tags,archived,created,updated
EOF
err_empty

try 'list --format json | head -1 ends quietly' 0 sh -c '"$CRM_BIN" customer list --format json | head -1'
out_is <<'EOF'
[
EOF
err_empty

try 'the closed pipe ended crm by SIGPIPE' 0 sh -c \
	'{ "$CRM_BIN" customer list; echo "crm exit $?" >"$0.rc"; } | head -c 10 >/dev/null; cat "$0.rc"' "$T/pipe"
out_is <<'EOF'
crm exit 141
EOF
err_empty

# ---- the default database ----

try 'the default database is created on first use' 0 env -u CRM_DB "$CRM_BIN" customer add 'First'
out_is <<'EOF'
C00001
EOF
stat -c '%a %n' "$XDG_DATA_HOME/crm" "$XDG_DATA_HOME/crm/crm.db" >"$T/modes"
compare 'modes 0700 and 0600' "$T/modes" <<EOF
700 $XDG_DATA_HOME/crm
600 $XDG_DATA_HOME/crm/crm.db
EOF
sqlite3 "$XDG_DATA_HOME/crm/crm.db" \
	'PRAGMA application_id; PRAGMA user_version; SELECT name FROM customer' >"$T/sql"
compare 'a crm database' "$T/sql" <<'EOF'
1129467185
5
First
EOF

try 'then used' 0 env -u CRM_DB "$CRM_BIN" customer list --columns code,name
out_is <<'EOF'
code,name
C00001,First
EOF

try 'without XDG_DATA_HOME: ~/.local/share/crm' 0 env -u CRM_DB -u XDG_DATA_HOME "$CRM_BIN" db init
out_is <<EOF
$HOME/.local/share/crm/crm.db
EOF
err_is <<'EOF'
database ready, schema version 5
EOF
stat -c '%a' "$HOME/.local/share/crm/crm.db" >"$T/modes"
compare 'mode 0600' "$T/modes" <<'EOF'
600
EOF

try 'without XDG_DATA_HOME and HOME' 1 env -u CRM_DB -u XDG_DATA_HOME -u HOME "$CRM_BIN" customer list
out_empty
err_is <<'EOF'
crm: customer list: neither XDG_DATA_HOME nor HOME is set; use --db
EOF

# ---- databases crm refuses ----

crm --db "$T/newer.db" db init >/dev/null 2>&1
sqlite3 "$T/newer.db" 'PRAGMA user_version = 99'
cp "$T/newer.db" "$T/newer.copy"

try 'a newer schema is refused' 1 crm --db "$T/newer.db" customer list
out_empty
err_is <<EOF
crm: customer list: $T/newer.db has schema version 99, newer than this crm understands (5); upgrade crm
EOF

try 'a newer schema is not written to' 1 crm --db "$T/newer.db" customer add 'Never'
out_empty
err_is <<EOF
crm: customer add: $T/newer.db has schema version 99, newer than this crm understands (5); upgrade crm
EOF
cmp -s "$T/newer.db" "$T/newer.copy"
report $? 'a newer schema is not written to: file unchanged'

try 'db migrate refuses a newer schema too' 1 crm --db "$T/newer.db" db migrate
err_is <<EOF
crm: db migrate: $T/newer.db has schema version 99, newer than this crm understands (5); upgrade crm
EOF

printf 'name,phone\nAnn,555\n' >"$T/notes.csv"
cp "$T/notes.csv" "$T/notes.copy"
try 'a text file is refused' 1 crm --db "$T/notes.csv" customer list
out_empty
err_is <<EOF
crm: customer list: $T/notes.csv is not a crm database
EOF
cmp -s "$T/notes.csv" "$T/notes.copy"
report $? 'a text file is refused: file unchanged'

sqlite3 "$T/foreign.db" 'CREATE TABLE t (x); INSERT INTO t VALUES (1)'
cp "$T/foreign.db" "$T/foreign.copy"
try "another program's database is refused" 1 crm --db "$T/foreign.db" customer add 'Nope'
out_empty
err_is <<EOF
crm: customer add: $T/foreign.db is not a crm database
EOF
cmp -s "$T/foreign.db" "$T/foreign.copy"
report $? "another program's database is refused: file unchanged"

try 'a directory is refused' 3 crm --db "$T" customer list
out_empty
err_is <<EOF
crm: customer list: cannot open database $T: unable to open database file
EOF

done_testing
