#!/bin/sh
# crm visit: schedule (about a case or an RMA, for a plan), done, cancel
# (and the impossible transitions), list (order, filters, formats), show;
# maintenance plans: plan, plans, plan-stop, due, a plan moved on by a done
# visit (from its start, so month ends do not drift); audit; bad input
# refused with nothing written.  Expected values are worked out by hand
# (today is Sunday 2026-11-22, now 09:30:00, the user ann).
. "$(dirname "$0")/lib.sh"

# counts VISITS PLANS AUDIT: the rows there are (a refusal adds none).
counts() {
	sql_is "SELECT count(*) FROM visit; SELECT count(*) FROM visit_plan;
		SELECT count(*) FROM audit WHERE entity IN ('visit', 'visit_plan')" <<EOF
$1
$2
$3
EOF
}

crm customer add 'Acme Trading' --city Leeds >/dev/null
crm customer add 'Birch Ltd' --code BIRCH >/dev/null
crm product add P1 Pump --price 10 >/dev/null
# A case of Acme's and one of Birch's, an RMA of Acme's: the rows are
# enough here, so they are written directly (their own verbs are tested
# elsewhere).  put TABLE COL=VALUE...: inserts a row, giving every other NOT
# NULL column without a default a filler (a time for text, 1 for integers),
# so that new columns of those tables do not break this test.
put() {
	python3 - "$CRM_DB" "$@" <<'PY'
import sqlite3, sys
db, table, pairs = sys.argv[1], sys.argv[2], sys.argv[3:]
con = sqlite3.connect(db)
con.create_function("crm_now", 0, lambda: "2026-11-20T10:00:00")
con.create_function("crm_user", 0, lambda: "ann")
row = dict(p.split("=", 1) for p in pairs)
for _, name, ctype, notnull, default, pk in con.execute(f"PRAGMA table_info({table})"):
    if notnull and default is None and not pk and name not in row:
        row[name] = 1 if ctype.upper() == "INTEGER" else "2026-11-20T10:00:00"
cols = ", ".join(row)
con.execute(f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()))
con.commit()
PY
}
put service_case number=CS-2026-00001 customer_id=1 subject='Pump leaks'
put service_case number=CS-2026-00002 customer_id=2 subject=Noise
put rma number=RMA-2026-00001 customer_id=1 product_id=1 in_warranty=1
sql_is "SELECT id, number, customer_id FROM service_case; SELECT id, number FROM rma" <<'EOF'
1|CS-2026-00001|1
2|CS-2026-00002|2
1|RMA-2026-00001
EOF
counts 0 0 0

# ---- schedule ----

try 'schedule about a case' 0 crm visit schedule C00001 --tech tom --on +1d --at 10:00 \
	--case CS-2026-00001 --task 'Fix the pump'
out_is <<'EOF'
V-2026-00001
EOF
err_empty
try 'schedule a bare visit' 0 crm visit schedule BIRCH --tech sue --on 2026-11-25
out_is <<'EOF'
V-2026-00002
EOF
try 'schedule about an RMA, customer by id, case by id' 0 crm visit schedule 1 --tech tom \
	--on today --rma RMA-2026-00001
out_is <<'EOF'
V-2026-00003
EOF
try 'schedule in the past' 0 crm visit schedule C00001 --tech tom --on -2d --task 'Late check' \
	--case 1
out_is <<'EOF'
V-2026-00004
EOF
counts 4 0 4
sql_is "SELECT number, customer_id, tech, date, time, case_id, rma_id, plan_id, task, status,
	created FROM visit ORDER BY id" <<'EOF'
V-2026-00001|1|tom|2026-11-23|10:00|1|||Fix the pump|scheduled|2026-11-22T09:30:00
V-2026-00002|2|sue|2026-11-25||||||scheduled|2026-11-22T09:30:00
V-2026-00003|1|tom|2026-11-22|||1|||scheduled|2026-11-22T09:30:00
V-2026-00004|1|tom|2026-11-20||1|||Late check|scheduled|2026-11-22T09:30:00
EOF
sql_is "SELECT user, entity_id, customer_id, action, new FROM audit WHERE entity = 'visit'
	AND entity_id = 1" <<'EOF'
ann|1|1|insert|{"number":"V-2026-00001","tech":"tom","date":"2026-11-23","time":"10:00","plan":null,"task":"Fix the pump"}
EOF

# ---- list ----

