#!/bin/sh
# crm case: open, reply, note, assign, wait, resume, resolve, close, reopen,
# list, show; impossible transitions refused with exit 4 naming the state;
# bad input refused with nothing written; the audit; cases in customer show.
# The calendar is the default one: Monday to Friday, 09:00-17:00.
# 2026-11-22 is a Sunday.
. "$(dirname "$0")/lib.sh"

# at TIME CMD...: runs crm with the clock at TIME (and today its date).
at() {
	_t=$1
	shift
	env CRM_TODAY="${_t%%T*}" CRM_NOW="$_t" "$CRM_BIN" "$@"
}

# unchanged CASES EVENTS AUDIT: as many rows as before.
unchanged() {
	sql_is "SELECT count(*) FROM service_case; SELECT count(*) FROM case_event; SELECT count(*) FROM audit WHERE entity = 'case'" <<EOF
$1
$2
$3
EOF
}

try 'a customer' 0 crm customer add Acme
try 'a gold customer' 0 crm customer add 'Birch Ltd' --tier gold
try 'a contact' 0 crm contact add C00001 'Dana Reed' --email dana@acme.test
try 'a product' 0 crm product add P-100 Pump --price 100

# ---- open ----

try 'open with every option' 0 crm case open C00001 'Pump leaks' --contact 'Dana Reed' \
	--channel email --priority high --product P-100 --assignee bob
out_is <<'EOF'
CS-2026-00001
EOF
err_empty
# high: 4 and 16 working hours (the defaults)
sql_is 'SELECT number, customer_id, contact_id, product_id, subject, channel, priority, assignee, status, opened, responded, resolved, closed, response_hours, resolution_hours FROM service_case' <<'EOF'
CS-2026-00001|1|1|1|Pump leaks|email|high|bob|open|2026-11-22T09:30:00||||4|16
EOF
sql_is 'SELECT case_id, at, user, kind, text FROM case_event' <<'EOF'
1|2026-11-22T09:30:00|ann|open|Pump leaks
EOF

try 'open with the defaults' 0 crm case open C00002 'Invoice question'
out_is <<'EOF'
CS-2026-00002
EOF
try 'a gold policy for normal cases' 0 crm config set sla.gold.normal.response 2
try 'and its resolution' 0 crm config set sla.gold.normal.resolution 12
try 'open for the gold customer' 0 crm case open 2 'Login fails'
out_is <<'EOF'
CS-2026-00003
EOF
# phone and normal by default; case 2 was opened before the gold policy: 8 and 40
sql_is 'SELECT number, channel, priority, assignee IS NULL, response_hours, resolution_hours FROM service_case ORDER BY id' <<'EOF'
CS-2026-00001|email|high|0|4|16
CS-2026-00002|phone|normal|1|8|40
CS-2026-00003|phone|normal|1|2|12
EOF
unchanged 3 3 3

# ---- bad input to open: nothing written, no number used ----

try 'a bad channel' 4 crm case open C00001 X --channel fax
err_is <<'EOF'
crm: case open: 'fax' is not a channel (phone, email, web, visit, chat)
EOF
try 'a bad priority' 4 crm case open C00001 X --priority asap
err_is <<'EOF'
crm: case open: 'asap' is not a priority (low, normal, high, urgent)
EOF
try 'an empty subject' 4 crm case open C00001 ''
err_is <<'EOF'
crm: case open: '' is not a valid subject
EOF
try 'an unknown customer' 3 crm case open C00009 X
err_is <<'EOF'
crm: case open: no customer 'C00009'
EOF
try 'an unknown product' 3 crm case open C00001 X --product NOPE
err_is <<'EOF'
crm: case open: no product 'NOPE'
EOF
try 'a contact of another customer' 3 crm case open C00002 X --contact 'Dana Reed'
out_empty
try 'a third customer, archived' 0 crm customer add 'Gone Ltd'
try 'archive it' 0 crm customer rm C00003
try 'an archived customer' 4 crm case open C00003 X
err_is <<'EOF'
crm: case open: customer C00003 is archived
EOF
try 'a subject with a control character' 4 crm case open C00001 "$(printf 'a\tb')"
try 'no subject' 2 crm case open C00001
try 'an unknown option' 2 crm case open C00001 X --severity 1
unchanged 3 3 3
sql_is "SELECT year, last FROM number_series WHERE series = 'case'" <<'EOF'
2026|3
EOF

