#!/bin/sh
# crm deal: add, list, show, edit, move, won, lost, reopen, stages; the
# stage history; configured stages; deals in customer show; bad input
# refused with nothing written.
. "$(dirname "$0")/lib.sh"

# at DAY crm ARGS...: runs crm with the clock at DAY 10:00.
at() {
	_day=$1
	shift 2
	env CRM_TODAY="$_day" CRM_NOW="${_day}T10:00:00" "$CRM_BIN" "$@"
}

# unchanged: the deals, stage rows and audit rows are as many as before.
unchanged() {
	sql_is 'SELECT count(*) FROM deal; SELECT count(*) FROM deal_stage; SELECT count(*) FROM audit' <<EOF
$1
$2
$3
EOF
}

try 'a customer with an owner' 0 crm customer add 'Acme Trading' --owner bob
try 'a customer without' 0 crm customer add 'Birch Ltd'

# ---- add ----

try 'add a deal' 0 crm deal add C00001 'Web shop' --amount 12000 --close 2026-12-31 \
	--source referral
out_is <<'EOF'
D00001
EOF
err_empty
# the customer's owner, the first configured stage, no own probability
sql_is 'SELECT code, customer_id, title, amount, stage, status, probability, close_date, owner, source, reason, stage_since, closed, created, updated FROM deal' <<'EOF'
D00001|1|Web shop|1200000|prospect|open||2026-12-31|bob|referral||2026-11-22T09:30:00||2026-11-22T09:30:00|2026-11-22T09:30:00
EOF
sql_is 'SELECT deal_id, stage, at, user FROM deal_stage' <<'EOF'
1|prospect|2026-11-22T09:30:00|ann
EOF
sql_is "SELECT action, json_extract(new, '\$.amount'), json_extract(new, '\$.stage') FROM audit WHERE entity = 'deal'" <<'EOF'
insert|12000.00|prospect
EOF

try 'add with stage, probability, relative close and owner' 0 crm deal add 2 'Support contract' \
	--amount 2500.55 --stage proposal --probability 40 --close +10d --owner cy
out_is <<'EOF'
D00002
EOF
try 'add for a customer without owner: the user owns it' 0 crm deal add C00002 Training \
	--amount 0.99
out_is <<'EOF'
D00003
EOF
sql_is 'SELECT code, amount, stage, probability, close_date, owner, source FROM deal ORDER BY id' <<'EOF'
D00001|1200000|prospect||2026-12-31|bob|referral
D00002|250055|proposal|40|2026-12-02|cy|
D00003|99|prospect|||ann|
EOF
unchanged 3 3 5

# ---- list ----

# weighted = amount * probability / 100, half away from zero:
#   D00001 12000.00 * 10% = 1200.00
#   D00002 2500.55 * 40% = 1000.22 exactly
#   D00003 0.99 * 10% = 0.099 -> 0.10
try 'list as csv' 0 crm deal list --format csv
out_is <<'EOF'
code,customer,name,title,amount,stage,status,probability,weighted,close,owner,source,reason,stage_since,closed,created,updated
D00001,C00001,Acme Trading,Web shop,12000.00,prospect,open,10,1200.00,2026-12-31,bob,referral,,2026-11-22T09:30:00,,2026-11-22T09:30:00,2026-11-22T09:30:00
D00002,C00002,Birch Ltd,Support contract,2500.55,proposal,open,40,1000.22,2026-12-02,cy,,,2026-11-22T09:30:00,,2026-11-22T09:30:00,2026-11-22T09:30:00
D00003,C00002,Birch Ltd,Training,0.99,prospect,open,10,0.10,,ann,,,2026-11-22T09:30:00,,2026-11-22T09:30:00,2026-11-22T09:30:00
EOF
try 'list as a table: the short columns' 0 crm deal list --format table
out_is <<'EOF'
CODE    CUSTOMER  TITLE               AMOUNT  STAGE     PROBABILITY  WEIGHTED  CLOSE       OWNER
D00001  C00001    Web shop          12000.00  prospect           10   1200.00  2026-12-31  bob
D00002  C00002    Support contract   2500.55  proposal           40   1000.22  2026-12-02  cy
D00003  C00002    Training              0.99  prospect           10      0.10              ann
EOF
try 'list one customer as json' 0 crm deal list --customer C00002 --columns code,amount,weighted,close --format json
out_is <<'EOF'
[
{"code":"D00002","amount":2500.55,"weighted":1000.22,"close":"2026-12-02"},
{"code":"D00003","amount":0.99,"weighted":0.10,"close":null}
]
EOF
try 'list by owner as ndjson' 0 crm deal list --owner cy --columns code,owner --format ndjson
out_is <<'EOF'
{"code":"D00002","owner":"cy"}
EOF
try 'list by stage as tsv' 0 crm deal list --stage prospect --columns code,stage --format tsv
out_is <<'EOF'
code	stage
D00001	prospect
D00003	prospect
EOF
try 'list: a bad status' 4 crm deal list --status closed
err_is <<'EOF'
crm: deal list: 'closed' is not a deal status (open, won, lost, all)
EOF
try 'list: an unknown customer' 3 crm deal list --customer C00099
err_is <<'EOF'
crm: deal list: no customer 'C00099'
EOF

