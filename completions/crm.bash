# bash completion for crm(1), the customer-relationship toolkit.
#
# Groups and verbs come from `crm --list-cmds` each time, so they follow the
# binary; each verb's options are listed below (tests/cli/t_docs.sh checks
# that every verb has an entry).  Customer codes, contact ids, tags and reps
# are read from the database the command line names (--db, CRM_DB or the
# default), and only when that database exists: completing never creates one.
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
		--tier | --credit-limit | --terms | --note | --tag | --untag | --field | \
		--since | --sort | --limit | --from | --to | --title | --mobile | --im)
		return 0 ;;
	esac
	return 1
}

# Options every verb accepts after it, as well as before the group.
_crm_common_opts='--format --columns --no-header --db --user --today -q --quiet -h --help'

_crm_customer_fields='--code --kind --status --owner --email --phone --website
	--street --city --region --postcode --country --tax-id --industry --source
	--tier --credit-limit --terms --note'

# _crm_verb_opts GROUP VERB: the verb's own options.
_crm_verb_opts()
{
	case "$1 $2" in
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
	'history customer') ;;
	'history contact') ;;
	'db init' | 'db check' | 'db backup' | 'db migrate') ;;
	esac
}

# _crm_columns GROUP VERB: the column names --columns and --sort accept.
_crm_columns()
{
	local customer='id code name kind status owner email phone website street
		city region postcode country tax_id industry source tier credit_limit
		terms note tags archived created updated'
	case "$1 $2" in
	'customer export') echo "${customer#id }" ;;
	'customer show') echo "$customer field contacts" ;;
	customer\ *) echo "$customer" ;;
	contact\ *)
		echo id customer name title email phone mobile im primary archived \
			created updated ;;
	history\ *) echo at user action entity id field old new ;;
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
_crm_contact_keys() { _crm_query contact list --format tsv --no-header --columns id; }
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
# last item.
_crm_add_list()
{
	local IFS=$' \t\n' head=
	[[ $cur == *,* ]] && head=${cur%,*},
	COMPREPLY+=($(compgen -P "$_crm_prefix$head" -W "$*" -- "${cur##*,}"))
	compopt -o nospace 2>/dev/null
}

_crm_files()
{
	local IFS=$'\n'
	compopt -o filenames 2>/dev/null
	COMPREPLY+=($(compgen -f -P "$_crm_prefix" -- "$cur"))
}

# _crm_value OPTION: completes the value of OPTION (of verb $group $verb).
_crm_value()
{
	case "$1" in
	--db) _crm_files ;;
	--format)
		case "$group $verb" in
		'customer import') _crm_add csv json ndjson ;;
		'customer export') _crm_add csv tsv json ndjson ;;
		*) _crm_add table csv tsv json ndjson ;;
		esac ;;
	--columns) _crm_add_list $(_crm_columns "$group" "$verb") ;;
	--sort)
		local c cols=
		for c in $(_crm_columns "$group" "$verb"); do
			[[ $c == tags ]] || cols+=" $c -$c"
		done
		_crm_add $cols ;;
	--status)
		if [[ $verb == reassign ]]; then
			_crm_add_list lead prospect active inactive lost
		else
			_crm_add lead prospect active inactive lost
		fi ;;
	--kind) _crm_add company person ;;
	--today | --since) _crm_add today tomorrow yesterday ;;
	--from)
		if [[ $verb == import ]]; then
			_crm_files
		else
			_crm_add $(_crm_owners)
		fi ;;
	--to | --owner) _crm_add $(_crm_owners) ;;
	--tag | --untag) _crm_add $(_crm_tags) ;;
	esac
}

_crm()
{
	local _crm_bin=${COMP_WORDS[0]} _crm_db='' _crm_prefix='' cur opt
	local -a words=()
	local i w cword group='' verb='' gi=0 npos=0 dashdash=''

	[[ $_crm_bin == '~/'* ]] && _crm_bin=$HOME/${_crm_bin#'~/'}
	COMPREPLY=()

	# Rejoin "--opt=value", which COMP_WORDBREAKS splits at the "=".
	for ((i = 0; i <= COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if ((${#words[@]} > 1)) && [[ $w == = && ${words[-1]} == --* && ${words[-1]} != *=* ]]; then
			words[-1]+='='
		elif ((${#words[@]} > 1)) && [[ ${words[-1]} == --*= && ${COMP_WORDS[i-1]} == = ]]; then
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
	((gi > 0 && gi + 1 < cword)) && verb=${words[gi+1]}

	# The words after the verb: options (and their values) and arguments.
	if [[ -n $verb ]]; then
		for ((i = gi + 2; i < cword; i++)); do
			w=${words[i]}
			if [[ -n $dashdash || "$group $verb" == 'customer tag' ]]; then
				((npos++))
				continue
			fi
			case "$w" in
			--) dashdash=1 ;;
			--db=*) _crm_db=${w#--db=} ;;
			--db) _crm_db=${words[i+1]}; ((i++)) ;;
			--*=*) ;;
			-?*) _crm_takes_value "$w" && ((i++)) ;;
			*) ((npos++)) ;;
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
	if ((cword == gi + 1)); then
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
	if [[ -z $dashdash && $cur == -* ]]; then
		_crm_add $(_crm_verb_opts "$group" "$verb") $_crm_common_opts
		return 0
	fi
	case "$group $verb $npos" in
	'customer show 0' | 'customer edit 0' | 'customer rm 0' | 'customer merge 0' | \
		'customer merge 1' | 'contact add 0' | 'contact list 0' | 'history customer 0')
		_crm_add $(_crm_customer_keys) ;;
	'contact show 0' | 'contact edit 0' | 'contact rm 0' | 'history contact 0')
		_crm_add $(_crm_contact_keys) ;;
	'db backup 0') _crm_files ;;
	esac
	return 0
}

complete -F _crm crm
