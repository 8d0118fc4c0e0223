#!/bin/sh
# crm delivery: new (all open quantities, or --line POS=QTY), list, show;
# partial deliveries and backorders as order show and order list see them;
# numbering from series.delivery; the remind section "ship"; bad input
# refused with nothing written.
. "$(dirname "$0")/lib.sh"

# unchanged: as many deliveries, delivery lines and audit rows as before,
# and the delivery number series where it was.
unchanged() {
	sql_is "SELECT count(*) FROM delivery; SELECT count(*) FROM delivery_line; SELECT count(*) FROM audit; SELECT ifnull(group_concat(year || ':' || last), '-') FROM number_series WHERE series = 'delivery'" <<EOF
$1
$2
$3
$4
EOF
}

try 'a customer' 0 crm customer add 'Acme Trading' --owner bob --street '1 Main St' \
	--city Leeds --postcode 'LS1 1AA' --country GB
try 'one without owner or address' 0 crm customer add 'Birch Ltd'
try 'a product' 0 crm product add W-1 Widget --price 12.50 --tax-rate 19
try 'one sold by weight' 0 crm product add B-2 Bolts --price 4 --unit kg

# SO-2026-00001 (Acme, promised today): 10 Widget, 2.5 kg Bolts, 1 Installation.
# Its total by hand: 10 x 12.50 = 125.00 + 19 % tax 23.75; 2.5 x 4.00 = 10.00;
# 1 x 100.00 = 100.00; 125.00 + 23.75 + 10.00 + 100.00 = 258.75.
try 'an order' 0 crm order new C00001 --promised 2026-11-22
try 'line 1' 0 crm order line add 1 --product W-1 --qty 10
try 'line 2' 0 crm order line add 1 --product B-2 --qty 2.5
try 'line 3' 0 crm order line add 1 --text Installation --qty 1 --price 100
# SO-2026-00002 (Birch, promised two days ago): 3 Consulting; a draft.
try 'a second order' 0 crm order new C00002 --promised 2026-11-20
try 'its line' 0 crm order line add 2 --text Consulting --qty 3 --price 90
# SO-2026-00003 (Acme, promised tomorrow)
try 'a third order' 0 crm order new C00001 --promised 2026-11-23
try 'its line' 0 crm order line add 3 --product W-1 --qty 1
unchanged 0 0 12 -

# ---- refused: nothing written ----

try 'a draft order' 4 crm delivery new SO-2026-00002
out_empty
err_is <<'EOF'
crm: delivery new: order SO-2026-00002 is a draft: confirm it first
EOF
unchanged 0 0 12 -
try 'confirm the orders' 0 crm order confirm SO-2026-00001
try 'confirm the orders' 0 crm order confirm SO-2026-00002
try 'confirm the orders' 0 crm order confirm SO-2026-00003
unchanged 0 0 15 -

try 'over-delivery' 4 crm delivery new SO-2026-00001 --line 1=10.001
out_empty
err_is <<'EOF'
crm: delivery new: line 1: '10.001' is more than the 10 left to ship
EOF
try 'a line not on the order' 4 crm delivery new SO-2026-00001 --line 1=1 --line 4=1
err_is <<'EOF'
crm: delivery new: order SO-2026-00001 has no line '4'
EOF
try 'a quantity of 0' 4 crm delivery new SO-2026-00001 --line 2=0
err_is <<'EOF'
crm: delivery new: line 2: quantity '0' is not a number greater than 0 with at most 3 decimals
EOF
try 'a negative quantity' 4 crm delivery new SO-2026-00001 --line 2=-1
err_is <<'EOF'
crm: delivery new: line 2: quantity '-1' is not a number greater than 0 with at most 3 decimals
EOF
try 'four decimals' 4 crm delivery new SO-2026-00001 --line 2=0.0001
err_is <<'EOF'
crm: delivery new: line 2: quantity '0.0001' is not a number greater than 0 with at most 3 decimals
EOF
try 'not POS=QTY' 4 crm delivery new SO-2026-00001 --line 2
err_is <<'EOF'
crm: delivery new: '2' is not POS=QTY
EOF
try 'no position' 4 crm delivery new SO-2026-00001 --line =2
err_is <<'EOF'
crm: delivery new: '=2' is not POS=QTY
EOF
try 'a line given twice' 4 crm delivery new SO-2026-00001 --line 1=1 --line 1=2
err_is <<'EOF'
crm: delivery new: line '1' is given twice
EOF
try 'a bad date' 4 crm delivery new SO-2026-00001 --date 2026-13-01
err_is <<'EOF'
crm: delivery new: '2026-13-01' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)
EOF
try 'an unknown order' 3 crm delivery new SO-2026-00099
err_is <<'EOF'
crm: delivery new: no order 'SO-2026-00099'
EOF
try 'no order' 2 crm delivery new
unchanged 0 0 15 -

