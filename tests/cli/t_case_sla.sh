#!/bin/sh
# crm case: the service-level clocks in working hours, across nights,
# weekends, holidays and pauses (wait ... resume), reopening, tier policies
# and a changed calendar; the calendar and sla settings of crm config.
# The default calendar: Monday to Friday, 09:00-17:00.  Targets (response,
# resolution): urgent 1/8, high 4/16, normal 8/40, low 16/80 working hours.
# 2026-11-23 is a Monday, 2026-11-27 a Friday, 2026-12-23 a Wednesday.
. "$(dirname "$0")/lib.sh"

at() {
	_t=$1
	shift
	env CRM_TODAY="${_t%%T*}" CRM_NOW="$_t" "$CRM_BIN" "$@"
}

# clocks TIME CASE: the clock columns of one case at TIME.
clocks() {
	try "$3" 0 at "$1" case list --status all --no-header \
		--columns number,status,respond_by,resolve_by,response_met,resolution_met
	grep "^$2," "$T/out" >"$T/row"
}
row_is() { compare "the clocks" "$T/row"; }

try 'a customer' 0 crm customer add Acme
try 'a gold customer' 0 crm customer add 'Gold Co' --tier gold

# ---- config: the calendar and the targets are checked when set ----

try 'a bad weekday' 4 crm config set calendar.days mon,funday
err_is <<'EOF'
crm: config set: calendar.days: 'funday' is not a weekday (mon,tue,...,sun; each once)
EOF
try 'a weekday twice' 4 crm config set calendar.days mon,mon
err_is <<'EOF'
crm: config set: calendar.days: 'mon' is not a weekday (mon,tue,...,sun; each once)
EOF
try 'hours backwards' 4 crm config set calendar.hours 17:00-09:00
err_is <<'EOF'
crm: config set: calendar.hours: '17:00-09:00' is not working hours (such as 09:00-17:00)
EOF
try 'a bad holiday' 4 crm config set calendar.holidays 2026-12-24,2026-13-01
err_is <<'EOF'
crm: config set: calendar.holidays: '2026-13-01' is not a date (YYYY-MM-DD)
EOF
try 'zero hours' 4 crm config set sla.urgent.response 0
err_is <<'EOF'
crm: config set: sla.urgent.response: '0' is not a number of working hours (1-10000)
EOF
try 'an unknown priority' 4 crm config set sla.gold.asap.response 3
err_is <<'EOF'
crm: config set: 'sla.gold.asap.response' is not sla.[TIER.]PRIORITY.response|resolution (priorities: low, normal, high, urgent)
EOF
try 'a tier with a dot' 4 crm config set sla.a.b.urgent.resolution 3
err_is <<'EOF'
crm: config set: 'sla.a.b.urgent.resolution' is not sla.[TIER.]PRIORITY.response|resolution (priorities: low, normal, high, urgent)
EOF
try 'nothing was stored' 0 crm config list
out_is <<'EOF'
key,value
EOF
try 'the defaults' 0 crm config get calendar.hours
out_is <<'EOF'
09:00-17:00
EOF

# ---- A: across a night ----
# urgent, opened monday 16:30: respond_by = 30 min monday + 30 min tuesday
# = tuesday 09:30; resolve_by = 30 min + 7h30 tuesday = tuesday 16:30.
try 'A: open monday 16:30' 0 at 2026-11-23T16:30:00 case open C00001 'A night' --priority urgent
clocks 2026-11-23T16:30:00 CS-2026-00001 'A: at opening'
row_is <<'EOF'
CS-2026-00001,open,2026-11-24T09:30:00,2026-11-24T16:30:00,,
EOF
try 'A: reply tuesday 09:20' 0 at 2026-11-24T09:20:00 case reply CS-2026-00001 'on it'
try 'A: resolve tuesday 16:45' 0 at 2026-11-24T16:45:00 case resolve CS-2026-00001
clocks 2026-11-24T17:00:00 CS-2026-00001 'A: resolved 15 minutes late'
row_is <<'EOF'
CS-2026-00001,resolved,2026-11-24T09:30:00,2026-11-24T16:30:00,yes,no
EOF

