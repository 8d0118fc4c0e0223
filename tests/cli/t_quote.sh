#!/bin/sh
# crm quote: new (with --from), line add|edit|rm, list, show, send, accept,
# reject, convert; the line arithmetic checked by hand; the last-price
# suggestion; expiry; numbering across a year boundary and without gaps;
# documents in customer show; bad input refused with nothing written.
. "$(dirname "$0")/lib.sh"

# at DAY crm ARGS...: runs crm with the clock at DAY 10:00.
at() {
	_day=$1
	shift 2
	env CRM_TODAY="$_day" CRM_NOW="${_day}T10:00:00" "$CRM_BIN" "$@"
}

try 'a customer with an address' 0 crm customer add 'Acme GmbH' --street 'Main St 1' \
	--postcode 10115 --city Berlin --country DE
try 'a customer without' 0 crm customer add 'Birch Ltd'
try 'a product' 0 crm product add W1 Widget --price 12.50 --tax-rate 19
try 'a product sold by weight' 0 crm product add H2 'Heavy thing' --price 3.33 --unit kg \
	--tax-rate 7.5
try 'a product' 0 crm product add OLD 'Old part' --price 1
try 'archived' 0 crm product archive OLD

# ---- new ----

try 'new quote' 0 crm quote new C00001
out_is <<'EOF'
Q-2026-00001
EOF
err_empty
# valid until today + quote.valid_days (30); ship_to from the address
sql_is 'SELECT id, kind, number, customer_id, status, date, valid_until, promised, due, source_id, ship_to, note, subtotal, discount, tax, total, created, updated FROM doc' <<'EOF'
1|quote|Q-2026-00001|1|draft|2026-11-22|2026-12-22||||Main St 1, 10115 Berlin, DE||0|0|0|0|2026-11-22T09:30:00|2026-11-22T09:30:00
EOF
sql_is "SELECT entity, entity_id, customer_id, action, json_extract(new, '\$.number'), json_extract(new, '\$.status') FROM audit WHERE entity = 'quote'" <<'EOF'
quote|1|1|insert|Q-2026-00001|draft
EOF

try 'new with a valid-until date, by id, with a note' 0 crm quote new 2 \
	--valid-until 2026-11-30 --note 'call first'
out_is <<'EOF'
Q-2026-00002
EOF
sql_is 'SELECT number, customer_id, valid_until, ship_to IS NULL, note FROM doc WHERE id = 2' <<'EOF'
Q-2026-00002|2|2026-11-30|1|call first
EOF
sql_is 'SELECT series, year, last FROM number_series' <<'EOF'
quote|2026|2
EOF

# ---- line add ----

# By hand (money in cents, half away from zero per line):
#   1  W1  2.5 x 11.90 = 29.75; 10 % = 2.975 -> 2.98; net 26.77; 19 % of it
#          = 5.0863 -> 5.09
#   2  Install 1 x 99.99 = 99.99; no discount; 19 % = 18.9981 -> 19.00
#   3  H2  1.125 x 3.33 = 3.74625 -> 3.75; 7.5 % (the product's) = 0.28125
#          -> 0.28
#   subtotal 29.75 + 99.99 + 3.75 = 133.49; discount 2.98; tax 5.09 + 19.00
#   + 0.28 = 24.37; total 133.49 - 2.98 + 24.37 = 154.88
try 'add a product line with price and discount' 0 crm quote line add Q-2026-00001 \
	--product W1 --qty 2.5 --price 11.90 --discount 10
out_is <<'EOF'
1
EOF
err_empty
try 'add a text line' 0 crm quote line add Q-2026-00001 --text Install --qty 1 \
	--price 99.99 --tax-rate 19
out_is <<'EOF'
2
EOF
try 'add a product line at the product price (no earlier price)' 0 crm quote line add 1 \
	--product H2 --qty 1.125
