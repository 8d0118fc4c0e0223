/* floor.c — the reference points `make bench` measures crm against, and the
 * small timing tools tests/bench/run.sh needs.
 *
 *   floor --import CSV DB    loads CSV (as gen writes it) into memory, then,
 *                            timed, inserts every row into a new database DB
 *                            with a plain loop of prepared INSERTs in one
 *                            transaction; prints "ROWS SECONDS"
 *   floor --invoices CSV DB  loads CSV (as gen --invoices writes it), looks up
 *                            its customers and products in DB, then, timed,
 *                            inserts the invoices and their lines into DB
 *                            with prepared INSERTs in one transaction;
 *                            prints "LINES SECONDS"
 *   floor --match QUERY      prints the FTS5 MATCH expression crm's search
 *                            binds for QUERY (crm_search_match's terms, and
 *                            archived customers left out)
 *   floor --aging ASOF       prints the best single SELECT we know for the
 *                            figures of crm ar aging --as-of ASOF, for the
 *                            sqlite3 shell
 *   floor --time RUNS [--warmup K] -- CMD [ARG...]
 *                            runs CMD K times untimed, then RUNS times, stdout
 *                            to /dev/null; prints each run's wall time, fork
 *                            to exit, in microseconds, one a line
 *   floor --maxrss -- CMD [ARG...]
 *                            runs CMD once, stdout to /dev/null; prints its
 *                            peak resident set size in KiB
 *
 * The import floor opens the database with crm_store_open, so the schema, its
 * triggers (audit log, search index) and the SQL functions they call are
 * crm's own, and inserts the very columns crm's import writes.  What it does
 * not do is crm's per-row work in C: CSV parsing, validation, trimming, money
 * parsing and the duplicate keys (name_key is just the lowercased name,
 * phone_key the phone's digits, tax_key the tax id as given) — all of that is
 * done before the timer starts.  The timer covers BEGIN to COMMIT and the
 * close that checkpoints the WAL, as crm's process exit does.
 *
 * The floor also fixes glibc malloc's trim and mmap thresholds.  Left to its
 * dynamic defaults, glibc can end up giving the heap top back to the kernel
 * after almost every row (SQLite allocates and frees blocks of 64-87 KiB per
 * statement or trigger): 60,000 brk calls for 20,000 rows, and an import 1.6
 * to 2.3 times slower, depending on things as incidental as the length of
 * the user name.  A floor must not pay for that; a program that wants the
 * floor's speed can make the same two mallopt calls. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "customer.h"
#include "money.h"
#include "reader.h"
#include "search.h"
#include "store.h"

extern char **environ;

static void die(const char *fmt, const char *arg)
{
	fprintf(stderr, "floor: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(1);
}

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- the rows, pre-generated in memory ---- */

/* Strings live in big chunks that are never freed: the process is short. */
static char *arena;
static size_t arena_left;

static const char *keep(const char *s, size_t n)
{
	char *p;

	if (n + 1 > arena_left) {
		arena_left = n + 1 > (64u << 20) ? n + 1 : (64u << 20);
		if (!(arena = malloc(arena_left)))
			die("%s", "out of memory");
	}
	p = arena;
	memcpy(p, s, n);
	p[n] = '\0';
	arena += n + 1;
	arena_left -= n + 1;
	return p;
}

#define MAX_TAGS 16

struct row {
	const char *v[CF_COUNT]; /* NULL when empty */
	int64_t credit, terms;
	const char *name_key, *phone_key;
	const char *tags[MAX_TAGS];
	int ntags;
};

static void split_tags(struct row *row, const char *text)
{
	while (*text && row->ntags < MAX_TAGS) {
		size_t n = strcspn(text, ";,");

		if (n)
			row->tags[row->ntags++] = keep(text, n);
		text += n + (text[n] != '\0');
	}
}

