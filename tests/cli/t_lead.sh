#!/bin/sh
# crm lead: add, list (with the feedback on each assignment), assign,
# convert (with a first deal); bad input refused with nothing written.
. "$(dirname "$0")/lib.sh"

# at DAY crm ARGS...: runs crm with the clock at DAY 10:00.
at() {
	_day=$1
	shift 2
	env CRM_TODAY="$_day" CRM_NOW="${_day}T10:00:00" "$CRM_BIN" "$@"
}

# unchanged: customers, assignments, deals and audit rows as before.
unchanged() {
	sql_is 'SELECT count(*) FROM customer; SELECT count(*) FROM lead_assignment; SELECT count(*) FROM deal; SELECT count(*) FROM audit' <<EOF
$1
$2
$3
$4
EOF
}

# ---- add ----

try 'add a lead' 0 at 2026-11-01 crm lead add 'Dora Fox' --source web --campaign spring \
	--email dora@fox.example --phone '+44 20 7946 0000'
out_is <<'EOF'
C00001
EOF
err_empty
sql_is 'SELECT code, name, status, source, campaign, email, phone, owner FROM customer' <<'EOF'
C00001|Dora Fox|lead|web|spring|dora@fox.example|+44 20 7946 0000|
EOF
try 'add another' 0 at 2026-11-01 crm lead add 'Eli Gray' --source fair
try 'add one with an owner' 0 at 2026-11-01 crm lead add 'Fay Hill' --source web --owner cy
try 'add one more' 0 at 2026-11-01 crm lead add 'Hal Jay' --campaign spring
try 'an active customer' 0 at 2026-11-01 crm customer add 'Gus Ivy Ltd'
out_is <<'EOF'
C00005
EOF
unchanged 5 0 0 5

try 'a duplicate is refused' 4 crm lead add 'Dora Fox'
out_empty
err_is <<'EOF'
crm: lead add: 1 likely duplicate of 'Dora Fox'; add --force to add it anyway
  C00001	Dora Fox	(same name)
EOF
try 'a bad email' 4 crm lead add 'Ida Kent' --email nope
err_is <<'EOF'
crm: lead add: 'nope' is not an email address
EOF
try 'no name' 2 crm lead add
unchanged 5 0 0 5
try 'a duplicate with --force' 0 at 2026-11-01 crm lead add 'Dora Fox' --force
out_is <<'EOF'
C00006
EOF

# ---- assign ----

try 'assign with the default feedback days' 0 at 2026-11-02 crm lead assign C00001 --to bob
out_empty
err_is <<'EOF'
feedback due 2026-11-09
EOF
sql_is 'SELECT l.customer_id, l.rep, l.assigned, l.feedback_due, l.user, c.owner FROM lead_assignment l JOIN customer c ON c.id = l.customer_id' <<'EOF'
1|bob|2026-11-02T10:00:00|2026-11-09|ann|bob
EOF
try 'assign with --feedback-days, quietly' 0 at 2026-11-10 crm lead assign 2 --to cy --feedback-days 3 -q
err_empty
try 'assign a third' 0 at 2026-11-02 crm lead assign C00004 --to cy --feedback-days 5
try 'the feedback days from the configuration' 0 crm config set lead.feedback_days 10
try 'assign the forced duplicate' 0 at 2026-11-15 crm lead assign C00006 --to dan
err_is <<'EOF'
feedback due 2026-11-25
EOF

# feedback:
#   C00001 (bob, due 11-09): a call on 11-05 -> feedback 2026-11-05
#   C00002 (cy, assigned 11-10, due 11-13): a call on 11-08, before the
#     assignment, does not count -> overdue on 11-22
#   C00004 (cy, assigned 11-02, due 11-07): status to prospect on 11-04 and
#     back to lead on 11-05 -> feedback 2026-11-04 (the status change)
#   C00006 (dan, due 11-25): nothing yet, not overdue
try 'a call on Dora' 0 at 2026-11-06 crm activity log C00001 --type call --summary 'first call' \
	--at 2026-11-05T14:00 --rep bob
