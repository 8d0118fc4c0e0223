#!/bin/sh
# crm rma: open with the warranty check, every transition, the impossible
# ones, advance replacement, status, show, list (late first), customer show.
. "$(dirname "$0")/lib.sh"

# at TIME ARGS...: runs crm ARGS with the clock at TIME (today is its date).
at() {
	t=$1
	shift
	CRM_NOW=$t CRM_TODAY=${t%%T*} "$CRM_BIN" "$@"
}

# counts: RMAs, events, audit rows.
counts() {
	sqlite3 "$CRM_DB" 'SELECT (SELECT count(*) FROM rma) || " " ||
		(SELECT count(*) FROM rma_event) || " " || (SELECT count(*) FROM audit)'
}
# unchanged: the counts are still those saved by `saved`.
saved() { before=$(counts); }
unchanged() {
	counts >"$T/counts"
	compare 'nothing written' "$T/counts" <<EOF
$before
EOF
}

crm customer add 'Acme GmbH' >/dev/null           # C00001
crm customer add 'Beta Ltd' >/dev/null            # C00002
crm product add W-1 Widget --price 10 --warranty 12
crm product add N-1 Nut --price 1                 # no warranty
# INV-2025-00001: Acme bought a W-1 on 2025-11-22; INV-2025-00002 holds only N-1;
# INV-2026-00001: Acme bought a W-1 on 2026-01-10.
crm invoice new C00001 >/dev/null && crm invoice line add 1 --product W-1 --qty 1 >/dev/null 2>&1
crm invoice issue 1 --date 2025-11-22 >/dev/null
crm invoice new C00001 >/dev/null && crm invoice line add 2 --product N-1 --qty 1 >/dev/null 2>&1
crm invoice issue 2 --date 2025-11-22 >/dev/null
crm invoice new C00001 >/dev/null && crm invoice line add 3 --product W-1 --qty 1 >/dev/null 2>&1
crm invoice issue 3 --date 2026-01-10 >/dev/null
crm quote new C00002 >/dev/null                   # Q-2026-00001, Beta's
crm quote new C00001 >/dev/null                   # Q-2026-00002, Acme's

# ---- open: the warranty ----

# 12 months from 2025-11-23: the last day in is 2026-11-23 - 1 day = 2026-11-22,
# today: in warranty on its last day.
try 'open: the last day in warranty' 0 crm rma open C00001 --product W-1 --serial SN1 \
	--purchased 2025-11-23 --fault 'no power'
out_is <<'EOF'
RMA-2026-00001
EOF
err_empty
sql_is "SELECT purchased, warranty_until, in_warranty, chargeable, state, since FROM rma WHERE id = 1" <<'EOF'
2025-11-23|2026-11-22|1|0|opened|2026-11-22T09:30:00
EOF
sql_is "SELECT at, user, state, text FROM rma_event" <<'EOF'
2026-11-22T09:30:00|ann|opened|no power
EOF
sql_is "SELECT entity, entity_id, customer_id, action, json_extract(new, '\$.number'), json_extract(new, '\$.in_warranty') FROM audit WHERE entity = 'rma'" <<'EOF'
rma|1|1|insert|RMA-2026-00001|1
EOF

# from 2025-11-22 the last day in was 2026-11-21: today is the first day out.
saved
try 'open: the first day out of warranty is refused' 4 crm rma open C00001 --product W-1 \
	--serial SN2 --purchased 2025-11-22
out_empty
err_is <<'EOF'
crm: rma open: out of warranty (its last day was 2026-11-21): give --chargeable or --quote
EOF
unchanged
try 'open: the invoice date is the purchase date (2025-11-22: out)' 4 crm rma open C00001 \
	--product W-1 --invoice INV-2025-00001
err_is <<'EOF'
crm: rma open: out of warranty (its last day was 2026-11-21): give --chargeable or --quote
EOF
try 'open: a product without warranty' 4 crm rma open C00001 --product N-1 --purchased today
err_is <<'EOF'
crm: rma open: out of warranty (the product has no warranty): give --chargeable or --quote
EOF
try 'open: no purchase date' 4 crm rma open C00001 --product W-1
err_is <<'EOF'
crm: rma open: out of warranty (no purchase date): give --chargeable or --quote
EOF
try 'open: an invoice without the product' 4 crm rma open C00001 --product W-1 \
	--invoice INV-2025-00002 --chargeable
