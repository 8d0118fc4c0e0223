#!/bin/sh
# crm report commission: the invoiced and the paid basis, month bounds,
# credit notes, void invoices, reversals in the same and in a later month,
# reps with and without a rate, customers without an owner, the total row,
# --rep, the formats, bad input.
#
# Every figure was worked out by hand as the comments show: net =
# subtotal - discount (no tax); a paid share = amount x net / total; the
# commission = base x rate / 10000 (rate in hundredths of a percent); all
# rounded half away from zero, in cents.
. "$(dirname "$0")/lib.sh"

# at DAY CMD...: runs CMD with the clock at DAY, 10:00.
at() { _at=$1; shift; CRM_TODAY=$_at CRM_NOW=${_at}T10:00:00 "$@"; }
# q CMD...: a set-up step; only its failure is reported.
q() { "$@" >"$T/qout" 2>&1 || report 1 "set-up: $*" "$T/qout"; }
# invoice DAY CUSTOMER QTY PRICE TAX [DISCOUNT]: a one-line invoice issued on DAY.
n_draft=0
invoice() {
	n_draft=$((n_draft + 1))
	q at "$1" crm invoice new "$2"
	q at "$1" crm invoice line add "$n_draft" --text Goods --qty "$3" --price "$4" \
		--tax-rate "$5" ${6:+--discount "$6"}
	q at "$1" crm invoice issue "$n_draft" --date "$1"
}

# ---- nothing yet ----

try 'no reps, no sales' 0 crm report commission
out_is <<'EOF'
rep,basis,base,rate,commission
EOF
try 'no reps, no sales, table: the total only' 0 crm report commission --format table
out_is <<'EOF'
REP    BASIS     BASE  RATE  COMMISSION
total  invoiced  0.00              0.00
EOF

# ---- the fixture ----

q crm config set rep.ann.commission 5
q crm config set rep.bob.commission 7.5%
q at 2026-10-01 crm customer add 'Acme Trading' --owner ann # C00001
q at 2026-10-01 crm customer add 'Birch Ltd' --owner bob    # C00002
q at 2026-10-01 crm customer add 'Cedar GmbH' --owner carol # C00003, carol has no rate
q at 2026-10-01 crm customer add 'Dune Leads'               # C00004, no owner

# INV-2026-00001 Acme  10-30: 10 x 20.00 = 200.00 net, 20 % tax, 240.00
# INV-2026-00002 Acme  11-02: 3 x 99.99 = 299.97, 10 % off 29.997 -> 30.00,
#                net 269.97, 19 % tax 51.2943 -> 51.29, total 321.26
# INV-2026-00003 Birch 11-05: 1000.00
# INV-2026-00004 Cedar 11-10: 2 x 45.50 = 91.00
# INV-2026-00005 Dune  11-11: 50.00
# INV-2026-00006 Acme  11-15: 500.00, voided: it never counts
# INV-2026-00007 Birch 12-01: 100.20 net, 10 % tax, 110.22
invoice 2026-10-30 C00001 10 20.00 20
invoice 2026-11-02 C00001 3 99.99 19 10
invoice 2026-11-05 C00002 1 1000.00 0
invoice 2026-11-10 C00003 2 45.50 0
invoice 2026-11-11 C00004 1 50.00 0
invoice 2026-11-15 C00001 1 500.00 0
q at 2026-11-16 crm invoice void INV-2026-00006 --reason 'wrong customer'
invoice 2026-12-01 C00002 1 100.20 10
# a draft is not issued: it never counts
q at 2026-11-16 crm invoice new C00001
q at 2026-11-16 crm invoice line add 8 --text Goods --qty 1 --price 700
# CN-2026-00001 on 11-20 credits a quarter of INV-2026-00003: 250.00
q at 2026-11-20 crm invoice credit INV-2026-00003 --line 1=0.25

try 'the documents' 0 sqlite3 "$CRM_DB" "SELECT number, date, subtotal, discount, tax, total,
	status FROM doc WHERE number IS NOT NULL ORDER BY id"
out_is <<'EOF'
INV-2026-00001|2026-10-30|20000|0|4000|24000|issued
INV-2026-00002|2026-11-02|29997|3000|5129|32126|issued
INV-2026-00003|2026-11-05|100000|0|0|100000|issued
INV-2026-00004|2026-11-10|9100|0|0|9100|issued
INV-2026-00005|2026-11-11|5000|0|0|5000|issued
INV-2026-00006|2026-11-15|50000|0|0|50000|void
INV-2026-00007|2026-12-01|10020|0|1002|11022|issued
CN-2026-00001|2026-11-20|25000|0|0|25000|issued
EOF

