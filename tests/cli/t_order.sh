#!/bin/sh
# crm order: new, line add|edit|rm, confirm (the credit limit, --force and
# its audit row), cancel, list, show; bad input refused with nothing
# written.  Deliveries are in t_delivery.sh.
. "$(dirname "$0")/lib.sh"

# unchanged: as many orders, lines and audit rows as before, and the
# statuses listed.
unchanged() {
	sql_is "SELECT count(*) FROM doc; SELECT count(*) FROM doc_line; SELECT count(*) FROM audit; SELECT group_concat(status, ',') FROM (SELECT status FROM doc ORDER BY id)" <<EOF
$1
$2
$3
$4
EOF
}

try 'a customer with a credit limit' 0 crm customer add 'Acme Trading' --owner bob \
	--street '1 Main St' --city Leeds --postcode 'LS1 1AA' --country GB --credit-limit 1000
try 'one without' 0 crm customer add 'Birch Ltd'
try 'one with a small limit' 0 crm customer add 'Cedar plc' --credit-limit 100
try 'a product' 0 crm product add W-1 Widget --price 12.50 --tax-rate 19
try 'a service' 0 crm product add S-1 Service --price 80 --unit h --tax-rate 19

# ---- new ----

try 'new prints the number' 0 crm order new C00001 --promised 2026-11-25 --note rush
out_is <<'EOF'
SO-2026-00001
EOF
err_empty
sql_is 'SELECT kind, number, customer_id, status, date, promised, ship_to, note, total, created FROM doc' <<'EOF'
order|SO-2026-00001|1|draft|2026-11-22|2026-11-25|1 Main St, LS1 1AA Leeds, GB|rush|0|2026-11-22T09:30:00
EOF
sql_is "SELECT entity, entity_id, action, json_extract(new, '\$.status') FROM audit WHERE entity = 'order'" <<'EOF'
order|1|insert|draft
EOF
sql_is 'SELECT series, year, last FROM number_series' <<'EOF'
order|2026|1
EOF

try 'new for an unknown customer' 3 crm order new C00099
out_empty
err_is <<'EOF'
crm: order new: no customer 'C00099'
EOF
try 'new with a bad promised date' 4 crm order new C00001 --promised 2026-02-30
err_is <<'EOF'
crm: order new: promised '2026-02-30' is not a date
EOF
try 'new without a customer' 2 crm order new
unchanged 1 0 6 draft
sql_is 'SELECT series, year, last FROM number_series' <<'EOF'
order|2026|1
EOF

try 'new -h' 0 crm order new -h
out_is <<'EOF'
usage: crm order new CUSTOMER [--promised DATE] [--note TEXT]
Makes a draft order for CUSTOMER (shipped to its address) and prints its
number (series.order).  Add lines with 'crm order line add', then confirm it.
EOF

# ---- lines: the verbs of crm quote line ----

try 'line add a product' 0 crm order line add SO-2026-00001 --product W-1 --qty 10
out_is <<'EOF'
1
EOF
err_empty
try 'line add a text line' 0 crm order line add SO-2026-00001 --text Temp --qty 1 --price 5
out_is <<'EOF'
2
EOF
try 'line add with a discount' 0 crm order line add SO-2026-00001 --text Setup --qty 2.5 \
	--price 80 --discount 10
out_is <<'EOF'
3
EOF
try 'line add by id, a fraction of an hour' 0 crm order line add 1 --product S-1 --qty 1.5
out_is <<'EOF'
4
EOF
try 'line edit' 0 crm order line edit SO-2026-00001 1 --qty 8
out_empty
try 'line rm renumbers' 0 crm order line rm SO-2026-00001 2
out_empty
# By hand:
#   1 Widget   8 x 12.50 = 100.00, tax 19 % 19.00
#   2 Setup    2.5 x 80.00 = 200.00, discount 10 % 20.00, net 180.00, no tax
#   3 Service  1.5 x 80.00 = 120.00, tax 19 % 22.80
#   subtotal 420.00, discount 20.00, tax 41.80, total 441.80
sql_is 'SELECT pos, description, qty, price, discount_rate, tax_rate, gross, discount, net, tax FROM doc_line ORDER BY pos' <<'EOF'
1|Widget|8000|1250|0|1900|10000|0|10000|1900
2|Setup|2500|8000|1000|0|20000|2000|18000|0
3|Service|1500|8000|0|1900|12000|0|12000|2280
EOF
sql_is 'SELECT subtotal, discount, tax, total FROM doc' <<'EOF'
42000|2000|4180|44180
EOF

try 'line add without --qty' 2 crm order line add SO-2026-00001 --product W-1
err_is <<'EOF'
crm: order line add: --qty is required
usage: crm order line add ORDER (--product SKU | --text TEXT) --qty Q [--price P]
                   [--discount PCT] [--tax-rate R] [--description TEXT]
