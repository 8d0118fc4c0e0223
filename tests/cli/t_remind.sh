#!/bin/sh
# crm remind: the sections (today, soon, overdue, cadence, feedback,
# stalled, closing, ship; due, late and credit at the end) alone and
# together, --rep, --days, --only, every format, silence when nothing is
# due, the mbox byte for byte, --send, bad input.
#
# Every expected row below was worked out by hand from the fixture and the
# clock (today 2026-11-22, a Sunday; now 09:30:00 UTC), as the comments
# say; the tables' widths are those of the longest cell or header.
. "$(dirname "$0")/lib.sh"

# at TIMESTAMP CMD...: runs CMD with the clock at TIMESTAMP (today its date).
at() { _at=$1; shift; CRM_TODAY=${_at%%T*} CRM_NOW=$_at "$@"; }
# q CMD...: a set-up step; only its failure is reported.
q() { "$@" >"$T/qout" 2>&1 || report 1 "set-up: $*" "$T/qout"; }

# nothing_due DESC CMD...: CMD prints nothing at all and exits 0.
nothing_due() {
	_desc=$1
	shift
	try "$_desc" 0 "$@"
	out_empty
	err_empty
}

# ---- nothing due: no output at all, in every format ----

for f in table csv tsv json ndjson; do
	nothing_due "an empty database, --format $f" crm remind --format "$f"
done
nothing_due 'an empty database, --mbox' crm remind --mbox
CRM_SENDMAIL='echo sent >>"$HOME/sent-nothing"' nothing_due 'an empty database, --send' \
	crm remind --send
try 'no sendmail ran' 1 test -e "$HOME/sent-nothing"

# ---- the fixture ----

# customers: Acme (ann, every 30 days), Birch (bob, every 14 days), Cedar
# (no owner, every 7 days), leads Dune, Elm, Fir, Gorse and Hazel
q at 2026-09-01T10:00:00 crm customer add 'Acme Trading' --owner ann --cadence 30 # C00001
q at 2026-11-01T10:00:00 crm customer add 'Birch Ltd' --owner bob --cadence 14    # C00002
q at 2026-11-10T10:00:00 crm customer add 'Cedar GmbH' --cadence 7                # C00003
q at 2026-11-01T10:00:00 crm lead add 'Dune Leads'                                # C00004
q at 2026-11-01T10:00:00 crm lead add 'Elm Co'                                    # C00005
q at 2026-11-01T10:00:00 crm lead add 'Fir Works'                                 # C00006
q at 2026-11-01T10:00:00 crm lead add 'Gorse AG'                                  # C00007
q at 2026-11-01T10:00:00 crm lead add 'Hazel'                                     # C00008

# deals: D00001 in proposal (stall limit 21) since 2026-10-20; D00002 past
# its close of 2026-11-18; D00003 in negotiation (limit 14) since
# 2026-11-08; D00004 lost and D00005 won, both past their close dates
q at 2026-10-01T10:00:00 crm deal add C00001 Website --amount 12000 --close 2026-12-15
q at 2026-10-20T10:00:00 crm deal move D00001 proposal
q at 2026-11-10T10:00:00 crm deal add C00002 Hosting --amount 3000 --stage qualified \
	--close 2026-11-18
q at 2026-11-08T10:00:00 crm deal add C00001 'Support contract' --amount 5000 \
	--stage negotiation
q at 2026-10-01T10:00:00 crm deal add C00003 'Lost one' --amount 1000 --close 2026-11-01
q at 2026-11-15T10:00:00 crm deal lost D00004 --reason price
q at 2026-10-01T10:00:00 crm deal add C00002 'Won one' --amount 2000 --close 2026-11-05
q at 2026-11-06T10:00:00 crm deal won D00005

# Acme's last contact, 2026-10-20, schedules follow-up task 1 for today
q at 2026-10-20T11:00:00 crm activity log C00001 --type call --minutes 20 --deal D00001 \
	--summary 'Went through the proposal' --next 2026-11-22 --next-action 'Call about the proposal'

# leads: Dune went from ann to bob (feedback due 2026-11-15), who said
# nothing; Elm has a note from ann; Fir is not due until 2026-11-27; Gorse's
# status changed after its assignment; Hazel was never assigned
q at 2026-11-02T10:00:00 crm lead assign C00004 --to ann
q at 2026-11-10T10:00:00 crm lead assign C00004 --to bob --feedback-days 5
q at 2026-11-10T10:00:00 crm lead assign C00005 --to ann
q at 2026-11-12T10:00:00 crm activity log C00005 --type note --summary 'Not interested yet'
q at 2026-11-20T10:00:00 crm lead assign C00006 --to ann
q at 2026-11-01T10:00:00 crm lead assign C00007 --to bob
q at 2026-11-05T10:00:00 crm customer edit C00007 --status prospect
q at 2026-11-06T10:00:00 crm customer edit C00007 --status lead

# tasks 2 to 11 (the user, ann, is the default assignee)
q crm task add 'Demo for Birch' --customer C00002 --due today --at 14:00 \
	--where 'Birch office' --assignee bob
q crm task add 'Order samples' --due today --priority high
q crm task add 'Send brochure' --customer C00003 --due 2026-11-23 --assignee bob
q crm task add 'Book trade fair' --due 2026-11-25
q crm task add 'Quarterly review' --customer C00001 --due 2026-11-29
q crm task add 'Plan December' --due 2026-11-30
q crm task add 'Send quote' --customer C00001 --deal D00001 --due 2026-11-20
q crm task add 'Chase payment' --customer C00002 --due 2026-11-21 --assignee bob \
	--priority urgent
q crm task add 'Old thing' --due 2026-11-19
q crm task done 10
q crm task add 'Someday'

sqlite3 "$CRM_DB" 'SELECT count(*) FROM audit' >"$T/audit-before"

# ---- everything: one row stream ----

