#!/bin/sh
# run.sh — runs every unit test binary and every CLI test script, prints
# the failures, and ends with the line "N passed, N failed".
: "${CRM_BIN:?}" "${UNIT_DIR:?}"
export CRM_BIN
top=$(cd "$(dirname "$0")/.." && pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
passed=0
failed=0

run_one() { # run_one NAME CMD...: counts its TAP lines
	name=$1
	shift
	"$@" >"$log" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1 # died without saying why in TAP: count it as a failure
		echo "not ok - $name exited $rc" >>"$log"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" -gt 0 ]; then
		echo "FAIL $name"
		grep -v '^ok ' "$log" | sed 's/^/    /'
	else
		echo "pass $name ($p)"
	fi
}

for t in "$UNIT_DIR"/test_*; do
	[ -x "$t" ] || continue
	run_one "unit/$(basename "$t")" "$t"
done
for t in "$top"/tests/cli/t_*.sh; do
	[ -f "$t" ] || continue
	run_one "cli/$(basename "$t")" sh "$t"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