Adds a line to a draft order and prints its position.  Without --price a
product line takes the customer's last price for it, else the product's.
EOF
try 'line add with both --product and --text' 2 crm order line add SO-2026-00001 \
	--product W-1 --text x --qty 1
err_is <<'EOF'
crm: order line add: give one of --product and --text
usage: crm order line add ORDER (--product SKU | --text TEXT) --qty Q [--price P]
                   [--discount PCT] [--tax-rate R] [--description TEXT]
Adds a line to a draft order and prints its position.  Without --price a
product line takes the customer's last price for it, else the product's.
EOF
try 'line add of an unknown product' 3 crm order line add SO-2026-00001 --product NOPE --qty 1
err_is <<'EOF'
crm: order line add: no product 'NOPE'
EOF
try 'line add with a negative quantity' 4 crm order line add SO-2026-00001 --product W-1 \
	--qty -1
err_is <<'EOF'
crm: order line add: quantity '-1' is not a number greater than 0 with at most 3 decimals
EOF
try 'line add to an unknown order' 3 crm order line add SO-2026-00009 --product W-1 --qty 1
err_is <<'EOF'
crm: order line add: no order 'SO-2026-00009'
EOF
try 'line edit of an unknown line' 3 crm order line edit SO-2026-00001 9 --qty 1
err_is <<'EOF'
crm: order line edit: no line 9 on order SO-2026-00001
EOF
try 'line rm of position 0' 2 crm order line rm SO-2026-00001 0
err_is <<'EOF'
crm: order line rm: POS '0' is not a count
EOF
try 'an unknown line verb' 2 crm order line foo SO-2026-00001
err_is <<'EOF'
crm: order line: unknown verb 'foo'; see 'crm order line --help'
EOF
unchanged 1 3 12 draft

# ---- show ----

try 'show as a table' 0 crm order show SO-2026-00001 --format table
out_is <<'EOF'
kind           order
number         SO-2026-00001
status         draft
customer       C00001
customer_name  Acme Trading
date           2026-11-22
promised       2026-11-25
ship_to        1 Main St, LS1 1AA Leeds, GB
note           rush
subtotal       420.00
discount       20.00
tax            41.80
total          441.80
shipping       none

lines:
POS  SKU  DESCRIPTION  QTY  UNIT  PRICE  DISCOUNT_RATE   GROSS  DISCOUNT     NET  TAX_RATE    TAX
  1  W-1  Widget         8  pcs   12.50              0  100.00      0.00  100.00        19  19.00
  2       Setup        2.5  pcs   80.00             10  200.00     20.00  180.00         0   0.00
  3  S-1  Service      1.5  h     80.00              0  120.00      0.00  120.00        19  22.80

fulfilment:
POS  SKU  DESCRIPTION  ORDERED  SHIPPED  BACKORDER  INVOICED
  1  W-1  Widget             8        0          8         0
  2       Setup            2.5        0        2.5         0
  3  S-1  Service          1.5        0        1.5         0
EOF
try 'show as json' 0 crm order show 1 --format json
out_is <<'EOF'
{"kind":"order","number":"SO-2026-00001","status":"draft","customer":"C00001","customer_name":"Acme Trading","date":"2026-11-22","valid_until":null,"promised":"2026-11-25","due":null,"source":null,"ship_to":"1 Main St, LS1 1AA Leeds, GB","note":"rush","subtotal":420.00,"discount":20.00,"tax":41.80,"total":441.80,"lines":[{"pos":1,"sku":"W-1","description":"Widget","qty":8,"unit":"pcs","price":12.50,"discount_rate":0,"gross":100.00,"discount":0.00,"net":100.00,"tax_rate":19,"tax":19.00},{"pos":2,"sku":null,"description":"Setup","qty":2.5,"unit":"pcs","price":80.00,"discount_rate":10,"gross":200.00,"discount":20.00,"net":180.00,"tax_rate":0,"tax":0.00},{"pos":3,"sku":"S-1","description":"Service","qty":1.5,"unit":"h","price":80.00,"discount_rate":0,"gross":120.00,"discount":0.00,"net":120.00,"tax_rate":19,"tax":22.80}],"shipping":"none","fulfilment":[{"pos":1,"sku":"W-1","description":"Widget","ordered":8,"shipped":0,"backorder":8,"invoiced":0},{"pos":2,"sku":null,"description":"Setup","ordered":2.5,"shipped":0,"backorder":2.5,"invoiced":0},{"pos":3,"sku":"S-1","description":"Service","ordered":1.5,"shipped":0,"backorder":1.5,"invoiced":0}],"deliveries":[]}
EOF
try 'show as csv: the fields' 0 crm order show SO-2026-00001 --format csv
out_is <<'EOF'
kind,number,status,customer,customer_name,date,valid_until,promised,due,source,ship_to,note,subtotal,discount,tax,total,shipping
order,SO-2026-00001,draft,C00001,Acme Trading,2026-11-22,,2026-11-25,,,"1 Main St, LS1 1AA Leeds, GB",rush,420.00,20.00,41.80,441.80,none
EOF
try 'show an unknown order' 3 crm order show SO-2026-00099
err_is <<'EOF'
crm: order show: no order 'SO-2026-00099'
EOF