# today: tasks 1 and 3 (ann) and 2 (bob, 14:00); soon (tomorrow): task 4;
# overdue: task 8 (due 11-20, 2 days) and 9 (11-21, 1 day); cadence: Birch
# (created 11-01 + 14 = 11-15), Cedar (11-10 + 7 = 11-17, no owner), Acme
# (call 10-20 + 30 = 11-19); feedback: Dune (bob's, due 11-15, 7 days
# late); stalled: D00001 (10-20 to 11-22 is 33 days > 21; D00003's 14 days
# are not > 14); closing: D00002 (11-18, 4 days late)
try 'everything, csv' 0 crm remind --format csv
out_is <<'EOF'
section,rep,date,customer,name,item,detail,ref
today,ann,2026-11-22,C00001,Acme Trading,Call about the proposal,"follow-up, deal D00001",task 1
today,ann,2026-11-22,,,Order samples,high,task 3
today,bob,2026-11-22,C00002,Birch Ltd,Demo for Birch,"14:00, at Birch office",task 2
soon,bob,2026-11-23,C00003,Cedar GmbH,Send brochure,,task 4
overdue,ann,2026-11-20,C00001,Acme Trading,Send quote,"2 days late, deal D00001",task 8
overdue,bob,2026-11-21,C00002,Birch Ltd,Chase payment,"1 day late, urgent",task 9
cadence,bob,2026-11-15,C00002,Birch Ltd,contact due,"every 14 days, no contact yet",customer C00002
cadence,,2026-11-17,C00003,Cedar GmbH,contact due,"every 7 days, no contact yet",customer C00003
cadence,ann,2026-11-19,C00001,Acme Trading,contact due,"every 30 days, last contact 2026-10-20",customer C00001
feedback,bob,2026-11-15,C00004,Dune Leads,lead feedback due,"assigned 2026-11-10, 7 days late",lead C00004
stalled,ann,2026-10-20,C00001,Acme Trading,Website,proposal for 33 days (limit 21),deal D00001
closing,bob,2026-11-18,C00002,Birch Ltd,Hosting,"qualified, 3000.00, 4 days late",deal D00002
EOF
err_empty

try 'csv is the default off a terminal' 0 crm remind --only stalled
out_is <<'EOF'
section,rep,date,customer,name,item,detail,ref
stalled,ann,2026-10-20,C00001,Acme Trading,Website,proposal for 33 days (limit 21),deal D00001
EOF

# ---- everything: the table, one title and table per section ----

try 'everything, table' 0 crm remind --format table
out_is <<'EOF'
Due today
DATE        REP  CUSTOMER  NAME          ITEM                     DETAIL                  REF
2026-11-22  ann  C00001    Acme Trading  Call about the proposal  follow-up, deal D00001  task 1
2026-11-22  ann                          Order samples            high                    task 3
2026-11-22  bob  C00002    Birch Ltd     Demo for Birch           14:00, at Birch office  task 2

Due tomorrow
DATE        REP  CUSTOMER  NAME        ITEM           DETAIL  REF
2026-11-23  bob  C00003    Cedar GmbH  Send brochure          task 4

Overdue
DATE        REP  CUSTOMER  NAME          ITEM           DETAIL                    REF
2026-11-20  ann  C00001    Acme Trading  Send quote     2 days late, deal D00001  task 8
2026-11-21  bob  C00002    Birch Ltd     Chase payment  1 day late, urgent        task 9

Customers to contact
DATE        REP  CUSTOMER  NAME          ITEM         DETAIL                                  REF
2026-11-15  bob  C00002    Birch Ltd     contact due  every 14 days, no contact yet           customer C00002
2026-11-17       C00003    Cedar GmbH    contact due  every 7 days, no contact yet            customer C00003
2026-11-19  ann  C00001    Acme Trading  contact due  every 30 days, last contact 2026-10-20  customer C00001

Lead feedback overdue
DATE        REP  CUSTOMER  NAME        ITEM               DETAIL                            REF
2026-11-15  bob  C00004    Dune Leads  lead feedback due  assigned 2026-11-10, 7 days late  lead C00004

Stalled deals
DATE        REP  CUSTOMER  NAME          ITEM     DETAIL                           REF
2026-10-20  ann  C00001    Acme Trading  Website  proposal for 33 days (limit 21)  deal D00001

Deals past their expected close
DATE        REP  CUSTOMER  NAME       ITEM     DETAIL                           REF
2026-11-18  bob  C00002    Birch Ltd  Hosting  qualified, 3000.00, 4 days late  deal D00002
EOF
err_empty

# the columns keep the widths of their (unprinted) headers
try 'table without headers, two sections' 0 crm remind --format table --no-header \
	--only feedback,closing
out_is <<'EOF'
Lead feedback overdue
2026-11-15  bob  C00004    Dune Leads  lead feedback due  assigned 2026-11-10, 7 days late  lead C00004

Deals past their expected close
2026-11-18  bob  C00002    Birch Ltd  Hosting  qualified, 3000.00, 4 days late  deal D00002
EOF

try 'table with --columns' 0 crm remind --format table --columns ref,item --only overdue
out_is <<'EOF'
Overdue
REF     ITEM
task 8  Send quote
task 9  Chase payment
EOF

# ---- each section on its own ----

try 'only today' 0 crm remind --only today --no-header
out_is <<'EOF'
today,ann,2026-11-22,C00001,Acme Trading,Call about the proposal,"follow-up, deal D00001",task 1
today,ann,2026-11-22,,,Order samples,high,task 3
today,bob,2026-11-22,C00002,Birch Ltd,Demo for Birch,"14:00, at Birch office",task 2
EOF
try 'only soon' 0 crm remind --only soon --no-header
out_is <<'EOF'
soon,bob,2026-11-23,C00003,Cedar GmbH,Send brochure,,task 4
EOF
try 'only overdue (task 10 is done, task 11 has no date)' 0 crm remind --only overdue --no-header
out_is <<'EOF'
overdue,ann,2026-11-20,C00001,Acme Trading,Send quote,"2 days late, deal D00001",task 8
overdue,bob,2026-11-21,C00002,Birch Ltd,Chase payment,"1 day late, urgent",task 9
EOF
try 'only cadence (leads have none)' 0 crm remind --only cadence --no-header
out_is <<'EOF'
cadence,bob,2026-11-15,C00002,Birch Ltd,contact due,"every 14 days, no contact yet",customer C00002
cadence,,2026-11-17,C00003,Cedar GmbH,contact due,"every 7 days, no contact yet",customer C00003
cadence,ann,2026-11-19,C00001,Acme Trading,contact due,"every 30 days, last contact 2026-10-20",customer C00001
EOF
try 'only feedback (not Elm, Fir, Gorse, Hazel)' 0 crm remind --only feedback --no-header
out_is <<'EOF'
feedback,bob,2026-11-15,C00004,Dune Leads,lead feedback due,"assigned 2026-11-10, 7 days late",lead C00004
EOF
try 'only stalled' 0 crm remind --only stalled --no-header
out_is <<'EOF'
stalled,ann,2026-10-20,C00001,Acme Trading,Website,proposal for 33 days (limit 21),deal D00001
EOF
try 'only closing (not the lost or the won deal)' 0 crm remind --only closing --no-header
out_is <<'EOF'
closing,bob,2026-11-18,C00002,Birch Ltd,Hosting,"qualified, 3000.00, 4 days late",deal D00002
EOF
try '--only keeps the usual order' 0 crm remind --only closing,soon,closing --no-header
out_is <<'EOF'
soon,bob,2026-11-23,C00003,Cedar GmbH,Send brochure,,task 4
closing,bob,2026-11-18,C00002,Birch Ltd,Hosting,"qualified, 3000.00, 4 days late",deal D00002
EOF