# receipts:
# RC-2026-00001 Acme  10-31 120.00 on INV-2026-00001, reversed on 11-04
# RC-2026-00002 Birch 11-06 500.00 on INV-2026-00003, reversed on 11-18
# RC-2026-00003 Acme  11-12 240.00 on INV-2026-00001
# RC-2026-00004 Acme  11-12 100.00 on INV-2026-00002
# RC-2026-00005 Cedar 11-15  91.00 on INV-2026-00004
# RC-2026-00006 Birch 11-19 300.00 on INV-2026-00003
# RC-2026-00007 Birch 11-21  30.00 unapplied: no invoice, no commission
# RC-2026-00008 Dune  12-01  50.00 on INV-2026-00005
q at 2026-10-31 crm ar receipt C00001 120.00 --apply INV-2026-00001=120.00
q at 2026-11-04 crm ar reverse RC-2026-00001 --reason bounced
q at 2026-11-06 crm ar receipt C00002 500.00 --apply INV-2026-00003=500.00
q at 2026-11-12 crm ar receipt C00001 240.00 --apply INV-2026-00001=240.00
q at 2026-11-12 crm ar receipt C00001 100.00 --apply INV-2026-00002=100.00
q at 2026-11-15 crm ar receipt C00003 91.00 --apply INV-2026-00004=91.00
q at 2026-11-18 crm ar reverse RC-2026-00002 --reason 'charged back'
q at 2026-11-19 crm ar receipt C00002 300.00 --apply INV-2026-00003=300.00
q at 2026-11-21 crm ar receipt C00002 30.00 --unapplied
q at 2026-12-01 crm ar receipt C00004 50.00 --apply INV-2026-00005=50.00

sqlite3 "$CRM_DB" 'SELECT count(*) FROM audit' >"$T/audit-before"

# ---- invoiced ----

# November: ann INV-2026-00002 269.97 (00001 is October's, 00006 void),
#   5 %: 26997 x 500 / 10000 = 1349.85 -> 13.50;
# bob INV-2026-00003 1000.00 - CN-2026-00001 250.00 = 750.00 (00007 is
#   December's), 7.5 %: 75000 x 750 / 10000 = 5625 -> 56.25;
# carol INV-2026-00004 91.00, no rate: 0.00;
# no owner: INV-2026-00005 50.00, last;
# total 269.97 + 750.00 + 91.00 + 50.00 = 1160.97, 13.50 + 56.25 = 69.75
try 'invoiced, November' 0 crm report commission --month 2026-11
err_empty
out_is <<'EOF'
rep,basis,base,rate,commission
ann,invoiced,269.97,5,13.50
bob,invoiced,750.00,7.5,56.25
carol,invoiced,91.00,,0.00
,invoiced,50.00,,0.00
EOF
try 'the current month by default' 0 crm report commission --basis invoiced
out_is <<'EOF'
rep,basis,base,rate,commission
ann,invoiced,269.97,5,13.50
bob,invoiced,750.00,7.5,56.25
carol,invoiced,91.00,,0.00
,invoiced,50.00,,0.00
EOF
try 'invoiced, November, table' 0 crm report commission --format table
out_is <<'EOF'
REP    BASIS        BASE  RATE  COMMISSION
ann    invoiced   269.97     5       13.50
bob    invoiced   750.00   7.5       56.25
carol  invoiced    91.00              0.00
       invoiced    50.00              0.00
total  invoiced  1160.97             69.75
EOF
try 'a table without the total' 0 crm report commission --format table --no-total --rep ann
out_is <<'EOF'
REP  BASIS       BASE  RATE  COMMISSION
ann  invoiced  269.97     5       13.50
EOF
try 'csv with the total' 0 crm report commission --total --no-header
out_is <<'EOF'
ann,invoiced,269.97,5,13.50
bob,invoiced,750.00,7.5,56.25
carol,invoiced,91.00,,0.00
,invoiced,50.00,,0.00
total,invoiced,1160.97,,69.75
EOF
# October: ann INV-2026-00001 200.00, 5 % = 10.00; bob has a rate and no
# sales: a row of 0.00; carol has neither
try 'invoiced, October' 0 crm report commission --month 2026-10 --no-header
out_is <<'EOF'
ann,invoiced,200.00,5,10.00
bob,invoiced,0.00,7.5,0.00
EOF
# December: bob INV-2026-00007 100.20 net, 7.5 %: 10020 x 750 / 10000 =
# 751.5 -> 7.52 (half away from zero)
try 'invoiced, December' 0 at 2026-12-31 crm report commission --no-header
out_is <<'EOF'
ann,invoiced,0.00,5,0.00
bob,invoiced,100.20,7.5,7.52
EOF
try 'json' 0 crm report commission --rep bob --format json
out_is <<'EOF'
[
{"rep":"bob","basis":"invoiced","base":750.00,"rate":7.5,"commission":56.25}
]
EOF
try 'a rep without anything' 0 crm report commission --rep dave --no-header
out_is <<'EOF'
dave,invoiced,0.00,,0.00
EOF

