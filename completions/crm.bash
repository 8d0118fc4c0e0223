# bash completion for crm(1), the customer-relationship toolkit.
#
# Groups and verbs come from `crm --list-cmds` each time, so they follow the
# binary; each verb's options are listed below (tests/cli/t_docs.sh checks
# that every verb has an entry).  A group that is one command (agenda,
# remind: a line of its own in --list-cmds) takes its options right after its
# name; its entry is the quoted group alone ('agenda').  'quote line',
# 'order line' and 'invoice line' take a verb of their own first (add, edit,
# rm), then the document, and the options of that verb; so do 'ar receipt
# import' and 'ar dunning history' (the verb's first argument is 'import'
# or 'history', or else a customer, or nothing).  Customer codes, contact
# ids, deal codes, stages, tags, reps, clerks, SKUs and the numbers of
# quotes, orders, deliveries, invoices (open ones where they are to be
# paid: INVOICE=AMOUNT), receipts, service cases, RMAs, visits, surveys,
# maintenance plans and technicians are read from the database the command
# line names (--db, CRM_DB or the default), and only when that database
# exists: completing never creates one.  The verbs that move a case, an RMA,
# a visit or a survey on are offered those in a state they can leave (case
# resume: waiting cases, rma ship: open RMAs, visit done: scheduled visits).
#
# Lists of words are split on purpose ($(...) unquoted), and '~/' is a tilde
# as typed, to be expanded by hand:
# shellcheck shell=bash disable=SC2046,SC2086,SC2088,SC2207

# _crm_takes_value OPTION: true for the options that take a value.
_crm_takes_value()
{
	case "$1" in
	--db | --format | --columns | --user | --today | --code | --name | --kind | \
		--status | --owner | --email | --phone | --website | --street | --city | \
			--region | --postcode | --country | --tax-id | --industry | --source | \
		--campaign | --tier | --credit-limit | --terms | --cadence | --note | \
		--tag | --untag | --field | --since | --sort | --limit | --from | --to | \
		--title | --mobile | --im | --type | --summary | --contact | --at | \
		--minutes | --outcome | --deal | --rep | --next | --next-action | \
		--customer | --due | --where | --assignee | --priority | --due-before | \
		--days | --only | --feedback-days | --amount | --stage | --probability | \
		--close | --reason | --by | --share | --sku | --price | --cost | --unit | \
		--tax-rate | --search | --valid-until | --product | --text | --qty | \
		--discount | --description | --promised | --line | --date | --tracking | \
		--order | --delivery | --template | --output | --method | --ref | --clerk | \
		--apply | --as-of | --buckets | --min | --top | --dir | --month | --basis | \
		--warranty | --channel | --state | --serial | --purchased | --invoice | \
		--fault | --quote | --case | --condition | --finding | --vendor | --tech | \
		--on | --rma | --plan | --task | --report | --parts | --every | --csat | \
		--nps | --comment)
		return 0 ;;
	esac
	return 1
}

# Options every verb accepts after it, as well as before the group.
_crm_common_opts='--format --columns --no-header --db --user --today -q --quiet -h --help'

_crm_customer_fields='--code --kind --status --owner --email --phone --website
	--street --city --region --postcode --country --tax-id --industry --source
	--campaign --tier --credit-limit --terms --cadence --note'

# The values some options take.
_crm_activity_types='call email im visit meeting note'
_crm_priorities='low normal high urgent'
_crm_remind_sections='today soon overdue cadence feedback stalled closing ship due
	late credit visits maintenance rma advance'
_crm_quote_statuses='draft sent accepted rejected expired open all'
_crm_order_statuses='draft open partial shipped cancelled all'
_crm_invoice_statuses='draft issued partly-paid paid overdue open void all'
_crm_ar_methods='cash transfer card cheque other'
_crm_case_channels='phone email web visit chat'
_crm_case_statuses='open waiting resolved closed all'
_crm_rma_states='open all opened received diagnosed repairing at_vendor repaired
	shipped confirmed closed rejected cancelled'
_crm_visit_statuses='scheduled done cancelled all'
_crm_visit_periods='1m 3m 6m 1y 2y'