# ---- the edges of the dates ----

# 2026-11-23: D00003 has been in negotiation 15 days > 14; D00001 34 days;
# task 4 is due today, tasks 1, 2, 3 are 1 day late
try 'stalled a day later' 0 crm remind --only stalled --today 2026-11-23 --no-header
out_is <<'EOF'
stalled,ann,2026-10-20,C00001,Acme Trading,Website,proposal for 34 days (limit 21),deal D00001
stalled,ann,2026-11-08,C00001,Acme Trading,Support contract,negotiation for 15 days (limit 14),deal D00003
EOF
try 'a stall limit from config' 0 crm config set deal.stage.proposal.stall 33
try 'at the limit is not stalled' 0 crm remind --only stalled
out_empty
try 'a day later it is' 0 crm remind --only stalled --today 2026-11-23 --no-header
out_is <<'EOF'
stalled,ann,2026-10-20,C00001,Acme Trading,Website,proposal for 34 days (limit 33),deal D00001
stalled,ann,2026-11-08,C00001,Acme Trading,Support contract,negotiation for 15 days (limit 14),deal D00003
EOF
try 'back to the default limit' 0 crm config unset deal.stage.proposal.stall
try 'a day later, today and overdue' 0 crm remind --only today,overdue --today 2026-11-23 \
	--no-header
out_is <<'EOF'
today,bob,2026-11-23,C00003,Cedar GmbH,Send brochure,,task 4
overdue,ann,2026-11-20,C00001,Acme Trading,Send quote,"3 days late, deal D00001",task 8
overdue,bob,2026-11-21,C00002,Birch Ltd,Chase payment,"2 days late, urgent",task 9
overdue,ann,2026-11-22,C00001,Acme Trading,Call about the proposal,"1 day late, follow-up, deal D00001",task 1
overdue,ann,2026-11-22,,,Order samples,"1 day late, high",task 3
overdue,bob,2026-11-22,C00002,Birch Ltd,Demo for Birch,"1 day late, 14:00, at Birch office",task 2
EOF
# closing: the expected close day itself is not past; the day after is
try 'closing on the close date' 0 crm remind --only closing --today 2026-11-18
out_empty
try 'closing the day after' 0 crm remind --only closing --today 2026-11-19 --no-header
out_is <<'EOF'
closing,bob,2026-11-18,C00002,Birch Ltd,Hosting,"qualified, 3000.00, 1 day late",deal D00002
EOF
# cadence: Acme's next contact is 2026-11-19, due that day but not before
try 'cadence the day before' 0 crm remind --only cadence --today 2026-11-14
out_empty
try 'cadence on the day' 0 crm remind --only cadence --rep ann --today 2026-11-19 --no-header
out_is <<'EOF'
cadence,ann,2026-11-19,C00001,Acme Trading,contact due,"every 30 days, last contact 2026-10-20",customer C00001
EOF
# feedback: Dune's is due 2026-11-15, so it is overdue from 2026-11-16
try 'feedback on the due date' 0 crm remind --only feedback --today 2026-11-15
out_empty
try 'feedback the day after' 0 crm remind --only feedback --today 2026-11-16 --no-header
out_is <<'EOF'
feedback,bob,2026-11-15,C00004,Dune Leads,lead feedback due,"assigned 2026-11-10, 1 day late",lead C00004
EOF

# ---- --days ----

# soon covers today+1 .. today+N: tasks 4 (11-23), 5 (11-25), 6 (11-29), 7 (11-30)
try '--days 0: no soon section' 0 crm remind --only soon --days 0
out_empty
try '--days 1 is tomorrow' 0 crm remind --only soon --days 1 --format table
out_is <<'EOF'
Due tomorrow
DATE        REP  CUSTOMER  NAME        ITEM           DETAIL  REF
2026-11-23  bob  C00003    Cedar GmbH  Send brochure          task 4
EOF
try '--days 3' 0 crm remind --only soon --days 3 --format table
out_is <<'EOF'
Due in the next 3 days
DATE        REP  CUSTOMER  NAME        ITEM             DETAIL  REF
2026-11-23  bob  C00003    Cedar GmbH  Send brochure            task 4
2026-11-25  ann                        Book trade fair          task 5
EOF
try '--days 7 ends on 11-29' 0 crm remind --only soon --days 7 --no-header
out_is <<'EOF'
soon,bob,2026-11-23,C00003,Cedar GmbH,Send brochure,,task 4
soon,ann,2026-11-25,,,Book trade fair,,task 5
soon,ann,2026-11-29,C00001,Acme Trading,Quarterly review,,task 6
EOF
try '--days 8 takes 11-30 too' 0 crm remind --only soon --days 8 --no-header
out_is <<'EOF'
soon,bob,2026-11-23,C00003,Cedar GmbH,Send brochure,,task 4
soon,ann,2026-11-25,,,Book trade fair,,task 5
soon,ann,2026-11-29,C00001,Acme Trading,Quarterly review,,task 6
soon,ann,2026-11-30,,,Plan December,,task 7
EOF
try '--days 365, the most' 0 crm remind --only soon --days 365 --rep ann --no-header
out_is <<'EOF'
soon,ann,2026-11-25,,,Book trade fair,,task 5
soon,ann,2026-11-29,C00001,Acme Trading,Quarterly review,,task 6
soon,ann,2026-11-30,,,Plan December,,task 7
EOF

