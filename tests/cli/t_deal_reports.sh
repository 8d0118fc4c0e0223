#!/bin/sh
# crm deal pipeline, forecast, funnel and stalled on a fixed data set built
# at varied dates.  Every expected figure below was computed by hand from the
# data set (the comments show the sums), not copied from the program.
. "$(dirname "$0")/lib.sh"

# at DAY crm ARGS...: runs crm with the clock at DAY 10:00.
at() {
	_day=$1
	shift 2
	env CRM_TODAY="$_day" CRM_NOW="${_day}T10:00:00" "$CRM_BIN" "$@"
}

# Default stages: prospect 10% stall 14, qualified 25% 21, proposal 50% 21,
# negotiation 75% 14.
#
#  deal  customer  owner title    amount   created     history                        now
#  D1    Acme      ann   Alpha    1000.00  2026-09-01  prospect, qualified 09-05,     open, proposal since 09-20,
#                                                      proposal 09-20                 close 2026-12-10
#  D2    Birch     bob   Beta     2000.00  2026-09-02  prospect, qualified 10-01      open, close 2026-11-15
#  D3    Cedar     ann   Gamma     333.33  2026-09-03  qualified (own prob. 33%)      open, close 2027-01-20
#  D4    Acme      ann   Delta    5000.00  2026-10-01  prospect, qualified 10-05,     won 2026-11-10
#                                                      proposal 10-10, negotiation 10-20
#  D5    Birch     bob   Epsilon   750.00  2026-10-02  prospect                       lost 2026-10-06
#  D6    Birch     bob   Zeta     1500.00  2026-10-03  proposal                       won 2026-11-01
#  D7    Cedar     ann   Iota      400.00  2026-10-04  qualified, proposal 10-25      lost 2026-11-05
#  D8    Cedar     ann   Eta        99.99  2026-11-15  negotiation                    open, no close date
#  D9    Acme      bob   Theta      10.05  2026-11-20  prospect                       open, close 2026-12-31
build() {
	at 2026-09-01 crm customer add Acme --owner ann >/dev/null &&
	at 2026-09-01 crm customer add Birch --owner bob >/dev/null &&
	at 2026-09-01 crm customer add Cedar --owner ann >/dev/null &&
	at 2026-09-01 crm deal add C00001 Alpha --amount 1000 --close 2026-12-10 >/dev/null &&
	at 2026-09-02 crm deal add C00002 Beta --amount 2000 --close 2026-11-15 >/dev/null &&
	at 2026-09-03 crm deal add C00003 Gamma --amount 333.33 --stage qualified \
		--probability 33 --close 2027-01-20 >/dev/null &&
	at 2026-09-05 crm deal move D00001 qualified &&
	at 2026-09-20 crm deal move D00001 proposal &&
	at 2026-10-01 crm deal move D00002 qualified &&
	at 2026-10-01 crm deal add C00001 Delta --amount 5000 >/dev/null &&
	at 2026-10-02 crm deal add C00002 Epsilon --amount 750 >/dev/null &&
	at 2026-10-03 crm deal add C00002 Zeta --amount 1500 --stage proposal >/dev/null &&
	at 2026-10-04 crm deal add C00003 Iota --amount 400 --stage qualified >/dev/null &&
	at 2026-10-05 crm deal move D00004 qualified &&
	at 2026-10-06 crm deal lost D00005 --reason price &&
	at 2026-10-10 crm deal move D00004 proposal &&
	at 2026-10-20 crm deal move D00004 negotiation &&
	at 2026-10-25 crm deal move D00007 proposal &&
	at 2026-11-01 crm deal won D00006 &&
	at 2026-11-05 crm deal lost D00007 --reason timing &&
	at 2026-11-10 crm deal won D00004 &&
	at 2026-11-15 crm deal add C00003 Eta --amount 99.99 --stage negotiation >/dev/null &&
	at 2026-11-20 crm deal add C00001 Theta --amount 10.05 --close 2026-12-31 --owner bob >/dev/null
}
try 'build the data set' 0 build
sql_is "SELECT code, owner, stage, status, close_date FROM deal ORDER BY id" <<'EOF'
D00001|ann|proposal|open|2026-12-10
D00002|bob|qualified|open|2026-11-15
D00003|ann|qualified|open|2027-01-20
D00004|ann|negotiation|won|2026-11-10
D00005|bob|prospect|lost|2026-10-06
D00006|bob|proposal|won|2026-11-01
D00007|ann|proposal|lost|2026-11-05
D00008|ann|negotiation|open|
D00009|bob|prospect|open|2026-12-31
EOF

