#!/bin/sh
# crm product: add, list, show, edit, archive, import, export, prices; bad
# input refused with nothing written; export → import round trip; the
# price history of a product across documents, newest first.
. "$(dirname "$0")/lib.sh"

# unchanged N M: N products and M audit rows, as before.
unchanged() {
	sql_is 'SELECT count(*) FROM product; SELECT count(*) FROM audit' <<EOF
$1
$2
EOF
}

# ---- add ----

try 'add a product' 0 crm product add W-100 'Widget, large' --price 12.50 --cost 7 \
	--tax-rate 19 --note 'best seller'
out_empty
err_empty
try 'add with a unit and a fractional tax rate' 0 crm product add G-7 Gadget --price 0.99 \
	--unit kg --tax-rate 7.5
try 'add with an all-digit SKU and the defaults' 0 crm product add 1001 'Numeric SKU' --price 3
# money in minor units, rates in hundredths of a percent
sql_is 'SELECT id, sku, name, unit, price, cost, tax_rate, note, archived, created, updated FROM product ORDER BY id' <<'EOF'
1|W-100|Widget, large|pcs|1250|700|1900|best seller|0|2026-11-22T09:30:00|2026-11-22T09:30:00
2|G-7|Gadget|kg|99||750||0|2026-11-22T09:30:00|2026-11-22T09:30:00
3|1001|Numeric SKU|pcs|300||0||0|2026-11-22T09:30:00|2026-11-22T09:30:00
EOF
sql_is "SELECT entity, entity_id, action, user, json_extract(new, '\$.price') FROM audit WHERE entity = 'product'" <<'EOF'
product|1|insert|ann|12.50
product|2|insert|ann|0.99
product|3|insert|ann|3.00
EOF
unchanged 3 3

try 'add: SKU taken' 4 crm product add W-100 Other --price 1
err_is <<'EOF'
crm: product add: product 'W-100' already exists
EOF
try 'add: SKU with a space' 4 crm product add 'W 1' Other --price 1
err_is <<'EOF'
crm: product add: 'W 1' is not a SKU (1-64 characters, no spaces or control characters)
EOF
long=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx # 65 bytes
try 'add: SKU too long' 4 crm product add $long Other --price 1
err_is <<EOF
crm: product add: '$long' is not a SKU (1-64 characters, no spaces or control characters)
EOF
try 'add: empty name' 4 crm product add X-1 '' --price 1
err_is <<'EOF'
crm: product add: '' is not a product name (1-500 characters, no control characters)
EOF
try 'add: unit too long' 4 crm product add X-1 Thing --price 1 --unit abcdefghijklmnopq
err_is <<'EOF'
crm: product add: 'abcdefghijklmnopq' is not a unit (1-16 characters, no control characters)
EOF
try 'add: negative price' 4 crm product add X-1 Thing --price -1
err_is <<'EOF'
crm: product add: price '-1' is negative
EOF
try 'add: price with three decimals' 4 crm product add X-1 Thing --price 1.234
err_is <<'EOF'
crm: product add: amount '1.234' has more than 2 decimals
EOF
try 'add: cost not an amount' 4 crm product add X-1 Thing --price 1 --cost abc
err_is <<'EOF'
crm: product add: 'abc' is not an amount
EOF
try 'add: negative cost' 4 crm product add X-1 Thing --price 1 --cost -0.01
err_is <<'EOF'
crm: product add: cost '-0.01' is negative
EOF
try 'add: tax rate above 100' 4 crm product add X-1 Thing --price 1 --tax-rate 100.01
err_is <<'EOF'
crm: product add: '100.01' is not a tax rate (0-100, up to two decimals)
EOF
try 'add: tax rate with three decimals' 4 crm product add X-1 Thing --price 1 --tax-rate 7.555
err_is <<'EOF'
crm: product add: '7.555' is not a tax rate (0-100, up to two decimals)
EOF
try 'add: negative tax rate' 4 crm product add X-1 Thing --price 1 --tax-rate -5
err_is <<'EOF'
crm: product add: '-5' is not a tax rate (0-100, up to two decimals)
EOF
try 'add: tax rate with a percent sign' 4 crm product add X-1 Thing --price 1 --tax-rate 19%
err_is <<'EOF'
crm: product add: '19%' is not a tax rate (0-100, up to two decimals)
EOF
try 'add: no price' 2 crm product add X-1 Thing
err_is <<'EOF'
crm: product add: --price is required
usage: crm product add SKU NAME --price P [--cost C] [--unit U] [--tax-rate R]
                [--note TEXT] [--warranty MONTHS]
