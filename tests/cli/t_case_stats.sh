#!/bin/sh
# crm case stats: volume, first-response and resolution times in working
# hours (nearest-rank median and p90), service levels met, first-contact
# resolution, contacts per case, reopen rate, backlog by age; overall, by
# assignee and product, over a period; bad input.  The default calendar
# (Monday to Friday, 09:00-17:00); stats run on friday 2026-12-04 12:00.
. "$(dirname "$0")/lib.sh"

at() {
	_t=$1
	shift
	env CRM_TODAY="${_t%%T*}" CRM_NOW="$_t" "$CRM_BIN" "$@"
}
NOW=2026-12-04T12:00:00

try 'a customer' 0 crm customer add Acme
try 'a product' 0 crm product add P-1 Pump --price 10

# 00001 old: normal, bob, monday 11-02 09:00, never answered: both targets
#   missed (respond_by 11-02 17:00, resolve_by 11-06 17:00); 32 days old.
try 'old' 0 at 2026-11-02T09:00:00 case open C00001 old --assignee bob
# 00002: high, bob, P-1, monday 11-23 09:00; reply 10:00 (1h), resolved
#   13:00 (4h): both met, one reply, no wait: first-contact resolution.
try 'one' 0 at 2026-11-23T09:00:00 case open C00001 one --priority high --assignee bob --product P-1
try 'one reply' 0 at 2026-11-23T10:00:00 case reply CS-2026-00002 answer
try 'one resolve' 0 at 2026-11-23T13:00:00 case resolve CS-2026-00002
# 00003: normal, email, bob, monday 11-23 09:00; reply 12:00 (3h); waits
#   13:00 to tuesday 09:00; reply 10:00; resolved tuesday 15:00: 4h monday +
#   6h tuesday = 10h; both met.
try 'two' 0 at 2026-11-23T09:00:00 case open C00001 two --channel email --assignee bob
try 'two reply' 0 at 2026-11-23T12:00:00 case reply CS-2026-00003 first
try 'two wait' 0 at 2026-11-23T13:00:00 case wait CS-2026-00003
try 'two resume' 0 at 2026-11-24T09:00:00 case resume CS-2026-00003
try 'two reply again' 0 at 2026-11-24T10:00:00 case reply CS-2026-00003 second
try 'two resolve' 0 at 2026-11-24T15:00:00 case resolve CS-2026-00003
# 00004: urgent, email, cy, tuesday 11-24 09:00; reply 11:00 (2h: missed
#   the 1h target); resolved 15:00, reopened wednesday 09:00, reply 10:00,
#   resolved thursday 13:00: 8h + 4h = 12h from the reopening, over 8: missed.
try 'three' 0 at 2026-11-24T09:00:00 case open C00001 three --channel email --priority urgent --assignee cy
try 'three reply' 0 at 2026-11-24T11:00:00 case reply CS-2026-00004 first
try 'three resolve' 0 at 2026-11-24T15:00:00 case resolve CS-2026-00004
try 'three reopen' 0 at 2026-11-25T09:00:00 case reopen CS-2026-00004
try 'three reply again' 0 at 2026-11-25T10:00:00 case reply CS-2026-00004 second
try 'three resolve again' 0 at 2026-11-26T13:00:00 case resolve CS-2026-00004
# 00005: low, nobody, wednesday 11-25 09:00, never answered: respond_by
#   thursday 17:00 missed; resolve_by (80h) tuesday 12-08 17:00 not yet; 9
#   days old.
try 'four' 0 at 2026-11-25T09:00:00 case open C00001 four --priority low
# 00006: normal, chat, cy, thursday 12-03 16:00; reply 16:30 (0.5h, met);
#   waiting since friday 09:00; 1 day old.
try 'five' 0 at 2026-12-03T16:00:00 case open C00001 five --channel chat --assignee cy
try 'five reply' 0 at 2026-12-03T16:30:00 case reply CS-2026-00006 quick
try 'five wait' 0 at 2026-12-04T09:00:00 case wait CS-2026-00006

# Overall: 6 cases, 3 unresolved (old, four, five).  Response times
# 0.5, 1, 2, 3: median rank ceil(0.5*4) = 2 → 1.0, p90 rank 4 → 3.0.
# Resolution times 4, 10, 12: median rank 2 → 10.0, p90 rank 3 → 12.0.
# Response met 3 of 6 (one, two, five) = 50.0; resolution met 2 of 4
# decided (one, two; three, old missed) = 50.0.  Resolved at least once: 3,
# of which one at first contact = 33.3; replies 6 / 6 cases = 1.0;
# reopened 1 of 3 resolved = 33.3.  Backlog: five 1 day, four 9, old 32.
try 'overall' 0 at $NOW case stats
out_is <<'EOF'
cases,unresolved,response_median,response_p90,resolution_median,resolution_p90,response_met,resolution_met,fcr,contacts,reopen_rate,age_0_1,age_2_7,age_8_30,age_31_plus
6,3,1.0,3.0,10.0,12.0,50.0,50.0,33.3,1.0,33.3,1,0,1,1
EOF