# ---- the thread and the state changes of case 1 ----

try 'reply on monday' 0 at 2026-11-23T10:00:00 case reply CS-2026-00001 'Please send a photo'
out_empty
err_empty
sql_is 'SELECT status, responded, updated FROM service_case WHERE id = 1' <<'EOF'
open|2026-11-23T10:00:00|2026-11-23T10:00:00
EOF
try 'wait on the customer' 0 at 2026-11-23T10:05:00 case wait CS-2026-00001 'waiting for photo'
try 'wait again' 4 at 2026-11-23T10:06:00 case wait CS-2026-00001
err_is <<'EOF'
crm: case wait: cannot wait: case CS-2026-00001 is waiting
EOF
try 'a note while waiting' 0 at 2026-11-23T11:00:00 case note 1 'photo promised by phone'
try 'a second reply does not move responded' 0 at 2026-11-23T11:30:00 case reply 1 'Thanks'
sql_is 'SELECT status, responded FROM service_case WHERE id = 1' <<'EOF'
waiting|2026-11-23T10:00:00
EOF
try 'resume' 0 at 2026-11-24T09:30:00 case resume CS-2026-00001
try 'resume an open case' 4 at 2026-11-24T09:31:00 case resume CS-2026-00001
err_is <<'EOF'
crm: case resume: cannot resume: case CS-2026-00001 is open
EOF
try 'assign' 0 at 2026-11-24T09:45:00 case assign CS-2026-00001 cy
try 'resolve' 0 at 2026-11-24T14:00:00 case resolve CS-2026-00001 'seal replaced'
sql_is 'SELECT status, resolved, closed, assignee FROM service_case WHERE id = 1' <<'EOF'
resolved|2026-11-24T14:00:00||cy
EOF
try 'reply to a resolved case' 4 at 2026-11-24T14:10:00 case reply CS-2026-00001 more
err_is <<'EOF'
crm: case reply: cannot reply: case CS-2026-00001 is resolved
EOF
try 'wait on a resolved case' 4 at 2026-11-24T14:10:00 case wait CS-2026-00001
err_is <<'EOF'
crm: case wait: cannot wait: case CS-2026-00001 is resolved
EOF
try 'resolve twice' 4 at 2026-11-24T14:10:00 case resolve CS-2026-00001
err_is <<'EOF'
crm: case resolve: cannot resolve: case CS-2026-00001 is resolved
EOF
try 'close an open case' 4 crm case close CS-2026-00002
err_is <<'EOF'
crm: case close: cannot close: case CS-2026-00002 is open
EOF
try 'reopen an open case' 4 crm case reopen CS-2026-00002
err_is <<'EOF'
crm: case reopen: cannot reopen: case CS-2026-00002 is open
EOF
try 'close' 0 at 2026-11-24T15:00:00 case close CS-2026-00001
try 'close twice' 4 at 2026-11-24T15:10:00 case close CS-2026-00001
err_is <<'EOF'
crm: case close: cannot close: case CS-2026-00001 is closed
EOF
try 'assign a closed case' 4 at 2026-11-24T15:10:00 case assign CS-2026-00001 bob
err_is <<'EOF'
crm: case assign: cannot assign: case CS-2026-00001 is closed
EOF
try 'a note on a closed case' 0 at 2026-11-24T15:20:00 case note CS-2026-00001 'customer happy'
sql_is 'SELECT status, resolved, closed FROM service_case WHERE id = 1' <<'EOF'
closed|2026-11-24T14:00:00|2026-11-24T15:00:00
EOF
try 'reopen' 0 at 2026-11-25T09:00:00 case reopen CS-2026-00001 'leaks again'
sql_is 'SELECT status, resolved, closed, responded FROM service_case WHERE id = 1' <<'EOF'
open|||2026-11-23T10:00:00
EOF
unchanged 3 13 9

# ---- bad input to the changes: nothing written ----