Adds a product.  SKU: 1-64 characters without spaces; unit: pcs unless given;
tax rate: a percent with up to two decimals (19, 7.5), 0 unless given;
warranty: months (0-1200), none unless given.
EOF
try 'add: no name' 2 crm product add X-1 --price 1
out_empty
unchanged 3 3

try 'add: 100 % and 64-byte SKU are the limits' 0 crm product add \
	xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx Limits --price 0 \
	--tax-rate 100 --unit abcdefghijklmnop
sql_is "SELECT length(sku), price, tax_rate, unit FROM product WHERE name = 'Limits'" <<'EOF'
64|0|10000|abcdefghijklmnop
EOF
try 'add: tax rate 0.25' 0 crm product add S-1 Service --price 80 --tax-rate 0.25 --unit h
unchanged 5 5

# ---- list ----

try 'list as a table: the short columns, by SKU' 0 crm product list --format table
out_is <<'EOF'
SKU                                                               NAME           UNIT              PRICE  TAX_RATE
1001                                                              Numeric SKU    pcs                3.00         0
G-7                                                               Gadget         kg                 0.99       7.5
S-1                                                               Service        h                 80.00      0.25
W-100                                                             Widget, large  pcs               12.50        19
xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx  Limits         abcdefghijklmnop   0.00       100
EOF
try 'list as csv' 0 crm product list --format csv --search -
out_is <<'EOF'
sku,name,unit,price,cost,tax_rate,note,warranty_months,archived,created,updated
G-7,Gadget,kg,0.99,,7.5,,,0,2026-11-22T09:30:00,2026-11-22T09:30:00
S-1,Service,h,80.00,,0.25,,,0,2026-11-22T09:30:00,2026-11-22T09:30:00
W-100,"Widget, large",pcs,12.50,7.00,19,best seller,,0,2026-11-22T09:30:00,2026-11-22T09:30:00
EOF
try 'list as json: money and rates are numbers' 0 crm product list --format json --search W-1
out_is <<'EOF'
[
{"sku":"W-100","name":"Widget, large","unit":"pcs","price":12.50,"cost":7.00,"tax_rate":19,"note":"best seller","warranty_months":null,"archived":false,"created":"2026-11-22T09:30:00","updated":"2026-11-22T09:30:00"}
]
EOF
try 'list --search matches the name, ignoring case' 0 crm product list --search GADG \
	--format csv --columns sku,name
out_is <<'EOF'
sku,name
G-7,Gadget
EOF
try 'list --search matches the SKU, ignoring case' 0 crm product list --search w-10 \
	--format ndjson --columns sku,price
out_is <<'EOF'
{"sku":"W-100","price":12.50}
EOF
try 'list --search finding nothing' 0 crm product list --search nothing-like-it --format csv
out_is <<'EOF'
sku,name,unit,price,cost,tax_rate,note,warranty_months,archived,created,updated
EOF
try 'list: --all and --archived together' 2 crm product list --all --archived
out_empty

# ---- show ----

try 'show by SKU' 0 crm product show W-100 --format table
out_is <<'EOF'
id        1
sku       W-100
name      Widget, large
unit      pcs
price     12.50
cost      7.00
tax_rate  19
note      best seller
archived  no
created   2026-11-22T09:30:00
updated   2026-11-22T09:30:00
EOF
try 'show by id' 0 crm product show 2 --format json
out_is <<'EOF'
{"id":2,"sku":"G-7","name":"Gadget","unit":"kg","price":0.99,"cost":null,"tax_rate":7.5,"note":null,"warranty_months":null,"archived":false,"created":"2026-11-22T09:30:00","updated":"2026-11-22T09:30:00","prices":[]}
EOF
try 'show: an all-digit SKU wins over the id' 0 crm product show 1001 --format csv \
	--columns id,sku
out_is <<'EOF'
id,sku
3,1001
EOF
try 'show: unknown product' 3 crm product show NOPE
err_is <<'EOF'
crm: product show: no product 'NOPE'
EOF
try 'show: unknown id' 3 crm product show 99
err_is <<'EOF'
crm: product show: no product '99'
EOF

# ---- edit ----

try 'edit several fields' 0 env CRM_NOW=2026-11-23T08:00:00 "$CRM_BIN" product edit G-7 \
	--sku G-8 --name 'Gadget mk2' --price 1.05 --cost 0.40 --unit pcs --tax-rate 19 \
	--note 'new model'
