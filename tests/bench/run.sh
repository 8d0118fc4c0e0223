#!/bin/sh
# run.sh — crm's benchmark: speed and memory, each figure next to a floor
# measured in the same run on the same machine.
#
# Usage:
#   make bench                 N=1000000 customers (about 15 min on 2 cores:
#                              each import takes 4 min, the receivables'
#                              data 3)
#   make bench N=20000         a quick run (about 30 s)
#   CRM_BIN=$PWD/crm BENCH_DIR=.build/tests/bench sh tests/bench/run.sh N
#
# make builds ./crm, .build/tests/bench/gen (the data) and
# .build/tests/bench/floor (the floors and a timer) first.  Needs sqlite3
# (the search and show floors run the sqlite3 shell) and awk; uses
# /usr/bin/time for peak memory when it is there (package `time`), else
# floor's own getrusage wrapper.  Every time is wall-clock from spawn to exit
# of the process, taken by floor --time (posix_spawn and CLOCK_MONOTONIC, so
# hyperfine is not needed); stdout goes to /dev/null.  The binaries are
# copied into the temporary directory first, so a rebuild during a run
# cannot mix two versions.
#
# Knobs (environment): BENCH_RUNS timed runs of each search query (5),
# BENCH_SHOW_RUNS runs of show (50), BENCH_PRICES_RUNS of each prices case
# (10), BENCH_AR_RUNS of each ageing case (5), BENCH_VERBOSE=1 prints each
# query's times and MATCH expression on stderr, TMPDIR where the data goes.
#
# What is measured:
#   1. import   crm customer import --from FILE.csv into a new database,
#               against floor --import: a C loop of prepared INSERTs, one
#               transaction, same schema, triggers and SQL functions (the
#               database is opened with crm_store_open), rows parsed before
#               the timer starts.  Target: crm >= 70% of the floor's rows/s.
#   2. search   the queries below, each run 1 + BENCH_RUNS times (the first
#               untimed), `crm customer search Q --format csv` against the
#               sqlite3 shell running SELECT rowid FROM customer_fts WHERE
#               customer_fts MATCH '<what crm builds for Q>' ORDER BY rank
#               LIMIT 20.  Median and p99 over all timed runs.  Target:
#               within 1.3x of the floor and under 50 ms.
#   3. show     crm customer show CODE --format csv against sqlite3 DB
#               "select * from customer where code='CODE'", median of
#               BENCH_SHOW_RUNS runs after 3 untimed.  Target (the bench's
#               own, as for search): within 1.3x of the floor.
#   4. memory   peak RSS of crm customer list --format ndjson over every
#               row, at N and at N/10 (a second database): the N/10 figure
#               stands in the floor column, so the ratio shows whether
#               memory grows with the rows.  Target: under 20 MB.
#   5. prices   crm product prices over 5 x N document lines (below).
#   6. invoice import (below).
#   7. ageing   crm ar aging over N invoices and about 1.5 x N receipts
#               (below).
#
# Disk: the CSV and a database of about 2.5 KB a row (plus its WAL while
# importing) exist at once, and the documents and receivables add about
# 3 KB a row: at N=1000000 about 8 GB.  Everything goes in a temporary
# directory that is removed at the end.
set -eu

N=${1:-1000000}
: "${CRM_BIN:?set CRM_BIN to the crm binary}" "${BENCH_DIR:?set BENCH_DIR to where gen and floor are}"
RUNS=${BENCH_RUNS:-5}
SHOW_RUNS=${BENCH_SHOW_RUNS:-50}
VERBOSE=${BENCH_VERBOSE:-0}

case $N in '' | *[!0-9]*) echo "bench: N must be a number of rows, not '$N'" >&2; exit 2 ;; esac
if [ "$N" -lt 100 ]; then
	echo "bench: N must be at least 100" >&2
	exit 2
fi
for tool in sqlite3 awk; do
	command -v $tool >/dev/null 2>&1 || { echo "bench: needs $tool" >&2; exit 1; }
done

# crm must not pick up the caller's database, format or user.
unset CRM_DB CRM_FORMAT CRM_TODAY CRM_NOW CRM_BUSY_TIMEOUT
CRM_USER=bench
export CRM_USER