# ---- a partial delivery ----

try 'ship some of two lines' 0 crm delivery new SO-2026-00001 --line 1=4 --line 2=1.25 \
	--tracking TRK-1
out_is <<'EOF'
DN-2026-00001
EOF
err_empty
sql_is 'SELECT id, number, order_id, date, ship_to, tracking, note, created FROM delivery' <<'EOF'
1|DN-2026-00001|1|2026-11-22|1 Main St, LS1 1AA Leeds, GB|TRK-1||2026-11-22T09:30:00
EOF
sql_is 'SELECT delivery_id, order_line_id, qty FROM delivery_line ORDER BY id' <<'EOF'
1|1|4000
1|2|1250
EOF
sql_is "SELECT entity, entity_id, customer_id, action, new FROM audit WHERE entity = 'delivery'" <<'EOF'
delivery|1|1|insert|{"number":"DN-2026-00001","order":"SO-2026-00001","date":"2026-11-22","tracking":"TRK-1"}
EOF
unchanged 1 2 16 2026:1

try 'show as a table' 0 crm delivery show DN-2026-00001 --format table
out_is <<'EOF'
number         DN-2026-00001
order          SO-2026-00001
customer       C00001
customer_name  Acme Trading
date           2026-11-22
ship_to        1 Main St, LS1 1AA Leeds, GB
tracking       TRK-1

lines:
POS  SKU  DESCRIPTION   QTY  UNIT
  1  W-1  Widget          4  pcs
  2  B-2  Bolts        1.25  kg
EOF
try 'show as json, by id' 0 crm delivery show 1 --format json
out_is <<'EOF'
{"number":"DN-2026-00001","order":"SO-2026-00001","customer":"C00001","customer_name":"Acme Trading","date":"2026-11-22","ship_to":"1 Main St, LS1 1AA Leeds, GB","tracking":"TRK-1","note":null,"lines":[{"pos":1,"sku":"W-1","description":"Widget","qty":4,"unit":"pcs"},{"pos":2,"sku":"B-2","description":"Bolts","qty":1.25,"unit":"kg"}]}
EOF
try 'show as csv: the fields' 0 crm delivery show 1 --format csv
out_is <<'EOF'
number,order,customer,customer_name,date,ship_to,tracking,note
DN-2026-00001,SO-2026-00001,C00001,Acme Trading,2026-11-22,"1 Main St, LS1 1AA Leeds, GB",TRK-1,
EOF
try 'show an unknown delivery' 3 crm delivery show DN-2026-00099
err_is <<'EOF'
crm: delivery show: no delivery 'DN-2026-00099'
EOF

# Backorder: 10 - 4 = 6 Widgets, 2.5 - 1.25 = 1.25 kg Bolts, the Installation.
try 'order show: what is shipped and on backorder' 0 crm order show SO-2026-00001 \
	--format table --columns status,shipping,fulfilment,deliveries
out_is <<'EOF'
status    confirmed
shipping  partial

fulfilment:
POS  SKU  DESCRIPTION   ORDERED  SHIPPED  BACKORDER  INVOICED
  1  W-1  Widget             10        4          6         0
  2  B-2  Bolts             2.5     1.25       1.25         0
  3       Installation        1        0          1         0

deliveries:
NUMBER         DATE        TRACKING  LINES
DN-2026-00001  2026-11-22  TRK-1         2
EOF
try 'order list: partial' 0 crm order list --status partial --format csv
out_is <<'EOF'
number,customer,name,date,promised,status,shipping,total
SO-2026-00001,C00001,Acme Trading,2026-11-22,2026-11-22,partial,partial,258.75
EOF
try 'an order with something shipped is not cancelled' 4 crm order cancel SO-2026-00001
err_is <<'EOF'
crm: order cancel: order SO-2026-00001 has deliveries and cannot be cancelled
EOF

