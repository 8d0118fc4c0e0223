#!/bin/sh
# crm ar statement: the opening balance, every kind of movement (invoice,
# receipt, credit note, refund, reversal of a receipt and of a refund,
# write-off) with the running balance, the closing balance (always the
# balance crm ar aging gives for that day), the default period, every
# format, --print in text and html (rendered and compared whole), pdf
# through $CRM_PDF, --template, --output, and bad input.
. "$(dirname "$0")/lib.sh"

# inv CUSTOMER DATE PRICE...: a free invoice with one line per price (qty 1,
# no tax), issued on DATE; due 30 days later (invoice.terms).
inv() {
	c=$1 d=$2
	shift 2
	id=$(crm invoice new "$c" | sed 's/^draft //')
	for p in "$@"; do
		crm invoice line add "$id" --text Work --qty 1 --price "$p" >/dev/null
	done
	crm invoice issue "$id" --date "$d" >/dev/null
}

# closing_is CUSTOMER FROM TO: the statement's closing balance is the
# balance crm ar aging gives as of TO.
closing_is() {
	crm ar statement "$1" --from "$2" --to "$3" --format csv |
		awk -F, '$2 == "closing" { print $7 }' >"$T/closing"
	crm ar aging --customer "$1" --as-of "$3" --columns balance --no-header --format csv \
		>"$T/aging"
	[ -s "$T/aging" ] || echo 0.00 >"$T/aging"
	last_desc="closing balance of $1 on $3"
	compare 'equals the ageing balance' "$T/closing" <"$T/aging"
}

crm customer add Acme --street '1 Main St' --city Leeds --postcode 'LS1 1AA' --country GB \
	>/dev/null                     # C00001
crm customer add Birch >/dev/null # C00002
crm config set company.name 'Widgets Ltd'
crm config set company.address '1 Mill Lane\nYork'
crm config set company.email ar@widgets.example
crm config set company.bank 'IBAN GB00 WIDG 1234'

# Acme's account, in date order (running balance on the right):
#   08-10 INV1 500.00                                            500.00
#   08-25 RC1 200.00, settles INV1 (300.00 open)                 300.00
#   09-15 INV2 200.00 + 100.00 = 300.00                          600.00
#   10-01 RC2 400.00 (ref BANK-778): INV1 300.00, INV2 100.00    200.00
#   10-05 CN1 credits INV2's line 2, 100.00: INV2 100.00 open    100.00
#   10-20 RC3 250.00: INV2 100.00, 150.00 unapplied             -150.00
#   10-25 RF1 50.00 paid back out of RC3's credit               -100.00
#   11-02 INV3 120.00                                             20.00
#   11-03 RC4 120.00 on INV3                                    -100.00
#   11-10 RC4 bounces: reversed, INV3 open again                  20.00
#   11-12 INV4 103.50                                            123.50
#   11-14 apply RC3's last 100.00 to INV4: no movement           123.50
#   11-15 INV4's 3.50 written off                                120.00
inv C00001 2026-08-10 500
try 'RC1' 0 crm ar receipt C00001 200 --date 2026-08-25
inv C00001 2026-09-15 200 100
try 'RC2' 0 crm ar receipt C00001 400 --date 2026-10-01 --ref BANK-778
try 'CN1' 0 env CRM_TODAY=2026-10-05 "$CRM_BIN" invoice credit INV-2026-00002 --line 2=1
try 'RC3' 0 crm ar receipt C00001 250 --date 2026-10-20
try 'RF1' 0 crm ar refund C00001 50 --date 2026-10-25
inv C00001 2026-11-02 120
try 'RC4' 0 crm ar receipt C00001 120 --date 2026-11-03 --apply INV-2026-00003=120
try 'RC4 bounces' 0 crm ar reverse RC-2026-00004 --reason bounced --date 2026-11-10
inv C00001 2026-11-12 103.50
try 'apply the credit' 0 crm ar apply C00001 INV-2026-00004=100 --date 2026-11-14
try 'write off the rest' 0 crm ar writeoff INV-2026-00004 --reason rounding --date 2026-11-15
out_is <<'EOF'
3.50
EOF
# Birch: RC5 100.00 unapplied on 10-01, RF2 pays it back 10-10, RF2 is
# reversed 10-12 (the money never left), so the credit is back.
try 'RC5' 0 crm ar receipt C00002 100 --date 2026-10-01
try 'RF2' 0 crm ar refund C00002 100 --date 2026-10-10
try 'RF2 reversed' 0 crm ar reverse RF-2026-00002 --reason 'returned by the bank' --date 2026-10-12
sql_is "SELECT number, kind, date, amount, ifnull(reversed, '-') FROM receipt ORDER BY id" <<'EOF'
RC-2026-00001|receipt|2026-08-25|20000|-
RC-2026-00002|receipt|2026-10-01|40000|-
RC-2026-00003|receipt|2026-10-20|25000|-
RF-2026-00001|refund|2026-10-25|5000|-
RC-2026-00004|receipt|2026-11-03|12000|2026-11-10
RC-2026-00005|receipt|2026-10-01|10000|-
RF-2026-00002|refund|2026-10-10|10000|2026-10-12
EOF
audit=$(sqlite3 "$CRM_DB" 'SELECT count(*) FROM audit')