# ---- edit ----

try 'edit amount, title, close and clear the probability' 0 crm deal edit D00002 --amount 3000 \
	--title 'Support 2027' --probability '' --close 2027-01-15 --source web
out_empty
sql_is "SELECT title, amount, probability, close_date, source, updated FROM deal WHERE code = 'D00002'" <<'EOF'
Support 2027|300000||2027-01-15|web|2026-11-22T09:30:00
EOF
# probability back to the stage's (proposal 50%): 3000.00 * 50% = 1500.00
try 'the stage probability applies again' 0 crm deal list --stage proposal --columns code,probability,weighted
out_is <<'EOF'
code,probability,weighted
D00002,50,1500.00
EOF
try 'edit: clear close and source, set probability by id' 0 crm deal edit 2 --close '' --source '' --probability 35%
sql_is "SELECT probability, close_date IS NULL, source IS NULL FROM deal WHERE id = 2" <<'EOF'
35|1|1
EOF
try 'edit: nothing to change' 2 crm deal edit D00002
err_is <<'EOF'
crm: deal edit: nothing to change
EOF
try 'edit: the stage is not edited' 2 crm deal edit D00002 --stage qualified
try 'edit: a negative amount' 4 crm deal edit D00002 --amount -5
err_is <<'EOF'
crm: deal edit: amount '-5' is negative
EOF
try 'edit: probability over 100' 4 crm deal edit D00002 --probability 101
err_is <<'EOF'
crm: deal edit: '101' is not a probability (0-100)
EOF
try 'edit: a bad close date' 4 crm deal edit D00002 --close 2027-02-30
err_is <<'EOF'
crm: deal edit: '2027-02-30' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)
EOF
try 'edit: an unknown deal' 3 crm deal edit D00099 --amount 5
err_is <<'EOF'
crm: deal edit: no deal 'D00099'
EOF
sql_is "SELECT title, amount, probability, close_date, source FROM deal WHERE code = 'D00002'" <<'EOF'
Support 2027|300000|35||
EOF

# ---- move, won, lost, reopen: each a deal_stage row with time and user ----