# ---- paid ----

# November, per allocation of a receipt, amount x net / total:
# ann  - RC-2026-00001's 120.00 on INV-2026-00001 ended on 11-04:
#        120.00 x 200.00 / 240.00 = 100.00 taken back
#      + RC-2026-00003 240.00 on INV-2026-00001: 240 x 200 / 240 = 200.00
#      + RC-2026-00004 100.00 on INV-2026-00002: 10000 x 26997 / 32126 =
#        8403.47 -> 84.03
#      = 184.03; 5 %: 18403 x 500 / 10000 = 920.15 -> 9.20
# bob  + RC-2026-00002 500.00, reversed in the same month: 0
#      + RC-2026-00006 300.00 on INV-2026-00003 (net = total) = 300.00
#      (the credit note's 250.00 is no receipt; RC-2026-00007 is unapplied)
#      = 300.00; 7.5 %: 30000 x 750 / 10000 = 2250 -> 22.50
# carol  RC-2026-00005 91.00, no rate
# no owner: Dune paid in December
# total 184.03 + 300.00 + 91.00 = 575.03; 9.20 + 22.50 = 31.70
try 'paid, November' 0 crm report commission --basis paid --total
err_empty
out_is <<'EOF'
rep,basis,base,rate,commission
ann,paid,184.03,5,9.20
bob,paid,300.00,7.5,22.50
carol,paid,91.00,,0.00
total,paid,575.03,,31.70
EOF
# October: RC-2026-00001 stood at the end of October (it was reversed in
# November): 100.00 for ann, 5.00; what was paid out stays so
try 'paid, October' 0 crm report commission --basis paid --month 2026-10 --no-header
out_is <<'EOF'
ann,paid,100.00,5,5.00
bob,paid,0.00,7.5,0.00
EOF
# December: Dune's 50.00 (no owner) and nobody's commission
try 'paid, December, table' 0 crm report commission --basis paid --month 2026-12 \
	--format table
out_is <<'EOF'
REP    BASIS   BASE  RATE  COMMISSION
ann    paid    0.00     5        0.00
bob    paid    0.00   7.5        0.00
       paid   50.00              0.00
total  paid   50.00              0.00
EOF
try 'paid, one rep' 0 crm report commission --basis paid --rep ann --columns rep,commission
out_is <<'EOF'
rep,commission
ann,9.20
EOF

# a rate changed later applies to any month reported after the change
q crm config set rep.carol.commission 10
try 'a new rate' 0 crm report commission --basis paid --rep carol --no-header
out_is <<'EOF'
carol,paid,91.00,10,9.10
EOF

# ---- bad input ----

try 'a bad month' 4 crm report commission --month 2026-13
out_empty
err_is <<'EOF'
crm: report commission: '2026-13' is not a month (YYYY-MM)
EOF
try 'a month in another form' 4 crm report commission --month 11/2026
err_is <<'EOF'
crm: report commission: '11/2026' is not a month (YYYY-MM)
EOF
try 'a day is not a month' 4 crm report commission --month 2026-11-01
err_is <<'EOF'
crm: report commission: '2026-11-01' is not a month (YYYY-MM)
EOF
try 'an unknown basis' 2 crm report commission --basis cash
out_empty
err_is <<'EOF'
crm: report commission: unknown --basis 'cash' (invoiced, paid)
EOF
try 'an argument' 2 crm report commission ann
out_empty
try 'an unknown column' 2 crm report commission --columns rep,bonus
out_empty
err_is <<'EOF'
crm: report commission: unknown column 'bonus' (columns: rep, basis, base, rate, commission)
EOF
try 'a bad rate cannot be set' 4 crm config set rep.bob.commission 'ten'
err_is <<'EOF'
crm: config set: rep.bob.commission: 'ten' is not a percentage (0-100, such as 8.5%)
EOF
try '--help' 0 crm report commission --help
err_empty
out_is <<'EOF'
usage: crm report commission [--month YYYY-MM] [--basis invoiced|paid] [--rep REP]
                      [--total | --no-total]
Each rep's commission for a month (default the current one): the base is the
net of invoices issued less credit notes (invoiced, the default) or the net
part of receipts applied less reversals (paid), times config rep.REP.commission.
Tables end with a total row, other formats only with --total.
EOF
# the report writes nothing (carol's rate above wrote one audit row)
try 'the audit log' 0 sqlite3 "$CRM_DB" 'SELECT count(*) - 1 FROM audit'
out_is <"$T/audit-before"

done_testing