static void derive(struct row *row)
{
	const char *name = row->v[CF_NAME], *phone = row->v[CF_PHONE];
	char buf[1024];
	size_t n = 0;
	struct crm_err err;

	for (; name && *name && n < sizeof buf - 1; name++)
		buf[n++] = (char)tolower((unsigned char)*name);
	row->name_key = keep(buf, n);
	n = 0;
	for (; phone && *phone && n < sizeof buf - 1; phone++)
		if (isdigit((unsigned char)*phone))
			buf[n++] = *phone;
	row->phone_key = n ? keep(buf, n) : NULL;
	if (row->v[CF_CREDIT_LIMIT] &&
	    crm_money_parse(row->v[CF_CREDIT_LIMIT], 2, &row->credit, &err) != CRM_OK)
		die("bad credit limit %s", row->v[CF_CREDIT_LIMIT]);
	if (row->v[CF_TERMS])
		row->terms = strtoll(row->v[CF_TERMS], NULL, 10);
}

static struct row *load_csv(const char *path, size_t *nrows)
{
	FILE *fp = fopen(path, "r");
	struct crm_reader *r;
	struct crm_record rec;
	struct crm_err err;
	struct row *rows = NULL;
	size_t n = 0, cap = 0;
	int more;

	if (!fp)
		die("cannot open %s", path);
	if (crm_reader_open(&r, fp, CRM_READ_CSV, &err) != CRM_OK)
		die("%s", err.msg);
	while ((more = crm_reader_next(r, &rec, &err)) == 1) {
		struct row *row;

		if (n == cap) {
			cap = cap ? 2 * cap : 4096;
			if (!(rows = realloc(rows, cap * sizeof *rows)))
				die("%s", "out of memory");
		}
		row = memset(&rows[n++], 0, sizeof *rows);
		for (size_t i = 0; i < rec.nfields; i++) {
			const char *value = rec.values[i];
			int f = crm_customer_field_by_name(rec.names[i]);

			if (!value || !*value)
				continue;
			if (f >= 0)
				row->v[f] = keep(value, strlen(value));
			else if (!strcmp(rec.names[i], "tags"))
				split_tags(row, value);
		}
		derive(row);
	}
	if (more < 0)
		die("%s", err.msg);
	crm_reader_close(r);
	fclose(fp);
	*nrows = n;
	return rows;
}

/* ---- the import floor ---- */

/* crm's own INSERT (lib/customer.c), column for column. */
static const char insert_sql[] =
	"INSERT INTO customer (code, name, kind, status, owner, email, phone, website, street, "
	"city, region, postcode, country, tax_id, industry, source, tier, credit_limit, terms, "
	"note, archived, created, updated, name_key, phone_key, tax_key) VALUES (?1, ?2, "
	"ifnull(?3, 'company'), ifnull(?4, 'active'), ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
	"?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)";

