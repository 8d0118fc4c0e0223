#!/bin/sh
# crm rma stats: turnaround per stage (median days), warranty share, repeat
# failures by product and by serial.
. "$(dirname "$0")/lib.sh"

# at TIME ARGS...: runs crm ARGS with the clock at TIME (today is its date).
at() {
	t=$1
	shift
	CRM_NOW=$t CRM_TODAY=${t%%T*} "$CRM_BIN" "$@"
}

crm customer add 'Acme GmbH' >/dev/null
crm product add W-1 Widget --price 10 --warranty 12
crm product add G-1 Gadget --price 20 --warranty 24

try 'stats with no RMAs' 0 crm rma stats --format csv
out_is <<'EOF'
section,item,rmas,value
EOF

# RMA-1: in each state for (days): opened 1, received 1.5, diagnosed 0.5,
# repairing 3, repaired 1, shipped 3, confirmed 1; opened to shipped 7.
at 2026-11-02T09:00:00 rma open C00001 --product W-1 --serial SN1 --purchased 2026-06-01 >/dev/null
at 2026-11-03T09:00:00 rma receive RMA-2026-00001
at 2026-11-04T21:00:00 rma diagnose RMA-2026-00001
at 2026-11-05T09:00:00 rma repair RMA-2026-00001
at 2026-11-08T09:00:00 rma repaired RMA-2026-00001
at 2026-11-09T09:00:00 rma ship RMA-2026-00001
at 2026-11-12T09:00:00 rma confirm RMA-2026-00001
at 2026-11-13T09:00:00 rma close RMA-2026-00001
# RMA-2, the same unit again: opened 3, received 1, diagnosed 0.25 (no fault
# found, shipped back), still shipped; opened to shipped 4.25.
at 2026-11-10T09:00:00 rma open C00001 --product W-1 --serial SN1 --purchased 2026-06-01 >/dev/null
at 2026-11-13T09:00:00 rma receive RMA-2026-00002
at 2026-11-14T09:00:00 rma diagnose RMA-2026-00002
at 2026-11-14T15:00:00 rma ship RMA-2026-00002
# RMA-3, out of warranty: opened 1, received 0.5, then cancelled.
at 2026-11-15T09:00:00 rma open C00001 --product G-1 --serial SN9 --purchased 2020-01-01 \
	--chargeable >/dev/null
at 2026-11-16T09:00:00 rma receive RMA-2026-00003
at 2026-11-16T21:00:00 rma cancel RMA-2026-00003 --reason 'too expensive'
# RMA-4, an advance replacement: opened 1 hour (60 minutes), still shipped.
at 2026-11-20T09:00:00 rma open C00001 --product W-1 --serial SN2 --purchased 2026-06-01 \
	--advance-replacement >/dev/null
at 2026-11-20T10:00:00 rma ship RMA-2026-00004

# Medians, in minutes: opened 60 1440 1440 4320 → (1440 + 1440) / 2 = 1 day;
# received 720 1440 2160 → 1440 = 1 day; diagnosed 360 720 → 540 = 0.375 → 0.4;
# repairing 3; repaired 1; shipped 3 (the others still are); confirmed 1;
# opened to shipped: 60, 6120 (4.25 days), 10080 → 4.25 → 4.3 (half up).
# Warranty: 3 of 4 in (75.0 %), 1 out (25.0 %).  Repeats: W-1 3 times, W-1 SN1
# twice.
try 'stats' 0 crm rma stats --format csv
out_is <<'EOF'
section,item,rmas,value
stage,opened,4,1.0
stage,received,3,1.0
stage,diagnosed,2,0.4
stage,repairing,1,3.0
stage,repaired,1,1.0
stage,shipped,1,3.0
stage,confirmed,1,1.0
turnaround,opened to shipped,3,4.3
warranty,in,3,75.0
warranty,out,1,25.0
product,W-1,3,
serial,W-1 SN1,2,
EOF

# From 2026-11-15: RMA-3 and RMA-4.  opened 60 1440 → 750 minutes = 0.52 → 0.5;
# received 720 → 0.5; opened to shipped 60 → 0.04 → 0.0; 1 in, 1 out.
try 'stats --from' 0 crm rma stats --from 2026-11-15 --format json
out_is <<'EOF'
[
{"section":"stage","item":"opened","rmas":2,"value":0.5},
{"section":"stage","item":"received","rmas":1,"value":0.5},
{"section":"turnaround","item":"opened to shipped","rmas":1,"value":0.0},
{"section":"warranty","item":"in","rmas":1,"value":50.0},
{"section":"warranty","item":"out","rmas":1,"value":50.0}
]
EOF
# To 2026-11-10: RMA-1 and RMA-2 (opened on the 10th counts).
try 'stats --to, relative' 0 crm rma stats --to -12d --format csv --columns section,item,rmas
out_is <<'EOF'
section,item,rmas
stage,opened,2
stage,received,2
stage,diagnosed,2
stage,repairing,1
stage,repaired,1
stage,shipped,1
stage,confirmed,1
turnaround,opened to shipped,2
warranty,in,2
product,W-1,2
serial,W-1 SN1,2
EOF
try 'stats: nothing in range' 0 crm rma stats --from 2026-12-01 --format csv
out_is <<'EOF'
section,item,rmas,value
EOF
try 'stats: a bad date' 4 crm rma stats --from 2026-13-01
out_empty
err_is <<'EOF'
crm: rma stats: '2026-13-01' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)
EOF
try 'stats: an argument' 2 crm rma stats W-1
try 'stats as a table' 0 crm rma stats --format table --from 2026-11-15
out_is <<'EOF'
SECTION     ITEM               RMAS  VALUE
stage       opened                2    0.5
stage       received              1    0.5
turnaround  opened to shipped     1    0.0
warranty    in                    1   50.0
warranty    out                   1   50.0
EOF

done_testing