# _crm_verb_opts GROUP [VERB [ARG0]]: the verb's own options (the group's,
# for a group that is one command); for 'quote line', 'order line' and
# 'invoice line', those of their verb ARG0 (add, edit, rm); for 'ar receipt'
# and 'ar dunning', those of 'import' and 'history' when ARG0 is that.
_crm_verb_opts()
{
	case "$1${2:+ $2}" in
	'customer add') echo "$_crm_customer_fields --tag --field --force --dry-run" ;;
	'customer list')
		echo --status --owner --tag --city --country --tier --since --sort \
			--limit --all --archived ;;
	'customer show') ;;
	'customer edit') echo "--name $_crm_customer_fields --tag --untag --field" ;;
	'customer rm') echo --purge ;;
	'customer tag') ;;
	'customer search') echo --limit --all ;;
	'customer import') echo --from --format --update --dry-run --check-duplicates ;;
	'customer export') echo --format ;;
	'customer merge') ;;
	'customer reassign') echo --from --to --status ;;
	'contact add') echo --title --email --phone --mobile --im --primary --no-primary ;;
	'contact list') echo --all ;;
	'contact show') ;;
	'contact edit')
		echo --name --title --email --phone --mobile --im --primary --no-primary ;;
	'contact rm') ;;
	'activity log')
		echo --type --summary --contact --at --minutes --outcome --deal --rep \
			--next --next-action ;;
	'activity list') echo --rep --type --from --to --deal --limit ;;
	'activity show' | 'activity rm') ;;
	'activity edit') echo --type --summary --outcome --minutes --at --rep ;;
	'task add') echo --customer --deal --due --at --where --assignee --priority ;;
	'task list')
		echo --assignee --customer --deal --status --overdue --due-before ;;
	'task done' | 'task rm') ;;
	'task edit')
		echo --title --customer --deal --due --at --where --assignee --priority \
			--reopen ;;
	'task reassign') echo --from --to ;;
	'agenda') echo --rep --days ;;
	'lead list')
		echo --rep --source --campaign --overdue-feedback --unassigned ;;
	'lead assign') echo --to --feedback-days ;;
	'lead convert') echo --deal --amount --stage --close ;;
	'lead add') echo --source --campaign --email --phone --owner --force ;;
	'deal add') echo --amount --stage --probability --close --owner --source ;;
	'deal list') echo --customer --owner --stage --status ;;
	'deal show' | 'deal move' | 'deal won' | 'deal reopen' | 'deal stages') ;;
	'deal edit') echo --title --amount --probability --close --owner --source ;;
	'deal lost') echo --reason ;;
	'deal pipeline' | 'deal stalled') echo --owner ;;
	'deal forecast') echo --by --owner --from --to ;;
	'deal funnel') echo --by --from --to ;;
	'report activity') echo --by --rep --from --to --sinks --share ;;
	'report commission') echo --month --basis --rep --total --no-total ;;
	'remind') echo --rep --days --only --mbox --send ;;
	'history customer' | 'history contact' | 'history deal' | 'history task') ;;
	'history activity') ;;
	'config get' | 'config set' | 'config unset' | 'config list' | 'config keys') ;;
	'db init' | 'db check' | 'db backup' | 'db migrate') ;;
	'product add') echo --price --cost --unit --tax-rate --note --warranty ;;
	'product list') echo --all --archived --search ;;
	'product show') ;;
	'product edit')
		echo --sku --name --price --cost --unit --tax-rate --note --warranty ;;
	'product archive') echo --undo ;;
	'product import') echo --from --format --update --dry-run ;;
	'product export') echo --format ;;
	'product prices') echo --customer --limit ;;
	'quote new') echo --valid-until --from --note ;;
	'quote line' | 'order line' | 'invoice line')
		case $3 in
		add) echo --product --text --qty --price --discount --tax-rate --description ;;
		edit) echo --qty --price --discount --tax-rate --description ;;
		esac ;;
	'quote list') echo --customer --status ;;
	'quote show' | 'quote send' | 'quote accept' | 'quote reject') ;;
	'quote convert') echo --promised ;;
	'quote print' | 'delivery print' | 'invoice print')
		echo --format --template --output ;;
	'order new') echo --promised --note ;;
	'order confirm') echo --force ;;
	'order cancel') echo --reason ;;
	'order list') echo --customer --status ;;
	'order show') ;;
	'delivery new') echo --line --date --tracking --note ;;
	'delivery list') echo --order --customer ;;
	'delivery show') ;;
	'invoice new') echo --order --delivery --note ;;
	'invoice issue') echo --date --force ;;
	'invoice void') echo --reason ;;
	'invoice rm' | 'invoice show') ;;
	'invoice credit') echo --line --reason ;;
	'invoice list') echo --customer --status --kind ;;
	'invoice import') echo --from --format --dry-run ;;
	'ar receipt')
		case $3 in
		import) echo --from --format --dry-run --skip-unmatched ;;
		*) echo --date --method --ref --clerk --note --apply --unapplied ;;
		esac ;;
	'ar apply') echo --date ;;
	'ar reverse') echo --reason --date ;;
	'ar writeoff') echo --reason --date --force ;;
	'ar refund') echo --date --method --ref --clerk --note ;;
	'ar receipts') echo --customer --from --to --method --clerk --kind --by ;;
	'ar open') echo --as-of --total --no-total ;;
	'ar aging')
		echo --as-of --by --buckets --customer --rep --detail --min --chart \
			--total --no-total --sql ;;
	'ar statement') echo --from --to --print --format --template --output ;;
	'ar dunning')
		[[ $3 == history ]] ||
			echo --as-of --dry-run --mbox --dir --send --to --customer ;;
	'ar credit') ;;
	'ar concentration') echo --top --as-of --total --no-total ;;
	'case open') echo --contact --product --channel --priority --assignee ;;
	'case reply' | 'case note' | 'case assign' | 'case wait' | 'case resume') ;;
	'case resolve' | 'case close' | 'case reopen' | 'case show') ;;
	'case list') echo --status --assignee --customer --priority --breached ;;
	'case stats') echo --from --to --by ;;
	'rma open')
		echo --product --serial --purchased --invoice --fault \
			--advance-replacement --chargeable --quote --case ;;
	'rma receive') echo --condition ;;
	'rma diagnose') echo --finding ;;
	'rma repair') echo --vendor --note ;;
	'rma repaired' | 'rma vendor-return' | 'rma confirm' | 'rma close') echo --note ;;
	'rma vendor-ship' | 'rma ship') echo --tracking ;;
	'rma reject' | 'rma cancel') echo --reason ;;
	'rma status' | 'rma show') ;;
	'rma list') echo --state --customer ;;
	'rma stats') echo --from --to ;;
	'visit schedule') echo --tech --on --at --case --rma --plan --task ;;
	'visit done') echo --report --minutes --parts ;;
	'visit cancel') echo --reason ;;
	'visit list') echo --tech --customer --from --to --status ;;
	'visit show' | 'visit plan-stop') ;;
	'visit plan') echo --every --from --tech --task ;;
	'visit plans') echo --customer --all ;;
	'visit due') echo --days ;;
	'survey send') echo --case --rma --customer --email --mbox ;;
	'survey record') echo --csat --nps --comment ;;
	'survey list') echo --customer --status ;;
	'survey stats') echo --from --to --by ;;
	esac
}

