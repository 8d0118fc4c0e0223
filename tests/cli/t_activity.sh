#!/bin/sh
# crm activity: log (with contacts, times, follow-ups), list (filters and
# formats), show, edit, rm; the cadence fields and the activities table of
# customer show; bad input refused with nothing written.  Every expected
# value below is worked out by hand from the commands before it (today is
# 2026-11-22, now 09:30:00, the user ann).
. "$(dirname "$0")/lib.sh"

# counts ACTIVITIES TASKS AUDIT: the rows there are (a refusal adds none).
counts() {
	sql_is 'SELECT count(*) FROM activity; SELECT count(*) FROM task; SELECT count(*) FROM audit' <<EOF
$1
$2
$3
EOF
}

crm customer add 'Acme Trading' --tier gold >/dev/null
crm customer add 'Birch Ltd' --code BIRCH >/dev/null
crm contact add C00001 'Ann Lee' >/dev/null
crm contact add C00001 'Bo Chen' --email bo@acme.example >/dev/null
crm contact add BIRCH 'Cy Dee' >/dev/null
# 2 customers and 3 contacts: 5 audit rows
counts 0 0 5

# ---- log ----

try 'log a call with everything' 0 crm activity log C00001 --type call --summary 'Price talk' \
	--contact 'Ann Lee' --minutes 15 --outcome 'wants a quote' --at 2026-11-20T14:00
out_is <<'EOF'
1
EOF
err_empty

try 'log by customer id, contact by id, another rep, default time' 0 \
	crm activity log 2 --type email --summary 'Sent catalogue' --contact 3 --rep bob
out_is <<'EOF'
2
EOF

try 'log with a follow-up' 0 crm activity log C00001 --type visit --summary 'Showroom tour' \
	--at yesterday --next +3d
out_is <<'EOF'
3
EOF
err_is <<'EOF'
follow-up 1 due 2026-11-25
EOF

try 'log with a follow-up today, its own title, quietly' 0 crm activity log C00001 \
	--type meeting --summary 'Board meeting' --at '2026-11-22 08:00' --rep bob \
	--next today --next-action 'Send minutes' -q
out_is <<'EOF'
4
EOF
err_empty

try 'log a note by a date, contact by email in any case' 0 crm activity log C00001 \
	--type note --summary 'Old note' --at 2026-11-01 --contact BO@acme.example
out_is <<'EOF'
5
EOF

try 'log at this very second' 0 crm activity log BIRCH --type im --summary 'Ping' \
	--at 2026-11-22T09:30:00 --minutes 0
out_is <<'EOF'
6
EOF

sql_is 'SELECT id, customer_id, contact_id, deal_id, type, at, rep, minutes, summary, outcome, created FROM activity ORDER BY id' <<'EOF'
1|1|1||call|2026-11-20T14:00:00|ann|15|Price talk|wants a quote|2026-11-22T09:30:00
2|2|3||email|2026-11-22T09:30:00|bob||Sent catalogue||2026-11-22T09:30:00
3|1|||visit|2026-11-21T00:00:00|ann||Showroom tour||2026-11-22T09:30:00
4|1|||meeting|2026-11-22T08:00:00|bob||Board meeting||2026-11-22T09:30:00
5|1|2||note|2026-11-01T00:00:00|ann||Old note||2026-11-22T09:30:00
6|2|||im|2026-11-22T09:30:00|ann|0|Ping||2026-11-22T09:30:00
EOF
# the follow-ups: assigned to the rep, same customer, linked to the activity
sql_is 'SELECT id, title, customer_id, deal_id, activity_id, due, time, place, assignee, priority, status, done_at FROM task ORDER BY id' <<'EOF'
1|Follow up: Showroom tour|1||3|2026-11-25|||ann|normal|open|
2|Send minutes|1||4|2026-11-22|||bob|normal|open|
EOF
sql_is "SELECT user, action, new FROM audit WHERE entity = 'activity' AND entity_id = 1" <<'EOF'
ann|insert|{"customer":"C00001","type":"call","at":"2026-11-20T14:00:00","rep":"ann","minutes":15,"summary":"Price talk","outcome":"wants a quote","contact":"Ann Lee","deal":null}
EOF
# 6 activities and 2 tasks: 8 more audit rows
counts 6 2 13

