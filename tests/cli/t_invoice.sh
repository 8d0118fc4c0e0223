#!/bin/sh
# crm invoice: new (--order, --delivery, free), line, issue (numbering,
# due dates, the credit limit and --force), void, rm, credit, list, show,
# print, import.  Amounts are computed by hand in the comments.
. "$(dirname "$0")/lib.sh"

# unchanged: as many documents, lines and audit rows as before.
unchanged() {
	sql_is "SELECT count(*) FROM doc; SELECT count(*) FROM doc_line; SELECT count(*) FROM audit" <<EOF
$1
$2
$3
EOF
}

try 'a customer with terms and a limit' 0 crm customer add 'Acme Trading' \
	--street '1 Main St' --city Leeds --postcode 'LS1 1AA' --country GB --credit-limit 1000 --terms 14
try 'one without terms' 0 crm customer add 'Birch Ltd'
try 'a product' 0 crm product add W-1 Widget --price 12.50 --tax-rate 19
try 'a service' 0 crm product add S-1 Service --price 80 --unit h --tax-rate 19
try 'an order' 0 crm order new C00001
try 'line 1' 0 crm order line add SO-2026-00001 --product W-1 --qty 10
try 'line 2' 0 crm order line add SO-2026-00001 --product S-1 --qty 2.5 --discount 10
try 'confirm' 0 crm order confirm SO-2026-00001

# ---- new --order: nothing shipped yet ----
try 'new --order with nothing shipped' 4 crm invoice new --order SO-2026-00001
err_is <<'EOF'
crm: invoice new: order SO-2026-00001 has nothing to invoice (nothing shipped and not invoiced)
EOF
unchanged 1 2 8
try 'ship 4 widgets' 0 crm delivery new SO-2026-00001 --line 1=4

# ---- new --order: the partial delivery ----
try 'new --order' 0 crm invoice new --order SO-2026-00001
out_is <<'EOF'
draft 2
EOF
err_empty
# 4 x 12.50 = 50.00, tax 19 % = 9.50, total 59.50
sql_is 'SELECT kind, ifnull(number, "-"), status, source_id, subtotal, tax, total FROM doc WHERE id = 2' <<'EOF'
invoice|-|draft|1|5000|950|5950
EOF
sql_is 'SELECT pos, product_id, qty, price, tax_rate, gross, net, tax, source_line_id FROM doc_line WHERE doc_id = 2' <<'EOF'
1|1|4000|1250|1900|5000|5000|950|1
EOF
try 'billing more than was shipped' 4 crm invoice line edit 2 1 --qty 5
err_is <<'EOF'
crm: invoice line edit: line 1 would bill more than was shipped: 5 invoiced, 4 shipped
EOF
unchanged 2 3 11
sql_is 'SELECT qty FROM doc_line WHERE doc_id = 2' <<'EOF'
4000
EOF
try 'nothing more to invoice' 4 crm invoice new --order SO-2026-00001
try 'an unknown order' 3 crm invoice new --order SO-2026-00099
err_is <<'EOF'
crm: invoice new: no order 'SO-2026-00099'
EOF
try 'new without a target' 2 crm invoice new

# ---- issue: numbering, due date from the customer's terms ----
try 'issue' 0 crm invoice issue 2
out_is <<'EOF'
INV-2026-00001
EOF
sql_is 'SELECT number, status, date, due FROM doc WHERE id = 2' <<'EOF'
INV-2026-00001|issued|2026-11-22|2026-12-06
EOF
try 'issue again' 4 crm invoice issue INV-2026-00001
err_is <<'EOF'
crm: invoice issue: invoice INV-2026-00001 is issued, not a draft; an issued invoice is never changed, only credited
EOF
try 'an issued invoice takes no lines' 4 crm invoice line add INV-2026-00001 --text x --qty 1 --price 1
err_is <<'EOF'
crm: invoice line add: invoice INV-2026-00001 is issued; only a draft invoice has its lines changed
EOF
try 'nor edits' 4 crm invoice line edit INV-2026-00001 1 --qty 2
try 'nor removals' 4 crm invoice line rm INV-2026-00001 1
try 'an issued invoice is not removed' 4 crm invoice rm INV-2026-00001
err_is <<'EOF'
crm: invoice rm: invoice INV-2026-00001 is issued; only a draft is removed (void or credit an issued one)
EOF