# by day, then time (none last): V4 on the 20th, V3 on the 22nd, V1, V2
try 'list as a table' 0 crm visit list --format table
out_is <<'EOF'
NUMBER        DATE        TIME   TECH  CUSTOMER  TASK          STATUS
V-2026-00004  2026-11-20         tom   C00001    Late check    scheduled
V-2026-00003  2026-11-22         tom   C00001                  scheduled
V-2026-00001  2026-11-23  10:00  tom   C00001    Fix the pump  scheduled
V-2026-00002  2026-11-25         sue   BIRCH                   scheduled
EOF
err_empty
try 'list as csv, all columns' 0 crm visit list --format csv --tech tom --from today --to +1d
out_is <<'EOF'
number,date,time,tech,customer,name,task,status,case,rma,plan,minutes,parts,report,reason,done,created
V-2026-00003,2026-11-22,,tom,C00001,Acme Trading,,scheduled,,RMA-2026-00001,,,,,,,2026-11-22T09:30:00
V-2026-00001,2026-11-23,10:00,tom,C00001,Acme Trading,Fix the pump,scheduled,CS-2026-00001,,,,,,,,2026-11-22T09:30:00
EOF
try 'list one customer as json' 0 crm visit list --customer BIRCH --format json
out_is <<'EOF'
[
{"number":"V-2026-00002","date":"2026-11-25","time":null,"tech":"sue","customer":"BIRCH","name":"Birch Ltd","task":null,"status":"scheduled","case":null,"rma":null,"plan":null,"minutes":null,"parts":null,"report":null,"reason":null,"done":null,"created":"2026-11-22T09:30:00"}
]
EOF
try 'list nothing done yet' 0 crm visit list --status done --format csv --columns number
out_is <<'EOF'
number
EOF

# ---- done and cancel ----

try 'done with report, minutes and parts' 0 crm visit done V-2026-00001 \
	--report 'Replaced the seal' --minutes 45 --parts '2x filter F-10, 1x belt'
out_empty
err_empty
CRM_NOW=2026-11-22T11:15:00 try 'cancel with a reason' 0 crm visit cancel 2 \
	--reason 'Customer away'
out_empty
try 'cancel without a reason' 0 crm visit cancel V-2026-00004
sql_is "SELECT number, status, report, minutes, parts, reason, done, updated FROM visit
	ORDER BY id" <<'EOF'
V-2026-00001|done|Replaced the seal|45|2x filter F-10, 1x belt||2026-11-22T09:30:00|2026-11-22T09:30:00
V-2026-00002|cancelled||||Customer away|2026-11-22T11:15:00|2026-11-22T11:15:00
V-2026-00003|scheduled||||||2026-11-22T09:30:00
V-2026-00004|cancelled|||||2026-11-22T09:30:00|2026-11-22T09:30:00
EOF
sql_is "SELECT old, new FROM audit WHERE entity = 'visit' AND action = 'update'
	ORDER BY id LIMIT 1" <<'EOF'
{"status":"scheduled"}|{"status":"done","report":"Replaced the seal","minutes":45,"parts":"2x filter F-10, 1x belt","reason":null}
EOF
counts 4 0 7

try 'show a done visit' 0 crm visit show V-2026-00001 --format table
out_is <<'EOF'
number    V-2026-00001
date      2026-11-23
time      10:00
tech      tom
customer  C00001
name      Acme Trading
task      Fix the pump
status    done
case      CS-2026-00001
minutes   45
parts     2x filter F-10, 1x belt
report    Replaced the seal
done      2026-11-22T09:30:00
created   2026-11-22T09:30:00
EOF
try 'show by id as json' 0 crm visit show 2 --format json
out_is <<'EOF'
{"number":"V-2026-00002","date":"2026-11-25","time":null,"tech":"sue","customer":"BIRCH","name":"Birch Ltd","task":null,"status":"cancelled","case":null,"rma":null,"plan":null,"minutes":null,"parts":null,"report":null,"reason":"Customer away","done":"2026-11-22T11:15:00","created":"2026-11-22T09:30:00"}
EOF
try 'list cancelled ones' 0 crm visit list --status cancelled --format csv \
	--columns number,status,reason
out_is <<'EOF'
number,status,reason
V-2026-00004,cancelled,
V-2026-00002,cancelled,Customer away
EOF

# ---- impossible transitions: exit 4 naming the state, nothing written ----