out_is <<'EOF'
3
EOF
err_empty
sql_is 'SELECT doc_id, pos, product_id, description, qty, unit, price, discount_rate, tax_rate, gross, discount, net, tax, source_line_id FROM doc_line ORDER BY id' <<'EOF'
1|1|1|Widget|2500|pcs|1190|1000|1900|2975|298|2677|509|
1|2||Install|1000|pcs|9999|0|1900|9999|0|9999|1900|
1|3|2|Heavy thing|1125|kg|333|0|750|375|0|375|28|
EOF
sql_is 'SELECT subtotal, discount, tax, total FROM doc WHERE id = 1' <<'EOF'
13349|298|2437|15488
EOF

# ---- show ----

try 'show as a table' 0 crm quote show Q-2026-00001 --format table
out_is <<'EOF'
kind           quote
number         Q-2026-00001
status         draft
customer       C00001
customer_name  Acme GmbH
date           2026-11-22
valid_until    2026-12-22
ship_to        Main St 1, 10115 Berlin, DE
subtotal       133.49
discount       2.98
tax            24.37
total          154.88

lines:
POS  SKU  DESCRIPTION    QTY  UNIT  PRICE  DISCOUNT_RATE  GROSS  DISCOUNT    NET  TAX_RATE    TAX
  1  W1   Widget         2.5  pcs   11.90             10  29.75      2.98  26.77        19   5.09
  2       Install          1  pcs   99.99              0  99.99      0.00  99.99        19  19.00
  3  H2   Heavy thing  1.125  kg     3.33              0   3.75      0.00   3.75       7.5   0.28
EOF
err_empty
try 'show as json' 0 crm quote show 1 --format json
out_is <<'EOF'
{"kind":"quote","number":"Q-2026-00001","status":"draft","customer":"C00001","customer_name":"Acme GmbH","date":"2026-11-22","valid_until":"2026-12-22","promised":null,"due":null,"source":null,"ship_to":"Main St 1, 10115 Berlin, DE","note":null,"subtotal":133.49,"discount":2.98,"tax":24.37,"total":154.88,"lines":[{"pos":1,"sku":"W1","description":"Widget","qty":2.5,"unit":"pcs","price":11.90,"discount_rate":10,"gross":29.75,"discount":2.98,"net":26.77,"tax_rate":19,"tax":5.09},{"pos":2,"sku":null,"description":"Install","qty":1,"unit":"pcs","price":99.99,"discount_rate":0,"gross":99.99,"discount":0.00,"net":99.99,"tax_rate":19,"tax":19.00},{"pos":3,"sku":"H2","description":"Heavy thing","qty":1.125,"unit":"kg","price":3.33,"discount_rate":0,"gross":3.75,"discount":0.00,"net":3.75,"tax_rate":7.5,"tax":0.28}]}
EOF
try 'the lines alone as csv, for a spreadsheet' 0 crm quote show Q-2026-00001 --format csv --columns lines
out_is <<'EOF'
pos,sku,description,qty,unit,price,discount_rate,gross,discount,net,tax_rate,tax
1,W1,Widget,2.5,pcs,11.90,10,29.75,2.98,26.77,19,5.09
2,,Install,1,pcs,99.99,0,99.99,0.00,99.99,19,19.00
3,H2,Heavy thing,1.125,kg,3.33,0,3.75,0.00,3.75,7.5,0.28
EOF
try 'the lines alone as ndjson' 0 crm quote show Q-2026-00001 --format ndjson --columns lines --no-header
out_is <<'EOF'
{"pos":1,"sku":"W1","description":"Widget","qty":2.5,"unit":"pcs","price":11.90,"discount_rate":10,"gross":29.75,"discount":2.98,"net":26.77,"tax_rate":19,"tax":5.09}
{"pos":2,"sku":null,"description":"Install","qty":1,"unit":"pcs","price":99.99,"discount_rate":0,"gross":99.99,"discount":0.00,"net":99.99,"tax_rate":19,"tax":19.00}
{"pos":3,"sku":"H2","description":"Heavy thing","qty":1.125,"unit":"kg","price":3.33,"discount_rate":0,"gross":3.75,"discount":0.00,"net":3.75,"tax_rate":7.5,"tax":0.28}
EOF
try 'show as csv: the fields' 0 crm quote show Q-2026-00002 --format csv
out_is <<'EOF'
kind,number,status,customer,customer_name,date,valid_until,promised,due,source,ship_to,note,subtotal,discount,tax,total
quote,Q-2026-00002,draft,C00002,Birch Ltd,2026-11-22,2026-11-30,,,,,call first,0.00,0.00,0.00,0.00
EOF

