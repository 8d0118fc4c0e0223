# fish completion for crm(1), the customer-relationship toolkit.
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

function __crm_takes_value -a opt
    contains -- $opt --db --format --columns --user --today --code --name --kind \
        --status --owner --email --phone --website --street --city --region \
        --postcode --country --tax-id --industry --source --campaign --tier \
        --credit-limit --terms --cadence --note --tag --untag --field --since --sort \
        --limit --from --to --title --mobile --im --type --summary --contact --at \
        --minutes --outcome --deal --rep --next --next-action --customer --due \
        --where --assignee --priority --due-before --days --only --feedback-days \
        --amount --stage --probability --close --reason --by --share --sku --price \
        --cost --unit --tax-rate --search --valid-until --product --text --qty \
        --discount --description --promised --line --date --tracking --order \
        --delivery --template --output --method --ref --clerk --apply --as-of --buckets \
        --min --top --dir --month --basis --warranty --channel --state --serial \
        --purchased --invoice --fault --quote --case --condition --finding --vendor \
        --tech --on --rma --plan --task --report --parts --every --csat --nps --comment
end

# Prints the command line's group, verb, database, the number of arguments
# after the verb, whether the group is one command (1 or 0: agenda, remind)
# and the first argument, one a line ("" for what is not there yet).  Every
# condition below asks, so the answer is kept for the line it was made for.
function __crm_parse
    set -l words (commandline -opc)
    if set -q __crm_parsed; and test "$__crm_parsed_line" = (string escape -- $words | string join ' ')
        printf '%s\n' $__crm_parsed
        return
    end
    set -l group ''
    set -l verb ''
    set -l db ''
    set -l npos 0
    set -l verbless 0
    set -l arg0 ''
    set -l i 2
    set -l n (count $words)
    while test $i -le $n
        set -l w $words[$i]
        if test -z "$group"
            switch $w
                case '--db=*'
                    set db (string replace -- '--db=' '' $w)
                case --db
                    set i (math $i + 1)
                    set db $words[$i]
                case '--*=*'
                case '-*'
                    __crm_takes_value $w; and set i (math $i + 1)
                case '*'
                    set group $w
                    # a group that is one command has a line of its own
                    test $group != help
                    and contains -- $group (command $words[1] --list-cmds 2>/dev/null)
                    and set verbless 1
            end
        else if test -z "$verb" -a $verbless = 0
            set verb $w
        else if test "$group $verb" = 'customer tag'
            set npos (math $npos + 1)
        else
            switch $w
                case '--db=*'
                    set db (string replace -- '--db=' '' $w)
                case --db
                    set i (math $i + 1)
                    set db $words[$i]
                case '--*=*'
                case '-?*'
                    __crm_takes_value $w; and set i (math $i + 1)
                case '*'
                    test $npos = 0; and set arg0 $w
                    set npos (math $npos + 1)
            end
        end
        set i (math $i + 1)
    end
    set -g __crm_parsed_line (string escape -- $words | string join ' ')
    set -g __crm_parsed "$group" "$verb" "$db" $npos $verbless "$arg0"
    printf '%s\n' $__crm_parsed
end

function __crm_needs_group
    set -l p (__crm_parse)
    test -z "$p[1]"
end

function __crm_needs_verb
    set -l p (__crm_parse)
    test -n "$p[1]" -a -z "$p[2]" -a "$p[1]" != help -a "$p[5]" = 0
end

# __crm_is GROUP VERB [N]: completing after GROUP VERB (argument N, from 0);
# VERB is '' for a group that is one command.
function __crm_is -a group verb n
    set -l p (__crm_parse)
    test "$p[1]" = "$group" -a "$p[2]" = "$verb"
    or return 1
    test -z "$n"; or test "$p[4]" = $n
end

# __crm_line_is GROUP VERB: completing after "GROUP line VERB" (quote line
# add ..., order line, invoice line), past the verb.
function __crm_line_is -a group verb
    set -l p (__crm_parse)
    test "$p[1]" = "$group" -a "$p[2]" = line -a "$p[6]" = "$verb" -a "$p[4]" -ge 1
end

# __crm_sub_is GROUP VERB SUB: completing after "GROUP VERB SUB" (ar receipt
# import, ar dunning history), past SUB.
function __crm_sub_is -a group verb sub
    set -l p (__crm_parse)
    test "$p[1]" = "$group" -a "$p[2]" = "$verb" -a "$p[6]" = "$sub" -a "$p[4]" -ge 1
end

# The verbs whose --format is their own: the format they read or write, or
# (print, ar statement --print) what they print.
function __crm_own_format
    set -l p (__crm_parse)
    contains -- "$p[1] $p[2]" 'customer import' 'customer export' 'product import' \
        'product export' 'quote print' 'delivery print' 'invoice print' 'invoice import'
    or __crm_sub_is ar receipt import
    or begin
        test "$p[1] $p[2]" = 'ar statement'
        and contains -- --print (commandline -opc)
    end
end

# After any verb but "customer tag", which reads every word as a tag, and
# after a group that is one command.
function __crm_has_verb
    set -l p (__crm_parse)
    test -n "$p[2]" -o "$p[5]" = 1
    and test "$p[1] $p[2]" != 'customer tag' -a "$p[1]" != help
end

# After a group that is one command, before a '-' is typed: it takes no
# arguments, so its options are offered as they are after a '-'.
function __crm_bare_group
    set -l p (__crm_parse)
    test "$p[5]" = 1; and test -z (commandline -ct | string collect)
end

function __crm_bare_options
    complete -C(string join ' ' -- (commandline -opc | string escape) -)
end

function __crm_bin
    set -l words (commandline -opc)
    echo $words[1]
end

# __crm_query ARGS...: runs crm with ARGS on the database of the command
# line, if that database exists; prints nothing otherwise.
function __crm_query
    set -l p (__crm_parse)
    set -l db $p[3]
    test -n "$db"; or set db "$CRM_DB"
    if test -z "$db"
        if test -n "$XDG_DATA_HOME"
            set db $XDG_DATA_HOME/crm/crm.db
        else
            set db $HOME/.local/share/crm/crm.db
        end
    end
    set db (string replace -r '^~/' "$HOME/" -- $db)
    test -f "$db"; or return 0
    set -l bin (__crm_bin)
    command $bin --db $db $argv 2>/dev/null
end

function __crm_groups
    set -l bin (__crm_bin)
    command $bin --list-cmds 2>/dev/null | string replace -r ' .*' '' | uniq
end

function __crm_verbs
    set -l p (__crm_parse)
    set -l bin (__crm_bin)
    command $bin --list-cmds 2>/dev/null | string replace -rf "^$p[1] " ''
end

function __crm_customers
    __crm_query customer list --format tsv --no-header --columns code
end

# __crm_contacts [CUSTOMER]: the contacts of CUSTOMER, or of everyone.
function __crm_contacts
    __crm_query contact list $argv --format tsv --no-header --columns id
end

# The contacts of the customer the line names first (activity log ACME).
function __crm_customer_contacts
    set -l p (__crm_parse)
    __crm_contacts (string match -v '' -- $p[6])
end

function __crm_leads
    __crm_query lead list --format tsv --no-header --columns code
end

# __crm_deals STATUS: the codes of the deals in STATUS (open, all ...).
function __crm_deals -a which
    __crm_query deal list --status $which --format tsv --no-header --columns code
end

function __crm_activities
    __crm_query activity list --format tsv --no-header --columns id
end

# __crm_tasks STATUS: the ids of the tasks in STATUS (open, all).
function __crm_tasks -a which
    __crm_query task list --status $which --format tsv --no-header --columns id
end

function __crm_stages
    __crm_query deal stages --format tsv --no-header --columns stage
end

function __crm_products
    __crm_query product list --all --format tsv --no-header --columns sku
end

function __crm_quotes
    __crm_query quote list --status all --format tsv --no-header --columns number
end

function __crm_orders
    __crm_query order list --status all --format tsv --no-header --columns number
end

function __crm_deliveries
    __crm_query delivery list --format tsv --no-header --columns number
end

# The numbers of the invoices and credit notes (a draft has none yet).
function __crm_invoices
    __crm_query invoice list --status all --kind all --format tsv --no-header \
        --columns number | string match -v ''
end

# __crm_open_invoices [CUSTOMER]: the numbers of the invoices left to pay (of
# CUSTOMER).
function __crm_open_invoices
    set -l customer
    test -n "$argv[1]"; and set customer --customer $argv[1]
    __crm_query invoice list --status open --kind invoice $customer --format tsv --no-header \
        --columns number | string match -v ''
end