# ---- B: across a weekend ----
# high, opened friday 15:00: respond_by = 2h friday + 2h monday = monday
# 11:00; resolve_by = 2h + 8h monday + 6h tuesday = tuesday 15:00.
try 'B: open friday 15:00' 0 at 2026-11-27T15:00:00 case open C00001 'B weekend' --priority high
clocks 2026-11-30T11:00:00 CS-2026-00002 'B: at the response target: still running'
row_is <<'EOF'
CS-2026-00002,open,2026-11-30T11:00:00,2026-12-01T15:00:00,,
EOF
clocks 2026-11-30T11:00:01 CS-2026-00002 'B: a second later: missed'
row_is <<'EOF'
CS-2026-00002,open,2026-11-30T11:00:00,2026-12-01T15:00:00,no,
EOF
try 'B: breached' 0 at 2026-11-30T11:00:01 case list --breached --columns number
out_is <<'EOF'
number
CS-2026-00002
EOF

# ---- D: a pause ----
# high, opened monday 09:00, replied 09:30; waiting from monday 11:00 (2h
# ran) to wednesday 14:00; 14h remain: wednesday 14-17 (3h), thursday (8h),
# friday 09:00 + 3h = friday 12:00.
try 'D: open monday 09:00' 0 at 2026-11-23T09:00:00 case open C00001 'D pause' --priority high
try 'D: reply' 0 at 2026-11-23T09:30:00 case reply CS-2026-00003 'please test'
try 'D: wait' 0 at 2026-11-23T11:00:00 case wait CS-2026-00003 'customer testing'
# while it waits the target moves on with the clock: at tuesday 10:00 the
# 14h left count from then: tuesday 10-17 (7h), wednesday 09-16 (7h)
clocks 2026-11-24T10:00:00 CS-2026-00003 'D: waiting, tuesday 10:00'
row_is <<'EOF'
CS-2026-00003,waiting,2026-11-23T13:00:00,2026-11-25T16:00:00,yes,
EOF
try 'D: resume wednesday 14:00' 0 at 2026-11-25T14:00:00 case resume CS-2026-00003
clocks 2026-11-25T14:00:00 CS-2026-00003 'D: resumed'
row_is <<'EOF'
CS-2026-00003,open,2026-11-23T13:00:00,2026-11-27T12:00:00,yes,
EOF
try 'D: resolve friday 11:00' 0 at 2026-11-27T11:00:00 case resolve CS-2026-00003
clocks 2026-11-27T11:00:00 CS-2026-00003 'D: met thanks to the pause'
row_is <<'EOF'
CS-2026-00003,resolved,2026-11-23T13:00:00,2026-11-27T12:00:00,yes,yes
EOF

# ---- E: resolved while waiting ----
# normal, opened monday 09:00, waiting from 10:00 (1h ran), resolved from
# waiting thursday 10:00: the pause ends there; 39h from thursday 10:00 =
# thursday 7h, friday 8, monday 8, tuesday 8, wednesday 8 = wednesday
# 2026-12-02 17:00.  Never replied: respond_by monday 17:00 missed.
try 'E: open' 0 at 2026-11-23T09:00:00 case open C00001 'E wait and resolve'
try 'E: wait' 0 at 2026-11-23T10:00:00 case wait CS-2026-00004
try 'E: resolve while waiting' 0 at 2026-11-26T10:00:00 case resolve CS-2026-00004
clocks 2026-11-26T10:00:00 CS-2026-00004 'E: resolved'
row_is <<'EOF'
CS-2026-00004,resolved,2026-11-23T17:00:00,2026-12-02T17:00:00,no,yes
EOF