static void bind_text(sqlite3_stmt *stmt, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(stmt, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(stmt, i);
}

static void step(struct crm_store *st, sqlite3_stmt *stmt)
{
	if (sqlite3_step(stmt) != SQLITE_DONE)
		die("insert failed: %s", sqlite3_errmsg(st->db));
	sqlite3_reset(stmt);
}

static int import_floor(const char *csv, const char *db)
{
	struct crm_store *st;
	struct crm_clock clock;
	struct crm_err err;
	sqlite3_stmt *ins, *tag;
	size_t n;
	struct row *rows = load_csv(csv, &n);
	double t0;

	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	if (crm_clock_init(&clock, NULL, &err) != CRM_OK ||
	    crm_store_open(&st, db, "bench", &clock, CRM_OPEN_CREATE, &err) != CRM_OK)
		die("%s", err.msg);
	t0 = now_seconds();
	if (crm_store_begin(st, &err) != CRM_OK ||
	    crm_store_prepare(st, insert_sql, &ins, &err) != CRM_OK ||
	    crm_store_prepare(st, "INSERT INTO customer_tag (customer_id, tag) VALUES (?1, ?2)",
			      &tag, &err) != CRM_OK)
		die("%s", err.msg);
	for (size_t i = 0; i < n; i++) {
		const struct row *row = &rows[i];
		sqlite3_int64 id;

		for (int f = 0; f < CF_COUNT; f++)
			bind_text(ins, f + 1, row->v[f]);
		if (row->v[CF_CREDIT_LIMIT])
			sqlite3_bind_int64(ins, CF_CREDIT_LIMIT + 1, row->credit);
		if (row->v[CF_TERMS])
			sqlite3_bind_int64(ins, CF_TERMS + 1, row->terms);
		sqlite3_bind_int(ins, 21, 0);
		sqlite3_bind_text(ins, 22, st->clock.now, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 23, st->clock.now, -1, SQLITE_STATIC);
		bind_text(ins, 24, row->name_key);
		bind_text(ins, 25, row->phone_key);
		bind_text(ins, 26, row->v[CF_TAX_ID]);
		step(st, ins);
		id = sqlite3_last_insert_rowid(st->db);
		for (int t = 0; t < row->ntags; t++) {
			sqlite3_bind_int64(tag, 1, id);
			sqlite3_bind_text(tag, 2, row->tags[t], -1, SQLITE_STATIC);
			step(st, tag);
		}
	}
	sqlite3_finalize(ins);
	sqlite3_finalize(tag);
	if (crm_store_commit(st, &err) != CRM_OK)
		die("%s", err.msg);
	crm_store_close(st);
	printf("%zu %.3f\n", n, now_seconds() - t0);
	return 0;
}

/* ---- the invoice import floor ---- */

/* One invoice line of gen --invoices, resolved and computed. */
struct inv_line {
	const char *number, *date;
	int64_t customer, product, qty, price, tax_rate, gross, tax;
	const char *description;
};

static int64_t half_up(int64_t a, int64_t b, int64_t d)
{
	return (a * b + d / 2) / d;
}

static int64_t lookup(sqlite3_stmt *q, const char *key)
{
	int64_t id;

	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(q) != SQLITE_ROW)
		die("no such key %s", key);
	id = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	return id;
}

