#!/bin/sh
# crm ar aging: the buckets at several as-of dates (a partial payment, a
# receipt dated after the as-of day, a credit note, unapplied credit, a
# reversed receipt), --by issue, --buckets and config ar.buckets, --detail,
# --min, --rep, --customer, every format, the total row, --chart, --sql,
# and bad input.  Every figure is computed by hand in the comments.
. "$(dirname "$0")/lib.sh"

# inv CUSTOMER DATE PRICE...: a free invoice with one line per price (qty 1,
# no tax), issued on DATE; terms are 30 days (invoice.terms), so due = DATE + 30.
inv() {
	c=$1 d=$2
	shift 2
	id=$(crm invoice new "$c" | sed 's/^draft //')
	for p in "$@"; do
		crm invoice line add "$id" --text Work --qty 1 --price "$p" >/dev/null
	done
	crm invoice issue "$id" --date "$d" >/dev/null
}

crm customer add Acme --owner bob >/dev/null   # C00001
crm customer add Birch --owner carol >/dev/null # C00002
crm customer add Cedar --owner bob >/dev/null  # C00003: never owes anything
crm customer add Dune --owner carol >/dev/null # C00004: only credit

inv C00001 2026-05-10 1000    # INV-2026-00001 due 2026-06-09
inv C00001 2026-08-20 500     # INV-2026-00002 due 2026-09-19
inv C00001 2026-10-01 200 100 # INV-2026-00003 due 2026-10-31, 300.00
inv C00001 2026-11-15 200     # INV-2026-00004 due 2026-12-15
inv C00002 2026-07-01 400     # INV-2026-00005 due 2026-07-31
inv C00002 2026-11-01 250     # INV-2026-00006 due 2026-12-01
sql_is "SELECT number, customer_id, date, due, total FROM doc ORDER BY id" <<'EOF'
INV-2026-00001|1|2026-05-10|2026-06-09|100000
INV-2026-00002|1|2026-08-20|2026-09-19|50000
INV-2026-00003|1|2026-10-01|2026-10-31|30000
INV-2026-00004|1|2026-11-15|2026-12-15|20000
INV-2026-00005|2|2026-07-01|2026-07-31|40000
INV-2026-00006|2|2026-11-01|2026-12-01|25000
EOF

# Nothing paid yet, as of today 2026-11-22 (days overdue = today - due):
#   INV1 1000.00 166 days (9..30 Jun 21, Jul 31, Aug 31, Sep 30, Oct 31, Nov 22) 91-180
#   INV2  500.00  64 days (Sep 11, Oct 31, Nov 22)                               61-90
#   INV3  300.00  22 days                                                         1-30
#   INV4  200.00 -23                                                              not_due
#   INV5  400.00 114 days (Aug 31, Sep 30, Oct 31, Nov 22)                        91-180
#   INV6  250.00  -9                                                              not_due
try 'invoices only' 0 crm ar aging --format csv
out_is <<'EOF'
code,name,rep,not_due,1-30,31-60,61-90,91-180,over_180,open,credit,balance
C00001,Acme,bob,200.00,300.00,0.00,500.00,1000.00,0.00,2000.00,0.00,2000.00
C00002,Birch,carol,250.00,0.00,0.00,0.00,400.00,0.00,650.00,0.00,650.00
EOF
err_empty

# ---- the movements ----
# RC1 Acme 2026-06-20 600.00 on INV1 (a partial payment: 400.00 stays open)
try 'a partial payment' 0 crm ar receipt C00001 600 --date 2026-06-20 --apply INV-2026-00001=600
# RC2 Birch 2026-09-10 150.00 kept as unapplied credit
try 'unapplied credit' 0 crm ar receipt C00002 150 --date 2026-09-10 --unapplied
# RC3 Dune 2026-10-05 80.00: nothing to settle, all of it is credit
try 'credit of a customer without invoices' 0 crm ar receipt C00004 80 --date 2026-10-05
# RC4 Birch 2026-10-10 200.00 on INV5, reversed (bounced) on 2026-11-05
try 'a receipt that bounces' 0 crm ar receipt C00002 200 --date 2026-10-10 --apply INV-2026-00005=200
try 'its reversal' 0 crm ar reverse RC-2026-00004 --reason bounced --date 2026-11-05
# RC5 Acme 2026-11-20 500.00 pays INV2 (after the as-of day 2026-10-31 below)
try 'a late receipt' 0 crm ar receipt C00001 500 --date 2026-11-20 --apply INV-2026-00002=500
# CN1 2026-10-20 credits line 2 of INV3 (100.00): INV3 has 200.00 open from then
try 'a credit note' 0 env CRM_TODAY=2026-10-20 "$CRM_BIN" invoice credit INV-2026-00003 --line 2=1
out_is <<'EOF'
CN-2026-00001
EOF
sql_is "SELECT number, date, amount, ifnull(reversed, '-') FROM receipt ORDER BY id" <<'EOF'
RC-2026-00001|2026-06-20|60000|-
RC-2026-00002|2026-09-10|15000|-
RC-2026-00003|2026-10-05|8000|-
RC-2026-00004|2026-10-10|20000|2026-11-05
RC-2026-00005|2026-11-20|50000|-
EOF
audit=$(sqlite3 "$CRM_DB" 'SELECT count(*) FROM audit')

