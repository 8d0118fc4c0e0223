#!/bin/sh
# crm ar receipt, apply, reverse, writeoff, refund, receipts, receipt import;
# credit notes settling their invoice; invoice statuses partly-paid and paid;
# void refused while receipts settle an invoice; credit exposure less
# unapplied credit.  Amounts are worked out by hand in the comments.
. "$(dirname "$0")/lib.sh"

# unchanged R A N: as many receipts, allocations and audit rows as before.
unchanged() {
	sql_is 'SELECT count(*) FROM receipt; SELECT count(*) FROM allocation; SELECT count(*) FROM audit' <<EOF
$1
$2
$3
EOF
}

# invoice CUSTOMER DATE QTY: a draft of QTY widgets at 100.00, issued on DATE
# (due 30 days later).
invoice() {
	id=$(crm invoice new "$1" | cut -d' ' -f2)
	crm invoice line add "$id" --product W-1 --qty "$3" >/dev/null 2>&1
	crm invoice issue "$id" --date "$2" >/dev/null
}

try 'a customer' 0 crm customer add 'Acme Trading' --credit-limit 1000
try 'another' 0 crm customer add 'Birch Ltd'
try 'a product' 0 crm product add W-1 Widget --price 100
invoice C00001 2026-08-01 1   # INV-2026-00001 100.00 due 2026-08-31
invoice C00001 2026-09-15 2   # INV-2026-00002 200.00 due 2026-10-15
invoice C00001 2026-10-20 3   # INV-2026-00003 300.00 due 2026-11-19
invoice C00002 2026-11-01 0.5 # INV-2026-00004  50.00 due 2026-12-01
audit0=$(sqlite3 "$CRM_DB" 'SELECT count(*) FROM audit')

# ---- a receipt settles the oldest due first ----
try 'a cheque of 150.00' 0 crm ar receipt C00001 150 --date 2026-11-01 --method cheque \
	--ref CHQ-1 --clerk bob
out_is <<'EOF'
RC-2026-00001
EOF
# 100.00 pays INV-1 in full, the other 50.00 goes to INV-2 (200.00 → 150.00 open)
err_is <<'EOF'
RC-2026-00001: settled INV-2026-00001 100.00 (paid), INV-2026-00002 50.00 (150.00 open); unapplied 0.00
EOF
sql_is 'SELECT number, kind, customer_id, date, amount, method, ref, clerk, applied, ifnull(cleared, "-") FROM receipt' <<'EOF'
RC-2026-00001|receipt|1|2026-11-01|15000|cheque|CHQ-1|bob|15000|2026-11-01
EOF
sql_is 'SELECT invoice_id, receipt_id, date, amount, ifnull(ended, "-") FROM allocation ORDER BY id' <<'EOF'
1|1|2026-11-01|10000|-
2|1|2026-11-01|5000|-
EOF
sql_is 'SELECT number, settled, ifnull(cleared, "-") FROM doc ORDER BY id' <<'EOF'
INV-2026-00001|10000|2026-11-01
INV-2026-00002|5000|-
INV-2026-00003|0|-
INV-2026-00004|0|-
EOF
try 'invoice statuses' 0 crm invoice list --format table
out_is <<'EOF'
NUMBER          KIND     CUSTOMER  NAME          DATE        DUE         STATUS    TOTAL    OPEN
INV-2026-00001  invoice  C00001    Acme Trading  2026-08-01  2026-08-31  paid     100.00    0.00
INV-2026-00002  invoice  C00001    Acme Trading  2026-09-15  2026-10-15  overdue  200.00  150.00
INV-2026-00003  invoice  C00001    Acme Trading  2026-10-20  2026-11-19  overdue  300.00  300.00
INV-2026-00004  invoice  C00002    Birch Ltd     2026-11-01  2026-12-01  issued    50.00   50.00
EOF
try 'list --status paid' 0 crm invoice list --status paid --columns number
out_is <<'EOF'
number
INV-2026-00001
EOF
try 'list --status open' 0 crm invoice list --status open --columns number,status,open
out_is <<'EOF'
number,status,open
INV-2026-00002,overdue,150.00
INV-2026-00003,overdue,300.00
INV-2026-00004,issued,50.00
EOF
try 'list --status nonsense' 4 crm invoice list --status unpaid
err_is <<'EOF'
crm: invoice list: unknown status 'unpaid' (draft, issued, partly-paid, paid, overdue, open, void, all)
EOF