out_empty
err_empty
sql_is 'SELECT sku, name, unit, price, cost, tax_rate, note, created, updated FROM product WHERE id = 2' <<'EOF'
G-8|Gadget mk2|pcs|105|40|1900|new model|2026-11-22T09:30:00|2026-11-23T08:00:00
EOF
sql_is "SELECT action, json_extract(old, '\$.sku'), json_extract(new, '\$.sku'), json_extract(new, '\$.price') FROM audit WHERE entity = 'product' AND entity_id = 2 ORDER BY id" <<'EOF'
insert||G-7|0.99
update|G-7|G-8|1.05
EOF
try "edit: '' clears the cost and the note" 0 crm product edit G-8 --cost '' --note ''
sql_is 'SELECT cost IS NULL, note IS NULL, price FROM product WHERE id = 2' <<'EOF'
1|1|105
EOF
try 'edit by id, keeping its own SKU' 0 crm product edit 2 --sku G-8 --tax-rate 7.5
sql_is 'SELECT sku, tax_rate FROM product WHERE id = 2' <<'EOF'
G-8|750
EOF
unchanged 5 8
try 'edit to the values it has: no change, no audit row' 0 env CRM_NOW=2026-11-24T08:00:00 \
	"$CRM_BIN" product edit G-8 --price 1.05 --unit pcs
sql_is 'SELECT updated FROM product WHERE id = 2' <<'EOF'
2026-11-22T09:30:00
EOF

try 'edit: SKU taken' 4 crm product edit G-8 --sku W-100
err_is <<'EOF'
crm: product edit: product 'W-100' already exists
EOF
try 'edit: nothing to change' 2 crm product edit G-8
err_is <<'EOF'
crm: product edit: nothing to change
EOF
try 'edit: empty name' 4 crm product edit G-8 --name ''
err_is <<'EOF'
crm: product edit: '' is not a product name (1-500 characters, no control characters)
EOF
try "edit: '' is no price" 4 crm product edit G-8 --price ''
err_is <<'EOF'
crm: product edit: empty amount
EOF
try 'edit: a bad tax rate, with good fields before it' 4 crm product edit G-8 --name Fine \
	--tax-rate 101
err_is <<'EOF'
crm: product edit: '101' is not a tax rate (0-100, up to two decimals)
EOF
try 'edit: unknown product' 3 crm product edit NOPE --price 1
err_is <<'EOF'
crm: product edit: no product 'NOPE'
EOF
sql_is 'SELECT sku, name, price, tax_rate FROM product WHERE id = 2' <<'EOF'
G-8|Gadget mk2|105|750
EOF
unchanged 5 8

# ---- archive ----

try 'archive' 0 crm product archive G-8
out_empty
err_empty
sql_is "SELECT archived FROM product WHERE sku = 'G-8'; SELECT action, json_extract(new, '\$.archived') FROM audit WHERE entity_id = 2 AND entity = 'product' ORDER BY id DESC LIMIT 1" <<'EOF'
1
update|1
EOF
try 'list hides archived products' 0 crm product list --format csv --columns sku
out_is <<'EOF'
sku
1001
S-1
W-100
xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
EOF
try 'list --archived: only them' 0 crm product list --archived --format csv \
	--columns sku,archived
out_is <<'EOF'
sku,archived
G-8,1
EOF
try 'list --all' 0 crm product list --all --format json --columns sku,archived --search g
out_is <<'EOF'
[
{"sku":"G-8","archived":true},
{"sku":"W-100","archived":false}
]
EOF
try 'show an archived product' 0 crm product show G-8 --format csv --columns sku,archived
out_is <<'EOF'
sku,archived
G-8,1
EOF
try 'archive: already archived' 4 crm product archive G-8
err_is <<'EOF'
crm: product archive: product 'G-8' is already archived
EOF
try 'archive --undo' 0 crm product archive G-8 --undo
sql_is "SELECT archived FROM product WHERE sku = 'G-8'" <<'EOF'
0
EOF
try 'archive --undo: not archived' 4 crm product archive G-8 --undo
err_is <<'EOF'
crm: product archive: product 'G-8' is not archived
EOF
try 'archive: unknown product' 3 crm product archive NOPE
err_is <<'EOF'
crm: product archive: no product 'NOPE'
EOF
unchanged 5 10

# ---- import ----