# ---- as of today, 2026-11-22 ----
# Acme:  INV1 1000 - 600 = 400.00, 166 days: 91-180
#        INV2 500 - 500 = 0: gone
#        INV3 300 - 100 = 200.00, 22 days: 1-30
#        INV4 200.00, -23: not_due
#        open 800.00, no credit, balance 800.00
# Birch: INV5 400.00 (RC4 reversed, so nothing paid), 114 days: 91-180
#        INV6 250.00, -9: not_due; open 650.00
#        credit RC2 150.00 (RC4 no longer counts); balance 500.00
# Cedar: nothing, left out.
# Dune:  credit RC3 80.00, balance -80.00
# total: not_due 450.00, 1-30 200.00, 91-180 800.00, open 1450.00,
#        credit 230.00, balance 1220.00
cat >"$T/today.csv" <<'EOF'
code,name,rep,not_due,1-30,31-60,61-90,91-180,over_180,open,credit,balance
C00001,Acme,bob,200.00,200.00,0.00,0.00,400.00,0.00,800.00,0.00,800.00
C00002,Birch,carol,250.00,0.00,0.00,0.00,400.00,0.00,650.00,150.00,500.00
C00004,Dune,carol,0.00,0.00,0.00,0.00,0.00,0.00,0.00,80.00,-80.00
EOF
try 'today, csv (no total row)' 0 crm ar aging
out_is <"$T/today.csv"
err_empty
try '--as-of today is the same' 0 crm ar aging --as-of 2026-11-22 --format csv
out_is <"$T/today.csv"
try '--as-of takes date expressions' 0 crm ar aging --as-of today
out_is <"$T/today.csv"

try 'today, table with its total row' 0 crm ar aging --format table
out_is <<'EOF'
CODE    NAME   REP    NOT_DUE    1-30  31-60  61-90  91-180  OVER_180     OPEN  CREDIT  BALANCE
C00001  Acme   bob     200.00  200.00   0.00   0.00  400.00      0.00   800.00    0.00   800.00
C00002  Birch  carol   250.00    0.00   0.00   0.00  400.00      0.00   650.00  150.00   500.00
C00004  Dune   carol     0.00    0.00   0.00   0.00    0.00      0.00     0.00   80.00   -80.00
total                  450.00  200.00   0.00   0.00  800.00      0.00  1450.00  230.00  1220.00
EOF
err_empty
try 'table --no-total' 0 crm ar aging --format table --no-total --columns code,open,balance
out_is <<'EOF'
CODE      OPEN  BALANCE
C00001  800.00   800.00
C00002  650.00   500.00
C00004    0.00   -80.00
EOF
try 'csv --total' 0 crm ar aging --total --columns code,rep,not_due,open,credit,balance
out_is <<'EOF'
code,rep,not_due,open,credit,balance
C00001,bob,200.00,800.00,0.00,800.00
C00002,carol,250.00,650.00,150.00,500.00
C00004,carol,0.00,0.00,80.00,-80.00
total,,450.00,1450.00,230.00,1220.00
EOF
try 'tsv' 0 crm ar aging --format tsv --columns code,name,91-180,balance
printf 'code\tname\t91-180\tbalance\nC00001\tAcme\t400.00\t800.00\nC00002\tBirch\t400.00\t500.00\nC00004\tDune\t0.00\t-80.00\n' >"$T/want.tsv"
out_is <"$T/want.tsv"
try 'json: money as numbers' 0 crm ar aging --format json
out_is <<'EOF'
[
{"code":"C00001","name":"Acme","rep":"bob","not_due":200.00,"1-30":200.00,"31-60":0.00,"61-90":0.00,"91-180":400.00,"over_180":0.00,"open":800.00,"credit":0.00,"balance":800.00},
{"code":"C00002","name":"Birch","rep":"carol","not_due":250.00,"1-30":0.00,"31-60":0.00,"61-90":0.00,"91-180":400.00,"over_180":0.00,"open":650.00,"credit":150.00,"balance":500.00},
{"code":"C00004","name":"Dune","rep":"carol","not_due":0.00,"1-30":0.00,"31-60":0.00,"61-90":0.00,"91-180":0.00,"over_180":0.00,"open":0.00,"credit":80.00,"balance":-80.00}
]
EOF
try 'ndjson with --total' 0 crm ar aging --format ndjson --total --columns code,open,balance
out_is <<'EOF'
{"code":"C00001","open":800.00,"balance":800.00}
{"code":"C00002","open":650.00,"balance":500.00}
{"code":"C00004","open":0.00,"balance":-80.00}
{"code":"total","open":1450.00,"balance":1220.00}
EOF