# ---- the default period: this month (2026-11-01) to today ----
# opening: the balance as of 10-31, -100.00 (RC3's 100.00 of credit)
try 'this month' 0 crm ar statement C00001 --format table
out_is <<'EOF'
DATE        KIND      NUMBER          REF              DEBIT  CREDIT  BALANCE
2026-10-31  opening                                                   -100.00
2026-11-02  invoice   INV-2026-00003  due 2026-12-02  120.00            20.00
2026-11-03  receipt   RC-2026-00004                           120.00  -100.00
2026-11-10  reversal  RC-2026-00004   bounced         120.00            20.00
2026-11-12  invoice   INV-2026-00004  due 2026-12-12  103.50           123.50
2026-11-15  writeoff  INV-2026-00004  rounding                  3.50   120.00
2026-11-22  closing                                                    120.00
EOF
err_empty
try 'by id' 0 crm ar statement 1 --format table
out_is <<'EOF'
DATE        KIND      NUMBER          REF              DEBIT  CREDIT  BALANCE
2026-10-31  opening                                                   -100.00
2026-11-02  invoice   INV-2026-00003  due 2026-12-02  120.00            20.00
2026-11-03  receipt   RC-2026-00004                           120.00  -100.00
2026-11-10  reversal  RC-2026-00004   bounced         120.00            20.00
2026-11-12  invoice   INV-2026-00004  due 2026-12-12  103.50           123.50
2026-11-15  writeoff  INV-2026-00004  rounding                  3.50   120.00
2026-11-22  closing                                                    120.00
EOF

# ---- the whole history, csv ----
try 'from the start' 0 crm ar statement C00001 --from 2026-08-01
out_is <<'EOF'
date,kind,number,ref,debit,credit,balance
2026-07-31,opening,,,,,0.00
2026-08-10,invoice,INV-2026-00001,due 2026-09-09,500.00,,500.00
2026-08-25,receipt,RC-2026-00001,,,200.00,300.00
2026-09-15,invoice,INV-2026-00002,due 2026-10-15,300.00,,600.00
2026-10-01,receipt,RC-2026-00002,BANK-778,,400.00,200.00
2026-10-05,credit,CN-2026-00001,INV-2026-00002,,100.00,100.00
2026-10-20,receipt,RC-2026-00003,,,250.00,-150.00
2026-10-25,refund,RF-2026-00001,,50.00,,-100.00
2026-11-02,invoice,INV-2026-00003,due 2026-12-02,120.00,,20.00
2026-11-03,receipt,RC-2026-00004,,,120.00,-100.00
2026-11-10,reversal,RC-2026-00004,bounced,120.00,,20.00
2026-11-12,invoice,INV-2026-00004,due 2026-12-12,103.50,,123.50
2026-11-15,writeoff,INV-2026-00004,rounding,,3.50,120.00
2026-11-22,closing,,,,,120.00
EOF