# ---- pipeline ----

# weighted per open deal (half away from zero):
#   D1 1000.00 * 50% = 500.00       D2 2000.00 * 25% = 500.00
#   D3 333.33 * 33% = 109.9989 -> 110.00
#   D8 99.99 * 75% = 74.9925 -> 74.99
#   D9 10.05 * 10% = 1.005 -> 1.01
# prospect D9; qualified D2 + D3 = 2333.33, 610.00; proposal D1;
# negotiation D8; total 5 deals, 3443.37, 1186.00
try 'pipeline' 0 crm deal pipeline
out_is <<'EOF'
stage,deals,amount,weighted
prospect,1,10.05,1.01
qualified,2,2333.33,610.00
proposal,1,1000.00,500.00
negotiation,1,99.99,74.99
total,5,3443.37,1186.00
EOF
# ann: D1, D3, D8: 1433.32 and 684.99
try 'pipeline of one owner as a table' 0 crm deal pipeline --owner ann --format table
out_is <<'EOF'
STAGE        DEALS   AMOUNT  WEIGHTED
prospect         0     0.00      0.00
qualified        1   333.33    110.00
proposal         1  1000.00    500.00
negotiation      1    99.99     74.99
total            3  1433.32    684.99
EOF
try 'pipeline as json' 0 crm deal pipeline --owner bob --format json
# bob: D2 (qualified 2000.00, 500.00), D9 (prospect 10.05, 1.01)
out_is <<'EOF'
[
{"stage":"prospect","deals":1,"amount":10.05,"weighted":1.01},
{"stage":"qualified","deals":1,"amount":2000.00,"weighted":500.00},
{"stage":"proposal","deals":0,"amount":0.00,"weighted":0.00},
{"stage":"negotiation","deals":0,"amount":0.00,"weighted":0.00},
{"stage":"total","deals":2,"amount":2010.05,"weighted":501.01}
]
EOF
try 'pipeline of nobody' 0 crm deal pipeline --owner zed --columns stage,deals
out_is <<'EOF'
stage,deals
prospect,0
qualified,0
proposal,0
negotiation,0
total,0
EOF

# ---- forecast ----

# open deals by close month; won = deals won with a close date in the month:
#   2026-11: D2 (2000.00, 500.00); won D4 5000.00 + D6 1500.00 = 6500.00
#   2026-12: D1 + D9 = 1010.05, 501.01
#   2027-01: D3 333.33, 110.00
#   none:    D8 99.99, 74.99
try 'forecast by month' 0 crm deal forecast
out_is <<'EOF'
period,deals,amount,weighted,won
2026-11,1,2000.00,500.00,6500.00
2026-12,2,1010.05,501.01,0.00
2027-01,1,333.33,110.00,0.00
none,1,99.99,74.99,0.00
total,5,3443.37,1186.00,6500.00
EOF
# 2026-Q4 = 2026-11 + 2026-12: 3 deals, 3010.05, 1001.01, won 6500.00
try 'forecast by quarter as json' 0 crm deal forecast --by quarter --format json
out_is <<'EOF'
[
{"period":"2026-Q4","deals":3,"amount":3010.05,"weighted":1001.01,"won":6500.00},
{"period":"2027-Q1","deals":1,"amount":333.33,"weighted":110.00,"won":0.00},
{"period":"none","deals":1,"amount":99.99,"weighted":74.99,"won":0.00},
{"period":"total","deals":5,"amount":3443.37,"weighted":1186.00,"won":6500.00}
]
EOF
# bob: D2 in 2026-11 with D6 won 1500.00; D9 in 2026-12
try 'forecast of one owner' 0 crm deal forecast --owner bob
out_is <<'EOF'
period,deals,amount,weighted,won
2026-11,1,2000.00,500.00,1500.00
2026-12,1,10.05,1.01,0.00
total,2,2010.05,501.01,1500.00
EOF
# close dates from 2026-12-01 to 2026-12-31: D1 and D9; no "none" row
try 'forecast of one month' 0 crm deal forecast --from 2026-12-01 --to 2026-12-31
out_is <<'EOF'
period,deals,amount,weighted,won
2026-12,2,1010.05,501.01,0.00
total,2,1010.05,501.01,0.00
EOF
# today 2026-11-22 to +1m = 2026-12-22: only D1 (2026-12-10); D2 (11-15) and
# the won deals (11-01, 11-10) are before the window
try 'forecast from today for a month' 0 crm deal forecast --from today --to +1m --format tsv
out_is <<'EOF'
period	deals	amount	weighted	won
2026-12	1	1000.00	500.00	0.00
total	1	1000.00	500.00	0.00
EOF
# the same window seen from 2026-11-01: 2026-11-01 to 2026-12-01 holds D2
# (11-15) and the deals won 11-01 and 11-10
try 'forecast with another today' 0 crm --today 2026-11-01 deal forecast --from today --to +1m
out_is <<'EOF'
period,deals,amount,weighted,won
2026-11,1,2000.00,500.00,6500.00
total,1,2000.00,500.00,6500.00
EOF
try 'forecast: a bad --by' 2 crm deal forecast --by week
err_is <<'EOF'
crm: deal forecast: unknown --by 'week' (month, quarter)
usage: crm deal forecast [--by month|quarter] [--owner REP] [--from DATE] [--to DATE]
Open deals by the month (or quarter) of their expected close, with the
amount won in each period; deals without a close date come under "none".
EOF
try 'forecast: a bad date' 4 crm deal forecast --from 2026-13-01
err_is <<'EOF'
crm: deal forecast: '2026-13-01' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)
EOF