# ---- as of 2026-10-31: RC5 (11-20) and RC4's reversal (11-05) come later ----
# Acme:  INV1 400.00, 144 days (Jun 21, Jul 31, Aug 31, Sep 30, Oct 31): 91-180
#        INV2 500.00 (RC5 not yet), 42 days (Sep 11, Oct 31): 31-60
#        INV3 200.00 (CN1 10-20 counts), 0 days, the due day itself: not_due
#        INV4 dated 11-15: not yet; open 1100.00
# Birch: INV5 400 - 200 (RC4 still stands) = 200.00, 92 days: 91-180
#        INV6 dated 11-01: not yet; credit RC2 150.00 (RC4 fully applied);
#        balance 50.00
# Dune:  credit 80.00
# total: not_due 200.00, 31-60 500.00, 91-180 600.00, open 1300.00, credit 230.00,
#        balance 1070.00
try 'as of 2026-10-31' 0 crm ar aging --as-of 2026-10-31 --format table
out_is <<'EOF'
CODE    NAME   REP    NOT_DUE  1-30   31-60  61-90  91-180  OVER_180     OPEN  CREDIT  BALANCE
C00001  Acme   bob     200.00  0.00  500.00   0.00  400.00      0.00  1100.00    0.00  1100.00
C00002  Birch  carol     0.00  0.00    0.00   0.00  200.00      0.00   200.00  150.00    50.00
C00004  Dune   carol     0.00  0.00    0.00   0.00    0.00      0.00     0.00   80.00   -80.00
total                  200.00  0.00  500.00   0.00  600.00      0.00  1300.00  230.00  1070.00
EOF

# ---- as of 2026-06-30 and 2026-06-15: only INV1, before and after RC1 ----
# 06-15: 1000.00, 6 days overdue: 1-30.  06-30: 1000 - 600 = 400.00, 21 days: 1-30.
try 'as of 2026-06-15' 0 crm ar aging --as-of 2026-06-15 --columns code,not_due,1-30,open,balance
out_is <<'EOF'
code,not_due,1-30,open,balance
C00001,0.00,1000.00,1000.00,1000.00
EOF
try 'as of 2026-06-30' 0 crm ar aging --as-of 2026-06-30 --columns code,not_due,1-30,open,balance
out_is <<'EOF'
code,not_due,1-30,open,balance
C00001,0.00,400.00,400.00,400.00
EOF
# 2026-06-09 is INV1's due day: not overdue yet
try 'as of the due day' 0 crm ar aging --as-of 2026-06-09 --columns code,not_due,1-30
out_is <<'EOF'
code,not_due,1-30
C00001,1000.00,0.00
EOF
try 'before the first invoice: nothing, not even a total' 0 crm ar aging --as-of 2026-05-09 --format table
out_empty
err_empty

# ---- the bucket edges are inclusive: INV3 (due 10-31) on day 30 and day 31 ----
try 'day 30 is 1-30' 0 crm ar aging --as-of 2026-11-30 --customer C00001 --detail --columns number,days,bucket,open
out_is <<'EOF'
number,days,bucket,open
INV-2026-00001,174,91-180,400.00
INV-2026-00003,30,1-30,200.00
INV-2026-00004,-15,not_due,200.00
EOF
try 'day 31 is 31-60' 0 crm ar aging --as-of 2026-12-01 --customer C00001 --detail --columns number,days,bucket
out_is <<'EOF'
number,days,bucket
INV-2026-00001,175,91-180
INV-2026-00003,31,31-60
INV-2026-00004,-14,not_due
EOF