# ---- log: bad input writes nothing ----

try 'an unknown type' 4 crm activity log C00001 --type fax --summary x
out_empty
err_is <<'EOF'
crm: activity log: 'fax' is not an activity type (call, email, im, visit, meeting, note)
EOF
try 'an unknown customer' 3 crm activity log C00099 --type call --summary x
out_empty
err_is <<'EOF'
crm: activity log: no customer 'C00099'
EOF
try 'a contact of another customer, by name' 4 crm activity log C00001 --type call \
	--summary x --contact 'Cy Dee'
out_empty
err_is <<'EOF'
crm: activity log: contact 'Cy Dee' belongs to BIRCH, not C00001
EOF
try 'a contact of another customer, by id' 4 crm activity log BIRCH --type call \
	--summary x --contact 1
err_is <<'EOF'
crm: activity log: contact '1' belongs to C00001, not BIRCH
EOF
try 'an unknown contact' 3 crm activity log C00001 --type call --summary x --contact Zed
err_is <<'EOF'
crm: activity log: no contact 'Zed'
EOF
try 'a time a minute from now' 4 crm activity log C00001 --type call --summary x \
	--at 2026-11-22T09:31
out_empty
err_is <<'EOF'
crm: activity log: '2026-11-22T09:31' is in the future
EOF
try 'a future day' 4 crm activity log C00001 --type call --summary x --at tomorrow
err_is <<'EOF'
crm: activity log: 'tomorrow' is in the future
EOF
try 'a time that is no time' 4 crm activity log C00001 --type call --summary x --at noon
err_is <<'EOF'
crm: activity log: 'noon' is not a time (YYYY-MM-DDTHH:MM[:SS]) or a date
EOF
try 'a date that does not exist' 4 crm activity log C00001 --type call --summary x \
	--at 2026-02-30
err_is <<'EOF'
crm: activity log: '2026-02-30' is not a time (YYYY-MM-DDTHH:MM[:SS]) or a date
EOF
try 'negative minutes' 4 crm activity log C00001 --type call --summary x --minutes -5
err_is <<'EOF'
crm: activity log: '-5' is not a number of minutes (0-10000)
EOF
try 'minutes in words' 4 crm activity log C00001 --type call --summary x --minutes ten
err_is <<'EOF'
crm: activity log: 'ten' is not a number of minutes (0-10000)
EOF
try 'too many minutes' 4 crm activity log C00001 --type call --summary x --minutes 10001
err_is <<'EOF'
crm: activity log: '10001' is not a number of minutes (0-10000)
EOF
try 'empty minutes' 4 crm activity log C00001 --type call --summary x --minutes ''
err_is <<'EOF'
crm: activity log: '' is not a number of minutes (0-10000)
EOF
try 'an empty summary' 4 crm activity log C00001 --type call --summary ''
out_empty
err_is <<'EOF'
crm: activity log: '' is not a summary: it is empty
EOF
try 'an empty rep' 4 crm activity log C00001 --type call --summary x --rep ''
err_is <<'EOF'
crm: activity log: '' is not a rep name
EOF
try 'a follow-up in the past' 4 crm activity log C00001 --type call --summary x \
	--next yesterday
out_empty
err_is <<'EOF'
crm: activity log: follow-up date 'yesterday' is in the past
EOF
try 'a follow-up date that is no date' 4 crm activity log C00001 --type call --summary x \
	--next soon
err_is <<'EOF'
crm: activity log: 'soon' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)
EOF
cat >"$T/usage" <<'EOF'
usage: crm activity log CUSTOMER --type TYPE --summary TEXT [--contact NAME|ID]
                 [--at WHEN] [--minutes N] [--outcome TEXT] [--deal KEY] [--rep REP]
                 [--next DATE [--next-action TEXT]]
Logs a call, email, im, visit, meeting or note and prints its id; --next
schedules a follow-up task.
EOF
try '--next-action without --next' 2 crm activity log C00001 --type call --summary x \
	--next-action 'Call again'