try 'move' 0 at 2026-11-24 crm deal move D00001 qualified
out_empty
try 'move again' 0 at 2026-11-26 crm --user dan deal move D00001 proposal
sql_is "SELECT stage, stage_since, updated FROM deal WHERE code = 'D00001'" <<'EOF'
proposal|2026-11-26T10:00:00|2026-11-26T10:00:00
EOF
try 'won' 0 at 2026-11-27 crm deal won D00002
sql_is "SELECT status, stage, close_date, closed FROM deal WHERE code = 'D00002'" <<'EOF'
won|proposal|2026-11-27|2026-11-27T10:00:00
EOF
try 'lost with a reason' 0 at 2026-11-28 crm deal lost D00003 --reason 'no budget'
sql_is "SELECT status, stage, close_date, closed, reason FROM deal WHERE code = 'D00003'" <<'EOF'
lost|prospect|2026-11-28|2026-11-28T10:00:00|no budget
EOF
sql_is 'SELECT d.code, s.stage, s.at, s.user FROM deal_stage s JOIN deal d ON d.id = s.deal_id ORDER BY s.id' <<'EOF'
D00001|prospect|2026-11-22T09:30:00|ann
D00002|proposal|2026-11-22T09:30:00|ann
D00003|prospect|2026-11-22T09:30:00|ann
D00001|qualified|2026-11-24T10:00:00|ann
D00001|proposal|2026-11-26T10:00:00|dan
D00002|won|2026-11-27T10:00:00|ann
D00003|lost|2026-11-28T10:00:00|ann
EOF
try 'list won and lost' 0 crm deal list --status all --columns code,status,probability,weighted,close,reason
out_is <<'EOF'
code,status,probability,weighted,close,reason
D00001,open,50,6000.00,2026-12-31,
D00002,won,100,3000.00,2026-11-27,
D00003,lost,0,0.00,2026-11-28,no budget
EOF
try 'list won only' 0 crm deal list --status won --columns code
out_is <<'EOF'
code
D00002
EOF
unchanged 3 7 11

# bad stage changes write nothing
try 'move to an unknown stage' 4 crm deal move D00001 closing
out_empty
err_is <<'EOF'
crm: deal move: unknown stage 'closing' (stages: prospect, qualified, proposal, negotiation)
EOF
try 'move to its own stage' 4 crm deal move D00001 proposal
err_is <<'EOF'
crm: deal move: deal D00001 is already in stage 'proposal'
EOF
try 'move a won deal' 4 crm deal move D00002 negotiation
err_is <<'EOF'
crm: deal move: deal D00002 is won, not open (crm deal reopen first)
EOF
try 'win a won deal' 4 crm deal won D00002
err_is <<'EOF'
crm: deal won: deal D00002 is won, not open (crm deal reopen first)
EOF
try 'lose a lost deal' 4 crm deal lost D00003 --reason again
err_is <<'EOF'
crm: deal lost: deal D00003 is lost, not open (crm deal reopen first)
EOF
try 'lost without --reason' 2 crm deal lost D00001
err_is <<'EOF'
crm: deal lost: --reason is required
usage: crm deal lost KEY --reason TEXT
Closes an open deal as lost, today, saying why.
EOF
try 'lost with an empty reason' 4 crm deal lost D00001 --reason ''
err_is <<'EOF'
crm: deal lost: a lost deal needs a reason
EOF
try 'reopen an open deal' 4 crm deal reopen D00001
err_is <<'EOF'
crm: deal reopen: deal D00001 is open, not won or lost
EOF
try 'reopen into an unknown stage' 4 crm deal reopen D00003 won
err_is <<'EOF'
crm: deal reopen: 'won' is an outcome, not a stage (see 'crm deal won' and 'crm deal lost')
EOF
try 'move an unknown deal' 3 crm deal move D00042 proposal
err_is <<'EOF'
crm: deal move: no deal 'D00042'
EOF
try 'move: a missing stage' 2 crm deal move D00001
unchanged 3 7 11
try 'move to an outcome' 4 crm deal move D00001 lost
err_is <<'EOF'
crm: deal move: 'lost' is an outcome, not a stage (see 'crm deal won' and 'crm deal lost')
EOF
unchanged 3 7 11
sql_is "SELECT code, stage, status FROM deal ORDER BY id" <<'EOF'
D00001|proposal|open
D00002|proposal|won
D00003|prospect|lost
EOF

try 'reopen into the stage it was lost from' 0 at 2026-11-29 crm deal reopen D00003
sql_is "SELECT status, stage, stage_since, close_date, closed, reason FROM deal WHERE code = 'D00003'" <<'EOF'
open|prospect|2026-11-29T10:00:00|||
EOF
try 'reopen into another stage' 0 at 2026-11-29 crm deal reopen D00002 negotiation
sql_is "SELECT d.code, s.stage, s.at FROM deal_stage s JOIN deal d ON d.id = s.deal_id WHERE s.id > 7 ORDER BY s.id" <<'EOF'
D00003|prospect|2026-11-29T10:00:00
D00002|negotiation|2026-11-29T10:00:00
EOF