tmp=$(mktemp -d "${TMPDIR:-/tmp}/crm-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP

# Private copies of the binaries: others may rebuild ./crm while a long run
# is under way, and a run must measure one crm, with a floor built from the
# same libcrm.
cp "$CRM_BIN" "$tmp/crm"
cp "$BENCH_DIR/gen" "$tmp/gen"
cp "$BENCH_DIR/floor" "$tmp/floor"
CRM=$tmp/crm GEN=$tmp/gen FLOOR=$tmp/floor

need_kb=$((N * 8))
free_kb=$(df -Pk "$tmp" | awk 'NR == 2 { print $4 }')
if [ "$free_kb" -lt "$need_kb" ]; then
	echo "bench: $tmp has $((free_kb / 1024)) MB free; N=$N needs about $((need_kb / 1024)) MB" >&2
	exit 1
fi

say() { echo "bench: $(date +%T) $*" >&2; }

# stats FILE: "median p99" of the microsecond figures in FILE, in ms.
# p99 is the nearest-rank percentile: the ceil(0.99 n)-th smallest.
stats() {
	sort -n "$1" | awk '{ v[NR] = $1 }
		END {
			m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			r = int(0.99 * NR); if (r < 0.99 * NR) r++
			printf "%.2f %.2f\n", m / 1000, v[r] / 1000
		}'
}

# calc EXPR: evaluates an awk expression.
calc() { awk "BEGIN { print $1 }"; }

# row WHAT VALUE FLOOR RATIO TARGET RESULT
row() { printf '%-34s %12s %14s %7s  %-20s %s\n' "$@"; }

# verdict COND: PASS when the awk condition holds.
verdict() { awk "BEGIN { print (($1) ? \"PASS\" : \"MISS\") }"; }

cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
machine="nproc $(nproc 2>/dev/null || echo '?'), ${cpu:-unknown cpu}, sqlite3 $(sqlite3 --version | cut -d' ' -f1)"

csv=$tmp/customers.csv
db=$tmp/crm.db
small=$((N / 10))

say "N=$N, in $tmp; generating data"
"$GEN" "$N" >"$csv"
"$GEN" "$small" >"$tmp/small.csv"

# 1. Import, one after the other: side by side on two cores, at N=1000000,
# they slowed each other down (the floor from 352 s to 532 s).  The floor's
# database is removed before crm's import, so that only one big database is
# on disk at a time.
say "import floor: $N rows"
"$FLOOR" --import "$csv" "$tmp/floor.db" >"$tmp/floor.out"
rm -f "$tmp"/floor.db*
say "import crm: $N rows"
crm_us=$("$FLOOR" --time 1 -- "$CRM" -q --db "$db" customer import --from "$csv")
read -r floor_rows floor_sec <"$tmp/floor.out"
if [ "$floor_rows" -ne "$N" ]; then
	echo "bench: the floor imported $floor_rows rows, not $N" >&2
	exit 1
fi
got=$(sqlite3 "$db" "SELECT count(*) FROM customer")
if [ "$got" -ne "$N" ]; then
	echo "bench: crm imported $got rows, not $N" >&2
	exit 1
fi
crm_rate=$(calc "int($N / ($crm_us / 1e6))")
floor_rate=$(calc "int($N / $floor_sec)")
import_ratio=$(calc "sprintf(\"%.2f\", $crm_rate / $floor_rate)")
import_ok=$(verdict "$crm_rate >= 0.70 * $floor_rate")
db_mb=$(calc "sprintf(\"%.0f\", $(wc -c <"$db") / 1048576)")

# 2. Search: Latin names (accents typed without them), Chinese, Korean and
# Japanese terms of one, two and more characters, email fragments, phone
# digit runs, cities, legal forms, and a few two-term queries.
set -- \
	muller soren francois lukasz weiss "jose garcia" nystrom "o'brien" \
	王伟 李娜 王 张小明 \
	민수 지은 김민수 \
	佐藤 鈴木花子 株式会社 \
	gmail hanako.suzuki "info@mueller" \
	7946 13812 \
	munchen krakow goteborg 北京 서울 東京 \
	"gmbh berlin"
nq=$#
say "search: $nq queries x $RUNS runs, crm and floor"
: >"$tmp/search.crm"
: >"$tmp/search.floor"
for q in "$@"; do
	match=$("$FLOOR" --match "$q")
	quoted=$(printf '%s\n' "$match" | sed "s/'/''/g")
	sql="SELECT rowid FROM customer_fts WHERE customer_fts MATCH '$quoted' ORDER BY rank LIMIT 20"
	"$FLOOR" --time "$RUNS" --warmup 1 -- "$CRM" --db "$db" customer search "$q" --format csv \
		>"$tmp/q.crm"
	"$FLOOR" --time "$RUNS" --warmup 1 -- sqlite3 "$db" "$sql" >"$tmp/q.floor"
	cat "$tmp/q.crm" >>"$tmp/search.crm"
	cat "$tmp/q.floor" >>"$tmp/search.floor"
	if [ "$VERBOSE" = 1 ]; then
		hits=$(sqlite3 "$db" "SELECT count(*) FROM customer_fts WHERE customer_fts MATCH '$quoted'")
		printf 'bench:   %-14s crm %s ms, floor %s ms (median p99), %s hits; %s\n' "$q" \
			"$(stats "$tmp/q.crm" | tr ' ' /)" "$(stats "$tmp/q.floor" | tr ' ' /)" \
			"$hits" "$match" >&2
	fi
done
out=$(stats "$tmp/search.crm")
s_med=${out% *} s_p99=${out#* }
out=$(stats "$tmp/search.floor")
f_med=${out% *} f_p99=${out#* }

# 3. Show, from a customer in the middle of the file.
code=$(printf 'C%07d' $((N / 2)))
say "show: $SHOW_RUNS runs of $code, crm and floor"
"$FLOOR" --time "$SHOW_RUNS" --warmup 3 -- "$CRM" --db "$db" customer show "$code" --format csv \
	>"$tmp/show.crm"
"$FLOOR" --time "$SHOW_RUNS" --warmup 3 -- sqlite3 "$db" \
	"select * from customer where code='$code'" >"$tmp/show.floor"
out=$(stats "$tmp/show.crm")
show_crm=${out% *}
out=$(stats "$tmp/show.floor")
show_floor=${out% *}

# 4. Peak memory of a full list, at N and at N/10.
max_rss() { # max_rss DB: KiB
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f %M -o "$tmp/rss" "$CRM" --db "$1" customer list --format ndjson >/dev/null
		tail -n 1 "$tmp/rss"
	else
		"$FLOOR" --maxrss -- "$CRM" --db "$1" customer list --format ndjson
	fi
}
say "memory: list of $N rows, then of $small rows"
rss_big=$(max_rss "$db")
"$CRM" -q --db "$tmp/small.db" customer import --from "$tmp/small.csv"
rss_small=$(max_rss "$tmp/small.db")

# 5. Product prices over 5 x N document lines (5,000,000 at the default N),
# added to the big database by gen --docs: 2,000 products drawn Zipf-like,
# so P00001 is on about 12% of the lines, P00100 on about 0.12% (6,000 of
# 5,000,000) and P02000 on about 0.006%; C0000001 is one of the 100
# customers with a tenth of the documents.  Five cases, each
# BENCH_PRICES_RUNS runs after 2 untimed: the newest 20 lines (--limit 20)
# of the heavy product, of the mid-size one, and of the product nearest
# the size where crm's two dearest ways of finding them cost the same (the
# worst size: about sqrt(1.5 x 20 x documents) lines, 5,500 of 5,000,000;
# see prices_plan in lib/product.c), every line of the light one, every
# line of the heavy one for one customer.  Floor: the sqlite3 shell reading
# the light product's lines through its index.  Target: < 50 ms.
PRICES_RUNS=${BENCH_PRICES_RUNS:-10}
nlines=$((5 * N))
say "prices: generating $nlines document lines"
"$GEN" --docs "$nlines" "$db" >"$tmp/docs.out"
read -r ndocs _ <"$tmp/docs.out"
say "prices: $ndocs documents; $PRICES_RUNS runs of 5 queries, crm and floor"
prices() { # prices NAME ARGS...: median ms of crm product prices ARGS
	name=$1
	shift
	"$FLOOR" --time "$PRICES_RUNS" --warmup 2 -- "$CRM" --db "$db" product prices "$@" \
		--format csv >"$tmp/prices.$name"
	out=$(stats "$tmp/prices.$name")
	echo "${out% *}"
}
# the worst size: Zipf puts 5 N / (k H) lines on product k, H = 8.178
worst=$(awk -v n="$N" -v d="$ndocs" 'BEGIN {
	k = int(5 * n / (8.178 * sqrt(1.5 * 20 * d)) + 0.5)
	if (k < 1) k = 1
	if (k > 2000) k = 2000
	printf "P%05d", k }')
p_heavy=$(prices heavy P00001 --limit 20)
p_mid=$(prices mid P00100 --limit 20)
p_worst=$(prices worst "$worst" --limit 20)
p_light=$(prices light P02000)
p_cust=$(prices cust P00001 --customer C0000001)
"$FLOOR" --time "$PRICES_RUNS" --warmup 2 -- sqlite3 "$db" \
	"select * from doc_line where product_id = (select id from product where sku = 'P02000')" \
	>"$tmp/prices.floor"
out=$(stats "$tmp/prices.floor")
p_floor=${out% *}
heavy_lines=$(sqlite3 "$db" "SELECT count(*) FROM doc_line WHERE product_id = 1")
light_lines=$(sqlite3 "$db" "SELECT count(*) FROM doc_line WHERE product_id = 2000")
mid_lines=$(sqlite3 "$db" "SELECT count(*) FROM doc_line WHERE product_id = 100")
worst_lines=$(sqlite3 "$db" "SELECT count(*) FROM doc_line l JOIN product p
	ON p.id = l.product_id WHERE p.sku = '$worst'")
cust_lines=$("$CRM" --db "$db" --no-header product prices P00001 --customer C0000001 \
	--format csv | wc -l)

# 6. Invoice import: N/10 invoices of 5 lines (100,000 at the default N)
# into the N/10 database with the 2,000 products added, crm against floor
# --invoices (the same lines inserted by a loop of prepared INSERTs into
# doc and doc_line in one transaction; customers, products and amounts
# worked out before its timer).  Target as for customers: crm >= 70% of the
# floor's lines per second.
ninv=$((N / 10))
inv_rate=
if "$CRM" invoice import --help >/dev/null 2>&1; then
	say "invoice import: $ninv invoices x 5 lines, floor then crm"
	"$GEN" --docs 0 "$tmp/small.db" >/dev/null
	"$GEN" --invoices "$ninv" "$small" >"$tmp/invoices.csv"
	cp "$tmp/small.db" "$tmp/inv-floor.db"
	"$FLOOR" --invoices "$tmp/invoices.csv" "$tmp/inv-floor.db" >"$tmp/inv.floor"
	rm -f "$tmp"/inv-floor.db*
	cp "$tmp/small.db" "$tmp/inv.db"
	inv_us=$("$FLOOR" --time 1 -- "$CRM" -q --db "$tmp/inv.db" invoice import \
		--from "$tmp/invoices.csv")
	got=$(sqlite3 "$tmp/inv.db" "SELECT count(*) FROM doc_line l JOIN doc d ON d.id = l.doc_id
		WHERE d.number LIKE 'OLD-%'")
	if [ "$got" -ne $((5 * ninv)) ]; then
		echo "bench: crm imported $got invoice lines, not $((5 * ninv))" >&2
		exit 1
	fi
	read -r inv_floor_rows inv_floor_sec <"$tmp/inv.floor"
	inv_rate=$(calc "int($got / ($inv_us / 1e6))")
	inv_floor_rate=$(calc "int($inv_floor_rows / $inv_floor_sec)")
else
	say "invoice import: skipped, this crm has no 'invoice import'"
fi

# 7. Receivables: crm ar aging over N issued invoices (1,000,000 at the
# default N) and about 1.5 x N receipts, added to the big database by gen
# --ar after the prices figures (gen --docs's issued invoices are settled
# too, and invoices without lines make up the rest).  Dated over four
# years up to 2026-11-22, the day the data is made for: most paid by one
# to three receipts on time or late, about 5 % open (some partly paid),
# credit notes, bounced cheques reversed and paid again, write-offs,
# overpayments and payments on account (unapplied credit).  The
# allocations go in through crm's triggers, and gen checks a sample of
# the stored settled, applied and cleared against the views
# doc_settlement and receipt_settlement.  Two cases, each BENCH_AR_RUNS
# runs (2 when one takes over 3 s) after 1 untimed: crm ar aging --format
# csv as of that day, and
# --as-of a year earlier.  Floor: the sqlite3 shell running the best
# single SELECT we know for the same figures (floor --aging), which must
# be crm's to the cent (the result says DIFF otherwise).  crm's own SELECT
# (crm ar aging --sql) run by the shell is shown below the table.
# Target: < 1 s and within 1.5x of the floor.
AR_RUNS=${BENCH_AR_RUNS:-5}
ar_today=2026-11-22
ar_back=2025-11-22
ar_crm_today=
if "$CRM" ar aging --help >/dev/null 2>&1; then
	say "ageing: generating $N invoices and their receipts"
	"$GEN" --ar "$N" "$db" >"$tmp/ar.out"
	read -r ar_inv ar_rc ar_alloc ar_cn ar_open ar_rev ar_wo ar_checked <"$tmp/ar.out"
	say "ageing: $ar_inv invoices, $ar_rc receipts; $AR_RUNS runs of 2 reports, crm and floor"
	# timed NAME CMD...: median ms of AR_RUNS runs of CMD after an untimed
	# one; 2 runs when that one took over 3 s (a slow report must not
	# stretch the bench by minutes)
	timed() {
		name=$1
		shift
		first=$("$FLOOR" --time 1 -- "$@")
		runs=$AR_RUNS
		[ "$first" -gt 3000000 ] && runs=2
		"$FLOOR" --time "$runs" -- "$@" >"$tmp/aging.$name"
		out=$(stats "$tmp/aging.$name")
		echo "${out% *}"
	}
	# aging NAME ARGS...: crm ar aging ARGS, timed
	aging() {
		name=$1
		shift
		timed "$name" "$CRM" --db "$db" --today "$ar_today" ar aging "$@" --format csv
	}
	# aging_sql NAME SQL-FILE: the sqlite3 shell running SQL-FILE, timed
	aging_sql() {
		timed "$1" sqlite3 -csv "$db" ".read $2"
	}
	# cents FILE: the figures of a csv of crm's (decimals, a header) or the
	# floor's (minor units): code and the last nine columns in minor units,
	# a total row left out
	cents() {
		awk -F, '(FNR == 1 && /^code,/) || tolower($1) == "total" { next }
			{
				o = $1
				for (i = NF - 8; i <= NF; i++) {
					v = $i
					sub(/\./, "", v)
					o = o " " v + 0
				}
				print o
			}' "$1"
	}
	ar_same=
	for day in "$ar_today" "$ar_back"; do
		"$FLOOR" --aging "$day" >"$tmp/floor-$day.sql"
		"$CRM" --db "$db" --today "$ar_today" ar aging --as-of "$day" --format csv \
			>"$tmp/crm-$day.csv"
		sqlite3 -csv "$db" ".read $tmp/floor-$day.sql" >"$tmp/floor-$day.csv"
		cents "$tmp/crm-$day.csv" >"$tmp/crm-$day.cents"
		cents "$tmp/floor-$day.csv" >"$tmp/floor-$day.cents"
		if ! cmp -s "$tmp/crm-$day.cents" "$tmp/floor-$day.cents"; then
			ar_same="$ar_same $day"
			echo "bench: crm ar aging --as-of $day and the floor disagree" >&2
		fi
	done
	ar_rows_today=$(wc -l <"$tmp/floor-$ar_today.cents")
	ar_rows_back=$(wc -l <"$tmp/floor-$ar_back.cents")
	ar_crm_today=$(aging today)
	ar_crm_back=$(aging back --as-of "$ar_back")
	ar_floor_today=$(aging_sql floor-today "$tmp/floor-$ar_today.sql")
	ar_floor_back=$(aging_sql floor-back "$tmp/floor-$ar_back.sql")
	ar_own=
	if "$CRM" --db "$db" --today "$ar_today" ar aging --sql >"$tmp/own-today.sql" 2>/dev/null &&
		"$CRM" --db "$db" --today "$ar_today" ar aging --as-of "$ar_back" --sql \
			>"$tmp/own-back.sql" 2>/dev/null; then
		ar_own="$(aging_sql own-today "$tmp/own-today.sql") ms today, $(aging_sql own-back \
			"$tmp/own-back.sql") ms a year back"
	fi
else
	say "ageing: skipped, this crm has no 'ar aging'"
fi

ratio() { calc "sprintf(\"%.2f\", $1 / $2)"; }
echo "crm bench: N=$N customers ($db_mb MB database); $machine"
row "what" "value" "floor" "ratio" "target" "result"
row "import (rows/s)" "$crm_rate" "$floor_rate" "$import_ratio" ">= 0.70" "$import_ok"
row "search median ($nq q x $RUNS, ms)" "$s_med" "$f_med" "$(ratio "$s_med" "$f_med")" \
	"<= 1.30, < 50 ms" "$(verdict "$s_med <= 1.3 * $f_med && $s_med < 50")"
row "search p99 (ms)" "$s_p99" "$f_p99" "$(ratio "$s_p99" "$f_p99")" \
	"<= 1.30, < 50 ms" "$(verdict "$s_p99 <= 1.3 * $f_p99 && $s_p99 < 50")"
row "show start-to-exit median (ms)" "$show_crm" "$show_floor" \
	"$(ratio "$show_crm" "$show_floor")" "<= 1.30" "$(verdict "$show_crm <= 1.3 * $show_floor")"
row "list peak RSS (MB; floor: N/10)" "$(calc "sprintf(\"%.1f\", $rss_big / 1024)")" \
	"$(calc "sprintf(\"%.1f\", $rss_small / 1024)")" "$(ratio "$rss_big" "$rss_small")" \
	"< 20 MB" "$(verdict "$rss_big < 20 * 1024")"
row "prices heavy --limit 20 (ms)" "$p_heavy" "$p_floor" "$(ratio "$p_heavy" "$p_floor")" \
	"< 50 ms" "$(verdict "$p_heavy < 50")"
row "prices mid --limit 20, $mid_lines (ms)" "$p_mid" "$p_floor" \
	"$(ratio "$p_mid" "$p_floor")" "< 50 ms" "$(verdict "$p_mid < 50")"
row "prices $worst --limit 20, $worst_lines (ms)" "$p_worst" "$p_floor" \
	"$(ratio "$p_worst" "$p_floor")" "< 50 ms" "$(verdict "$p_worst < 50")"
row "prices light, all $light_lines (ms)" "$p_light" "$p_floor" "$(ratio "$p_light" "$p_floor")" \
	"< 50 ms" "$(verdict "$p_light < 50")"
row "prices --customer, $cust_lines (ms)" "$p_cust" "$p_floor" "$(ratio "$p_cust" "$p_floor")" \
	"< 50 ms" "$(verdict "$p_cust < 50")"
if [ -n "$inv_rate" ]; then
	row "invoice import ($ninv x 5, lines/s)" "$inv_rate" "$inv_floor_rate" \
		"$(ratio "$inv_rate" "$inv_floor_rate")" ">= 0.70" \
		"$(verdict "$inv_rate >= 0.70 * $inv_floor_rate")"
else
	echo "invoice import: not measured, this crm has no 'invoice import'"
fi
# ar_row WHAT CRM FLOOR DAY: a row of the ageing, DIFF when the figures differ
ar_row() {
	case " $ar_same " in
	*" $4 "*) result=DIFF ;;
	*) result=$(verdict "$2 < 1000 && $2 <= 1.5 * $3") ;;
	esac
	row "$1" "$2" "$3" "$(ratio "$2" "$3")" "< 1 s, <= 1.50" "$result"
}
if [ -n "$ar_crm_today" ]; then
	ar_row "ar aging, $ar_rows_today customers (ms)" "$ar_crm_today" "$ar_floor_today" \
		"$ar_today"
	ar_row "ar aging a year back, $ar_rows_back (ms)" "$ar_crm_back" "$ar_floor_back" \
		"$ar_back"
else
	echo "ar aging: not measured, this crm has no 'ar aging'"
fi
echo "prices: $nlines lines in $ndocs documents; P00001 on $heavy_lines lines"
if [ -n "$ar_crm_today" ]; then
	echo "ar: $ar_inv issued invoices ($ar_open open on $ar_today), $ar_rc receipts," \
		"$ar_alloc allocations, $ar_cn credit notes, $ar_rev reversals," \
		"$ar_wo write-offs; $ar_checked rows checked against the views"
	if [ -n "$ar_own" ]; then
		echo "ar: crm's own SELECT in the sqlite3 shell: $ar_own"
	fi
fi
