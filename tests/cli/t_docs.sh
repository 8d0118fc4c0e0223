#!/bin/sh
# t_docs.sh — the manual pages and the shell completions cover every group
# and verb that `crm --list-cmds` prints, the pages are clean under
# `mandoc -Tlint -W warning`, and the completions really complete in each
# shell that is installed (bash, zsh, fish; a missing one is skipped).
. "$(dirname "$0")/lib.sh"

top=$(cd "$TESTS_DIR/.." && pwd)
man=$top/man
comp=$top/completions

skip() { # skip REASON: a TAP line for a check that cannot run here
	test_n=$((test_n + 1))
	echo "ok $test_n - # SKIP $1"
}

check() { # check DESC CMD...: passes when CMD succeeds
	desc=$1
	shift
	if "$@" >"$T/why" 2>&1; then
		report 0 "$desc"
	else
		report 1 "$desc" "$T/why"
	fi
}

try 'list-cmds' 0 crm --list-cmds
cp "$T/out" "$T/cmds"
groups=$(cut -d' ' -f1 "$T/cmds" | uniq)
verbs_of() { sed -n "s/^$1 //p" "$T/cmds"; }
# A group that is one command (crm agenda, crm remind) is a line of its own.
is_command() { grep -Fqx "$1" "$T/cmds"; }

# ---- manual pages ----

# A verb is documented by an entry of its own: ".It Cm VERB ..." or ".Ss VERB".
has_entry() { # has_entry PAGE WORD
	grep -Eq "^\.(It|Ss)( Cm)? $2( |\$)" "$1"
}

check 'man/crm.1 exists' test -f "$man/crm.1"
for g in $groups; do
	page=$man/crm-$g.1
	check "man/crm-$g.1 exists" test -f "$page"
	check "crm(1) lists group $g" has_entry "$man/crm.1" "$g"
	check "crm(1) refers to crm-$g(1)" grep -q "^\.Xr crm-$g 1" "$man/crm.1"
	for v in $(verbs_of "$g"); do
		check "man/crm-$g.1 documents $g $v" has_entry "$page" "$v"
	done
done