# ---- a period in the middle: September and October ----
# opening as of 08-31: 300.00; closing as of 10-31: -100.00
try 'september and october, json' 0 crm ar statement C00001 --from 2026-09-01 --to 2026-10-31 --format json
out_is <<'EOF'
[
{"date":"2026-08-31","kind":"opening","number":null,"ref":null,"debit":null,"credit":null,"balance":300.00},
{"date":"2026-09-15","kind":"invoice","number":"INV-2026-00002","ref":"due 2026-10-15","debit":300.00,"credit":null,"balance":600.00},
{"date":"2026-10-01","kind":"receipt","number":"RC-2026-00002","ref":"BANK-778","debit":null,"credit":400.00,"balance":200.00},
{"date":"2026-10-05","kind":"credit","number":"CN-2026-00001","ref":"INV-2026-00002","debit":null,"credit":100.00,"balance":100.00},
{"date":"2026-10-20","kind":"receipt","number":"RC-2026-00003","ref":null,"debit":null,"credit":250.00,"balance":-150.00},
{"date":"2026-10-25","kind":"refund","number":"RF-2026-00001","ref":null,"debit":50.00,"credit":null,"balance":-100.00},
{"date":"2026-10-31","kind":"closing","number":null,"ref":null,"debit":null,"credit":null,"balance":-100.00}
]
EOF
try 'one day, tsv' 0 crm ar statement C00001 --from 2026-11-10 --to 2026-11-10 --format tsv
printf 'date\tkind\tnumber\tref\tdebit\tcredit\tbalance\n2026-11-09\topening\t\t\t\t\t-100.00\n2026-11-10\treversal\tRC-2026-00004\tbounced\t120.00\t\t20.00\n2026-11-10\tclosing\t\t\t\t\t20.00\n' >"$T/want.tsv"
out_is <"$T/want.tsv"
try 'a quiet period' 0 crm ar statement C00001 --from 2026-09-16 --to 2026-09-30 --format ndjson
out_is <<'EOF'
{"date":"2026-09-15","kind":"opening","number":null,"ref":null,"debit":null,"credit":null,"balance":600.00}
{"date":"2026-09-30","kind":"closing","number":null,"ref":null,"debit":null,"credit":null,"balance":600.00}
EOF

# ---- a refund reversed: Birch ----
#   10-01 RC5 100.00 -100.00; 10-10 RF2 +100.00 0.00; 10-12 RF2 reversed -100.00
try 'a reversed refund' 0 crm ar statement C00002 --from 2026-10-01 --to 2026-10-31
out_is <<'EOF'
date,kind,number,ref,debit,credit,balance
2026-09-30,opening,,,,,0.00
2026-10-01,receipt,RC-2026-00005,,,100.00,-100.00
2026-10-10,refund,RF-2026-00002,,100.00,,0.00
2026-10-12,reversal,RF-2026-00002,returned by the bank,,100.00,-100.00
2026-10-31,closing,,,,,-100.00
EOF

# ---- the closing balance is always ageing's balance ----
closing_is C00001 2026-08-01 2026-08-24
closing_is C00001 2026-08-01 2026-08-25
closing_is C00001 2026-09-01 2026-10-04
closing_is C00001 2026-09-01 2026-10-05
closing_is C00001 2026-10-01 2026-10-25
closing_is C00001 2026-11-01 2026-11-03
closing_is C00001 2026-11-01 2026-11-09
closing_is C00001 2026-11-01 2026-11-10
closing_is C00001 2026-11-01 2026-11-14
closing_is C00001 2026-11-01 2026-11-15
closing_is C00001 2026-11-01 2026-11-22
closing_is C00002 2026-10-01 2026-10-10
closing_is C00002 2026-10-01 2026-10-11
closing_is C00002 2026-10-01 2026-10-12

# ---- --print: the statement template ----
try 'print, text' 0 crm ar statement C00001 --print
out_is <<'EOF'
Widgets Ltd
1 Mill Lane
York
Email: ar@widgets.example

STATEMENT OF ACCOUNT

To:      Acme (C00001)
1 Main St
LS1 1AA Leeds
GB
Period:  2026-11-01 to 2026-11-22
Date:    2026-11-22

Date       Kind     Number         Reference           Debit     Credit    Balance
---------- -------- -------------- -------------- ---------- ---------- ----------
           opening balance                                                 -100.00
2026-11-02 invoice  INV-2026-00003 due 2026-12-02     120.00                 20.00
2026-11-03 receipt  RC-2026-00004                                120.00    -100.00
2026-11-10 reversal RC-2026-00004  bounced            120.00                 20.00
2026-11-12 invoice  INV-2026-00004 due 2026-12-12     103.50                123.50
2026-11-15 writeoff INV-2026-00004 rounding                        3.50     120.00
                                                  ---------- ---------- ----------
2026-11-22 closing balance                            343.50     123.50     120.00

Ageing:  not due 120.00

Payments to
IBAN GB00 WIDG 1234
EOF
err_empty

