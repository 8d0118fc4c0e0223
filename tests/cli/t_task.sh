#!/bin/sh
# crm task: add (tasks, appointments), list (order, filters, formats), done
# (all or nothing), edit (clearing, --reopen, due date and time rules), rm,
# reassign; follow-ups scheduled by activity log; the followups table of
# customer show; tasks about deals; bad input refused with nothing written.
# Expected values are worked out by hand (today is Sunday 2026-11-22, now
# 09:30:00, the user ann).
. "$(dirname "$0")/lib.sh"

# counts TASKS AUDIT: the rows there are (a refusal adds none).
counts() {
	sql_is 'SELECT count(*) FROM task; SELECT count(*) FROM audit' <<EOF
$1
$2
EOF
}

# tasks: id, due, time, status and done_at of every task
tasks_are() {
	sql_is 'SELECT id, due, time, status, done_at FROM task ORDER BY id'
}

crm customer add 'Acme Trading' >/dev/null
crm customer add 'Birch Ltd' --code BIRCH >/dev/null
counts 0 2

# ---- add ----

try 'add a bare task' 0 crm task add 'Call the bank'
out_is <<'EOF'
1
EOF
err_empty
try 'add a task for a customer, due in two days' 0 crm task add 'Send quote' \
	--customer C00001 --due +2d --priority high
out_is <<'EOF'
2
EOF
try 'add an appointment for someone else' 0 crm task add 'Site visit' --customer BIRCH \
	--due 2026-11-23 --at 10:30 --where 'Leeds office' --assignee bob --priority urgent
out_is <<'EOF'
3
EOF
try 'a time without a day is today' 0 crm task add Lunch --at 12:00
out_is <<'EOF'
4
EOF
try 'add an overdue task' 0 crm task add 'Overdue report' --due -3d --priority low
out_is <<'EOF'
5
EOF
try 'a follow-up from the contact log' 0 crm activity log C00001 --type call --summary Chat \
	--next tomorrow -q
out_is <<'EOF'
1
EOF
try 'add by customer id' 0 crm task add 'Order samples' --customer 1 --due 2026-11-23 \
	--priority urgent
out_is <<'EOF'
7
EOF
sql_is 'SELECT id, title, customer_id, deal_id, activity_id, due, time, place, assignee, priority, status, done_at, created, updated FROM task ORDER BY id' <<'EOF'
1|Call the bank|||||||ann|normal|open||2026-11-22T09:30:00|2026-11-22T09:30:00
2|Send quote|1|||2026-11-24|||ann|high|open||2026-11-22T09:30:00|2026-11-22T09:30:00
3|Site visit|2|||2026-11-23|10:30|Leeds office|bob|urgent|open||2026-11-22T09:30:00|2026-11-22T09:30:00
4|Lunch||||2026-11-22|12:00||ann|normal|open||2026-11-22T09:30:00|2026-11-22T09:30:00
5|Overdue report||||2026-11-19|||ann|low|open||2026-11-22T09:30:00|2026-11-22T09:30:00
6|Follow up: Chat|1||1|2026-11-23|||ann|normal|open||2026-11-22T09:30:00|2026-11-22T09:30:00
7|Order samples|1|||2026-11-23|||ann|urgent|open||2026-11-22T09:30:00|2026-11-22T09:30:00
EOF
sql_is "SELECT action, new FROM audit WHERE entity = 'task' AND entity_id = 3" <<'EOF'
insert|{"title":"Site visit","customer":"BIRCH","deal":null,"due":"2026-11-23","time":"10:30","place":"Leeds office","assignee":"bob","priority":"urgent","status":"open"}
EOF
# 7 tasks and 1 activity
counts 7 10

# ---- add: bad input writes nothing ----

