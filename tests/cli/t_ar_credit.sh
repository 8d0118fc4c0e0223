#!/bin/sh
# crm ar credit (exposure over the credit limit), crm ar concentration
# (shares, cumulative shares, the 80/20 line, --top, --as-of) and what
# customer show says of the account (balance, overdue, ageing, the last
# receipts).  Figures are computed by hand in the comments.
. "$(dirname "$0")/lib.sh"

# inv CUSTOMER DATE PRICE [--force]: a free invoice of one line (qty 1, no
# tax) issued on DATE, due 30 days later.
inv() {
	id=$(crm invoice new "$1" | sed 's/^draft //')
	crm invoice line add "$id" --text Work --qty 1 --price "$3" >/dev/null
	crm invoice issue "$id" --date "$2" ${4:-} >/dev/null 2>&1
}

crm customer add Acme --owner bob --credit-limit 1000 >/dev/null  # C00001
crm customer add Birch --owner carol --credit-limit 500 >/dev/null # C00002
crm customer add Cedar >/dev/null                                 # C00003: no limit
crm customer add Dune --credit-limit 100 >/dev/null               # C00004
crm customer add Elm --owner bob --credit-limit 300 >/dev/null    # C00005
crm customer add Fig >/dev/null                                   # C00006: nothing at all
crm product add W-1 Widget --price 100 >/dev/null

# ---- nothing over its limit: no output at all, exit 0 (cron) ----
try 'nobody over the limit' 0 crm ar credit
out_empty
err_empty
try 'nobody, table' 0 crm ar credit --format table
out_empty

# Acme: a confirmed order of 10 widgets, 1000.00 (just within its limit), a
#   free invoice of 300.00 (2026-10-01, forced over the limit) and 50.00 of
#   unapplied credit (2026-11-05): exposure 1000 + 300 - 50 = 1250.00, 250.00
#   over 1000.00.
# Birch: 700.00 invoiced 2026-09-01 (forced), 100.00 paid 2026-11-01:
#   exposure 600.00, 100.00 over 500.00.
# Cedar: 5000.00 invoiced 2026-11-10, no limit.
# Dune: 500.00 of credit (2026-10-20): exposure -500.00.
# Elm: 300.00 invoiced 2026-10-15: exposure 300.00, its limit exactly: not over.
crm order new C00001 >/dev/null
crm order line add SO-2026-00001 --product W-1 --qty 10 >/dev/null
try 'confirm the order' 0 crm order confirm SO-2026-00001
inv C00001 2026-10-01 300 --force
inv C00002 2026-09-01 700 --force
inv C00003 2026-11-10 5000
inv C00005 2026-10-15 300
try 'Acme pays in advance' 0 crm ar receipt C00001 50 --date 2026-11-05 --unapplied
try 'Birch pays part' 0 crm ar receipt C00002 100 --date 2026-11-01
try 'Dune pays ahead' 0 crm ar receipt C00004 500 --date 2026-10-20
sql_is "SELECT number, customer_id, date, total FROM doc WHERE kind = 'invoice' ORDER BY id" <<'EOF'
INV-2026-00001|1|2026-10-01|30000
INV-2026-00002|2|2026-09-01|70000
INV-2026-00003|3|2026-11-10|500000
INV-2026-00004|5|2026-10-15|30000
EOF

# ---- ar credit ----
try 'over the limit, furthest first' 0 crm ar credit
out_is <<'EOF'
code,name,rep,limit,orders,invoices,credit,exposure,over
C00001,Acme,bob,1000.00,1000.00,300.00,50.00,1250.00,250.00
C00002,Birch,carol,500.00,0.00,600.00,0.00,600.00,100.00
EOF
err_empty
try 'table' 0 crm ar credit --format table
out_is <<'EOF'
CODE    NAME   REP      LIMIT   ORDERS  INVOICES  CREDIT  EXPOSURE    OVER
C00001  Acme   bob    1000.00  1000.00    300.00   50.00   1250.00  250.00
C00002  Birch  carol   500.00     0.00    600.00    0.00    600.00  100.00
EOF
try 'json' 0 crm ar credit --format json --columns code,exposure,over
out_is <<'EOF'
[
{"code":"C00001","exposure":1250.00,"over":250.00},
{"code":"C00002","exposure":600.00,"over":100.00}
]
EOF
# Birch pays 150.00 more (RC-2026-00004): 450.00 open, under its 500.00;
# Acme's limit goes up to 1300.00, above its 1250.00.
try 'Birch pays more' 0 crm ar receipt C00002 150 --date 2026-11-20
try 'a higher limit' 0 crm customer edit C00001 --credit-limit 1300
try 'now nobody' 0 crm ar credit
out_empty
try 'a lower limit' 0 crm customer edit C00005 --credit-limit 299.99
try 'Elm is 0.01 over' 0 crm ar credit --columns code,limit,exposure,over
out_is <<'EOF'
code,limit,exposure,over
C00005,299.99,300.00,0.01
EOF
try 'credit takes no arguments' 2 crm ar credit C00001
out_empty