# ---- --by issue: age = days since the invoice date, first bucket 0-30 ----
# Acme:  INV1 05-10, 196 days (May 21, Jun 30, Jul 31, Aug 31, Sep 30, Oct 31,
#        Nov 22): over_180 400.00; INV3 10-01, 52: 31-60 200.00; INV4 11-15, 7:
#        0-30 200.00
# Birch: INV5 07-01, 144 (Jul 30, Aug 31, Sep 30, Oct 31, Nov 22): 91-180
#        400.00; INV6 11-01, 21: 0-30 250.00
try '--by issue' 0 crm ar aging --by issue
out_is <<'EOF'
code,name,rep,0-30,31-60,61-90,91-180,over_180,open,credit,balance
C00001,Acme,bob,200.00,200.00,0.00,0.00,400.00,800.00,0.00,800.00
C00002,Birch,carol,250.00,0.00,0.00,400.00,0.00,650.00,150.00,500.00
C00004,Dune,carol,0.00,0.00,0.00,0.00,0.00,0.00,80.00,-80.00
EOF
try '--by issue --detail' 0 crm ar aging --by issue --detail --customer C00001 --columns number,date,days,bucket
out_is <<'EOF'
number,date,days,bucket
INV-2026-00001,2026-05-10,196,over_180
INV-2026-00003,2026-10-01,52,31-60
INV-2026-00004,2026-11-15,7,0-30
EOF
try '--by due is the default' 0 crm ar aging --by due
out_is <"$T/today.csv"

# ---- --buckets: any ascending edges ----
# 15,45: not_due, 1-15, 16-45, over_45.  Acme INV1 166 over_45, INV3 22 16-45,
# INV4 not_due; Birch INV5 114 over_45, INV6 not_due.
try '--buckets 15,45' 0 crm ar aging --buckets 15,45
out_is <<'EOF'
code,name,rep,not_due,1-15,16-45,over_45,open,credit,balance
C00001,Acme,bob,200.00,0.00,200.00,400.00,800.00,0.00,800.00
C00002,Birch,carol,250.00,0.00,0.00,400.00,650.00,150.00,500.00
C00004,Dune,carol,0.00,0.00,0.00,0.00,0.00,80.00,-80.00
EOF
# one edge: 1-120 and over_120 (166 and 114 days)
try '--buckets 120' 0 crm ar aging --buckets 120 --columns code,not_due,1-120,over_120,open
out_is <<'EOF'
code,not_due,1-120,over_120,open
C00001,200.00,200.00,400.00,800.00
C00002,250.00,400.00,0.00,650.00
C00004,0.00,0.00,0.00,0.00
EOF
# config ar.buckets is the default for --buckets
try 'config ar.buckets' 0 crm config set ar.buckets 60,365
try 'the configured buckets' 0 crm ar aging --columns code,not_due,1-60,61-365,over_365
out_is <<'EOF'
code,not_due,1-60,61-365,over_365
C00001,200.00,200.00,400.00,0.00
C00002,250.00,0.00,400.00,0.00
C00004,0.00,0.00,0.00,0.00
EOF
try '--buckets wins over config' 0 crm ar aging --buckets 15,45 --columns code,16-45
out_is <<'EOF'
code,16-45
C00001,200.00
C00002,0.00
C00004,0.00
EOF
try 'config refuses bad buckets' 4 crm config set ar.buckets 60,30
err_is <<'EOF'
crm: config set: ar.buckets: '60,30' is not 1 to 12 ascending day counts (such as 30,60,90,180)
EOF
try 'back to the default' 0 crm config unset ar.buckets
audit=$(sqlite3 "$CRM_DB" 'SELECT count(*) FROM audit')