# ---- --rep ----

# ann: tasks 1, 3, 8, Acme's contact, D00001; one rep's table has no rep column
try '--rep ann, table' 0 crm remind --rep ann --format table
out_is <<'EOF'
Due today
DATE        CUSTOMER  NAME          ITEM                     DETAIL                  REF
2026-11-22  C00001    Acme Trading  Call about the proposal  follow-up, deal D00001  task 1
2026-11-22                          Order samples            high                    task 3

Overdue
DATE        CUSTOMER  NAME          ITEM        DETAIL                    REF
2026-11-20  C00001    Acme Trading  Send quote  2 days late, deal D00001  task 8

Customers to contact
DATE        CUSTOMER  NAME          ITEM         DETAIL                                  REF
2026-11-19  C00001    Acme Trading  contact due  every 30 days, last contact 2026-10-20  customer C00001

Stalled deals
DATE        CUSTOMER  NAME          ITEM     DETAIL                           REF
2026-10-20  C00001    Acme Trading  Website  proposal for 33 days (limit 21)  deal D00001
EOF
try '--rep bob, csv' 0 crm remind --rep bob
out_is <<'EOF'
section,rep,date,customer,name,item,detail,ref
today,bob,2026-11-22,C00002,Birch Ltd,Demo for Birch,"14:00, at Birch office",task 2
soon,bob,2026-11-23,C00003,Cedar GmbH,Send brochure,,task 4
overdue,bob,2026-11-21,C00002,Birch Ltd,Chase payment,"1 day late, urgent",task 9
cadence,bob,2026-11-15,C00002,Birch Ltd,contact due,"every 14 days, no contact yet",customer C00002
feedback,bob,2026-11-15,C00004,Dune Leads,lead feedback due,"assigned 2026-11-10, 7 days late",lead C00004
closing,bob,2026-11-18,C00002,Birch Ltd,Hosting,"qualified, 3000.00, 4 days late",deal D00002
EOF
try '--rep with --only' 0 crm remind --rep bob --only overdue,stalled --no-header
out_is <<'EOF'
overdue,bob,2026-11-21,C00002,Birch Ltd,Chase payment,"1 day late, urgent",task 9
EOF

# ---- the formats ----

try 'tsv' 0 crm remind --only today --format tsv
out_is <<'EOF'
section	rep	date	customer	name	item	detail	ref
today	ann	2026-11-22	C00001	Acme Trading	Call about the proposal	follow-up, deal D00001	task 1
today	ann	2026-11-22			Order samples	high	task 3
today	bob	2026-11-22	C00002	Birch Ltd	Demo for Birch	14:00, at Birch office	task 2
EOF
try 'json' 0 crm remind --only soon,cadence --rep bob --format json
out_is <<'EOF'
[
{"section":"soon","rep":"bob","date":"2026-11-23","customer":"C00003","name":"Cedar GmbH","item":"Send brochure","detail":null,"ref":"task 4"},
{"section":"cadence","rep":"bob","date":"2026-11-15","customer":"C00002","name":"Birch Ltd","item":"contact due","detail":"every 14 days, no contact yet","ref":"customer C00002"}
]
EOF
try 'ndjson, a row without a rep' 0 crm remind --only cadence,stalled --format ndjson
out_is <<'EOF'
{"section":"cadence","rep":"bob","date":"2026-11-15","customer":"C00002","name":"Birch Ltd","item":"contact due","detail":"every 14 days, no contact yet","ref":"customer C00002"}
{"section":"cadence","rep":null,"date":"2026-11-17","customer":"C00003","name":"Cedar GmbH","item":"contact due","detail":"every 7 days, no contact yet","ref":"customer C00003"}
{"section":"cadence","rep":"ann","date":"2026-11-19","customer":"C00001","name":"Acme Trading","item":"contact due","detail":"every 30 days, last contact 2026-10-20","ref":"customer C00001"}
{"section":"stalled","rep":"ann","date":"2026-10-20","customer":"C00001","name":"Acme Trading","item":"Website","detail":"proposal for 33 days (limit 21)","ref":"deal D00001"}
EOF
try 'csv with --columns' 0 crm remind --only overdue --columns ref,date
out_is <<'EOF'
ref,date
task 8,2026-11-20
task 9,2026-11-21
EOF

# ---- nothing due, with data: still no output, in every format ----

for f in table csv tsv json ndjson; do
	nothing_due "a rep with nothing due, --format $f" crm remind --rep carol --format "$f"
done
nothing_due 'nothing overdue in the past, --format json' crm remind --only overdue,feedback \
	--today 2026-11-01 --format json
nothing_due 'a rep with nothing due, --mbox' crm remind --rep carol --mbox
CRM_SENDMAIL=false nothing_due 'a rep with nothing due, --send' crm remind --rep carol --send

# ---- bad input ----