# ---- the rest, by delivery ----
try 'ship the rest' 0 crm delivery new SO-2026-00001
try 'the first delivery is invoiced' 4 crm invoice new --delivery DN-2026-00001
err_is <<'EOF'
crm: invoice new: delivery DN-2026-00001 has nothing to invoice (invoiced already)
EOF
try 'new --delivery' 0 crm invoice new --delivery DN-2026-00002
out_is <<'EOF'
draft 3
EOF
# 6 x 12.50 = 75.00, tax 14.25; 2.5 h x 80 = 200.00 - 10 % = 180.00, tax 34.20;
# subtotal 275.00, discount 20.00, tax 48.45, total 303.45
sql_is 'SELECT pos, qty, gross, discount, net, tax, source_line_id FROM doc_line WHERE doc_id = 3' <<'EOF'
1|6000|7500|0|7500|1425|1
2|2500|20000|2000|18000|3420|2
EOF
try 'issue it' 0 crm invoice issue 3
out_is <<'EOF'
INV-2026-00002
EOF
try 'order show: invoiced' 0 crm order show SO-2026-00001 --format json
sql_is 'SELECT invoiced FROM order_line_state ORDER BY line_id' <<'EOF'
10000
2500
EOF

# ---- free invoice, invoice.terms, a failed issue, the year boundary ----
try 'free invoice' 0 crm invoice new C00002
out_is <<'EOF'
draft 4
EOF
try 'an empty invoice is not issued' 4 crm invoice issue 4
err_is <<'EOF'
crm: invoice issue: invoice draft 4 has no lines
EOF
sql_is "SELECT last FROM number_series WHERE series = 'invoice'" <<'EOF'
2
EOF
try 'a line' 0 crm invoice line add 4 --text Consulting --qty 3 --price 100 --tax-rate 20
out_is <<'EOF'
1
EOF
try 'edit it' 0 crm invoice line edit 4 1 --qty 2
try 'a bad date' 4 crm invoice issue 4 --date soon
err_is <<'EOF'
crm: invoice issue: date 'soon' is not a date
EOF
try 'terms from invoice.terms' 0 crm config set invoice.terms 10
try 'issue in the new year' 0 crm invoice issue 4 --date 2027-01-03
out_is <<'EOF'
INV-2027-00001
EOF
# 2 x 100 = 200.00 + 20 % = 240.00; due 2027-01-03 + 10 days
sql_is 'SELECT number, date, due, total FROM doc WHERE id = 4' <<'EOF'
INV-2027-00001|2027-01-03|2027-01-13|24000
EOF
sql_is "SELECT year, last FROM number_series WHERE series = 'invoice' ORDER BY year" <<'EOF'
2026|2
2027|1
EOF

# ---- rm a draft ----
try 'another draft' 0 crm invoice new C00002
out_is <<'EOF'
draft 5
EOF
try 'rm it' 0 crm invoice rm 5
sql_is 'SELECT count(*) FROM doc WHERE id = 5' <<'EOF'
0
EOF
try 'rm what is not there' 3 crm invoice rm 5
err_is <<'EOF'
crm: invoice rm: no invoice '5'
EOF

# ---- the credit limit ----
try 'a big free invoice' 0 crm invoice new C00001
out_is <<'EOF'
draft 6
EOF
try 'its line' 0 crm invoice line add 6 --text Big --qty 1 --price 700
# exposure 59.50 + 303.45 = 362.95 (the order is invoiced in full); + 700 = 1062.95 > 1000
try 'refused over the limit' 4 crm invoice issue 6
err_is <<'EOF'
crm: invoice issue: invoice INV-2026-00003 would take C00001 over its credit limit: limit 1000.00, exposure 362.95, this invoice 700.00, total 1062.95 (--force to issue anyway)
EOF
sql_is "SELECT ifnull(number, '-'), status FROM doc WHERE id = 6; SELECT last FROM number_series WHERE series = 'invoice' AND year = 2026" <<'EOF'
-|draft
2
EOF
try 'issued with --force' 0 crm invoice issue 6 --force
out_is <<'EOF'
INV-2026-00003
EOF
err_is <<'EOF'
crm: invoice issue: invoice INV-2026-00003 would take C00001 over its credit limit: limit 1000.00, exposure 362.95, this invoice 700.00, total 1062.95; issued with --force
EOF
sql_is "SELECT entity, entity_id, action, new FROM audit WHERE new LIKE '%credit_override%'" <<'EOF'
invoice|6|update|{"credit_override":{"limit":"1000.00","exposure":"362.95","invoice":"700.00","total":"1062.95"}}
EOF

# ---- void ----
try 'void needs a reason' 2 crm invoice void INV-2026-00003
try 'void' 0 crm invoice void INV-2026-00003 --reason 'wrong customer'
sql_is 'SELECT number, status, note FROM doc WHERE id = 6' <<'EOF'
INV-2026-00003|void|void: wrong customer
EOF
try 'void twice' 4 crm invoice void INV-2026-00003 --reason again
err_is <<'EOF'
crm: invoice void: invoice INV-2026-00003 is void already
EOF