if command -v mandoc >/dev/null 2>&1; then
	for page in "$man"/*.1; do
		# shellcheck disable=SC2016 # the inner sh expands $1 and $out
		check "mandoc -Tlint -W warning $(basename "$page") is clean" \
			sh -c 'out=$(mandoc -Tlint -W warning "$1" 2>&1) && [ -z "$out" ] ||
				{ echo "$out"; exit 1; }' sh "$page"
	done
else
	skip 'mandoc is not installed'
fi

# ---- completions: every verb has its options listed ----

# A verb's entry names it "GROUP VERB"; that of a group that is one command
# names the group alone, quoted: 'agenda'.
for f in crm.bash _crm crm.fish; do
	check "completions/$f exists" test -f "$comp/$f"
	while read -r g v; do
		if [ -n "$v" ]; then
			check "completions/$f lists the options of $g $v" grep -q "$g $v" "$comp/$f"
		else
			check "completions/$f lists the options of $g" grep -q "'$g'" "$comp/$f"
		fi
	done <"$T/cmds"
done

# ---- completions at work ----

# The completions run `crm` from PATH, on the database the line names.
mkdir -p "$T/bin"
ln -s "$CRM_BIN" "$T/bin/crm"
PATH=$T/bin:$PATH
export PATH
crm -q customer add Acme --code ACME --owner bob --tier gold --campaign spring >/dev/null
crm -q customer add 'Globex Corporation' --code GLOBEX >/dev/null
crm -q --db "$T/other.db" customer add Initech --code INITECH >/dev/null
# Stages of its own, to show they come from the database; D00001 stays
# open, D00002 is lost.
crm -q config set deal.stages prospect,demo,proposal
crm -q deal add ACME 'Big order' --amount 1000 >/dev/null
crm -q deal add GLOBEX 'Small order' --amount 10 >/dev/null
crm -q deal lost D00002 --reason price
# task 1 stays open, task 2 is done
crm -q task add 'Call back' --customer ACME >/dev/null
crm -q task add 'Send the offer' >/dev/null
crm -q task 'done' 2
# Products (GADGET archived), quote Q-2026-00001 with a line, order
# SO-2026-00001 confirmed and shipped in part by delivery DN-2026-00001.
crm -q product add WIDGET Widget --price 10 >/dev/null
crm -q product add GADGET Gadget --price 5 >/dev/null
crm -q product archive GADGET >/dev/null
crm -q quote new ACME >/dev/null
crm -q quote line add Q-2026-00001 --product WIDGET --qty 2 >/dev/null
crm -q order new GLOBEX >/dev/null
crm -q order line add SO-2026-00001 --product WIDGET --qty 3 >/dev/null
crm -q order confirm SO-2026-00001 >/dev/null
crm -q delivery new SO-2026-00001 --line 1=1 >/dev/null
# Invoice INV-2026-00001 of that delivery, issued, its credit note
# CN-2026-00001, and a draft for ACME (a draft has no number yet).
id=$(crm -q invoice new --delivery DN-2026-00001 | sed -n 's/^draft //p')
crm -q invoice issue "$id" >/dev/null
crm -q invoice credit INV-2026-00001 --line 1=1 >/dev/null
crm -q invoice new ACME >/dev/null
# Receivables, in a database of their own: INV-2026-00001 (ACME) and
# INV-2026-00002 (GLOBEX) are open, the first paid in part by receipt
# RC-2026-00001 (taken by ann, the user); RC-2026-00002 was reversed;
# RF-2026-00001 paid back part of RC-2026-00003 (taken by bob).
crm_ar() { crm -q --db "$T/ar.db" "$@"; }
crm_ar customer add Acme --code ACME >/dev/null
crm_ar customer add 'Globex Corporation' --code GLOBEX >/dev/null
crm_ar product add WIDGET Widget --price 10 >/dev/null
for c in ACME GLOBEX; do
	id=$(crm_ar invoice new "$c" | sed -n 's/^draft //p')
	crm_ar invoice line add "$id" --product WIDGET --qty 5 >/dev/null
	crm_ar invoice issue "$id" >/dev/null
done
crm_ar ar receipt ACME 20 --method cash >/dev/null
crm_ar ar receipt GLOBEX 5 --apply INV-2026-00002=5 >/dev/null
crm_ar ar reverse RC-2026-00002 --reason bounced
crm_ar ar receipt GLOBEX 30 --unapplied --clerk bob >/dev/null
crm_ar ar refund GLOBEX 10 >/dev/null
# Service, in a database of its own: cases CS-2026-00001 (open, ann's),
# CS-2026-00002 (waiting, for cy) and CS-2026-00003 (resolved); RMAs
# RMA-2026-00001 (opened) and RMA-2026-00002 (received); visits
# V-2026-00001 (scheduled, tom) and V-2026-00002 (cancelled, of plan 1,
# sue's); surveys S-2026-00001 (sent) and S-2026-00002 (answered).
crm_svc() { crm -q --db "$T/svc.db" "$@"; }
crm_svc customer add Acme --code ACME --owner bob >/dev/null
crm_svc customer add 'Globex Corporation' --code GLOBEX >/dev/null
crm_svc contact add ACME 'Ann Smith' >/dev/null
crm_svc product add WIDGET Widget --price 10 --warranty 24 >/dev/null
crm_svc case open ACME 'It broke' --assignee ann >/dev/null
crm_svc case open GLOBEX 'It hums' --assignee cy >/dev/null
crm_svc case wait CS-2026-00002
crm_svc case open ACME 'It stopped' >/dev/null
crm_svc case resolve CS-2026-00003
crm_svc rma open ACME --product WIDGET --purchased today >/dev/null
crm_svc rma open GLOBEX --product WIDGET --purchased today >/dev/null
crm_svc rma receive RMA-2026-00002
crm_svc visit schedule ACME --tech tom --on tomorrow >/dev/null
crm_svc visit plan ACME --every 6m --tech sue >/dev/null
crm_svc visit schedule ACME --plan 1 --on tomorrow >/dev/null
crm_svc visit cancel V-2026-00002
crm_svc survey send --case CS-2026-00001 --email ann@example.com >/dev/null
crm_svc survey send --customer GLOBEX --email g@example.com >/dev/null
crm_svc survey record S-2026-00002 --csat 4

# The lines to complete (at their end), one a line, and the matches each
# should give: those of line N are in $T/want.N.
: >"$T/lines"
n=0
line() { # line TEXT MATCH...
	printf '%s\n' "$1" >>"$T/lines"
	shift
	if [ $# -gt 0 ]; then printf '%s\n' "$@" | sort; fi >"$T/want.$n"
	n=$((n + 1))
}
line 'crm cu' customer
# shellcheck disable=SC2086 # a list of words
line 'crm ' $groups help version
for g in $groups; do
	is_command "$g" && continue # its options come: see agenda below
	# shellcheck disable=SC2046 # a list of words
	line "crm $g " $(verbs_of "$g")
done
line 'crm customer show ' ACME GLOBEX
line 'crm customer merge ACME ' ACME GLOBEX
line "crm --db $T/other.db customer show " INITECH
line "crm --db $T/none.db customer show "
line 'crm customer add --dr' --dry-run
line 'crm --format ' table csv tsv json ndjson
line 'crm customer import --format ' csv json ndjson
line 'crm customer edit ACME --kind ' company person
line 'crm customer add Foo --ca' --campaign --cadence
line 'crm customer edit ACME --tier ' gold
# the sales work: verbs, options with values of their own, and keys from the
# database (deal codes, stages, reps, settings)
common='--format --columns --no-header --db --user --today --quiet --help'
# shellcheck disable=SC2086 # lists of words
{
	line 'crm agenda ' --rep --days $common -q -h
	line 'crm agenda --' --rep --days $common
	line 'crm remind --' --rep --days --only --mbox --send $common
}
line 'crm agenda --rep ' bob
line 'crm remind --only ' today soon overdue cadence feedback stalled closing ship due \
	late credit visits maintenance rma advance
line 'crm deal mo' move
line 'crm deal show ' D00001 D00002
line 'crm deal won ' D00001
line 'crm deal move D00001 ' prospect demo proposal
line 'crm deal list --stage ' prospect demo proposal
line 'crm deal list --status ' open won lost all
line 'crm deal forecast --by ' month quarter
line 'crm deal funnel --by ' rep
line "crm --db $T/none.db deal show "
line 'crm history deal ' D00001 D00002
line 'crm task done ' 1
line 'crm task edit ' 1 2
line 'crm task add Call --priority ' low normal high urgent
line 'crm task list --status ' open 'done' all
line 'crm task add Call --customer ' ACME GLOBEX
line 'crm activity log ACME --type ' call email im visit meeting note
line 'crm activity log ACME --deal ' D00001 D00002
line 'crm report activity --by ' rep type customer
line 'crm lead list --campaign ' spring
line 'crm config set deal.st' deal.stages \
	deal.stage.prospect.probability deal.stage.prospect.stall \
	deal.stage.qualified.probability deal.stage.qualified.stall \
	deal.stage.proposal.probability deal.stage.proposal.stall \
	deal.stage.negotiation.probability deal.stage.negotiation.stall \
	deal.stage.demo.probability deal.stage.demo.stall
line 'crm config get re' rep.bob.commission rep.bob.email remind.from remind.to
# products, quotes, orders and deliveries: 'quote line' and 'order line' take
# their verb first, then the document and that verb's options; print's
# --format is what it prints
line 'crm product show ' GADGET WIDGET
line 'crm product import --format ' csv json ndjson
line 'crm product prices WIDGET --customer ' ACME GLOBEX
line 'crm quote li' line list
line 'crm quote new ' ACME GLOBEX
line 'crm quote new ACME --from ' Q-2026-00001
line 'crm quote line ' add edit rm
line 'crm quote line add ' Q-2026-00001
line 'crm quote line add Q-2026-00001 --product ' GADGET WIDGET
# shellcheck disable=SC2086 # a list of words
line 'crm quote line edit Q-2026-00001 1 --' --qty --price --discount --tax-rate \
	--description $common
line 'crm quote list --status ' draft sent accepted rejected expired open all
line 'crm quote print Q-2026-00001 --format ' text html pdf
line 'crm order show ' SO-2026-00001
line 'crm order line add SO-2026-00001 --te' --text
line 'crm order list --status ' draft open partial shipped cancelled all
line 'crm delivery new ' SO-2026-00001
line 'crm delivery list --order ' SO-2026-00001
line 'crm delivery show ' DN-2026-00001
line 'crm delivery print DN-2026-00001 --format ' text html pdf
line "crm --db $T/none.db quote show "
# invoices: 'invoice line' like 'quote line', print's --format, and the
# numbers of invoices and credit notes from the database
line 'crm invoice is' issue
line 'crm invoice line ' add edit rm
line 'crm invoice line add ' CN-2026-00001 INV-2026-00001
line 'crm invoice line add INV-2026-00001 --product ' GADGET WIDGET
line 'crm invoice new ' ACME GLOBEX
line 'crm invoice new --order ' SO-2026-00001
line 'crm invoice new --delivery ' DN-2026-00001
line 'crm invoice list --customer ' ACME GLOBEX
line 'crm invoice list --status ' draft issued partly-paid paid overdue open void all
line 'crm invoice list --kind ' invoice credit all
line 'crm invoice show ' CN-2026-00001 INV-2026-00001
line 'crm invoice credit ' CN-2026-00001 INV-2026-00001
line 'crm invoice print INV-2026-00001 --format ' text html pdf
line 'crm invoice import --format ' csv json ndjson
line 'crm invoice import --dr' --dry-run
line "crm --db $T/none.db invoice show "
line 'crm report commission --basis ' invoiced paid
# shellcheck disable=SC2086 # a list of words
line 'crm report commission --' --month --basis --rep --total --no-total $common
# receivables: 'ar receipt import' and 'ar dunning history' like 'quote line',
# open invoices as INVOICE= (but those the line pays already), receipts not
# reversed, clerks, and statement's --format with --print
ar="crm --db $T/ar.db ar"
line "$ar receipt " import ACME GLOBEX
line "$ar receipt ACME 10 --method " cash transfer card cheque other
line "$ar receipt ACME 10 --clerk " ann bob
line "$ar receipt ACME 10 --apply " INV-2026-00001=
line "$ar receipt GLOBEX 10 --apply INV-2026-00002=10 --apply "
line "$ar receipt ACME 10 --un" --unapplied
# shellcheck disable=SC2086 # a list of words
line "$ar receipt import --" --from --dry-run --skip-unmatched $common
line "$ar receipt import --format " csv json ndjson
line "$ar apply GLOBEX " INV-2026-00002=
line "$ar apply GLOBEX INV-2026-00002=5 "
line "$ar reverse " RC-2026-00001 RC-2026-00003 RF-2026-00001
line "$ar writeoff " INV-2026-00001 INV-2026-00002
line "$ar refund GLOBEX 5 --method " cash transfer card cheque other
line 'crm ar receipts --kind ' receipt refund all
line 'crm ar receipts --by ' method clerk year month
line 'crm ar receipts --customer ' ACME GLOBEX
line 'crm ar aging --by ' due issue
line 'crm ar aging --rep ' bob
line 'crm ar statement ' ACME GLOBEX
line 'crm ar statement ACME --format ' table csv tsv json ndjson
line 'crm ar statement ACME --print --format ' text html pdf
line 'crm ar dunning ' history
line 'crm ar dunning history ' ACME GLOBEX
line "crm --db $T/none.db ar reverse "
# service: cases, RMAs, visits and surveys from the database (those in a
# state the verb can move on), plans, technicians, and the value lists
svc="crm --db $T/svc.db"
line "$svc case open " ACME GLOBEX
line "$svc case open ACME Broken --contact " 1
line "$svc case open ACME Broken --product " WIDGET
line 'crm case open ACME Broken --channel ' phone email web visit chat
line 'crm case open ACME Broken --priority ' low normal high urgent
# shellcheck disable=SC2086 # a list of words
line 'crm case open ACME Broken --' --contact --product --channel --priority --assignee \
	$common
line "$svc case show " CS-2026-00001 CS-2026-00002 CS-2026-00003
line "$svc case resume " CS-2026-00002
line "$svc case close " CS-2026-00003
line "$svc case assign CS-2026-00001 " ann bob cy
line 'crm case list --status ' open waiting resolved closed all
line 'crm case list --br' --breached
line 'crm case stats --by ' channel assignee priority product
line "$svc case list --customer " ACME GLOBEX
line "$svc case list --columns subj" subject
line "$svc rma open ACME --product " WIDGET
# shellcheck disable=SC2086 # a list of words
line 'crm rma open ACME --' --product --serial --purchased --invoice --fault \
	--advance-replacement --chargeable --quote --case $common
line 'crm rma list --state ' open all opened received diagnosed repairing at_vendor \
	repaired shipped confirmed closed rejected cancelled
line "$svc rma show " RMA-2026-00001 RMA-2026-00002
line "$svc rma diagnose " RMA-2026-00002
line "$svc rma cancel " RMA-2026-00001 RMA-2026-00002
line "$svc visit schedule " ACME GLOBEX
line "$svc visit schedule ACME --tech " sue tom
line "$svc visit schedule ACME --plan " 1
line "$svc visit schedule ACME --case " CS-2026-00001 CS-2026-00002 CS-2026-00003
line "$svc visit done " V-2026-00001
line "$svc visit show " V-2026-00001 V-2026-00002
line 'crm visit list --status ' scheduled 'done' cancelled all
line "$svc visit plan-stop " 1
line 'crm visit plan ACME --every ' 1m 3m 6m 1y 2y
line "$svc survey send --rma " RMA-2026-00001 RMA-2026-00002
line "$svc survey record " S-2026-00001
line 'crm survey record S-2026-00001 --csat ' 1 2 3 4 5
line 'crm survey list --status ' sent answered all
line 'crm survey stats --by ' month product assignee
line "crm --db $T/none.db case show "
line 'crm product add WIDGET Widget --wa' --warranty
line 'crm product edit WIDGET --wa' --warranty

# compare_results SHELL: $T/got.N (from the shell's harness, which prints
# each line's matches followed by a line "--") against $T/want.N.
compare_results() {
	i=0
	while [ "$i" -lt "$n" ]; do
		: >"$T/got.$i"
		i=$((i + 1))
	done
	awk -v d="$T/got" '/^--$/ { n++; next } { print > (d "." n + 0) }' "$T/got"
	i=0
	while IFS= read -r l; do
		sort -u "$T/got.$i" >"$T/got.sorted"
		if cmp -s "$T/want.$i" "$T/got.sorted"; then
			report 0 "$1 completes '$l'"
		else
			diff -u "$T/want.$i" "$T/got.sorted" >"$T/why"
			report 1 "$1 completes '$l'" "$T/why"
		fi
		i=$((i + 1))
	done <"$T/lines"
}

# bash: call the completion function as readline would.
if command -v bash >/dev/null 2>&1; then
	cat >"$T/complete.bash" <<'EOF'
source "$1" || exit 1
while IFS= read -r line; do
	read -ra COMP_WORDS <<<"$line"
	[[ $line == *' ' ]] && COMP_WORDS+=('')
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE=$line COMP_POINT=${#line}
	COMPREPLY=()
	_crm crm
	((${#COMPREPLY[@]})) && printf '%s\n' "${COMPREPLY[@]}"
	echo --
done
EOF
	bash "$T/complete.bash" "$comp/crm.bash" <"$T/lines" >"$T/got" 2>"$T/err"
	compare_results bash
	check 'bash: completing does not create a missing database' test ! -e "$T/none.db"
else
	skip 'bash is not installed'
fi

# zsh: a real interactive zsh in a pseudo-terminal, with compadd wrapped to
# write down the matches it is given.
if command -v zsh >/dev/null 2>&1 && zsh -fc 'zmodload zsh/zpty' 2>/dev/null; then
	cat >"$T/complete.zsh" <<'EOF'
zmodload zsh/zpty zsh/zselect || exit 1
dir=$1 out=$2.matches
zpty z zsh -f -i
zpty -w z "PS1= RPROMPT=; fpath=($dir \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w z "OUT=$out"
zpty -w z 'compadd() {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi
  local -a __hits; builtin compadd -A __hits "$@"
  (( $#__hits )) && print -rl -- $__hits >>$OUT
  builtin compadd "$@"
}'
zpty -w z '_t_done() { print -r -- --END-- >>$OUT }'
zpty -w z "bindkey '^I' complete-word; zstyle ':completion:*' menu no"
while IFS= read -r line; do
  : >$out
  zpty -w z 'comppostfuncs=(_t_done)'
  zpty -w -n z "$line"$'\t'
  for i in {1..100}; do
    grep -q -- --END-- $out && break
    zselect -t 5
    zpty -r -t z junk 2>/dev/null
  done
  grep -v -- --END-- $out
  print -- --
  zpty -w -n z $'\C-u'
  while zpty -r -t z junk 2>/dev/null; do :; done
done
zpty -d z
rm -f $out
EOF
	zsh -f "$T/complete.zsh" "$comp" "$T/zsh" <"$T/lines" >"$T/got" 2>"$T/err"
	compare_results zsh
	check 'zsh: completing does not create a missing database' test ! -e "$T/none.db"
else
	skip 'zsh is not installed'
fi

# fish: complete -C prints what the completions offer for a command line.
if command -v fish >/dev/null 2>&1; then
	noconfig=
	fish -N -c true 2>/dev/null && noconfig=-N
	# shellcheck disable=SC2016 # fish expands $argv
	fish $noconfig -c 'source $argv[1]; or exit 1
		while read -l line
			complete -C"$line" | string replace -r "\t.*" ""
			printf "%s\n" --
		end' "$comp/crm.fish" <"$T/lines" >"$T/got" 2>"$T/err"
	compare_results fish
	check 'fish: completing does not create a missing database' test ! -e "$T/none.db"
else
	skip 'fish is not installed'
fi

done_testing