# ---- line edit ----

# line 2: 1.5 x 99.99 = 149.985 -> 149.99 (exactly half a cent: up);
# 5 % = 7.4995 -> 7.50; net 142.49; 19 % = 27.0731 -> 27.07.
# subtotal 29.75 + 149.99 + 3.75 = 183.49; discount 2.98 + 7.50 = 10.48;
# tax 5.09 + 27.07 + 0.28 = 32.44; total 183.49 - 10.48 + 32.44 = 205.45
try 'edit quantity and discount' 0 crm quote line edit Q-2026-00001 2 --qty 1.5 --discount 5
out_empty
err_empty
sql_is 'SELECT pos, qty, price, discount_rate, gross, discount, net, tax FROM doc_line WHERE doc_id = 1 AND pos = 2' <<'EOF'
2|1500|9999|500|14999|750|14249|2707
EOF
sql_is 'SELECT subtotal, discount, tax, total FROM doc WHERE id = 1' <<'EOF'
18349|1048|3244|20545
EOF
try 'edit price, tax rate and description' 0 crm quote line edit Q-2026-00001 3 \
	--price 4 --tax-rate 0 --description 'Heavy thing, loose'
# 1.125 x 4.00 = 4.50, no tax
sql_is 'SELECT description, unit, price, tax_rate, gross, net, tax FROM doc_line WHERE doc_id = 1 AND pos = 3' <<'EOF'
Heavy thing, loose|kg|400|0|450|450|0
EOF

# ---- line rm: positions renumbered ----

try 'a fourth line' 0 crm quote line add Q-2026-00001 --text Freight --qty 1 --price 10
out_is <<'EOF'
4
EOF
try 'remove line 2' 0 crm quote line rm Q-2026-00001 2
out_empty
err_empty
# subtotal 29.75 + 4.50 + 10.00 = 44.25; discount 2.98; tax 5.09;
# total 44.25 - 2.98 + 5.09 = 46.36
sql_is 'SELECT pos, description, gross FROM doc_line WHERE doc_id = 1 ORDER BY pos; SELECT subtotal, discount, tax, total FROM doc WHERE id = 1' <<'EOF'
1|Widget|2975
2|Heavy thing, loose|450
3|Freight|1000
4425|298|509|4636
EOF

# ---- last price ----

try 'a second quote for Acme' 0 crm quote new C00001 --valid-until +60d
out_is <<'EOF'
Q-2026-00003
EOF
try 'a product line takes the customer last price' 0 crm quote line add Q-2026-00003 \
	--product W1 --qty 4
out_is <<'EOF'
1
EOF
err_is <<'EOF'
last price for C00001: 11.90 (was Q-2026-00001 on 2026-11-22)
EOF
try 'another customer gets the product price, without a note' 0 crm quote line add \
	Q-2026-00002 --product W1 --qty 1
err_empty
try 'an explicit price wins, without a note' 0 crm quote line add Q-2026-00003 \
	--product W1 --qty 1 --price 12
err_empty
try '-q hides the note' 0 crm -q quote line add Q-2026-00003 --product H2 --qty 2
out_is <<'EOF'
3
EOF
err_empty
# Q3: 4 x 11.90 = 47.60, 19 % = 9.044 -> 9.04; 1 x 12.00 = 12.00, 19 % = 2.28;
# H2 at Acme's last price, 4.00 on Q1 (line 3 after its edit, the note
# hidden by -q): 2 x 4.00 = 8.00, 7.5 % = 0.60.  subtotal 67.60, tax 11.92,
# total 79.52
# Q2: 1 x 12.50, 19 % = 2.375 -> 2.38; total 14.88
sql_is 'SELECT d.number, l.pos, l.price, l.gross, l.tax FROM doc_line l JOIN doc d ON d.id = l.doc_id WHERE d.id IN (2, 3) ORDER BY d.id, l.pos; SELECT number, subtotal, tax, total FROM doc WHERE id IN (2, 3)' <<'EOF'
Q-2026-00002|1|1250|1250|238
Q-2026-00003|1|1190|4760|904
Q-2026-00003|2|1200|1200|228
Q-2026-00003|3|400|800|60
Q-2026-00002|1250|238|1488
Q-2026-00003|6760|1192|7952
EOF