try 'a call on Eli before the assignment' 0 at 2026-11-08 crm activity log C00002 --type email \
	--summary hello
try 'Hal becomes a prospect' 0 at 2026-11-04 crm customer edit C00004 --status prospect
try 'and a lead again' 0 at 2026-11-05 crm customer edit C00004 --status lead

try 'list' 0 crm lead list
out_is <<'EOF'
code,name,source,campaign,owner,assigned,feedback_due,feedback,overdue,created
C00001,Dora Fox,web,spring,bob,2026-11-02T10:00:00,2026-11-09,2026-11-05,0,2026-11-01T10:00:00
C00002,Eli Gray,fair,,cy,2026-11-10T10:00:00,2026-11-13,,1,2026-11-01T10:00:00
C00003,Fay Hill,web,,cy,,,,0,2026-11-01T10:00:00
C00004,Hal Jay,,spring,cy,2026-11-02T10:00:00,2026-11-07,2026-11-04,0,2026-11-01T10:00:00
C00006,Dora Fox,,,dan,2026-11-15T10:00:00,2026-11-25,,0,2026-11-01T10:00:00
EOF
try 'list as a table' 0 crm lead list --format table
out_is <<'EOF'
CODE    NAME      SOURCE  CAMPAIGN  OWNER  FEEDBACK_DUE  FEEDBACK    OVERDUE
C00001  Dora Fox  web     spring    bob    2026-11-09    2026-11-05  no
C00002  Eli Gray  fair              cy     2026-11-13                yes
C00003  Fay Hill  web               cy                               no
C00004  Hal Jay           spring    cy     2026-11-07    2026-11-04  no
C00006  Dora Fox                    dan    2026-11-25                no
EOF
try 'overdue feedback as json' 0 crm lead list --overdue-feedback --format json
out_is <<'EOF'
[
{"code":"C00002","name":"Eli Gray","source":"fair","campaign":null,"owner":"cy","assigned":"2026-11-10T10:00:00","feedback_due":"2026-11-13","feedback":null,"overdue":true,"created":"2026-11-01T10:00:00"}
]
EOF
# seen from 2026-11-26, C00006's feedback (due 11-25) is overdue too
try 'overdue feedback later' 0 crm --today 2026-11-26 lead list --overdue-feedback --columns code,feedback_due
out_is <<'EOF'
code,feedback_due
C00002,2026-11-13
C00006,2026-11-25
EOF
try 'by rep' 0 crm lead list --rep cy --columns code
out_is <<'EOF'
code
C00002
C00003
C00004
EOF
try 'by source and campaign' 0 crm lead list --source web --campaign spring --columns code
out_is <<'EOF'
code
C00001
EOF
try 'the unassigned ones: none' 0 crm lead list --unassigned --columns code
out_is <<'EOF'
code
EOF
try 'a lead without owner' 0 at 2026-11-01 crm lead add 'Jo Lamb'
try 'the unassigned ones' 0 crm lead list --unassigned --columns code,name --format ndjson
out_is <<'EOF'
{"code":"C00007","name":"Jo Lamb"}
EOF

# reassigning starts a new feedback period
try 'reassign Eli' 0 at 2026-11-20 crm lead assign C00002 --to ann --feedback-days 7
try 'the latest assignment counts' 0 crm lead list --rep ann --columns code,assigned,feedback_due,feedback,overdue
out_is <<'EOF'
code,assigned,feedback_due,feedback,overdue
C00002,2026-11-20T10:00:00,2026-11-27,,0
EOF