cat >good.csv <<'EOF'
sku,name,unit,price,cost,tax_rate,note
P-1,Paper A4,box,4.20,2.10,7,
P-2,"Pen, blue",pcs,0.80,,19,"two
lines"
P-3,Stapler,,9,,,
EOF
try_in 'import csv from stdin' 0 good.csv crm product import
out_empty
err_is <<'EOF'
imported 3 products: 3 added, 0 updated
EOF
# empty cells: the defaults (unit pcs, tax rate 0, no cost, no note)
sql_is "SELECT sku, name, unit, price, cost, tax_rate, note FROM product WHERE sku LIKE 'P-%' ORDER BY sku" <<'EOF'
P-1|Paper A4|box|420|210|700|
P-2|Pen, blue|pcs|80||1900|two
lines
P-3|Stapler|pcs|900||0|
EOF
unchanged 8 13

cat >bad-middle.csv <<'EOF'
sku,name,price,tax_rate
Q-1,First,1.00,19
Q-2,Second,2.00,120
Q-3,Third,3.00,7
EOF
try 'import: a bad row in the middle' 4 crm product import --from bad-middle.csv
out_empty
err_is <<'EOF'
crm: product import: line 3, column tax_rate: '120' is not a tax rate (0-100, up to two decimals)
EOF
sql_is "SELECT count(*) FROM product WHERE sku LIKE 'Q-%'" <<'EOF'
0
EOF
unchanged 8 13

printf 'sku,name,price\nQ-1,First,1.00\nQ-2,Second,-2\n' >bad.csv
try 'import: negative price' 4 crm product import --from bad.csv
err_is <<'EOF'
crm: product import: line 3, column price: price '-2' is negative
EOF
printf 'sku,name,price\nQ-1,First,1.00\nQ 2,Second,2\n' >bad.csv
try 'import: bad SKU' 4 crm product import --from bad.csv
err_is <<'EOF'
crm: product import: line 3, column sku: 'Q 2' is not a SKU (1-64 characters, no spaces or control characters)
EOF
printf 'sku,name,price\nQ-1,First,1.00\n,Second,2\n' >bad.csv
try 'import: no SKU' 4 crm product import --from bad.csv
err_is <<'EOF'
crm: product import: line 3, column sku: a product needs a SKU
EOF
printf 'sku,name,price\nQ-1,,1.00\n' >bad.csv
try 'import: no name' 4 crm product import --from bad.csv
err_is <<'EOF'
crm: product import: line 2, column name: a product needs a name
EOF
printf 'sku,name\nQ-1,First\n' >bad.csv
try 'import: no price' 4 crm product import --from bad.csv
err_is <<'EOF'
crm: product import: line 2, column price: a product needs a price
EOF
printf 'sku,name,price,colour\nQ-1,First,1,red\n' >bad.csv
try 'import: unknown column' 4 crm product import --from bad.csv
err_is <<'EOF'
crm: product import: line 2, column colour: unknown column
EOF
printf 'sku,name,price,archived\nQ-1,First,1,maybe\n' >bad.csv
try 'import: bad archived' 4 crm product import --from bad.csv
err_is <<'EOF'
crm: product import: line 2, column archived: 'maybe' is not true or false
EOF
printf 'sku,name,price\nQ-1,First,1\nQ-1,Again,2\n' >bad.csv
try 'import: a SKU twice' 4 crm product import --from bad.csv
err_is <<'EOF'
crm: product import: line 3, column sku: product 'Q-1' already exists (--update changes existing products)
EOF
printf 'sku,name,price\nW-100,Widget,1\n' >bad.csv
try 'import: an existing SKU without --update' 4 crm product import --from bad.csv
err_is <<'EOF'
crm: product import: line 2, column sku: product 'W-100' already exists (--update changes existing products)
EOF
printf 'sku,name,price\nP-3,,9\n' >bad.csv
try 'import --update: an empty name cannot clear it' 4 crm product import --update \
	--from bad.csv
err_is <<'EOF'
crm: product import: line 2, column name: '' is not a product name (1-500 characters, no control characters)
EOF
printf 'sku,tax-rate\nP-3,-1\n' >bad.csv
try 'import --update: column names may use - for _' 4 crm product import --update \
	--from bad.csv
err_is <<'EOF'
crm: product import: line 2, column tax_rate: '-1' is not a tax rate (0-100, up to two decimals)
EOF
printf 'sku,name,price\nQ-1,"First\n' >bad.csv
try 'import: malformed csv' 4 crm product import --from bad.csv
out_empty
try 'import: a format it cannot read' 2 crm product import --format tsv --from bad.csv
err_is <<'EOF'
crm: product import: cannot import format 'tsv' (csv, json, ndjson)
EOF
try 'import: missing file' 1 crm product import --from no-such.csv
err_is <<'EOF'
crm: product import: cannot open no-such.csv: No such file or directory
EOF
unchanged 8 13