# ---- credit notes ----
# 1.5 of line 1 of INV-2026-00001: 1.5 x 12.50 = 18.75, tax 3.5625 -> 3.56, total 22.31
try 'partial credit' 0 crm invoice credit INV-2026-00001 --line 1=1.5 --reason damaged
out_is <<'EOF'
CN-2026-00001
EOF
sql_is "SELECT kind, status, source_id, note, total FROM doc WHERE number = 'CN-2026-00001'" <<'EOF'
credit|issued|2|damaged|2231
EOF
try 'over-credit refused' 4 crm invoice credit INV-2026-00001 --line 1=3
err_is <<'EOF'
crm: invoice credit: cannot credit 3 of line 1 of invoice INV-2026-00001: 2.5 left to credit
EOF
try 'a line not there' 4 crm invoice credit INV-2026-00001 --line 2=1
err_is <<'EOF'
crm: invoice credit: invoice INV-2026-00001 has no line 2
EOF
try 'bad POS=QTY' 4 crm invoice credit INV-2026-00001 --line 1
unchanged 6 8 31
# the rest: 59.50 - 22.31 = 37.19 (gross 31.25, tax 9.50 - 3.56 = 5.94)
try 'credit the rest' 0 crm invoice credit INV-2026-00001
out_is <<'EOF'
CN-2026-00002
EOF
sql_is "SELECT l.qty, l.gross, l.tax, d.total FROM doc d JOIN doc_line l ON l.doc_id = d.id WHERE d.number = 'CN-2026-00002'" <<'EOF'
2500|3125|594|3719
EOF
try 'nothing left to credit' 4 crm invoice credit INV-2026-00001
err_is <<'EOF'
crm: invoice credit: invoice INV-2026-00001 is credited in full already
EOF
try 'a credited invoice is not voided' 4 crm invoice void INV-2026-00001 --reason x
err_is <<'EOF'
crm: invoice void: invoice INV-2026-00001 has credit note CN-2026-00001 and cannot be voided
EOF

# ---- list and show ----
try 'list csv' 0 crm invoice list --format csv
out_is <<'EOF'
number,kind,customer,name,date,due,status,total,open
INV-2026-00001,invoice,C00001,Acme Trading,2026-11-22,2026-12-06,paid,59.50,0.00
INV-2026-00002,invoice,C00001,Acme Trading,2026-11-22,2026-12-06,issued,303.45,303.45
INV-2026-00003,invoice,C00001,Acme Trading,2026-11-22,2026-12-06,void,700.00,
CN-2026-00001,credit,C00001,Acme Trading,2026-11-22,,issued,22.31,0.00
CN-2026-00002,credit,C00001,Acme Trading,2026-11-22,,issued,37.19,0.00
INV-2027-00001,invoice,C00002,Birch Ltd,2027-01-03,2027-01-13,issued,240.00,240.00
EOF
try 'list json, credits of C00001' 0 crm invoice list --format json --kind credit --customer C00001
out_is <<'EOF'
[
{"number":"CN-2026-00001","kind":"credit","customer":"C00001","name":"Acme Trading","date":"2026-11-22","due":null,"status":"issued","total":22.31,"open":0.00},
{"number":"CN-2026-00002","kind":"credit","customer":"C00001","name":"Acme Trading","date":"2026-11-22","due":null,"status":"issued","total":37.19,"open":0.00}
]
EOF
try 'overdue later on' 0 crm invoice list --format csv --status overdue --today 2026-12-07
out_is <<'EOF'
number,kind,customer,name,date,due,status,total,open
INV-2026-00002,invoice,C00001,Acme Trading,2026-11-22,2026-12-06,overdue,303.45,303.45
EOF
try 'a bad status' 4 crm invoice list --status unpaid
err_is <<'EOF'
crm: invoice list: unknown status 'unpaid' (draft, issued, partly-paid, paid, overdue, open, void, all)
EOF
try 'show with its credits' 0 crm invoice show INV-2026-00001 --format json
out_is <<'EOF'
{"kind":"invoice","number":"INV-2026-00001","status":"paid","customer":"C00001","customer_name":"Acme Trading","date":"2026-11-22","valid_until":null,"promised":null,"due":"2026-12-06","source":"SO-2026-00001","ship_to":"1 Main St, LS1 1AA Leeds, GB","note":null,"subtotal":50.00,"discount":0.00,"tax":9.50,"total":59.50,"lines":[{"pos":1,"sku":"W-1","description":"Widget","qty":4,"unit":"pcs","price":12.50,"discount_rate":0,"gross":50.00,"discount":0.00,"net":50.00,"tax_rate":19,"tax":9.50}],"credits":[{"number":"CN-2026-00001","date":"2026-11-22","status":"issued","total":22.31},{"number":"CN-2026-00002","date":"2026-11-22","status":"issued","total":37.19}],"paid":59.50,"open":0.00,"settlements":[{"date":"2026-11-22","kind":"credit","ref":"CN-2026-00001","amount":22.31,"ended":null},{"date":"2026-11-22","kind":"credit","ref":"CN-2026-00002","amount":37.19,"ended":null}]}
EOF
try 'show an unknown invoice' 3 crm invoice show INV-2026-00099
try 'customer show lists invoices' 0 crm customer show C00002 --format json
grep -q '"number":"INV-2027-00001"' "$T/out"; report $? 'customer show: the invoice is there'

