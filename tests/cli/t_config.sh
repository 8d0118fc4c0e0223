#!/bin/sh
# crm config: get, set, unset, list, keys; only known keys and good values
# are stored; every change is in the audit log.
. "$(dirname "$0")/lib.sh"

# ---- defaults ----

try 'a default before anything is set' 0 crm config get deal.stages
out_is <<'EOF'
prospect,qualified,proposal,negotiation
EOF
err_empty

try 'a stage default' 0 crm config get deal.stage.proposal.probability
out_is <<'EOF'
50
EOF

try 'a key without a default is not set' 3 crm config get rep.bob.email
out_empty
err_is <<'EOF'
crm: config get: 'rep.bob.email' is not set
EOF

try 'an unknown key is a mistake, not an unset value' 4 crm config get deal.stage
err_is <<'EOF'
crm: config get: unknown setting 'deal.stage' (see 'crm config keys')
EOF

try 'nothing stored yet' 0 crm config list
out_is <<'EOF'
key,value
EOF

# ---- set ----

try 'set stages, spaces trimmed' 0 crm config set deal.stages ' new, won-back ,demo,contract'
out_empty
err_empty
try 'read back' 0 crm config get deal.stages
out_is <<'EOF'
new,won-back,demo,contract
EOF

try 'a percentage with a percent sign' 0 crm config set deal.stage.demo.probability 40%
try 'days' 0 crm config set deal.stage.demo.stall 10
try 'a tier cadence' 0 crm config set tier.gold.cadence 14
try 'a rep address' 0 crm config set rep.bob.email bob@example.com
try 'a value set twice keeps the last' 0 crm config set tier.gold.cadence 21

try 'list' 0 crm config list
out_is <<'EOF'
key,value
deal.stage.demo.probability,40
deal.stage.demo.stall,10
deal.stages,"new,won-back,demo,contract"
rep.bob.email,bob@example.com
tier.gold.cadence,21
EOF

try 'list by prefix' 0 crm config list deal.stage. --format json
out_is <<'EOF'
[
{"key":"deal.stage.demo.probability","value":"40"},
{"key":"deal.stage.demo.stall","value":"10"}
]
EOF

sql_is "SELECT action, old, new, user FROM audit WHERE entity = 'config' ORDER BY id" <<'EOF'
insert||{"deal.stages":"new,won-back,demo,contract"}|ann
insert||{"deal.stage.demo.probability":"40"}|ann
insert||{"deal.stage.demo.stall":"10"}|ann
insert||{"tier.gold.cadence":"14"}|ann
insert||{"rep.bob.email":"bob@example.com"}|ann
update|{"tier.gold.cadence":"14"}|{"tier.gold.cadence":"21"}|ann
EOF

# ---- bad values: refused, nothing stored ----

unchanged() {
	sql_is "SELECT count(*) FROM config; SELECT count(*) FROM audit WHERE entity = 'config'" <<'EOF'
5
6
EOF
}

try 'unknown key' 4 crm config set deal.stagez a,b
out_empty
err_is <<'EOF'
crm: config set: unknown setting 'deal.stagez' (see 'crm config keys')
EOF
unchanged

try 'won is not an open stage' 4 crm config set deal.stages 'a,won'
err_is <<'EOF'
crm: config set: 'won' is not a stage name (lowercase letters, digits, '-' and '_'; not won or lost)
EOF
unchanged

try 'a stage listed twice' 4 crm config set deal.stages 'a,b,a'
err_is <<'EOF'
crm: config set: stage 'a' is listed twice
EOF
unchanged

try 'an empty stage between commas' 4 crm config set deal.stages 'a,,b'
err_is <<'EOF'
crm: config set: '' is not a stage name (lowercase letters, digits, '-' and '_'; not won or lost)
EOF

try 'no stages' 4 crm config set deal.stages ''
err_is <<'EOF'
crm: config set: deal.stages needs at least one stage
EOF