cat >update.csv <<'EOF'
sku,name,price,cost,note,archived
P-1,Paper A4 (500),4.50,,,
P-9,New item,1.00,,,true
EOF
try 'import --dry-run writes nothing' 0 crm product import --from update.csv --update --dry-run
err_is <<'EOF'
dry run: would import 2 products: 1 added, 1 updated
EOF
unchanged 8 13
try 'import --update: an existing SKU changes, a new one is added' 0 crm product import \
	--from update.csv --update
err_is <<'EOF'
imported 2 products: 1 added, 1 updated
EOF
# on update an empty cost clears it; unit and tax rate, not in the file, stay
sql_is "SELECT sku, name, unit, price, cost IS NULL, tax_rate, note, archived FROM product WHERE sku IN ('P-1', 'P-9') ORDER BY sku" <<'EOF'
P-1|Paper A4 (500)|box|450|1|700||0
P-9|New item|pcs|100|1|0||1
EOF
unchanged 9 15

cat >in.json <<'EOF'
[{"sku": "J-1", "name": "Json thing", "price": 10.5, "tax_rate": 7.5, "cost": null},
 {"sku": "J-2", "name": "Another", "price": "3", "unit": "m"}]
EOF
try 'import json (by the file extension)' 0 crm product import --from in.json
err_is <<'EOF'
imported 2 products: 2 added, 0 updated
EOF
printf '{"sku":"N-1","name":"Nd","price":"2.25","created":"2020-01-02"}\n' >in.txt
try 'import ndjson with --format, keeping created' 0 crm product import --format ndjson \
	--from in.txt
sql_is "SELECT sku, unit, price, cost, tax_rate, created, updated FROM product WHERE sku IN ('J-1', 'J-2', 'N-1') ORDER BY sku" <<'EOF'
J-1|pcs|1050||750|2026-11-22T09:30:00|2026-11-22T09:30:00
J-2|m|300||0|2026-11-22T09:30:00|2026-11-22T09:30:00
N-1|pcs|225||0|2020-01-02T00:00:00|2026-11-22T09:30:00
EOF
unchanged 12 18

# ---- export ----

try 'export: csv by default, archived products too' 0 crm product export
cp "$T/out" export.csv
out_is <<'EOF'
sku,name,unit,price,cost,tax_rate,note,warranty_months,archived,created,updated
1001,Numeric SKU,pcs,3.00,,0,,,0,2026-11-22T09:30:00,2026-11-22T09:30:00
G-8,Gadget mk2,pcs,1.05,,7.5,,,0,2026-11-22T09:30:00,2026-11-22T09:30:00
J-1,Json thing,pcs,10.50,,7.5,,,0,2026-11-22T09:30:00,2026-11-22T09:30:00
J-2,Another,m,3.00,,0,,,0,2026-11-22T09:30:00,2026-11-22T09:30:00
N-1,Nd,pcs,2.25,,0,,,0,2020-01-02T00:00:00,2026-11-22T09:30:00
P-1,Paper A4 (500),box,4.50,,7,,,0,2026-11-22T09:30:00,2026-11-22T09:30:00
P-2,"Pen, blue",pcs,0.80,,19,"two
lines",,0,2026-11-22T09:30:00,2026-11-22T09:30:00
P-3,Stapler,pcs,9.00,,0,,,0,2026-11-22T09:30:00,2026-11-22T09:30:00
P-9,New item,pcs,1.00,,0,,,1,2026-11-22T09:30:00,2026-11-22T09:30:00
S-1,Service,h,80.00,,0.25,,,0,2026-11-22T09:30:00,2026-11-22T09:30:00
W-100,"Widget, large",pcs,12.50,7.00,19,best seller,,0,2026-11-22T09:30:00,2026-11-22T09:30:00
xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,Limits,abcdefghijklmnop,0.00,,100,,,0,2026-11-22T09:30:00,2026-11-22T09:30:00
EOF
try 'export as ndjson' 0 crm product export --format ndjson
cp "$T/out" export.ndjson
head -n 2 export.ndjson >"$T/out"
out_is <<'EOF'
{"sku":"1001","name":"Numeric SKU","unit":"pcs","price":3.00,"cost":null,"tax_rate":0,"note":null,"warranty_months":null,"archived":false,"created":"2026-11-22T09:30:00","updated":"2026-11-22T09:30:00"}
{"sku":"G-8","name":"Gadget mk2","unit":"pcs","price":1.05,"cost":null,"tax_rate":7.5,"note":null,"warranty_months":null,"archived":false,"created":"2026-11-22T09:30:00","updated":"2026-11-22T09:30:00"}
EOF