# ---- --apply names the invoices; the rest is unapplied credit ----
try 'a receipt applied by hand' 0 crm ar receipt C00001 100 --apply INV-2026-00003=60
out_is <<'EOF'
RC-2026-00002
EOF
err_is <<'EOF'
RC-2026-00002: settled INV-2026-00003 60.00 (240.00 open); unapplied 40.00
EOF
try '-q keeps quiet' 0 crm -q ar receipt C00002 20
err_empty
# INV-4: 50.00 - 20.00 = 30.00 open, not due yet
try 'partly paid' 0 crm invoice list --customer C00002 --columns number,status,open
out_is <<'EOF'
number,status,open
INV-2026-00004,partly-paid,30.00
EOF
audit1=$(sqlite3 "$CRM_DB" 'SELECT count(*) FROM audit')

# ---- bad input: nothing written, not even a number taken ----
try 'more than is open' 4 crm ar receipt C00001 500 --apply INV-2026-00002=151
err_is <<'EOF'
crm: ar receipt: cannot apply 151.00 to invoice INV-2026-00002: 150.00 is open
EOF
try 'more than the receipt' 4 crm ar receipt C00001 10 --apply INV-2026-00002=20
err_is <<'EOF'
crm: ar receipt: cannot apply 20.00 to invoice INV-2026-00002: only 10.00 is left to apply
EOF
try 'another customer'"'"'s invoice' 4 crm ar receipt C00001 10 --apply INV-2026-00004=10
err_is <<'EOF'
crm: ar receipt: invoice INV-2026-00004 is not C00001's
EOF
try 'an unknown invoice' 3 crm ar receipt C00001 10 --apply INV-9=1
err_is <<'EOF'
crm: ar receipt: no invoice 'INV-9'
EOF
try 'an invoice twice' 4 crm ar receipt C00001 10 --apply INV-2026-00002=1 --apply INV-2026-00002=1
err_is <<'EOF'
crm: ar receipt: invoice INV-2026-00002 is given twice
EOF
try 'not INVOICE=AMOUNT' 4 crm ar receipt C00001 10 --apply INV-2026-00002
err_is <<'EOF'
crm: ar receipt: 'INV-2026-00002' is not INVOICE=AMOUNT
EOF
try 'a bad applied amount' 4 crm ar receipt C00001 10 --apply INV-2026-00002=0
err_is <<'EOF'
crm: ar receipt: '0' is not an amount greater than 0 (in 'INV-2026-00002=0')
EOF
try 'a negative amount' 4 crm ar receipt C00001 -- -5
err_is <<'EOF'
crm: ar receipt: amount '-5' is not an amount greater than 0
EOF
try 'a zero amount' 4 crm ar receipt C00001 0
err_is <<'EOF'
crm: ar receipt: amount '0' is not an amount greater than 0
EOF
try 'too many decimals' 4 crm ar receipt C00001 1.234
err_is <<'EOF'
crm: ar receipt: amount '1.234' is not an amount greater than 0
EOF
try 'a date in the future' 4 crm ar receipt C00001 10 --date 2026-12-01
err_is <<'EOF'
crm: ar receipt: date 2026-12-01 is in the future
EOF
try 'not a date' 4 crm ar receipt C00001 10 --date 2026-02-30
err_is <<'EOF'
crm: ar receipt: date '2026-02-30' is not a date
EOF
try 'an unknown method' 4 crm ar receipt C00001 10 --method bitcoin
err_is <<'EOF'
crm: ar receipt: unknown method 'bitcoin' (cash, transfer, card, cheque, other)
EOF
try 'an unknown customer' 3 crm ar receipt C00099 10
err_is <<'EOF'
crm: ar receipt: no customer 'C00099'
EOF
try '--unapplied with --apply' 2 crm ar receipt C00001 10 --unapplied --apply INV-2026-00002=1
err_is <<'EOF'
crm: ar receipt: --unapplied and --apply do not go together
EOF
try 'no amount' 2 crm ar receipt C00001
unchanged 3 4 "$audit1"
sql_is "SELECT last FROM number_series WHERE series = 'receipt'" <<'EOF'
3
EOF