try 'capital letters in a stage' 4 crm config set deal.stages 'New'
err_is <<'EOF'
crm: config set: 'New' is not a stage name (lowercase letters, digits, '-' and '_'; not won or lost)
EOF

try 'a probability over 100' 4 crm config set deal.stage.demo.probability 101
err_is <<'EOF'
crm: config set: deal.stage.demo.probability: '101' is not a percentage (0-100)
EOF

try 'a fractional probability' 4 crm config set deal.stage.demo.probability 12.5
err_is <<'EOF'
crm: config set: deal.stage.demo.probability: '12.5' is not a percentage (0-100)
EOF

try 'zero days' 4 crm config set tier.gold.cadence 0
err_is <<'EOF'
crm: config set: tier.gold.cadence: '0' is not a number of days (1-3650)
EOF

try 'negative days' 4 crm config set -- lead.feedback_days -3
err_is <<'EOF'
crm: config set: lead.feedback_days: '-3' is not a number of days (1-3650)
EOF

try 'a bad address' 4 crm config set rep.bob.email 'bob at example'
err_is <<'EOF'
crm: config set: rep.bob.email: 'bob at example' is not an email address
EOF

try 'a name is needed where the key has one' 4 crm config set rep..email a@b.example
err_is <<'EOF'
crm: config set: unknown setting 'rep..email' (see 'crm config keys')
EOF
unchanged

try 'set with one argument' 2 crm config set deal.stages
out_empty
unchanged

# ---- unset ----

try 'unset' 0 crm config unset deal.stages
try 'the default is back' 0 crm config get deal.stages
out_is <<'EOF'
prospect,qualified,proposal,negotiation
EOF
try 'unset what is not set' 3 crm config unset deal.stages
err_is <<'EOF'
crm: config unset: 'deal.stages' is not set
EOF
sql_is "SELECT action, old FROM audit WHERE entity = 'config' AND action = 'delete'" <<'EOF'
delete|{"deal.stages":"new,won-back,demo,contract"}
EOF

# ---- keys ----

