#!/bin/sh
# crm survey: send (about a case, an RMA or a customer; where the request
# goes; --mbox read back as mail), record (CSAT, NPS, both, a comment; once
# only), list (filters, formats), stats (CSAT average and distribution, NPS,
# by month, product and assignee, the rounding rules); audit; bad input
# refused with nothing written.  Expected values are worked out by hand
# (today is Sunday 2026-11-22, now 09:30:00, the user ann).
. "$(dirname "$0")/lib.sh"

# counts SURVEYS AUDIT: the rows there are (a refusal adds none).
counts() {
	sql_is "SELECT count(*) FROM survey; SELECT count(*) FROM audit WHERE entity = 'survey'" <<EOF
$1
$2
EOF
}

crm customer add 'Acme Trading' --email info@acme.example >/dev/null
crm customer add 'Birch Ltd' --code BIRCH >/dev/null
crm customer add 'Cedar Co' --code CEDAR >/dev/null
crm contact add C00001 'Jane Roe' --email jane@acme.example >/dev/null
crm contact add BIRCH 'Pat Poe' --email pat@birch.example --primary >/dev/null
crm product add P1 Pump --price 10 >/dev/null
crm product add P2 'Pressure valve' --price 5 >/dev/null

# Cases and an RMA: the rows are enough here, so they are written directly
# (their own verbs are tested elsewhere); see put below.
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
# case 1: Acme's, about P1, Jane's, bob's; case 2: Birch's, about P1,
# sue's, no contact; RMA 1: Acme's, of P2
put service_case number=CS-2026-00001 customer_id=1 contact_id=1 product_id=1 \
	assignee=bob subject='Pump leaks'
put service_case number=CS-2026-00002 customer_id=2 product_id=1 assignee=sue subject=Noise
put rma number=RMA-2026-00001 customer_id=1 product_id=2 in_warranty=1
counts 0 0

# ---- send ----

try 'about a case: to its contact' 0 crm survey send --case CS-2026-00001
out_is <<'EOF'
S-2026-00001
EOF
err_empty
try 'about an RMA: to the customer' 0 crm survey send --rma RMA-2026-00001
out_is <<'EOF'
S-2026-00002
EOF
try 'about a customer: to its primary contact' 0 crm survey send --customer BIRCH
out_is <<'EOF'
S-2026-00003
EOF
try 'about a case by id, without contact' 0 crm survey send --case 2
out_is <<'EOF'
S-2026-00004
EOF
try 'another address' 0 crm survey send --customer 1 --email boss@acme.example
out_is <<'EOF'
S-2026-00005
EOF
try 'a customer without address, not mailed' 0 crm survey send --customer CEDAR
out_is <<'EOF'
S-2026-00006
EOF
sql_is "SELECT number, customer_id, case_id, rma_id, email, sent, answered FROM survey" <<'EOF'
S-2026-00001|1|1||jane@acme.example|2026-11-22T09:30:00|
S-2026-00002|1||1|info@acme.example|2026-11-22T09:30:00|
S-2026-00003|2|||pat@birch.example|2026-11-22T09:30:00|
S-2026-00004|2|2||pat@birch.example|2026-11-22T09:30:00|
S-2026-00005|1|||boss@acme.example|2026-11-22T09:30:00|
S-2026-00006|3||||2026-11-22T09:30:00|
EOF
counts 6 6

# ---- send --mbox ----

try 'mbox without a sender' 4 crm survey send --case CS-2026-00001 --mbox
out_empty
err_is <<'EOF'
crm: survey send: no sender address: set company.email with 'crm config set'
EOF
crm config set company.email service@shop.example
crm config set company.name 'Shop Ltd'
try 'mbox without an address' 4 crm survey send --customer CEDAR --mbox
out_empty
err_is <<'EOF'
crm: survey send: no email address for customer CEDAR: give --email or set one with 'crm customer edit CEDAR --email ADDRESS'
EOF
counts 6 6
CRM_NOW=2026-11-22T10:15:00 try 'the request as mail' 0 crm survey send --case CS-2026-00001 \
	--mbox
err_empty
cp "$T/out" "$T/mbox"
# read back as mail: one message, its headers and its text
try 'the mail reads back' 0 python3 -c '
import mailbox, sys
msgs = list(mailbox.mbox(sys.argv[1]))
print(len(msgs))
m = msgs[0]
print(m.get_from())
for h in ("From", "To", "Subject", "Date", "Message-ID", "Content-Type", "Auto-Submitted"):
    print(h + ": " + m[h])