# INVOICE=AMOUNT: "INVOICE=" for the open invoices of the customer the line
# names first (of everyone if none) that the line does not pay yet; nothing
# once the "=" is typed.
function __crm_pay
    commandline -ct | string replace -r -- '^--apply=' '' | string match -q -- '*=*'
    and return
    set -l p (__crm_parse)
    set -l customer $p[6]
    test "$customer" = import; and set customer ''
    set -l words (commandline -opc)
    set -l paid
    set -l i 1
    while test $i -le (count $words)
        switch $words[$i]
            case --apply
                set i (math $i + 1)
                set -q words[$i]; and set -a paid (string replace -r -- '=.*' '' $words[$i])
            case '--apply=*=*'
                set -a paid (string replace -r -- '^--apply=([^=]*)=.*' '$1' $words[$i])
            case '-*'
            case '*=*'
                set -a paid (string replace -r -- '=.*' '' $words[$i])
        end
        set i (math $i + 1)
    end
    for n in (__crm_open_invoices $customer)
        contains -- $n $paid; or echo $n=
    end
end

# The numbers of the receipts and refunds not reversed yet.
function __crm_receipts
    __crm_query ar receipts --kind all --format tsv --no-header --columns number,status |
        string match -rv '\treversed$' | string replace -r '\t.*' ''
end

function __crm_clerks
    __crm_query ar receipts --kind all --format tsv --no-header --columns clerk | sort -u |
        string match -v ''
end

# __crm_cases [STATUS...]: the numbers of the cases in one of the STATUSes
# (open, waiting, resolved, closed), or of every case.
function __crm_cases
    __crm_query case list --status all --format tsv --no-header --columns number,status |
        while read -l -d \t number st
            test (count $argv) = 0; or contains -- $st $argv; and echo $number
        end
end

# The reps and those who have cases.
function __crm_case_assignees
    begin
        __crm_owners
        __crm_query case list --status all --format tsv --no-header --columns assignee
    end | sort -u | string match -v ''
end

# __crm_rmas STATE...: the numbers of the RMAs in one of the STATEs (opened,
# received ...), or open (not closed, rejected or cancelled), or all.
function __crm_rmas
    set -l which all
    contains -- open $argv; and set which open
    __crm_query rma list --state $which --format tsv --no-header --columns number,state |
        while read -l -d \t number state
            contains -- open $argv; or contains -- all $argv; or contains -- $state $argv
            and echo $number
        end
end

# __crm_visits STATUS: the numbers of the visits in STATUS (scheduled, all ...).
function __crm_visits -a which
    __crm_query visit list --status $which --format tsv --no-header --columns number
end

# __crm_plans [CUSTOMER]: the ids of the active maintenance plans (of CUSTOMER).
function __crm_plans
    set -l customer
    test -n "$argv[1]"; and set customer --customer $argv[1]
    __crm_query visit plans $customer --format tsv --no-header --columns id
end

# The technicians of the visits and the maintenance plans.
function __crm_techs
    begin
        __crm_query visit list --status all --format tsv --no-header --columns tech
        __crm_query visit plans --all --format tsv --no-header --columns tech
    end | sort -u | string match -v ''
end

# __crm_surveys STATUS: the numbers of the surveys in STATUS (sent, all).
function __crm_surveys -a which
    __crm_query survey list --status $which --format tsv --no-header --columns number
end

# The invoices not void of the customer the line names first.
function __crm_customer_invoices
    set -l p (__crm_parse)
    set -l customer
    test -n "$p[6]"; and set customer --customer $p[6]
    __crm_query invoice list --status all --kind invoice $customer --format tsv --no-header \
        --columns number,status | string match -rv '\tvoid$' | string replace -r '\t.*' '' |
        string match -v ''
end

# __crm_customer_values COLUMN: the values the customers have in COLUMN.
function __crm_customer_values -a column
    __crm_query customer list --all --format tsv --no-header --columns $column | sort -u |
        string match -v ''
end

# The settings crm knows ('*' made into the stages, tiers and reps there
# are) and those that are stored.  'config keys' reads no database, so the
# known keys come even before there is one.
function __crm_config_keys
    set -l bin (__crm_bin)
    begin
        for k in (command $bin config keys --format tsv --no-header --columns key 2>/dev/null)
            set -l names
            if string match -q -r '^deal\.stage\.\*\.' -- $k
                set names (__crm_stages)
            else if string match -q -r '^tier\.\*\.' -- $k
                set names (__crm_customer_values tier)
            else if string match -q -r '^rep\.\*\.' -- $k
                set names (__crm_owners)
            else if not string match -q -- '*\**' $k
                echo $k
                continue
            end
            for name in $names
                string replace -- '*' $name $k
            end
        end
        __crm_query config list --format tsv --no-header --columns key
    end | sort -u
end

function __crm_tags
    __crm_query customer list --all --format tsv --no-header --columns tags | string split ';' |
        string match -v '' | sort -u
end

function __crm_owners
    __crm_query customer list --all --format tsv --no-header --columns owner | sort -u | string match -v ''
end

# For "customer tag KEY ...": TAG or +TAG adds, -TAG removes.
function __crm_tag_words
    for t in (__crm_tags)
        printf '%s\n' $t +$t -$t
    end
end

# Comma-separated values: completes the last item of the current token.
function __crm_list -d 'complete a comma-separated list'
    set -l token (commandline -ct | string replace -r '^--[a-z-]+=' '')
    set -l head (string match -r '.*,' -- $token)
    set -l have (string split , -- $head)
    for v in $argv
        contains -- $v $have; or echo "$head$v"
    end
end

function __crm_columns
    set -l p (__crm_parse)
    set -l customer id code name kind status owner email phone website street city \
        region postcode country tax_id industry source tier credit_limit terms note \
        campaign cadence tags archived created updated
    set -l activity id at customer name type rep contact deal minutes summary outcome
    set -l deal code customer name title amount stage status probability weighted close \
        owner source reason stage_since closed created updated
    set -l product sku name unit price cost tax_rate note archived created updated
    set -l doc kind number status customer customer_name date valid_until promised due \
        source ship_to note subtotal discount tax total
    set -l case number customer name subject channel priority status assignee contact \
        product opened responded resolved closed response_hours resolution_hours \
        respond_by resolve_by response_met resolution_met
    set -l case_stats cases unresolved response_median response_p90 resolution_median \
        resolution_p90 response_met resolution_met fcr contacts reopen_rate age_0_1 \
        age_2_7 age_8_30 age_31_plus
    set -l rma number customer name product serial state since days limit late
    set -l visit number date time tech customer name task status case rma plan minutes \
        parts report reason done created
    set -l survey_stats answers csat_answers csat_avg csat_1 csat_2 csat_3 csat_4 csat_5 \
        nps_answers promoters passives detractors nps
    switch (string join ' ' -- $p[1] $p[2] | string trim)
        case 'customer export'
            printf '%s\n' $customer[2..-1]
        case 'customer show'
            printf '%s\n' $customer field contacts last_contact next_contact activities \
                followups deals
        case 'customer *'
            printf '%s\n' $customer
        case 'contact *'
            printf '%s\n' id customer name title email phone mobile im primary archived \
                created updated
        case 'activity show'
            printf '%s\n' $activity created followup followup_title followup_due \
                followup_status
        case 'activity *'
            printf '%s\n' $activity
        case 'task *'
            printf '%s\n' id due time title customer deal assignee priority status place \
                kind done_at created
        case agenda
            printf '%s\n' date time kind title customer where priority ref
        case 'lead *'
            printf '%s\n' code name source campaign owner assigned feedback_due feedback \
                overdue created
        case 'deal show'
            printf '%s\n' $deal history activities tasks
        case 'deal list'
            printf '%s\n' $deal
        case 'deal stages'
            printf '%s\n' stage position probability stall deals amount
        case 'deal pipeline'
            printf '%s\n' stage deals amount weighted
        case 'deal forecast'
            printf '%s\n' period deals amount weighted won
        case 'deal funnel'
            printf '%s\n' rep stage deals advanced conversion win_rate days
        case 'deal stalled'
            printf '%s\n' code customer title owner stage since days limit close why
        case 'report activity'
            # by rep (the default), by type, by customer (and --sinks)
            printf '%s\n' rep activities minutes customers call email im visit meeting \
                note type share customer name
        case remind
            printf '%s\n' section rep date customer name item detail ref
        case 'config list'
            printf '%s\n' key value
        case 'config keys'
            printf '%s\n' key default description
        case 'history *'
            printf '%s\n' at user action entity id field old new
        case 'product show'
            printf '%s\n' id $product prices
        case 'product prices'
            printf '%s\n' date kind number customer name qty unit price discount net_price \
                status
        case 'product *'
            printf '%s\n' $product
        case 'quote show'
            printf '%s\n' $doc lines
        case 'quote list'
            printf '%s\n' number customer name date valid_until promised due status total
        case 'order show'
            printf '%s\n' $doc shipping lines fulfilment deliveries
        case 'order list'
            printf '%s\n' number customer name date promised status shipping total
        case 'delivery show'
            printf '%s\n' number order customer customer_name date ship_to tracking note lines
        case 'delivery list'
            printf '%s\n' number order customer name date ship_to tracking lines note
        case 'invoice show'
            printf '%s\n' $doc lines credits
        case 'invoice list'
            printf '%s\n' number kind customer name date due status total open
        case 'report commission'
            printf '%s\n' rep basis base rate commission
        case 'ar receipts'
            # the receipts, or their totals --by method, clerk, year or month
            printf '%s\n' number kind date customer name amount applied unapplied method \
                ref clerk status year month count average largest
        case 'ar open'
            printf '%s\n' customer kind number date due days total paid open status
        case 'ar aging'
            # by customer (the default buckets), or --detail
            printf '%s\n' code name rep not_due 1-30 31-60 61-90 91-180 over_180 open \
                credit balance customer kind number date due days bucket
        case 'ar statement'
            printf '%s\n' date kind number ref debit credit balance
        case 'ar dunning'
            if test "$p[6]" = history
                printf '%s\n' date customer name level invoices overdue fee interest to
            else
                printf '%s\n' customer name level level_name invoices overdue fee interest \
                    total to
            end
        case 'ar credit'
            printf '%s\n' code name rep limit orders invoices credit exposure over
        case 'ar concentration'
            printf '%s\n' rank code name balance share cumulative pareto
        case 'case show'
            printf '%s\n' $case thread
        case 'case list'
            printf '%s\n' $case
        case 'case stats'
            # in all, or --by channel, assignee, priority or product
            printf '%s\n' $case_stats channel assignee priority product
        case 'rma list'
            printf '%s\n' $rma warranty advance_due vendor tracking
        case 'rma show'
            printf '%s\n' $rma product_name fault purchased invoice warranty_until \
                in_warranty chargeable quote case advance advance_due received vendor \
                tracking created updated events
        case 'rma stats'
            printf '%s\n' section item rmas value
        case 'visit list' 'visit show'
            printf '%s\n' $visit
        case 'visit plans'
            printf '%s\n' id customer name every next tech task status scheduled
        case 'visit due'
            printf '%s\n' plan next customer name tech task every
        case 'survey list'
            printf '%s\n' number sent customer name about email csat nps comment answered
        case 'survey stats'
            # in all, or --by month, product or assignee
            printf '%s\n' all $survey_stats month product assignee
    end