# ---- funnel ----

# The furthest configured stage each deal's history reached (a won deal
# counts as having passed every stage):
#   D1 3  D2 2  D3 2  D4 won  D5 1 lost  D6 won  D7 3 lost  D8 4  D9 1
# reached: prospect 9, qualified 7 (not D5, D9), proposal 5 (D1 D4 D6 D7
# D8), negotiation 3 (D4 D6 D8); won 2.
# conversion: 7/9 = 77.8, 5/7 = 71.4, 3/5 = 60.0, 2/3 = 66.7
# lost among those that reached: prospect 2 (D5 D7), qualified 1, proposal 1,
# negotiation 0 -> win rate 2/4 = 50.0, 2/3 = 66.7, 66.7, 2/2 = 100.0
# total: 9 deals, 2 won = 22.2%, win rate 2/(2+2) = 50.0,
# days to win: D4 10-01..11-10 = 40, D6 10-03..11-01 = 29 -> 34.5
try 'funnel' 0 crm deal funnel
out_is <<'EOF'
stage,deals,advanced,conversion,win_rate,days
prospect,9,7,77.8,50.0,
qualified,7,5,71.4,66.7,
proposal,5,3,60.0,66.7,
negotiation,3,2,66.7,100.0,
total,9,2,22.2,50.0,34.5
EOF
# ann: D1 3, D3 2, D4 won, D7 3 lost, D8 4
#   reached 5, 5, 4 (D1 D4 D7 D8), 2 (D4 D8); won 1 (40 days)
#   conversion 5/5, 4/5, 2/4, 1/2; lost D7 in the first three rows
# bob: D2 2, D5 1 lost, D6 won, D9 1
#   reached 4, 2 (D2 D6), 1, 1; won 1 (29 days)
#   conversion 2/4, 1/2, 1/1, 1/1; lost D5 in the first row only
try 'funnel by rep' 0 crm deal funnel --by rep
out_is <<'EOF'
rep,stage,deals,advanced,conversion,win_rate,days
ann,prospect,5,5,100.0,50.0,
ann,qualified,5,4,80.0,50.0,
ann,proposal,4,2,50.0,50.0,
ann,negotiation,2,1,50.0,100.0,
ann,total,5,1,20.0,50.0,40.0
bob,prospect,4,2,50.0,50.0,
bob,qualified,2,1,50.0,100.0,
bob,proposal,1,1,100.0,100.0,
bob,negotiation,1,1,100.0,100.0,
bob,total,4,1,25.0,50.0,29.0
EOF
# created in October: D4 won, D5 1 lost, D6 won, D7 3 lost
#   reached 4, 3, 3, 2; advanced 3, 3, 2, 2
#   lost: prospect 2, qualified 1, proposal 1, negotiation 0
try 'funnel of the deals created in October as json' 0 crm deal funnel --from 2026-10-01 --to 2026-10-31 --format json
out_is <<'EOF'
[
{"stage":"prospect","deals":4,"advanced":3,"conversion":75.0,"win_rate":50.0,"days":null},
{"stage":"qualified","deals":3,"advanced":3,"conversion":100.0,"win_rate":66.7,"days":null},
{"stage":"proposal","deals":3,"advanced":2,"conversion":66.7,"win_rate":66.7,"days":null},
{"stage":"negotiation","deals":2,"advanced":2,"conversion":100.0,"win_rate":100.0,"days":null},
{"stage":"total","deals":4,"advanced":2,"conversion":50.0,"win_rate":50.0,"days":34.5}
]
EOF
# no deals created in the window: zero counts, no percentages
try 'funnel of an empty period' 0 crm deal funnel --from 2025-01-01 --to 2025-12-31
out_is <<'EOF'
stage,deals,advanced,conversion,win_rate,days
prospect,0,0,,,
qualified,0,0,,,
proposal,0,0,,,
negotiation,0,0,,,
total,0,0,,,
EOF
try 'funnel by rep of an empty period: no rows' 0 crm deal funnel --by rep --from 2025-01-01 --to 2025-12-31
out_is <<'EOF'
rep,stage,deals,advanced,conversion,win_rate,days
EOF
try 'funnel: --by something else' 2 crm deal funnel --by month
err_is <<'EOF'
crm: deal funnel: unknown --by 'month' (rep)
usage: crm deal funnel [--by rep] [--from DATE] [--to DATE]
Stage-to-stage conversion, win rate and average days to win of the deals
created in the period (all deals by default), overall or per rep.
EOF