# ---- print ----
try 'company name' 0 crm config set company.name 'Widgets Inc'
try 'company bank' 0 crm config set company.bank 'IBAN GB00 1234'
try 'print text' 0 crm invoice print INV-2026-00002
out_is <<'EOF'
Widgets Inc

INVOICE INV-2026-00002

To:          Acme Trading (C00001)
             1 Main St, LS1 1AA Leeds, GB
Date:        2026-11-22
Due:         2026-12-06
Order:       SO-2026-00001

Pos  Description                      Qty Unit      Price  Disc.         Net
---  ---------------------------- ------- ---- ---------- ------ -----------
  1  Widget                             6 pcs       12.50              75.00
     W-1
  2  Service                          2.5 h         80.00    10%      180.00
     S-1
                                                        --------------------
                                                        Subtotal      275.00
                                                        Discount       20.00
                                                        Tax            48.45
                                                        Total         303.45

Please pay 303.45 by 2026-12-06, quoting INV-2026-00002, to
IBAN GB00 1234
EOF
try 'a draft prints as a draft' 0 crm invoice new C00002
out_is <<'EOF'
draft 9
EOF
try 'print the draft' 0 crm invoice print 9
grep -q '^DRAFT INVOICE$' "$T/out"; report $? 'the draft says so'

# ---- import ----
cat >"$T/bad.csv" <<'EOF'
number,customer,date,sku,description,qty,price,tax_rate,discount,amount
OLD-1,C00002,2026-10-01,W-1,,2,10,19,,
OLD-2,C00002,2026-10-02,,Fee,x,5,0,,
EOF
try_in 'a bad row: nothing imported' 4 "$T/bad.csv" crm invoice import
err_is <<'EOF'
crm: invoice import: line 3, column qty: quantity 'x' is not a number greater than 0 with at most 3 decimals
EOF
unchanged 8 9 37
cat >"$T/dup.csv" <<'EOF'
number,customer,date,amount
OLD-9,C00002,2026-10-01,5
INV-2026-00001,C00001,2026-10-01,5
EOF
try 'a number that exists' 4 crm invoice import --from "$T/dup.csv"
err_is <<'EOF'
crm: invoice import: line 3, column number: number INV-2026-00001 exists already
EOF
unchanged 8 9 37
cat >"$T/in.csv" <<'EOF'
number,customer,date,due,sku,description,qty,price,tax_rate,discount,amount
OLD-1,C00002,2026-10-01,,W-1,,2,10,19,,
OLD-1,C00002,2026-10-01,,,Fee,1,5,0,10,
OLD-2,C00001,2026-09-01,2026-09-30,,,,,,,100.00
EOF
try 'dry run' 0 crm invoice import --from "$T/in.csv" --dry-run
err_is <<'EOF'
dry run: would import 2 invoices (3 lines)
EOF
unchanged 8 9 37
try 'import lines and an amount' 0 crm invoice import --from "$T/in.csv"
err_is <<'EOF'
imported 2 invoices (3 lines)
EOF
# OLD-1: 2 x 10 = 20.00 + 19 % = 23.80; Fee 5.00 - 10 % = 4.50; total 28.30;
# due 2026-10-01 + invoice.terms 10.  OLD-2: 100.00, tax 0.
sql_is "SELECT number, status, date, due, total FROM doc WHERE number LIKE 'OLD-%' ORDER BY number" <<'EOF'
OLD-1|issued|2026-10-01|2026-10-11|2830
OLD-2|issued|2026-09-01|2026-09-30|10000
EOF
sql_is "SELECT l.pos, l.description, l.qty, l.price, l.tax FROM doc_line l JOIN doc d ON d.id = l.doc_id WHERE d.number = 'OLD-2'" <<'EOF'
1|Opening balance|1000|10000|0
EOF
printf '{"number":"OLD-3","customer":"C00001","date":"2026-08-01","amount":"7.5"}\n' >"$T/in.ndjson"
try 'import ndjson' 0 crm invoice import --from "$T/in.ndjson"
sql_is "SELECT total FROM doc WHERE number = 'OLD-3'" <<'EOF'
750
EOF

done_testing