end

function __crm_sort_columns
    for c in (__crm_columns | string match -v tags)
        printf '%s\n' $c -$c
    end
end

complete -c crm -f

# Global options, before the group.
set -l before __crm_needs_group
complete -c crm -n $before -l db -r -F -d 'database file'
complete -c crm -n $before -l format -x -a 'table csv tsv json ndjson' -d 'output format'
complete -c crm -n $before -l columns -x -d 'print only these columns'
complete -c crm -n $before -l no-header -d 'leave out the header line'
complete -c crm -n $before -l user -x -a '(__fish_complete_users)' -d 'who is making the changes'
complete -c crm -n $before -l today -x -a 'today tomorrow yesterday' -d 'the date taken as today'
complete -c crm -n $before -s q -l quiet -d 'print no informational messages'
complete -c crm -n $before -s h -l help -d 'show the usage'
complete -c crm -n $before -l list-cmds -d 'print every group and verb'
complete -c crm -n $before -l version -d 'print the version'

# Groups and verbs, from crm --list-cmds.
complete -c crm -n $before -a '(__crm_groups)' -d group
complete -c crm -n $before -a help -d "show help or a group's manual"
complete -c crm -n $before -a version -d 'print the version'
complete -c crm -n '__fish_seen_subcommand_from help; and test (count (commandline -opc)) -eq 2' \
    -a '(__crm_groups)' -d group
complete -c crm -n __crm_needs_verb -a '(__crm_verbs)' -d verb
complete -c crm -n __crm_bare_group -a '(__crm_bare_options)'

# Options every verb takes after it as well.
set -l after __crm_has_verb
complete -c crm -n "$after; and not __crm_own_format" \
    -l format -x -a 'table csv tsv json ndjson' -d 'output format'
complete -c crm -n $after -l columns -x -a '(__crm_list (__crm_columns))' -d 'print only these columns'
complete -c crm -n $after -l no-header -d 'leave out the header line'
complete -c crm -n $after -l db -r -F -d 'database file'
complete -c crm -n $after -l user -x -a '(__fish_complete_users)' -d 'who is making the changes'
complete -c crm -n $after -l today -x -a 'today tomorrow yesterday' -d 'the date taken as today'
complete -c crm -n $after -s q -l quiet -d 'print no informational messages'
complete -c crm -n $after -s h -l help -d 'show the usage'

# The customer fields, options of customer add and customer edit.
for verb in add edit
    set -l c "__crm_is customer $verb"
    complete -c crm -n $c -l code -x -d 'customer code'
    complete -c crm -n $c -l kind -x -a 'company person' -d 'company or person'
    complete -c crm -n $c -l status -x -a 'lead prospect active inactive lost' -d status
    complete -c crm -n $c -l owner -x -a '(__crm_owners)' -d 'the sales rep who owns it'
    complete -c crm -n $c -l email -x -d 'email address'
    complete -c crm -n $c -l phone -x -d 'phone number'
    complete -c crm -n $c -l website -x -d 'web address'
    complete -c crm -n $c -l street -x -d 'street address'
    complete -c crm -n $c -l city -x -d city
    complete -c crm -n $c -l region -x -d 'region or state'
    complete -c crm -n $c -l postcode -x -d postcode
    complete -c crm -n $c -l country -x -d country
    complete -c crm -n $c -l tax-id -x -d 'VAT number or tax id'
    complete -c crm -n $c -l industry -x -d industry
    complete -c crm -n $c -l source -x -a '(__crm_customer_values source)' \
        -d 'where the customer came from'
    complete -c crm -n $c -l campaign -x -a '(__crm_customer_values campaign)' \
        -d 'the campaign that brought the customer'
    complete -c crm -n $c -l tier -x -a '(__crm_customer_values tier)' -d tier
    complete -c crm -n $c -l credit-limit -x -d 'credit limit'
    complete -c crm -n $c -l terms -x -d 'payment terms in days'
    complete -c crm -n $c -l cadence -x -d 'contact the customer at least every N days'
    complete -c crm -n $c -l note -x -d note
    complete -c crm -n $c -l tag -x -a '(__crm_tags)' -d 'add a tag'
    complete -c crm -n $c -l field -x -d 'extra field KEY=VALUE'
end

# customer add
complete -c crm -n '__crm_is customer add' -l force -d 'add even a likely duplicate'
complete -c crm -n '__crm_is customer add' -l dry-run -d 'check only, write nothing'

# customer list
set -l c '__crm_is customer list'
complete -c crm -n $c -l status -x -a 'lead prospect active inactive lost' -d 'only this status'
complete -c crm -n $c -l owner -x -a '(__crm_owners)' -d "only this rep's customers"
complete -c crm -n $c -l tag -x -a '(__crm_tags)' -d 'only customers with this tag'
complete -c crm -n $c -l city -x -d 'only this city'
complete -c crm -n $c -l country -x -d 'only this country'
complete -c crm -n $c -l tier -x -d 'only this tier'
complete -c crm -n $c -l since -x -a 'today tomorrow yesterday' -d 'created on or after'
complete -c crm -n $c -l sort -x -a '(__crm_sort_columns)' -d 'sort by a column, -COLUMN descending'
complete -c crm -n $c -l limit -x -d 'at most this many'
complete -c crm -n $c -l all -d 'archived customers too'
complete -c crm -n $c -l archived -d 'archived customers only'

# customer show, edit, rm, tag, merge: a customer key first
complete -c crm -n '__crm_is customer show 0' -a '(__crm_customers)' -d customer
complete -c crm -n '__crm_is customer edit 0' -a '(__crm_customers)' -d customer
complete -c crm -n '__crm_is customer edit' -l name -x -d name
complete -c crm -n '__crm_is customer edit' -l untag -x -a '(__crm_tags)' -d 'remove a tag'
complete -c crm -n '__crm_is customer rm 0' -a '(__crm_customers)' -d customer
complete -c crm -n '__crm_is customer rm' -l purge -d 'delete instead of archiving'
complete -c crm -n '__crm_is customer tag 0' -a '(__crm_customers)' -d customer
complete -c crm -n '__crm_is customer tag; and not __crm_is customer tag 0' \
    -a '(__crm_tag_words)' -d 'tag: +TAG adds, -TAG removes'
