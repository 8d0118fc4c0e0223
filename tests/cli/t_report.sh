#!/bin/sh
# crm report activity: per rep, per type and per customer, the period and
# its defaults, --rep, the time sinks and --share, the formats, bad input.
#
# The expected numbers were computed by hand from the activities below, as
# the comments show; shares are minutes * 1000 / the rep's minutes in tenths
# of a percent, rounded half away from zero.
. "$(dirname "$0")/lib.sh"

# at TIMESTAMP CMD...: runs CMD with the clock at TIMESTAMP (today its date).
at() { _at=$1; shift; CRM_TODAY=${_at%%T*} CRM_NOW=$_at "$@"; }
# q CMD...: a set-up step; only its failure is reported.
q() { "$@" >"$T/qout" 2>&1 || report 1 "set-up: $*" "$T/qout"; }
# log REP CUSTOMER TYPE AT [MINUTES]: an activity.
log() {
	q crm activity log "$2" --rep "$1" --type "$3" --at "$4" ${5:+--minutes "$5"} \
		--summary "$3 by $1"
}

# ---- nothing logged yet ----

try 'no activities, csv' 0 crm report activity
out_is <<'EOF'
rep,activities,minutes,customers,call,email,im,visit,meeting,note
EOF
try 'no activities, json' 0 crm report activity --by type --format json
out_is <<'EOF'
[]
EOF

# ---- the fixture ----

q at 2026-09-01T10:00:00 crm customer add 'Acme Trading' --owner ann # C00001
q at 2026-09-01T10:00:00 crm customer add 'Birch Ltd' --owner bob    # C00002
q at 2026-09-01T10:00:00 crm customer add 'Cedar GmbH' --owner ann   # C00003
q at 2026-09-01T10:00:00 crm customer add 'Dune Leads' --owner bob   # C00004

# Acme's deal has not moved since 09-01; Birch's moved on 11-10; Cedar's
# was lost on 11-05 (a move to lost is no progress); Dune has none
q at 2026-09-01T10:00:00 crm deal add C00001 Website --amount 12000
q at 2026-09-01T10:00:00 crm deal add C00002 Hosting --amount 3000
q at 2026-11-10T09:00:00 crm deal move D00002 qualified
q at 2026-09-01T10:00:00 crm deal add C00003 Support --amount 1000
q at 2026-11-05T09:00:00 crm deal lost D00003 --reason price

# the default period is 2026-10-24 .. 2026-11-22; the first call is before it
log ann C00001 call 2026-10-23T10:00 30
log ann C00001 call 2026-10-24T09:00 40
log ann C00001 visit 2026-11-05T10:00 90
log ann C00002 email 2026-11-10T10:00 10
log ann C00003 meeting 2026-11-15T14:00 60
log ann C00003 note 2026-11-22T08:00
log ann C00004 call 2026-11-20T10:00 20
log bob C00002 call 2026-11-01T10:00 15
log bob C00002 im 2026-11-02T10:00 5
log bob C00004 visit 2026-11-12T10:00 120
log bob C00004 email 2026-11-13T10:00
log bob C00001 note 2026-11-14T10:00 0
log carol C00001 email 2026-11-18T10:00
# dave in September: 1 and 15 minutes, shares 6.25 and 93.75 exactly
log dave C00001 call 2026-09-10T10:00 1
log dave C00002 call 2026-09-11T10:00 15

sqlite3 "$CRM_DB" 'SELECT count(*) FROM audit' >"$T/audit-before"

# ---- by rep ----