err_is <<'EOF'
crm: rma open: invoice 'INV-2025-00002' holds no 'W-1'
EOF
try "open: another customer's invoice" 4 crm rma open C00002 --product W-1 \
	--invoice INV-2026-00001
err_is <<'EOF'
crm: rma open: invoice 'INV-2026-00001' is another customer's
EOF
try "open: another customer's quote" 4 crm rma open C00001 --product W-1 --quote Q-2026-00001
err_is <<'EOF'
crm: rma open: quote 'Q-2026-00001' is another customer's
EOF
try 'open: a purchase date in the future' 4 crm rma open C00001 --product W-1 \
	--purchased tomorrow
err_is <<'EOF'
crm: rma open: purchase date 2026-11-23 is in the future
EOF
try 'open: a bad purchase date' 4 crm rma open C00001 --product W-1 --purchased 2025-13-01
try 'open: a serial with a control character' 4 crm rma open C00001 --product W-1 \
	--purchased 2025-11-23 --serial "$(printf 'a\tb')"
err_is <<'EOF'
crm: rma open: 'a	b' is not a valid serial
EOF
try 'open: unknown product' 3 crm rma open C00001 --product NOPE
err_is <<'EOF'
crm: rma open: no product 'NOPE'
EOF
try 'open: unknown customer' 3 crm rma open C00099 --product W-1
try 'open: unknown invoice' 3 crm rma open C00001 --product W-1 --invoice INV-1999-00001
try 'open: unknown case' 3 crm rma open C00001 --product W-1 --purchased 2025-11-23 --case CS-1
err_is <<'EOF'
crm: rma open: no case 'CS-1'
EOF
try 'open: --product is required' 2 crm rma open C00001
try 'open: --purchased and --invoice' 2 crm rma open C00001 --product W-1 \
	--purchased 2025-11-23 --invoice INV-2026-00001
try 'open: --chargeable and --quote' 2 crm rma open C00001 --product W-1 --chargeable \
	--quote Q-2026-00002
try 'open: no customer' 2 crm rma open --product W-1
unchanged

try 'open: out of warranty, --chargeable' 0 crm rma open C00001 --product W-1 --serial SN2 \
	--purchased 2025-11-22 --chargeable
out_is <<'EOF'
RMA-2026-00002
EOF
try 'open: out of warranty with a quote (chargeable too)' 0 crm rma open C00001 \
	--product N-1 --quote Q-2026-00002 --fault 'cracked'
out_is <<'EOF'
RMA-2026-00003
EOF
# INV-2026-00001 of 2026-01-10: in warranty up to 2027-01-09.
try 'open: advance replacement, warranty from the invoice' 0 crm rma open C00001 \
	--product W-1 --serial SN1 --invoice INV-2026-00001 --advance-replacement
out_is <<'EOF'
RMA-2026-00004
EOF
try 'open: for Beta, by id' 0 crm rma open 2 --product 1 --purchased 2026-11-01
out_is <<'EOF'
RMA-2026-00005
EOF
sql_is "SELECT number, customer_id, ifnull(serial, '-'), ifnull(purchased, '-'), ifnull(warranty_until, '-'), in_warranty, chargeable, ifnull(quote_id, '-'), ifnull(invoice_id, '-'), advance FROM rma ORDER BY id" <<'EOF'
RMA-2026-00001|1|SN1|2025-11-23|2026-11-22|1|0|-|-|0
RMA-2026-00002|1|SN2|2025-11-22|2026-11-21|0|1|-|-|0
RMA-2026-00003|1|-|-|-|0|1|5|-|0
RMA-2026-00004|1|SN1|2026-01-10|2027-01-09|1|0|-|3|1
RMA-2026-00005|2|-|2026-11-01|2027-10-31|1|0|-|-|0
EOF