# _crm_columns GROUP [VERB [ARG0]]: the column names --columns and --sort
# accept.
_crm_columns()
{
	local customer='id code name kind status owner email phone website street
		city region postcode country tax_id industry source tier credit_limit
		terms note campaign cadence tags archived created updated'
	local activity='id at customer name type rep contact deal minutes summary
		outcome'
	local deal='code customer name title amount stage status probability
		weighted close owner source reason stage_since closed created updated'
	local product='sku name unit price cost tax_rate note archived created
		updated'
	local doc='kind number status customer customer_name date valid_until
		promised due source ship_to note subtotal discount tax total'
	local case='number customer name subject channel priority status assignee
		contact product opened responded resolved closed response_hours
		resolution_hours respond_by resolve_by response_met resolution_met'
	local case_stats='cases unresolved response_median response_p90
		resolution_median resolution_p90 response_met resolution_met fcr
		contacts reopen_rate age_0_1 age_2_7 age_8_30 age_31_plus'
	local rma='number customer name product serial state since days limit late'
	local visit='number date time tech customer name task status case rma plan
		minutes parts report reason done created'
	local survey_stats='answers csat_answers csat_avg csat_1 csat_2 csat_3
		csat_4 csat_5 nps_answers promoters passives detractors nps'
	case "$1${2:+ $2}" in
	'customer export') echo "${customer#id }" ;;
	'customer show')
		echo "$customer field contacts last_contact next_contact activities" \
			followups deals ;;
	customer\ *) echo "$customer" ;;
	contact\ *)
		echo id customer name title email phone mobile im primary archived \
			created updated ;;
	'activity show')
		echo "$activity created followup followup_title followup_due" \
			followup_status ;;
	activity\ *) echo "$activity" ;;
	task\ *)
		echo id due time title customer deal assignee priority status place kind \
			done_at created ;;
	agenda) echo date time kind title customer where priority ref ;;
	lead\ *)
		echo code name source campaign owner assigned feedback_due feedback \
			overdue created ;;
	'deal show') echo "$deal history activities tasks" ;;
	'deal list') echo "$deal" ;;
	'deal stages') echo stage position probability stall deals amount ;;
	'deal pipeline') echo stage deals amount weighted ;;
	'deal forecast') echo period deals amount weighted won ;;
	'deal funnel') echo rep stage deals advanced conversion win_rate days ;;
	'deal stalled')
		echo code customer title owner stage since days limit close why ;;
	'report activity')
		# by rep (the default), by type, by customer (and --sinks)
		echo rep activities minutes customers call email im visit meeting note \
			type share customer name ;;
	remind) echo section rep date customer name item detail ref ;;
	'config list') echo key value ;;
	'config keys') echo key default description ;;
	history\ *) echo at user action entity id field old new ;;
	'product show') echo "id $product prices" ;;
	'product prices')
		echo date kind number customer name qty unit price discount net_price \
			status ;;
	product\ *) echo "$product" ;;
	'quote show') echo "$doc lines" ;;
	'quote list')
		echo number customer name date valid_until promised due status total ;;
	'order show') echo "$doc shipping lines fulfilment deliveries" ;;
	'order list') echo number customer name date promised status shipping total ;;
	'delivery show')
		echo number order customer customer_name date ship_to tracking note lines ;;
	'delivery list')
		echo number order customer name date ship_to tracking lines note ;;
	'invoice show') echo "$doc lines credits" ;;
	'invoice list') echo number kind customer name date due status total open ;;
	'report commission') echo rep basis base rate commission ;;
	'ar receipts')
		# the receipts, or their totals --by method, clerk, year or month
		echo number kind date customer name amount applied unapplied method ref \
			clerk status year month count average largest ;;
	'ar open') echo customer kind number date due days total paid open status ;;
	'ar aging')
		# by customer (the default buckets), or --detail
		echo code name rep not_due 1-30 31-60 61-90 91-180 over_180 open credit \
			balance customer kind number date due days bucket ;;
	'ar statement') echo date kind number ref debit credit balance ;;
	'ar dunning')
		if [[ $3 == history ]]; then
			echo date customer name level invoices overdue fee interest to
		else
			echo customer name level level_name invoices overdue fee interest \
				total to
		fi ;;
	'ar credit')
		echo code name rep limit orders invoices credit exposure over ;;
	'ar concentration') echo rank code name balance share cumulative pareto ;;
	'case show') echo "$case thread" ;;
	'case list') echo "$case" ;;
	'case stats')
		# in all, or --by channel, assignee, priority or product
		echo "$case_stats channel assignee priority product" ;;
	'rma list') echo "$rma warranty advance_due vendor tracking" ;;
	'rma show')
		echo "$rma product_name fault purchased invoice warranty_until" \
			in_warranty chargeable quote case advance advance_due received vendor \
			tracking created updated events ;;
	'rma stats') echo section item rmas value ;;
	'visit list' | 'visit show') echo "$visit" ;;
	'visit plans') echo id customer name every next tech task status scheduled ;;
	'visit due') echo plan next customer name tech task every ;;
	'survey list')
		echo number sent customer name about email csat nps comment answered ;;
	'survey stats')
		# in all, or --by month, product or assignee
		echo "all $survey_stats month product assignee" ;;
	esac
}