# round trip: a fresh database imports the export and exports the same
try 'round trip: the csv export imports into a fresh database' 0 env CRM_DB="$T/copy.db" \
	"$CRM_BIN" product import --from export.csv
err_is <<'EOF'
imported 12 products: 12 added, 0 updated
EOF
try 'round trip: ... and exports the same csv' 0 env CRM_DB="$T/copy.db" "$CRM_BIN" \
	product export
compare 'same as the first export' "$T/out" <export.csv
try 'round trip: the ndjson export imports into another fresh database' 0 \
	env CRM_DB="$T/copy2.db" "$CRM_BIN" product import --from export.ndjson
try 'round trip: ... and exports the same ndjson' 0 env CRM_DB="$T/copy2.db" "$CRM_BIN" \
	product export --format ndjson
compare 'same as the first export' "$T/out" <export.ndjson
try 'round trip: importing the export again with --update changes nothing' 0 crm product \
	import --update --from export.csv
err_is <<'EOF'
imported 12 products: 0 added, 12 updated
EOF
unchanged 12 18

# ---- prices ----

# at DAY crm ARGS...: runs crm with the clock at DAY 10:00.
at() {
	_day=$1
	shift 2
	env CRM_TODAY="$_day" CRM_NOW="${_day}T10:00:00" "$CRM_BIN" "$@"
}

try 'prices: no lines yet' 0 crm product prices W-100 --format csv
out_is <<'EOF'
date,kind,number,customer,name,qty,unit,price,discount,net_price,status
EOF
try 'a customer' 0 crm customer add 'Acme Trading'
try 'another' 0 crm customer add 'Birch Ltd'
# Hand-computed lines (gross = qty x price, discount = gross x rate, net =
# gross - discount, each rounded half away from zero; net_price = net / qty):
#   Q-2026-00001 (Acme, 2026-10-01, valid until 10-31: expired by 11-22)
#     3 x 12.50 (the product's price) - 10 % = 37.50 - 3.75 = 33.75 -> 11.25
#   Q-2026-00002 (Birch, 2026-11-01, rejected)
#     3 x 0.99 - 50 % = 2.97 - 1.485 (1.49) = 1.48 -> 0.4933 -> 0.49
#   Q-2026-00003 (Acme, 2026-11-01, accepted, converted 11-22 to SO-2026-00001)
#     0.5 x 12.00 = 6.00 -> 12.00;  7 x 10.00 - 12.5 % = 70.00 - 8.75 = 61.25 -> 8.75
try 'quote 1' 0 at 2026-10-01 crm quote new C00001 --valid-until 2026-10-31
try 'quote 1 line' 0 at 2026-10-01 crm quote line add Q-2026-00001 --product W-100 --qty 3 \
	--discount 10
try 'quote 2' 0 at 2026-11-01 crm quote new C00002
try 'quote 2 line' 0 at 2026-11-01 crm quote line add Q-2026-00002 --product W-100 --qty 3 \
	--price 0.99 --discount 50
try 'quote 2 sent' 0 at 2026-11-01 crm quote send Q-2026-00002
try 'quote 2 rejected' 0 at 2026-11-01 crm quote reject Q-2026-00002
try 'quote 3' 0 at 2026-11-01 crm quote new C00001
try 'quote 3 line 1' 0 at 2026-11-01 crm quote line add Q-2026-00003 --product W-100 --qty 0.5 \
	--price 12
try 'quote 3 line 2' 0 at 2026-11-01 crm quote line add Q-2026-00003 --product W-100 --qty 7 \
	--price 10 --discount 12.5
try 'quote 3 sent' 0 at 2026-11-01 crm quote send Q-2026-00003
try 'quote 3 accepted' 0 at 2026-11-01 crm quote accept Q-2026-00003
try 'quote 3 converted' 0 crm quote convert Q-2026-00003
out_is <<'EOF'
SO-2026-00001
EOF
sql_is 'SELECT doc_id, pos, qty, price, discount_rate, net FROM doc_line ORDER BY id' <<'EOF'
1|1|3000|1250|1000|3375
2|1|3000|99|5000|148
3|1|500|1200|0|600
3|2|7000|1000|1250|6125
4|1|500|1200|0|600
4|2|7000|1000|1250|6125
EOF