complete -c crm -n '__crm_is customer merge 0' -a '(__crm_customers)' -d 'customer to keep'
complete -c crm -n '__crm_is customer merge 1' -a '(__crm_customers)' -d 'customer to merge into it'

# customer search
complete -c crm -n '__crm_is customer search' -l limit -x -d 'at most this many, 0 for all'
complete -c crm -n '__crm_is customer search' -l all -d 'archived customers too'

# customer import, export
set -l c '__crm_is customer import'
complete -c crm -n $c -l from -r -F -d 'file to read, - for standard input'
complete -c crm -n $c -l format -x -a 'csv json ndjson' -d 'input format'
complete -c crm -n $c -l update -d 'change customers whose code exists'
complete -c crm -n $c -l dry-run -d 'check only, write nothing'
complete -c crm -n $c -l check-duplicates -d 'refuse likely duplicates as add does'
complete -c crm -n '__crm_is customer export' -l format -x -a 'csv tsv json ndjson' -d 'output format'

# customer reassign
set -l c '__crm_is customer reassign'
complete -c crm -n $c -l from -x -a '(__crm_owners)' -d 'the rep handing over'
complete -c crm -n $c -l to -x -a '(__crm_owners)' -d 'the rep taking over'
complete -c crm -n $c -l status -x -a '(__crm_list lead prospect active inactive lost)' \
    -d 'only these statuses'

# contact add, list, show, edit, rm
for verb in add edit
    set -l c "__crm_is contact $verb"
    complete -c crm -n $c -l title -x -d 'job title'
    complete -c crm -n $c -l email -x -d 'email address'
    complete -c crm -n $c -l phone -x -d 'phone number'
    complete -c crm -n $c -l mobile -x -d 'mobile number'
    complete -c crm -n $c -l im -x -d 'chat handle'
    complete -c crm -n $c -l primary -d 'make this the primary contact'
    complete -c crm -n $c -l no-primary -d 'not the primary contact'
end
complete -c crm -n '__crm_is contact add 0' -a '(__crm_customers)' -d customer
complete -c crm -n '__crm_is contact edit' -l name -x -d name
complete -c crm -n '__crm_is contact list 0' -a '(__crm_customers)' -d customer
complete -c crm -n '__crm_is contact list' -l all -d 'removed contacts too'
complete -c crm -n '__crm_is contact show 0' -a '(__crm_contacts)' -d contact
complete -c crm -n '__crm_is contact edit 0' -a '(__crm_contacts)' -d contact
complete -c crm -n '__crm_is contact rm 0' -a '(__crm_contacts)' -d contact

# history customer, contact, deal, task, activity
complete -c crm -n '__crm_is history customer 0' -a '(__crm_customers)' -d customer
complete -c crm -n '__crm_is history contact 0' -a '(__crm_contacts)' -d contact
complete -c crm -n '__crm_is history deal 0' -a '(__crm_deals all)' -d deal
complete -c crm -n '__crm_is history task 0' -a '(__crm_tasks all)' -d task
complete -c crm -n '__crm_is history activity 0' -a '(__crm_activities)' -d activity

# db init, db check and db migrate take only the options every verb takes;
# db backup a new file.
complete -c crm -n '__crm_is db backup 0' -F -d 'backup file (must not exist)'

# activity log, list, show, edit, rm
set -l types call email im visit meeting note
set -l c '__crm_is activity log'
complete -c crm -n '__crm_is activity log 0' -a '(__crm_customers)' -d customer
complete -c crm -n $c -l type -x -a "$types" -d 'what kind of contact'
complete -c crm -n $c -l summary -x -d 'what it was about'
complete -c crm -n $c -l contact -x -a '(__crm_customer_contacts)' -d 'the contact person'
complete -c crm -n $c -l at -x -a 'today tomorrow yesterday' -d 'when (YYYY-MM-DDTHH:MM or a date)'
complete -c crm -n $c -l minutes -x -d 'how long it took'
complete -c crm -n $c -l outcome -x -d 'what came of it'
complete -c crm -n $c -l deal -x -a '(__crm_deals all)' -d 'the deal it was about'
complete -c crm -n $c -l rep -x -a '(__crm_owners)' -d 'who had the contact'
complete -c crm -n $c -l next -x -a 'today tomorrow' -d 'schedule a follow-up due then'
complete -c crm -n $c -l next-action -x -d 'the title of the follow-up'
set -l c '__crm_is activity list'
complete -c crm -n '__crm_is activity list 0' -a '(__crm_customers)' -d customer
complete -c crm -n $c -l rep -x -a '(__crm_owners)' -d "only this rep's activities"
complete -c crm -n $c -l type -x -a "$types" -d 'only this kind'
complete -c crm -n $c -l from -x -a 'today tomorrow yesterday' -d 'on or after this date'
complete -c crm -n $c -l to -x -a 'today tomorrow yesterday' -d 'on or before this date'
complete -c crm -n $c -l deal -x -a '(__crm_deals all)' -d 'only about this deal'
complete -c crm -n $c -l limit -x -d 'at most this many'
complete -c crm -n '__crm_is activity show 0' -a '(__crm_activities)' -d activity
complete -c crm -n '__crm_is activity rm 0' -a '(__crm_activities)' -d activity
set -l c '__crm_is activity edit'
complete -c crm -n '__crm_is activity edit 0' -a '(__crm_activities)' -d activity
complete -c crm -n $c -l type -x -a "$types" -d 'what kind of contact'
complete -c crm -n $c -l summary -x -d 'what it was about'
complete -c crm -n $c -l outcome -x -d 'what came of it, empty to clear'
complete -c crm -n $c -l minutes -x -d 'how long it took, empty to clear'
complete -c crm -n $c -l at -x -a 'today tomorrow yesterday' -d when
complete -c crm -n $c -l rep -x -a '(__crm_owners)' -d 'who had the contact'

# task add, list, done, edit, rm, reassign
set -l priorities low normal high urgent
for verb in add edit
    set -l c "__crm_is task $verb"
    complete -c crm -n $c -l customer -x -a '(__crm_customers)' -d 'the customer it is for'
    complete -c crm -n $c -l deal -x -a '(__crm_deals all)' -d 'the deal it is for'
    complete -c crm -n $c -l due -x -a 'today tomorrow' -d 'due date'
    complete -c crm -n $c -l at -x -d 'time (HH:MM): an appointment'
    complete -c crm -n $c -l where -x -d place
    complete -c crm -n $c -l assignee -x -a '(__crm_owners)' -d 'who does it'
    complete -c crm -n $c -l priority -x -a "$priorities" -d priority
end
complete -c crm -n '__crm_is task edit 0' -a '(__crm_tasks all)' -d task
complete -c crm -n '__crm_is task edit' -l title -x -d title
complete -c crm -n '__crm_is task edit' -l reopen -d 'make a done task open again'
set -l c '__crm_is task list'
complete -c crm -n $c -l assignee -x -a '(__crm_owners)' -d "only this rep's tasks"
complete -c crm -n $c -l customer -x -a '(__crm_customers)' -d 'only for this customer'
complete -c crm -n $c -l deal -x -a '(__crm_deals all)' -d 'only for this deal'
complete -c crm -n $c -l status -x -a 'open done all' -d 'open, done or all'
complete -c crm -n $c -l overdue -d 'only open tasks due before today'
complete -c crm -n $c -l due-before -x -a 'today tomorrow yesterday' -d 'only tasks due before this date'
complete -c crm -n '__crm_is task done' -a '(__crm_tasks open)' -d task
complete -c crm -n '__crm_is task rm 0' -a '(__crm_tasks all)' -d task
set -l c '__crm_is task reassign'
complete -c crm -n $c -l from -x -a '(__crm_owners)' -d 'the rep handing over'
complete -c crm -n $c -l to -x -a '(__crm_owners)' -d 'the rep taking over'

