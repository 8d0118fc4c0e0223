# fish completion for crm(1), the customer-relationship toolkit.
#
# Groups and verbs come from `crm --list-cmds` each time, so they follow the
# binary; each verb's options are listed below (tests/cli/t_docs.sh checks
# that every verb has an entry).  Customer codes, contact ids, tags and reps
# are read from the database the command line names (--db, CRM_DB or the
# default), and only when that database exists: completing never creates one.

function __crm_takes_value -a opt
    contains -- $opt --db --format --columns --user --today --code --name --kind \
        --status --owner --email --phone --website --street --city --region \
        --postcode --country --tax-id --industry --source --tier --credit-limit \
        --terms --note --tag --untag --field --since --sort --limit --from --to \
        --title --mobile --im
end

# Prints the command line's group, verb, database and the number of
# arguments after the verb, one a line ("" for what is not there yet).
function __crm_parse
    set -l words (commandline -opc)
    set -l group ''
    set -l verb ''
    set -l db ''
    set -l npos 0
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
            end
        else if test -z "$verb"
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
                    set npos (math $npos + 1)
            end
        end
        set i (math $i + 1)
    end
    printf '%s\n' "$group" "$verb" "$db" $npos
end

function __crm_needs_group
    set -l p (__crm_parse)
    test -z "$p[1]"
end

function __crm_needs_verb
    set -l p (__crm_parse)
    test -n "$p[1]" -a -z "$p[2]" -a "$p[1]" != help
end

# __crm_is GROUP VERB [N]: completing after GROUP VERB (argument N, from 0).
function __crm_is -a group verb n
    set -l p (__crm_parse)
    test "$p[1]" = $group -a "$p[2]" = $verb
    or return 1
    test -z "$n"; or test "$p[4]" = $n
end

# After any verb but "customer tag", which reads every word as a tag.
function __crm_has_verb
    set -l p (__crm_parse)
    test -n "$p[2]" -a "$p[1] $p[2]" != 'customer tag' -a "$p[1]" != help
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

function __crm_contacts
    __crm_query contact list --format tsv --no-header --columns id
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
        tags archived created updated
    switch "$p[1] $p[2]"
        case 'customer export'
            printf '%s\n' $customer[2..-1]
        case 'customer show'
            printf '%s\n' $customer field contacts
        case 'customer *'
            printf '%s\n' $customer
        case 'contact *'
            printf '%s\n' id customer name title email phone mobile im primary archived \
                created updated
        case 'history *'
            printf '%s\n' at user action entity id field old new
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

# Options every verb takes after it as well.
set -l after __crm_has_verb
complete -c crm -n "$after; and not __crm_is customer import; and not __crm_is customer export" \
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
    complete -c crm -n $c -l source -x -d 'where the customer came from'
    complete -c crm -n $c -l tier -x -d tier
    complete -c crm -n $c -l credit-limit -x -d 'credit limit'
    complete -c crm -n $c -l terms -x -d 'payment terms in days'
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
complete -c crm -n $c -l since -x -a 'today yesterday' -d 'created on or after'
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

# history customer, contact
complete -c crm -n '__crm_is history customer 0' -a '(__crm_customers)' -d customer
complete -c crm -n '__crm_is history contact 0' -a '(__crm_contacts)' -d contact

# db init, db check and db migrate take only the options every verb takes;
# db backup a new file.
complete -c crm -n '__crm_is db backup 0' -F -d 'backup file (must not exist)'