try 'a time before the last event' 4 at 2026-11-24T10:00:00 case reply CS-2026-00001 late
err_is <<'EOF'
crm: case reply: the time 2026-11-24T10:00:00 is before case CS-2026-00001's last event (2026-11-25T09:00:00)
EOF
try 'a reply without text' 2 at 2026-11-25T09:10:00 case reply CS-2026-00001
try 'an empty reply' 4 at 2026-11-25T09:10:00 case reply CS-2026-00001 ''
err_is <<'EOF'
crm: case reply: '' is not a valid reply
EOF
try 'an empty note' 4 at 2026-11-25T09:10:00 case note CS-2026-00001 ''
err_is <<'EOF'
crm: case note: '' is not a valid note
EOF
try 'assign without a name' 2 at 2026-11-25T09:10:00 case assign CS-2026-00001
try 'an unknown case' 3 crm case reply CS-2026-09999 hello
err_is <<'EOF'
crm: case reply: no case 'CS-2026-09999'
EOF
try 'an unknown id' 3 crm case show 99
err_is <<'EOF'
crm: case show: no case '99'
EOF
try 'too many arguments' 2 crm case resolve 1 a b
unchanged 3 13 9

# ---- audit: inserts, and the changes of status and assignee ----

sql_is "SELECT entity_id, action, json_extract(old, '\$.status'), json_extract(new, '\$.status'), json_extract(old, '\$.assignee'), json_extract(new, '\$.assignee'), at FROM audit WHERE entity = 'case' ORDER BY id" <<'EOF'
1|insert||open||bob|2026-11-22T09:30:00
2|insert||open|||2026-11-22T09:30:00
3|insert||open|||2026-11-22T09:30:00
1|update|open|waiting|bob|bob|2026-11-23T10:05:00
1|update|waiting|open|bob|bob|2026-11-24T09:30:00
1|update|open|open|bob|cy|2026-11-24T09:45:00
1|update|open|resolved|cy|cy|2026-11-24T14:00:00
1|update|resolved|closed|cy|cy|2026-11-24T15:00:00
1|update|closed|open|cy|cy|2026-11-25T09:00:00
EOF

# ---- show ----
# At wednesday 10:00.  Case 1 (high: 4 and 16 working hours), opened sunday
# 09:30: respond_by = monday 09:00 + 4h = 13:00; the reply came at 10:00: met.
# Reopened wednesday 09:00: the resolution clock starts again there, 16h =
# wednesday 09-17 and thursday 09-17, so resolve_by = thursday 17:00; still
# running, so no outcome.
try 'show' 0 at 2026-11-25T10:00:00 case show CS-2026-00001 --format table
out_is <<'EOF'
number            CS-2026-00001
customer          C00001
name              Acme
subject           Pump leaks
channel           email
priority          high
status            open
assignee          cy
contact           Dana Reed
product           P-100
opened            2026-11-22T09:30:00
responded         2026-11-23T10:00:00
response_hours    4
resolution_hours  16
respond_by        2026-11-23T13:00:00
resolve_by        2026-11-26T17:00:00
response_met      yes

thread:
AT                   USER  KIND     TEXT
2026-11-22T09:30:00  ann   open     Pump leaks
2026-11-23T10:00:00  ann   reply    Please send a photo
2026-11-23T10:05:00  ann   wait     waiting for photo
2026-11-23T11:00:00  ann   note     photo promised by phone
2026-11-23T11:30:00  ann   reply    Thanks
2026-11-24T09:30:00  ann   resume
2026-11-24T09:45:00  ann   assign   cy
2026-11-24T14:00:00  ann   resolve  seal replaced
2026-11-24T15:00:00  ann   close
2026-11-24T15:20:00  ann   note     customer happy
2026-11-25T09:00:00  ann   reopen   leaks again
EOF
try 'show in json' 0 at 2026-11-25T10:00:00 case show 3 --format json
out_is <<'EOF'
{"number":"CS-2026-00003","customer":"C00002","name":"Birch Ltd","subject":"Login fails","channel":"phone","priority":"normal","status":"open","assignee":null,"contact":null,"product":null,"opened":"2026-11-22T09:30:00","responded":null,"resolved":null,"closed":null,"response_hours":2,"resolution_hours":12,"respond_by":"2026-11-23T11:00:00","resolve_by":"2026-11-24T13:00:00","response_met":"no","resolution_met":"no","thread":[{"at":"2026-11-22T09:30:00","user":"ann","kind":"open","text":"Login fails"}]}
EOF
try 'show in csv: the fields' 0 at 2026-11-25T10:00:00 case show 2 --format csv
out_is <<'EOF'
number,customer,name,subject,channel,priority,status,assignee,contact,product,opened,responded,resolved,closed,response_hours,resolution_hours,respond_by,resolve_by,response_met,resolution_met
CS-2026-00002,C00002,Birch Ltd,Invoice question,phone,normal,open,,,,2026-11-22T09:30:00,,,,8,40,2026-11-23T17:00:00,2026-11-27T17:00:00,no,
EOF