try 'an unknown section' 2 crm remind --only today,later
out_empty
err_is <<'EOF'
crm: remind: unknown section 'later' (sections: today, soon, overdue, cadence, feedback, stalled, closing, ship, due, late, credit, visits, maintenance, rma, advance)
EOF
try 'an empty section name' 2 crm remind --only today,
err_is <<'EOF'
crm: remind: unknown section '' (sections: today, soon, overdue, cadence, feedback, stalled, closing, ship, due, late, credit, visits, maintenance, rma, advance)
EOF
try 'section names are exact' 2 crm remind --only Today
err_is <<'EOF'
crm: remind: unknown section 'Today' (sections: today, soon, overdue, cadence, feedback, stalled, closing, ship, due, late, credit, visits, maintenance, rma, advance)
EOF
try '--days not a number' 2 crm remind --days week
out_empty
err_is <<'EOF'
crm: remind: --days 'week' is not a number of days (0-365)
EOF
try '--days negative' 2 crm remind --days -1
err_is <<'EOF'
crm: remind: --days '-1' is not a number of days (0-365)
EOF
try '--days too many' 2 crm remind --days 366
err_is <<'EOF'
crm: remind: --days '366' is not a number of days (0-365)
EOF
try '--days empty' 2 crm remind --days ''
err_is <<'EOF'
crm: remind: --days '' is not a number of days (0-365)
EOF
try 'a bad --today' 4 crm remind --today 2026-02-30
out_empty
err_is <<'EOF'
crm: remind: '2026-02-30' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)
EOF
try 'an unknown column' 2 crm remind --format table --columns item,owner
out_empty
err_is <<'EOF'
crm: remind: unknown column 'owner' (columns: section, rep, date, customer, name, item, detail, ref)
EOF
try 'an unknown column in csv' 2 crm remind --columns owner
out_empty
try 'both --mbox and --send' 2 crm remind --mbox --send
out_empty
err_is <<'EOF'
usage: crm remind [--rep REP] [--days N] [--only SECTION[,SECTION...]] [--mbox | --send]
Prints what is due: tasks due today, in the next N days (default 1) and overdue,
customers to contact, lead feedback overdue, stalled deals, deals past their close,
orders due to ship, invoices falling due in the next N days (default 7) and newly
overdue in the last N days (default 7), customers over their credit limit, the
technicians' visits today, maintenance visits due in the next N days (default 7),
RMAs late at their stage and faulty units overdue after an advance replacement.
Prints nothing when nothing is due.  --mbox writes one message per rep (mboxrd);
--send pipes each to $CRM_SENDMAIL (default "sendmail -t -i").
sections: today, soon, overdue, cadence, feedback, stalled, closing, ship, due, late,
credit, visits, maintenance, rma, advance
EOF
try 'an argument' 2 crm remind today
out_empty
try 'an unknown option' 2 crm remind --weeks 2
out_empty
try '--help' 0 crm remind --help
err_empty
out_is <<'EOF'
usage: crm remind [--rep REP] [--days N] [--only SECTION[,SECTION...]] [--mbox | --send]
Prints what is due: tasks due today, in the next N days (default 1) and overdue,
customers to contact, lead feedback overdue, stalled deals, deals past their close,
orders due to ship, invoices falling due in the next N days (default 7) and newly
overdue in the last N days (default 7), customers over their credit limit, the
technicians' visits today, maintenance visits due in the next N days (default 7),
RMAs late at their stage and faulty units overdue after an advance replacement.
Prints nothing when nothing is due.  --mbox writes one message per rep (mboxrd);
--send pipes each to $CRM_SENDMAIL (default "sendmail -t -i").
sections: today, soon, overdue, cadence, feedback, stalled, closing, ship, due, late,
credit, visits, maintenance, rma, advance
EOF

# reminding writes nothing (the config set and unset above wrote 2 audit rows)
sql_is 'SELECT count(*) - 2 FROM audit' <"$T/audit-before"

# ---- mail ----

# without any address: every message is refused, each with its reason
try '--mbox without addresses' 1 crm remind --mbox
out_empty
err_is <<'EOF'
crm: remind: no address for rep 'ann'; set one with 'crm config set rep.ann.email ADDRESS'
crm: remind: no address for rep 'bob'; set one with 'crm config set rep.bob.email ADDRESS'
crm: remind: 1 reminder belongs to no rep; to mail them, set an address with 'crm config set remind.to ADDRESS'
EOF

q crm config set rep.ann.email ann@shop.example
q crm config set rep.bob.email bob@shop.example
q crm config set remind.to office@shop.example

# ann has 5 items (tasks 1, 3, 8, Acme, D00001), bob 6 (tasks 2, 4, 9,
# Birch, Dune, D00002), no rep 1 (Cedar); reps by name, no rep last;
# From: is the default without remind.from
try '--mbox' 0 crm remind --mbox
err_empty
out_is <<'EOF'
From crm@localhost Sun Nov 22 09:30:00 2026
Date: Sun, 22 Nov 2026 09:30:00 +0000
From: crm@localhost
To: ann@shop.example
Subject: crm reminders for ann, 2026-11-22 (5 items)
Message-ID: <remind.20261122093000.1.ann@localhost>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit
Auto-Submitted: auto-generated

Due today
DATE        CUSTOMER  NAME          ITEM                     DETAIL                  REF
2026-11-22  C00001    Acme Trading  Call about the proposal  follow-up, deal D00001  task 1
2026-11-22                          Order samples            high                    task 3

Overdue
DATE        CUSTOMER  NAME          ITEM        DETAIL                    REF
2026-11-20  C00001    Acme Trading  Send quote  2 days late, deal D00001  task 8

Customers to contact
DATE        CUSTOMER  NAME          ITEM         DETAIL                                  REF
2026-11-19  C00001    Acme Trading  contact due  every 30 days, last contact 2026-10-20  customer C00001

Stalled deals
DATE        CUSTOMER  NAME          ITEM     DETAIL                           REF
2026-10-20  C00001    Acme Trading  Website  proposal for 33 days (limit 21)  deal D00001

From crm@localhost Sun Nov 22 09:30:00 2026
Date: Sun, 22 Nov 2026 09:30:00 +0000
From: crm@localhost
To: bob@shop.example
Subject: crm reminders for bob, 2026-11-22 (6 items)
Message-ID: <remind.20261122093000.2.bob@localhost>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit
Auto-Submitted: auto-generated

Due today
DATE        CUSTOMER  NAME       ITEM            DETAIL                  REF
2026-11-22  C00002    Birch Ltd  Demo for Birch  14:00, at Birch office  task 2

Due tomorrow
DATE        CUSTOMER  NAME        ITEM           DETAIL  REF
2026-11-23  C00003    Cedar GmbH  Send brochure          task 4

Overdue
DATE        CUSTOMER  NAME       ITEM           DETAIL              REF
2026-11-21  C00002    Birch Ltd  Chase payment  1 day late, urgent  task 9

Customers to contact
DATE        CUSTOMER  NAME       ITEM         DETAIL                         REF
2026-11-15  C00002    Birch Ltd  contact due  every 14 days, no contact yet  customer C00002

Lead feedback overdue
DATE        CUSTOMER  NAME        ITEM               DETAIL                            REF
2026-11-15  C00004    Dune Leads  lead feedback due  assigned 2026-11-10, 7 days late  lead C00004

