#!/bin/sh
# crm customer reassign: hands a rep's customers to another rep, optionally
# only those in some statuses; prints the count; leaves archived customers
# alone; records the user in the audit log; refuses bad input.
. "$(dirname "$0")/lib.sh"

# owners: code|owner|archived of every customer.
owners() {
	sql_is 'SELECT code, owner, status, archived, updated FROM customer ORDER BY id'
}

try 'add' 0 crm customer add Alpha --owner bob --status active
try 'add' 0 crm customer add Bravo --owner bob --status lead
try 'add' 0 crm customer add Charlie --owner bob --status lost
try 'add' 0 crm customer add Delta --owner bob --status prospect
try 'add' 0 crm customer add Echo --owner bob --status lead
try 'archive Echo' 0 crm customer rm C00005
try 'add' 0 crm customer add Foxtrot --owner carol --status lead
try 'add' 0 crm customer add Golf --status lead
try 'add' 0 crm customer add Hotel --owner Bob --status lead

# ---- bad input writes nothing ----

try 'a bad status' 4 crm customer reassign --from bob --to dave --status lead,gone
out_empty
err_is <<'EOF'
crm: customer reassign: 'gone' is not a status (lead, prospect, active, inactive, lost)
EOF

try 'an empty status' 4 crm customer reassign --from bob --to dave --status lead,,lost
err_is <<'EOF'
crm: customer reassign: '' is not a status (lead, prospect, active, inactive, lost)
EOF

try 'an empty rep' 4 crm customer reassign --from bob --to ''
out_empty
err_is <<'EOF'
crm: customer reassign: '' is not a rep name
EOF

try 'no --to' 2 crm customer reassign --from bob
out_empty
err_is <<'EOF'
usage: crm customer reassign --from REP --to REP [--status S[,S...]]
Hands a rep's customers (optionally only those in the given statuses) to
another rep.
EOF

try 'no --from' 2 crm customer reassign --to dave
try 'an argument' 2 crm customer reassign --from bob --to dave C00001
sql_is "SELECT count(*) FROM audit WHERE action = 'update'" <<'EOF'
1
EOF

# ---- by status ----

try 'reassign leads and lost customers' 0 crm --user boss customer reassign --from bob \
	--to dave --status lead,lost
out_is <<'EOF'
2
EOF
err_is <<'EOF'
reassigned 2 customers from bob to dave
EOF
owners <<'EOF'
C00001|bob|active|0|2026-11-22T09:30:00
C00002|dave|lead|0|2026-11-22T09:30:00
C00003|dave|lost|0|2026-11-22T09:30:00
C00004|bob|prospect|0|2026-11-22T09:30:00
C00005|bob|lead|1|2026-11-22T09:30:00
C00006|carol|lead|0|2026-11-22T09:30:00
C00007||lead|0|2026-11-22T09:30:00
C00008|Bob|lead|0|2026-11-22T09:30:00
EOF
sql_is "SELECT user, entity_id, json_extract(old, '\$.owner'), json_extract(new, '\$.owner') FROM audit WHERE action = 'update' AND user = 'boss' ORDER BY id" <<'EOF'
boss|2|bob|dave
boss|3|bob|dave
EOF

try 'the history shows who did it' 0 crm history customer C00002 --format tsv
out_is <<'EOF'
at	user	action	entity	id	field	old	new
2026-11-22T09:30:00	ann	insert	customer	2	code		C00002
2026-11-22T09:30:00	ann	insert	customer	2	name		Bravo
2026-11-22T09:30:00	ann	insert	customer	2	kind		company
2026-11-22T09:30:00	ann	insert	customer	2	status		lead
2026-11-22T09:30:00	ann	insert	customer	2	owner		bob
2026-11-22T09:30:00	ann	insert	customer	2	archived		0
2026-11-22T09:30:00	boss	update	customer	2	owner	bob	dave
EOF

try 'one status, one customer' 0 crm customer reassign --from bob --to erin --status prospect
out_is <<'EOF'
1
EOF
err_is <<'EOF'
reassigned 1 customer from bob to erin
EOF

# ---- all of a rep's customers ----

# Owners match exactly: "Bob" is not "bob"; the archived Echo stays with bob.
try 'reassign the rest' 0 crm customer reassign --from bob --to dave
out_is <<'EOF'
1
EOF
err_is <<'EOF'
reassigned 1 customer from bob to dave
EOF
owners <<'EOF'
C00001|dave|active|0|2026-11-22T09:30:00
C00002|dave|lead|0|2026-11-22T09:30:00
C00003|dave|lost|0|2026-11-22T09:30:00
C00004|erin|prospect|0|2026-11-22T09:30:00
C00005|bob|lead|1|2026-11-22T09:30:00
C00006|carol|lead|0|2026-11-22T09:30:00
C00007||lead|0|2026-11-22T09:30:00
C00008|Bob|lead|0|2026-11-22T09:30:00
EOF

try 'a rep with nobody left' 0 crm customer reassign --from bob --to dave
out_is <<'EOF'
0
EOF
err_is <<'EOF'
reassigned 0 customers from bob to dave
EOF

try '-q leaves only the count' 0 crm customer reassign -q --from dave --to frank --status lost
out_is <<'EOF'
1
EOF
err_empty

# The count is not a table: --format leaves it as it is.
try 'the count with --format json' 0 crm customer reassign --from frank --to dave --format json
out_is <<'EOF'
1
EOF

try 'the list by owner' 0 crm customer list --owner dave --columns code,name,owner --format table
out_is <<'EOF'
CODE    NAME     OWNER
C00001  Alpha    dave
C00002  Bravo    dave
C00003  Charlie  dave
EOF

sql_is "SELECT user, count(*) FROM audit WHERE action = 'update' GROUP BY user ORDER BY user" <<'EOF'
ann|5
boss|2
EOF

done_testing