# _crm_query ARGS...: runs crm with ARGS on the database of the command line,
# if that database exists; prints nothing otherwise.
_crm_query()
{
	local db=${_crm_db:-${CRM_DB:-}}

	if [[ -z $db ]]; then
		[[ -n ${XDG_DATA_HOME:-} ]] && db=$XDG_DATA_HOME/crm/crm.db ||
			db=${HOME:-/nonexistent}/.local/share/crm/crm.db
	fi
	[[ $db == '~/'* ]] && db=$HOME/${db#'~/'}
	[[ -f $db ]] || return 0
	"$_crm_bin" --db "$db" "$@" 2>/dev/null
}

_crm_customer_keys() { _crm_query customer list --format tsv --no-header --columns code; }
# _crm_contact_keys [CUSTOMER]: the contacts of CUSTOMER, or of everyone.
_crm_contact_keys() { _crm_query contact list $1 --format tsv --no-header --columns id; }
_crm_lead_keys() { _crm_query lead list --format tsv --no-header --columns code; }
# _crm_deal_keys STATUS: the codes of the deals in STATUS (open, all ...).
_crm_deal_keys()
{
	_crm_query deal list --status "$1" --format tsv --no-header --columns code
}
_crm_activity_ids() { _crm_query activity list --format tsv --no-header --columns id; }
# _crm_task_ids STATUS: the ids of the tasks in STATUS (open, all).
_crm_task_ids()
{
	_crm_query task list --status "$1" --format tsv --no-header --columns id
}
_crm_stages() { _crm_query deal stages --format tsv --no-header --columns stage; }
_crm_product_keys()
{
	_crm_query product list --all --format tsv --no-header --columns sku
}
_crm_quote_keys()
{
	_crm_query quote list --status all --format tsv --no-header --columns number
}
_crm_order_keys()
{
	_crm_query order list --status all --format tsv --no-header --columns number
}
_crm_delivery_keys()
{
	_crm_query delivery list --format tsv --no-header --columns number
}
# The numbers of the invoices and credit notes (a draft has none yet).
_crm_invoice_keys()
{
	_crm_query invoice list --status all --kind all --format tsv --no-header \
		--columns number
}
# _crm_open_invoices [CUSTOMER]: the numbers of the invoices left to pay (of
# CUSTOMER).
_crm_open_invoices()
{
	_crm_query invoice list --status open --kind invoice ${1:+--customer "$1"} \
		--format tsv --no-header --columns number
}
# The numbers of the receipts and refunds not reversed yet.
_crm_receipt_keys()
{
	_crm_query ar receipts --kind all --format tsv --no-header \
		--columns number,status | awk -F '\t' '$2 != "reversed" { print $1 }'
}
_crm_clerks()
{
	_crm_query ar receipts --kind all --format tsv --no-header --columns clerk |
		sort -u
}
# _crm_case_keys [STATUS...]: the numbers of the cases in one of the
# STATUSes (open, waiting, resolved, closed), or of every case.
_crm_case_keys()
{
	_crm_query case list --status all --format tsv --no-header \
		--columns number,status |
		awk -F '\t' -v s=" $* " 's == "  " || index(s, " " $2 " ") { print $1 }'
}
# _crm_case_assignees: the reps and those who have cases.
_crm_case_assignees()
{
	{
		_crm_owners
		_crm_query case list --status all --format tsv --no-header --columns assignee
	} | sort -u
}
# _crm_rma_keys STATE...: the numbers of the RMAs in one of the STATEs
# (opened, received ...), or open (not closed, rejected or cancelled), or all.
_crm_rma_keys()
{
	local which=all
	[[ $1 == open ]] && which=open
	_crm_query rma list --state $which --format tsv --no-header --columns number,state |
		awk -F '\t' -v s=" $* " 's ~ / (open|all) / || index(s, " " $2 " ") { print $1 }'
}
# _crm_visit_keys STATUS: the numbers of the visits in STATUS (scheduled,
# all ...).
_crm_visit_keys()
{
	_crm_query visit list --status "$1" --format tsv --no-header --columns number
}
# _crm_plan_ids [CUSTOMER]: the ids of the active maintenance plans (of
# CUSTOMER).
_crm_plan_ids()
{
	_crm_query visit plans ${1:+--customer "$1"} --format tsv --no-header --columns id
}
# The technicians of the visits and the maintenance plans.
_crm_techs()
{
	{
		_crm_query visit list --status all --format tsv --no-header --columns tech
		_crm_query visit plans --all --format tsv --no-header --columns tech
	} | sort -u
}
# _crm_survey_keys STATUS: the numbers of the surveys in STATUS (sent, all).
_crm_survey_keys()
{
	_crm_query survey list --status "$1" --format tsv --no-header --columns number
}
# _crm_customer_invoices [CUSTOMER]: the numbers of the invoices not void
# (of CUSTOMER).
_crm_customer_invoices()
{
	_crm_query invoice list --status all --kind invoice ${1:+--customer "$1"} \
		--format tsv --no-header --columns number,status |
		awk -F '\t' '$1 != "" && $2 != "void" { print $1 }'
}
# _crm_customer_values COLUMN: the values the customers have in COLUMN.
_crm_customer_values()
{
	_crm_query customer list --all --format tsv --no-header --columns "$1" | sort -u
}

# _crm_config_keys: the settings crm knows ('*' made into the stages, tiers
# and reps there are) and those that are stored.  'config keys' reads no
# database, so the known keys come even before there is one.
_crm_config_keys()
{
	local k n
	for k in $("$_crm_bin" config keys --format tsv --no-header --columns key 2>/dev/null); do
		case $k in
		deal.stage.\*.*) for n in $(_crm_stages); do echo "deal.stage.$n.${k##*.}"; done ;;
		tier.\*.*) for n in $(_crm_customer_values tier); do echo "tier.$n.${k##*.}"; done ;;
		rep.\*.*) for n in $(_crm_owners); do echo "rep.$n.${k##*.}"; done ;;
		*\**) ;;
		*) echo "$k" ;;
		esac
	done
	_crm_query config list --format tsv --no-header --columns key
}
_crm_tags()
{
	_crm_query customer list --all --format tsv --no-header --columns tags |
		tr ';' '\n' | sort -u
}
_crm_owners()
{
	_crm_query customer list --all --format tsv --no-header --columns owner | sort -u
}