sys.stdout.write(m.get_payload(decode=True).decode("utf-8"))
' "$T/mbox"
out_is <<'EOF'
1
service@shop.example Sun Nov 22 10:15:00 2026
From: service@shop.example
To: jane@acme.example
Subject: How did we do? Survey S-2026-00007
Date: Sun, 22 Nov 2026 10:15:00 +0000
Message-ID: <survey.S-2026-00007@shop.example>
Content-Type: text/plain; charset=utf-8
Auto-Submitted: auto-generated
Hello,

how satisfied are you with our service for case CS-2026-00001 (Pump leaks)?

Please reply to this mail with one or both of

  CSAT: a number from 1 (very unsatisfied) to 5 (very satisfied)
  NPS:  a number from 0 to 10: how likely are you to recommend us?

and keep the survey number S-2026-00007 in your reply.

Thank you,
Shop Ltd
EOF
sql_is "SELECT number, email, sent FROM survey WHERE id = 7" <<'EOF'
S-2026-00007|jane@acme.example|2026-11-22T10:15:00
EOF
try 'an RMA request names the product' 0 crm survey send --rma RMA-2026-00001 --mbox \
	--email 'ops@acme.example'
sed -n '/^To:/p; /^how/p' "$T/out" >"$T/lines"
compare 'To and the question' "$T/lines" <<'EOF'
To: ops@acme.example
how satisfied are you with our service for the repair RMA-2026-00001 (Pressure valve)?
EOF
counts 8 8

# ---- send: bad input ----

try 'nothing to ask about' 2 crm survey send
out_empty
err_is <<'EOF'
usage: crm survey send (--case KEY | --rma KEY | --customer KEY) [--email ADDR] [--mbox]
Records a satisfaction survey request and prints its number; --mbox writes
the request as a mail (mboxrd) to standard output instead.
EOF
try 'two things to ask about' 2 crm survey send --case 1 --customer C00001
try 'an unknown case' 3 crm survey send --case CS-9
err_is <<'EOF'
crm: survey send: no case 'CS-9'
EOF
try 'an unknown rma' 3 crm survey send --rma 9
err_is <<'EOF'
crm: survey send: no rma '9'
EOF
try 'an unknown customer' 3 crm survey send --customer NOPE
err_is <<'EOF'
crm: survey send: no customer 'NOPE'
EOF
try 'a bad address' 4 crm survey send --customer C00001 --email not-an-address
err_is <<'EOF'
crm: survey send: 'not-an-address' is not an email address
EOF
counts 8 8

# ---- record ----

try 'csat and nps with a comment' 0 crm survey record S-2026-00001 --csat 5 --nps 10 \
	--comment 'Fast and friendly'
out_empty
err_empty
try 'by id' 0 crm survey record 2 --csat 2 --nps 6
CRM_NOW=2026-11-30T10:00:00 try 'csat only' 0 crm survey record S-2026-00003 --csat 4
CRM_NOW=2026-12-05T10:00:00 try 'nps only, zero is a score' 0 crm survey record S-2026-00004 \
	--nps 8
CRM_NOW=2026-12-10T10:00:00 try 'the fifth' 0 crm survey record S-2026-00005 --nps 9 --csat 4
CRM_NOW=2026-12-12T10:00:00 try 'the sixth' 0 crm survey record S-2026-00006 --csat 5 --nps 7
sql_is "SELECT number, csat, nps, comment, answered FROM survey WHERE answered IS NOT NULL" <<'EOF'
S-2026-00001|5|10|Fast and friendly|2026-11-22T09:30:00
S-2026-00002|2|6||2026-11-22T09:30:00
S-2026-00003|4|||2026-11-30T10:00:00
S-2026-00004||8||2026-12-05T10:00:00
S-2026-00005|4|9||2026-12-10T10:00:00
S-2026-00006|5|7||2026-12-12T10:00:00
EOF
sql_is "SELECT old, new FROM audit WHERE entity = 'survey' AND action = 'update'
	ORDER BY id LIMIT 1" <<'EOF'
{"csat":null,"nps":null,"comment":null}|{"csat":5,"nps":10,"comment":"Fast and friendly"}
EOF
counts 8 14