# ---- confirm and the credit limit ----

try 'confirm an order without lines' 0 crm order new C00001
out_is <<'EOF'
SO-2026-00002
EOF
try 'is refused' 4 crm order confirm SO-2026-00002
err_is <<'EOF'
crm: order confirm: order SO-2026-00002 has no lines
EOF

try 'confirm within the limit' 0 crm order confirm SO-2026-00001
out_empty
err_empty
sql_is "SELECT status, updated FROM doc WHERE id = 1" <<'EOF'
confirmed|2026-11-22T09:30:00
EOF
sql_is "SELECT json_extract(old, '\$.status'), json_extract(new, '\$.status') FROM audit WHERE entity = 'order' AND entity_id = 1 ORDER BY id DESC LIMIT 1" <<'EOF'
draft|confirmed
EOF
try 'confirm twice' 4 crm order confirm SO-2026-00001
err_is <<'EOF'
crm: order confirm: order SO-2026-00001 is confirmed, not a draft
EOF
try 'lines of a confirmed order stay as they are' 4 crm order line add SO-2026-00001 \
	--product W-1 --qty 1
out_empty
err_is <<'EOF'
crm: order line add: order SO-2026-00001 is confirmed; only a draft order has its lines changed
EOF

# The second order takes the last price of W-1 for Acme (12.50, on the
# first order): 50 x 12.50 = 625.00, tax 118.75, total 743.75.  Exposure:
# the confirmed first order, not invoiced, 441.80; 441.80 + 743.75 =
# 1185.55 > 1000.00.
try 'a line at the last price' 0 crm order line add SO-2026-00002 --product W-1 --qty 50
out_is <<'EOF'
1
EOF
err_is <<'EOF'
last price for C00001: 12.50 (was SO-2026-00001 on 2026-11-22)
EOF
unchanged 2 4 15 confirmed,draft
try 'confirm over the credit limit' 4 crm order confirm SO-2026-00002
out_empty
err_is <<'EOF'
crm: order confirm: order SO-2026-00002 would take C00001 over its credit limit: limit 1000.00, exposure 441.80, this order 743.75, total 1185.55 (--force to confirm anyway)
EOF
unchanged 2 4 15 confirmed,draft

try 'confirm with --force' 0 crm order confirm SO-2026-00002 --force
out_empty
err_is <<'EOF'
crm: order confirm: order SO-2026-00002 would take C00001 over its credit limit: limit 1000.00, exposure 441.80, this order 743.75, total 1185.55; confirmed with --force
EOF
unchanged 2 4 17 confirmed,confirmed
sql_is "SELECT user, entity, entity_id, customer_id, action, old, new FROM audit WHERE new LIKE '%credit_override%'" <<'EOF'
ann|order|2|1|update||{"credit_override":{"limit":"1000.00","exposure":"441.80","order":"743.75","total":"1185.55"}}
EOF
# Up to the limit is allowed: 100.00 of 100.00.  Then 0.01 more is not.
try 'an order of exactly the limit' 0 crm order new C00003
try 'its line' 0 crm order line add SO-2026-00003 --text Fee --qty 1 --price 100
try 'is confirmed' 0 crm order confirm SO-2026-00003
err_empty
try 'a cent more' 0 crm order new C00003
try 'its line' 0 crm order line add SO-2026-00004 --text Stamp --qty 1 --price 0.01
try 'is refused' 4 crm order confirm SO-2026-00004
err_is <<'EOF'
crm: order confirm: order SO-2026-00004 would take C00003 over its credit limit: limit 100.00, exposure 100.00, this order 0.01, total 100.01 (--force to confirm anyway)
EOF
try '--force where the limit is not passed records nothing more' 0 crm order new C00002
try 'its line' 0 crm order line add SO-2026-00005 --product S-1 --qty 100
try 'confirmed, no limit' 0 crm order confirm SO-2026-00005 --force
err_empty
sql_is "SELECT count(*) FROM audit WHERE new LIKE '%credit_override%'" <<'EOF'
1
EOF
try 'confirm -h' 0 crm order confirm -h
out_is <<'EOF'
usage: crm order confirm ORDER [--force]
Confirms a draft order.  Refused when the customer's exposure plus the order
would pass its credit limit, unless --force (recorded in the audit log).
EOF