# ---- stalled ----

# today 2026-11-22; days in stage and limits:
#   D3 qualified since 09-03: 80 > 21        stalled
#   D1 proposal since 09-20: 63 > 21         stalled (close 12-10 ahead)
#   D2 qualified since 10-01: 52 > 21        stalled, and close 11-15 passed
#   D8 negotiation since 11-15: 7 <= 14; D9 prospect since 11-20: 2 <= 14
try 'stalled' 0 crm deal stalled
out_is <<'EOF'
code,customer,title,owner,stage,since,days,limit,close,why
D00003,C00003,Gamma,ann,qualified,2026-09-03,80,21,2027-01-20,stalled
D00001,C00001,Alpha,ann,proposal,2026-09-20,63,21,2026-12-10,stalled
D00002,C00002,Beta,bob,qualified,2026-10-01,52,21,2026-11-15,"stalled, past close"
EOF
# seen from 2026-12-20: D3 108, D1 91 (close passed), D2 80, D8 35 > 14,
# D9 30 > 14 (close 12-31 ahead)
try 'stalled, a month later, as json' 0 crm --today 2026-12-20 deal stalled --format json --columns code,days,limit,why
out_is <<'EOF'
[
{"code":"D00003","days":108,"limit":21,"why":"stalled"},
{"code":"D00001","days":91,"limit":21,"why":"stalled, past close"},
{"code":"D00002","days":80,"limit":21,"why":"stalled, past close"},
{"code":"D00008","days":35,"limit":14,"why":"stalled"},
{"code":"D00009","days":30,"limit":14,"why":"stalled"}
]
EOF
# a deal only past its close date: D9's close moved to yesterday
try 'move a close date back' 0 crm deal edit D00009 --close 2026-11-21
try 'stalled of one owner' 0 crm deal stalled --owner bob
out_is <<'EOF'
code,customer,title,owner,stage,since,days,limit,close,why
D00002,C00002,Beta,bob,qualified,2026-10-01,52,21,2026-11-15,"stalled, past close"
D00009,C00001,Theta,bob,prospect,2026-11-20,2,14,2026-11-21,past close
EOF
# no stall limit for a stage: only the close date counts
try 'a stage without stall limit' 0 crm config set deal.stages prospect,qualified,proposal,negotiation,review
try 'stalled: the limit is read again' 0 crm config set deal.stage.qualified.stall 90
try 'stalled with the new limit' 0 crm deal stalled --columns code,days,limit,why
# D3 80 <= 90 and D2 52 <= 90 now; D2 is still past its close date
out_is <<'EOF'
code,days,limit,why
D00001,63,21,stalled
D00002,52,90,past close
D00009,2,14,past close
EOF

# ---- probabilities come from the configuration when it changes ----

# qualified at 40%: D2 2000.00 * 40% = 800.00; D3 keeps its own 33% (110.00);
# review is configured without deals
try 'a stage probability' 0 crm config set deal.stage.qualified.probability 40
try 'pipeline after the change' 0 crm deal pipeline
out_is <<'EOF'
stage,deals,amount,weighted
prospect,1,10.05,1.01
qualified,2,2333.33,910.00
proposal,1,1000.00,500.00
negotiation,1,99.99,74.99
review,0,0.00,0.00
total,5,3443.37,1486.00
EOF

for verb in stages pipeline forecast funnel stalled; do
	try "$verb -h" 0 crm deal $verb -h
done
try 'pipeline: stray argument' 2 crm deal pipeline extra

done_testing