# _crm_add WORDS: offers the words that begin with $cur.
_crm_add()
{
	local IFS=$' \t\n'
	COMPREPLY+=($(compgen -P "$_crm_prefix" -W "$*" -- "$cur"))
}

# _crm_add_list WORDS: for comma-separated values ("code,na"): completes the
# last item with the words not in the list yet.
_crm_add_list()
{
	local IFS=$' \t\n' head='' w='' words=''
	[[ $cur == *,* ]] && head=${cur%,*},
	for w; do [[ ,$head == *,"$w",* ]] || words+=" $w"; done
	COMPREPLY+=($(compgen -P "$_crm_prefix$head" -W "$words" -- "${cur##*,}"))
	compopt -o nospace 2>/dev/null
}

# _crm_add_pay INVOICES: for INVOICE=AMOUNT, offers "INVOICE=" for the
# invoices the line does not pay yet (nothing once the "=" is typed).
_crm_add_pay()
{
	local IFS=$' \t\n' w words=''
	[[ $cur == *=* ]] && return 0
	for w; do [[ $_crm_paid == *" $w "* ]] || words+=" $w"; done
	COMPREPLY+=($(compgen -P "$_crm_prefix" -S = -W "$words" -- "$cur"))
	compopt -o nospace 2>/dev/null
}

_crm_files()
{
	local IFS=$'\n'
	compopt -o filenames 2>/dev/null
	COMPREPLY+=($(compgen -f -P "$_crm_prefix" -- "$cur"))
}

_crm_dirs()
{
	local IFS=$'\n'
	compopt -o filenames 2>/dev/null
	COMPREPLY+=($(compgen -d -P "$_crm_prefix" -- "$cur"))
}