try 'done twice' 4 crm visit done V-2026-00001 --report again
out_empty
err_is <<'EOF'
crm: visit done: visit V-2026-00001 is done: only a scheduled visit can be done
EOF
try 'cancel a done visit' 4 crm visit cancel V-2026-00001
err_is <<'EOF'
crm: visit cancel: visit V-2026-00001 is done: only a scheduled visit can be cancelled
EOF
try 'cancel twice' 4 crm visit cancel V-2026-00002
err_is <<'EOF'
crm: visit cancel: visit V-2026-00002 is cancelled: only a scheduled visit can be cancelled
EOF
try 'done after cancel' 4 crm visit done V-2026-00002 --report x
err_is <<'EOF'
crm: visit done: visit V-2026-00002 is cancelled: only a scheduled visit can be done
EOF
counts 4 0 7

# ---- bad input: the message, the exit code, nothing written ----

try 'unknown customer' 3 crm visit schedule NOPE --tech tom --on today
out_empty
err_is <<'EOF'
crm: visit schedule: no customer 'NOPE'
EOF
try 'unknown case' 3 crm visit schedule C00001 --tech tom --on today --case CS-9
err_is <<'EOF'
crm: visit schedule: no case 'CS-9'
EOF
try 'unknown rma' 3 crm visit schedule C00001 --tech tom --on today --rma 7
err_is <<'EOF'
crm: visit schedule: no rma '7'
EOF
try "another customer's case" 4 crm visit schedule BIRCH --tech tom --on today \
	--case CS-2026-00001
err_is <<'EOF'
crm: visit schedule: case 'CS-2026-00001' belongs to C00001, not BIRCH
EOF
try "another customer's rma" 4 crm visit schedule BIRCH --tech tom --on today \
	--rma RMA-2026-00001
err_is <<'EOF'
crm: visit schedule: rma 'RMA-2026-00001' belongs to C00001, not BIRCH
EOF
try 'a bad day' 4 crm visit schedule C00001 --tech tom --on 2026-11-31
err_is <<'EOF'
crm: visit schedule: '2026-11-31' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)
EOF
try 'a bad time' 4 crm visit schedule C00001 --tech tom --on today --at 24:00
err_is <<'EOF'
crm: visit schedule: '24:00' is not a time of day (HH:MM)
EOF
try 'an empty tech' 4 crm visit schedule C00001 --tech '' --on today
err_is <<'EOF'
crm: visit schedule: '' is not a technician's name
EOF
try 'an empty task' 4 crm visit schedule C00001 --tech tom --on today --task ''
err_is <<'EOF'
crm: visit schedule: the task is empty
EOF
try 'case and rma' 2 crm visit schedule C00001 --tech tom --on today --case 1 --rma 1
out_empty
err_is <<'EOF'
usage: crm visit schedule CUSTOMER --tech NAME --on DATE [--at HH:MM]
                   [--case KEY | --rma KEY] [--plan ID] [--task TEXT]
Schedules a technician's visit and prints its number; with --plan the visit
is the plan's next one (--tech and --task default to the plan's).
EOF
try 'no tech' 2 crm visit schedule C00001 --on today
try 'no day' 2 crm visit schedule C00001 --tech tom
try 'no customer' 2 crm visit schedule --tech tom --on today
try 'done without report' 2 crm visit done V-2026-00003
try 'done with an empty report' 4 crm visit done V-2026-00003 --report ''
err_is <<'EOF'
crm: visit done: the report is empty
EOF
try 'done with zero minutes' 2 crm visit done V-2026-00003 --report x --minutes 0
err_is <<'EOF'
crm: visit done: --minutes '0' is not a count
EOF
try 'done with minutes in words' 2 crm visit done V-2026-00003 --report x --minutes an-hour
err_is <<'EOF'
crm: visit done: --minutes 'an-hour' is not a count
EOF
try 'done of an unknown visit' 3 crm visit done V-2026-00099 --report x
err_is <<'EOF'
crm: visit done: no visit 'V-2026-00099'
EOF
try 'cancel of an unknown id' 3 crm visit cancel 99
err_is <<'EOF'
crm: visit cancel: no visit '99'
EOF
try 'show of an unknown visit' 3 crm visit show V-1
err_is <<'EOF'
crm: visit show: no visit 'V-1'
EOF
try 'list with a bad status' 4 crm visit list --status open
err_is <<'EOF'
crm: visit list: 'open' is not a visit status (scheduled, done, cancelled, all)
EOF
try 'list with a bad day' 4 crm visit list --from someday
err_is <<'EOF'
crm: visit list: 'someday' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)
EOF
try 'list of an unknown customer' 3 crm visit list --customer NOPE
err_is <<'EOF'
crm: visit list: no customer 'NOPE'
EOF
counts 4 0 7