try 'an empty title' 4 crm task add ''
out_empty
err_is <<'EOF'
crm: task add: '' is not a title: it is empty
EOF
try 'an unknown priority' 4 crm task add x --priority asap
err_is <<'EOF'
crm: task add: 'asap' is not a priority (low, normal, high, urgent)
EOF
try 'a due date that is no date' 4 crm task add x --due someday
err_is <<'EOF'
crm: task add: 'someday' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)
EOF
try 'an hour too many' 4 crm task add x --at 24:00
err_is <<'EOF'
crm: task add: '24:00' is not a time of day (HH:MM)
EOF
try 'a time without two digits' 4 crm task add x --at 9:30
err_is <<'EOF'
crm: task add: '9:30' is not a time of day (HH:MM)
EOF
try 'minute 60' 4 crm task add x --at 10:60
err_is <<'EOF'
crm: task add: '10:60' is not a time of day (HH:MM)
EOF
try 'an unknown customer' 3 crm task add x --customer C00099
out_empty
err_is <<'EOF'
crm: task add: no customer 'C00099'
EOF
try 'an empty assignee' 4 crm task add x --assignee ''
err_is <<'EOF'
crm: task add: '' is not a rep name
EOF
try 'no title' 2 crm task add --due today
out_empty
err_is <<'EOF'
usage: crm task add TITLE [--customer KEY] [--deal KEY] [--due WHEN] [--at HH:MM]
                   [--where PLACE] [--assignee REP] [--priority low|normal|high|urgent]
Adds a task (an appointment when it has a time) and prints its id; --at
without --due means today.
EOF
try 'two titles' 2 crm task add a b
counts 7 10

# ---- list ----
# soonest first: 5 (11-19); 4 (11-22 12:00); on 11-23 the appointment at
# 10:30, then 7 (urgent) before 6 (normal); 2 (11-24); 1 (no due date)

try 'list as a table' 0 crm task list --format table
out_is <<'EOF'
ID  DUE         TIME   TITLE            CUSTOMER  ASSIGNEE  PRIORITY  KIND
 5  2026-11-19         Overdue report             ann       low       task
 4  2026-11-22  12:00  Lunch                      ann       normal    appointment
 3  2026-11-23  10:30  Site visit       BIRCH     bob       urgent    appointment
 7  2026-11-23         Order samples    C00001    ann       urgent    task
 6  2026-11-23         Follow up: Chat  C00001    ann       normal    followup
 2  2026-11-24         Send quote       C00001    ann       high      task
 1                     Call the bank              ann       normal    task
EOF
err_empty
try 'list as csv' 0 crm task list
out_is <<'EOF'
id,due,time,title,customer,deal,assignee,priority,status,place,kind,done_at,created
5,2026-11-19,,Overdue report,,,ann,low,open,,task,,2026-11-22T09:30:00
4,2026-11-22,12:00,Lunch,,,ann,normal,open,,appointment,,2026-11-22T09:30:00
3,2026-11-23,10:30,Site visit,BIRCH,,bob,urgent,open,Leeds office,appointment,,2026-11-22T09:30:00
7,2026-11-23,,Order samples,C00001,,ann,urgent,open,,task,,2026-11-22T09:30:00
6,2026-11-23,,Follow up: Chat,C00001,,ann,normal,open,,followup,,2026-11-22T09:30:00
2,2026-11-24,,Send quote,C00001,,ann,high,open,,task,,2026-11-22T09:30:00
1,,,Call the bank,,,ann,normal,open,,task,,2026-11-22T09:30:00
EOF
try 'list an assignee as json' 0 crm task list --assignee bob --format json
out_is <<'EOF'
[
{"id":3,"due":"2026-11-23","time":"10:30","title":"Site visit","customer":"BIRCH","deal":null,"assignee":"bob","priority":"urgent","status":"open","place":"Leeds office","kind":"appointment","done_at":null,"created":"2026-11-22T09:30:00"}
]
EOF
try 'list a customer as ndjson' 0 crm task list --customer C00001 --format ndjson \
	--columns id,title,kind