# ---- list ----
# Case 2 (8 and 40): respond_by monday 17:00 (missed: no reply by
# wednesday), resolve_by friday 17:00 (5 x 8h).  Case 3 (gold, 2 and 12):
# respond_by monday 11:00, resolve_by tuesday 13:00 (8h + 4h): both missed.
try 'list the unresolved' 0 at 2026-11-25T10:00:00 case list --format table
out_is <<'EOF'
NUMBER         CUSTOMER  SUBJECT           PRIORITY  STATUS  ASSIGNEE  RESPOND_BY           RESOLVE_BY
CS-2026-00001  C00001    Pump leaks        high      open    cy        2026-11-23T13:00:00  2026-11-26T17:00:00
CS-2026-00002  C00002    Invoice question  normal    open              2026-11-23T17:00:00  2026-11-27T17:00:00
CS-2026-00003  C00002    Login fails       normal    open              2026-11-23T11:00:00  2026-11-24T13:00:00
EOF
try 'list the breached' 0 at 2026-11-25T10:00:00 case list --breached --columns number,response_met,resolution_met
out_is <<'EOF'
number,response_met,resolution_met
CS-2026-00002,no,
CS-2026-00003,no,no
EOF
try 'list by assignee' 0 at 2026-11-25T10:00:00 case list --assignee cy --columns number
out_is <<'EOF'
number
CS-2026-00001
EOF
try 'list by customer' 0 at 2026-11-25T10:00:00 case list --customer C00002 --columns number
out_is <<'EOF'
number
CS-2026-00002
CS-2026-00003
EOF
try 'list by priority' 0 at 2026-11-25T10:00:00 case list --priority high --columns number,priority
out_is <<'EOF'
number,priority
CS-2026-00001,high
EOF
try 'resolve case 2 late' 0 at 2026-11-25T11:00:00 case resolve 2
try 'list the resolved' 0 at 2026-11-25T11:00:00 case list --status resolved --format ndjson --columns number,status,resolved,resolution_met
out_is <<'EOF'
{"number":"CS-2026-00002","status":"resolved","resolved":"2026-11-25T11:00:00","resolution_met":"yes"}
EOF
try 'list all' 0 at 2026-11-25T11:00:00 case list --status all --columns number,status
out_is <<'EOF'
number,status
CS-2026-00001,open
CS-2026-00002,resolved
CS-2026-00003,open
EOF
try 'list nothing' 0 crm case list --status closed
out_is <<'EOF'
number,customer,name,subject,channel,priority,status,assignee,contact,product,opened,responded,resolved,closed,response_hours,resolution_hours,respond_by,resolve_by,response_met,resolution_met
EOF
try 'a bad status' 4 crm case list --status done
err_is <<'EOF'
crm: case list: 'done' is not a case status (open, waiting, resolved, closed, all)
EOF
out_empty
try 'a bad priority' 4 crm case list --priority asap
err_is <<'EOF'
crm: case list: 'asap' is not a priority (low, normal, high, urgent)
EOF
try 'an unknown customer' 3 crm case list --customer C00042
try 'list takes no argument' 2 crm case list open

# ---- customer show: the unresolved cases ----

try 'customer show' 0 at 2026-11-25T11:00:00 customer show C00002 --format json
# only this section: other sections may follow it
sed 's/.*\("cases":\[[^]]*\]\).*/\1/' "$T/out" >"$T/cases"
compare 'the cases section' "$T/cases" <<'EOF'
"cases":[{"number":"CS-2026-00003","opened":"2026-11-22T09:30:00","subject":"Login fails","priority":"normal","status":"open","assignee":null,"resolve_by":"2026-11-24T13:00:00"}]
EOF

# ---- help ----

try 'help' 0 crm case open --help
out_is <<'EOF'
usage: crm case open CUSTOMER SUBJECT [--contact KEY] [--product SKU]
              [--channel phone|email|web|visit|chat]
              [--priority low|normal|high|urgent] [--assignee NAME]
Opens a case now and prints its number.  Its service-level targets come from
sla.[TIER.]PRIORITY.response|resolution (crm config keys).
EOF
for verb in reply note assign wait resume resolve close reopen list show stats; do
	try "$verb --help" 0 crm case $verb --help
done

done_testing