# ---- remind: orders to ship ----

# Promised today (partly shipped) and two days ago (nothing shipped, no
# owner); SO-2026-00003 is promised for tomorrow.
try 'remind --only ship' 0 crm remind --only ship --format table
out_is <<'EOF'
Orders to ship
DATE        REP  CUSTOMER  NAME          ITEM                  DETAIL                        REF
2026-11-20       C00002    Birch Ltd     1 of 1 line to ship   nothing shipped, 2 days late  order SO-2026-00002
2026-11-22  bob  C00001    Acme Trading  3 of 3 lines to ship  partly shipped                order SO-2026-00001
EOF
try 'remind --only ship as csv, three days on' 0 crm remind --only ship --format csv \
	--today 2026-11-25
out_is <<'EOF'
section,rep,date,customer,name,item,detail,ref
ship,,2026-11-20,C00002,Birch Ltd,1 of 1 line to ship,"nothing shipped, 5 days late",order SO-2026-00002
ship,bob,2026-11-22,C00001,Acme Trading,3 of 3 lines to ship,"partly shipped, 3 days late",order SO-2026-00001
ship,bob,2026-11-23,C00001,Acme Trading,1 of 1 line to ship,"nothing shipped, 2 days late",order SO-2026-00003
EOF
try 'remind --only ship for one rep' 0 crm remind --only ship --rep bob --format csv --no-header
out_is <<'EOF'
ship,bob,2026-11-22,C00001,Acme Trading,3 of 3 lines to ship,partly shipped,order SO-2026-00001
EOF

# ---- the rest ----

# Line 1 in full (its 6) and line 3; line 2 stays on backorder.
try 'ship what is given, several lines' 0 crm delivery new SO-2026-00001 --line 3=1 \
	--line 1=6 --date 2026-11-23 --note 'left at reception'
out_is <<'EOF'
DN-2026-00002
EOF
try 'over-delivery after a partial one' 4 crm delivery new SO-2026-00001 --line 2=1.26
err_is <<'EOF'
crm: delivery new: line 2: '1.26' is more than the 1.25 left to ship
EOF
try 'a fully shipped line' 4 crm delivery new SO-2026-00001 --line 1=1
err_is <<'EOF'
crm: delivery new: line 1: '1' is more than the 0 left to ship
EOF
unchanged 2 4 17 2026:2
try 'ship the rest' 0 crm delivery new SO-2026-00001 --date 2026-11-24
out_is <<'EOF'
DN-2026-00003
EOF
sql_is 'SELECT delivery_id, order_line_id, qty FROM delivery_line ORDER BY id' <<'EOF'
1|1|4000
1|2|1250
2|1|6000
2|3|1000
3|2|1250
EOF
try 'nothing left' 4 crm delivery new SO-2026-00001
err_is <<'EOF'
crm: delivery new: order SO-2026-00001 has nothing left to ship
EOF
try 'nothing left, with --line' 4 crm delivery new SO-2026-00001 --line 2=1
err_is <<'EOF'
crm: delivery new: order SO-2026-00001 has nothing left to ship
EOF
unchanged 3 5 18 2026:3

try 'order show: shipped' 0 crm order show SO-2026-00001 --format json \
	--columns number,shipping,fulfilment,deliveries
out_is <<'EOF'
{"number":"SO-2026-00001","shipping":"shipped","fulfilment":[{"pos":1,"sku":"W-1","description":"Widget","ordered":10,"shipped":10,"backorder":0,"invoiced":0},{"pos":2,"sku":"B-2","description":"Bolts","ordered":2.5,"shipped":2.5,"backorder":0,"invoiced":0},{"pos":3,"sku":null,"description":"Installation","ordered":1,"shipped":1,"backorder":0,"invoiced":0}],"deliveries":[{"number":"DN-2026-00001","date":"2026-11-22","tracking":"TRK-1","lines":2},{"number":"DN-2026-00002","date":"2026-11-23","tracking":null,"lines":2},{"number":"DN-2026-00003","date":"2026-11-24","tracking":null,"lines":1}]}
EOF
try 'order list: shipped' 0 crm order list --status shipped --format csv --no-header
out_is <<'EOF'
SO-2026-00001,C00001,Acme Trading,2026-11-22,2026-11-22,shipped,shipped,258.75
EOF
try 'a shipped order is not in remind' 0 crm remind --only ship --format csv --no-header
out_is <<'EOF'
ship,,2026-11-20,C00002,Birch Ltd,1 of 1 line to ship,"nothing shipped, 2 days late",order SO-2026-00002
EOF