out_empty
err_is <"$T/usage"
try 'no --type' 2 crm activity log C00001 --summary x
err_is <"$T/usage"
try 'no --summary' 2 crm activity log C00001 --type call
err_is <"$T/usage"
try 'no customer' 2 crm activity log --type call --summary x
try 'help' 0 crm activity log -h
out_is <<'EOF'
usage: crm activity log CUSTOMER --type TYPE --summary TEXT [--contact NAME|ID]
                 [--at WHEN] [--minutes N] [--outcome TEXT] [--deal KEY] [--rep REP]
                 [--next DATE [--next-action TEXT]]
Logs a call, email, im, visit, meeting or note and prints its id; --next
schedules a follow-up task.
EOF
counts 6 2 13

# ---- list ----
# newest first: 2 and 6 (both 11-22 09:30, the higher id first), 4 (11-22
# 08:00), 3 (11-21), 1 (11-20), 5 (11-01)

try 'list as a table' 0 crm activity list --format table
out_is <<'EOF'
ID  AT                   CUSTOMER  TYPE     REP  MINUTES  SUMMARY
 6  2026-11-22T09:30:00  BIRCH     im       ann        0  Ping
 2  2026-11-22T09:30:00  BIRCH     email    bob           Sent catalogue
 4  2026-11-22T08:00:00  C00001    meeting  bob           Board meeting
 3  2026-11-21T00:00:00  C00001    visit    ann           Showroom tour
 1  2026-11-20T14:00:00  C00001    call     ann       15  Price talk
 5  2026-11-01T00:00:00  C00001    note     ann           Old note
EOF
err_empty

try 'list as csv' 0 crm activity list
out_is <<'EOF'
id,at,customer,name,type,rep,contact,deal,minutes,summary,outcome
6,2026-11-22T09:30:00,BIRCH,Birch Ltd,im,ann,,,0,Ping,
2,2026-11-22T09:30:00,BIRCH,Birch Ltd,email,bob,Cy Dee,,,Sent catalogue,
4,2026-11-22T08:00:00,C00001,Acme Trading,meeting,bob,,,,Board meeting,
3,2026-11-21T00:00:00,C00001,Acme Trading,visit,ann,,,,Showroom tour,
1,2026-11-20T14:00:00,C00001,Acme Trading,call,ann,Ann Lee,,15,Price talk,wants a quote
5,2026-11-01T00:00:00,C00001,Acme Trading,note,ann,Bo Chen,,,Old note,
EOF

try 'list a customer as json' 0 crm activity list BIRCH --format json
out_is <<'EOF'
[
{"id":6,"at":"2026-11-22T09:30:00","customer":"BIRCH","name":"Birch Ltd","type":"im","rep":"ann","contact":null,"deal":null,"minutes":0,"summary":"Ping","outcome":null},
{"id":2,"at":"2026-11-22T09:30:00","customer":"BIRCH","name":"Birch Ltd","type":"email","rep":"bob","contact":"Cy Dee","deal":null,"minutes":null,"summary":"Sent catalogue","outcome":null}
]
EOF

try 'list by type as ndjson with columns' 0 crm activity list --type call --format ndjson \
	--columns id,contact,minutes,outcome
out_is <<'EOF'
{"id":1,"contact":"Ann Lee","minutes":15,"outcome":"wants a quote"}
EOF

try 'list by rep as tsv' 0 crm activity list --rep bob --format tsv --columns id,type,summary
out_is <<'EOF'
id	type	summary
2	email	Sent catalogue
4	meeting	Board meeting
EOF

try 'list one day: --from and --to include it' 0 crm activity list --from 2026-11-21 \
	--to 2026-11-21 --columns id --no-header