# ---- show ----

try 'show as json' 0 crm deal show D00002 --format json
out_is <<'EOF'
{"code":"D00002","customer":"C00002","name":"Birch Ltd","title":"Support 2027","amount":3000.00,"stage":"negotiation","status":"open","probability":35,"weighted":1050.00,"close":null,"owner":"cy","source":null,"reason":null,"stage_since":"2026-11-29T10:00:00","closed":null,"created":"2026-11-22T09:30:00","updated":"2026-11-29T10:00:00","history":[{"stage":"proposal","at":"2026-11-22T09:30:00","user":"ann"},{"stage":"won","at":"2026-11-27T10:00:00","user":"ann"},{"stage":"negotiation","at":"2026-11-29T10:00:00","user":"ann"}],"activities":[],"tasks":[]}
EOF
try 'show by id as a table' 0 crm deal show 3 --format table
out_is <<'EOF'
code         D00003
customer     C00002
name         Birch Ltd
title        Training
amount       0.99
stage        prospect
status       open
probability  10
weighted     0.10
owner        ann
stage_since  2026-11-29T10:00:00
created      2026-11-22T09:30:00
updated      2026-11-29T10:00:00

history:
STAGE     AT                   USER
prospect  2026-11-22T09:30:00  ann
lost      2026-11-28T10:00:00  ann
prospect  2026-11-29T10:00:00  ann
EOF
try 'show an unknown deal' 3 crm deal show D00099
out_empty
err_is <<'EOF'
crm: deal show: no deal 'D00099'
EOF

# ---- the customer's open deals in customer show ----

try 'customer show lists open deals' 0 crm customer show C00002 --format json
sql_is 'SELECT 1' <<'EOF'
1
EOF
jq_deals=$(sed -n 's/.*"deals":\(\[[^]]*\]\).*/\1/p' "$T/out")
printf '%s\n' "$jq_deals" >"$T/deals"
last_desc='customer show: deals'
compare 'the deals table' "$T/deals" <<'EOF'
[{"code":"D00002","title":"Support 2027","amount":3000.00,"stage":"negotiation","probability":35,"weighted":1050.00,"close":null,"owner":"cy"},{"code":"D00003","title":"Training","amount":0.99,"stage":"prospect","probability":10,"weighted":0.10,"close":null,"owner":"ann"}]
EOF

# ---- bad input on add writes nothing ----

try 'add: an unknown customer' 3 crm deal add C00099 X --amount 1
err_is <<'EOF'
crm: deal add: no customer 'C00099'
EOF
try 'add: an unknown stage' 4 crm deal add C00001 X --amount 1 --stage closing
err_is <<'EOF'
crm: deal add: unknown stage 'closing' (stages: prospect, qualified, proposal, negotiation)
EOF
try 'add: a negative amount' 4 crm deal add C00001 X --amount -1.50
err_is <<'EOF'
crm: deal add: amount '-1.50' is negative
EOF
try 'add: a malformed amount' 4 crm deal add C00001 X --amount 12,50
err_is <<'EOF'
crm: deal add: '12,50' is not an amount
EOF
try 'add: too many decimals' 4 crm deal add C00001 X --amount 1.234
try 'add: an absurd amount' 4 crm deal add C00001 X --amount 99999999999999999
err_is <<'EOF'
crm: deal add: amount '99999999999999999' is too large
EOF
try 'add: probability over 100' 4 crm deal add C00001 X --amount 1 --probability 150
err_is <<'EOF'
crm: deal add: '150' is not a probability (0-100)
EOF
try 'add: probability not a number' 4 crm deal add C00001 X --amount 1 --probability high
err_is <<'EOF'
crm: deal add: 'high' is not a probability (0-100)
EOF
try 'add: a negative probability' 4 crm deal add C00001 X --amount 1 --probability -5
try 'add: a bad date' 4 crm deal add C00001 X --amount 1 --close 31.12.2026
err_is <<'EOF'
crm: deal add: '31.12.2026' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)
EOF
try 'add: an empty title' 4 crm deal add C00001 '' --amount 1
err_is <<'EOF'
crm: deal add: '' is not a valid deal title
EOF
try 'add: no --amount' 2 crm deal add C00001 X
err_is <<'EOF'
crm: deal add: --amount is required
usage: crm deal add CUSTOMER TITLE --amount A [--stage S] [--probability P]
             [--close DATE] [--owner REP] [--source S]