static int invoice_floor(const char *csv, const char *db)
{
	FILE *fp = fopen(csv, "r");
	struct crm_reader *r;
	struct crm_record rec;
	struct crm_store *st;
	struct crm_clock clock;
	struct crm_err err;
	struct inv_line *lines = NULL;
	size_t n = 0, cap = 0;
	sqlite3_stmt *qc, *qp, *doc, *line;
	int more;
	double t0;

	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	if (!fp)
		die("cannot open %s", csv);
	if (crm_clock_init(&clock, NULL, &err) != CRM_OK ||
	    crm_store_open(&st, db, "bench", &clock, 0, &err) != CRM_OK ||
	    crm_reader_open(&r, fp, CRM_READ_CSV, &err) != CRM_OK ||
	    crm_store_prepare(st, "SELECT id FROM customer WHERE code = ?1", &qc, &err) != CRM_OK ||
	    crm_store_prepare(st, "SELECT id FROM product WHERE sku = ?1", &qp, &err) != CRM_OK)
		die("%s", err.msg);
	while ((more = crm_reader_next(r, &rec, &err)) == 1) {
		struct inv_line *l;

		if (rec.nfields != 7)
			die("%s", "want number,customer,date,sku,qty,price,tax_rate");
		if (n == cap && !(lines = realloc(lines, (cap = cap ? 2 * cap : 4096) * sizeof *lines)))
			die("%s", "out of memory");
		l = &lines[n++];
		l->number = keep(rec.values[0], strlen(rec.values[0]));
		l->date = keep(rec.values[2], strlen(rec.values[2]));
		l->customer = lookup(qc, rec.values[1]);
		l->product = lookup(qp, rec.values[3]);
		l->description = keep(rec.values[3], strlen(rec.values[3]));
		if (crm_money_parse(rec.values[4], 3, &l->qty, &err) != CRM_OK ||
		    crm_money_parse(rec.values[5], 2, &l->price, &err) != CRM_OK ||
		    crm_money_parse(rec.values[6], 2, &l->tax_rate, &err) != CRM_OK)
			die("%s", err.msg);
		l->gross = half_up(l->qty, l->price, 1000);
		l->tax = half_up(l->gross, l->tax_rate, 10000);
	}
	if (more < 0)
		die("%s", err.msg);
	crm_reader_close(r);
	fclose(fp);
	sqlite3_finalize(qc);
	sqlite3_finalize(qp);
	t0 = now_seconds();
	if (crm_store_begin(st, &err) != CRM_OK ||
	    crm_store_prepare(st,
			      "INSERT INTO doc (kind, number, customer_id, status, date, due, "
			      "subtotal, tax, total, created, updated) VALUES ('invoice', ?1, ?2, "
			      "'issued', ?3, ?3, ?4, ?5, ?6, ?7, ?7)",
			      &doc, &err) != CRM_OK ||
	    crm_store_prepare(st,
			      "INSERT INTO doc_line (doc_id, pos, product_id, description, qty, "
			      "unit, price, tax_rate, gross, discount, net, tax) VALUES (?1, ?2, "
			      "?3, ?4, ?5, 'pcs', ?6, ?7, ?8, 0, ?8, ?9)",
			      &line, &err) != CRM_OK)
		die("%s", err.msg);
	for (size_t i = 0, j; i < n; i = j) {
		int64_t sub = 0, tax = 0, id;

		for (j = i; j < n && !strcmp(lines[j].number, lines[i].number); j++)
			sub += lines[j].gross, tax += lines[j].tax;
		sqlite3_bind_text(doc, 1, lines[i].number, -1, SQLITE_STATIC);
		sqlite3_bind_int64(doc, 2, lines[i].customer);
		sqlite3_bind_text(doc, 3, lines[i].date, -1, SQLITE_STATIC);
		sqlite3_bind_int64(doc, 4, sub);
		sqlite3_bind_int64(doc, 5, tax);
		sqlite3_bind_int64(doc, 6, sub + tax);
		sqlite3_bind_text(doc, 7, st->clock.now, -1, SQLITE_STATIC);
		step(st, doc);
		id = sqlite3_last_insert_rowid(st->db);
		for (size_t k = i; k < j; k++) {
			const struct inv_line *l = &lines[k];

			sqlite3_bind_int64(line, 1, id);
			sqlite3_bind_int64(line, 2, (int64_t)(k - i + 1));
			sqlite3_bind_int64(line, 3, l->product);
			sqlite3_bind_text(line, 4, l->description, -1, SQLITE_STATIC);
			sqlite3_bind_int64(line, 5, l->qty);
			sqlite3_bind_int64(line, 6, l->price);
			sqlite3_bind_int64(line, 7, l->tax_rate);
			sqlite3_bind_int64(line, 8, l->gross);
			sqlite3_bind_int64(line, 9, l->tax);
			step(st, line);
		}
	}
	sqlite3_finalize(doc);
	sqlite3_finalize(line);
	if (crm_store_commit(st, &err) != CRM_OK)
		die("%s", err.msg);
	crm_store_close(st);
	printf("%zu %.3f\n", n, now_seconds() - t0);
	return 0;
}

/* ---- the search expression ---- */

/* The expression crm_customer_search (lib/customer.c) binds: the query's
 * terms from crm_search_match, in parentheses, without archived customers. */