out_is <<'EOF'
3
EOF
try 'list from a day on' 0 crm activity list --from yesterday --columns id --no-header
out_is <<'EOF'
6
2
4
3
EOF
try 'list up to a day' 0 crm activity list C00001 --to -2d --columns id --no-header
out_is <<'EOF'
1
5
EOF
try 'list the newest two' 0 crm activity list --limit 2 --columns id --no-header
out_is <<'EOF'
6
2
EOF
try 'list nothing' 0 crm activity list --type visit --rep bob
out_is <<'EOF'
id,at,customer,name,type,rep,contact,deal,minutes,summary,outcome
EOF
try 'list an unknown type' 4 crm activity list --type fax
out_empty
err_is <<'EOF'
crm: activity list: 'fax' is not an activity type (call, email, im, visit, meeting, note)
EOF
try 'list from a bad date' 4 crm activity list --from 2026-13-01
out_empty
err_is <<'EOF'
crm: activity list: '2026-13-01' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)
EOF
try 'list an unknown customer' 3 crm activity list C00099
out_empty
err_is <<'EOF'
crm: activity list: no customer 'C00099'
EOF
try 'list with a bad limit' 2 crm activity list --limit 0
err_is <<'EOF'
crm: activity list: --limit '0' is not a count
EOF
try 'list two customers' 2 crm activity list C00001 BIRCH
out_empty

# ---- show ----

try 'show one with a follow-up' 0 crm activity show 3 --format table
out_is <<'EOF'
id               3
at               2026-11-21T00:00:00
customer         C00001
name             Acme Trading
type             visit
rep              ann
summary          Showroom tour
created          2026-11-22T09:30:00
followup         1
followup_title   Follow up: Showroom tour
followup_due     2026-11-25
followup_status  open
EOF
err_empty
try 'show one without, as json' 0 crm activity show 1 --format json
out_is <<'EOF'
{"id":1,"at":"2026-11-20T14:00:00","customer":"C00001","name":"Acme Trading","type":"call","rep":"ann","contact":"Ann Lee","deal":null,"minutes":15,"summary":"Price talk","outcome":"wants a quote","created":"2026-11-22T09:30:00","followup":null,"followup_title":null,"followup_due":null,"followup_status":null}
EOF
try 'show as csv' 0 crm activity show 4 --columns id,type,followup,followup_due
out_is <<'EOF'
id,type,followup,followup_due
4,meeting,2,2026-11-22
EOF
try 'show an unknown id' 3 crm activity show 99
out_empty
err_is <<'EOF'
crm: activity show: no activity '99'
EOF
try 'show a key that is no id' 3 crm activity show abc
err_is <<'EOF'
crm: activity show: no activity 'abc'
EOF
try 'show without an id' 2 crm activity show

# ---- edit ----

try 'edit: clear the outcome, set minutes' 0 crm activity edit 1 --outcome '' --minutes 20
out_empty
err_empty
try 'edit: type, summary, time and rep' 0 crm activity edit 1 --type email \
	--summary 'Price talk (mail)' --at 2026-11-20T15:00 --rep bob
sql_is 'SELECT type, at, rep, minutes, summary, outcome FROM activity WHERE id = 1' <<'EOF'
email|2026-11-20T15:00:00|bob|20|Price talk (mail)|
EOF
try 'edit: clear the minutes' 0 crm activity edit 1 --minutes ''
sql_is 'SELECT minutes IS NULL FROM activity WHERE id = 1' <<'EOF'
1
EOF
sql_is "SELECT action, old, new FROM audit WHERE entity = 'activity' AND entity_id = 1 ORDER BY id DESC LIMIT 1" <<'EOF'
update|{"customer":"C00001","type":"email","at":"2026-11-20T15:00:00","rep":"bob","minutes":20,"summary":"Price talk (mail)","outcome":null,"contact":"Ann Lee","deal":null}|{"customer":"C00001","type":"email","at":"2026-11-20T15:00:00","rep":"bob","minutes":null,"summary":"Price talk (mail)","outcome":null,"contact":"Ann Lee","deal":null}
EOF
counts 6 2 16

try 'edit into the future' 4 crm activity edit 1 --at tomorrow
out_empty
err_is <<'EOF'
crm: activity edit: 'tomorrow' is in the future
EOF
try 'edit to an unknown type' 4 crm activity edit 1 --type fax
err_is <<'EOF'
crm: activity edit: 'fax' is not an activity type (call, email, im, visit, meeting, note)
EOF
try 'edit to an empty summary' 4 crm activity edit 1 --summary ''
err_is <<'EOF'
crm: activity edit: '' is not a summary: it is empty
EOF
try 'edit to negative minutes' 4 crm activity edit 1 --minutes -1
err_is <<'EOF'
crm: activity edit: '-1' is not a number of minutes (0-10000)
EOF
try 'edit to an empty rep' 4 crm activity edit 1 --rep ''
err_is <<'EOF'
crm: activity edit: '' is not a rep name
EOF
try 'edit nothing' 2 crm activity edit 1
err_is <<'EOF'
crm: activity edit: nothing to change
EOF
try 'edit an unknown id' 3 crm activity edit 99 --summary x
err_is <<'EOF'
crm: activity edit: no activity '99'
EOF
sql_is 'SELECT type, at, rep, minutes, summary, outcome FROM activity WHERE id = 1' <<'EOF'
email|2026-11-20T15:00:00|bob||Price talk (mail)|
EOF
counts 6 2 16