# ---- apply: unapplied credit settles the oldest due later ----
# RC-2's 40.00 left goes to INV-2 (due 2026-10-15): 150.00 → 110.00
try 'apply' 0 crm ar apply C00001
out_empty
err_is <<'EOF'
C00001: settled INV-2026-00002 40.00 (110.00 open); unapplied 0.00
EOF
sql_is 'SELECT invoice_id, receipt_id, date, amount FROM allocation ORDER BY id DESC LIMIT 1' <<'EOF'
2|2|2026-11-22|4000
EOF
try 'apply without credit' 4 crm ar apply C00001
err_is <<'EOF'
crm: ar apply: C00001 has no unapplied credit
EOF
try 'a deposit kept as credit' 0 crm ar receipt C00001 30 --unapplied --method cash
out_is <<'EOF'
RC-2026-00004
EOF
err_is <<'EOF'
RC-2026-00004: settled nothing; unapplied 30.00
EOF
try 'apply more than the credit' 4 crm ar apply C00001 INV-2026-00003=50
err_is <<'EOF'
crm: ar apply: cannot apply 50.00 to invoice INV-2026-00003: only 30.00 is left to apply
EOF
try 'apply it by hand' 0 crm ar apply C00001 INV-2026-00003=30 --date 2026-11-21
err_is <<'EOF'
C00001: settled INV-2026-00003 30.00 (210.00 open); unapplied 0.00
EOF

# ---- a credit note settles its invoice ----
# one widget of INV-3 credited: 100.00; 210.00 → 110.00 open
try 'a credit note' 0 crm invoice credit INV-2026-00003 --line 1=1
sql_is "SELECT invoice_id, credit_id, date, amount FROM allocation WHERE credit_id IS NOT NULL" <<'EOF'
3|5|2026-11-22|10000
EOF
try 'open after the credit note' 0 crm invoice list --columns number,status,open --status open
out_is <<'EOF'
number,status,open
INV-2026-00002,overdue,110.00
INV-2026-00003,overdue,110.00
INV-2026-00004,partly-paid,30.00
EOF

# ---- refunds ----
# Birch pays 80.00: 30.00 settles INV-4, 50.00 is credit
try 'Birch overpays' 0 crm ar receipt C00002 80
out_is <<'EOF'
RC-2026-00005
EOF
err_is <<'EOF'
RC-2026-00005: settled INV-2026-00004 30.00 (paid); unapplied 50.00
EOF
try 'refund more than the credit' 4 crm ar refund C00002 60
err_is <<'EOF'
crm: ar refund: cannot refund 60.00: C00002 has 50.00 of unapplied credit
EOF
try 'refund without credit' 4 crm ar refund C00001 1
err_is <<'EOF'
crm: ar refund: C00001 has no unapplied credit
EOF
try 'a refund' 0 crm ar refund C00002 50 --ref 'back to the bank'
out_is <<'EOF'
RF-2026-00001
EOF
sql_is "SELECT refund_id, receipt_id, amount FROM allocation WHERE refund_id IS NOT NULL" <<'EOF'
6|5|5000
EOF