# agenda and remind: groups that are one command, their options right after
# the group ('' for no verb).
set -l c "__crm_is 'agenda' ''"
complete -c crm -n $c -l rep -x -a '(__crm_owners)' -d 'whose agenda, default the user'
complete -c crm -n $c -l days -x -d 'how many days from today, default 7'
set -l c "__crm_is 'remind' ''"
complete -c crm -n $c -l rep -x -a '(__crm_owners)' -d "only this rep's reminders"
complete -c crm -n $c -l days -x -d 'how many days "soon" covers, default 1'
set -l sections today soon overdue cadence feedback stalled closing ship due late credit \
    visits maintenance rma advance
complete -c crm -n $c -l only -x -a "(__crm_list $sections)" -d 'only these sections'
complete -c crm -n $c -l mbox -d 'write the reminders as mail messages (mbox)'
complete -c crm -n $c -l send -d 'send the reminders by mail'

# lead list, assign, convert, add
set -l c '__crm_is lead list'
complete -c crm -n $c -l rep -x -a '(__crm_owners)' -d "only this rep's leads"
complete -c crm -n $c -l source -x -a '(__crm_customer_values source)' -d 'only from this source'
complete -c crm -n $c -l campaign -x -a '(__crm_customer_values campaign)' \
    -d 'only from this campaign'
complete -c crm -n $c -l overdue-feedback -d 'only leads whose feedback is overdue'
complete -c crm -n $c -l unassigned -d 'only leads without a rep'
set -l c '__crm_is lead assign'
complete -c crm -n '__crm_is lead assign 0' -a '(__crm_leads)' -d lead
complete -c crm -n $c -l to -x -a '(__crm_owners)' -d 'the rep to work the lead'
complete -c crm -n $c -l feedback-days -x -d 'days until feedback is due'
set -l c '__crm_is lead convert'
complete -c crm -n '__crm_is lead convert 0' -a '(__crm_customers)' -d lead
complete -c crm -n $c -l deal -x -d 'open a deal with this title'
complete -c crm -n $c -l amount -x -d "the deal's amount"
complete -c crm -n $c -l stage -x -a '(__crm_stages)' -d "the deal's stage"
complete -c crm -n $c -l close -x -a 'today tomorrow' -d "the deal's expected close"
set -l c '__crm_is lead add'
complete -c crm -n $c -l source -x -a '(__crm_customer_values source)' -d 'where the lead came from'
complete -c crm -n $c -l campaign -x -a '(__crm_customer_values campaign)' \
    -d 'the campaign that brought it'
complete -c crm -n $c -l email -x -d 'email address'
complete -c crm -n $c -l phone -x -d 'phone number'
complete -c crm -n $c -l owner -x -a '(__crm_owners)' -d 'the rep who works it'
complete -c crm -n $c -l force -d 'add even a likely duplicate'

# deal add, list, show, edit, move, won, lost, reopen, stages, pipeline,
# forecast, funnel, stalled
for verb in add edit
    set -l c "__crm_is deal $verb"
    complete -c crm -n $c -l amount -x -d amount
    complete -c crm -n $c -l probability -x -d "win probability (%), default the stage's"
    complete -c crm -n $c -l close -x -a 'today tomorrow' -d 'expected close date'
    complete -c crm -n $c -l owner -x -a '(__crm_owners)' -d 'the sales rep'
    complete -c crm -n $c -l source -x -a '(__crm_customer_values source)' \
        -d 'where the deal came from'
end
complete -c crm -n '__crm_is deal add 0' -a '(__crm_customers)' -d customer
complete -c crm -n '__crm_is deal add' -l stage -x -a '(__crm_stages)' -d 'stage, default the first'
complete -c crm -n '__crm_is deal edit 0' -a '(__crm_deals all)' -d deal
complete -c crm -n '__crm_is deal edit' -l title -x -d title
set -l c '__crm_is deal list'
complete -c crm -n $c -l customer -x -a '(__crm_customers)' -d "only this customer's deals"
complete -c crm -n $c -l owner -x -a '(__crm_owners)' -d "only this rep's deals"
complete -c crm -n $c -l stage -x -a '(__crm_stages)' -d 'only deals in this stage'
complete -c crm -n $c -l status -x -a 'open won lost all' -d 'open, won, lost or all'
complete -c crm -n '__crm_is deal show 0' -a '(__crm_deals all)' -d deal
complete -c crm -n '__crm_is deal move 0' -a '(__crm_deals open)' -d deal
complete -c crm -n '__crm_is deal move 1' -a '(__crm_stages)' -d stage
complete -c crm -n '__crm_is deal won 0' -a '(__crm_deals open)' -d deal
complete -c crm -n '__crm_is deal lost 0' -a '(__crm_deals open)' -d deal
complete -c crm -n '__crm_is deal lost' -l reason -x -d 'why it was lost'
complete -c crm -n '__crm_is deal reopen 0' -a '(__crm_deals all)' -d deal
complete -c crm -n '__crm_is deal reopen 1' -a '(__crm_stages)' -d stage
# deal stages takes only the options every verb takes.
complete -c crm -n '__crm_is deal pipeline' -l owner -x -a '(__crm_owners)' -d "only this rep's deals"
complete -c crm -n '__crm_is deal stalled' -l owner -x -a '(__crm_owners)' -d "only this rep's deals"
set -l c '__crm_is deal forecast'
complete -c crm -n $c -l by -x -a 'month quarter' -d period
complete -c crm -n $c -l owner -x -a '(__crm_owners)' -d "only this rep's deals"
complete -c crm -n $c -l from -x -a 'today tomorrow yesterday' -d 'first day of the periods'
complete -c crm -n $c -l to -x -a 'today tomorrow yesterday' -d 'last day of the periods'
set -l c '__crm_is deal funnel'
complete -c crm -n $c -l by -x -a rep -d 'one funnel per rep'
complete -c crm -n $c -l from -x -a 'today tomorrow yesterday' -d 'first day'
complete -c crm -n $c -l to -x -a 'today tomorrow yesterday' -d 'last day'

# report activity
set -l c '__crm_is report activity'
complete -c crm -n $c -l by -x -a 'rep type customer' -d 'group by'
complete -c crm -n $c -l rep -x -a '(__crm_owners)' -d 'only this rep'
complete -c crm -n $c -l from -x -a 'today tomorrow yesterday' -d 'first day, default 30 days ago'
complete -c crm -n $c -l to -x -a 'today tomorrow yesterday' -d 'last day, default today'
complete -c crm -n $c -l sinks -d 'customers that take much time and bring little'
complete -c crm -n $c -l share -x -d 'the share of time that counts as much (%)'

# report commission
set -l c '__crm_is report commission'
complete -c crm -n $c -l month -x -d 'the month (YYYY-MM), default this one'
complete -c crm -n $c -l basis -x -a 'invoiced paid' -d 'what the commission is on'
complete -c crm -n $c -l rep -x -a '(__crm_owners)' -d 'only this rep'
complete -c crm -n $c -l total -d 'end with a total row'
complete -c crm -n $c -l no-total -d 'no total row'

# config get, set, unset, list; config keys takes only the options every
# verb takes.
complete -c crm -n '__crm_is config get 0' -a '(__crm_config_keys)' -d setting
complete -c crm -n '__crm_is config set 0' -a '(__crm_config_keys)' -d setting
complete -c crm -n '__crm_is config unset 0' -a '(__crm_config_keys)' -d setting
complete -c crm -n '__crm_is config list 0' -a '(__crm_config_keys)' -d 'key prefix'

# product add, list, show, edit, archive, import, export, prices
for verb in add edit
    set -l c "__crm_is product $verb"
    complete -c crm -n $c -l price -x -d 'price per unit'
    complete -c crm -n $c -l cost -x -d 'cost per unit'
    complete -c crm -n $c -l unit -x -d 'unit, default pcs'
    complete -c crm -n $c -l tax-rate -x -d 'tax rate (%)'
    complete -c crm -n $c -l note -x -d note
    complete -c crm -n $c -l warranty -x -d 'warranty in months, empty for none'
end
set -l c '__crm_is product list'
complete -c crm -n $c -l all -d 'archived products too'
complete -c crm -n $c -l archived -d 'archived products only'
complete -c crm -n $c -l search -x -d 'only SKUs or names containing this'
complete -c crm -n '__crm_is product show 0' -a '(__crm_products)' -d product
complete -c crm -n '__crm_is product edit 0' -a '(__crm_products)' -d product
complete -c crm -n '__crm_is product edit' -l sku -x -d 'new SKU'
complete -c crm -n '__crm_is product edit' -l name -x -d name
complete -c crm -n '__crm_is product archive 0' -a '(__crm_products)' -d product
complete -c crm -n '__crm_is product archive' -l undo -d 'bring an archived product back'
set -l c '__crm_is product import'
complete -c crm -n $c -l from -r -F -d 'file to read, - for standard input'
complete -c crm -n $c -l format -x -a 'csv json ndjson' -d 'input format'
complete -c crm -n $c -l update -d 'change products whose SKU exists'
complete -c crm -n $c -l dry-run -d 'check only, write nothing'
complete -c crm -n '__crm_is product export' -l format -x -a 'csv tsv json ndjson' -d 'output format'
set -l c '__crm_is product prices'
complete -c crm -n '__crm_is product prices 0' -a '(__crm_products)' -d product
complete -c crm -n $c -l customer -x -a '(__crm_customers)' -d "only this customer's prices"
complete -c crm -n $c -l limit -x -d 'at most this many'