# ann: 6 activities (not the 10-23 call), 40+90+10+60+0+20 = 220 minutes,
#      4 customers; 2 calls, 1 email, 1 visit, 1 meeting, 1 note
# bob: 5 activities, 15+5+120+0+0 = 140 minutes, 3 customers; one each of
#      call, email, im, visit, note
# carol: 1 email without minutes
try 'by rep, the default period' 0 crm report activity
out_is <<'EOF'
rep,activities,minutes,customers,call,email,im,visit,meeting,note
ann,6,220,4,2,1,0,1,1,1
bob,5,140,3,1,1,1,1,0,1
carol,1,0,1,0,1,0,0,0,0
EOF
err_empty
try 'by rep, table' 0 crm report activity --by rep --format table
out_is <<'EOF'
REP    ACTIVITIES  MINUTES  CUSTOMERS  CALL  EMAIL  IM  VISIT  MEETING  NOTE
ann             6      220          4     2      1   0      1        1     1
bob             5      140          3     1      1   1      1        0     1
carol           1        0          1     0      1   0      0        0     0
EOF
try 'by rep, one rep, ndjson' 0 crm report activity --rep bob --format ndjson
out_is <<'EOF'
{"rep":"bob","activities":5,"minutes":140,"customers":3,"call":1,"email":1,"im":1,"visit":1,"meeting":0,"note":1}
EOF

# ---- the period ----

# --from 10-23 takes ann's first call: 7 activities, 250 minutes, 3 calls
try '--from takes the first day' 0 crm report activity --from 2026-10-23 --rep ann
out_is <<'EOF'
rep,activities,minutes,customers,call,email,im,visit,meeting,note
ann,7,250,4,3,1,0,1,1,1
EOF
# --to alone: the 30 days 10-12 .. 11-10, the last day whole (ann's 11-10
# email at 10:00): ann 30+40+90+10 = 170 minutes with Acme and Birch; bob's
# call and im, 20 minutes
try '--to alone: the 30 days ending then' 0 crm report activity --to 2026-11-10
out_is <<'EOF'
rep,activities,minutes,customers,call,email,im,visit,meeting,note
ann,4,170,2,2,1,0,1,0,0
bob,2,20,1,1,0,1,0,0,0
EOF
# --from alone (-1w is 11-15) runs to today: ann's meeting, note and call
# (80 minutes), carol's email; bob's last was on 11-14
try '--from alone runs to today' 0 crm report activity --from -1w
out_is <<'EOF'
rep,activities,minutes,customers,call,email,im,visit,meeting,note
ann,3,80,2,1,0,0,0,1,1
carol,1,0,1,0,1,0,0,0,0
EOF
try 'one day' 0 crm report activity --from 2026-11-22 --to today --format tsv
out_is <<'EOF'
rep	activities	minutes	customers	call	email	im	visit	meeting	note
ann	1	0	1	0	0	0	0	0	1
EOF
try 'a period without activities' 0 crm report activity --from 2025-01-01 --to 2025-01-31
out_is <<'EOF'
rep,activities,minutes,customers,call,email,im,visit,meeting,note
EOF
# --today moves the default period: 2026-09-02 .. 2026-10-01 is dave's
try '--today moves the default period' 0 crm report activity --today 2026-10-01
out_is <<'EOF'
rep,activities,minutes,customers,call,email,im,visit,meeting,note
dave,2,16,2,2,0,0,0,0,0
EOF

# ---- by type ----

# ann of 220: call 60 (27.27 -> 27.3), email 10 (4.54 -> 4.5), visit 90
# (40.90 -> 40.9), meeting 60 (27.3), note 0 (0.0)
# bob of 140: call 15 (10.71 -> 10.7), email 0, im 5 (3.57 -> 3.6), visit
# 120 (85.71 -> 85.7), note 0; carol logged no minutes: no share
try 'by type' 0 crm report activity --by type
out_is <<'EOF'
rep,type,activities,minutes,share
ann,call,2,60,27.3
ann,email,1,10,4.5
ann,visit,1,90,40.9
ann,meeting,1,60,27.3
ann,note,1,0,0.0
bob,call,1,15,10.7
bob,email,1,0,0.0
bob,im,1,5,3.6
bob,visit,1,120,85.7
bob,note,1,0,0.0
carol,email,1,0,
EOF
try 'by type, json' 0 crm report activity --by type --rep carol --format json
out_is <<'EOF'
[
{"rep":"carol","type":"email","activities":1,"minutes":0,"share":null}
]
EOF
try 'by type, table' 0 crm report activity --by type --rep bob --format table
out_is <<'EOF'
REP  TYPE   ACTIVITIES  MINUTES  SHARE
bob  call            1       15   10.7
bob  email           1        0    0.0
bob  im              1        5    3.6
bob  visit           1      120   85.7
bob  note            1        0    0.0
EOF
# 1 of 16 minutes is 6.25 %, 15 of 16 93.75 %: the halves round up
try 'halves round away from zero' 0 crm report activity --by customer --rep dave \
	--from 2026-09-01 --to 2026-09-30