# bad assignments write nothing
unchanged 7 5 0 22
try 'assign a customer that is not a lead' 4 crm lead assign C00005 --to bob
out_empty
err_is <<'EOF'
crm: lead assign: customer C00005 is active, not a lead
EOF
try 'assign without --to' 2 crm lead assign C00001
err_is <<'EOF'
crm: lead assign: --to is required
usage: crm lead assign KEY --to REP [--feedback-days N]
Hands a lead to a rep, who owes feedback within N days (default: config
lead.feedback_days, 7).
EOF
try 'assign with zero days' 4 crm lead assign C00001 --to bob --feedback-days 0
err_is <<'EOF'
crm: lead assign: '0' is not a number of days (1-3650)
EOF
try 'assign with days not a number' 4 crm lead assign C00001 --to bob --feedback-days soon
try 'assign an unknown customer' 3 crm lead assign C00099 --to bob
err_is <<'EOF'
crm: lead assign: no customer 'C00099'
EOF
try 'assign to an empty rep' 4 crm lead assign C00001 --to ''
err_is <<'EOF'
crm: lead assign: '' is not a rep name
EOF
unchanged 7 5 0 22
sql_is "SELECT owner FROM customer WHERE code = 'C00005'" <<'EOF'

EOF

# ---- convert ----

try 'convert a lead' 0 crm lead convert C00001
out_empty
sql_is "SELECT status, updated FROM customer WHERE code = 'C00001'" <<'EOF'
active|2026-11-22T09:30:00
EOF
try 'convert with a deal' 0 crm lead convert C00004 --deal 'First order' --amount 500 \
	--stage qualified --close +30d
out_is <<'EOF'
D00001
EOF
# the deal's owner is the customer's (cy, from the assignment)
sql_is "SELECT c.status, d.code, d.title, d.amount, d.stage, d.close_date, d.owner, s.stage, s.at FROM customer c JOIN deal d ON d.customer_id = c.id JOIN deal_stage s ON s.deal_id = d.id" <<'EOF'
active|D00001|First order|50000|qualified|2026-12-22|cy|qualified|2026-11-22T09:30:00
EOF
try 'a prospect converts too' 0 crm customer add 'Kit Moss' --status prospect
try 'convert the prospect with a deal in the first stage' 0 crm lead convert C00008 --deal Pilot --amount 0
out_is <<'EOF'
D00002
EOF
sql_is "SELECT status FROM customer WHERE code = 'C00008'; SELECT stage, owner FROM deal WHERE code = 'D00002'" <<'EOF'
active
prospect|ann
EOF

# bad conversions write nothing
unchanged 8 5 2 28
try 'convert an active customer' 4 crm lead convert C00005
err_is <<'EOF'
crm: lead convert: customer C00005 is active, not a lead or prospect
EOF
try 'convert again' 4 crm lead convert C00001 --deal X --amount 1
err_is <<'EOF'
crm: lead convert: customer C00001 is active, not a lead or prospect
EOF
try 'convert: --amount without --deal' 2 crm lead convert C00002 --amount 100
err_is <<'EOF'
crm: lead convert: --amount, --stage and --close need --deal
usage: crm lead convert KEY [--deal TITLE --amount A [--stage S] [--close DATE]]
Makes a lead or prospect an active customer; with --deal also adds an open
deal (same transaction) and prints its code.
EOF
try 'convert: --deal without --amount' 2 crm lead convert C00002 --deal X
try 'convert: a bad amount' 4 crm lead convert C00002 --deal X --amount -3
err_is <<'EOF'
crm: lead convert: amount '-3' is negative
EOF
try 'convert: an unknown stage' 4 crm lead convert C00002 --deal X --amount 3 --stage won
err_is <<'EOF'
crm: lead convert: 'won' is an outcome, not a stage (see 'crm deal won' and 'crm deal lost')
EOF
try 'convert: a bad close date' 4 crm lead convert C00002 --deal X --amount 3 --close someday
try 'convert an unknown customer' 3 crm lead convert C00099
unchanged 8 5 2 28
sql_is "SELECT status FROM customer WHERE code = 'C00002'" <<'EOF'
lead
EOF

# converted customers leave the lead list
try 'list after converting' 0 crm lead list --columns code
out_is <<'EOF'
code
C00002
C00003
C00006
C00007
EOF

for verb in add list assign convert; do
	try "$verb -h" 0 crm lead $verb -h
done

done_testing