# ---- transitions ----

# refused KEY VERB STATE [OPTIONS...]: VERB is refused (exit 4) on KEY, which is
# in STATE; the message names the state and what the verb needs.
refused() {
	key=$1 verb=$2 state=$3
	shift 3
	case $verb in
	receive) needs='opened (or shipped, confirmed for an advance replacement)' ;;
	diagnose) needs=received ;;
	repair) needs=diagnosed ;;
	repaired) needs='repairing in-house' ;;
	vendor-ship) needs='repairing with a vendor' ;;
	vendor-return) needs=at_vendor ;;
	ship) needs='diagnosed or repaired (or opened for an advance replacement)' ;;
	confirm) needs=shipped ;;
	close) needs='confirmed (or, for an advance replacement, the faulty unit back)' ;;
	reject | cancel) needs='an open state' ;;
	esac
	saved
	try "$verb is impossible when $state" 4 crm rma "$verb" "$key" "$@"
	printf 'crm: rma %s: %s is %s: %s needs %s\n' "$verb" "$key" "$state" "$verb" "$needs" \
		>"$T/want_err"
	compare stderr "$T/err" <"$T/want_err"
	unchanged
}

# RMA-2026-00001 is opened: everything but receive (and reject, cancel) is impossible.
for verb in diagnose repair repaired vendor-ship vendor-return ship confirm close; do
	refused RMA-2026-00001 $verb opened
done

try 'reject needs --reason' 2 crm rma reject RMA-2026-00003
err_is <<'EOF'
crm: rma reject: --reason is required
usage: crm rma reject KEY --reason TEXT
Rejects an open RMA, saying why.
EOF
try "reject --reason ''" 4 crm rma reject RMA-2026-00003 --reason ''
err_is <<'EOF'
crm: rma reject: reject needs a reason
EOF
try 'cancel needs --reason' 2 crm rma cancel RMA-2026-00003
try 'a transition of an unknown RMA' 3 crm rma receive RMA-2026-00099
err_is <<'EOF'
crm: rma receive: no rma 'RMA-2026-00099'
EOF
try 'receive: a bad option' 2 crm rma receive RMA-2026-00001 --finding x
try 'receive: no key' 2 crm rma receive

# The day's work, in time order.
try 'ship an advance replacement first' 0 at 2026-11-22T12:00:00 rma ship RMA-2026-00004 \
	--tracking 1Z100
# due back: 2026-11-22 + rma.advance_days (14) = 2026-12-06
sql_is "SELECT state, since, advance_due, tracking FROM rma WHERE id = 4" <<'EOF'
shipped|2026-11-22T12:00:00|2026-12-06|1Z100
EOF
try 'status of an advance replacement' 0 crm rma status RMA-2026-00004
out_is <<'EOF'
RMA-2026-00004: Widget, serial SN1
A replacement unit was shipped to you on 2026-11-22.
Next: Please confirm that it works.
Tracking: 1Z100
Please send the faulty unit back by 2026-12-06.
EOF
refused RMA-2026-00004 close shipped
saved
try 'ship is impossible once the advance replacement is out' 4 crm rma ship RMA-2026-00004
err_is <<'EOF'
crm: rma ship: RMA-2026-00004 is shipped: its advance replacement was shipped already
EOF
unchanged
try 'reject' 0 at 2026-11-23T09:00:00 rma reject RMA-2026-00003 --reason 'customer damage'
refused RMA-2026-00003 cancel rejected --reason x
refused RMA-2026-00003 reject rejected --reason x
refused RMA-2026-00003 receive rejected
try 'receive (Beta)' 0 at 2026-11-23T09:00:00 rma receive RMA-2026-00005
try 'receive with the condition' 0 at 2026-11-23T10:00:00 rma receive RMA-2026-00001 \
	--condition 'scratched case'
refused RMA-2026-00001 receive received
for verb in repair repaired vendor-ship vendor-return ship confirm close; do
	refused RMA-2026-00001 $verb received
