#!/bin/sh
# Several crm processes writing one database at once: every write succeeds
# (each waits for the others' transactions), none is lost, and generated
# codes stay unique.  Also several processes starting on a database that does
# not exist yet, and readers running beside writers.
. "$(dirname "$0")/lib.sh"

PROCS=8
PER_PROC=25

# writers DB N PER: N background processes each adding PER customers to DB;
# process i writes its codes to codes.i and its failures to fail.i.
writers() {
	db=$1
	i=1
	while [ "$i" -le "$2" ]; do
		(
			j=1
			: >"fail.$i"
			while [ "$j" -le "$3" ]; do
				"$CRM_BIN" --db "$db" customer add "Name $i-$j" --force \
					--email "p$i.$j@example.com" --tag "proc$i" >>"codes.$i" \
					2>>"fail.$i" || echo "exit $? for Name $i-$j" >>"fail.$i"
				j=$((j + 1))
			done
		) &
		i=$((i + 1))
	done
	wait
}

# ---- writers on an existing database ----

try 'create the database' 0 crm customer add 'First Customer'
out_is <<'EOF'
C00001
EOF

rm -f codes.* fail.*
writers "$CRM_DB" "$PROCS" "$PER_PROC"

cat fail.* >failures
try 'no writer failed' 0 cat failures
out_empty
cat codes.* | sort >codes
try 'every add printed a code' 0 sh -c 'wc -l <codes; sort -u codes | wc -l'
out_is <<'EOF'
200
200
EOF
sql_is 'SELECT count(*), count(DISTINCT code), count(DISTINCT name), count(DISTINCT email) FROM customer' <<'EOF'
201|201|201|200
EOF
sql_is "SELECT min(code), max(code) FROM customer WHERE name LIKE 'Name %'" <<'EOF'
C00002|C00201
EOF
sql_is "SELECT count(*) FROM customer_tag GROUP BY tag ORDER BY tag" <<'EOF'
25
25
25
25
25
25
25
25
EOF
sql_is "SELECT entity, count(*) FROM audit GROUP BY entity ORDER BY entity" <<'EOF'
customer|201
tag|200
EOF
# Each process's codes are exactly its customers'.
sqlite3 "$CRM_DB" "SELECT code FROM customer WHERE name LIKE 'Name 3-%' ORDER BY code" >db-codes
try 'a process printed the codes of its own customers' 0 sh -c 'sort codes.3 | cmp - db-codes'
sql_is 'PRAGMA integrity_check' <<'EOF'
ok
EOF

# Generated codes keep counting after the concurrent adds.
try 'the next add' 0 crm customer add 'Last Customer'
out_is <<'EOF'
C00202
EOF

# ---- writers on a database that does not exist yet ----

rm -f codes.* fail.*
writers "$T/new/fresh.db" 6 5
cat fail.* >failures
try 'no writer on a new database failed' 0 cat failures
out_empty
try 'the new database holds every customer' 0 sqlite3 "$T/new/fresh.db" \
	'SELECT count(*), count(DISTINCT code), min(code), max(code) FROM customer'
out_is <<'EOF'
30|30|C00001|C00030
EOF
try 'the new database is in WAL mode' 0 sqlite3 "$T/new/fresh.db" 'PRAGMA journal_mode'
out_is <<'EOF'
wal
EOF

# ---- imports and adds at once, with readers beside them ----

rm -f codes.* fail.*
i=1
while [ "$i" -le 4 ]; do
	awk -v p="$i" 'BEGIN {
		print "code,name"
		for (k = 1; k <= 50; k++) printf "I%d-%02d,Imported %d-%d\n", p, k, p, k
	}' >"import.$i.csv"
	i=$((i + 1))
done
(
	for i in 1 2 3 4; do
		"$CRM_BIN" customer import -q --from "import.$i.csv" 2>"fail.import.$i" ||
			echo "import $i: exit $?" >>"fail.import.$i" &
	done
	for i in 1 2 3 4; do
		(
			for j in 1 2 3 4 5; do
				"$CRM_BIN" customer add "Mixed $i-$j" --force >/dev/null 2>>"fail.add.$i" ||
					echo "add $i-$j: exit $?" >>"fail.add.$i"
			done
		) &
	done
	for i in 1 2 3; do
		(
			for j in 1 2 3 4 5; do
				"$CRM_BIN" customer search imported >/dev/null 2>>"fail.read.$i" ||
					echo "search: exit $?" >>"fail.read.$i"
				"$CRM_BIN" customer list --format json >/dev/null 2>>"fail.read.$i" ||
					echo "list: exit $?" >>"fail.read.$i"
			done
		) &
	done
	wait
)
cat fail.* >failures
try 'no import, add or reader failed' 0 cat failures
out_empty
sql_is "SELECT count(*) FROM customer WHERE code LIKE 'I_-%'; SELECT count(*) FROM customer WHERE name LIKE 'Mixed %'; SELECT count(*), count(DISTINCT code) FROM customer" <<'EOF'
200
20
422|422
EOF

done_testing