out_is <<'EOF'
{"id":7,"title":"Order samples","kind":"task"}
{"id":6,"title":"Follow up: Chat","kind":"followup"}
{"id":2,"title":"Send quote","kind":"task"}
EOF
try 'list the overdue' 0 crm task list --overdue --columns id,due --no-header
out_is <<'EOF'
5,2026-11-19
EOF
try 'list due before a day (not on it)' 0 crm task list --due-before tomorrow \
	--format tsv --columns id,due
out_is <<'EOF'
id	due
5	2026-11-19
4	2026-11-22
EOF
try 'list the overdue of another day' 0 crm task list --overdue --today 2026-11-24 \
	--columns id --no-header
out_is <<'EOF'
5
4
3
7
6
EOF
try 'list nothing' 0 crm task list --status done
out_is <<'EOF'
id,due,time,title,customer,deal,assignee,priority,status,place,kind,done_at,created
EOF
try 'list a bad status' 4 crm task list --status closed
out_empty
err_is <<'EOF'
crm: task list: 'closed' is not a task status (open, done, all)
EOF
try 'list before a bad date' 4 crm task list --due-before 2026-11-31
err_is <<'EOF'
crm: task list: '2026-11-31' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)
EOF
try 'list an unknown customer' 3 crm task list --customer NOPE
err_is <<'EOF'
crm: task list: no customer 'NOPE'
EOF
try 'list with an argument' 2 crm task list bob

# ---- done ----

try 'done' 0 crm task done 5
out_empty
err_empty
try 'done again' 4 crm task done 5
out_empty
err_is <<'EOF'
crm: task done: task '5' is already done
EOF
try 'done with one already done: none is' 4 crm task done 4 5
err_is <<'EOF'
crm: task done: task '5' is already done
EOF
try 'done with an unknown one: none is' 3 crm task done 4 99
err_is <<'EOF'
crm: task done: no task '99'
EOF
try 'done the same twice in one go' 4 crm task done 4 4
err_is <<'EOF'
crm: task done: task '4' is already done
EOF
try 'done without an id' 2 crm task done
tasks_are <<'EOF'
1|||open|
2|2026-11-24||open|
3|2026-11-23|10:30|open|
4|2026-11-22|12:00|open|
5|2026-11-19||done|2026-11-22T09:30:00
6|2026-11-23||open|
7|2026-11-23||open|
EOF
counts 7 11
try 'done two' 0 crm task done 4 2 --today 2026-11-23
try 'list the done ones as csv' 0 crm task list --status done --columns id,status,done_at
out_is <<'EOF'
id,status,done_at
5,done,2026-11-22T09:30:00
4,done,2026-11-22T09:30:00
2,done,2026-11-22T09:30:00
EOF
try 'list all' 0 crm task list --status all --columns id,status --no-header --format tsv
out_is <<'EOF'
5	done
4	done
3	open
7	open
6	open
2	done
1	open
EOF
try 'done tasks are not overdue' 0 crm task list --overdue --columns id
out_is <<'EOF'
id
EOF

# ---- edit ----

try 'edit title, due date and priority' 0 crm task edit 1 --title 'Call the bank again' \
	--due +1w --priority high
out_empty
err_empty
sql_is 'SELECT title, due, time, priority FROM task WHERE id = 1' <<'EOF'
Call the bank again|2026-11-29||high
EOF
try 'edit: a time makes an appointment' 0 crm task edit 1 --at 09:00
try 'it shows as one' 0 crm task list --assignee ann --columns id,time,kind \
	--due-before 2026-11-30 --no-header
out_is <<'EOF'
7,,task
6,,followup
1,09:00,appointment
EOF
try 'edit: no day for a timed task' 4 crm task edit 1 --due ''
out_empty
err_is <<'EOF'
crm: task edit: a task at 09:00 needs a due date; clear the time with --at '' too
EOF
try 'edit: clear day and time' 0 crm task edit 1 --due '' --at ''
sql_is 'SELECT due IS NULL, time IS NULL FROM task WHERE id = 1' <<'EOF'
1|1
EOF
try 'edit: a time for an undated task means today' 0 crm task edit 1 --at 08:15
sql_is 'SELECT due, time FROM task WHERE id = 1' <<'EOF'
2026-11-22|08:15
EOF
try 'edit: customer, place, assignee' 0 crm task edit 1 --customer BIRCH --where Bank \
	--assignee bob