# newest first by document date, then document (Q-2026-00003 before
# Q-2026-00002 on the same day), then position
try 'prices as a table' 0 crm product prices W-100 --format table
out_is <<'EOF'
DATE        KIND   NUMBER         CUSTOMER  NAME          QTY  UNIT  PRICE  DISCOUNT  NET_PRICE  STATUS
2026-11-22  order  SO-2026-00001  C00001    Acme Trading  0.5  pcs   12.00         0      12.00  draft
2026-11-22  order  SO-2026-00001  C00001    Acme Trading    7  pcs   10.00      12.5       8.75  draft
2026-11-01  quote  Q-2026-00003   C00001    Acme Trading  0.5  pcs   12.00         0      12.00  accepted
2026-11-01  quote  Q-2026-00003   C00001    Acme Trading    7  pcs   10.00      12.5       8.75  accepted
2026-11-01  quote  Q-2026-00002   C00002    Birch Ltd       3  pcs    0.99        50       0.49  rejected
2026-10-01  quote  Q-2026-00001   C00001    Acme Trading    3  pcs   12.50        10      11.25  expired
EOF
try 'prices as csv, by product id' 0 crm product prices 1 --format csv
out_is <<'EOF'
date,kind,number,customer,name,qty,unit,price,discount,net_price,status
2026-11-22,order,SO-2026-00001,C00001,Acme Trading,0.5,pcs,12.00,0,12.00,draft
2026-11-22,order,SO-2026-00001,C00001,Acme Trading,7,pcs,10.00,12.5,8.75,draft
2026-11-01,quote,Q-2026-00003,C00001,Acme Trading,0.5,pcs,12.00,0,12.00,accepted
2026-11-01,quote,Q-2026-00003,C00001,Acme Trading,7,pcs,10.00,12.5,8.75,accepted
2026-11-01,quote,Q-2026-00002,C00002,Birch Ltd,3,pcs,0.99,50,0.49,rejected
2026-10-01,quote,Q-2026-00001,C00001,Acme Trading,3,pcs,12.50,10,11.25,expired
EOF
try 'prices --customer' 0 crm product prices W-100 --customer C00002 --format json
out_is <<'EOF'
[
{"date":"2026-11-01","kind":"quote","number":"Q-2026-00002","customer":"C00002","name":"Birch Ltd","qty":3,"unit":"pcs","price":0.99,"discount":50,"net_price":0.49,"status":"rejected"}
]
EOF
try 'prices --customer by id, --limit' 0 crm product prices W-100 --customer 1 --limit 3 \
	--format csv --columns date,number,qty,net_price
out_is <<'EOF'
date,number,qty,net_price
2026-11-22,SO-2026-00001,0.5,12.00
2026-11-22,SO-2026-00001,7,8.75
2026-11-01,Q-2026-00003,0.5,12.00
EOF
try 'prices of a product on no document' 0 crm product prices G-8 --format ndjson
out_empty
try 'show: the most recent prices' 0 crm product show W-100 --format json \
	--columns sku,prices
out_is <<'EOF'
{"sku":"W-100","prices":[{"date":"2026-11-22","kind":"order","number":"SO-2026-00001","customer":"C00001","name":"Acme Trading","qty":0.5,"unit":"pcs","price":12.00,"discount":0,"net_price":12.00,"status":"draft"},{"date":"2026-11-22","kind":"order","number":"SO-2026-00001","customer":"C00001","name":"Acme Trading","qty":7,"unit":"pcs","price":10.00,"discount":12.5,"net_price":8.75,"status":"draft"},{"date":"2026-11-01","kind":"quote","number":"Q-2026-00003","customer":"C00001","name":"Acme Trading","qty":0.5,"unit":"pcs","price":12.00,"discount":0,"net_price":12.00,"status":"accepted"},{"date":"2026-11-01","kind":"quote","number":"Q-2026-00003","customer":"C00001","name":"Acme Trading","qty":7,"unit":"pcs","price":10.00,"discount":12.5,"net_price":8.75,"status":"accepted"},{"date":"2026-11-01","kind":"quote","number":"Q-2026-00002","customer":"C00002","name":"Birch Ltd","qty":3,"unit":"pcs","price":0.99,"discount":50,"net_price":0.49,"status":"rejected"},{"date":"2026-10-01","kind":"quote","number":"Q-2026-00001","customer":"C00001","name":"Acme Trading","qty":3,"unit":"pcs","price":12.50,"discount":10,"net_price":11.25,"status":"expired"}]}
EOF
try 'prices: unknown product' 3 crm product prices NOPE
err_is <<'EOF'
crm: product prices: no product 'NOPE'
EOF
try 'prices: unknown customer' 3 crm product prices W-100 --customer C00099
err_is <<'EOF'
crm: product prices: no customer 'C00099'
EOF
try 'prices: bad --limit' 2 crm product prices W-100 --limit 0
err_is <<'EOF'
crm: product prices: --limit '0' is not a count
EOF