# ---- rm ----

try 'rm an activity that scheduled a follow-up' 0 crm activity rm 3
out_empty
err_empty
# the follow-up stays, no longer linked: now a plain task
sql_is 'SELECT id, activity_id IS NULL, title FROM task WHERE id = 1; SELECT count(*) FROM activity WHERE id = 3' <<'EOF'
1|1|Follow up: Showroom tour
0
EOF
sql_is "SELECT action, old FROM audit WHERE entity = 'activity' AND entity_id = 3 AND action = 'delete'" <<'EOF'
delete|{"type":"visit","at":"2026-11-21T00:00:00","summary":"Showroom tour"}
EOF
try 'rm it again' 3 crm activity rm 3
out_empty
err_is <<'EOF'
crm: activity rm: no activity '3'
EOF
try 'rm without an id' 2 crm activity rm
counts 5 2 17

# ---- customer show: cadence and the latest activities ----
# Elm (tier gold) was added on 2026-10-01; gold customers are due every
# 14 days, the others every 30.

try 'gold cadence' 0 crm config set tier.gold.cadence 14
try 'default cadence' 0 crm config set cadence.default 30
try 'add a customer earlier' 0 env CRM_NOW=2026-10-01T10:00:00 "$CRM_BIN" customer add Elm \
	--tier gold
out_is <<'EOF'
C00003
EOF

# no contact yet: due 14 days after it was added, 2026-10-15
try 'show, no contact yet' 0 crm customer show C00003 --format table \
	--columns effective_cadence,last_contact,next_contact,activities
out_is <<'EOF'
effective_cadence  14
next_contact       2026-10-15
EOF
crm activity log C00003 --type call --summary 'First call' --at 2026-11-02T10:00 >/dev/null
crm activity log 3 --type email --summary 'Mail 1' --at 2026-11-03T10:00 >/dev/null
crm activity log 3 --type im --summary 'Chat' --at 2026-11-04T10:00 >/dev/null
crm activity log 3 --type visit --summary 'Visit' --at 2026-11-05T10:00 --outcome order \
	>/dev/null
# the visit on 11-05 is the last contact: next one due 11-19
try 'show after some contacts' 0 crm customer show C00003 --format table \
	--columns effective_cadence,last_contact,next_contact
out_is <<'EOF'
effective_cadence  14
last_contact       2026-11-05T10:00:00
next_contact       2026-11-19
EOF
crm activity log 3 --type note --summary 'A note is no contact' --at 2026-11-22T09:00 >/dev/null
try 'a note moves nothing' 0 crm customer show C00003 --format table \
	--columns last_contact,next_contact
out_is <<'EOF'
last_contact  2026-11-05T10:00:00
next_contact  2026-11-19
EOF
try 'a call today' 0 crm activity log C00003 --type call --summary 'Called today' --rep bob
out_is <<'EOF'
12
EOF
# 2026-11-22 + 14 days = 2026-12-06; the five newest of six activities
try 'the call today moves next_contact' 0 crm customer show C00003 --format table \
	--columns effective_cadence,last_contact,next_contact,activities
out_is <<'EOF'
effective_cadence  14
last_contact       2026-11-22T09:30:00
next_contact       2026-12-06

activities:
ID  AT                   TYPE   REP  SUMMARY               OUTCOME
12  2026-11-22T09:30:00  call   bob  Called today
11  2026-11-22T09:00:00  note   ann  A note is no contact
10  2026-11-05T10:00:00  visit  ann  Visit                 order
 9  2026-11-04T10:00:00  im     ann  Chat
 8  2026-11-03T10:00:00  email  ann  Mail 1