# ---- maintenance plans ----

try 'a plan every six months, from a past day' 0 crm visit plan C00001 --every 6m \
	--from 2026-11-20 --tech tom --task Service
out_is <<'EOF'
1
EOF
try 'a yearly plan without tech' 0 crm visit plan BIRCH --every 1y --from 2026-12-15
out_is <<'EOF'
2
EOF
try 'a monthly plan from a month end' 0 crm visit plan C00001 --every 1m --from 2027-01-31 \
	--tech tom
out_is <<'EOF'
3
EOF
try 'a plan from today' 0 crm visit plan BIRCH --every 18m
out_is <<'EOF'
4
EOF
counts 4 4 11
try 'the plans' 0 crm visit plans --format table
out_is <<'EOF'
ID  CUSTOMER  EVERY  NEXT        TECH  TASK     STATUS  SCHEDULED
 1  C00001    6m     2026-11-20  tom   Service  active
 2  BIRCH     1y     2026-12-15                 active
 3  C00001    1m     2027-01-31  tom            active
 4  BIRCH     18m    2026-11-22                 active
EOF

# due within 7 days (up to 2026-11-29): plans 1 (overdue) and 4 (today)
try 'due this week' 0 crm visit due --format table
out_is <<'EOF'
PLAN  NEXT        CUSTOMER  NAME          TECH  TASK     EVERY
   1  2026-11-20  C00001    Acme Trading  tom   Service  6m
   4  2026-11-22  BIRCH     Birch Ltd                    18m
EOF
# up to 2026-12-22: plan 2 too
try 'due in 30 days as csv' 0 crm visit due --days 30 --format csv
out_is <<'EOF'
plan,next,customer,name,tech,task,every
1,2026-11-20,C00001,Acme Trading,tom,Service,6m
4,2026-11-22,BIRCH,Birch Ltd,,,18m
2,2026-12-15,BIRCH,Birch Ltd,,,1y
EOF
try 'due today only' 0 crm visit due --days 0 --format csv --no-header
out_is <<'EOF'
1,2026-11-20,C00001,Acme Trading,tom,Service,6m
4,2026-11-22,BIRCH,Birch Ltd,,,18m
EOF

try "schedule a plan's visit: tech and task from the plan" 0 crm visit schedule C00001 \
	--plan 1 --on +2d
out_is <<'EOF'
V-2026-00005
EOF
try 'a scheduled plan visit is not due' 0 crm visit due --format csv --no-header
out_is <<'EOF'
4,2026-11-22,BIRCH,Birch Ltd,,,18m
EOF
try 'the plan shows its visit' 0 crm visit plans --customer C00001 --format csv
out_is <<'EOF'
id,customer,name,every,next,tech,task,status,scheduled
1,C00001,Acme Trading,6m,2026-11-20,tom,Service,active,V-2026-00005
3,C00001,Acme Trading,1m,2027-01-31,tom,,active,
EOF
try 'a second visit for the plan' 4 crm visit schedule C00001 --plan 1 --on +3d
err_is <<'EOF'
crm: visit schedule: plan 1 has visit V-2026-00005 scheduled already
EOF
try "another customer's plan" 4 crm visit schedule BIRCH --plan 1 --on +3d --tech tom
err_is <<'EOF'
crm: visit schedule: plan 1 belongs to C00001, not BIRCH
EOF
try 'a plan without tech needs --tech' 4 crm visit schedule BIRCH --plan 2 --on +3d
err_is <<'EOF'
crm: visit schedule: a visit needs a technician (--tech)
EOF
try 'an unknown plan' 3 crm visit schedule BIRCH --plan 9 --on +3d --tech tom
err_is <<'EOF'
crm: visit schedule: no plan '9'
EOF
counts 5 4 12

# done: the plan moves on by 6 months from its day, 2026-11-20 → 2027-05-20
try "the plan's visit done" 0 crm visit done V-2026-00005 --report Serviced
try 'the plan moved on' 0 crm visit due --days 365 --format csv --columns plan,next
out_is <<'EOF'
plan,next
4,2026-11-22
2,2026-12-15
3,2027-01-31
1,2027-05-20
EOF
sql_is "SELECT old, new FROM audit WHERE entity = 'visit_plan' AND action = 'update'" <<'EOF'
{"next":"2026-11-20","active":1}|{"next":"2027-05-20","active":1}
EOF