sql_is 'SELECT customer_id, place, assignee FROM task WHERE id = 1' <<'EOF'
2|Bank|bob
EOF
try 'edit: clear customer and place' 0 crm task edit 1 --customer '' --where ''
sql_is 'SELECT customer_id IS NULL, place IS NULL FROM task WHERE id = 1' <<'EOF'
1|1
EOF
try 'reopen' 0 crm task edit 5 --reopen
sql_is 'SELECT status, done_at IS NULL FROM task WHERE id = 5' <<'EOF'
open|1
EOF
sql_is "SELECT old, new FROM audit WHERE entity = 'task' AND entity_id = 5 ORDER BY id DESC LIMIT 1" <<'EOF'
{"title":"Overdue report","customer":null,"deal":null,"due":"2026-11-19","time":null,"place":null,"assignee":"ann","priority":"low","status":"done"}|{"title":"Overdue report","customer":null,"deal":null,"due":"2026-11-19","time":null,"place":null,"assignee":"ann","priority":"low","status":"open"}
EOF
counts 7 20

try 'reopen an open task' 4 crm task edit 5 --reopen
err_is <<'EOF'
crm: task edit: task 5 is not done
EOF
try 'edit to a bad priority' 4 crm task edit 1 --priority asap
err_is <<'EOF'
crm: task edit: 'asap' is not a priority (low, normal, high, urgent)
EOF
try 'edit to an empty title' 4 crm task edit 1 --title ''
err_is <<'EOF'
crm: task edit: '' is not a title: it is empty
EOF
try 'edit to a bad time' 4 crm task edit 1 --at 7pm
err_is <<'EOF'
crm: task edit: '7pm' is not a time of day (HH:MM)
EOF
try 'edit to a bad date' 4 crm task edit 1 --due 22.11.2026
err_is <<'EOF'
crm: task edit: '22.11.2026' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)
EOF
try 'edit to an unknown customer' 3 crm task edit 1 --customer C00099
err_is <<'EOF'
crm: task edit: no customer 'C00099'
EOF
try 'edit an unknown task' 3 crm task edit 99 --title x
err_is <<'EOF'
crm: task edit: no task '99'
EOF
try 'edit nothing' 2 crm task edit 1
err_is <<'EOF'
crm: task edit: nothing to change
EOF
sql_is 'SELECT title, customer_id, due, time, place, assignee, priority, status FROM task WHERE id = 1' <<'EOF'
Call the bank again||2026-11-22|08:15||bob|high|open
EOF
counts 7 20

# ---- rm ----

try 'rm' 0 crm task rm 7
out_empty
sql_is "SELECT count(*) FROM task WHERE id = 7; SELECT action, old FROM audit WHERE entity = 'task' AND entity_id = 7 AND action = 'delete'" <<'EOF'
0
delete|{"title":"Order samples"}
EOF
try 'rm again' 3 crm task rm 7
err_is <<'EOF'
crm: task rm: no task '7'
EOF
try 'rm without an id' 2 crm task rm
counts 6 21

# ---- reassign ----
# ann's open tasks now: 5 and 6 (1 is bob's, 2 and 4 are done)

try 'reassign' 0 crm task reassign --from ann --to carl
out_is <<'EOF'
2
EOF
sql_is "SELECT id FROM task WHERE assignee = 'carl' ORDER BY id; SELECT count(*) FROM task WHERE assignee = 'ann'" <<'EOF'
5
6
2
EOF
try 'reassign someone with nothing open' 0 crm task reassign --from zoe --to carl
out_is <<'EOF'
0
EOF
try 'reassign to the same rep' 4 crm task reassign --from carl --to carl
out_empty
err_is <<'EOF'
crm: task reassign: 'carl' is both --from and --to
EOF
try 'reassign to nobody' 4 crm task reassign --from carl --to ''
err_is <<'EOF'
crm: task reassign: '' is not a rep name
EOF
try 'reassign without --to' 2 crm task reassign --from carl
err_is <<'EOF'
usage: crm task reassign --from REP --to REP
Hands a rep's open tasks to another rep and prints how many.
EOF
counts 6 23