static int print_match(const char *query)
{
	struct crm_buf match = {0};
	struct crm_err err;

	crm_buf_adds(&match, "(");
	if (crm_search_match(query, &match, &err) != CRM_OK)
		die("%s", err.msg);
	crm_buf_adds(&match, ") NOT short : \"" CRM_SEARCH_ARCHIVED_UNIT "\"");
	printf("%s\n", match.data);
	free(match.data);
	return 0;
}

/* ---- the ageing floor ---- */

/* What allocations standing on day A settle of the item d.id through
 * column col (invoice_id, credit_id or receipt_id): ar.h's
 * CRM_AR_SETTLED_SQL with the day written in. */
static void settled_sql(struct crm_buf *b, const char *col, const char *alias, const char *a)
{
	crm_buf_addf(b,
		     "ifnull((SELECT sum(a.amount) FROM allocation a WHERE a.%s = %s.id "
		     "AND a.date <= '%s' AND (a.ended IS NULL OR a.ended > '%s')), 0)",
		     col, alias, a, a);
}

/* One arm of the items: the invoices and credit notes (or the receipts)
 * whose cleared matches `cleared`, dated on or before day a: customer id
 * (cid), due, open, credit.  The first arm names the columns. */
static void aging_arm(struct crm_buf *b, int receipts, const char *cleared, const char *a)
{
	if (receipts) {
		crm_buf_adds(b, "SELECT r.customer_id, NULL, 0, r.amount - ");
		settled_sql(b, "receipt_id", "r", a);
		crm_buf_addf(b, " FROM receipt r WHERE r.kind = 'receipt' AND r.cleared %s "
				"AND +r.date <= '%s' AND (r.reversed IS NULL OR r.reversed > '%s')",
			     cleared, a, a);
		return;
	}
	crm_buf_adds(b, "SELECT d.customer_id AS cid, d.due, iif(d.kind = 'invoice', d.total - ");
	settled_sql(b, "invoice_id", "d", a);
	crm_buf_adds(b, ", 0) AS open, iif(d.kind = 'credit', d.total - ");
	settled_sql(b, "credit_id", "d", a);
	crm_buf_addf(b, ", 0) AS credit FROM doc d WHERE d.kind IN ('invoice', 'credit') "
			"AND d.status = 'issued' AND d.cleared %s AND +d.date <= '%s'",
		     cleared, a);
}

/* Prints the best single SELECT we know for the figures of `crm ar aging
 * --as-of ASOF` (by due date, buckets 30,60,90,180): per customer code,
 * name, rep, not_due, 1-30, 31-60, 61-90, 91-180, over_180, open, credit,
 * balance in minor units, by code; customers with neither open nor credit
 * left out.  The amounts are those of ar.h's CRM_AR_OPEN_INVOICES_SQL and
 * CRM_AR_CREDITS_SQL, read so that SQLite touches only the items not
 * cleared by ASOF: "cleared IS NULL OR cleared > ASOF" is two arms, each a
 * search of doc_receivable or receipt_receivable (the OR as one term scans
 * the whole index); the partial index's own condition (kind IN ('invoice',
 * 'credit')) is written out, without which SQLite cannot use it; +date
 * keeps doc_date and receipt_date out; and invoices and credit notes come
 * in one pass, told apart by kind.  The bucket bounds are dates worked out
 * here, so no row computes a day count. */