# month ends: Jan 31 → Feb 28 → Mar 31 (from the start, not from Feb 28)
crm visit schedule C00001 --plan 3 --on 2027-01-31 >/dev/null
crm visit done V-2026-00006 --report a
crm visit schedule C00001 --plan 3 --on 2027-02-28 >/dev/null
crm visit done V-2026-00007 --report b
sql_is "SELECT start, periods, next FROM visit_plan WHERE id = 3" <<'EOF'
2027-01-31|2|2027-03-31
EOF
# a cancelled plan visit leaves the plan due as it was
crm visit schedule BIRCH --plan 4 --on today --tech sue >/dev/null
crm visit cancel V-2026-00008
try 'a cancelled visit leaves the plan due' 0 crm visit due --format csv --no-header
out_is <<'EOF'
4,2026-11-22,BIRCH,Birch Ltd,,,18m
EOF

try 'stop a plan' 0 crm visit plan-stop 2
out_empty
err_empty
try 'stop it again' 4 crm visit plan-stop 2
err_is <<'EOF'
crm: visit plan-stop: plan 2 is stopped already
EOF
try 'stop an unknown plan' 3 crm visit plan-stop 99
err_is <<'EOF'
crm: visit plan-stop: no plan '99'
EOF
try 'stop a plan by a name' 3 crm visit plan-stop Service
err_is <<'EOF'
crm: visit plan-stop: no plan 'Service'
EOF
try 'a stopped plan is not due' 0 crm visit due --days 30 --format csv --columns plan
out_is <<'EOF'
plan
4
EOF
try 'a stopped plan takes no visit' 4 crm visit schedule BIRCH --plan 2 --on +3d --tech tom
err_is <<'EOF'
crm: visit schedule: plan 2 is stopped
EOF
try 'plans hides stopped ones' 0 crm visit plans --format csv --columns id,status
out_is <<'EOF'
id,status
1,active
3,active
4,active
EOF
try 'plans --all as json' 0 crm visit plans --all --customer BIRCH --format json
out_is <<'EOF'
[
{"id":2,"customer":"BIRCH","name":"Birch Ltd","every":"1y","next":"2026-12-15","tech":null,"task":null,"status":"stopped","scheduled":null},
{"id":4,"customer":"BIRCH","name":"Birch Ltd","every":"18m","next":"2026-11-22","tech":null,"task":null,"status":"active","scheduled":null}
]
EOF

counts 8 4 23
try 'a period in weeks' 4 crm visit plan C00001 --every 6w
out_empty
err_is <<'EOF'
crm: visit plan: '6w' is not a period (Nm or Ny, 1 to 120 months)
EOF
try 'a period of none' 4 crm visit plan C00001 --every 0m
err_is <<'EOF'
crm: visit plan: '0m' is not a period (Nm or Ny, 1 to 120 months)
EOF
try 'a period too long' 4 crm visit plan C00001 --every 11y
err_is <<'EOF'
crm: visit plan: '11y' is not a period (Nm or Ny, 1 to 120 months)
EOF
try 'a period without unit' 4 crm visit plan C00001 --every 6
err_is <<'EOF'
crm: visit plan: '6' is not a period (Nm or Ny, 1 to 120 months)
EOF
try 'a plan with a bad day' 4 crm visit plan C00001 --every 6m --from soon
err_is <<'EOF'
crm: visit plan: 'soon' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)
EOF
try 'a plan for an unknown customer' 3 crm visit plan NOPE --every 6m
err_is <<'EOF'
crm: visit plan: no customer 'NOPE'
EOF
try 'a plan without a period' 2 crm visit plan C00001
try 'due with negative days' 2 crm visit due --days -1
err_is <<'EOF'
crm: visit due: --days '-1' is not a count
EOF
try 'due with an argument' 2 crm visit due 7
try 'plans of an unknown customer' 3 crm visit plans --customer NOPE
counts 8 4 23

try 'help of plan-stop' 0 crm visit plan-stop --help
out_is <<'EOF'
usage: crm visit plan-stop PLAN
Stops a maintenance plan: it has no more visits due.
EOF

done_testing