# quote line, order line and invoice line: their verb first (add, edit, rm),
# then the document and that verb's options
for group in quote order invoice
    complete -c crm -n "__crm_is $group line 0" -a 'add edit rm' -d "$group line verb"
    for verb in add edit
        set -l c "__crm_line_is $group $verb"
        complete -c crm -n $c -l qty -x -d quantity
        complete -c crm -n $c -l price -x -d 'price per unit'
        complete -c crm -n $c -l discount -x -d 'discount (%)'
        complete -c crm -n $c -l tax-rate -x -d 'tax rate (%)'
        complete -c crm -n $c -l description -x -d description
    end
    complete -c crm -n "__crm_line_is $group add" -l product -x -a '(__crm_products)' \
        -d 'the product'
    complete -c crm -n "__crm_line_is $group add" -l text -x -d 'a line of text, no product'
end
complete -c crm -n '__crm_is quote line 1' -a '(__crm_quotes)' -d quote
complete -c crm -n '__crm_is order line 1' -a '(__crm_orders)' -d order
complete -c crm -n '__crm_is invoice line 1' -a '(__crm_invoices)' -d invoice

# quote new, list, show, send, accept, reject, convert, print
set -l c '__crm_is quote new'
complete -c crm -n '__crm_is quote new 0' -a '(__crm_customers)' -d customer
complete -c crm -n $c -l valid-until -x -a 'today tomorrow' \
    -d 'valid until, default today plus quote.valid_days'
complete -c crm -n $c -l from -x -a '(__crm_quotes)' -d 'copy the lines of this quote'
complete -c crm -n $c -l note -x -d note
set -l c '__crm_is quote list'
complete -c crm -n $c -l customer -x -a '(__crm_customers)' -d "only this customer's quotes"
complete -c crm -n $c -l status -x -a 'draft sent accepted rejected expired open all' \
    -d 'only this status'
complete -c crm -n '__crm_is quote show 0' -a '(__crm_quotes)' -d quote
complete -c crm -n '__crm_is quote send 0' -a '(__crm_quotes)' -d quote
complete -c crm -n '__crm_is quote accept 0' -a '(__crm_quotes)' -d quote
complete -c crm -n '__crm_is quote reject 0' -a '(__crm_quotes)' -d quote
complete -c crm -n '__crm_is quote convert 0' -a '(__crm_quotes)' -d quote
complete -c crm -n '__crm_is quote print 0' -a '(__crm_quotes)' -d quote
complete -c crm -n '__crm_is quote convert' -l promised -x -a 'today tomorrow' \
    -d "the order's promised date"

# quote print, delivery print and invoice print: --format is what they print
for c in '__crm_is quote print' '__crm_is delivery print' '__crm_is invoice print'
    complete -c crm -n $c -l format -x -a 'text html pdf' -d 'what to print'
    complete -c crm -n $c -l template -r -F -d 'template file'
    complete -c crm -n $c -l output -r -F -d 'file to write, default standard output'
end

# order new, confirm, cancel, list, show
complete -c crm -n '__crm_is order new 0' -a '(__crm_customers)' -d customer
complete -c crm -n '__crm_is order new' -l promised -x -a 'today tomorrow' \
    -d 'promised delivery date'
complete -c crm -n '__crm_is order new' -l note -x -d note
complete -c crm -n '__crm_is order confirm 0' -a '(__crm_orders)' -d order
complete -c crm -n '__crm_is order confirm' -l force -d 'confirm even past the credit limit'
complete -c crm -n '__crm_is order cancel 0' -a '(__crm_orders)' -d order
complete -c crm -n '__crm_is order cancel' -l reason -x -d 'why, added to the note'
set -l c '__crm_is order list'
complete -c crm -n $c -l customer -x -a '(__crm_customers)' -d "only this customer's orders"
complete -c crm -n $c -l status -x -a 'draft open partial shipped cancelled all' \
    -d 'only this status'
complete -c crm -n '__crm_is order show 0' -a '(__crm_orders)' -d order

# delivery new, list, show, print
set -l c '__crm_is delivery new'
complete -c crm -n '__crm_is delivery new 0' -a '(__crm_orders)' -d order
complete -c crm -n $c -l line -x -d 'ship only QTY of line POS (POS=QTY)'
complete -c crm -n $c -l date -x -a 'today tomorrow yesterday' -d 'date shipped, default today'
complete -c crm -n $c -l tracking -x -d 'tracking number'
complete -c crm -n $c -l note -x -d note
set -l c '__crm_is delivery list'
complete -c crm -n $c -l order -x -a '(__crm_orders)' -d "only this order's deliveries"
complete -c crm -n $c -l customer -x -a '(__crm_customers)' -d "only this customer's deliveries"
complete -c crm -n '__crm_is delivery show 0' -a '(__crm_deliveries)' -d delivery
complete -c crm -n '__crm_is delivery print 0' -a '(__crm_deliveries)' -d delivery

# invoice new, issue, void, rm, credit, list, show, print, import
set -l c '__crm_is invoice new'
complete -c crm -n '__crm_is invoice new 0' -a '(__crm_customers)' -d customer
complete -c crm -n $c -l order -x -a '(__crm_orders)' -d 'invoice what the order shipped'
complete -c crm -n $c -l delivery -x -a '(__crm_deliveries)' \
    -d 'invoice what the delivery shipped'
complete -c crm -n $c -l note -x -d note
set -l c '__crm_is invoice issue'
complete -c crm -n '__crm_is invoice issue 0' -a '(__crm_invoices)' -d invoice
complete -c crm -n $c -l date -x -a 'today tomorrow yesterday' -d 'date issued, default today'
complete -c crm -n $c -l force -d 'issue even past the credit limit'
complete -c crm -n '__crm_is invoice void 0' -a '(__crm_invoices)' -d invoice
complete -c crm -n '__crm_is invoice void' -l reason -x -d 'why, added to the note'
complete -c crm -n '__crm_is invoice rm 0' -a '(__crm_invoices)' -d invoice
set -l c '__crm_is invoice credit'
complete -c crm -n '__crm_is invoice credit 0' -a '(__crm_invoices)' -d invoice
complete -c crm -n $c -l line -x -d 'credit only QTY of line POS (POS=QTY)'
complete -c crm -n $c -l reason -x -d 'why, added to the note'
set -l c '__crm_is invoice list'
complete -c crm -n $c -l customer -x -a '(__crm_customers)' -d "only this customer's invoices"
complete -c crm -n $c -l status -x -a 'draft issued partly-paid paid overdue open void all' \
    -d 'only this status'
complete -c crm -n $c -l kind -x -a 'invoice credit all' -d 'invoices, credit notes or all'
complete -c crm -n '__crm_is invoice show 0' -a '(__crm_invoices)' -d invoice
complete -c crm -n '__crm_is invoice print 0' -a '(__crm_invoices)' -d invoice
set -l c '__crm_is invoice import'
complete -c crm -n $c -l from -r -F -d 'file to read, - for standard input'
complete -c crm -n $c -l format -x -a 'csv json ndjson' -d 'input format'
complete -c crm -n $c -l dry-run -d 'check only, write nothing'

# ar receipt (and its 'import'), apply, reverse, writeoff, refund, receipts,
# open, aging, statement, dunning (and its 'history'), credit, concentration
set -l methods cash transfer card cheque other
complete -c crm -n '__crm_is ar receipt 0' -a import -d 'import receipts from a bank statement'
complete -c crm -n '__crm_is ar receipt 0' -a '(__crm_customers)' -d customer
set -l c '__crm_is ar receipt; and not __crm_sub_is ar receipt import'
complete -c crm -n $c -l date -x -a 'today tomorrow yesterday' -d 'date received, default today'
complete -c crm -n $c -l method -x -a "$methods" -d 'how it was paid'
complete -c crm -n $c -l ref -x -d reference
complete -c crm -n $c -l clerk -x -a '(__crm_clerks)' -d 'who took it'
complete -c crm -n $c -l note -x -d note
complete -c crm -n $c -l apply -x -a '(__crm_pay)' -d 'settle INVOICE with AMOUNT'
complete -c crm -n $c -l unapplied -d 'settle nothing, keep it all as credit'
set -l c '__crm_sub_is ar receipt import'
complete -c crm -n $c -l from -r -F -d 'file to read, - for standard input'
complete -c crm -n $c -l format -x -a 'csv json ndjson' -d 'input format'
complete -c crm -n $c -l dry-run -d 'check only, write nothing'
complete -c crm -n $c -l skip-unmatched -d 'import the rows that match, list the others'
complete -c crm -n '__crm_is ar apply 0' -a '(__crm_customers)' -d customer
complete -c crm -n '__crm_is ar apply; and not __crm_is ar apply 0' -a '(__crm_pay)' \
    -d 'settle INVOICE with AMOUNT'