# ---- cancel ----

try 'cancel a draft with a reason' 0 crm order cancel SO-2026-00004 --reason 'customer withdrew'
out_empty
err_empty
sql_is 'SELECT status, note FROM doc WHERE id = 4' <<'EOF'
cancelled|cancelled: customer withdrew
EOF
try 'cancel a confirmed order with nothing shipped' 0 crm order cancel SO-2026-00003
sql_is 'SELECT status, note FROM doc WHERE id = 3' <<'EOF'
cancelled|
EOF
try 'a reason after the note' 0 crm order new C00002 --note 'call first'
try 'cancelled' 0 crm order cancel SO-2026-00006 --reason 'duplicate'
sql_is "SELECT note FROM doc WHERE id = 6" <<'EOF'
call first
cancelled: duplicate
EOF
unchanged 6 7 29 confirmed,confirmed,cancelled,cancelled,confirmed,cancelled
try 'cancel twice' 4 crm order cancel SO-2026-00004
err_is <<'EOF'
crm: order cancel: order SO-2026-00004 is already cancelled
EOF
try 'a cancelled order is not confirmed' 4 crm order confirm SO-2026-00004
err_is <<'EOF'
crm: order confirm: order SO-2026-00004 is cancelled, not a draft
EOF
try 'a cancelled order takes no lines' 4 crm order line add SO-2026-00004 --text x --qty 1 \
	--price 1
try 'cancel an unknown order' 3 crm order cancel SO-2026-00099
err_is <<'EOF'
crm: order cancel: no order 'SO-2026-00099'
EOF
try 'cancel with a reason with control characters' 4 crm order cancel SO-2026-00005 \
	--reason "$(printf 'a\tb')"
unchanged 6 7 29 confirmed,confirmed,cancelled,cancelled,confirmed,cancelled

# ---- list ----

try 'list as csv: every order, oldest first' 0 crm order list --format csv
out_is <<'EOF'
number,customer,name,date,promised,status,shipping,total
SO-2026-00001,C00001,Acme Trading,2026-11-22,2026-11-25,open,none,441.80
SO-2026-00002,C00001,Acme Trading,2026-11-22,,open,none,743.75
SO-2026-00003,C00003,Cedar plc,2026-11-22,,cancelled,none,100.00
SO-2026-00004,C00003,Cedar plc,2026-11-22,,cancelled,none,0.01
SO-2026-00005,C00002,Birch Ltd,2026-11-22,,open,none,9520.00
SO-2026-00006,C00002,Birch Ltd,2026-11-22,,cancelled,none,0.00
EOF
try 'list as json, by customer and status' 0 crm order list --customer C00001 --status open \
	--format json
out_is <<'EOF'
[
{"number":"SO-2026-00001","customer":"C00001","name":"Acme Trading","date":"2026-11-22","promised":"2026-11-25","status":"open","shipping":"none","total":441.80},
{"number":"SO-2026-00002","customer":"C00001","name":"Acme Trading","date":"2026-11-22","promised":null,"status":"open","shipping":"none","total":743.75}
]
EOF
try 'list cancelled as a table' 0 crm order list --status cancelled --format table
out_is <<'EOF'
NUMBER         CUSTOMER  NAME       DATE        PROMISED  STATUS     SHIPPING   TOTAL
SO-2026-00003  C00003    Cedar plc  2026-11-22            cancelled  none      100.00
SO-2026-00004  C00003    Cedar plc  2026-11-22            cancelled  none        0.01
SO-2026-00006  C00002    Birch Ltd  2026-11-22            cancelled  none        0.00
EOF
try 'list drafts: none' 0 crm order list --status draft --format csv
out_is <<'EOF'
number,customer,name,date,promised,status,shipping,total
EOF
try 'list with an unknown status' 4 crm order list --status done
out_empty
err_is <<'EOF'
crm: order list: unknown status 'done' (draft, open, partial, shipped, cancelled, all)
EOF
try 'list for an unknown customer' 3 crm order list --customer C00099
err_is <<'EOF'
crm: order list: no customer 'C00099'
EOF

# ---- customer show lists the orders ----

try 'customer show: documents' 0 crm customer show C00003 --format json --columns documents
out_is <<'EOF'
{"documents":[{"kind":"order","number":"SO-2026-00004","date":"2026-11-22","status":"cancelled","total":0.01},{"kind":"order","number":"SO-2026-00003","date":"2026-11-22","status":"cancelled","total":100.00}]}
EOF

# ---- usage ----

try 'no verb' 2 crm order
try 'unknown verb' 2 crm order ship
err_is <<'EOF'
crm: order: unknown verb 'ship'; see 'crm order --help'
EOF
try 'show without an order' 2 crm order show
try 'line without a verb' 2 crm order line

done_testing