# ---- lines + tax = total, everywhere ----

sql_is 'SELECT d.number, d.total = sum(l.net) + sum(l.tax), d.subtotal - d.discount = sum(l.net) FROM doc d JOIN doc_line l ON l.doc_id = d.id GROUP BY d.id ORDER BY d.id' <<'EOF'
Q-2026-00001|1|1
Q-2026-00002|1|1
Q-2026-00003|1|1
EOF

# ---- list ----

try 'list as csv' 0 crm quote list --format csv
out_is <<'EOF'
number,customer,name,date,valid_until,promised,due,status,total
Q-2026-00001,C00001,Acme GmbH,2026-11-22,2026-12-22,,,draft,46.36
Q-2026-00002,C00002,Birch Ltd,2026-11-22,2026-11-30,,,draft,14.88
Q-2026-00003,C00001,Acme GmbH,2026-11-22,2027-01-21,,,draft,79.52
EOF
err_empty
try 'list as a table: the short columns' 0 crm quote list --format table
out_is <<'EOF'
NUMBER        CUSTOMER  NAME       DATE        VALID_UNTIL  STATUS  TOTAL
Q-2026-00001  C00001    Acme GmbH  2026-11-22  2026-12-22   draft   46.36
Q-2026-00002  C00002    Birch Ltd  2026-11-22  2026-11-30   draft   14.88
Q-2026-00003  C00001    Acme GmbH  2026-11-22  2027-01-21   draft   79.52
EOF
try 'list one customer as json' 0 crm quote list --customer C00002 --format json
out_is <<'EOF'
[
{"number":"Q-2026-00002","customer":"C00002","name":"Birch Ltd","date":"2026-11-22","valid_until":"2026-11-30","promised":null,"due":null,"status":"draft","total":14.88}
]
EOF
try 'list as ndjson with --columns' 0 crm quote list --format ndjson --columns number,total
out_is <<'EOF'
{"number":"Q-2026-00001","total":46.36}
{"number":"Q-2026-00002","total":14.88}
{"number":"Q-2026-00003","total":79.52}
EOF

# ---- send, accept, reject ----

try 'send' 0 crm quote send Q-2026-00001
out_empty
err_empty
sql_is "SELECT status, updated FROM doc WHERE id = 1; SELECT action, json_extract(old, '\$.status'), json_extract(new, '\$.status') FROM audit WHERE entity = 'quote' AND entity_id = 1 AND action = 'update' AND json_extract(old, '\$.status') <> json_extract(new, '\$.status')" <<'EOF'
sent|2026-11-22T09:30:00
update|draft|sent
EOF
try 'send Q3 and accept it' 0 crm quote send Q-2026-00003
try 'accept' 0 crm quote accept Q-2026-00003
out_empty
err_empty
sql_is 'SELECT status FROM doc WHERE id = 3' <<'EOF'
accepted
EOF
try 'an empty quote to reject' 0 crm quote new C00002
out_is <<'EOF'
Q-2026-00004
EOF
try 'reject' 0 crm quote reject Q-2026-00004
err_empty
try 'list --status open' 0 crm quote list --status open --format csv --columns number,status
out_is <<'EOF'
number,status
Q-2026-00001,sent
Q-2026-00002,draft
EOF
try 'list --status rejected' 0 crm quote list --status rejected --format csv --columns number
out_is <<'EOF'
number
Q-2026-00004
EOF

# ---- expiry ----