static int print_aging(const char *asof)
{
	static const int edges[] = {30, 60, 90, 180};
	char bound[4][CRM_DATE_BUFSZ], a[CRM_DATE_BUFSZ], later[32];
	struct crm_buf b = {0};
	struct crm_err err;
	crm_day day;

	if (crm_date_parse_iso(asof, &day, &err) != CRM_OK)
		die("%s", err.msg);
	crm_date_format(day, a);
	for (int k = 0; k < 4; k++)
		crm_date_format(day - edges[k], bound[k]);
	crm_buf_addf(&b,
		     "SELECT c.code, c.name, c.owner, sum(iif(x.due >= '%s', x.open, 0)), "
		     "sum(iif(x.due < '%s' AND x.due >= '%s', x.open, 0)), "
		     "sum(iif(x.due < '%s' AND x.due >= '%s', x.open, 0)), "
		     "sum(iif(x.due < '%s' AND x.due >= '%s', x.open, 0)), "
		     "sum(iif(x.due < '%s' AND x.due >= '%s', x.open, 0)), "
		     "sum(iif(x.due < '%s', x.open, 0)), sum(x.open), sum(x.credit), "
		     "sum(x.open) - sum(x.credit) FROM (",
		     a, a, bound[0], bound[0], bound[1], bound[1], bound[2], bound[2], bound[3],
		     bound[3]);
	snprintf(later, sizeof later, "> '%s'", a);
	for (int receipts = 0; receipts < 2; receipts++) {
		aging_arm(&b, receipts, "IS NULL", a);
		crm_buf_adds(&b, " UNION ALL ");
		aging_arm(&b, receipts, later, a);
		crm_buf_adds(&b, receipts ? "" : " UNION ALL ");
	}
	/* open and credit are never negative: a customer whose sums are both
	 * 0 has nothing (so no WHERE open > 0 that SQLite would evaluate
	 * twice per row) */
	crm_buf_adds(&b, ") x JOIN customer c ON c.id = x.cid GROUP BY c.code "
			 "HAVING sum(x.open) > 0 OR sum(x.credit) > 0 ORDER BY c.code;");
	printf("%s\n", b.data);
	free(b.data);
	return 0;
}

/* ---- running commands ---- */

/* Runs argv with stdout on /dev/null; returns its wall time in seconds and
 * its resource usage in *ru.  Exits when the command fails.  posix_spawn
 * (a vfork underneath) keeps the timer's own cost out of the figure. */
static double run_once(char **argv, struct rusage *ru)
{
	posix_spawn_file_actions_t fa;
	double t0, t;
	int status, rc;
	pid_t pid;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	t0 = now_seconds();
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	if (rc != 0)
		die("cannot run %s", argv[0]);
	if (wait4(pid, &status, 0, ru) < 0)
		die("wait: %s", strerror(errno));
	t = now_seconds() - t0;
	posix_spawn_file_actions_destroy(&fa);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die("command failed: %s", argv[0]);
	return t;
}

static int time_runs(int runs, int warmup, char **argv)
{
	struct rusage ru;

	for (int i = 0; i < warmup; i++)
		run_once(argv, &ru);
	for (int i = 0; i < runs; i++)
		printf("%.0f\n", run_once(argv, &ru) * 1e6);
	return 0;
}

static int max_rss(char **argv)
{
	struct rusage ru;

	run_once(argv, &ru);
	printf("%ld\n", ru.ru_maxrss);
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: floor --import CSV DB\n"
			"       floor --invoices CSV DB\n"
			"       floor --match QUERY\n"
			"       floor --aging ASOF\n"
			"       floor --time RUNS [--warmup K] -- CMD [ARG...]\n"
			"       floor --maxrss -- CMD [ARG...]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "--import"))
		return import_floor(argv[2], argv[3]);
	if (argc == 4 && !strcmp(argv[1], "--invoices"))
		return invoice_floor(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "--match"))
		return print_match(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "--aging"))
		return print_aging(argv[2]);
	if (argc >= 4 && !strcmp(argv[1], "--maxrss") && !strcmp(argv[2], "--"))
		return max_rss(argv + 3);
	if (argc >= 5 && !strcmp(argv[1], "--time")) {
		int runs = atoi(argv[2]), warmup = 0, i = 3;

		if (!strcmp(argv[i], "--warmup") && i + 1 < argc)
			warmup = atoi(argv[i + 1]), i += 2;
		if (i + 1 < argc && !strcmp(argv[i], "--") && runs > 0)
			return time_runs(runs, warmup, argv + i + 1);
	}
	usage();
	return 2;
}