Deals past their expected close
DATE        CUSTOMER  NAME       ITEM     DETAIL                           REF
2026-11-18  C00002    Birch Ltd  Hosting  qualified, 3000.00, 4 days late  deal D00002

From crm@localhost Sun Nov 22 09:30:00 2026
Date: Sun, 22 Nov 2026 09:30:00 +0000
From: crm@localhost
To: office@shop.example
Subject: crm reminders for no rep, 2026-11-22 (1 item)
Message-ID: <remind.20261122093000.3.unassigned@localhost>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit
Auto-Submitted: auto-generated

Customers to contact
DATE        CUSTOMER  NAME        ITEM         DETAIL                        REF
2026-11-17  C00003    Cedar GmbH  contact due  every 7 days, no contact yet  customer C00003

EOF

q crm config set remind.from crm@shop.example
q crm config unset rep.bob.email

# bob has no address: ann's and the office's messages are still written;
# --only and the clock shape them: on 2026-11-24 ann has task 5 (due
# tomorrow) and Acme; 16:05 in New York in November is UTC-5
TZ=EST5EDT,M3.2.0,M11.1.0 CRM_NOW=2026-11-24T16:05:00 \
	try '--mbox, a rep without an address' 1 crm remind --mbox --only soon,cadence \
	--today 2026-11-24
err_is <<'EOF'
crm: remind: no address for rep 'bob'; set one with 'crm config set rep.bob.email ADDRESS'
EOF
out_is <<'EOF'
From crm@shop.example Tue Nov 24 16:05:00 2026
Date: Tue, 24 Nov 2026 16:05:00 -0500
From: crm@shop.example
To: ann@shop.example
Subject: crm reminders for ann, 2026-11-24 (2 items)
Message-ID: <remind.20261124160500.1.ann@shop.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit
Auto-Submitted: auto-generated

Due tomorrow
DATE        CUSTOMER  NAME  ITEM             DETAIL  REF
2026-11-25                  Book trade fair          task 5

Customers to contact
DATE        CUSTOMER  NAME          ITEM         DETAIL                                  REF
2026-11-19  C00001    Acme Trading  contact due  every 30 days, last contact 2026-10-20  customer C00001

From crm@shop.example Tue Nov 24 16:05:00 2026
Date: Tue, 24 Nov 2026 16:05:00 -0500
From: crm@shop.example
To: office@shop.example
Subject: crm reminders for no rep, 2026-11-24 (1 item)
Message-ID: <remind.20261124160500.3.unassigned@shop.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit
Auto-Submitted: auto-generated

Customers to contact
DATE        CUSTOMER  NAME        ITEM         DETAIL                        REF
2026-11-17  C00003    Cedar GmbH  contact due  every 7 days, no contact yet  customer C00003

EOF
q crm config set rep.bob.email bob@shop.example

# a rep with a name in UTF-8 gets an RFC 2047 subject (base64 of the UTF-8
# bytes, split after 36 of them: "crm reminders for jürgen, 2026-11-2" and
# "2 (1 item)"); a body line that starts with "From " is quoted (mboxrd)
q crm task add 'From the fair: call Joe' --due today --assignee jürgen # task 12
q crm config set rep.jürgen.email juergen@shop.example
try '--mbox, RFC 2047 subject and >From quoting' 0 crm remind --mbox --rep jürgen \
	--columns item,ref
err_empty
out_is <<'EOF'
From crm@shop.example Sun Nov 22 09:30:00 2026
Date: Sun, 22 Nov 2026 09:30:00 +0000
From: crm@shop.example
To: juergen@shop.example
Subject: =?UTF-8?B?Y3JtIHJlbWluZGVycyBmb3IgasO8cmdlbiwgMjAyNi0xMS0y?=
 =?UTF-8?B?MiAoMSBpdGVtKQ==?=
Message-ID: <remind.20261122093000.1.j__rgen@shop.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit
Auto-Submitted: auto-generated

Due today
ITEM                     REF
>From the fair: call Joe  task 12

EOF

# ---- --send: one sendmail per message, without the From_ line ----

mkdir "$T/sent"
cat >"$T/sendmail" <<'EOF'
#!/bin/sh
# saves each message as sent/N and its arguments as sent/N.args
n=1
while [ -e "$SENT/$n" ]; do n=$((n + 1)); done
echo "$*" >"$SENT/$n.args"
cat >"$SENT/$n"
EOF
chmod +x "$T/sendmail"
export SENT="$T/sent"

CRM_SENDMAIL="$T/sendmail -t -i" try '--send' 0 crm remind --send --only closing,feedback,today
out_empty
err_empty
try 'one message per rep' 0 ls "$T/sent"
out_is <<'EOF'
1
1.args
2
2.args
3
3.args
EOF
try 'the command line' 0 cat "$T/sent/1.args" "$T/sent/3.args"
out_is <<'EOF'
-t -i
-t -i
EOF
try 'the second message, as sendmail read it' 0 cat "$T/sent/2"
out_is <<'EOF'
Date: Sun, 22 Nov 2026 09:30:00 +0000
From: crm@shop.example
To: bob@shop.example
Subject: crm reminders for bob, 2026-11-22 (3 items)
Message-ID: <remind.20261122093000.2.bob@shop.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit
Auto-Submitted: auto-generated

Due today
DATE        CUSTOMER  NAME       ITEM            DETAIL                  REF
2026-11-22  C00002    Birch Ltd  Demo for Birch  14:00, at Birch office  task 2

Lead feedback overdue
DATE        CUSTOMER  NAME        ITEM               DETAIL                            REF
2026-11-15  C00004    Dune Leads  lead feedback due  assigned 2026-11-10, 7 days late  lead C00004

Deals past their expected close
DATE        CUSTOMER  NAME       ITEM     DETAIL                           REF
2026-11-18  C00002    Birch Ltd  Hosting  qualified, 3000.00, 4 days late  deal D00002
EOF
try 'the third goes to jürgen' 0 cat "$T/sent/3"
out_is <<'EOF'
Date: Sun, 22 Nov 2026 09:30:00 +0000
From: crm@shop.example
To: juergen@shop.example
Subject: =?UTF-8?B?Y3JtIHJlbWluZGVycyBmb3IgasO8cmdlbiwgMjAyNi0xMS0y?=
 =?UTF-8?B?MiAoMSBpdGVtKQ==?=