# Q2 is valid until 2026-11-30: from 2026-12-01 it shows as expired (and
# stays draft in the table); Q1 (until 2026-12-22) is still sent.
try 'list on 2026-12-01' 0 at 2026-12-01 crm quote list --format csv --columns number,valid_until,status
out_is <<'EOF'
number,valid_until,status
Q-2026-00001,2026-12-22,sent
Q-2026-00002,2026-11-30,expired
Q-2026-00003,2027-01-21,accepted
Q-2026-00004,2026-12-22,rejected
EOF
try 'list --status expired' 0 crm --today 2026-12-01 quote list --status expired --format csv --columns number
out_is <<'EOF'
number
Q-2026-00002
EOF
try 'list --status draft leaves the expired one out' 0 crm --today 2026-12-01 quote list --status draft --format csv --columns number
out_is <<'EOF'
number
EOF
try 'on its last day it is still draft' 0 crm --today 2026-11-30 quote show Q-2026-00002 --format csv --columns number,status
out_is <<'EOF'
number,status
Q-2026-00002,draft
EOF
try 'show after it' 0 crm --today 2026-12-01 quote show Q-2026-00002 --format csv --columns number,status
out_is <<'EOF'
number,status
Q-2026-00002,expired
EOF
try 'send refuses an expired quote' 4 crm --today 2026-12-01 quote send Q-2026-00002
out_empty
err_is <<'EOF'
crm: quote send: quote Q-2026-00002 expired on 2026-12-01 (valid until 2026-11-30)
EOF
sql_is 'SELECT status FROM doc WHERE id = 2' <<'EOF'
draft
EOF
try 'accept refuses an expired sent quote' 4 crm --today 2026-12-23 quote accept Q-2026-00001
err_is <<'EOF'
crm: quote accept: quote Q-2026-00001 expired on 2026-12-23 (valid until 2026-12-22)
EOF
try 'convert refuses it too' 4 crm --today 2026-12-23 quote convert Q-2026-00001
err_is <<'EOF'
crm: quote convert: quote Q-2026-00001 expired on 2026-12-23 (valid until 2026-12-22)
EOF
try 'an expired quote can be rejected' 0 crm --today 2026-12-01 quote reject Q-2026-00002
sql_is 'SELECT status FROM doc WHERE id = 2' <<'EOF'
rejected
EOF

# ---- convert ----

try 'convert a sent quote' 0 crm quote convert Q-2026-00001 --promised 2026-12-15
out_is <<'EOF'
SO-2026-00001
EOF
err_empty
sql_is "SELECT id, kind, number, customer_id, status, date, valid_until, promised, source_id, ship_to, subtotal, discount, tax, total FROM doc WHERE kind = 'order'" <<'EOF'
5|order|SO-2026-00001|1|draft|2026-11-22||2026-12-15|1|Main St 1, 10115 Berlin, DE|4425|298|509|4636
EOF
# the same lines, each pointing at its quote line
sql_is 'SELECT o.pos, o.description, o.qty, o.price, o.discount_rate, o.tax_rate, o.net, o.tax, q.doc_id, q.pos FROM doc_line o JOIN doc_line q ON q.id = o.source_line_id WHERE o.doc_id = 5 ORDER BY o.pos' <<'EOF'
1|Widget|2500|1190|1000|1900|2677|509|1|1
2|Heavy thing, loose|1125|400|0|0|450|0|1|2
3|Freight|1000|1000|0|0|1000|0|1|3
EOF
sql_is 'SELECT status FROM doc WHERE id = 1' <<'EOF'
accepted
EOF
try 'convert an accepted quote' 0 crm quote convert Q-2026-00003
out_is <<'EOF'
SO-2026-00002
EOF
sql_is 'SELECT number, status, promised IS NULL, source_id, total FROM doc WHERE id = 6; SELECT status FROM doc WHERE id = 3' <<'EOF'
SO-2026-00002|draft|1|3|7952
accepted
EOF
try 'convert again is refused' 4 crm quote convert Q-2026-00003
err_is <<'EOF'
crm: quote convert: quote Q-2026-00003 is already order SO-2026-00002
EOF
try 'convert a rejected quote is refused' 4 crm quote convert Q-2026-00004
err_is <<'EOF'
crm: quote convert: quote Q-2026-00004 is rejected, not sent or accepted
EOF

# ---- new --from ----