# as of 2026-10-31 nothing is open: RC3's 100.00 is credit; INV2 was due
# 10-15 and paid.  Over September and October: debits 300 + 50 = 350.00,
# credits 400 + 100 + 250 = 750.00.
try 'print, text, a credit balance' 0 crm ar statement C00001 --print --from 2026-09-01 --to 2026-10-31 --format text
out_is <<'EOF'
Widgets Ltd
1 Mill Lane
York
Email: ar@widgets.example

STATEMENT OF ACCOUNT

To:      Acme (C00001)
1 Main St
LS1 1AA Leeds
GB
Period:  2026-09-01 to 2026-10-31
Date:    2026-11-22

Date       Kind     Number         Reference           Debit     Credit    Balance
---------- -------- -------------- -------------- ---------- ---------- ----------
           opening balance                                                  300.00
2026-09-15 invoice  INV-2026-00002 due 2026-10-15     300.00                600.00
2026-10-01 receipt  RC-2026-00002  BANK-778                      400.00     200.00
2026-10-05 credit   CN-2026-00001  INV-2026-00002                100.00     100.00
2026-10-20 receipt  RC-2026-00003                                250.00    -150.00
2026-10-25 refund   RF-2026-00001                      50.00               -100.00
                                                  ---------- ---------- ----------
2026-10-31 closing balance                            350.00     750.00    -100.00

Payments to
IBAN GB00 WIDG 1234
EOF

# on 2026-12-05 INV3 (due 12-02) is 3 days overdue: 1-30 120.00; INV4 is
# settled (100.00 of credit, 3.50 written off); nothing moved in December.
try 'print with something overdue' 0 env CRM_TODAY=2026-12-05 "$CRM_BIN" ar statement C00001 --print --from 2026-12-01
out_is <<'EOF'
Widgets Ltd
1 Mill Lane
York
Email: ar@widgets.example

STATEMENT OF ACCOUNT

To:      Acme (C00001)
1 Main St
LS1 1AA Leeds
GB
Period:  2026-12-01 to 2026-12-05
Date:    2026-12-05

Date       Kind     Number         Reference           Debit     Credit    Balance
---------- -------- -------------- -------------- ---------- ---------- ----------
           opening balance                                                  120.00
           (nothing in the period)
                                                  ---------- ---------- ----------
2026-12-05 closing balance                              0.00       0.00     120.00

Ageing:  1-30 120.00
Overdue: 120.00; please pay it at your earliest convenience.

Payments to
IBAN GB00 WIDG 1234
EOF

try 'print, html' 0 crm ar statement C00001 --print --format html --from 2026-10-20 --to 2026-10-25
sed -n '/<body>/,$p' "$T/out" >"$T/body"
compare 'the body' "$T/body" <<'EOF'
<body>
<header>
<div class="company">Widgets Ltd</div>
<div class="contact">
1 Mill Lane<br>
York<br>
ar@widgets.example
</div>
</header>
<h1>Statement of account</h1>
<div class="parties">
<div class="customer">
<strong>Acme</strong> (C00001)<br>
1 Main St<br>
LS1 1AA Leeds<br>
GB
</div>
<dl>
<dt>Period</dt><dd>2026-10-20 to 2026-10-25</dd>
<dt>Date</dt><dd>2026-11-22</dd>
</dl>
</div>
<table class="lines">
<thead>
<tr><th>Date</th><th>Kind</th><th>Number</th><th>Reference</th><th class="num">Debit</th><th class="num">Credit</th><th class="num">Balance</th></tr>
</thead>
<tbody>
<tr><td></td><td colspan="5">opening balance</td><td class="num">100.00</td></tr>
<tr><td>2026-10-20</td><td>receipt</td><td>RC-2026-00003</td><td></td><td class="num"></td><td class="num">250.00</td><td class="num">-150.00</td></tr>
<tr><td>2026-10-25</td><td>refund</td><td>RF-2026-00001</td><td></td><td class="num">50.00</td><td class="num"></td><td class="num">-100.00</td></tr>
<tr class="sum"><td>2026-10-25</td><td colspan="3">closing balance</td><td class="num">50.00</td><td class="num">250.00</td><td class="num">-100.00</td></tr>
</tbody>
</table>
<table class="ageing">
<tr><th>not due</th><th>1-30</th><th>31-60</th><th>61-90</th><th>91-180</th><th>over 180</th></tr>
<tr><td>0.00</td><td>0.00</td><td>0.00</td><td>0.00</td><td>0.00</td><td>0.00</td></tr>
</table>
<p class="payment">Payments to<br>
IBAN GB00 WIDG 1234</p>
</body>
</html>
EOF
head -n 1 "$T/out" >"$T/first"
compare 'an html document' "$T/first" <<'EOF'
<!DOCTYPE html>
EOF
grep -q '<title>Statement C00001 2026-10-20 to 2026-10-25</title>' "$T/out"
report $? 'print, html: its title'