Adds a deal and prints its code.  Default stage: the first configured one;
default owner: the customer's owner, else you.
EOF
try 'add: no title' 2 crm deal add C00001 --amount 1
unchanged 3 9 13

# ---- codes follow the highest id ever given ----

# (a removed deal leaves its id in sqlite_sequence: the same as raising it)
sqlite3 "$CRM_DB" "UPDATE sqlite_sequence SET seq = 4 WHERE name = 'deal'"
try 'a code after the highest id ever given' 0 crm deal add C00001 Fifth --amount 1
out_is <<'EOF'
D00005
EOF

# ---- configured stages ----

try 'stages: the defaults' 0 crm deal stages
# open deals: D00001 proposal 12000.00, D00002 negotiation 3000.00,
# D00003 prospect 0.99, D00005 prospect 1.00
out_is <<'EOF'
stage,position,probability,stall,deals,amount
prospect,1,10,14,2,1.99
qualified,2,25,21,0,0.00
proposal,3,50,21,1,12000.00
negotiation,4,75,14,1,3000.00
EOF
try 'configure stages' 0 crm config set deal.stages 'lead-in, demo,proposal,closing'
try 'a probability' 0 crm config set deal.stage.demo.probability 30
try 'a stall limit' 0 crm config set deal.stage.demo.stall 5
try 'another' 0 crm config set deal.stage.closing.probability 90%
# prospect and negotiation are no longer configured: listed after, without a
# position, with the settings they still have (their defaults)
try 'stages: configured, then left-over ones' 0 crm deal stages --format json
out_is <<'EOF'
[
{"stage":"lead-in","position":1,"probability":0,"stall":null,"deals":0,"amount":0.00},
{"stage":"demo","position":2,"probability":30,"stall":5,"deals":0,"amount":0.00},
{"stage":"proposal","position":3,"probability":50,"stall":21,"deals":1,"amount":12000.00},
{"stage":"closing","position":4,"probability":90,"stall":null,"deals":0,"amount":0.00},
{"stage":"negotiation","position":null,"probability":75,"stall":14,"deals":1,"amount":3000.00},
{"stage":"prospect","position":null,"probability":10,"stall":14,"deals":2,"amount":1.99}
]
EOF
try 'add: the first configured stage is the default' 0 crm deal add C00002 Demo --amount 10
out_is <<'EOF'
D00006
EOF
try 'move into a configured stage' 0 crm deal move D00006 demo
try 'move into a stage no longer configured' 4 crm deal move D00006 prospect
err_is <<'EOF'
crm: deal move: unknown stage 'prospect' (stages: lead-in, demo, proposal, closing)
EOF
try 'lose a deal of an old stage' 0 crm deal lost D00003 --reason gone
try 'reopen it: its stage is gone' 4 crm deal reopen D00003
err_is <<'EOF'
crm: deal reopen: stage 'prospect' of deal D00003 is no longer configured; name one
EOF
try 'reopen it into a configured stage' 0 crm deal reopen D00003 demo
sql_is "SELECT code, stage, status FROM deal WHERE code IN ('D00003', 'D00006') ORDER BY code" <<'EOF'
D00003|demo|open
D00006|demo|open
EOF

# ---- help ----

for verb in add list show edit move won lost reopen stages; do
	try "$verb -h" 0 crm deal $verb -h
done
try 'unknown verb' 2 crm deal frobnicate

done_testing