EOF
try 'show as json' 0 crm customer show C00003 --format json \
	--columns code,last_contact,next_contact,activities
out_is <<'EOF'
{"code":"C00003","last_contact":"2026-11-22T09:30:00","next_contact":"2026-12-06","activities":[{"id":12,"at":"2026-11-22T09:30:00","type":"call","rep":"bob","summary":"Called today","outcome":null},{"id":11,"at":"2026-11-22T09:00:00","type":"note","rep":"ann","summary":"A note is no contact","outcome":null},{"id":10,"at":"2026-11-05T10:00:00","type":"visit","rep":"ann","summary":"Visit","outcome":"order"},{"id":9,"at":"2026-11-04T10:00:00","type":"im","rep":"ann","summary":"Chat","outcome":null},{"id":8,"at":"2026-11-03T10:00:00","type":"email","rep":"ann","summary":"Mail 1","outcome":null}]}
EOF
# BIRCH has no tier: the default 30 days after its last contact on 11-22
try 'the default cadence' 0 crm customer show BIRCH --format table \
	--columns effective_cadence,next_contact
out_is <<'EOF'
effective_cadence  30
next_contact       2026-12-22
EOF
try 'a tier cadence changes' 0 crm config set tier.gold.cadence 21
try 'next_contact follows it' 0 crm customer show C00003 --format table --columns next_contact
out_is <<'EOF'
next_contact  2026-12-13
EOF
try "the customer's own cadence wins" 0 crm customer edit C00003 --cadence 7
try 'next_contact follows it' 0 crm customer show C00003 --format table --columns next_contact
out_is <<'EOF'
next_contact  2026-11-29
EOF
try 'a lead has no cadence' 0 crm customer edit BIRCH --status lead
try 'no cadence fields' 0 crm customer show BIRCH --format json \
	--columns last_contact,next_contact
out_is <<'EOF'
{"last_contact":null,"next_contact":null}
EOF

# ---- deals ----

try 'a deal of Acme' 0 crm deal add C00001 'Spring order' --amount 1000
out_is <<'EOF'
D00001
EOF
try 'a deal of Elm' 0 crm deal add C00003 Samples --amount 50
out_is <<'EOF'
D00002
EOF
try 'log about a deal, with a follow-up' 0 crm activity log C00001 --type call \
	--summary Terms --deal D00001 --next +2d -q
out_is <<'EOF'
13
EOF
# the follow-up is about the same customer and deal
sql_is 'SELECT deal_id FROM activity WHERE id = 13; SELECT title, customer_id, deal_id, activity_id, due FROM task WHERE activity_id = 13' <<'EOF'
1
Follow up: Terms|1|1|13|2026-11-24
EOF
try 'log about a deal by its id' 0 crm activity log C00003 --type email --summary 'Price list' \
	--deal 2
out_is <<'EOF'
14
EOF
# audit rows: 17 before the cadence part, then 2 settings, Elm, 6 activities,
# a changed setting, 2 customer edits, 2 deals, 2 activities and a task
counts 13 3 34
try 'a deal of another customer' 4 crm activity log C00001 --type call --summary x \
	--deal D00002
out_empty
err_is <<'EOF'
crm: activity log: deal 'D00002' belongs to C00003, not C00001
EOF
try 'an unknown deal' 3 crm activity log C00001 --type call --summary x --deal D00099
out_empty
err_is <<'EOF'
crm: activity log: no deal 'D00099'
EOF
counts 13 3 34
try 'list by deal' 0 crm activity list --deal D00001 --columns id,customer,deal,summary
out_is <<'EOF'
id,customer,deal,summary
13,C00001,D00001,Terms
EOF
try 'list by an unknown deal' 3 crm activity list --deal D00099
out_empty
err_is <<'EOF'
crm: activity list: no deal 'D00099'
EOF
try 'show the deal and the follow-up' 0 crm activity show 13 \
	--columns id,deal,followup,followup_title,followup_due
out_is <<'EOF'
id,deal,followup,followup_title,followup_due
13,D00001,3,Follow up: Terms,2026-11-24
EOF

done_testing