# _crm_value OPTION: completes the value of OPTION (of verb $group $verb).
_crm_value()
{
	local dates='today tomorrow yesterday' later='today tomorrow'
	case "$1" in
	--db | --template | --output) _crm_files ;;
	--dir) _crm_dirs ;;
	--format)
		# print's --format is what it prints, not the output format (so is
		# that of 'ar statement --print')
		case "$group $verb" in
		'customer import' | 'product import' | 'invoice import')
			_crm_add csv json ndjson ;;
		'customer export' | 'product export') _crm_add csv tsv json ndjson ;;
		'quote print' | 'delivery print' | 'invoice print') _crm_add text html pdf ;;
		'ar receipt' | 'ar statement')
			if [[ $verb == receipt && $_crm_arg0 == import ]]; then
				_crm_add csv json ndjson
			elif [[ -n $_crm_print ]]; then
				_crm_add text html pdf
			else
				_crm_add table csv tsv json ndjson
			fi ;;
		*) _crm_add table csv tsv json ndjson ;;
		esac ;;
	--columns) _crm_add_list $(_crm_columns "$group" "$verb" "$_crm_arg0") ;;
	--sort)
		local c cols=
		for c in $(_crm_columns "$group" "$verb" "$_crm_arg0"); do
			[[ $c == tags ]] || cols+=" $c -$c"
		done
		_crm_add $cols ;;
	--status)
		case "$group $verb" in
		'customer reassign') _crm_add_list lead prospect active inactive lost ;;
		task\ *) _crm_add open 'done' all ;;
		deal\ *) _crm_add open won lost all ;;
		quote\ *) _crm_add $_crm_quote_statuses ;;
		order\ *) _crm_add $_crm_order_statuses ;;
		invoice\ *) _crm_add $_crm_invoice_statuses ;;
		case\ *) _crm_add $_crm_case_statuses ;;
		visit\ *) _crm_add $_crm_visit_statuses ;;
		survey\ *) _crm_add sent answered all ;;
		*) _crm_add lead prospect active inactive lost ;;
		esac ;;
	--kind)
		case $group in
		invoice) _crm_add invoice credit all ;;
		ar) _crm_add receipt refund all ;;
		*) _crm_add company person ;;
		esac ;;
	--today | --since | --due-before | --date | --as-of | --purchased) _crm_add $dates ;;
	--due | --next | --close | --valid-until | --promised | --on) _crm_add $later ;;
	--at) [[ $group == activity ]] && _crm_add $dates ;;
	--from | --to)
		# a file, the reps of a hand-over, the quote to copy, the address
		# of dunning letters, else the dates of a period
		case "$group $verb $1" in
		'customer import --from' | 'product import --from' | \
			'invoice import --from' | 'ar receipt --from')
			_crm_files ;;
		'ar dunning --to') ;;
		'quote new --from') _crm_add $(_crm_quote_keys) ;;
		'visit plan --from') _crm_add $later ;;
		*\ reassign\ * | 'lead assign --to') _crm_add $(_crm_owners) ;;
		*) _crm_add $dates ;;
		esac ;;
	--assignee)
		if [[ $group == case ]]; then
			_crm_add $(_crm_case_assignees)
		else
			_crm_add $(_crm_owners)
		fi ;;
	--owner | --rep) _crm_add $(_crm_owners) ;;
	--tag | --untag) _crm_add $(_crm_tags) ;;
	--type) _crm_add $_crm_activity_types ;;
	--priority) _crm_add $_crm_priorities ;;
	--by)
		case "$group $verb" in
		'report activity') _crm_add rep type customer ;;
		'deal forecast') _crm_add month quarter ;;
		'deal funnel') _crm_add rep ;;
		'ar receipts') _crm_add method clerk year month ;;
		'ar aging') _crm_add due issue ;;
		'case stats') _crm_add channel assignee priority product ;;
		'survey stats') _crm_add month product assignee ;;
		esac ;;
	--method) _crm_add $_crm_ar_methods ;;
	--basis) _crm_add invoiced paid ;;
	--clerk) _crm_add $(_crm_clerks) ;;
	--apply) _crm_add_pay $(_crm_open_invoices "$_crm_arg0") ;;
	--only) _crm_add_list $_crm_remind_sections ;;
	--stage) _crm_add $(_crm_stages) ;;
	--customer) _crm_add $(_crm_customer_keys) ;;
	--contact) _crm_add $(_crm_contact_keys "$_crm_arg0") ;;
	--deal) [[ $group == lead ]] || _crm_add $(_crm_deal_keys all) ;;
	--source | --campaign | --tier) _crm_add $(_crm_customer_values "${1#--}") ;;
	--product) _crm_add $(_crm_product_keys) ;;
	--order) _crm_add $(_crm_order_keys) ;;
	--delivery) _crm_add $(_crm_delivery_keys) ;;
	--channel) _crm_add $_crm_case_channels ;;
	--state) _crm_add $_crm_rma_states ;;
	--every) _crm_add $_crm_visit_periods ;;
	--tech) _crm_add $(_crm_techs) ;;
	--case) _crm_add $(_crm_case_keys) ;;
	--rma)
		# a visit to an RMA still open; a survey about any
		if [[ $group == visit ]]; then
			_crm_add $(_crm_rma_keys open)
		else
			_crm_add $(_crm_rma_keys all)
		fi ;;
	--plan) _crm_add $(_crm_plan_ids "$_crm_arg0") ;;
	--quote) _crm_add $(_crm_quote_keys) ;;
	--invoice) _crm_add $(_crm_customer_invoices "$_crm_arg0") ;;
	--csat) _crm_add 1 2 3 4 5 ;;
	--nps) _crm_add 0 1 2 3 4 5 6 7 8 9 10 ;;
	esac
}