Message-ID: <remind.20261122093000.3.j__rgen@shop.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit
Auto-Submitted: auto-generated

Due today
DATE        CUSTOMER  NAME  ITEM                     DETAIL  REF
2026-11-22                  From the fair: call Joe          task 12
EOF

# a failing sendmail: its status, exit 1, the other messages still go
rm -f "$T/sent/"*
CRM_SENDMAIL='cat >/dev/null; exit 75' try '--send, sendmail fails' 1 crm remind --send \
	--rep ann --only today
out_empty
err_is <<'EOF'
crm: remind: reminders for ann not sent to ann@shop.example: 'cat >/dev/null; exit 75' failed with exit status 75
EOF
q crm config unset rep.ann.email
CRM_SENDMAIL="$T/sendmail" try '--send, a rep without an address' 1 crm remind --send \
	--only today
err_is <<'EOF'
crm: remind: no address for rep 'ann'; set one with 'crm config set rep.ann.email ADDRESS'
EOF
try 'the others were sent' 0 sh -c 'ls "$SENT" | grep -v args; grep -h ^To: "$SENT"/[0-9]'
out_is <<'EOF'
1
2
To: bob@shop.example
To: juergen@shop.example
EOF

# ---- receivables: due, late, credit ----

# invoice DAY CUSTOMER PRICE: a draft of one free-text line, issued on DAY
# (due 30 days later, invoice.terms)
invoice() {
	at "$1T10:00:00" crm invoice new "$2" >"$T/draft" 2>&1 || report 1 "set-up: invoice" "$T/draft"
	_id=$(sed 's/^draft //' "$T/draft")
	q at "$1T10:00:00" crm invoice line add "$_id" --text Goods --qty 1 --price "$3"
	q at "$1T10:00:00" crm invoice issue "$_id" --date "$1"
}
q crm customer add 'Elm Finance' --owner ann # C00009
q crm customer add 'Fir Supplies' --owner bob # C00010
q crm customer add 'Gum Corp'                 # C00011
invoice 2026-10-15 C00010 80.00  # INV-2026-00001, due 11-14
invoice 2026-10-16 C00010 60.00  # INV-2026-00002, due 11-15
invoice 2026-10-21 C00011 150.00 # INV-2026-00003, due 11-20
invoice 2026-10-22 C00009 40.00  # INV-2026-00004, due 11-21
invoice 2026-10-23 C00009 120.00 # INV-2026-00005, due 11-22
invoice 2026-10-28 C00009 300.00 # INV-2026-00006, due 11-27
invoice 2026-10-31 C00010 200.00 # INV-2026-00007, due 11-30
# Elm paid INV-2026-00004; Gum paid 50.00 of INV-2026-00003 and has 10.00
# of credit left
q crm ar receipt C00009 40.00 --apply INV-2026-00004=40.00
q crm ar receipt C00011 60.00 --apply INV-2026-00003=50.00
# credit limits: Elm's exposure is its open 120.00 + 300.00 = 420.00, over
# 400.00 by 20.00; Gum's 100.00 open less 10.00 credit = 90.00, over 80.00
# by 10.00; Fir has no limit
q crm customer edit C00009 --credit-limit 400
q crm customer edit C00011 --credit-limit 80

# due: today to today + 7 (11-29): INV-2026-00005 (today) and -00006 (in
# 5 days), not -00007 (11-30); late: due 11-15 to 11-21: -00002 (7 days),
# -00003 (2 days, partly paid, no rep), not -00001 (8 days) nor the paid
# -00004; credit: Gum (no rep) first, then Elm (ann)
try 'due, late, credit' 0 crm remind --only credit,late,due
err_empty
out_is <<'EOF'
section,rep,date,customer,name,item,detail,ref
due,ann,2026-11-22,C00009,Elm Finance,"INV-2026-00005 due 2026-11-22, open 120.00",today,invoice INV-2026-00005
due,ann,2026-11-27,C00009,Elm Finance,"INV-2026-00006 due 2026-11-27, open 300.00",in 5 days,invoice INV-2026-00006
late,bob,2026-11-15,C00010,Fir Supplies,"INV-2026-00002 due 2026-11-15, open 60.00",7 days late,invoice INV-2026-00002
late,,2026-11-20,C00011,Gum Corp,"INV-2026-00003 due 2026-11-20, open 100.00","2 days late, partly paid",invoice INV-2026-00003
credit,,2026-11-22,C00011,Gum Corp,over credit limit by 10.00,"limit 80.00, exposure 90.00 (orders 0.00, invoices 100.00, credit 10.00)",customer C00011
credit,ann,2026-11-22,C00009,Elm Finance,over credit limit by 20.00,"limit 400.00, exposure 420.00 (orders 0.00, invoices 420.00, credit 0.00)",customer C00009
EOF
try 'due, late, credit: table' 0 crm remind --only due,late,credit --format table \
	--columns date,rep,customer,item,detail
out_is <<'EOF'
Invoices falling due
DATE        REP  CUSTOMER  ITEM                                        DETAIL
2026-11-22  ann  C00009    INV-2026-00005 due 2026-11-22, open 120.00  today
2026-11-27  ann  C00009    INV-2026-00006 due 2026-11-27, open 300.00  in 5 days

Invoices newly overdue
DATE        REP  CUSTOMER  ITEM                                        DETAIL
2026-11-15  bob  C00010    INV-2026-00002 due 2026-11-15, open 60.00   7 days late
2026-11-20       C00011    INV-2026-00003 due 2026-11-20, open 100.00  2 days late, partly paid

Customers over their credit limit
DATE        REP  CUSTOMER  ITEM                        DETAIL
2026-11-22       C00011    over credit limit by 10.00  limit 80.00, exposure 90.00 (orders 0.00, invoices 100.00, credit 10.00)
2026-11-22  ann  C00009    over credit limit by 20.00  limit 400.00, exposure 420.00 (orders 0.00, invoices 420.00, credit 0.00)
EOF
# --days moves both windows: due to 11-30 (-00007, in 8 days), late from
# 11-14 (-00001, 8 days)
try 'due and late, --days 8' 0 crm remind --only due,late --days 8 --no-header \
	--columns section,date,item,detail