# bob: old, one, two.  Responses 1, 3: median rank 1 → 1.0, p90 rank 2 →
# 3.0; resolutions 4, 10 → 4.0, 10.0; response met 2/3, resolution met
# 2/3 = 66.7; fcr 1/2; 3 replies / 3; no reopening; old is 32 days old.
# cy: three, five.  Responses 0.5, 2; resolution 12; response met 1/2,
# resolution met 0/1; fcr 0/1; 3 replies / 2 = 1.5; reopened 1/1.
# none: four.  No times; response met 0/1; nothing decided or resolved.
try 'by assignee' 0 at $NOW case stats --by assignee
out_is <<'EOF'
assignee,cases,unresolved,response_median,response_p90,resolution_median,resolution_p90,response_met,resolution_met,fcr,contacts,reopen_rate,age_0_1,age_2_7,age_8_30,age_31_plus
bob,3,1,1.0,3.0,4.0,10.0,66.7,66.7,50.0,1.0,0.0,0,0,0,1
cy,2,1,0.5,2.0,12.0,12.0,50.0,0.0,0.0,1.5,100.0,1,0,0,0
none,1,1,,,,,0.0,,,0.0,,0,0,1,0
total,6,3,1.0,3.0,10.0,12.0,50.0,50.0,33.3,1.0,33.3,1,0,1,1
EOF

# P-1: one only.  none: the other five: responses 0.5, 2, 3 → 2.0, 3.0;
# resolutions 10, 12 → rank 1 10.0, rank 2 12.0; response met 2/5 = 40.0,
# resolution met 1/3 = 33.3; fcr 0/2; 5 replies / 5; reopened 1/2.
try 'by product' 0 at $NOW case stats --by product --format table
out_is <<'EOF'
PRODUCT  CASES  UNRESOLVED  RESPONSE_MEDIAN  RESPONSE_P90  RESOLUTION_MEDIAN  RESOLUTION_P90  RESPONSE_MET  RESOLUTION_MET    FCR  CONTACTS  REOPEN_RATE  AGE_0_1  AGE_2_7  AGE_8_30  AGE_31_PLUS
P-1          1           0              1.0           1.0                4.0             4.0         100.0           100.0  100.0       1.0          0.0        0        0         0            0
none         5           3              2.0           3.0               10.0            12.0          40.0            33.3    0.0       1.0         50.0        1        0         1            1
total        6           3              1.0           3.0               10.0            12.0          50.0            50.0   33.3       1.0         33.3        1        0         1            1
EOF

try 'by channel in json' 0 at $NOW case stats --by channel --format json --columns channel,cases,unresolved,response_met
out_is <<'EOF'
[
{"channel":"chat","cases":1,"unresolved":1,"response_met":100.0},
{"channel":"email","cases":2,"unresolved":0,"response_met":50.0},
{"channel":"phone","cases":3,"unresolved":2,"response_met":33.3},
{"channel":"total","cases":6,"unresolved":3,"response_met":50.0}
]
EOF
try 'by priority' 0 at $NOW case stats --by priority --columns priority,cases
out_is <<'EOF'
priority,cases
high,1
low,1
normal,3
urgent,1
total,6
EOF

# The cases opened 11-23 and 11-24: one, two, three.  Responses 1, 3, 2 →
# sorted 1, 2, 3: 2.0 and 3.0; replies 5 / 3 = 1.67 → 1.7.
try 'a period' 0 at $NOW case stats --from 2026-11-23 --to 2026-11-24
out_is <<'EOF'
cases,unresolved,response_median,response_p90,resolution_median,resolution_p90,response_met,resolution_met,fcr,contacts,reopen_rate,age_0_1,age_2_7,age_8_30,age_31_plus
3,0,2.0,3.0,10.0,12.0,66.7,66.7,33.3,1.7,33.3,0,0,0,0
EOF
try 'a relative period' 0 at $NOW case stats --from -2d --columns cases
out_is <<'EOF'
cases
1
EOF
try 'an empty period' 0 at $NOW case stats --from 2027-01-01
out_is <<'EOF'
cases,unresolved,response_median,response_p90,resolution_median,resolution_p90,response_met,resolution_met,fcr,contacts,reopen_rate,age_0_1,age_2_7,age_8_30,age_31_plus
0,0,,,,,,,,,,0,0,0,0
EOF

# ---- bad input ----

try 'an unknown --by' 2 crm case stats --by month
head -1 "$T/err" >"$T/err1"
compare 'the message' "$T/err1" <<'EOF'
crm: case stats: unknown --by 'month' (channel, assignee, priority, product)
EOF
out_empty
try 'a bad date' 4 crm case stats --from 2026-02-30
out_empty
try 'an argument' 2 crm case stats bob

done_testing
