#!/bin/sh
# crm agenda: a rep's open tasks, follow-ups and appointments day by day,
# overdue ones first, and the expected closes of the rep's open deals; a
# technician's scheduled visits (crm visit); the
# --days window and its edges, --rep and --user, the formats, bad input.
# Expected rows are worked out by hand (today is Sunday 2026-11-22, the
# user ann; the default window is 2026-11-22 to 2026-11-28).
. "$(dirname "$0")/lib.sh"

crm customer add 'Acme Trading' >/dev/null
crm customer add 'Birch Ltd' --code BIRCH >/dev/null

# ann's tasks 1-9, bob's 10, a done one 11
crm task add 'Overdue report' --due -3d --priority low >/dev/null
crm task add 'Late call' --due 2026-11-21 --at 16:00 --priority urgent >/dev/null
crm task add 'Lunch with Acme' --customer C00001 --at 12:00 --where 'Cafe Nero' >/dev/null
crm task add 'Prepare slides' --due today --priority high >/dev/null
crm activity log C00001 --type call --summary 'Price talk' --next tomorrow -q >/dev/null
crm task add 'Site visit' --customer BIRCH --due tomorrow --at 09:00 --where Leeds \
	--priority urgent >/dev/null
crm task add 'Quarterly review' --due +6d >/dev/null
crm task add 'Outside the week' --due +7d >/dev/null
crm task add 'Some day' >/dev/null
crm task add 'Bob task' --assignee bob --due today >/dev/null
crm task add 'Done already' --due today >/dev/null
crm task done 11
sql_is "SELECT count(*) FROM task WHERE status = 'open'" <<'EOF'
10
EOF

# ---- tasks only ----

try 'the week as a table' 0 crm agenda --format table
out_is <<'EOF'
Thursday 2026-11-19, overdue
TIME  KIND     TITLE           CUSTOMER  WHERE  PRIORITY  REF
      overdue  Overdue report                   low       1

Saturday 2026-11-21, overdue
TIME   KIND     TITLE      CUSTOMER  WHERE  PRIORITY  REF
16:00  overdue  Late call                   urgent    2

Sunday 2026-11-22, today
TIME   KIND         TITLE            CUSTOMER  WHERE      PRIORITY  REF
12:00  appointment  Lunch with Acme  C00001    Cafe Nero  normal    3
       task         Prepare slides                        high      4

Monday 2026-11-23, tomorrow
TIME   KIND         TITLE                  CUSTOMER  WHERE  PRIORITY  REF
09:00  appointment  Site visit             BIRCH     Leeds  urgent    6
       followup     Follow up: Price talk  C00001           normal    5

Saturday 2026-11-28
TIME  KIND  TITLE             CUSTOMER  WHERE  PRIORITY  REF
      task  Quarterly review                   normal    7
EOF
err_empty

# ---- with deals ----

crm deal add C00001 'Spring order' --amount 1000 --close 2026-11-24 >/dev/null
crm deal add BIRCH Shelving --amount 500 --close 2026-11-29 >/dev/null
crm deal add C00001 'Old deal' --amount 100 --close 2026-11-20 >/dev/null
crm deal add BIRCH 'Bob deal' --amount 200 --close 2026-11-23 --owner bob >/dev/null
sql_is "SELECT code, owner, status, close_date FROM deal ORDER BY id" <<'EOF'
D00001|ann|open|2026-11-24
D00002|ann|open|2026-11-29
D00003|ann|open|2026-11-20
D00004|bob|open|2026-11-23
EOF

# D00001 closes in the week; D00003's close is past, D00002's after it
try 'the week as csv' 0 crm agenda
out_is <<'EOF'
date,time,kind,title,customer,where,priority,ref
2026-11-19,,overdue,Overdue report,,,low,1
2026-11-21,16:00,overdue,Late call,,,urgent,2
2026-11-22,12:00,appointment,Lunch with Acme,C00001,Cafe Nero,normal,3
2026-11-22,,task,Prepare slides,,,high,4
2026-11-23,09:00,appointment,Site visit,BIRCH,Leeds,urgent,6
2026-11-23,,followup,Follow up: Price talk,C00001,,normal,5
2026-11-24,,close,Spring order,C00001,,,D00001
2026-11-28,,task,Quarterly review,,,normal,7
EOF
err_empty