# ---- ar concentration ----
# Balances today: Cedar 5000.00, Birch 700 - 250 = 450.00, Elm 300.00, Acme
# 300 - 50 = 250.00 (Dune -500.00 and Fig 0 owe nothing).  Total 6000.00.
#   share in tenths of a percent, rounded half away from zero:
#   Cedar 5000 x 1000 / 6000 = 833.33 -> 83.3   cumulative 5000: 83.3
#   Birch  450 x 1000 / 6000 =  75    ->  7.5   cumulative 5450: 908.33 -> 90.8
#   Elm    300 x 1000 / 6000 =  50    ->  5.0   cumulative 5750: 958.33 -> 95.8
#   Acme   250 x 1000 / 6000 =  41.67 ->  4.2   cumulative 6000: 100.0
# pareto: those before Cedar hold 0 < 80 % (yes); before Birch 5000, 83.3 %
# (no), and so on.
try 'concentration' 0 crm ar concentration
out_is <<'EOF'
rank,code,name,balance,share,cumulative,pareto
1,C00003,Cedar,5000.00,83.3,83.3,1
2,C00002,Birch,450.00,7.5,90.8,0
3,C00005,Elm,300.00,5.0,95.8,0
4,C00001,Acme,250.00,4.2,100.0,0
EOF
err_empty
try 'concentration, table with its total' 0 crm ar concentration --format table
out_is <<'EOF'
RANK  CODE    NAME   BALANCE  SHARE  CUMULATIVE  PARETO
   1  C00003  Cedar  5000.00   83.3        83.3  yes
   2  C00002  Birch   450.00    7.5        90.8  no
   3  C00005  Elm     300.00    5.0        95.8  no
   4  C00001  Acme    250.00    4.2       100.0  no
      total          6000.00  100.0
EOF
# --top 2: the other two, 550.00, are 91.67 -> 9.2 %; before them 5450 (90.8 %)
try '--top 2' 0 crm ar concentration --top 2 --format json
out_is <<'EOF'
[
{"rank":1,"code":"C00003","name":"Cedar","balance":5000.00,"share":83.3,"cumulative":83.3,"pareto":true},
{"rank":2,"code":"C00002","name":"Birch","balance":450.00,"share":7.5,"cumulative":90.8,"pareto":false},
{"rank":null,"code":"others","name":"2 customers","balance":550.00,"share":9.2,"cumulative":100.0,"pareto":false}
]
EOF
try '--top 4 leaves no others' 0 crm ar concentration --top 4 --columns code
out_is <<'EOF'
code
C00003
C00002
C00005
C00001
EOF
try '--top 10 --total in csv' 0 crm ar concentration --top 10 --total --columns rank,code,balance,share
out_is <<'EOF'
rank,code,balance,share
1,C00003,5000.00,83.3
2,C00002,450.00,7.5
3,C00005,300.00,5.0
4,C00001,250.00,4.2
,total,6000.00,100.0
EOF
# As of 2026-10-31: Birch 700.00 (both receipts later), Acme 300.00 (its
# credit later), Elm 300.00; Cedar not invoiced yet; Dune -500.00.  Total
# 1300.00.  Acme and Elm tie: by code.
#   Birch 700 x 1000 / 1300 = 538.46 -> 53.8, cumulative 53.8
#   Acme  300 x 1000 / 1300 = 230.77 -> 23.1, cumulative 1000: 769.23 -> 76.9
#   Elm   23.1, cumulative 100.0
# pareto: before Birch 0, before Acme 700 (53.8 %), before Elm 1000
# (76.9 %): all three are needed to reach 80 %.
try 'concentration as of 2026-10-31' 0 crm ar concentration --as-of 2026-10-31
out_is <<'EOF'
rank,code,name,balance,share,cumulative,pareto
1,C00002,Birch,700.00,53.8,53.8,1
2,C00001,Acme,300.00,23.1,76.9,1
3,C00005,Elm,300.00,23.1,100.0,1
EOF
try 'before anything: nothing' 0 crm ar concentration --as-of 2026-08-31 --format table
out_empty
try 'a bad --top' 2 crm ar concentration --top 0
err_is <<'EOF'
crm: ar concentration: --top '0' is not a count
EOF
try 'a bad --as-of' 4 crm ar concentration --as-of 2026-00-01
out_empty