# ---- reversal ----
try 'reverse a receipt that paid a refund' 4 crm ar reverse RC-2026-00005 --reason bounced
err_is <<'EOF'
crm: ar reverse: receipt RC-2026-00005 paid refund RF-2026-00001; reverse the refund first
EOF
try 'reverse without a reason' 2 crm ar reverse RF-2026-00001
try 'reverse before its date' 4 crm ar reverse RF-2026-00001 --reason x --date 2026-11-01
err_is <<'EOF'
crm: ar reverse: cannot reverse refund RF-2026-00001 on 2026-11-01, before its date 2026-11-22
EOF
try 'reverse the refund' 0 crm ar reverse RF-2026-00001 --reason 'returned by the bank'
out_empty
try 'then the receipt' 0 crm ar reverse RC-2026-00005 --reason bounced
try 'twice' 4 crm ar reverse RC-2026-00005 --reason again
err_is <<'EOF'
crm: ar reverse: receipt RC-2026-00005 is reversed already
EOF
try 'an unknown receipt' 3 crm ar reverse RC-9 --reason x
err_is <<'EOF'
crm: ar reverse: no receipt 'RC-9'
EOF
# its allocations end today; INV-4 is back to 50.00 - 20.00 = 30.00 open
sql_is "SELECT id, ifnull(ended, '-') FROM allocation WHERE receipt_id = 5 OR refund_id = 6 ORDER BY id" <<'EOF'
8|2026-11-22
9|2026-11-22
EOF
sql_is "SELECT number, applied, ifnull(cleared, '-'), reversed, reason FROM receipt WHERE id >= 5" <<'EOF'
RC-2026-00005|0|2026-11-22|2026-11-22|bounced
RF-2026-00001|0|2026-11-22|2026-11-22|returned by the bank
EOF
try 'INV-4 open again' 0 crm invoice list --customer C00002 --columns number,status,open
out_is <<'EOF'
number,status,open
INV-2026-00004,partly-paid,30.00
EOF
sql_is "SELECT action, old, new FROM audit WHERE entity = 'receipt' AND action = 'update'" <<'EOF'
update|{"reversed":null,"reason":null}|{"reversed":"2026-11-22","reason":"bounced"}
EOF

# ---- write-offs ----
try 'too much to write off' 4 crm ar writeoff INV-2026-00002
err_is <<'EOF'
crm: ar writeoff: invoice INV-2026-00002 has 110.00 open, more than ar.writeoff_limit 5.00 (--force to write it off)
EOF
try 'pay all but 3.00' 0 crm ar receipt C00001 107 --apply INV-2026-00002=107
try 'write off the rest' 0 crm ar writeoff INV-2026-00002 --reason 'bank charges'
out_is <<'EOF'
3.00
EOF
sql_is "SELECT invoice_id, ifnull(receipt_id, '-'), ifnull(credit_id, '-'), amount, reason FROM allocation ORDER BY id DESC LIMIT 1" <<'EOF'
2|-|-|300|bank charges
EOF
try 'nothing left' 4 crm ar writeoff INV-2026-00002
err_is <<'EOF'
crm: ar writeoff: invoice INV-2026-00002 has nothing open
EOF
try 'a larger one with --force' 0 crm ar writeoff INV-2026-00003 --force
out_is <<'EOF'
110.00
EOF
try 'an unknown invoice' 3 crm ar writeoff 999
err_is <<'EOF'
crm: ar writeoff: no invoice '999'
EOF
draft=$(crm invoice new C00002 | cut -d' ' -f2)
try 'a draft' 4 crm ar writeoff "$draft"
err_is <<EOF
crm: ar writeoff: invoice $draft is draft, not issued
EOF
crm invoice rm "$draft"

# ---- void ----
try 'void a paid invoice' 4 crm invoice void INV-2026-00001 --reason mistake
err_is <<'EOF'
crm: invoice void: invoice INV-2026-00001 is settled in part by RC-2026-00001; reverse the receipts or credit it instead
EOF
# a void credit note never counted: INV-3 loses its 100.00 and is open again
try 'void the credit note' 0 crm invoice void CN-2026-00001 --reason 'wrong line'
sql_is "SELECT count(*) FROM allocation WHERE credit_id IS NOT NULL; SELECT settled FROM doc WHERE number = 'INV-2026-00003'" <<'EOF'
0
20000
EOF