complete -c crm -n '__crm_is ar apply' -l date -x -a 'today tomorrow yesterday' \
    -d 'date applied, default today'
set -l c '__crm_is ar reverse'
complete -c crm -n '__crm_is ar reverse 0' -a '(__crm_receipts)' -d 'receipt or refund'
complete -c crm -n $c -l reason -x -d 'why (a bounced cheque ...)'
complete -c crm -n $c -l date -x -a 'today tomorrow yesterday' -d 'date reversed, default today'
set -l c '__crm_is ar writeoff'
complete -c crm -n '__crm_is ar writeoff 0' -a '(__crm_open_invoices)' -d 'open invoice'
complete -c crm -n $c -l reason -x -d why
complete -c crm -n $c -l date -x -a 'today tomorrow yesterday' -d 'date written off, default today'
complete -c crm -n $c -l force -d 'write off more than ar.writeoff_limit'
set -l c '__crm_is ar refund'
complete -c crm -n '__crm_is ar refund 0' -a '(__crm_customers)' -d customer
complete -c crm -n $c -l date -x -a 'today tomorrow yesterday' -d 'date paid back, default today'
complete -c crm -n $c -l method -x -a "$methods" -d 'how it was paid back'
complete -c crm -n $c -l ref -x -d reference
complete -c crm -n $c -l clerk -x -a '(__crm_clerks)' -d 'who paid it'
complete -c crm -n $c -l note -x -d note
set -l c '__crm_is ar receipts'
complete -c crm -n $c -l customer -x -a '(__crm_customers)' -d "only this customer's"
complete -c crm -n $c -l from -x -a 'today tomorrow yesterday' -d 'first day'
complete -c crm -n $c -l to -x -a 'today tomorrow yesterday' -d 'last day'
complete -c crm -n $c -l method -x -a "$methods" -d 'only those paid so'
complete -c crm -n $c -l clerk -x -a '(__crm_clerks)' -d 'only those of this clerk'
complete -c crm -n $c -l kind -x -a 'receipt refund all' -d 'receipts, refunds or all'
complete -c crm -n $c -l by -x -a 'method clerk year month' -d 'totals by'
set -l c '__crm_is ar open'
complete -c crm -n '__crm_is ar open 0' -a '(__crm_customers)' -d customer
complete -c crm -n $c -l as-of -x -a 'today tomorrow yesterday' -d 'the day, default today'
complete -c crm -n $c -l total -d 'end with a total row'
complete -c crm -n $c -l no-total -d 'no total row'
set -l c '__crm_is ar aging'
complete -c crm -n $c -l as-of -x -a 'today tomorrow yesterday' -d 'the day, default today'
complete -c crm -n $c -l by -x -a 'due issue' -d 'days overdue counted from'
complete -c crm -n $c -l buckets -x -d 'upper edges of the buckets in days (30,60,90,180)'
complete -c crm -n $c -l customer -x -a '(__crm_customers)' -d 'only this customer'
complete -c crm -n $c -l rep -x -a '(__crm_owners)' -d "only this rep's customers"
complete -c crm -n $c -l detail -d 'the open invoices and credits one by one'
complete -c crm -n $c -l min -x -d 'only balances of at least this much'
complete -c crm -n $c -l chart -d 'draw the bucket totals as bars'
complete -c crm -n $c -l total -d 'end with a total row'
complete -c crm -n $c -l no-total -d 'no total row'
complete -c crm -n $c -l sql -d 'print the query'
# ar statement: with --print, --format is what it prints
set -l c '__crm_is ar statement'
complete -c crm -n '__crm_is ar statement 0' -a '(__crm_customers)' -d customer
complete -c crm -n $c -l from -x -a 'today tomorrow yesterday' \
    -d 'first day, default the first of this month'
complete -c crm -n $c -l to -x -a 'today tomorrow yesterday' -d 'last day, default today'
complete -c crm -n $c -l print -d 'render it with the statement template'
complete -c crm -n "$c; and __crm_own_format" -l format -x -a 'text html pdf' -d 'what to print'
complete -c crm -n $c -l template -r -F -d 'template file'
complete -c crm -n $c -l output -r -F -d 'file to write, default standard output'
set -l c '__crm_is ar dunning; and not __crm_sub_is ar dunning history'
complete -c crm -n '__crm_is ar dunning 0' -a history -d 'the letters recorded'
complete -c crm -n $c -l as-of -x -a 'today tomorrow yesterday' -d 'the day, default today'
complete -c crm -n $c -l dry-run -d 'record and send nothing'
complete -c crm -n $c -l mbox -d 'write the letters as mail (mboxrd)'
complete -c crm -n $c -l dir -x -a '(__fish_complete_directories)' -d 'write one file per letter there'
complete -c crm -n $c -l send -d 'send the letters by mail'
complete -c crm -n $c -l to -x -d 'send every letter to this address instead'
complete -c crm -n $c -l customer -x -a '(__crm_customers)' -d 'only this customer'
complete -c crm -n '__crm_sub_is ar dunning history; and __crm_is ar dunning 1' \
    -a '(__crm_customers)' -d customer
# ar credit takes only the options every verb takes.
set -l c '__crm_is ar concentration'
complete -c crm -n $c -l top -x -d 'the first N, the rest summed as others'
complete -c crm -n $c -l as-of -x -a 'today tomorrow yesterday' -d 'the day, default today'
complete -c crm -n $c -l total -d 'end with a total row'
complete -c crm -n $c -l no-total -d 'no total row'

# case open, reply, note, assign, wait, resume, resolve, close, reopen, list,
# show, stats: the cases in a state the verb can move on
set -l c '__crm_is case open'
complete -c crm -n '__crm_is case open 0' -a '(__crm_customers)' -d customer
complete -c crm -n $c -l contact -x -a '(__crm_customer_contacts)' -d 'the contact person'
complete -c crm -n $c -l product -x -a '(__crm_products)' -d 'the product it is about'
complete -c crm -n $c -l channel -x -a 'phone email web visit chat' -d 'how it came in'
complete -c crm -n $c -l priority -x -a "$priorities" -d priority
complete -c crm -n $c -l assignee -x -a '(__crm_case_assignees)' -d 'who works it'
complete -c crm -n '__crm_is case reply 0' -a '(__crm_cases)' -d case
complete -c crm -n '__crm_is case note 0' -a '(__crm_cases)' -d case
complete -c crm -n '__crm_is case assign 0' -a '(__crm_cases open waiting resolved)' -d case
complete -c crm -n '__crm_is case assign 1' -a '(__crm_case_assignees)' -d assignee
complete -c crm -n '__crm_is case wait 0' -a '(__crm_cases open)' -d case
complete -c crm -n '__crm_is case resume 0' -a '(__crm_cases waiting)' -d case
complete -c crm -n '__crm_is case resolve 0' -a '(__crm_cases open waiting)' -d case
complete -c crm -n '__crm_is case close 0' -a '(__crm_cases resolved)' -d case
complete -c crm -n '__crm_is case reopen 0' -a '(__crm_cases resolved closed)' -d case
set -l c '__crm_is case list'
complete -c crm -n $c -l status -x -a 'open waiting resolved closed all' \
    -d 'only this status, default open and waiting'
complete -c crm -n $c -l assignee -x -a '(__crm_case_assignees)' -d "only this assignee's cases"
complete -c crm -n $c -l customer -x -a '(__crm_customers)' -d "only this customer's cases"
complete -c crm -n $c -l priority -x -a "$priorities" -d 'only this priority'
complete -c crm -n $c -l breached -d 'only those that missed a service-level target'
complete -c crm -n '__crm_is case show 0' -a '(__crm_cases)' -d case
set -l c '__crm_is case stats'
complete -c crm -n $c -l from -x -a 'today tomorrow yesterday' -d 'first day'
complete -c crm -n $c -l to -x -a 'today tomorrow yesterday' -d 'last day'
complete -c crm -n $c -l by -x -a 'channel assignee priority product' -d 'group by'