out_is <<'EOF'
rep,customer,name,activities,minutes,share
dave,C00002,Birch Ltd,1,15,93.8
dave,C00001,Acme Trading,1,1,6.3
EOF

# ---- by customer ----

# ann of 220: Acme 40+90 = 130 (59.09 -> 59.1), Cedar 60 (27.3), Dune 20
# (9.09 -> 9.1), Birch 10 (4.5); bob of 140: Dune 120 (85.7), Birch 20
# (14.29 -> 14.3), Acme 0; most minutes first
try 'by customer' 0 crm report activity --by customer
out_is <<'EOF'
rep,customer,name,activities,minutes,share
ann,C00001,Acme Trading,2,130,59.1
ann,C00003,Cedar GmbH,2,60,27.3
ann,C00004,Dune Leads,1,20,9.1
ann,C00002,Birch Ltd,1,10,4.5
bob,C00004,Dune Leads,2,120,85.7
bob,C00002,Birch Ltd,2,20,14.3
bob,C00001,Acme Trading,1,0,0.0
carol,C00001,Acme Trading,1,0,
EOF
try 'by customer, json' 0 crm report activity --by customer --rep bob --format json
out_is <<'EOF'
[
{"rep":"bob","customer":"C00004","name":"Dune Leads","activities":2,"minutes":120,"share":85.7},
{"rep":"bob","customer":"C00002","name":"Birch Ltd","activities":2,"minutes":20,"share":14.3},
{"rep":"bob","customer":"C00001","name":"Acme Trading","activities":1,"minutes":0,"share":0.0}
]
EOF

# ---- time sinks ----

# at least 25 %: ann's Acme (130 * 100 >= 25 * 220; its deal last moved in
# September) and Cedar (6000 >= 5500; its deal was only lost); bob's Dune
# (no deals); not ann's Dune or Birch (too little), not carol (no minutes)
try 'sinks' 0 crm report activity --sinks
out_is <<'EOF'
rep,customer,name,activities,minutes,share
ann,C00001,Acme Trading,2,130,59.1
ann,C00003,Cedar GmbH,2,60,27.3
bob,C00004,Dune Leads,2,120,85.7
EOF
# at 10 %: bob's Birch has 14.3 % but its deal moved on 11-10
try 'sinks at 10 %: deal progress clears Birch' 0 crm report activity --sinks --share 10 \
	--format table
out_is <<'EOF'
REP  CUSTOMER  NAME          ACTIVITIES  MINUTES  SHARE
ann  C00001    Acme Trading           2      130   59.1
ann  C00003    Cedar GmbH             2       60   27.3
bob  C00004    Dune Leads             2      120   85.7
EOF
# only progress in the period counts: in 11-01 .. 11-09, before Birch's
# deal moved, bob's Birch call and im are all his 20 minutes
try 'sinks before the deal moved' 0 crm report activity --sinks --from 2026-11-01 \
	--to 2026-11-09 --rep bob