try 'record twice' 4 crm survey record S-2026-00001 --csat 1
out_empty
err_is <<'EOF'
crm: survey record: survey S-2026-00001 is answered already (2026-11-22T09:30:00)
EOF
try 'csat out of range' 4 crm survey record S-2026-00007 --csat 6
err_is <<'EOF'
crm: survey record: 6 is not a CSAT score (1-5)
EOF
try 'csat zero' 4 crm survey record S-2026-00007 --csat 0
err_is <<'EOF'
crm: survey record: 0 is not a CSAT score (1-5)
EOF
try 'nps out of range' 4 crm survey record S-2026-00007 --nps 11
err_is <<'EOF'
crm: survey record: 11 is not an NPS score (0-10)
EOF
try 'a negative score' 2 crm survey record S-2026-00007 --nps -1
err_is <<'EOF'
crm: survey record: --nps '-1' is not a count
EOF
try 'a score in words' 2 crm survey record S-2026-00007 --csat good
err_is <<'EOF'
crm: survey record: --csat 'good' is not a count
EOF
try 'an empty comment' 4 crm survey record S-2026-00007 --csat 3 --comment ''
err_is <<'EOF'
crm: survey record: the comment is empty, too long or has control characters
EOF
try 'no score' 2 crm survey record S-2026-00007 --comment hi
try 'an unknown survey' 3 crm survey record S-2026-00099 --csat 3
err_is <<'EOF'
crm: survey record: no survey 'S-2026-00099'
EOF
counts 8 14

# ---- list ----

# in the order sent: S8 went at 09:30, before S7 (10:15)
try 'list as a table' 0 crm survey list --format table
out_is <<'EOF'
NUMBER        SENT                 CUSTOMER  ABOUT               EMAIL              CSAT  NPS  ANSWERED
S-2026-00001  2026-11-22T09:30:00  C00001    case CS-2026-00001  jane@acme.example     5   10  2026-11-22T09:30:00
S-2026-00002  2026-11-22T09:30:00  C00001    rma RMA-2026-00001  info@acme.example     2    6  2026-11-22T09:30:00
S-2026-00003  2026-11-22T09:30:00  BIRCH                         pat@birch.example     4       2026-11-30T10:00:00
S-2026-00004  2026-11-22T09:30:00  BIRCH     case CS-2026-00002  pat@birch.example          8  2026-12-05T10:00:00
S-2026-00005  2026-11-22T09:30:00  C00001                        boss@acme.example     4    9  2026-12-10T10:00:00
S-2026-00006  2026-11-22T09:30:00  CEDAR                                               5    7  2026-12-12T10:00:00
S-2026-00008  2026-11-22T09:30:00  C00001    rma RMA-2026-00001  ops@acme.example
S-2026-00007  2026-11-22T10:15:00  C00001    case CS-2026-00001  jane@acme.example
EOF
try 'the open ones of a customer as csv' 0 crm survey list --status sent --customer C00001
out_is <<'EOF'
number,sent,customer,name,about,email,csat,nps,comment,answered
S-2026-00008,2026-11-22T09:30:00,C00001,Acme Trading,rma RMA-2026-00001,ops@acme.example,,,,
S-2026-00007,2026-11-22T10:15:00,C00001,Acme Trading,case CS-2026-00001,jane@acme.example,,,,
EOF
try 'answered ones as json' 0 crm survey list --status answered --customer BIRCH --format json
out_is <<'EOF'
[
{"number":"S-2026-00003","sent":"2026-11-22T09:30:00","customer":"BIRCH","name":"Birch Ltd","about":null,"email":"pat@birch.example","csat":4,"nps":null,"comment":null,"answered":"2026-11-30T10:00:00"},
{"number":"S-2026-00004","sent":"2026-11-22T09:30:00","customer":"BIRCH","name":"Birch Ltd","about":"case CS-2026-00002","email":"pat@birch.example","csat":null,"nps":8,"comment":null,"answered":"2026-12-05T10:00:00"}
]
EOF
try 'a bad status' 4 crm survey list --status open
err_is <<'EOF'
crm: survey list: 'open' is not a survey status (sent, answered, all)
EOF
try 'an unknown customer' 3 crm survey list --customer NOPE

# ---- stats ----
# Answered: S1 csat 5 nps 10 (Nov, P1, bob); S2 2/6 (Nov, P2, RMA: no
# assignee); S3 csat 4 (Nov, none); S4 nps 8 (Dec, P1, sue); S5 4/9 (Dec,
# none); S6 5/7 (Dec, none).
# All: CSAT 5+2+4+4+5 = 20 over 5 = 4.00; NPS 10,6,8,9,7: promoters 2,
# passives 2, detractors 1: 100 × 1 / 5 = 20.