_crm()
{
	local _crm_bin=${COMP_WORDS[0]} _crm_db='' _crm_prefix='' _crm_arg0='' cur opt
	local _crm_print='' _crm_paid=' '
	local -a words=()
	local i w cword group='' verb='' gi=0 npos=0 dashdash='' verbless='' first

	[[ $_crm_bin == '~/'* ]] && _crm_bin=$HOME/${_crm_bin#'~/'}
	COMPREPLY=()

	# Rejoin "--opt=value" and "KEY=VALUE" (--field, --line, INVOICE=AMOUNT),
	# which COMP_WORDBREAKS splits at the "=".
	for ((i = 0; i <= COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if ((${#words[@]} > 1)) && [[ $w == = || ${COMP_WORDS[i-1]} == = ]]; then
			words[-1]+=$w
		else
			words+=("$w")
		fi
	done
	cword=$((${#words[@]} - 1))
	cur=${words[cword]}

	# The global options, then the group and the verb.
	for ((i = 1; i < cword; i++)); do
		w=${words[i]}
		case "$w" in
		--db=*) _crm_db=${w#--db=} ;;
		--db) _crm_db=${words[i+1]}; ((i++)) ;;
		--*=*) ;;
		-*) _crm_takes_value "$w" && ((i++)) ;;
		*) group=$w gi=$i; break ;;
		esac
	done
	# A group that is one command has a line of its own in --list-cmds;
	# its options and arguments follow its name.
	if ((gi > 0)) && [[ $group != help ]] &&
		"$_crm_bin" --list-cmds 2>/dev/null | grep -Fqx -- "$group"; then
		verbless=1 first=$((gi + 1))
	elif ((gi > 0 && gi + 1 < cword)); then
		verb=${words[gi+1]} first=$((gi + 2))
	fi

	# The words after the verb: options (and their values) and arguments.
	if [[ -n $verb || -n $verbless ]]; then
		for ((i = first; i < cword; i++)); do
			w=${words[i]}
			if [[ -n $dashdash || "$group $verb" == 'customer tag' ]]; then
				((npos++))
				continue
			fi
			case "$w" in
			--) dashdash=1 ;;
			--db=*) _crm_db=${w#--db=} ;;
			--db) _crm_db=${words[i+1]}; ((i++)) ;;
			--print) _crm_print=1 ;;
			--apply=*=*) w=${w#--apply=} _crm_paid+="${w%%=*} " ;;
			--apply)
				((i + 1 < cword)) && w=${words[i+1]} _crm_paid+="${w%%=*} "
				((i++)) ;;
			--*=*) ;;
			-?*) _crm_takes_value "$w" && ((i++)) ;;
			*=*) _crm_paid+="${w%%=*} "; ((npos++ == 0)) && _crm_arg0=$w ;;
			*) ((npos++ == 0)) && _crm_arg0=$w ;;
			esac
		done
	fi

	# The value of an option: "--opt value" or "--opt=value".
	if [[ -z $dashdash && "$group $verb" != 'customer tag' ]]; then
		opt=
		if ((cword > 1)) && _crm_takes_value "${words[cword-1]}"; then
			opt=${words[cword-1]}
		elif [[ $cur == --*=* ]]; then
			opt=${cur%%=*}
			# The word bash replaces holds "--opt=" only when "=" is not
			# a word break.
			[[ ${COMP_WORDS[COMP_CWORD]} == --*=* ]] && _crm_prefix=$opt=
			cur=${cur#*=}
		fi
		if [[ -n $opt ]]; then
			_crm_value "$opt"
			return 0
		fi
	fi

	if [[ -z $group ]]; then
		if [[ $cur == -* ]]; then
			_crm_add $_crm_common_opts --list-cmds --version
		else
			_crm_add $("$_crm_bin" --list-cmds 2>/dev/null | cut -d' ' -f1 | uniq) help version
		fi
		return 0
	fi
	if [[ $group == help ]]; then
		((cword == gi + 1)) && _crm_add $("$_crm_bin" --list-cmds 2>/dev/null | cut -d' ' -f1 | uniq)
		return 0
	fi
	if ((cword == gi + 1)) && [[ -z $verbless ]]; then
		if [[ $cur == -* ]]; then
			_crm_add -h --help
		else
			_crm_add $("$_crm_bin" --list-cmds 2>/dev/null |
				while read -r g v; do [[ $g == "$group" ]] && echo "$v"; done)
		fi
		return 0
	fi

	if [[ "$group $verb" == 'customer tag' ]]; then
		if ((npos == 0)); then
			_crm_add $(_crm_customer_keys)
		else
			local t tags=
			for t in $(_crm_tags); do tags+=" $t +$t -$t"; done
			_crm_add $tags
		fi
		return 0
	fi
	# A group that is one command takes no arguments: its options come
	# even before a '-' is typed.
	if [[ -z $dashdash && ($cur == -* || -n $verbless) ]]; then
		_crm_add $(_crm_verb_opts "$group" "$verb" "$_crm_arg0") $_crm_common_opts
		return 0
	fi
	case "$group $verb $npos" in
	'customer show 0' | 'customer edit 0' | 'customer rm 0' | 'customer merge 0' | \
		'customer merge 1' | 'contact add 0' | 'contact list 0' | 'history customer 0' | \
		'activity log 0' | 'activity list 0' | 'lead convert 0' | 'deal add 0' | \
		'quote new 0' | 'order new 0' | 'invoice new 0')
		_crm_add $(_crm_customer_keys) ;;
	'contact show 0' | 'contact edit 0' | 'contact rm 0' | 'history contact 0')
		_crm_add $(_crm_contact_keys) ;;
	'activity show 0' | 'activity edit 0' | 'activity rm 0' | 'history activity 0')
		_crm_add $(_crm_activity_ids) ;;
	task\ done\ *) _crm_add $(_crm_task_ids open) ;;
	'task edit 0' | 'task rm 0' | 'history task 0') _crm_add $(_crm_task_ids all) ;;
	'lead assign 0') _crm_add $(_crm_lead_keys) ;;
	'deal show 0' | 'deal edit 0' | 'deal reopen 0' | 'history deal 0')
		_crm_add $(_crm_deal_keys all) ;;
	'deal move 0' | 'deal won 0' | 'deal lost 0') _crm_add $(_crm_deal_keys open) ;;
	'deal move 1' | 'deal reopen 1') _crm_add $(_crm_stages) ;;
	'config get 0' | 'config set 0' | 'config unset 0' | 'config list 0')
		_crm_add $(_crm_config_keys | sort -u) ;;
	'db backup 0') _crm_files ;;
	'product show 0' | 'product edit 0' | 'product archive 0' | 'product prices 0')
		_crm_add $(_crm_product_keys) ;;
	# 'quote line', 'order line' and 'invoice line': their verb, then the
	# document
	'quote line 0' | 'order line 0' | 'invoice line 0') _crm_add add edit rm ;;
	'quote line 1' | 'quote show 0' | 'quote send 0' | 'quote accept 0' | \
		'quote reject 0' | 'quote convert 0' | 'quote print 0')
		_crm_add $(_crm_quote_keys) ;;
	'order line 1' | 'order confirm 0' | 'order cancel 0' | 'order show 0' | \
		'delivery new 0')
		_crm_add $(_crm_order_keys) ;;
	'delivery show 0' | 'delivery print 0') _crm_add $(_crm_delivery_keys) ;;
	'invoice line 1' | 'invoice issue 0' | 'invoice void 0' | 'invoice rm 0' | \
		'invoice credit 0' | 'invoice show 0' | 'invoice print 0')
		_crm_add $(_crm_invoice_keys) ;;
	# 'ar receipt import' and 'ar dunning history': their verb, or else
	# (receipt) the customer
	'ar receipt 0') _crm_add import $(_crm_customer_keys) ;;
	'ar dunning 0') _crm_add history ;;
	'ar apply 0' | 'ar refund 0' | 'ar open 0' | 'ar statement 0')
		_crm_add $(_crm_customer_keys) ;;
	'ar dunning 1') [[ $_crm_arg0 == history ]] && _crm_add $(_crm_customer_keys) ;;
	# INVOICE=AMOUNT ...
	ar\ apply\ *) _crm_add_pay $(_crm_open_invoices "$_crm_arg0") ;;
	'ar reverse 0') _crm_add $(_crm_receipt_keys) ;;
	'ar writeoff 0') _crm_add $(_crm_open_invoices) ;;
	# service: cases, RMAs, visits and surveys in a state they can leave
	'case open 0' | 'rma open 0' | 'visit schedule 0' | 'visit plan 0')
		_crm_add $(_crm_customer_keys) ;;
	'case reply 0' | 'case note 0' | 'case show 0') _crm_add $(_crm_case_keys) ;;
	'case assign 0') _crm_add $(_crm_case_keys open waiting resolved) ;;
	'case assign 1') _crm_add $(_crm_case_assignees) ;;
	'case wait 0') _crm_add $(_crm_case_keys open) ;;
	'case resume 0') _crm_add $(_crm_case_keys waiting) ;;
	'case resolve 0') _crm_add $(_crm_case_keys open waiting) ;;
	'case close 0') _crm_add $(_crm_case_keys resolved) ;;
	'case reopen 0') _crm_add $(_crm_case_keys resolved closed) ;;
	# (receive: shipped or confirmed for an advance replacement; ship: opened)
	'rma receive 0') _crm_add $(_crm_rma_keys opened shipped confirmed) ;;
	'rma diagnose 0') _crm_add $(_crm_rma_keys received) ;;
	'rma repair 0') _crm_add $(_crm_rma_keys diagnosed) ;;
	'rma repaired 0' | 'rma vendor-ship 0') _crm_add $(_crm_rma_keys repairing) ;;
	'rma vendor-return 0') _crm_add $(_crm_rma_keys at_vendor) ;;
	'rma ship 0') _crm_add $(_crm_rma_keys opened diagnosed repaired) ;;
	'rma confirm 0') _crm_add $(_crm_rma_keys shipped) ;;
	'rma close 0') _crm_add $(_crm_rma_keys confirmed received diagnosed repaired) ;;
	'rma reject 0' | 'rma cancel 0') _crm_add $(_crm_rma_keys open) ;;
	'rma status 0' | 'rma show 0') _crm_add $(_crm_rma_keys all) ;;
	'visit done 0' | 'visit cancel 0') _crm_add $(_crm_visit_keys scheduled) ;;
	'visit show 0') _crm_add $(_crm_visit_keys all) ;;
	'visit plan-stop 0') _crm_add $(_crm_plan_ids) ;;
	'survey record 0') _crm_add $(_crm_survey_keys sent) ;;
	esac
	return 0
}

complete -F _crm crm