# ---- customer show: the open follow-ups ----

crm task add 'No date yet' --customer C00001 >/dev/null
crm task add 'Meet' --customer C00001 --due 2026-11-23 --at 09:00 >/dev/null
# C00001's open tasks: 9 and 6 on 11-23 (the timed one first), 8 undated
try 'customer show lists the open tasks' 0 crm customer show C00001 --format table \
	--columns code,followups
out_is <<'EOF'
code  C00001

followups:
ID  DUE         TIME   TITLE            ASSIGNEE  PRIORITY
 9  2026-11-23  09:00  Meet             ann       normal
 6  2026-11-23         Follow up: Chat  carl      normal
 8                     No date yet      ann       normal
EOF
try 'as json' 0 crm customer show C00001 --format json --columns followups
out_is <<'EOF'
{"followups":[{"id":9,"due":"2026-11-23","time":"09:00","title":"Meet","assignee":"ann","priority":"normal"},{"id":6,"due":"2026-11-23","time":null,"title":"Follow up: Chat","assignee":"carl","priority":"normal"},{"id":8,"due":null,"time":null,"title":"No date yet","assignee":"ann","priority":"normal"}]}
EOF

# ---- deals ----

try 'a deal of Acme' 0 crm deal add C00001 'Spring order' --amount 1000
out_is <<'EOF'
D00001
EOF
try 'a deal of Birch' 0 crm deal add BIRCH 'Shelving' --amount 500
out_is <<'EOF'
D00002
EOF
counts 8 27

try 'a task about a deal takes its customer' 0 crm task add 'Prepare offer' --deal D00001
out_is <<'EOF'
10
EOF
try 'a task about a deal of its customer' 0 crm task add 'Call about shelving' \
	--customer BIRCH --deal 2
out_is <<'EOF'
11
EOF
sql_is 'SELECT id, customer_id, deal_id FROM task WHERE id >= 10' <<'EOF'
10|1|1
11|2|2
EOF
try 'a deal of another customer' 4 crm task add x --customer C00001 --deal D00002
out_empty
err_is <<'EOF'
crm: task add: deal 'D00002' belongs to BIRCH, not C00001
EOF
try 'an unknown deal' 3 crm task add x --deal D00099
err_is <<'EOF'
crm: task add: no deal 'D00099'
EOF
counts 10 29
try 'list a deal' 0 crm task list --deal D00001 --columns id,customer,deal
out_is <<'EOF'
id,customer,deal
10,C00001,D00001
EOF
try 'list an unknown deal' 3 crm task list --deal D00099
err_is <<'EOF'
crm: task list: no deal 'D00099'
EOF
try 'edit: another customer under the deal' 4 crm task edit 10 --customer BIRCH
err_is <<'EOF'
crm: task edit: deal 'D00001' belongs to C00001, not BIRCH
EOF
try 'edit: no customer under the deal' 4 crm task edit 10 --customer ''
err_is <<'EOF'
crm: task edit: deal 'D00001' belongs to C00001: clear the deal with --deal '' too
EOF
try 'edit: a deal of another customer' 4 crm task edit 10 --deal D00002
err_is <<'EOF'
crm: task edit: deal 'D00002' belongs to BIRCH, not C00001
EOF
try 'edit: customer and deal together' 0 crm task edit 10 --customer BIRCH --deal D00002
try 'edit: clear the deal' 0 crm task edit 11 --deal ''
try 'edit: a deal for a task without customer' 0 crm task edit 1 --deal D00001
sql_is 'SELECT id, customer_id, deal_id FROM task WHERE id IN (1, 10, 11) ORDER BY id' <<'EOF'
1|1|1
10|2|2
11|2|
EOF

done_testing