# ---- exposure: open invoices less unapplied credit ----
# C00001: INV-3 has 300.00 - 200.00 settled = 100.00 open; a deposit of 950.00
# leaves 850.00 credit after settling it, so exposure is -850.00 and an
# invoice of 1,500.00 stays under the limit of 1,000.00 (650.00)
try 'a deposit' 0 crm -q ar receipt C00001 950
invoice C00001 2026-11-22 15
sql_is "SELECT number, status FROM doc WHERE total = 150000" <<'EOF'
INV-2026-00005|issued
EOF

# ---- receipts ----
try 'receipts' 0 crm ar receipts --format table
out_is <<'EOF'
NUMBER         KIND     DATE        CUSTOMER  NAME          AMOUNT  UNAPPLIED  METHOD    STATUS
RC-2026-00001  receipt  2026-11-01  C00001    Acme Trading  150.00       0.00  cheque    posted
RC-2026-00002  receipt  2026-11-22  C00001    Acme Trading  100.00       0.00  transfer  posted
RC-2026-00003  receipt  2026-11-22  C00002    Birch Ltd      20.00       0.00  transfer  posted
RC-2026-00004  receipt  2026-11-22  C00001    Acme Trading   30.00       0.00  cash      posted
RC-2026-00005  receipt  2026-11-22  C00002    Birch Ltd      80.00       0.00  transfer  reversed
RF-2026-00001  refund   2026-11-22  C00002    Birch Ltd      50.00       0.00  transfer  reversed
RC-2026-00006  receipt  2026-11-22  C00001    Acme Trading  107.00       0.00  transfer  posted
RC-2026-00007  receipt  2026-11-22  C00001    Acme Trading  950.00     850.00  transfer  posted
EOF
try 'receipts as csv, one customer, one method' 0 crm ar receipts --customer C00001 --method cheque
out_is <<'EOF'
number,kind,date,customer,name,amount,applied,unapplied,method,ref,clerk,status
RC-2026-00001,receipt,2026-11-01,C00001,Acme Trading,150.00,150.00,0.00,cheque,CHQ-1,bob,posted
EOF
try 'receipts --from --to' 0 crm ar receipts --from 2026-11-01 --to 2026-11-01 --columns number
out_is <<'EOF'
number
RC-2026-00001
EOF
try 'refunds' 0 crm ar receipts --kind refund --columns number,status
out_is <<'EOF'
number,status
RF-2026-00001,reversed
EOF
# standing receipts: cheque 150.00; cash 30.00; transfer 100 + 20 + 107 + 950 = 1177.00
# (RC-5 is reversed), average 1177 / 4 = 294.25
try 'by method' 0 crm ar receipts --by method --format table
out_is <<'EOF'
METHOD    COUNT   AMOUNT  AVERAGE  LARGEST
cash          1    30.00    30.00    30.00
cheque        1   150.00   150.00   150.00
transfer      4  1177.00   294.25   950.00
EOF
try 'by clerk as json' 0 crm ar receipts --by clerk --format json
out_is <<'EOF'
[
{"clerk":"ann","count":5,"amount":1207.00,"average":241.40,"largest":950.00},
{"clerk":"bob","count":1,"amount":150.00,"average":150.00,"largest":150.00}
]
EOF
try 'by month' 0 crm ar receipts --by month
out_is <<'EOF'
month,count,amount,average,largest
2026-11,6,1357.00,226.17,950.00
EOF
try 'by nonsense' 4 crm ar receipts --by weekday
err_is <<'EOF'
crm: ar receipts: cannot total by 'weekday' (method, clerk, year, month)
EOF
out_empty
try 'a bad kind' 4 crm ar receipts --kind cheque
err_is <<'EOF'
crm: ar receipts: unknown kind 'cheque' (receipt, refund, all)
EOF
try 'a bad date' 4 crm ar receipts --from yesterdayish
err_is <<'EOF'
crm: ar receipts: --from 'yesterdayish' is not a date
EOF