# ---- --detail ----
# one row per open invoice (days, bucket, open) and per unapplied credit,
# by customer, invoices first by due date
try '--detail' 0 crm ar aging --detail
out_is <<'EOF'
customer,name,rep,kind,number,date,due,days,bucket,open,credit
C00001,Acme,bob,invoice,INV-2026-00001,2026-05-10,2026-06-09,166,91-180,400.00,
C00001,Acme,bob,invoice,INV-2026-00003,2026-10-01,2026-10-31,22,1-30,200.00,
C00001,Acme,bob,invoice,INV-2026-00004,2026-11-15,2026-12-15,-23,not_due,200.00,
C00002,Birch,carol,invoice,INV-2026-00005,2026-07-01,2026-07-31,114,91-180,400.00,
C00002,Birch,carol,invoice,INV-2026-00006,2026-11-01,2026-12-01,-9,not_due,250.00,
C00002,Birch,carol,receipt,RC-2026-00002,2026-09-10,,,,,150.00
C00004,Dune,carol,receipt,RC-2026-00003,2026-10-05,,,,,80.00
EOF
# as of 2026-10-31: INV2 is open (RC5 later), RC4 is not credit (all applied)
try '--detail as of 2026-10-31, table' 0 crm ar aging --detail --as-of 2026-10-31 --format table
out_is <<'EOF'
CUSTOMER  NAME   KIND     NUMBER          DATE        DUE         DAYS  BUCKET      OPEN  CREDIT
C00001    Acme   invoice  INV-2026-00001  2026-05-10  2026-06-09   144  91-180    400.00
C00001    Acme   invoice  INV-2026-00002  2026-08-20  2026-09-19    42  31-60     500.00
C00001    Acme   invoice  INV-2026-00003  2026-10-01  2026-10-31     0  not_due   200.00
C00002    Birch  invoice  INV-2026-00005  2026-07-01  2026-07-31    92  91-180    200.00
C00002    Birch  receipt  RC-2026-00002   2026-09-10                                      150.00
C00004    Dune   receipt  RC-2026-00003   2026-10-05                                       80.00
total                                                                            1300.00  230.00
EOF

# ---- --min, --rep, --customer ----
# --min leaves out balances below it: Dune (-80.00) at 0, Birch (500.00) at 600
try '--min 0' 0 crm ar aging --min 0 --columns code,balance
out_is <<'EOF'
code,balance
C00001,800.00
C00002,500.00
EOF
try '--min 500 keeps 500.00' 0 crm ar aging --min 500 --columns code,balance
out_is <<'EOF'
code,balance
C00001,800.00
C00002,500.00
EOF
try '--min 500.01' 0 crm ar aging --min 500.01 --format table --columns code,balance
out_is <<'EOF'
CODE    BALANCE
C00001   800.00
total    800.00
EOF
try '--min -100 keeps the credit' 0 crm ar aging --min -100 --columns code
out_is <<'EOF'
code
C00001
C00002
C00004
EOF
try '--min with --detail' 0 crm ar aging --detail --min 600 --columns customer,number
out_is <<'EOF'
customer,number
C00001,INV-2026-00001
C00001,INV-2026-00003
C00001,INV-2026-00004
EOF
try '--rep carol' 0 crm ar aging --rep carol --format table --columns code,rep,open,credit,balance
out_is <<'EOF'
CODE    REP      OPEN  CREDIT  BALANCE
C00002  carol  650.00  150.00   500.00
C00004  carol    0.00   80.00   -80.00
total          650.00  230.00   420.00
EOF
try '--rep nobody' 0 crm ar aging --rep nobody --format table
out_empty
try '--customer by code' 0 crm ar aging --customer C00002 --columns code,open,credit,balance
out_is <<'EOF'
code,open,credit,balance
C00002,650.00,150.00,500.00
EOF
try '--customer by id' 0 crm ar aging --customer 4 --columns code,balance
out_is <<'EOF'
code,balance
C00004,-80.00
EOF
try 'a customer owing nothing' 0 crm ar aging --customer C00003
out_is <<'EOF'
code,name,rep,not_due,1-30,31-60,61-90,91-180,over_180,open,credit,balance
EOF
try '--customer and --rep together' 0 crm ar aging --customer C00001 --rep carol --format table
out_empty