try 'stats in all' 0 crm survey stats --format table
out_is <<'EOF'
ALL  ANSWERS  CSAT_ANSWERS  CSAT_AVG  CSAT_1  CSAT_2  CSAT_3  CSAT_4  CSAT_5  NPS_ANSWERS  PROMOTERS  PASSIVES  DETRACTORS  NPS
all        6             5      4.00       0       1       0       2       2            5          2         2           1   20
EOF
# Nov: CSAT 5,2,4 = 11/3 = 3.666.. → 3.67; NPS 10,6: 1 − 1 → 0.
# Dec: CSAT 4,5 → 4.50; NPS 8,9,7: 100 × 1 / 3 = 33.3 → 33.
try 'stats by month as csv' 0 crm survey stats --by month
out_is <<'EOF'
month,answers,csat_answers,csat_avg,csat_1,csat_2,csat_3,csat_4,csat_5,nps_answers,promoters,passives,detractors,nps
2026-11,3,3,3.67,0,1,0,1,1,2,1,0,1,0
2026-12,3,2,4.50,0,0,0,1,1,3,1,2,0,33
EOF
# P1: S1, S4: CSAT 5; NPS 10, 8 → 50.  P2: S2: CSAT 2; NPS 6 → −100.
# none: S3, S5, S6: CSAT 4,4,5 = 13/3 = 4.333.. → 4.33; NPS 9,7 → 50.
try 'stats by product as json' 0 crm survey stats --by product --format json
out_is <<'EOF'
[
{"product":"P1","answers":2,"csat_answers":1,"csat_avg":5.00,"csat_1":0,"csat_2":0,"csat_3":0,"csat_4":0,"csat_5":1,"nps_answers":2,"promoters":1,"passives":1,"detractors":0,"nps":50},
{"product":"P2","answers":1,"csat_answers":1,"csat_avg":2.00,"csat_1":0,"csat_2":1,"csat_3":0,"csat_4":0,"csat_5":0,"nps_answers":1,"promoters":0,"passives":0,"detractors":1,"nps":-100},
{"product":null,"answers":3,"csat_answers":3,"csat_avg":4.33,"csat_1":0,"csat_2":0,"csat_3":0,"csat_4":2,"csat_5":1,"nps_answers":2,"promoters":1,"passives":1,"detractors":0,"nps":50}
]
EOF
# bob: S1.  sue: S4, no CSAT.  none: S2, S3, S5, S6: CSAT 2,4,4,5 = 15/4 =
# 3.75; NPS 6,9,7: 1 − 1 → 0.
try 'stats by assignee' 0 crm survey stats --by assignee --format csv
out_is <<'EOF'
assignee,answers,csat_answers,csat_avg,csat_1,csat_2,csat_3,csat_4,csat_5,nps_answers,promoters,passives,detractors,nps
bob,1,1,5.00,0,0,0,0,1,1,1,0,0,100
sue,1,0,,0,0,0,0,0,1,0,1,0,0
,4,4,3.75,0,1,0,2,1,3,1,1,1,0
EOF
# the period is the answer's day, both ends included: Nov 30 to Dec 5 is
# S3 and S4
try 'stats of a period' 0 crm survey stats --from 2026-11-30 --to 2026-12-05 --no-header
out_is <<'EOF'
all,2,1,4.00,0,0,0,1,0,1,0,1,0,0
EOF
try 'stats of an empty period' 0 crm survey stats --from 2027-01-01
out_is <<'EOF'
all,answers,csat_answers,csat_avg,csat_1,csat_2,csat_3,csat_4,csat_5,nps_answers,promoters,passives,detractors,nps
EOF

# rounding: eight answers in January, CSAT seven 1s and a 2 = 9/8 = 1.125
# → 1.13 (half up); NPS 9,0,0 and five 7s: 100 × (1 − 2) / 8 = −12.5 → −13
# (half away from zero)
for a in '1 9' '1 0' '1 0' '1 7' '1 7' '1 7' '1 7' '2 7'; do
	set -- $a
	n=$(crm survey send --customer CEDAR)
	CRM_NOW=2027-01-15T10:00:00 crm survey record "$n" --csat "$1" --nps "$2"
done
try 'halves' 0 crm survey stats --from 2027-01-01 --no-header
out_is <<'EOF'
all,8,8,1.13,7,1,0,0,0,8,1,5,2,-13
EOF
try 'a bad grouping' 4 crm survey stats --by week
err_is <<'EOF'
crm: survey stats: 'week' is not a grouping (month, product, assignee)
EOF
try 'a bad day' 4 crm survey stats --to someday
err_is <<'EOF'
crm: survey stats: 'someday' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)
EOF
try 'an argument' 2 crm survey stats 2026

done_testing