# ---- customer show: balance, overdue, ageing, receipts ----
# Elm today: INV-2026-00004 300.00 due 2026-11-14, 8 days overdue: 1-30
try 'show: something overdue' 0 crm customer show C00005 --format table --columns code,balance,overdue,ageing,receipts
out_is <<'EOF'
code     C00005
balance  300.00
overdue  300.00
ageing   1-30 300.00
EOF
# Acme: INV-2026-00001 300.00 due 2026-10-31 (22 days: 1-30); 50.00 credit:
# balance 250.00
try 'show: with credit' 0 crm customer show C00001 --format json --columns balance,overdue,ageing,receipts
out_is <<'EOF'
{"balance":250.00,"overdue":300.00,"ageing":"1-30 300.00","receipts":[{"number":"RC-2026-00001","date":"2026-11-05","amount":50.00,"method":"transfer","unapplied":50.00,"reversed":null}]}
EOF
# Cedar: 5000.00 due 2026-12-10: not due
try 'show: not due yet' 0 crm customer show C00003 --format csv --columns code,balance,overdue,ageing
out_is <<'EOF'
code,balance,overdue,ageing
C00003,5000.00,0.00,not due 5000.00
EOF
try 'show: nothing at all' 0 crm customer show C00006 --format json --columns balance,overdue,ageing,receipts
out_is <<'EOF'
{"balance":0.00,"overdue":0.00,"ageing":null,"receipts":[]}
EOF
try 'show: nothing at all, table' 0 crm customer show C00006 --format table --columns code,balance,overdue,ageing,receipts
out_is <<'EOF'
code     C00006
balance  0.00
overdue  0.00
EOF
# Dune: RC-2026-00003 500.00 (10-20), then five more (RC-2026-00004 is
# Birch's): the last five, newest first; RC-2026-00007 bounces (reversed:
# nothing of it is credit)
try 'RC5' 0 crm ar receipt C00004 10 --date 2026-11-01 --method cash
try 'RC6' 0 crm ar receipt C00004 20 --date 2026-11-02 --method card
try 'RC7' 0 crm ar receipt C00004 30 --date 2026-11-03 --method cheque
try 'RC8' 0 crm ar receipt C00004 40 --date 2026-11-03
try 'RC9' 0 crm ar receipt C00004 50 --date 2026-11-04 --method other
try 'RC7 bounces' 0 crm ar reverse RC-2026-00007 --reason bounced --date 2026-11-06
# balance: -(500 + 10 + 20 + 40 + 50) = -620.00; nothing open
try 'show: the last five receipts' 0 crm customer show C00004 --format table --columns code,balance,overdue,ageing,receipts
out_is <<'EOF'
code     C00004
balance  -620.00
overdue  0.00

receipts:
NUMBER         DATE        AMOUNT  METHOD    UNAPPLIED  REVERSED
RC-2026-00009  2026-11-04   50.00  other         50.00
RC-2026-00008  2026-11-03   40.00  transfer      40.00
RC-2026-00007  2026-11-03   30.00  cheque         0.00  2026-11-06
RC-2026-00006  2026-11-02   20.00  card          20.00
RC-2026-00005  2026-11-01   10.00  cash          10.00
EOF
# the ageing line follows config ar.buckets and names only what is not zero:
# Birch 450.00 of INV-2026-00002 due 2026-10-01 is 52 days overdue
try 'show: 31-60' 0 crm customer show C00002 --columns ageing
out_is <<'EOF'
ageing
31-60 450.00
EOF
try 'show: overdue for months' 0 env CRM_TODAY=2027-06-01 "$CRM_BIN" customer show C00002 --columns overdue,ageing
out_is <<'EOF'
overdue,ageing
450.00,over 180 450.00
EOF

done_testing