# rma open, receive, diagnose, repair, repaired, vendor-ship, vendor-return,
# ship, confirm, close, reject, cancel, status, list, show, stats: the RMAs
# in a state the verb can move on (receive: also shipped or confirmed, ship:
# also opened, close: also received, diagnosed or repaired, for an advance
# replacement)
set -l c '__crm_is rma open'
complete -c crm -n '__crm_is rma open 0' -a '(__crm_customers)' -d customer
complete -c crm -n $c -l product -x -a '(__crm_products)' -d 'the product'
complete -c crm -n $c -l serial -x -d 'serial number'
complete -c crm -n $c -l purchased -x -a 'today tomorrow yesterday' -d 'date of purchase'
complete -c crm -n $c -l invoice -x -a '(__crm_customer_invoices)' -d 'the invoice it was bought on'
complete -c crm -n $c -l fault -x -d 'what is wrong'
complete -c crm -n $c -l advance-replacement -d 'ship a replacement before the unit is back'
complete -c crm -n $c -l chargeable -d 'out of warranty: the repair is charged'
complete -c crm -n $c -l quote -x -a '(__crm_quotes)' -d 'out of warranty: the quote for the repair'
complete -c crm -n $c -l case -x -a '(__crm_cases)' -d 'the service case'
complete -c crm -n '__crm_is rma receive 0' -a '(__crm_rmas opened shipped confirmed)' -d RMA
complete -c crm -n '__crm_is rma receive' -l condition -x -d 'the condition it arrived in'
complete -c crm -n '__crm_is rma diagnose 0' -a '(__crm_rmas received)' -d RMA
complete -c crm -n '__crm_is rma diagnose' -l finding -x -d 'what was found'
complete -c crm -n '__crm_is rma repair 0' -a '(__crm_rmas diagnosed)' -d RMA
complete -c crm -n '__crm_is rma repair' -l vendor -x -d 'repaired at this vendor'
complete -c crm -n '__crm_is rma repaired 0' -a '(__crm_rmas repairing)' -d RMA
complete -c crm -n '__crm_is rma vendor-ship 0' -a '(__crm_rmas repairing)' -d RMA
complete -c crm -n '__crm_is rma vendor-return 0' -a '(__crm_rmas at_vendor)' -d RMA
complete -c crm -n '__crm_is rma ship 0' -a '(__crm_rmas opened diagnosed repaired)' -d RMA
complete -c crm -n '__crm_is rma confirm 0' -a '(__crm_rmas shipped)' -d RMA
complete -c crm -n '__crm_is rma close 0' -a '(__crm_rmas confirmed received diagnosed repaired)' \
    -d RMA
complete -c crm -n '__crm_is rma reject 0' -a '(__crm_rmas open)' -d RMA
complete -c crm -n '__crm_is rma cancel 0' -a '(__crm_rmas open)' -d RMA
for verb in repair repaired vendor-return confirm close
    complete -c crm -n "__crm_is rma $verb" -l note -x -d note
end
for verb in vendor-ship ship
    complete -c crm -n "__crm_is rma $verb" -l tracking -x -d 'tracking number'
end
for verb in reject cancel
    complete -c crm -n "__crm_is rma $verb" -l reason -x -d why
end
complete -c crm -n '__crm_is rma status 0' -a '(__crm_rmas all)' -d RMA
complete -c crm -n '__crm_is rma show 0' -a '(__crm_rmas all)' -d RMA
set -l c '__crm_is rma list'
set -l states open all opened received diagnosed repairing at_vendor repaired shipped \
    confirmed closed rejected cancelled
complete -c crm -n $c -l state -x -a "$states" -d 'only this state, default the open ones'
complete -c crm -n $c -l customer -x -a '(__crm_customers)' -d "only this customer's RMAs"
set -l c '__crm_is rma stats'
complete -c crm -n $c -l from -x -a 'today tomorrow yesterday' -d 'opened on or after'
complete -c crm -n $c -l to -x -a 'today tomorrow yesterday' -d 'opened on or before'

# visit schedule, done, cancel, list, show, plan, plans, plan-stop, due
set -l c '__crm_is visit schedule'
complete -c crm -n '__crm_is visit schedule 0' -a '(__crm_customers)' -d customer
complete -c crm -n $c -l tech -x -a '(__crm_techs)' -d 'the technician'
complete -c crm -n $c -l on -x -a 'today tomorrow' -d 'the day'
complete -c crm -n $c -l at -x -d 'time (HH:MM)'
complete -c crm -n $c -l case -x -a '(__crm_cases)' -d 'the service case'
complete -c crm -n $c -l rma -x -a '(__crm_rmas open)' -d 'the RMA'
complete -c crm -n $c -l plan -x -a '(__crm_plans (__crm_parse)[6])' \
    -d "the maintenance plan's next visit"
complete -c crm -n $c -l task -x -d 'what to do'
set -l c '__crm_is visit done'
complete -c crm -n '__crm_is visit done 0' -a '(__crm_visits scheduled)' -d visit
complete -c crm -n $c -l report -x -d 'what was done'
complete -c crm -n $c -l minutes -x -d 'the minutes spent'
complete -c crm -n $c -l parts -x -d 'the parts used'
complete -c crm -n '__crm_is visit cancel 0' -a '(__crm_visits scheduled)' -d visit
complete -c crm -n '__crm_is visit cancel' -l reason -x -d why
set -l c '__crm_is visit list'
complete -c crm -n $c -l tech -x -a '(__crm_techs)' -d "only this technician's visits"
complete -c crm -n $c -l customer -x -a '(__crm_customers)' -d "only this customer's visits"
complete -c crm -n $c -l from -x -a 'today tomorrow yesterday' -d 'first day'
complete -c crm -n $c -l to -x -a 'today tomorrow yesterday' -d 'last day'
complete -c crm -n $c -l status -x -a 'scheduled done cancelled all' -d 'only this status'
complete -c crm -n '__crm_is visit show 0' -a '(__crm_visits all)' -d visit
set -l c '__crm_is visit plan'
complete -c crm -n '__crm_is visit plan 0' -a '(__crm_customers)' -d customer
complete -c crm -n $c -l every -x -a '1m 3m 6m 1y 2y' -d 'the period (6m: six months, 1y: a year)'
complete -c crm -n $c -l from -x -a 'today tomorrow' -d 'the first visit due, default today'
complete -c crm -n $c -l tech -x -a '(__crm_techs)' -d 'the technician'
complete -c crm -n $c -l task -x -d 'what to do'
set -l c '__crm_is visit plans'
complete -c crm -n $c -l customer -x -a '(__crm_customers)' -d "only this customer's plans"
complete -c crm -n $c -l all -d 'the stopped plans too'
complete -c crm -n '__crm_is visit plan-stop 0' -a '(__crm_plans)' -d 'maintenance plan'
complete -c crm -n '__crm_is visit due' -l days -x -d 'how many days ahead, default 7'

# survey send, record, list, stats
set -l c '__crm_is survey send'
complete -c crm -n $c -l case -x -a '(__crm_cases)' -d 'about this case'
complete -c crm -n $c -l rma -x -a '(__crm_rmas all)' -d 'about this RMA'
complete -c crm -n $c -l customer -x -a '(__crm_customers)' -d 'to this customer'
complete -c crm -n $c -l email -x -d 'send it to this address'
complete -c crm -n $c -l mbox -d 'write the request as a mail (mboxrd)'
set -l c '__crm_is survey record'
complete -c crm -n '__crm_is survey record 0' -a '(__crm_surveys sent)' -d survey
complete -c crm -n $c -l csat -x -a '1 2 3 4 5' -d 'satisfaction, 1 to 5'
complete -c crm -n $c -l nps -x -a '0 1 2 3 4 5 6 7 8 9 10' -d 'would recommend, 0 to 10'
complete -c crm -n $c -l comment -x -d 'what the customer said'
set -l c '__crm_is survey list'
complete -c crm -n $c -l customer -x -a '(__crm_customers)' -d "only this customer's surveys"
complete -c crm -n $c -l status -x -a 'sent answered all' -d 'only this status'
set -l c '__crm_is survey stats'
complete -c crm -n $c -l from -x -a 'today tomorrow yesterday' -d 'first day'
complete -c crm -n $c -l to -x -a 'today tomorrow yesterday' -d 'last day'
complete -c crm -n $c -l by -x -a 'month product assignee' -d 'group by'