out_is <<'EOF'
rep,customer,name,activities,minutes,share
bob,C00002,Birch Ltd,2,20,100.0
EOF
# the share is compared exactly: 130 of 220 is 59.09 %, so 59 takes it
# and 60 does not
try 'sinks at 59 %' 0 crm report activity --sinks --share 59 --no-header
out_is <<'EOF'
ann,C00001,Acme Trading,2,130,59.1
bob,C00004,Dune Leads,2,120,85.7
EOF
try 'sinks at 60%' 0 crm report activity --sinks --share 60% --no-header
out_is <<'EOF'
bob,C00004,Dune Leads,2,120,85.7
EOF
try 'sinks with --by customer and --rep' 0 crm report activity --sinks --by customer --rep ann \
	--format ndjson
out_is <<'EOF'
{"rep":"ann","customer":"C00001","name":"Acme Trading","activities":2,"minutes":130,"share":59.1}
{"rep":"ann","customer":"C00003","name":"Cedar GmbH","activities":2,"minutes":60,"share":27.3}
EOF
try 'sinks at 0 %: every customer with minutes and no progress' 0 crm report activity \
	--sinks --share 0 --rep bob --no-header
out_is <<'EOF'
bob,C00004,Dune Leads,2,120,85.7
bob,C00001,Acme Trading,1,0,0.0
EOF
try 'no sinks for a rep without minutes' 0 crm report activity --sinks --rep carol
out_is <<'EOF'
rep,customer,name,activities,minutes,share
EOF

# ---- bad input ----

cat >"$T/usage" <<'EOF'
usage: crm report activity [--by rep|type|customer] [--rep REP] [--from DATE] [--to DATE]
                    [--sinks [--share PCT]]
Activities and minutes per rep, per rep and type, or per rep and customer, in a
period (default the 30 days ending today).  --sinks: the customers who took at
least PCT % (default 25) of a rep's minutes while none of their deals moved.
EOF
try 'a bad date' 4 crm report activity --from 2026-11-31
out_empty
err_is <<'EOF'
crm: report activity: '2026-11-31' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)
EOF
try 'a bad --to' 4 crm report activity --to soon
out_empty
err_is <<'EOF'
crm: report activity: 'soon' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)
EOF
try 'a period that ends before it starts' 4 crm report activity --from 2026-11-22 \
	--to 2026-11-01
out_empty
err_is <<'EOF'
crm: report activity: the period ends on 2026-11-01, before it starts on 2026-11-22
EOF
try '--from after today without --to' 4 crm report activity --from tomorrow
err_is <<'EOF'
crm: report activity: the period ends on 2026-11-22, before it starts on 2026-11-23
EOF
try 'an unknown --by' 2 crm report activity --by month
out_empty
err_is <<'EOF'
crm: report activity: unknown --by 'month' (rep, type, customer)
EOF
try 'a bad --share' 2 crm report activity --sinks --share 101
out_empty
err_is <<'EOF'
crm: report activity: --share '101' is not a percentage (0-100)
EOF
try 'a --share that is no number' 2 crm report activity --sinks --share half
err_is <<'EOF'
crm: report activity: --share 'half' is not a percentage (0-100)
EOF
try '--share without --sinks' 2 crm report activity --share 30
out_empty
err_is <"$T/usage"
try '--sinks by type' 2 crm report activity --sinks --by type
out_empty
err_is <"$T/usage"
try 'an argument' 2 crm report activity ann
err_is <"$T/usage"
try 'an unknown column' 2 crm report activity --columns rep,hours
out_empty
err_is <<'EOF'
crm: report activity: unknown column 'hours' (columns: rep, activities, minutes, customers, call, email, im, visit, meeting, note)
EOF
try '--help' 0 crm report activity -h
out_is <"$T/usage"
try 'an unknown verb' 2 crm report sales
err_is <<'EOF'
crm: report: unknown verb 'sales'; see 'crm report --help'
EOF

# reports write nothing
sql_is 'SELECT count(*) FROM audit' <"$T/audit-before"

done_testing