try 'new from an earlier quote' 0 crm quote new C00002 --from Q-2026-00001
out_is <<'EOF'
Q-2026-00005
EOF
err_empty
# the lines as they were (W1 at 11.90, not today's 12.50), no source lines
sql_is 'SELECT pos, product_id, description, qty, unit, price, discount_rate, tax_rate, gross, discount, net, tax, source_line_id IS NULL FROM doc_line WHERE doc_id = 7 ORDER BY pos; SELECT customer_id, status, source_id, subtotal, discount, tax, total FROM doc WHERE id = 7' <<'EOF'
1|1|Widget|2500|pcs|1190|1000|1900|2975|298|2677|509|1
2|2|Heavy thing, loose|1125|kg|400|0|0|450|0|450|0|1
3||Freight|1000|pcs|1000|0|0|1000|0|1000|0|1
2|draft|1|4425|298|509|4636
EOF
try 'show names the source' 0 crm quote show Q-2026-00005 --format csv --columns number,source,total
out_is <<'EOF'
number,source,total
Q-2026-00005,Q-2026-00001,46.36
EOF

# ---- customer show ----

try 'customer show lists the documents' 0 crm customer show C00001 --format table
sed -n '/^documents:/,$p' "$T/out" >"$T/docs"
compare 'documents' "$T/docs" <<'EOF'
documents:
KIND   NUMBER         DATE        STATUS    TOTAL
order  SO-2026-00002  2026-11-22  draft     79.52
order  SO-2026-00001  2026-11-22  draft     46.36
quote  Q-2026-00003   2026-11-22  accepted  79.52
quote  Q-2026-00001   2026-11-22  accepted  46.36
EOF

# ---- numbering ----

try 'a new year starts the series again' 0 crm --today 2027-01-02 quote new C00001
out_is <<'EOF'
Q-2027-00001
EOF
sql_is "SELECT date, valid_until FROM doc WHERE number = 'Q-2027-00001'; SELECT series, year, last FROM number_series ORDER BY series, year" <<'EOF'
2027-01-02|2027-02-01
order|2026|2
quote|2026|5
quote|2027|1
EOF
try 'and 2026 goes on where it was' 0 crm quote new C00001
out_is <<'EOF'
Q-2026-00006
EOF

# A series that repeats a number: the number is taken inside the
# transaction, the insert is refused, and the rollback gives it back.
try 'a series without the year' 0 crm config set series.quote 'Q-2026-{#####}'
snapshot=$(sqlite3 "$CRM_DB" "SELECT count(*) FROM doc; SELECT group_concat(series || ':' || year || ':' || last, ' ') FROM number_series; SELECT count(*) FROM audit")
try 'a number taken already is refused' 4 crm quote new C00001
out_empty
err_is <<'EOF'
crm: quote new: number Q-2026-00001 is taken already (see series.quote)
EOF
sqlite3 "$CRM_DB" "SELECT count(*) FROM doc; SELECT group_concat(series || ':' || year || ':' || last, ' ') FROM number_series; SELECT count(*) FROM audit" >"$T/now"
echo "$snapshot" | compare 'the series and documents are unchanged' "$T/now"
try 'back to the default series' 0 crm config unset series.quote
try 'a bad valid-until writes nothing' 4 crm quote new C00001 --valid-until 2026-11-01
err_is <<'EOF'
crm: quote new: valid-until 2026-11-01 is before the date 2026-11-22
EOF
try 'the next number has no gap' 0 crm quote new C00001
out_is <<'EOF'
Q-2026-00007
EOF

# ---- bad input: message, exit code, nothing written ----

snapshot=$(sqlite3 "$CRM_DB" "SELECT count(*) || ' docs' FROM doc; SELECT count(*) || ' lines ' || sum(qty + price + discount_rate + tax_rate + pos + net + tax) FROM doc_line; SELECT group_concat(series || ':' || year || ':' || last, ' ') FROM number_series; SELECT count(*) || ' audit' FROM audit; SELECT group_concat(number || '=' || status || '/' || total, ' ') FROM doc")
nothing_written() {
	sqlite3 "$CRM_DB" "SELECT count(*) || ' docs' FROM doc; SELECT count(*) || ' lines ' || sum(qty + price + discount_rate + tax_rate + pos + net + tax) FROM doc_line; SELECT group_concat(series || ':' || year || ':' || last, ' ') FROM number_series; SELECT count(*) || ' audit' FROM audit; SELECT group_concat(number || '=' || status || '/' || total, ' ') FROM doc" >"$T/now"
	echo "$snapshot" | compare 'nothing written' "$T/now"
}