done
try 'receive (vendor repair)' 0 at 2026-11-23T11:00:00 rma receive RMA-2026-00002
try 'diagnose (vendor repair)' 0 at 2026-11-24T09:00:00 rma diagnose RMA-2026-00002
try 'diagnose with a finding' 0 at 2026-11-24T10:00:00 rma diagnose RMA-2026-00001 \
	--finding 'blown fuse'
for verb in receive diagnose repaired vendor-ship vendor-return confirm close; do
	refused RMA-2026-00001 $verb diagnosed
done
try 'repair in-house' 0 at 2026-11-24T11:00:00 rma repair RMA-2026-00001
for verb in receive diagnose repair vendor-ship vendor-return ship confirm close; do
	refused RMA-2026-00001 $verb repairing
done
try 'repair at a vendor' 0 at 2026-11-24T12:00:00 rma repair RMA-2026-00002 \
	--vendor 'Widget Works'
refused RMA-2026-00002 repaired repairing
refused RMA-2026-00002 vendor-return repairing
try 'vendor-ship' 0 at 2026-11-25T08:00:00 rma vendor-ship RMA-2026-00002 --tracking V-77
for verb in receive diagnose repair repaired vendor-ship ship confirm close; do
	refused RMA-2026-00002 $verb at_vendor
done
try 'confirm the replacement' 0 at 2026-11-25T09:00:00 rma confirm RMA-2026-00004
refused RMA-2026-00004 close confirmed
refused RMA-2026-00004 confirm confirmed
sql_is "SELECT number, state, since, ifnull(vendor, '-'), ifnull(tracking, '-'), ifnull(received, '-') FROM rma ORDER BY id" <<'EOF'
RMA-2026-00001|repairing|2026-11-24T11:00:00|-|-|2026-11-23T10:00:00
RMA-2026-00002|at_vendor|2026-11-25T08:00:00|Widget Works|V-77|2026-11-23T11:00:00
RMA-2026-00003|rejected|2026-11-23T09:00:00|-|-|-
RMA-2026-00004|confirmed|2026-11-25T09:00:00|-|1Z100|-
RMA-2026-00005|received|2026-11-23T09:00:00|-|-|2026-11-23T09:00:00
EOF

# ---- list, status, customer show: on 2026-12-04 ----

# days in state on 2026-12-04 and the limits (defaults): RMA-1 repairing since
# 11-24: 10 > 7, late; RMA-2 at_vendor since 11-25: 9, limit 21; RMA-4 confirmed
# (no limit); RMA-5 received since 11-23: 11 > 2, late.  Late first, then by since.
try 'list: open ones, late first' 0 at 2026-12-04T08:00:00 rma list --format table
out_is <<'EOF'
NUMBER          CUSTOMER  PRODUCT  SERIAL  STATE      SINCE       DAYS  LATE
RMA-2026-00005  C00002    W-1              received   2026-11-23    11  yes
RMA-2026-00001  C00001    W-1      SN1     repairing  2026-11-24    10  yes
RMA-2026-00002  C00001    W-1      SN2     at_vendor  2026-11-25     9  no
RMA-2026-00004  C00001    W-1      SN1     confirmed  2026-11-25     9  no
EOF
try 'list as csv: every column' 0 at 2026-12-04T08:00:00 rma list --format csv
out_is <<'EOF'
number,customer,name,product,serial,state,since,days,limit,late,warranty,advance_due,vendor,tracking
RMA-2026-00005,C00002,Beta Ltd,W-1,,received,2026-11-23,11,2,1,in,,,
RMA-2026-00001,C00001,Acme GmbH,W-1,SN1,repairing,2026-11-24,10,7,1,in,,,
RMA-2026-00002,C00001,Acme GmbH,W-1,SN2,at_vendor,2026-11-25,9,21,0,out,,Widget Works,V-77
RMA-2026-00004,C00001,Acme GmbH,W-1,SN1,confirmed,2026-11-25,9,,0,in,2026-12-06,,1Z100
EOF
try 'list --state rejected as json' 0 at 2026-12-04T08:00:00 rma list --state rejected \
	--format json --columns number,state,days,late