# ---- --chart ----
# bucket totals today: not_due 450, 1-30 200, 91-180 800 (the longest).  Not a
# terminal: 80 columns, less the names (8), the amounts (6) and the gaps (4):
# 62, at most 60 blocks.  450 x 60 / 800 = 33.75 -> 34; 200 x 60 / 800 = 15.
b() { printf '%*s' "$1" '' | sed 's/ /█/g'; }
{
	printf 'not_due   %s%26s  450.00\n' "$(b 34)" ''
	printf '1-30      %s%45s  200.00\n' "$(b 15)" ''
	printf '31-60     %60s    0.00\n' ''
	printf '61-90     %60s    0.00\n' ''
	printf '91-180    %s  800.00\n' "$(b 60)"
	printf 'over_180  %60s    0.00\n' ''
	echo 'open 1450.00, credit 230.00, balance 1220.00'
} >"$T/chart"
try '--chart' 0 crm ar aging --chart --format table
out_is <"$T/chart"
err_empty
try '--chart in csv is the data' 0 crm ar aging --chart
out_is <"$T/today.csv"
# other buckets, as of 2026-06-30: INV1's 400.00 in 1-30 is all there is
try '--chart with other buckets' 0 crm ar aging --chart --format table --as-of 2026-06-30 --buckets 30
{
	printf 'not_due  %60s    0.00\n' ''
	printf '1-30     %s  400.00\n' "$(b 60)"
	printf 'over_30  %60s    0.00\n' ''
	echo 'open 400.00, credit 0.00, balance 400.00'
} >"$T/chart"
out_is <"$T/chart"

# ---- --sql: the query itself, ready for the sqlite3 shell ----
try '--sql' 0 crm ar aging --sql --as-of 2026-10-31 --rep carol
sqlite3 -csv "$CRM_DB" <"$T/out" >"$T/sqlout"
compare 'it gives the same figures' "$T/sqlout" <<'EOF'
2,C00002,Birch,carol,0,0,0,0,20000,0,20000,15000,5000
4,C00004,Dune,carol,0,0,0,0,0,0,0,8000,-8000
EOF
sqlite3 "$CRM_DB" "EXPLAIN QUERY PLAN $(cat "$T/out")" >"$T/plan"
# the open items are found through the partial indexes, not by reading every
# invoice and receipt ever made
grep -q 'USING INDEX doc_receivable' "$T/plan"
report $? '--sql: the plan reads invoices through doc_receivable' "$T/plan"
grep -q 'USING INDEX receipt_receivable' "$T/plan"
report $? '--sql: the plan reads receipts through receipt_receivable' "$T/plan"

# ---- crm ar open: the same items one by one, oldest due date first ----
# Credits have no due date: they sort by their date and show negative
# amounts (total, applied, unapplied), so that open adds up to the balance:
# 400 + 400 - 150 - 80 + 200 + 250 + 200 = 1220.00.  Status as of the day:
# overdue (due before it), partly-paid, issued.
try 'open items' 0 crm ar open
out_is <<'EOF'
customer,kind,number,date,due,days,total,paid,open,status
C00001,invoice,INV-2026-00001,2026-05-10,2026-06-09,166,1000.00,600.00,400.00,overdue
C00002,invoice,INV-2026-00005,2026-07-01,2026-07-31,114,400.00,0.00,400.00,overdue
C00002,receipt,RC-2026-00002,2026-09-10,,,-150.00,0.00,-150.00,unapplied
C00004,receipt,RC-2026-00003,2026-10-05,,,-80.00,0.00,-80.00,unapplied
C00001,invoice,INV-2026-00003,2026-10-01,2026-10-31,22,300.00,100.00,200.00,overdue
C00002,invoice,INV-2026-00006,2026-11-01,2026-12-01,-9,250.00,0.00,250.00,issued
C00001,invoice,INV-2026-00004,2026-11-15,2026-12-15,-23,200.00,0.00,200.00,issued
EOF
err_empty
# total: 1000 + 400 - 150 - 80 + 300 + 250 + 200 = 1920.00, paid 600 + 100 = 700.00
try 'open items, table' 0 crm ar open --format table --columns customer,number,due,days,total,paid,open,status
out_is <<'EOF'
CUSTOMER  NUMBER          DUE         DAYS    TOTAL    PAID     OPEN  STATUS
C00001    INV-2026-00001  2026-06-09   166  1000.00  600.00   400.00  overdue
C00002    INV-2026-00005  2026-07-31   114   400.00    0.00   400.00  overdue
C00002    RC-2026-00002                     -150.00    0.00  -150.00  unapplied
C00004    RC-2026-00003                      -80.00    0.00   -80.00  unapplied
C00001    INV-2026-00003  2026-10-31    22   300.00  100.00   200.00  overdue
C00002    INV-2026-00006  2026-12-01    -9   250.00    0.00   250.00  issued
C00001    INV-2026-00004  2026-12-15   -23   200.00    0.00   200.00  issued
total                                       1920.00  700.00  1220.00
EOF
# Acme as of 2026-10-31: INV1 400.00 (144 days), INV2 500.00 (42 days, RC5
# later), INV3 200.00 due that very day: not overdue, and partly paid by CN1
try 'open items of one customer, as of a day' 0 crm ar open C00001 --as-of 2026-10-31
out_is <<'EOF'
customer,kind,number,date,due,days,total,paid,open,status
C00001,invoice,INV-2026-00001,2026-05-10,2026-06-09,144,1000.00,600.00,400.00,overdue
C00001,invoice,INV-2026-00002,2026-08-20,2026-09-19,42,500.00,0.00,500.00,overdue
C00001,invoice,INV-2026-00003,2026-10-01,2026-10-31,0,300.00,100.00,200.00,partly-paid
EOF
# Birch as of 2026-11-01: RC4 (reversed 11-05) still pays half of INV5;
# RC2 stays credit; INV6 dated that day is not due
try 'open items before a reversal, json' 0 crm ar open C00002 --as-of 2026-11-01 --format json --total
out_is <<'EOF'
[
{"customer":"C00002","kind":"invoice","number":"INV-2026-00005","date":"2026-07-01","due":"2026-07-31","days":93,"total":400.00,"paid":200.00,"open":200.00,"status":"overdue"},
{"customer":"C00002","kind":"receipt","number":"RC-2026-00002","date":"2026-09-10","due":null,"days":null,"total":-150.00,"paid":0.00,"open":-150.00,"status":"unapplied"},
{"customer":"C00002","kind":"invoice","number":"INV-2026-00006","date":"2026-11-01","due":"2026-12-01","days":-30,"total":250.00,"paid":0.00,"open":250.00,"status":"issued"},
{"customer":"total","kind":null,"number":null,"date":null,"due":null,"days":null,"total":500.00,"paid":200.00,"open":300.00,"status":null}
]
EOF
try 'nothing open' 0 crm ar open C00003 --format table
out_empty
try 'open: an unknown customer' 3 crm ar open C00099
err_is <<'EOF'
crm: ar open: no customer 'C00099'
EOF
try 'open: a bad date' 4 crm ar open --as-of yesterday-ish
out_empty
try 'open: two customers' 2 crm ar open C00001 C00002
out_empty

