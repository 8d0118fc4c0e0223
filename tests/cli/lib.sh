# lib.sh — the harness of the CLI tests (mblaze's t/lib.sh and git's test_cmp
# are the models).  A test file sources it, then alternates commands and
# checks; every check prints one TAP line.
#
#   try 'add prints the code' 0 crm customer add Acme   # runs, checks the exit code
#   out_is <<'EOF'          # stdout of the last try, byte for byte
#   C00001
#   EOF
#   err_is <<'EOF' ... EOF  # stderr of the last try
#   sql_is 'SELECT count(*) FROM customer' <<'EOF' ... EOF
#
# Each file runs in a fresh temporary directory with a fresh database, a
# fixed clock (CRM_TODAY, CRM_NOW), TZ=UTC and a fixed user.

set -u
: "${CRM_BIN:?CRM_BIN must name the crm binary}"
TESTS_DIR=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/crm-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1

export CRM_DB="$T/crm.db" CRM_TODAY=2026-11-22 CRM_NOW=2026-11-22T09:30:00 CRM_USER=ann
export TZ=UTC LC_ALL=C.UTF-8 HOME="$T" XDG_DATA_HOME="$T/data"
unset CRM_FORMAT COLUMNS XDG_CONFIG_HOME

test_n=0
test_failed=0
last_desc=
last_rc=0

crm() { "$CRM_BIN" "$@"; }

report() { # report OK DESC [DETAIL-FILE]
	test_n=$((test_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $test_n - $2"
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_n - $2"
		[ -n "${3:-}" ] && sed 's/^/#   /' "$3"
	fi
	return 0
}

# try DESC RC CMD...: run CMD, keep its stdout and stderr, check its exit code.
try() {
	last_desc=$1
	want=$2
	shift 2
	"$@" >"$T/out" 2>"$T/err" </dev/null
	last_rc=$?
	if [ "$last_rc" -eq "$want" ]; then
		report 0 "$last_desc: exit $want"
	else
		{ echo "exit $last_rc, wanted $want"; echo "stderr:"; cat "$T/err"; } >"$T/why"
		report 1 "$last_desc: exit $want" "$T/why"
	fi
}

# try_in DESC RC INPUT-FILE CMD...: like try, with standard input from a file.
try_in() {
	last_desc=$1
	want=$2
	input=$3
	shift 3
	"$@" >"$T/out" 2>"$T/err" <"$input"
	last_rc=$?
	if [ "$last_rc" -eq "$want" ]; then
		report 0 "$last_desc: exit $want"
	else
		{ echo "exit $last_rc, wanted $want"; echo "stderr:"; cat "$T/err"; } >"$T/why"
		report 1 "$last_desc: exit $want" "$T/why"
	fi
}

compare() { # compare WHAT FILE: FILE against standard input
	cat >"$T/want"
	if cmp -s "$T/want" "$2"; then
		report 0 "$last_desc: $1"
	else
		diff -u "$T/want" "$2" >"$T/why"
		report 1 "$last_desc: $1" "$T/why"
	fi
}

out_is() { compare stdout "$T/out"; }
err_is() { compare stderr "$T/err"; }
# out_empty / err_empty: nothing was printed.
out_empty() { compare "no stdout" "$T/out" </dev/null; }
err_empty() { compare "no stderr" "$T/err" </dev/null; }

# sql_is QUERY: the database answers QUERY (sqlite3's list mode) as stdin says.
sql_is() {
	sqlite3 "$CRM_DB" "$1" >"$T/sql" 2>&1
	compare "database: $1" "$T/sql"
}

done_testing() {
	echo "1..$test_n"
	[ "$test_failed" -eq 0 ]
}