out_is <<'EOF'
[
{"number":"RMA-2026-00003","state":"rejected","days":11,"late":false}
]
EOF
try 'list --customer --state all' 0 crm rma list --customer C00002 --state all --format csv \
	--columns number
out_is <<'EOF'
number
RMA-2026-00005
EOF
try 'list: a bad state' 4 crm rma list --state lost
err_is <<'EOF'
crm: rma list: unknown state 'lost' (open, all, opened, received, diagnosed, repairing, at_vendor, repaired, shipped, confirmed, closed, rejected, cancelled)
EOF
try 'list: unknown customer' 3 crm rma list --customer C00099
crm config set rma.repairing.days 10
# 10 days repairing is no longer more than the limit
try 'list: the late limit comes from rma.STATE.days' 0 at 2026-12-04T08:00:00 rma list \
	--format csv --columns number,limit,late
out_is <<'EOF'
number,limit,late
RMA-2026-00005,2,1
RMA-2026-00001,10,0
RMA-2026-00002,21,0
RMA-2026-00004,,0
EOF
crm config unset rma.repairing.days

try 'customer show: the open RMAs' 0 at 2026-12-04T08:00:00 customer show C00001 --format json
grep -o '"rmas":\[[^]]*\]' "$T/out" >"$T/rmas"
compare 'rmas' "$T/rmas" <<'EOF'
"rmas":[{"number":"RMA-2026-00001","product":"W-1","serial":"SN1","state":"repairing","since":"2026-11-24","late":true},{"number":"RMA-2026-00002","product":"W-1","serial":"SN2","state":"at_vendor","since":"2026-11-25","late":false},{"number":"RMA-2026-00004","product":"W-1","serial":"SN1","state":"confirmed","since":"2026-11-25","late":false}]
EOF

try 'status at the vendor' 0 crm rma status RMA-2026-00002
out_is <<'EOF'
RMA-2026-00002: Widget, serial SN2
The unit went to the manufacturer for repair on 2026-11-25.
Next: When it comes back we ship it to you.
EOF
try 'status of a rejected RMA, by id' 0 crm rma status 3
out_is <<'EOF'
RMA-2026-00003: Nut
The return was rejected on 2026-11-23.
Next: Nothing.
EOF
try 'status in repair (the common options are taken)' 0 crm rma status RMA-2026-00001 \
	--format json
out_is <<'EOF'
RMA-2026-00001: Widget, serial SN1
The repair started on 2026-11-24.
Next: When it is done we ship the unit back.
EOF
try 'status: unknown' 3 crm rma status RMA-1
try 'status: two keys' 2 crm rma status RMA-2026-00001 RMA-2026-00002

# The remind sections (for lib/remind.c; run here in the sqlite3 shell).
REMIND_LATE="SELECT c.owner AS rep, substr(r.since, 1, 10) AS date, c.code AS customer,
 c.name AS name, r.number || ' ' || p.sku || ifnull(' ' || r.serial, '') AS item,
 r.state || ' for ' || l.n || iif(l.n = 1, ' day', ' days') || ' (limit ' || l.days || ')'
 AS detail, 'rma ' || r.number AS ref, r.number AS sort
 FROM rma r JOIN customer c ON c.id = r.customer_id JOIN product p ON p.id = r.product_id
 JOIN (SELECT id, CAST(julianday(:today) - julianday(substr(since, 1, 10)) AS INTEGER) AS n,
  CAST(coalesce((SELECT value FROM config WHERE key = 'rma.' || state || '.days'),
  CASE state WHEN 'opened' THEN 14 WHEN 'received' THEN 2 WHEN 'diagnosed' THEN 3
  WHEN 'repairing' THEN 7 WHEN 'at_vendor' THEN 21 WHEN 'repaired' THEN 2
  WHEN 'shipped' THEN 10 END) AS INTEGER) AS days FROM rma) l ON l.id = r.id
 WHERE r.state NOT IN ('closed', 'rejected', 'cancelled') AND l.n > l.days
 ORDER BY date, sort"