try 'one day as json: today and what is overdue' 0 crm agenda --days 1 --format json
out_is <<'EOF'
[
{"date":"2026-11-19","time":null,"kind":"overdue","title":"Overdue report","customer":null,"where":null,"priority":"low","ref":"1"},
{"date":"2026-11-21","time":"16:00","kind":"overdue","title":"Late call","customer":null,"where":null,"priority":"urgent","ref":"2"},
{"date":"2026-11-22","time":"12:00","kind":"appointment","title":"Lunch with Acme","customer":"C00001","where":"Cafe Nero","priority":"normal","ref":"3"},
{"date":"2026-11-22","time":null,"kind":"task","title":"Prepare slides","customer":null,"where":null,"priority":"high","ref":"4"}
]
EOF

# the window's last day is today + N - 1: 2 days end on 11-23, 3 on 11-24
try 'two days end before the close' 0 crm agenda --days 2 --columns date,kind,ref \
	--no-header
out_is <<'EOF'
2026-11-19,overdue,1
2026-11-21,overdue,2
2026-11-22,appointment,3
2026-11-22,task,4
2026-11-23,appointment,6
2026-11-23,followup,5
EOF
try 'three days reach it' 0 crm agenda --days 3 --columns date,kind,ref --no-header
out_is <<'EOF'
2026-11-19,overdue,1
2026-11-21,overdue,2
2026-11-22,appointment,3
2026-11-22,task,4
2026-11-23,appointment,6
2026-11-23,followup,5
2026-11-24,close,D00001
EOF
# 6 days end on 11-27 and miss task 7; 8 days reach 11-29: task 8 and then
# the close of D00002 on the same day
try 'six days miss the 28th' 0 crm agenda --days 6 --columns date,ref --no-header \
	--format tsv
out_is <<'EOF'
2026-11-19	1
2026-11-21	2
2026-11-22	3
2026-11-22	4
2026-11-23	6
2026-11-23	5
2026-11-24	D00001
EOF
try 'eight days reach the 29th' 0 crm agenda --days 8 --columns date,kind,title,ref \
	--format ndjson
out_is <<'EOF'
{"date":"2026-11-19","kind":"overdue","title":"Overdue report","ref":"1"}
{"date":"2026-11-21","kind":"overdue","title":"Late call","ref":"2"}
{"date":"2026-11-22","kind":"appointment","title":"Lunch with Acme","ref":"3"}
{"date":"2026-11-22","kind":"task","title":"Prepare slides","ref":"4"}
{"date":"2026-11-23","kind":"appointment","title":"Site visit","ref":"6"}
{"date":"2026-11-23","kind":"followup","title":"Follow up: Price talk","ref":"5"}
{"date":"2026-11-24","kind":"close","title":"Spring order","ref":"D00001"}
{"date":"2026-11-28","kind":"task","title":"Quarterly review","ref":"7"}
{"date":"2026-11-29","kind":"task","title":"Outside the week","ref":"8"}
{"date":"2026-11-29","kind":"close","title":"Shelving","ref":"D00002"}
EOF

# ---- another rep, another day ----

try "bob's agenda" 0 crm agenda --rep bob --format table
out_is <<'EOF'
Sunday 2026-11-22, today
TIME  KIND  TITLE     CUSTOMER  WHERE  PRIORITY  REF
      task  Bob task                   normal    10

Monday 2026-11-23, tomorrow
TIME  KIND   TITLE     CUSTOMER  WHERE  PRIORITY  REF
      close  Bob deal  BIRCH                      D00004
EOF
try 'the user is the default rep' 0 crm agenda --user bob --columns ref --no-header
out_is <<'EOF'
10
D00004
EOF
# on 11-24 everything of ann's up to 11-23 is overdue: on the 22nd the
# appointment before the task, on the 23rd too
try 'two days later, one day' 0 crm agenda --today 2026-11-24 --days 1 \
	--columns date,time,kind,ref --no-header
out_is <<'EOF'
2026-11-19,,overdue,1
2026-11-21,16:00,overdue,2
2026-11-22,12:00,overdue,3
2026-11-22,,overdue,4
2026-11-23,09:00,overdue,6
2026-11-23,,overdue,5
2026-11-24,,close,D00001
EOF
try 'nothing on a rep without work' 0 crm agenda --rep zoe
out_is <<'EOF'
date,time,kind,title,customer,where,priority,ref
EOF

# ---- the agenda follows changes ----

crm task done 1 4
crm task edit 7 --due 2026-11-25 --at 14:30 --where 'HQ'
try 'done tasks leave, a moved one moves' 0 crm agenda --columns date,time,kind,where,ref \
	--no-header