try 'unknown SKU' 3 crm quote line add Q-2026-00006 --product NOPE --qty 1
out_empty
err_is <<'EOF'
crm: quote line add: no product 'NOPE'
EOF
nothing_written
try 'archived product' 4 crm quote line add Q-2026-00006 --product OLD --qty 1
err_is <<'EOF'
crm: quote line add: product OLD is archived
EOF
nothing_written
try 'zero quantity' 4 crm quote line add Q-2026-00006 --product W1 --qty 0
err_is <<'EOF'
crm: quote line add: quantity '0' is not a number greater than 0 with at most 3 decimals
EOF
nothing_written
try 'negative quantity' 4 crm quote line add Q-2026-00006 --product W1 --qty -2
err_is <<'EOF'
crm: quote line add: quantity '-2' is not a number greater than 0 with at most 3 decimals
EOF
nothing_written
try 'four decimals' 4 crm quote line add Q-2026-00006 --product W1 --qty 1.2345
err_is <<'EOF'
crm: quote line add: quantity '1.2345' is not a number greater than 0 with at most 3 decimals
EOF
nothing_written
try 'discount 101' 4 crm quote line add Q-2026-00006 --product W1 --qty 1 --discount 101
err_is <<'EOF'
crm: quote line add: discount '101' is not a percentage from 0 to 100 with at most 2 decimals
EOF
nothing_written
try 'tax rate with three decimals' 4 crm quote line add Q-2026-00006 --text X --qty 1 \
	--price 1 --tax-rate 7.125
err_is <<'EOF'
crm: quote line add: tax rate '7.125' is not a percentage from 0 to 100 with at most 2 decimals
EOF
try 'negative price' 4 crm quote line add Q-2026-00006 --product W1 --qty 1 --price -1
err_is <<'EOF'
crm: quote line add: price '-1' is not an amount of 0 or more with at most 2 decimals
EOF
try 'a text line needs a price' 4 crm quote line add Q-2026-00006 --text Advice --qty 1
err_is <<'EOF'
crm: quote line add: a text line needs a price
EOF
nothing_written
try 'editing a sent quote' 4 crm quote line edit Q-2026-00001 1 --qty 3
err_is <<'EOF'
crm: quote line edit: quote Q-2026-00001 is accepted; only a draft quote has its lines changed
EOF
try 'adding to a sent quote' 4 crm quote line add Q-2026-00001 --product W1 --qty 1
err_is <<'EOF'
crm: quote line add: quote Q-2026-00001 is accepted; only a draft quote has its lines changed
EOF
try 'removing from a sent quote' 4 crm quote line rm Q-2026-00001 1
err_is <<'EOF'
crm: quote line rm: quote Q-2026-00001 is accepted; only a draft quote has its lines changed
EOF
nothing_written
try 'unknown quote' 3 crm quote show Q-2026-09999
out_empty
err_is <<'EOF'
crm: quote show: no quote 'Q-2026-09999'
EOF
try 'unknown quote by id' 3 crm quote line add 99 --product W1 --qty 1
err_is <<'EOF'
crm: quote line add: no quote '99'
EOF
try 'an order is not a quote' 3 crm quote show SO-2026-00001
err_is <<'EOF'
crm: quote show: no quote 'SO-2026-00001'
EOF
try 'unknown line' 3 crm quote line edit Q-2026-00005 9 --qty 1
err_is <<'EOF'
crm: quote line edit: no line 9 on quote Q-2026-00005
EOF
try 'unknown line to remove' 3 crm quote line rm Q-2026-00005 4
err_is <<'EOF'
crm: quote line rm: no line 4 on quote Q-2026-00005
EOF
nothing_written
try 'unknown customer' 3 crm quote new C09999
err_is <<'EOF'
crm: quote new: no customer 'C09999'
EOF
try 'unknown --from' 3 crm quote new C00001 --from Q-2025-00001
err_is <<'EOF'
crm: quote new: no quote 'Q-2025-00001'
EOF
try 'a bad date' 4 crm quote new C00001 --valid-until 2026-02-30
err_is <<'EOF'
crm: quote new: valid-until '2026-02-30' is not a date
EOF
nothing_written
try 'accept a draft' 4 crm quote accept Q-2026-00005
err_is <<'EOF'
crm: quote accept: quote Q-2026-00005 is draft, not sent
EOF
try 'send twice' 4 crm quote send Q-2026-00003
err_is <<'EOF'
crm: quote send: quote Q-2026-00003 is accepted, not draft
EOF
try 'reject an accepted quote' 4 crm quote reject Q-2026-00003
err_is <<'EOF'
crm: quote reject: quote Q-2026-00003 is accepted, not draft or sent
EOF
try 'send a quote without lines' 4 crm quote send Q-2026-00006
err_is <<'EOF'
crm: quote send: quote Q-2026-00006 has no lines
EOF
try 'convert a draft' 4 crm quote convert Q-2026-00005
err_is <<'EOF'
crm: quote convert: quote Q-2026-00005 is draft, not sent or accepted
EOF
try 'list with a bad status' 4 crm quote list --status shipped
err_is <<'EOF'
crm: quote list: 'shipped' is not a quote status (draft, sent, accepted, rejected, expired, open, all)
EOF
nothing_written