REMIND_ADVANCE="SELECT c.owner AS rep, r.advance_due AS date, c.code AS customer,
 c.name AS name, r.number || ' ' || p.sku || ifnull(' ' || r.serial, '') AS item,
 'faulty unit ' || l.n || iif(l.n = 1, ' day', ' days') || ' overdue (due '
 || r.advance_due || ')' AS detail, 'rma ' || r.number AS ref, r.number AS sort
 FROM rma r JOIN customer c ON c.id = r.customer_id JOIN product p ON p.id = r.product_id
 JOIN (SELECT id, CAST(julianday(:today) - julianday(advance_due) AS INTEGER) AS n FROM rma) l
 ON l.id = r.id
 WHERE r.advance = 1 AND r.received IS NULL AND r.advance_due < :today
 AND r.state NOT IN ('closed', 'rejected', 'cancelled')
 ORDER BY date, sort"
# remind_is DAY QUERY: the query's rows with :today = DAY.
remind_is() {
	last_desc="remind on $1"
	sqlite3 -cmd ".parameter set :today \"'$1'\"" -cmd ".parameter set :horizon \"'$1'\"" \
		"$CRM_DB" "$2" >"$T/sql" 2>&1
	compare "$3" "$T/sql"
}
remind_is 2026-12-04 "$REMIND_LATE" 'RMAs late at their stage' <<'EOF'
|2026-11-23|C00002|Beta Ltd|RMA-2026-00005 W-1|received for 11 days (limit 2)|rma RMA-2026-00005|RMA-2026-00005
|2026-11-24|C00001|Acme GmbH|RMA-2026-00001 W-1 SN1|repairing for 10 days (limit 7)|rma RMA-2026-00001|RMA-2026-00001
EOF
remind_is 2026-12-06 "$REMIND_ADVANCE" 'due today is not overdue' </dev/null
remind_is 2026-12-07 "$REMIND_ADVANCE" 'a faulty unit one day overdue' <<'EOF'
|2026-12-06|C00001|Acme GmbH|RMA-2026-00004 W-1 SN1|faulty unit 1 day overdue (due 2026-12-06)|rma RMA-2026-00004|RMA-2026-00004
EOF
remind_is 2026-12-08 "$REMIND_ADVANCE" 'faulty units overdue' <<'EOF'
|2026-12-06|C00001|Acme GmbH|RMA-2026-00004 W-1 SN1|faulty unit 2 days overdue (due 2026-12-06)|rma RMA-2026-00004|RMA-2026-00004
EOF

# ---- the rest of the flows ----

try 'repaired (in-house)' 0 at 2026-12-05T10:00:00 rma repaired RMA-2026-00001 \
	--note 'fuse replaced'
for verb in receive diagnose repair repaired vendor-ship vendor-return confirm close; do
	refused RMA-2026-00001 $verb repaired
done
try 'ship back' 0 at 2026-12-06T09:00:00 rma ship RMA-2026-00001 --tracking 1Z999
for verb in receive diagnose repair repaired vendor-ship vendor-return ship close; do
	refused RMA-2026-00001 $verb shipped
done
try 'status when shipped: the tracking number' 0 crm rma status RMA-2026-00001
out_is <<'EOF'
RMA-2026-00001: Widget, serial SN1
The unit was shipped to you on 2026-12-06.
Next: Please confirm that it works.
Tracking: 1Z999
EOF
try 'the faulty unit of the advance replacement arrives' 0 at 2026-12-08T10:00:00 \
	rma receive RMA-2026-00004 --condition 'dented'
refused RMA-2026-00004 receive received
try 'confirm' 0 at 2026-12-08T10:00:00 rma confirm RMA-2026-00001
refused RMA-2026-00001 ship confirmed
try 'close' 0 at 2026-12-08T11:00:00 rma close RMA-2026-00001
for verb in receive diagnose repair repaired vendor-ship vendor-return ship confirm close; do
	refused RMA-2026-00001 $verb closed
done
refused RMA-2026-00001 reject closed --reason x
refused RMA-2026-00001 cancel closed --reason x
try 'close an advance replacement once the faulty unit is back' 0 at 2026-12-08T12:00:00 \
	rma close RMA-2026-00004