out_is <<'EOF'
2026-11-21,16:00,overdue,,2
2026-11-22,12:00,appointment,Cafe Nero,3
2026-11-23,09:00,appointment,Leeds,6
2026-11-23,,followup,,5
2026-11-24,,close,,D00001
2026-11-25,14:30,appointment,HQ,7
EOF

# ---- a technician's visits ----

# tom's: V1 yesterday (overdue), V2 today at 08:00 at Birch (in York), V3
# tomorrow without a task, V4 cancelled, V6 done; V5 is sue's.  Within a
# day a timed visit comes before untimed tasks, like an appointment.
crm customer edit BIRCH --city York
crm task add 'Order parts' --assignee tom --due today --priority high >/dev/null
crm visit schedule C00001 --tech tom --on -1d --task 'Late service' >/dev/null
crm visit schedule BIRCH --tech tom --on today --at 08:00 --task 'Fix the shelves' >/dev/null
crm visit schedule C00001 --tech tom --on tomorrow >/dev/null
crm visit schedule BIRCH --tech tom --on +2d >/dev/null
crm visit schedule BIRCH --tech sue --on today >/dev/null
crm visit schedule C00001 --tech tom --on today >/dev/null
crm visit cancel V-2026-00004
crm visit done V-2026-00006 --report Done
try "a technician's visits" 0 crm agenda --rep tom --days 3 --format table
out_is <<'EOF'
Saturday 2026-11-21, overdue
TIME  KIND     TITLE         CUSTOMER  WHERE  PRIORITY  REF
      overdue  Late service  C00001                     V-2026-00001

Sunday 2026-11-22, today
TIME   KIND   TITLE            CUSTOMER  WHERE  PRIORITY  REF
08:00  visit  Fix the shelves  BIRCH     York             V-2026-00002
       task   Order parts                       high      12

Monday 2026-11-23, tomorrow
TIME  KIND   TITLE        CUSTOMER  WHERE  PRIORITY  REF
      visit  field visit  C00001                     V-2026-00003
EOF
err_empty
# V4 (cancelled, 11-24) stays off even when the window reaches it
try "a technician's visits as csv" 0 crm agenda --rep tom --days 5
out_is <<'EOF'
date,time,kind,title,customer,where,priority,ref
2026-11-21,,overdue,Late service,C00001,,,V-2026-00001
2026-11-22,08:00,visit,Fix the shelves,BIRCH,York,,V-2026-00002
2026-11-22,,task,Order parts,,,high,12
2026-11-23,,visit,field visit,C00001,,,V-2026-00003
EOF
try "sue's visit" 0 crm agenda --rep sue --days 1 --format json
out_is <<'EOF'
[
{"date":"2026-11-22","time":null,"kind":"visit","title":"field visit","customer":"BIRCH","where":"York","priority":null,"ref":"V-2026-00005"}
]
EOF
# a visit reported done leaves the agenda; the overdue one too
crm visit done V-2026-00001 --report Late
try 'done visits leave' 0 crm agenda --rep tom --days 2 --columns ref --no-header
out_is <<'EOF'
V-2026-00002
12
V-2026-00003
EOF

# ---- bad input ----

try 'zero days' 4 crm agenda --days 0
out_empty
err_is <<'EOF'
crm: agenda: 0 is not a number of days (1-3650)
EOF
try 'negative days' 4 crm agenda --days -1
out_empty
err_is <<'EOF'
crm: agenda: -1 is not a number of days (1-3650)
EOF
try 'too many days' 4 crm agenda --days 3651
err_is <<'EOF'
crm: agenda: 3651 is not a number of days (1-3650)
EOF
try 'days in words' 2 crm agenda --days week
out_empty
err_is <<'EOF'
crm: agenda: --days 'week' is not a number
EOF
try 'an argument' 2 crm agenda bob
out_empty
err_is <<'EOF'
usage: crm agenda [--rep REP] [--days N]
A rep's open tasks, follow-ups, appointments, field visits and expected deal
closes for the N days from today (default the user, 7 days), overdue ones first.
EOF
try 'an unknown option' 2 crm agenda --weeks 2
out_empty
try 'help' 0 crm agenda --help
out_is <<'EOF'
usage: crm agenda [--rep REP] [--days N]
A rep's open tasks, follow-ups, appointments, field visits and expected deal
closes for the N days from today (default the user, 7 days), overdue ones first.
EOF

done_testing