# html escapes what it prints
try 'a name to escape' 0 crm customer edit C00002 --name 'Birch & <Sons>'
try 'print, html, escaped' 0 crm ar statement C00002 --print --format html --from 2026-10-01
grep -q '<strong>Birch &amp; &lt;Sons&gt;</strong> (C00002)' "$T/out"
report $? 'print, html, escaped: the name'

# pdf is the html piped to $CRM_PDF (weasyprint by default)
try 'print, pdf' 0 env CRM_PDF='wc -l >"$PWD/lines"; echo %PDF-1.7; :' "$CRM_BIN" ar statement C00001 --print --format pdf
out_is <<'EOF'
%PDF-1.7
EOF
# the renderer read the whole html of the default period
sed 's/ //g' "$T/lines" >"$T/n"
crm ar statement C00001 --print --format html | wc -l | sed 's/ //g' >"$T/m"
compare 'the renderer read the html' "$T/n" <"$T/m"

# --output writes the file whole and prints nothing
try 'print --output' 0 crm ar statement C00001 --print --output "$T/st.txt"
out_empty
crm ar statement C00001 --print >"$T/direct"
compare 'the file holds the statement' "$T/st.txt" <"$T/direct"

# --template names another template
printf '{{customer}}: {{opening}} -> {{closing}} ({{#lines}}{{kind}} {{/lines}})\n' >"$T/mine.txt"
try 'print --template' 0 crm ar statement C00001 --print --template "$T/mine.txt"
out_is <<'EOF'
C00001: -100.00 -> 120.00 (invoice receipt reversal invoice writeoff )
EOF
# a user's own statement.txt overrides the default
mkdir -p "$T/cfg/crm/templates"
printf 'mine: {{closing}}\n' >"$T/cfg/crm/templates/statement.txt"
try 'a user template' 0 env XDG_CONFIG_HOME="$T/cfg" "$CRM_BIN" ar statement C00001 --print
out_is <<'EOF'
mine: 120.00
EOF

# ---- bad input ----
try 'no customer' 2 crm ar statement
out_empty
try 'an unknown customer' 3 crm ar statement C00099
out_empty
err_is <<'EOF'
crm: ar statement: no customer 'C00099'
EOF
try 'a bad --from' 4 crm ar statement C00001 --from 2026-02-30
out_empty
err_is <<'EOF'
crm: ar statement: '2026-02-30' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)
EOF
try 'a bad --to' 4 crm ar statement C00001 --to soon
out_empty
try 'from after to' 4 crm ar statement C00001 --from 2026-11-10 --to 2026-11-01
out_empty
err_is <<'EOF'
crm: ar statement: the period starts (2026-11-10) after it ends (2026-11-01)
EOF
try '--template without --print' 2 crm ar statement C00001 --template "$T/mine.txt"
out_empty
err_is <<'EOF'
crm: ar statement: --template and --output go with --print
EOF
try 'a print format without --print' 2 crm ar statement C00001 --format html
err_is <<'EOF'
crm: ar statement: unknown format 'html' (table, csv, tsv, json, ndjson)
EOF
try 'a table format with --print' 2 crm ar statement C00001 --print --format csv
err_is <<'EOF'
crm: ar statement: unknown format 'csv' (text, html, pdf)
EOF
try 'a missing template' 1 crm ar statement C00001 --print --template "$T/nothing.txt"
out_empty
printf '{{#lines}}\n' >"$T/broken.txt"
try 'a broken template' 4 crm ar statement C00001 --print --template "$T/broken.txt"
out_empty
try 'pdf to a file that cannot be written' 1 env CRM_PDF='cat >/dev/null; :' "$CRM_BIN" ar statement C00001 --print --format pdf --output "$T/no/such/dir.pdf"
sql_is 'SELECT count(*) FROM audit' <<EOF
$((audit + 1))
EOF

done_testing