try 'vendor-return' 0 at 2026-12-10T10:00:00 rma vendor-return RMA-2026-00002
refused RMA-2026-00002 vendor-return repaired
try 'ship after the vendor' 0 at 2026-12-11T09:00:00 rma ship RMA-2026-00002 --tracking 1Z555
try 'cancel with a reason' 0 at 2026-12-14T09:00:00 rma cancel RMA-2026-00005 \
	--reason 'customer withdrew'
refused RMA-2026-00005 cancel cancelled --reason x
refused RMA-2026-00005 receive cancelled

sql_is "SELECT at, user, state, ifnull(text, '') FROM rma_event WHERE rma_id = 1 ORDER BY id" <<'EOF'
2026-11-22T09:30:00|ann|opened|no power
2026-11-23T10:00:00|ann|received|scratched case
2026-11-24T10:00:00|ann|diagnosed|blown fuse
2026-11-24T11:00:00|ann|repairing|
2026-12-05T10:00:00|ann|repaired|fuse replaced
2026-12-06T09:00:00|ann|shipped|1Z999
2026-12-08T10:00:00|ann|confirmed|
2026-12-08T11:00:00|ann|closed|
EOF
sql_is "SELECT state, ifnull(text, '') FROM rma_event WHERE rma_id = 2 ORDER BY id" <<'EOF'
opened|
received|
diagnosed|
repairing|Widget Works
at_vendor|V-77
repaired|
shipped|1Z555
EOF
sql_is "SELECT state, ifnull(text, '') FROM rma_event WHERE rma_id IN (3, 4, 5) ORDER BY rma_id, id" <<'EOF'
opened|cracked
rejected|customer damage
opened|
shipped|1Z100
confirmed|
received|dented
closed|
opened|
received|
cancelled|customer withdrew
EOF
# every transition is audited: old and new state
sql_is "SELECT json_extract(old, '\$.state') || '>' || json_extract(new, '\$.state') FROM audit WHERE entity = 'rma' AND entity_id = 2 AND action = 'update' ORDER BY id" <<'EOF'
opened>received
received>diagnosed
diagnosed>repairing
repairing>at_vendor
at_vendor>repaired
repaired>shipped
EOF
sql_is "SELECT at, user, json_extract(new, '\$.vendor') FROM audit WHERE entity = 'rma' AND entity_id = 2 AND json_extract(new, '\$.state') = 'repairing'" <<'EOF'
2026-11-24T12:00:00|ann|Widget Works
EOF

try 'show as json' 0 at 2026-12-14T10:00:00 rma show RMA-2026-00001 --format json
out_is <<'EOF'
{"number":"RMA-2026-00001","customer":"C00001","name":"Acme GmbH","product":"W-1","product_name":"Widget","serial":"SN1","fault":"no power","purchased":"2025-11-23","invoice":null,"warranty_until":"2026-11-22","in_warranty":true,"chargeable":false,"quote":null,"case":null,"advance":false,"advance_due":null,"received":"2026-11-23T10:00:00","state":"closed","since":"2026-12-08T11:00:00","days":6,"limit":null,"late":false,"vendor":null,"tracking":"1Z999","created":"2026-11-22T09:30:00","updated":"2026-12-08T11:00:00","events":[{"at":"2026-11-22T09:30:00","state":"opened","user":"ann","text":"no power"},{"at":"2026-11-23T10:00:00","state":"received","user":"ann","text":"scratched case"},{"at":"2026-11-24T10:00:00","state":"diagnosed","user":"ann","text":"blown fuse"},{"at":"2026-11-24T11:00:00","state":"repairing","user":"ann","text":null},{"at":"2026-12-05T10:00:00","state":"repaired","user":"ann","text":"fuse replaced"},{"at":"2026-12-06T09:00:00","state":"shipped","user":"ann","text":"1Z999"},{"at":"2026-12-08T10:00:00","state":"confirmed","user":"ann","text":null},{"at":"2026-12-08T11:00:00","state":"closed","user":"ann","text":null}]}
EOF
try 'show as a table, by id' 0 at 2026-12-14T10:00:00 rma show 3 --format table
out_is <<'EOF'
number        RMA-2026-00003
customer      C00001
name          Acme GmbH
product       N-1
product_name  Nut
fault         cracked
in_warranty   no
chargeable    yes
quote         Q-2026-00002
advance       no
state         rejected
since         2026-11-23T09:00:00
days          21
late          no
created       2026-11-22T09:30:00
updated       2026-11-23T09:00:00