# The last price a quote line takes (crm_product_last_price): the
# customer's newest line on a quote, order or invoice not rejected or void.
try 'Birch: its only line was on a rejected quote' 0 crm quote new C00002
try 'a line without --price: the product price' 0 crm quote line add Q-2026-00004 \
	--product W-100 --qty 1
try 'Acme: its newest line is the order' 0 crm quote new C00001
try 'a line without --price: the last price' 0 crm quote line add Q-2026-00005 \
	--product W-100 --qty 1
sql_is "SELECT d.number, l.price FROM doc_line l JOIN doc d ON d.id = l.doc_id WHERE d.number IN ('Q-2026-00004', 'Q-2026-00005') ORDER BY d.number" <<'EOF'
Q-2026-00004|1250
Q-2026-00005|1000
EOF

# ---- help ----

for verb in add list show edit archive import export prices; do
	try "$verb -h" 0 crm product $verb -h
done
try 'unknown verb' 2 crm product frobnicate

# ---- warranty (crm rma open reads it) ----

try 'add --warranty' 0 crm product add WR-1 'Router' --price 99 --warranty 24
try 'show: warranty_months' 0 crm product show WR-1 --format csv --columns sku,warranty_months
out_is <<'EOF'
sku,warranty_months
WR-1,24
EOF
try 'list as json shows it' 0 crm product list --search WR-1 --format json \
	--columns sku,warranty_months
out_is <<'EOF'
[
{"sku":"WR-1","warranty_months":24}
]
EOF
n=$(sqlite3 "$CRM_DB" 'SELECT max(id) FROM audit')
try 'edit --warranty: bad value' 4 crm product edit WR-1 --warranty 12m
err_is <<'EOF'
crm: product edit: '12m' is not a warranty in months (0-1200)
EOF
try 'edit --warranty: too long' 4 crm product edit WR-1 --warranty 1201
err_is <<'EOF'
crm: product edit: '1201' is not a warranty in months (0-1200)
EOF
sql_is "SELECT warranty_months FROM product WHERE sku = 'WR-1'; SELECT max(id) - $n FROM audit" <<'EOF'
24
0
EOF
try 'edit --warranty 36' 0 crm product edit WR-1 --warranty 36
# the warranty change is audited on its own (product_warranty_audit)
sql_is "SELECT action, old, new FROM audit WHERE entity = 'product' AND id > $n" <<'EOF'
update|{"warranty_months":24}|{"warranty_months":36}
EOF
try "edit --warranty '' clears it" 0 crm product edit WR-1 --warranty ''
sql_is "SELECT ifnull(warranty_months, 'none') FROM product WHERE sku = 'WR-1'" <<'EOF'
none
EOF
cat >warranty.csv <<'EOF'
sku,name,price,warranty_months
WR-2,Switch,49.00,12
WR-3,Cable,2.00,
EOF
try 'import: column warranty_months' 0 crm product import --from warranty.csv
sql_is "SELECT sku, ifnull(warranty_months, 'none') FROM product WHERE sku IN ('WR-2', 'WR-3') ORDER BY sku" <<'EOF'
WR-2|12
WR-3|none
EOF
printf 'sku,warranty_months\nWR-2,\n' >warranty-clear.csv
try 'import --update: an empty warranty_months clears it' 0 crm product import --update \
	--from warranty-clear.csv
sql_is "SELECT ifnull(warranty_months, 'none') FROM product WHERE sku = 'WR-2'" <<'EOF'
none
EOF
printf 'sku,warranty_months\nWR-2,ten\n' >warranty-bad.csv
try 'import: a bad warranty_months' 4 crm product import --update --from warranty-bad.csv
err_is <<'EOF'
crm: product import: line 2, column warranty_months: 'ten' is not a warranty in months (0-1200)
EOF
try 'export: column warranty_months' 0 crm product export --columns sku,warranty_months
grep '^WR-' "$T/out" >"$T/wr"
compare 'the WR rows' "$T/wr" <<'EOF'
WR-1,
WR-2,
WR-3,
EOF

done_testing