out_is <<'EOF'
due,2026-11-22,"INV-2026-00005 due 2026-11-22, open 120.00",today
due,2026-11-27,"INV-2026-00006 due 2026-11-27, open 300.00",in 5 days
due,2026-11-30,"INV-2026-00007 due 2026-11-30, open 200.00",in 8 days
late,2026-11-14,"INV-2026-00001 due 2026-11-14, open 80.00",8 days late
late,2026-11-15,"INV-2026-00002 due 2026-11-15, open 60.00",7 days late
late,2026-11-20,"INV-2026-00003 due 2026-11-20, open 100.00","2 days late, partly paid"
EOF
# --days 0: what falls due today; nothing is newly late
try 'due and late, --days 0' 0 crm remind --only due,late --days 0 --no-header \
	--columns section,item
out_is <<'EOF'
due,"INV-2026-00005 due 2026-11-22, open 120.00"
EOF
# a day later -00005 is late (1 day) and -00007 falls due within 7 days
# (11-30 is 11-23 + 7); -00002 (8 days) has left the late window
try 'due and late a day later' 0 crm remind --only due,late --today 2026-11-23 --no-header \
	--columns section,item,detail
out_is <<'EOF'
due,"INV-2026-00006 due 2026-11-27, open 300.00",in 4 days
due,"INV-2026-00007 due 2026-11-30, open 200.00",in 7 days
late,"INV-2026-00003 due 2026-11-20, open 100.00","3 days late, partly paid"
late,"INV-2026-00005 due 2026-11-22, open 120.00",1 day late
EOF
try 'due, late, credit, --rep bob' 0 crm remind --only due,late,credit --rep bob --no-header
out_is <<'EOF'
late,bob,2026-11-15,C00010,Fir Supplies,"INV-2026-00002 due 2026-11-15, open 60.00",7 days late,invoice INV-2026-00002
EOF
# a payment takes an invoice out; credit under the limit takes the customer out
q crm ar receipt C00009 20.00 --apply INV-2026-00006=20.00
try 'credit after a payment' 0 crm remind --only credit --no-header --columns customer,item
out_is <<'EOF'
C00011,over credit limit by 10.00
EOF
q crm ar receipt C00011 10.00 --unapplied
try 'not over the limit: nothing' 0 crm remind --only credit --rep ''
out_empty
q crm ar receipt C00009 120.00 --apply INV-2026-00005=120.00
try 'a paid invoice is not due' 0 crm remind --only due --no-header --columns item
out_is <<'EOF'
"INV-2026-00006 due 2026-11-27, open 280.00"
EOF

# the sections go to the reps' mail like the others (20.00 of -00006 is paid)
q crm config set rep.ann.email ann@shop.example
try '--mbox, due' 0 crm remind --mbox --only due --rep ann
err_empty
out_is <<'EOF'
From crm@shop.example Sun Nov 22 09:30:00 2026
Date: Sun, 22 Nov 2026 09:30:00 +0000
From: crm@shop.example
To: ann@shop.example
Subject: crm reminders for ann, 2026-11-22 (1 item)
Message-ID: <remind.20261122093000.1.ann@shop.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit
Auto-Submitted: auto-generated

Invoices falling due
DATE        CUSTOMER  NAME         ITEM                                        DETAIL                  REF
2026-11-27  C00009    Elm Finance  INV-2026-00006 due 2026-11-27, open 280.00  in 5 days, partly paid  invoice INV-2026-00006

EOF

# ---- service: visits today, maintenance due, RMAs late, advance units overdue ----
q crm customer add 'Oak Service' --code OAK --owner dan
q crm product add SVC-UNIT Unit --price 10 --warranty 12
q crm visit schedule OAK --tech tom --on 2026-11-22 --at 14:00 --task 'fix pump'
q crm visit schedule OAK --tech tom --on 2026-11-23 --task 'tomorrow: not today'
# a plan due on 2026-11-20, two days late, and one not due within 7 days
q crm visit plan OAK --every 6m --from 2026-11-20 --tech tom
q crm visit plan OAK --every 1y --from 2026-12-15 --tech tom
# RMA-1 opened 2026-11-01: 21 days in opened, limit 14; RMA-2 an advance
# replacement shipped 2026-11-01, due back 14 days later (2026-11-15): 7 days
# overdue, and 21 days in shipped, limit 10
q env CRM_TODAY=2026-11-01 CRM_NOW=2026-11-01T10:00:00 "$CRM_BIN" rma open OAK --product SVC-UNIT \
	--serial SN1 --purchased 2026-10-01
q env CRM_TODAY=2026-11-01 CRM_NOW=2026-11-01T10:00:00 "$CRM_BIN" rma open OAK --product SVC-UNIT \
	--serial SN2 --purchased 2026-10-01 --advance-replacement
q env CRM_TODAY=2026-11-01 CRM_NOW=2026-11-01T11:00:00 "$CRM_BIN" rma ship RMA-2026-00002
try 'service sections' 0 crm remind --only visits,maintenance,rma,advance
out_is <<'EOF'
section,rep,date,customer,name,item,detail,ref
visits,tom,2026-11-22,OAK,Oak Service,fix pump,14:00,visit V-2026-00001
maintenance,tom,2026-11-20,OAK,Oak Service,maintenance visit,"every 6m, 2 days late",visit plan 1
rma,dan,2026-11-01,OAK,Oak Service,RMA-2026-00001 SVC-UNIT SN1,opened for 21 days (limit 14),rma RMA-2026-00001
rma,dan,2026-11-01,OAK,Oak Service,RMA-2026-00002 SVC-UNIT SN2,shipped for 21 days (limit 10),rma RMA-2026-00002
advance,dan,2026-11-15,OAK,Oak Service,RMA-2026-00002 SVC-UNIT SN2,faulty unit 7 days overdue,rma RMA-2026-00002
EOF
# a longer limit takes RMA-1 off; the second plan comes into a 30-day window
q crm config set rma.opened.days 30
try 'the limits are settings' 0 crm remind --only rma,maintenance --days 30 --columns section,ref
out_is <<'EOF'
section,ref
maintenance,visit plan 1
maintenance,visit plan 2
rma,rma RMA-2026-00002
EOF

done_testing