# ---- F: reopening resets the outcome ----
# urgent, opened monday 09:00, replied 09:10, resolved 10:00 (in time).
# Reopened tuesday 16:00: 8h from there = tuesday 1h, wednesday 7h =
# wednesday 16:00, and the outcome is open again.
try 'F: open' 0 at 2026-11-23T09:00:00 case open C00001 'F reopen' --priority urgent
try 'F: reply' 0 at 2026-11-23T09:10:00 case reply CS-2026-00005 hello
try 'F: resolve' 0 at 2026-11-23T10:00:00 case resolve CS-2026-00005
clocks 2026-11-23T10:00:00 CS-2026-00005 'F: met'
row_is <<'EOF'
CS-2026-00005,resolved,2026-11-23T10:00:00,2026-11-23T17:00:00,yes,yes
EOF
try 'F: reopen tuesday 16:00' 0 at 2026-11-24T16:00:00 case reopen CS-2026-00005 'broke again'
clocks 2026-11-24T16:00:00 CS-2026-00005 'F: reopened'
row_is <<'EOF'
CS-2026-00005,open,2026-11-23T10:00:00,2026-11-25T16:00:00,yes,
EOF
try 'F: resolve thursday 09:00' 0 at 2026-11-26T09:00:00 case resolve CS-2026-00005
clocks 2026-11-26T09:00:00 CS-2026-00005 'F: missed the second time'
row_is <<'EOF'
CS-2026-00005,resolved,2026-11-23T10:00:00,2026-11-25T16:00:00,yes,no
EOF

# ---- C: across holidays ----
# normal, opened wednesday 2026-12-23 13:00 with the 24th and 25th off:
# respond_by = 4h wednesday + 4h monday 28th = monday 13:00; resolve_by =
# 4 + 8 (mon) + 8 (tue) + 8 (wed) + 8 (thu 31st) + 4 (fri 1 jan) =
# 2027-01-01 13:00.
try 'holidays' 0 crm config set calendar.holidays 2026-12-24,2026-12-25
try 'C: open before christmas' 0 at 2026-12-23T13:00:00 case open C00001 'C holidays'
clocks 2026-12-23T13:00:00 CS-2026-00006 'C: over the holidays'
row_is <<'EOF'
CS-2026-00006,open,2026-12-28T13:00:00,2027-01-01T13:00:00,,
EOF

# ---- G: a tier's own target ----
# gold urgent: response 2h (sla.gold.urgent.response), resolution the
# default 8h: monday 09:00 → 11:00 and 17:00.
try 'a gold response target' 0 crm config set sla.gold.urgent.response 2
try 'G: open for gold' 0 at 2026-11-23T09:00:00 case open C00002 'G gold' --priority urgent
clocks 2026-11-23T09:00:00 CS-2026-00007 'G: the tier target'
row_is <<'EOF'
CS-2026-00007,open,2026-11-23T11:00:00,2026-11-23T17:00:00,,
EOF
try 'the same priority without a tier' 0 at 2026-11-23T09:00:00 case open C00001 'H plain' --priority urgent
clocks 2026-11-23T09:00:00 CS-2026-00008 'H: the default target'
row_is <<'EOF'
CS-2026-00008,open,2026-11-23T10:00:00,2026-11-23T17:00:00,,
EOF

# ---- another calendar: six days, 08:00-18:00 ----
# low (16/80), opened saturday 2026-11-28 10:00: respond_by = 8h saturday +
# 8h monday from 08:00 = monday 16:00; resolve_by: sat 8, mon 10 (18), tue
# 28, wed 38, thu 48, fri 58, sat 12-05 68, mon 12-07 78, tue 12-08 08:00 +
# 2h = 10:00.
try 'six working days' 0 crm config set calendar.days mon,tue,wed,thu,fri,sat
try 'longer hours' 0 crm config set calendar.hours 08:00-18:00
try 'L: open on a saturday' 0 at 2026-11-28T10:00:00 case open C00001 'L low' --priority low
clocks 2026-11-28T10:00:00 CS-2026-00009 'L: in the new calendar'
row_is <<'EOF'
CS-2026-00009,open,2026-11-30T16:00:00,2026-12-08T10:00:00,,
EOF
sql_is "SELECT key, value FROM config WHERE key LIKE 'calendar.%' OR key LIKE 'sla.%' ORDER BY key" <<'EOF'
calendar.days|mon,tue,wed,thu,fri,sat
calendar.holidays|2026-12-24,2026-12-25
calendar.hours|08:00-18:00
sla.gold.urgent.response|2
EOF

done_testing