try 'keys' 0 crm config keys --format tsv
out_is <<'EOF'
key	default	description
deal.stages	prospect,qualified,proposal,negotiation	the stages of an open deal, in order (comma-separated)
deal.stage.prospect.probability	10	win probability of a stage
deal.stage.qualified.probability	25	win probability of a stage
deal.stage.proposal.probability	50	win probability of a stage
deal.stage.negotiation.probability	75	win probability of a stage
deal.stage.*.probability		default win probability (%) of deals in the stage
deal.stage.prospect.stall	14	stall limit of a stage
deal.stage.qualified.stall	21	stall limit of a stage
deal.stage.proposal.stall	21	stall limit of a stage
deal.stage.negotiation.stall	14	stall limit of a stage
deal.stage.*.stall		days a deal may stay in the stage before it counts as stalled
tier.*.cadence		contact customers of the tier at least every N days
cadence.default		the cadence of customers with none of their own or of their tier
lead.feedback_days	7	days a rep has to report on an assigned lead (lead assign --feedback-days)
rep.*.email		where crm remind --mbox sends the rep's reminders
remind.from		the From: address of reminder mail
remind.to		where crm remind --mbox sends reminders that belong to no rep
series.quote	Q-{YYYY}-{#####}	the numbers of quotes
series.order	SO-{YYYY}-{#####}	the numbers of orders
series.delivery	DN-{YYYY}-{#####}	the numbers of delivery notes
series.invoice	INV-{YYYY}-{#####}	the numbers of invoices
series.credit	CN-{YYYY}-{#####}	the numbers of credit notes
series.receipt	RC-{YYYY}-{#####}	the numbers of receipts
series.refund	RF-{YYYY}-{#####}	the numbers of refunds
series.case	CS-{YYYY}-{#####}	the numbers of service cases
series.rma	RMA-{YYYY}-{#####}	the numbers of RMAs
series.visit	V-{YYYY}-{#####}	the numbers of field visits
series.survey	S-{YYYY}-{#####}	the numbers of survey requests
rma.opened.days	14	days an RMA may wait for the unit before it is late
rma.received.days	2	days a received unit may wait for diagnosis
rma.diagnosed.days	3	days a diagnosed unit may wait for repair
rma.repairing.days	7	days an in-house repair may take
rma.at_vendor.days	21	days a unit may stay at the vendor
rma.repaired.days	2	days a repaired unit may wait to be shipped
rma.shipped.days	10	days to wait for the customer's confirmation
rma.*.days		days an RMA may stay in the state before it is late
rma.advance_days	14	days the customer has to send the faulty unit back after an advance replacement
calendar.days	mon,tue,wed,thu,fri	the working days service levels count (comma-separated: mon,tue,...,sun)
calendar.hours	09:00-17:00	the working hours of every working day
calendar.holidays		days off service levels do not count (comma-separated YYYY-MM-DD)
sla.urgent.response	1	first-response target of urgent cases (working hours)
sla.urgent.resolution	8	resolution target of urgent cases (working hours)
sla.high.response	4	first-response target of high-priority cases (working hours)
sla.high.resolution	16	resolution target of high-priority cases (working hours)
sla.normal.response	8	first-response target of normal cases (working hours)
sla.normal.resolution	40	resolution target of normal cases (working hours)
sla.low.response	16	first-response target of low-priority cases (working hours)
sla.low.resolution	80	resolution target of low-priority cases (working hours)
sla.*.response		sla.TIER.PRIORITY.response: the first-response target (working hours) for a tier
sla.*.resolution		sla.TIER.PRIORITY.resolution: the resolution target (working hours) for a tier
ar.buckets	30,60,90,180	the edges of crm ar aging's buckets in days past due (ar aging --buckets)
ar.writeoff_limit	5.00	the largest remainder crm ar writeoff closes without --force
dunning.1.days	7	days overdue that bring dunning level 1
dunning.2.days	30	days overdue that bring dunning level 2
dunning.3.days	60	days overdue that bring dunning level 3
dunning.*.days		days overdue that bring dunning level N (1-9; levels 1..N need days, rising)
dunning.1.name	reminder	the name of dunning level 1
dunning.2.name	second notice	the name of dunning level 2
dunning.3.name	final notice	the name of dunning level 3
dunning.*.name		the name of dunning level N (default 'level N')
dunning.*.fee	0	the fee a dunning letter of level N charges
dunning.*.interest	0	yearly interest (%) a dunning letter of level N charges on each overdue invoice
dunning.*.template		the letter template of dunning level N (default dunning-N)
dunning.from		the From: address of dunning letters (default company.email)
rep.*.commission		the rep's commission (%) in crm report commission
quote.valid_days	30	how long a new quote is valid
invoice.terms	30	days to pay an invoice when its customer has no payment terms of its own
company.name		the business's name on printed documents
company.address		its address on printed documents ('\\n' for a new line)
company.email		its address on printed documents
company.phone		its phone number on printed documents
company.tax_id		its tax id on printed documents
company.bank		its bank account on printed invoices
EOF

try 'keys takes no argument' 2 crm config keys deal
try 'help' 0 crm config set --help
out_is <<'EOF'
usage: crm config set KEY VALUE
Stores a setting; 'crm config keys' lists the keys and what they take.
EOF

# ---- number series ----

try 'a number series' 0 crm config set series.invoice 'R{YYYY}/{####}'
try 'a series needs a number' 4 crm config set series.quote 'Q-{YYYY}'
err_is <<'EOF'
crm: config set: series.quote: 'Q-{YYYY}' is not a number series (such as INV-{YYYY}-{#####})
EOF
sql_is "SELECT key, value FROM config WHERE key LIKE 'series.%'" <<'EOF'
series.invoice|R{YYYY}/{####}
EOF

done_testing