# A delivery dated next year takes the next year's first number; Birch has
# no address, so the delivery has none.
try 'a delivery in the next year' 0 crm delivery new SO-2026-00002 --date 2027-01-05 \
	--tracking 'UPS 1Z'
out_is <<'EOF'
DN-2027-00001
EOF
sql_is "SELECT series, year, last FROM number_series WHERE series = 'delivery' ORDER BY year" <<'EOF'
delivery|2026|3
delivery|2027|1
EOF
try 'nothing to remind any more' 0 crm remind --only ship
out_empty
err_empty

# SO-2026-00004: cancelled, so nothing ships.
try 'a cancelled order' 0 crm order new C00002
try 'its line' 0 crm order line add 4 --text Gift --qty 1 --price 0
try 'cancelled' 0 crm order cancel 4
try 'is not delivered' 4 crm delivery new SO-2026-00004
err_is <<'EOF'
crm: delivery new: order SO-2026-00004 is cancelled
EOF
unchanged 4 6 21 2026:3,2027:1

# ---- list ----

try 'list as csv' 0 crm delivery list --format csv
out_is <<'EOF'
number,order,customer,name,date,ship_to,tracking,lines,note
DN-2026-00001,SO-2026-00001,C00001,Acme Trading,2026-11-22,"1 Main St, LS1 1AA Leeds, GB",TRK-1,2,
DN-2026-00002,SO-2026-00001,C00001,Acme Trading,2026-11-23,"1 Main St, LS1 1AA Leeds, GB",,2,left at reception
DN-2026-00003,SO-2026-00001,C00001,Acme Trading,2026-11-24,"1 Main St, LS1 1AA Leeds, GB",,1,
DN-2027-00001,SO-2026-00002,C00002,Birch Ltd,2027-01-05,,UPS 1Z,1,
EOF
try 'list as a table' 0 crm delivery list --format table
out_is <<'EOF'
NUMBER         ORDER          CUSTOMER  NAME          DATE        TRACKING  LINES
DN-2026-00001  SO-2026-00001  C00001    Acme Trading  2026-11-22  TRK-1         2
DN-2026-00002  SO-2026-00001  C00001    Acme Trading  2026-11-23                2
DN-2026-00003  SO-2026-00001  C00001    Acme Trading  2026-11-24                1
DN-2027-00001  SO-2026-00002  C00002    Birch Ltd     2027-01-05  UPS 1Z        1
EOF
try 'list one customer as json' 0 crm delivery list --customer C00002 --format json
out_is <<'EOF'
[
{"number":"DN-2027-00001","order":"SO-2026-00002","customer":"C00002","name":"Birch Ltd","date":"2027-01-05","ship_to":null,"tracking":"UPS 1Z","lines":1,"note":null}
]
EOF
try 'list one order' 0 crm delivery list --order SO-2026-00001 --format csv --columns number,date
out_is <<'EOF'
number,date
DN-2026-00001,2026-11-22
DN-2026-00002,2026-11-23
DN-2026-00003,2026-11-24
EOF
try 'list an order without deliveries' 0 crm delivery list --order SO-2026-00003 --format json
out_is <<'EOF'
[]
EOF
try 'list of an unknown order' 3 crm delivery list --order SO-2026-00099
err_is <<'EOF'
crm: delivery list: no order 'SO-2026-00099'
EOF
try 'list with an argument' 2 crm delivery list SO-2026-00001

try 'new -h' 0 crm delivery new -h
out_is <<'EOF'
usage: crm delivery new ORDER [--line POS=QTY ...] [--date DATE] [--tracking T]
                       [--note TEXT]
Ships every open quantity of a confirmed order, or only QTY of its line POS
for each --line, and prints the delivery's number (series.delivery).  What is
not shipped stays on backorder.
EOF

done_testing