events:
AT                   STATE     USER  TEXT
2026-11-22T09:30:00  opened    ann   cracked
2026-11-23T09:00:00  rejected  ann   customer damage
EOF
try 'show: unknown' 3 crm rma show RMA-2026-00099
err_is <<'EOF'
crm: rma show: no rma 'RMA-2026-00099'
EOF
try 'list: nothing open but the shipped one' 0 at 2026-12-14T10:00:00 rma list --format csv \
	--columns number,state,days,late
out_is <<'EOF'
number,state,days,late
RMA-2026-00002,shipped,3,0
EOF
try 'customer show: no open RMAs for Beta' 0 crm customer show C00002 --format json
grep -o '"rmas":\[[^]]*\]' "$T/out" >"$T/rmas"
compare 'rmas' "$T/rmas" <<'EOF'
"rmas":[]
EOF

# ---- an RMA from a service case ----

crm case open C00001 'no power' >/dev/null        # CS-2026-00001
saved
try "open: another customer's case" 4 crm rma open C00002 --product W-1 \
	--purchased 2026-11-01 --case CS-2026-00001
err_is <<'EOF'
crm: rma open: case 'CS-2026-00001' is another customer's
EOF
unchanged
try 'open --case' 0 crm rma open C00001 --product W-1 --purchased 2026-11-01 \
	--case CS-2026-00001
out_is <<'EOF'
RMA-2026-00006
EOF
try 'show names the case' 0 crm rma show RMA-2026-00006 --format csv \
	--columns number,warranty_until,in_warranty,case
out_is <<'EOF'
number,warranty_until,in_warranty,case
RMA-2026-00006,2027-10-31,1,CS-2026-00001
EOF

# ---- advance replacements: the two orders ----

try 'open an advance replacement' 0 crm rma open C00001 --product W-1 --serial SN7 \
	--purchased 2026-11-01 --advance-replacement
out_is <<'EOF'
RMA-2026-00007
EOF
try 'ship the replacement' 0 crm rma ship RMA-2026-00007
try 'the faulty unit arrives' 0 crm rma receive RMA-2026-00007
try 'diagnose it' 0 crm rma diagnose RMA-2026-00007
saved
try 'ship again is refused' 4 crm rma ship RMA-2026-00007
err_is <<'EOF'
crm: rma ship: RMA-2026-00007 is diagnosed: its advance replacement was shipped already
EOF
unchanged
try 'close once the faulty unit is back' 0 crm rma close RMA-2026-00007
try 'open another advance replacement' 0 crm rma open C00001 --product W-1 --serial SN8 \
	--purchased 2026-11-01 --advance-replacement
out_is <<'EOF'
RMA-2026-00008
EOF
try 'its faulty unit comes first' 0 crm rma receive RMA-2026-00008
refused RMA-2026-00008 ship received
refused RMA-2026-00008 close received
try 'then it goes the usual way: diagnose' 0 crm rma diagnose RMA-2026-00008
try 'ship' 0 crm rma ship RMA-2026-00008
try 'confirm' 0 crm rma confirm RMA-2026-00008
try 'close' 0 crm rma close RMA-2026-00008
sql_is "SELECT number, state, ifnull(advance_due, '-') FROM rma WHERE id IN (7, 8)" <<'EOF'
RMA-2026-00007|closed|2026-12-06
RMA-2026-00008|closed|-
EOF

# ---- help ----

for verb in open receive diagnose repair repaired vendor-ship vendor-return ship confirm \
	close reject cancel status list show stats; do
	try "$verb -h" 0 crm rma $verb -h
done
try 'unknown verb' 2 crm rma frobnicate

done_testing