# ---- bad input: a message, the exit code, no output, nothing written ----
try 'a bad --as-of' 4 crm ar aging --as-of 2026-13-01
out_empty
err_is <<'EOF'
crm: ar aging: '2026-13-01' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)
EOF
try 'descending --buckets' 2 crm ar aging --buckets 30,20
out_empty
err_is <<'EOF'
crm: ar aging: buckets '30,20' are not 1 to 12 ascending day counts such as 30,60,90,180
EOF
try 'a zero edge' 2 crm ar aging --buckets 0,30
err_is <<'EOF'
crm: ar aging: buckets '0,30' are not 1 to 12 ascending day counts such as 30,60,90,180
EOF
try 'a trailing comma' 2 crm ar aging --buckets 30,
try 'not a number' 2 crm ar aging --buckets 30,sixty
try 'empty --buckets' 2 crm ar aging --buckets ''
try 'too many edges' 2 crm ar aging --buckets 1,2,3,4,5,6,7,8,9,10,11,12,13
try 'twelve are fine' 0 crm ar aging --buckets 1,2,3,4,5,6,7,8,9,10,11,12 --columns code,over_12
try 'a huge edge' 2 crm ar aging --buckets 36501
try 'a bad --by' 2 crm ar aging --by week
out_empty
err_is <<'EOF'
crm: ar aging: unknown --by 'week' (due, issue)
EOF
try 'a bad --min' 2 crm ar aging --min lots
err_is <<'EOF'
crm: ar aging: --min 'lots' is not an amount
EOF
try 'too many decimals for --min' 2 crm ar aging --min 1.001
try 'an unknown customer' 3 crm ar aging --customer C00099
out_empty
err_is <<'EOF'
crm: ar aging: no customer 'C00099'
EOF
try 'an unknown column' 2 crm ar aging --columns code,overdue
out_empty
try 'an argument' 2 crm ar aging C00001
out_empty
try 'an unknown option' 2 crm ar aging --bucketz 30
out_empty
try '--help' 0 crm ar aging --help
sql_is 'SELECT count(*) FROM audit' <<EOF
$audit
EOF

done_testing