# ---- usage ----

try 'product and text' 2 crm quote line add Q-2026-00006 --product W1 --text X --qty 1
out_empty
err_is <<'EOF'
crm: quote line add: give one of --product and --text
usage: crm quote line add QUOTE (--product SKU | --text TEXT) --qty Q [--price P]
                   [--discount PCT] [--tax-rate R] [--description TEXT]
Adds a line to a draft quote and prints its position.  Without --price a
product line takes the customer's last price for it, else the product's.
EOF
try 'no quantity' 2 crm quote line add Q-2026-00006 --product W1
err_is <<'EOF'
crm: quote line add: --qty is required
usage: crm quote line add QUOTE (--product SKU | --text TEXT) --qty Q [--price P]
                   [--discount PCT] [--tax-rate R] [--description TEXT]
Adds a line to a draft quote and prints its position.  Without --price a
product line takes the customer's last price for it, else the product's.
EOF
try 'edit without a change' 2 crm quote line edit Q-2026-00005 1
err_is <<'EOF'
crm: quote line edit: nothing to change
usage: crm quote line edit QUOTE POS [--qty Q] [--price P] [--discount PCT]
                    [--tax-rate R] [--description TEXT]
Changes a line of a draft quote; its amounts and the totals follow.
EOF
try 'a bad position' 2 crm quote line rm Q-2026-00005 x
err_is <<'EOF'
crm: quote line rm: POS 'x' is not a count
EOF
try 'an unknown line verb' 2 crm quote line move Q-2026-00005 1
err_is <<'EOF'
crm: quote line: unknown verb 'move'; see 'crm quote line --help'
EOF
nothing_written
try 'line --help' 0 crm quote line --help
out_is <<'EOF'
usage: crm quote line add|edit|rm QUOTE ...
   add    QUOTE (--product SKU | --text TEXT) --qty Q [--price P] ...
   edit   QUOTE POS [--qty Q] [--price P] [--discount PCT] ...
   rm     QUOTE POS
EOF
for v in new list show send accept reject convert; do
	try "$v -h" 0 crm quote "$v" -h
	sed -n 1p "$T/out" | cut -d' ' -f1-4 >"$T/first"
	echo "usage: crm quote $v" | compare 'usage line' "$T/first"
done
for v in add edit rm; do
	try "line $v -h" 0 crm quote line "$v" -h
	sed -n 1p "$T/out" | cut -d' ' -f1-5 >"$T/first"
	echo "usage: crm quote line $v" | compare 'usage line' "$T/first"
done

done_testing