# ---- import from a bank statement ----
count0=$(sqlite3 "$CRM_DB" 'SELECT count(*) FROM receipt; SELECT count(*) FROM allocation; SELECT count(*) FROM audit' | tr '\n' ' ')
cat >bank.csv <<'EOF'
date,amount,reference,balance
2026-11-20,25.00,"Payment inv-2026-00004, thank you",1000.00
2026-11-21,40.00,C00002 deposit,1040.00
2026-11-21,99.00,lunch money,1139.00
2026-11-21,-12.00,bank fee,1127.00
EOF
try 'unmatched rows stop the import' 4 crm ar receipt import --from bank.csv
err_is <<'EOF'
crm: ar receipt import: line 4: reference 'lunch money' names no invoice or customer
crm: ar receipt import: line 5: amount -12.00 is not a receipt
crm: ar receipt import: 2 of 4 rows match no invoice or customer; nothing imported (--skip-unmatched imports the others)
EOF
sql_is 'SELECT count(*) FROM receipt; SELECT count(*) FROM allocation; SELECT count(*) FROM audit' <<EOF
$(echo $count0 | tr ' ' '\n')
EOF
try 'a dry run' 0 crm ar receipt import --from bank.csv --skip-unmatched --dry-run
sql_is 'SELECT count(*) FROM receipt' <<'EOF'
8
EOF
# INV-4 has 30.00 open: 25.00 settles it in part; Birch's 40.00 settles the
# other 5.00 and leaves 35.00 credit
try 'skip the unmatched' 0 crm ar receipt import --from bank.csv --skip-unmatched
err_is <<'EOF'
crm: ar receipt import: line 4: reference 'lunch money' names no invoice or customer
crm: ar receipt import: line 5: amount -12.00 is not a receipt
imported 2 receipts, 65.00 in all: 2 invoices settled, 35.00 unapplied; unmatched rows skipped
EOF
sql_is "SELECT number, date, amount, applied FROM receipt WHERE id > 8" <<'EOF'
RC-2026-00008|2026-11-20|2500|2500
RC-2026-00009|2026-11-21|4000|500
EOF
cat >bad.csv <<'EOF'
date,amount,invoice
2026-11-20,10.00,INV-2026-00002
21/11/2026,10.00,INV-2026-00002
EOF
try 'a bad date' 4 crm ar receipt import --from bad.csv
err_is <<'EOF'
crm: ar receipt import: line 3, column date: not a date (YYYY-MM-DD)
EOF
printf 'date,amount,invoice,customer\n2026-11-20,10.00,INV-2026-00002,C00002\n' >clash.csv
try 'invoice and customer disagree' 4 crm ar receipt import --from clash.csv
err_is <<'EOF'
crm: ar receipt import: line 2: invoice 'INV-2026-00002' is not customer 'C00002''s
crm: ar receipt import: 1 of 1 rows match no invoice or customer; nothing imported (--skip-unmatched imports the others)
EOF
# a paid invoice's receipt stays credit
printf '{"date":"2026-11-21","amount":"12.50","invoice":"INV-2026-00001","method":"card"}\n' >paid.ndjson
try 'ndjson, a paid invoice' 0 crm ar receipt import --from paid.ndjson
err_is <<'EOF'
imported 1 receipt, 12.50 in all: 0 invoices settled, 12.50 unapplied
EOF
sql_is "SELECT number, method, applied FROM receipt ORDER BY id DESC LIMIT 1" <<'EOF'
RC-2026-00010|card|0
EOF

# ---- the whole store stays consistent with the views ----
sql_is 'SELECT count(*) FROM doc d JOIN doc_settlement s ON s.id = d.id WHERE d.settled IS NOT s.settled OR d.cleared IS NOT s.cleared; SELECT count(*) FROM receipt r JOIN receipt_settlement s ON s.id = r.id WHERE r.applied IS NOT s.applied OR r.cleared IS NOT s.cleared' <<'EOF'
0
0
EOF
try 'db check' 0 crm db check
done_testing
