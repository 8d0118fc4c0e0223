/* aging.c — the receivables reports: ageing, open items, statements,
 * credit control, concentration, and customer show's account section.
 * Every figure comes from the shared SQL of ar.h, so that all reports
 * agree with each other and with dunning. */
#include <stdlib.h>
#include <string.h>

#include "aging.h"
#include "ar.h"
#include "config.h"
#include "doc.h"
#include "order.h"
#include "text.h"

/* ---- small helpers ---- */

static int put_row(struct crm_out *out, const char *const *cells, struct crm_err *err)
{
	return crm_out_row(out, cells) == CRM_OK ? CRM_OK : crm_fail(err, CRM_EFAIL, "write error");
}

/* Adds v to *sum; CRM_EINVAL when the sum leaves int64. */
static int add_to(int64_t *sum, int64_t v, struct crm_err *err)
{
	if (__builtin_add_overflow(*sum, v, sum))
		return crm_fail(err, CRM_EINVAL, "sum too large");
	return CRM_OK;
}

static const char *money(struct crm_store *st, int64_t v, char buf[CRM_MONEY_BUFSZ])
{
	return crm_money_format(v, st->money_decimals, buf);
}

/* The column's money as text, NULL for SQL NULL. */
static const char *money_col(struct crm_store *st, sqlite3_stmt *stmt, int c,
			     char buf[CRM_MONEY_BUFSZ])
{
	return crm_store_cell(st, stmt, c, CRM_COL_MONEY, buf);
}

static const char *text_col(sqlite3_stmt *stmt, int c)
{
	return (const char *)sqlite3_column_text(stmt, c);
}

/* Finishes a statement stepped to step: CRM_OK after SQLITE_DONE, else rc,
 * else the database's error. */
static int finish(struct crm_store *st, sqlite3_stmt *stmt, int rc, int step,
		  struct crm_err *err)
{
	if (rc == CRM_OK && step != SQLITE_DONE)
		rc = crm_store_error(st, step, err);
	sqlite3_finalize(stmt);
	return rc;
}

/* "12.3" from a count of tenths. */
static const char *tenths(int64_t t, char buf[32])
{
	snprintf(buf, 32, "%s%lld.%lld", t < 0 ? "-" : "", (long long)(t < 0 ? -t : t) / 10,
		 (long long)(t < 0 ? -t : t) % 10);
	return buf;
}

/* ---- buckets ---- */

int crm_aging_buckets_parse(const char *text, struct crm_aging_buckets *b,
			    struct crm_err *err)
{
	const char *p = text ? text : "";
	int ok = *p != '\0';

	b->n = 0;
	while (ok && *p) {
		const char *start = p;
		long v = 0;

		for (; *p >= '0' && *p <= '9' && v <= 36500; p++)
			v = v * 10 + (*p - '0');
		ok = p > start && v >= 1 && v <= 36500 && b->n < CRM_AGING_MAX_EDGES &&
		     (!b->n || v > b->edge[b->n - 1]) && (!*p || (*p == ',' && p[1]));
		if (ok)
			b->edge[b->n++] = (int)v;
		if (*p == ',')
			p++;
	}
	if (!ok)
		return crm_fail(err, CRM_EINVAL,
				"buckets '%s' are not 1 to %d ascending day counts such as "
				"30,60,90,180", text ? text : "", CRM_AGING_MAX_EDGES);
	return CRM_OK;
}

int crm_aging_buckets_config(struct crm_store *st, struct crm_aging_buckets *b,
			     struct crm_err *err)
{
	char *v = crm_config_value(st, "ar.buckets");
	int rc = crm_aging_buckets_parse(v ? v : CRM_AGING_DEFAULT_BUCKETS, b, err);

	if (rc != CRM_OK) {
		char msg[sizeof err->msg];

		snprintf(msg, sizeof msg, "%s", err->msg);
		crm_fail(err, rc, "config ar.buckets: %s", msg);
	}
	free(v);
	return rc;
}

/* ---- the ageing report ---- */

/* Bucket k's column name and bound: an invoice falls into the first bucket
 * whose bound its reference date (due, or date by issue) is on or after. */
static void name_buckets(struct crm_aging *a)
{
	const struct crm_aging_buckets *b = &a->b;
	crm_day first = crm_day_from_civil(1, 1, 1);
	size_t k = 0;

	if (a->o.by == CRM_AGING_BY_DUE) {
		snprintf(a->name[k], sizeof a->name[k], "not_due");
		crm_date_format(a->asof, a->bound[k++]);
	}
	for (size_t e = 0; e < b->n; e++, k++) {
		int lo = e ? b->edge[e - 1] + 1 : a->o.by == CRM_AGING_BY_DUE ? 1 : 0;
		crm_day bound = a->asof - b->edge[e];

		snprintf(a->name[k], sizeof a->name[k], "%d-%d", lo, b->edge[e]);
		crm_date_format(bound < first ? first : bound, a->bound[k]);
	}
	snprintf(a->name[k], sizeof a->name[k], "over_%d", b->edge[b->n - 1]);
	a->nbuckets = k + 1;
}

int crm_aging_init(struct crm_store *st, const struct crm_aging_opts *o, struct crm_aging *a,
		   struct crm_err *err)
{
	static const char *const head[] = {"code", "name", "rep"};
	static const char *const tail[] = {"open", "credit", "balance"};
	int rc;

	memset(a, 0, sizeof *a);
	a->o = *o;
	a->asof = st->clock.today;
	if (o->as_of && (rc = crm_date_parse(o->as_of, st->clock.today, &a->asof, err)) != CRM_OK)
		return rc;
	crm_date_format(a->asof, a->asof_text);
	if (o->buckets)
		a->b = *o->buckets;
	else if ((rc = crm_aging_buckets_config(st, &a->b, err)) != CRM_OK)
		return rc;
	name_buckets(a);
	for (size_t i = 0; i < 3; i++)
		a->cols[a->ncols++] = (struct crm_column){head[i], CRM_COL_TEXT};
	for (size_t k = 0; k < a->nbuckets; k++)
		a->cols[a->ncols++] = (struct crm_column){a->name[k], CRM_COL_MONEY};
	for (size_t i = 0; i < 3; i++)
		a->cols[a->ncols++] = (struct crm_column){tail[i], CRM_COL_MONEY};
	return CRM_OK;
}

const char *crm_aging_label(const struct crm_aging *a, size_t k, char buf[32])
{
	if (!strcmp(a->name[k], "not_due"))
		return "not due";
	if (!strncmp(a->name[k], "over_", 5))
		snprintf(buf, 32, "over %s", a->name[k] + 5);
	else
		snprintf(buf, 32, "%s", a->name[k]);
	return buf;
}

/* The CASE that numbers an open invoice i's bucket. */
static void bucket_case(const struct crm_aging *a, struct crm_buf *b)
{
	const char *ref = a->o.by == CRM_AGING_BY_ISSUE ? "i.date" : "i.due";

	crm_buf_adds(b, "CASE");
	for (size_t k = 0; k + 1 < a->nbuckets; k++)
		crm_buf_addf(b, " WHEN %s >= :b%zu THEN %zu", ref, k, k);
	crm_buf_addf(b, " ELSE %zu END", a->nbuckets - 1);
}

/* The customer and rep filters, only when given: "x.customer_id =
 * :customer" is pushed down into both halves of the union, where it picks
 * the customer's own index (doc_customer, receipt_customer); "(:customer
 * IS NULL OR ...)" would not be, and would read every open item. */
static void filters(const struct crm_aging *a, const char *alias, struct crm_buf *b)
{
	if (a->o.customer_id)
		crm_buf_addf(b, " AND %s.customer_id = :customer", alias);
	if (a->o.rep)
		crm_buf_adds(b, " AND c.owner = :rep");
}

/* One SELECT over the open invoices (each with its bucket) and the
 * unapplied credit, grouped by customer. */
char *crm_aging_sql(const struct crm_aging *a)
{
	struct crm_buf b = {0};

	crm_buf_adds(&b, "SELECT x.customer_id, c.code, c.name, c.owner");
	for (size_t k = 0; k < a->nbuckets; k++)
		crm_buf_addf(&b, ", sum(iif(x.b = %zu, x.open, 0))", k);
	crm_buf_adds(&b, ", sum(x.open), sum(x.credit), sum(x.open) - sum(x.credit) AS balance "
			 "FROM (SELECT i.customer_id, i.open, 0 AS credit, ");
	bucket_case(a, &b);
	crm_buf_adds(&b, " AS b FROM " CRM_AR_OPEN_INVOICES_SQL " i UNION ALL "
			 "SELECT k.customer_id, 0, k.unapplied, -1 FROM " CRM_AR_CREDITS_SQL " k) x "
			 "JOIN customer c ON c.id = x.customer_id WHERE 1");
	filters(a, "x", &b);
	crm_buf_adds(&b, " GROUP BY c.code");
	if (a->o.min)
		crm_buf_adds(&b, " HAVING balance >= :min");
	crm_buf_adds(&b, " ORDER BY c.code");
	return b.data;
}

static void bind_aging(sqlite3_stmt *stmt, const struct crm_aging *a)
{
	char name[32];

	crm_bind_named_text(stmt, ":asof", a->asof_text);
	for (size_t k = 0; k + 1 < a->nbuckets; k++) {
		snprintf(name, sizeof name, ":b%zu", k);
		crm_bind_named_text(stmt, name, a->bound[k]);
	}
	if (a->o.customer_id)
		crm_bind_named_int(stmt, ":customer", a->o.customer_id);
	if (a->o.rep)
		crm_bind_named_text(stmt, ":rep", a->o.rep);
	if (a->o.min)
		crm_bind_named_int(stmt, ":min", *a->o.min);
}

static int prepare_aging(struct crm_store *st, const struct crm_aging *a, sqlite3_stmt **stmt,
			 struct crm_err *err)
{
	char *sql = crm_aging_sql(a);
	int rc = crm_store_prepare(st, sql, stmt, err);

	free(sql);
	if (rc == CRM_OK)
		bind_aging(*stmt, a);
	return rc;
}

int crm_aging_sql_expanded(struct crm_store *st, const struct crm_aging *a, char **sql,
			   struct crm_err *err)
{
	sqlite3_stmt *stmt;
	char *text;
	int rc = prepare_aging(st, a, &stmt, err);

	if (rc != CRM_OK)
		return rc;
	text = sqlite3_expanded_sql(stmt);
	*sql = text ? strdup(text) : NULL;
	sqlite3_free(text);
	sqlite3_finalize(stmt);
	return *sql ? CRM_OK : crm_fail(err, CRM_EFAIL, "out of memory");
}

int crm_aging_each(struct crm_store *st, const struct crm_aging *a,
		   int (*each)(void *arg, const struct crm_aging_row *row, struct crm_err *err),
		   void *arg, struct crm_err *err)
{
	struct crm_aging_row row;
	sqlite3_stmt *stmt;
	int step = SQLITE_DONE, rc = prepare_aging(st, a, &stmt, err);
	int c;

	if (rc != CRM_OK)
		return rc;
	while (rc == CRM_OK && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		memset(&row, 0, sizeof row);
		row.customer_id = sqlite3_column_int64(stmt, 0);
		row.code = text_col(stmt, 1);
		row.name = text_col(stmt, 2);
		row.rep = text_col(stmt, 3);
		for (c = 0; c < (int)a->nbuckets; c++)
			row.amount[c] = sqlite3_column_int64(stmt, 4 + c);
		row.open = sqlite3_column_int64(stmt, 4 + c);
		row.credit = sqlite3_column_int64(stmt, 5 + c);
		row.balance = sqlite3_column_int64(stmt, 6 + c);
		rc = each(arg, &row, err);
	}
	return finish(st, stmt, rc, step, err);
}

struct report_arg {
	struct crm_store *st;
	struct crm_aging *a;
	struct crm_out *out;
};

static int write_aging_row(struct report_arg *r, const struct crm_aging_row *row,
			   struct crm_err *err)
{
	char buf[CRM_AGING_MAX_BUCKETS + 3][CRM_MONEY_BUFSZ];
	const char *cells[CRM_AGING_MAX_BUCKETS + 6];
	size_t n = 0, k;

	if (!r->out)
		return CRM_OK;
	cells[n++] = row->code;
	cells[n++] = row->name;
	cells[n++] = row->rep;
	for (k = 0; k < r->a->nbuckets; k++)
		cells[n++] = money(r->st, row->amount[k], buf[k]);
	cells[n++] = money(r->st, row->open, buf[k++]);
	cells[n++] = money(r->st, row->credit, buf[k++]);
	cells[n++] = money(r->st, row->balance, buf[k]);
	return put_row(r->out, cells, err);
}

static int report_each(void *arg, const struct crm_aging_row *row, struct crm_err *err)
{
	struct report_arg *r = arg;
	struct crm_aging_row *t = &r->a->total;
	int rc = CRM_OK;

	for (size_t k = 0; k < r->a->nbuckets && rc == CRM_OK; k++)
		rc = add_to(&t->amount[k], row->amount[k], err);
	if (rc != CRM_OK || (rc = add_to(&t->open, row->open, err)) != CRM_OK ||
	    (rc = add_to(&t->credit, row->credit, err)) != CRM_OK ||
	    (rc = add_to(&t->balance, row->balance, err)) != CRM_OK)
		return rc;
	r->a->customers++;
	return write_aging_row(r, row, err);
}

int crm_aging_report(struct crm_store *st, struct crm_aging *a, struct crm_out *out,
		     struct crm_err *err)
{
	struct report_arg r = {st, a, out};
	int rc;

	memset(&a->total, 0, sizeof a->total);
	a->total.code = "total";
	a->customers = 0;
	if ((rc = crm_aging_each(st, a, report_each, &r, err)) != CRM_OK)
		return rc;
	/* no customers, no total: an empty report stays empty */
	return a->o.total && a->customers ? write_aging_row(&r, &a->total, err) : CRM_OK;
}

static int balance_each(void *arg, const struct crm_aging_row *row, struct crm_err *err)
{
	*(int64_t *)arg = row->balance;
	return CRM_OK;
}

int crm_aging_balance(struct crm_store *st, int64_t customer_id, crm_day day,
		      int64_t *balance, struct crm_err *err)
{
	static const struct crm_aging_buckets one = {{1}, 1}; /* the buckets do not matter */
	char text[CRM_DATE_BUFSZ];
	struct crm_aging_opts o = {.buckets = &one, .customer_id = customer_id};
	struct crm_aging a;
	int rc;

	o.as_of = crm_date_format(day, text);
	*balance = 0;
	if ((rc = crm_aging_init(st, &o, &a, err)) != CRM_OK)
		return rc;
	return crm_aging_each(st, &a, balance_each, balance, err);
}

/* ---- items: --detail and ar open ---- */

/* Every open invoice and every unapplied credit, item by item, with the
 * customer's balance beside each (a window, so that --min can filter on
 * it).  Columns: code, name, rep, kind, number, date, due, days, bucket,
 * total (an invoice's total, a credit's whole amount), open, credit. */
static char *items_sql(const struct crm_aging *a, int oldest_due_first)
{
	const char *ref = a->o.by == CRM_AGING_BY_ISSUE ? "i.date" : "i.due";
	struct crm_buf b = {0};

	crm_buf_addf(&b,
		     "SELECT c.code, c.name, c.owner, x.kind, x.number, x.date, x.due, x.days, "
		     "x.b, x.total, x.open, x.credit FROM (SELECT y.*, sum(ifnull(y.open, 0) - "
		     "ifnull(y.credit, 0)) OVER (PARTITION BY y.customer_id) AS balance FROM ("
		     "SELECT i.customer_id, 'invoice' AS kind, i.number, i.date, i.due, "
		     "CAST(julianday(:asof) - julianday(%s) AS INTEGER) AS days, ",
		     ref);
	bucket_case(a, &b);
	crm_buf_adds(&b, " AS b, i.total, i.open, NULL AS credit FROM " CRM_AR_OPEN_INVOICES_SQL
			 " i UNION ALL SELECT k.customer_id, k.kind, k.number, k.date, NULL, NULL, "
			 "NULL, k.amount, NULL, k.unapplied FROM " CRM_AR_CREDITS_SQL " k) y "
			 "WHERE 1");
	/* the customer inside the window's subquery, which SQLite does not push into */
	if (a->o.customer_id)
		crm_buf_adds(&b, " AND y.customer_id = :customer");
	crm_buf_adds(&b, ") x JOIN customer c ON c.id = x.customer_id WHERE 1");
	if (a->o.rep)
		crm_buf_adds(&b, " AND c.owner = :rep");
	if (a->o.min)
		crm_buf_adds(&b, " AND x.balance >= :min");
	crm_buf_adds(&b, " ORDER BY ");
	crm_buf_adds(&b, oldest_due_first
				 ? "coalesce(x.due, x.date), x.date, c.code, x.number"
				 : "c.code, x.kind <> 'invoice', coalesce(x.due, x.date), x.date, x.number");
	return b.data;
}

enum { IT_CODE, IT_NAME, IT_REP, IT_KIND, IT_NUMBER, IT_DATE, IT_DUE, IT_DAYS, IT_BUCKET,
       IT_TOTAL, IT_OPEN, IT_CREDIT };

static int prepare_items(struct crm_store *st, const struct crm_aging *a, int oldest_due_first,
			 sqlite3_stmt **stmt, struct crm_err *err)
{
	char *sql = items_sql(a, oldest_due_first);
	int rc = crm_store_prepare(st, sql, stmt, err);

	free(sql);
	if (rc == CRM_OK)
		bind_aging(*stmt, a);
	return rc;
}

const struct crm_column crm_aging_detail_columns[] = {
	{"customer", CRM_COL_TEXT}, {"name", CRM_COL_TEXT},   {"rep", CRM_COL_TEXT},
	{"kind", CRM_COL_TEXT},     {"number", CRM_COL_TEXT}, {"date", CRM_COL_TEXT},
	{"due", CRM_COL_TEXT},      {"days", CRM_COL_INT},    {"bucket", CRM_COL_TEXT},
	{"open", CRM_COL_MONEY},    {"credit", CRM_COL_MONEY},
};
const size_t crm_aging_detail_ncolumns =
	sizeof crm_aging_detail_columns / sizeof *crm_aging_detail_columns;

int crm_aging_detail(struct crm_store *st, const struct crm_aging *a, struct crm_out *out,
		     struct crm_err *err)
{
	char buf[2][CRM_MONEY_BUFSZ];
	const char *cells[11];
	int64_t open = 0, credit = 0, rows = 0;
	sqlite3_stmt *stmt;
	int step = SQLITE_DONE, rc = prepare_items(st, a, 0, &stmt, err);

	if (rc != CRM_OK)
		return rc;
	while (rc == CRM_OK && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		int has_bucket = sqlite3_column_type(stmt, IT_BUCKET) != SQLITE_NULL;
		int b = sqlite3_column_int(stmt, IT_BUCKET);

		for (int i = 0; i <= IT_DAYS; i++)
			cells[i] = text_col(stmt, i);
		cells[8] = has_bucket && b >= 0 && b < (int)a->nbuckets ? a->name[b] : NULL;
		cells[9] = money_col(st, stmt, IT_OPEN, buf[0]);
		cells[10] = money_col(st, stmt, IT_CREDIT, buf[1]);
		rows++;
		if ((rc = add_to(&open, sqlite3_column_int64(stmt, IT_OPEN), err)) == CRM_OK &&
		    (rc = add_to(&credit, sqlite3_column_int64(stmt, IT_CREDIT), err)) == CRM_OK)
			rc = put_row(out, cells, err);
	}
	if ((rc = finish(st, stmt, rc, step, err)) != CRM_OK || !a->o.total || !rows)
		return rc;
	memset(cells, 0, sizeof cells);
	cells[0] = "total";
	cells[9] = money(st, open, buf[0]);
	cells[10] = money(st, credit, buf[1]);
	return put_row(out, cells, err);
}

/* ---- ar open ---- */

const struct crm_column crm_ar_open_columns[] = {
	{"customer", CRM_COL_TEXT}, {"kind", CRM_COL_TEXT},   {"number", CRM_COL_TEXT},
	{"date", CRM_COL_TEXT},     {"due", CRM_COL_TEXT},    {"days", CRM_COL_INT},
	{"total", CRM_COL_MONEY},   {"paid", CRM_COL_MONEY},  {"open", CRM_COL_MONEY},
	{"status", CRM_COL_TEXT},
};
const size_t crm_ar_open_ncolumns = sizeof crm_ar_open_columns / sizeof *crm_ar_open_columns;

/* One open item: an invoice's figures, or a credit's negated. */
struct open_item {
	int64_t total, paid, open;
	const char *status;
};

static void open_item(sqlite3_stmt *stmt, const char *asof, struct open_item *it)
{
	const char *due = text_col(stmt, IT_DUE);

	if (sqlite3_column_type(stmt, IT_CREDIT) != SQLITE_NULL) {
		int64_t amount = sqlite3_column_int64(stmt, IT_TOTAL),
			left = sqlite3_column_int64(stmt, IT_CREDIT);

		it->total = -amount;
		it->paid = left - amount;
		it->open = -left;
		it->status = "unapplied";
		return;
	}
	it->total = sqlite3_column_int64(stmt, IT_TOTAL);
	it->open = sqlite3_column_int64(stmt, IT_OPEN);
	it->paid = it->total - it->open;
	/* CRM_AR_INVOICE_STATUS_SQL's rule, applied to the figures as of the day */
	it->status = due && strcmp(due, asof) < 0 ? "overdue"
		     : it->paid > 0		 ? "partly-paid"
						 : "issued";
}

static int open_total(struct crm_store *st, const int64_t sum[3], struct crm_out *out,
		      struct crm_err *err)
{
	char buf[3][CRM_MONEY_BUFSZ];
	const char *cells[10] = {"total"};

	for (int i = 0; i < 3; i++)
		cells[6 + i] = money(st, sum[i], buf[i]);
	return put_row(out, cells, err);
}

int crm_ar_open_items(struct crm_store *st, int64_t customer_id, const char *as_of, int total,
		      struct crm_out *out, struct crm_err *err)
{
	static const struct crm_aging_buckets one = {{1}, 1}; /* no bucket is shown */
	struct crm_aging_opts o = {.as_of = as_of, .buckets = &one, .customer_id = customer_id};
	char buf[3][CRM_MONEY_BUFSZ];
	int64_t sum[3] = {0}, rows = 0;
	struct open_item it;
	struct crm_aging a;
	sqlite3_stmt *stmt;
	int step = SQLITE_DONE, rc;

	if ((rc = crm_aging_init(st, &o, &a, err)) != CRM_OK ||
	    (rc = prepare_items(st, &a, 1, &stmt, err)) != CRM_OK)
		return rc;
	while (rc == CRM_OK && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *cells[10];

		open_item(stmt, a.asof_text, &it);
		cells[0] = text_col(stmt, IT_CODE);
		for (int i = 1; i < 6; i++)
			cells[i] = text_col(stmt, IT_KIND + i - 1);
		cells[6] = money(st, it.total, buf[0]);
		cells[7] = money(st, it.paid, buf[1]);
		cells[8] = money(st, it.open, buf[2]);
		cells[9] = it.status;
		rows++;
		if ((rc = add_to(&sum[0], it.total, err)) == CRM_OK &&
		    (rc = add_to(&sum[1], it.paid, err)) == CRM_OK &&
		    (rc = add_to(&sum[2], it.open, err)) == CRM_OK)
			rc = put_row(out, cells, err);
	}
	if ((rc = finish(st, stmt, rc, step, err)) != CRM_OK || !total || !rows)
		return rc;
	return open_total(st, sum, out, err);
}

/* ---- statement ---- */

const struct crm_column crm_ar_statement_columns[] = {
	{"date", CRM_COL_TEXT},    {"kind", CRM_COL_TEXT},    {"number", CRM_COL_TEXT},
	{"ref", CRM_COL_TEXT},     {"debit", CRM_COL_MONEY},  {"credit", CRM_COL_MONEY},
	{"balance", CRM_COL_MONEY},
};
const size_t crm_ar_statement_ncolumns =
	sizeof crm_ar_statement_columns / sizeof *crm_ar_statement_columns;

/* Everything that moved the balance of :customer from :from to :to, so
 * that opening + debits - credits is the balance as of :to.  A receipt
 * counts from its date until its reversal; what its allocations settle
 * cancels out between invoice and receipt; write-offs and refunds move the
 * balance by their allocations, from their date until they end.  An
 * allocation that ended the day it began never counted. */
static const char statement_sql[] =
	"SELECT date, kind, number, ref, debit, credit FROM ("
	"SELECT d.date, 1 AS seq, 'invoice' AS kind, d.number, 'due ' || d.due AS ref, "
	"d.total AS debit, NULL AS credit FROM doc d WHERE d.customer_id = :customer "
	"AND d.kind = 'invoice' AND d.status = 'issued' AND d.date BETWEEN :from AND :to "
	"UNION ALL SELECT a.date, 2, 'refund', f.number, f.ref, sum(a.amount), NULL "
	"FROM allocation a JOIN receipt f ON f.id = a.refund_id WHERE a.customer_id = :customer "
	"AND a.refund_id IS NOT NULL AND (a.ended IS NULL OR a.ended > a.date) "
	"AND a.date BETWEEN :from AND :to GROUP BY a.refund_id, a.date "
	"UNION ALL SELECT d.date, 3, 'credit', d.number, s.number, NULL, d.total FROM doc d "
	"LEFT JOIN doc s ON s.id = d.source_id WHERE d.customer_id = :customer "
	"AND d.kind = 'credit' AND d.status = 'issued' AND d.date BETWEEN :from AND :to "
	"UNION ALL SELECT r.date, 4, 'receipt', r.number, r.ref, NULL, r.amount FROM receipt r "
	"WHERE r.customer_id = :customer AND r.kind = 'receipt' AND r.date BETWEEN :from AND :to "
	"UNION ALL SELECT a.date, 5, 'writeoff', i.number, a.reason, NULL, a.amount "
	"FROM allocation a JOIN doc i ON i.id = a.invoice_id WHERE a.customer_id = :customer "
	"AND a.receipt_id IS NULL AND a.credit_id IS NULL AND i.status = 'issued' "
	"AND (a.ended IS NULL OR a.ended > a.date) AND a.date BETWEEN :from AND :to "
	"UNION ALL SELECT r.reversed, 6, 'reversal', r.number, r.reason, r.amount, NULL "
	"FROM receipt r WHERE r.customer_id = :customer AND r.kind = 'receipt' "
	"AND r.reversed BETWEEN :from AND :to "
	"UNION ALL SELECT a.ended, 6, 'reversal', f.number, f.reason, NULL, sum(a.amount) "
	"FROM allocation a JOIN receipt f ON f.id = a.refund_id WHERE a.customer_id = :customer "
	"AND a.refund_id IS NOT NULL AND a.ended > a.date AND a.ended BETWEEN :from AND :to "
	"GROUP BY a.refund_id, a.ended "
	"UNION ALL SELECT a.ended, 6, 'reversal', i.number, a.reason, a.amount, NULL "
	"FROM allocation a JOIN doc i ON i.id = a.invoice_id WHERE a.customer_id = :customer "
	"AND a.receipt_id IS NULL AND a.credit_id IS NULL AND i.status = 'issued' "
	"AND a.ended > a.date AND a.ended BETWEEN :from AND :to) "
	"ORDER BY date, seq, number";

/* A statement's period and its balances at both ends. */
struct period {
	crm_day from, to;
	char from_text[CRM_DATE_BUFSZ], to_text[CRM_DATE_BUFSZ], before[CRM_DATE_BUFSZ];
	int64_t opening, closing;
};

static int statement_period(struct crm_store *st, const struct crm_statement_opts *o,
			    struct period *p, struct crm_err *err)
{
	int y, m, d, rc;

	crm_day_to_civil(st->clock.today, &y, &m, &d);
	p->from = crm_day_from_civil(y, m, 1);
	p->to = st->clock.today;
	if ((o->from && (rc = crm_date_parse(o->from, st->clock.today, &p->from, err)) != CRM_OK) ||
	    (o->to && (rc = crm_date_parse(o->to, st->clock.today, &p->to, err)) != CRM_OK))
		return rc;
	crm_date_format(p->from, p->from_text);
	crm_date_format(p->to, p->to_text);
	crm_date_format(p->from - 1, p->before);
	if (p->from > p->to)
		return crm_fail(err, CRM_EINVAL, "the period starts (%s) after it ends (%s)",
				p->from_text, p->to_text);
	if ((rc = crm_aging_balance(st, o->customer_id, p->from - 1, &p->opening, err)) != CRM_OK)
		return rc;
	return crm_aging_balance(st, o->customer_id, p->to, &p->closing, err);
}

/* Calls each(arg, cells, debit, credit) for the opening row, every
 * movement with the running balance, and the closing row (cells as
 * crm_ar_statement_columns). */
static int statement_each(struct crm_store *st, const struct crm_statement_opts *o,
			  struct period *p,
			  int (*each)(void *arg, const char *const *cells, int64_t debit,
				      int64_t credit, struct crm_err *err),
			  void *arg, struct crm_err *err)
{
	char buf[3][CRM_MONEY_BUFSZ];
	const char *cells[7] = {p->before, "opening", NULL, NULL, NULL, NULL, NULL};
	int64_t balance;
	sqlite3_stmt *stmt;
	int step = SQLITE_DONE, rc;

	if ((rc = statement_period(st, o, p, err)) != CRM_OK)
		return rc;
	balance = p->opening;
	cells[6] = money(st, balance, buf[2]);
	if ((rc = each(arg, cells, 0, 0, err)) != CRM_OK ||
	    (rc = crm_store_prepare(st, statement_sql, &stmt, err)) != CRM_OK)
		return rc;
	crm_bind_named_int(stmt, ":customer", o->customer_id);
	crm_bind_named_text(stmt, ":from", p->from_text);
	crm_bind_named_text(stmt, ":to", p->to_text);
	while (rc == CRM_OK && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t debit = sqlite3_column_int64(stmt, 4), credit = sqlite3_column_int64(stmt, 5);

		for (int i = 0; i < 4; i++)
			cells[i] = text_col(stmt, i);
		cells[4] = money_col(st, stmt, 4, buf[0]);
		cells[5] = money_col(st, stmt, 5, buf[1]);
		if ((rc = add_to(&balance, debit, err)) == CRM_OK &&
		    (rc = add_to(&balance, -credit, err)) == CRM_OK) {
			cells[6] = money(st, balance, buf[2]);
			rc = each(arg, cells, debit, credit, err);
		}
	}
	if ((rc = finish(st, stmt, rc, step, err)) != CRM_OK)
		return rc;
	memset(cells, 0, sizeof cells);
	cells[0] = p->to_text;
	cells[1] = "closing";
	cells[6] = money(st, p->closing, buf[2]);
	return each(arg, cells, 0, 0, err);
}

static int statement_row(void *arg, const char *const *cells, int64_t debit, int64_t credit,
			 struct crm_err *err)
{
	return put_row(arg, cells, err);
}

int crm_ar_statement(struct crm_store *st, const struct crm_statement_opts *o,
		     struct crm_out *out, struct crm_err *err)
{
	struct period p;

	return statement_each(st, o, &p, statement_row, out, err);
}

/* The record a statement template reads. */
struct statement_rec {
	struct crm_store *st;
	struct crm_rec *rec;
	int64_t debits, credits;
};

static int statement_line(void *arg, const char *const *cells, int64_t debit, int64_t credit,
			  struct crm_err *err)
{
	struct statement_rec *s = arg;
	int rc;

	if (!strcmp(cells[1], "opening") || !strcmp(cells[1], "closing"))
		return CRM_OK;
	if ((rc = add_to(&s->debits, debit, err)) != CRM_OK ||
	    (rc = add_to(&s->credits, credit, err)) != CRM_OK)
		return rc;
	crm_rec_table_row(s->rec, "lines", cells);
	return CRM_OK;
}

/* customer, customer_name, address (its lines joined by newlines), email. */
static int statement_customer(struct crm_store *st, int64_t id, struct crm_rec *rec,
			      struct crm_err *err)
{
	struct crm_buf addr = {0};
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT code, name, street, trim(ifnull(postcode, '') || ' ' || "
				   "ifnull(city, '')), region, country, email FROM customer "
				   "WHERE id = ?1",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = sqlite3_step(stmt)) != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? crm_fail(err, CRM_ENOTFOUND, "no customer '%lld'",
						  (long long)id)
				       : crm_store_error(st, rc, err);
		sqlite3_finalize(stmt);
		return rc;
	}
	crm_rec_field(rec, "customer", CRM_COL_TEXT, text_col(stmt, 0));
	crm_rec_field(rec, "customer_name", CRM_COL_TEXT, text_col(stmt, 1));
	for (int c = 2; c <= 5; c++) {
		const char *t = text_col(stmt, c);

		if (t && *t)
			crm_buf_addf(&addr, "%s%s", addr.len ? "\n" : "", t);
	}
	crm_rec_field(rec, "address", CRM_COL_TEXT, addr.data);
	crm_rec_field(rec, "email", CRM_COL_TEXT, text_col(stmt, 6));
	free(addr.data);
	sqlite3_finalize(stmt);
	return CRM_OK;
}

static const struct crm_column bucket_columns[] = {
	{"bucket", CRM_COL_TEXT},
	{"amount", CRM_COL_MONEY},
};

/* The ageing of one customer as of a day (YYYY-MM-DD), by due date with
 * the configured buckets (the default ones when the stored value is bad):
 * *row receives its sums, all 0 when nothing is open or unapplied. */
static int customer_ageing(struct crm_store *st, int64_t id, const char *as_of,
			   struct crm_aging *a, struct crm_aging_row *row, struct crm_err *err)
{
	struct crm_aging_buckets b;
	struct crm_aging_opts o = {.as_of = as_of, .buckets = &b, .customer_id = id};
	int rc;

	if (crm_aging_buckets_config(st, &b, err) != CRM_OK)
		crm_aging_buckets_parse(CRM_AGING_DEFAULT_BUCKETS, &b, err);
	if ((rc = crm_aging_init(st, &o, a, err)) != CRM_OK ||
	    (rc = crm_aging_report(st, a, NULL, err)) != CRM_OK)
		return rc;
	*row = a->total;
	return CRM_OK;
}

/* "not due 100.00, 1-30 50.00": the non-zero buckets; NULL for none. */
static char *ageing_line(struct crm_store *st, const struct crm_aging *a,
			 const struct crm_aging_row *row)
{
	struct crm_buf b = {0};
	char label[32], m[CRM_MONEY_BUFSZ];

	for (size_t k = 0; k < a->nbuckets; k++)
		if (row->amount[k])
			crm_buf_addf(&b, "%s%s %s", b.len ? ", " : "", crm_aging_label(a, k, label),
				     money(st, row->amount[k], m));
	return b.data;
}

int crm_ar_statement_show(struct crm_store *st, const struct crm_statement_opts *o,
			  struct crm_rec *rec, struct crm_err *err)
{
	static const size_t ncols = sizeof crm_ar_statement_columns / sizeof *crm_ar_statement_columns;
	struct statement_rec s = {st, rec, 0, 0};
	char m[4][CRM_MONEY_BUFSZ], label[32];
	struct crm_aging_row row;
	struct crm_aging a;
	struct period p;
	char *line;
	int rc;

	if ((rc = statement_customer(st, o->customer_id, rec, err)) != CRM_OK)
		return rc;
	crm_rec_table(rec, "lines", crm_ar_statement_columns, ncols);
	if ((rc = statement_each(st, o, &p, statement_line, &s, err)) != CRM_OK ||
	    (rc = customer_ageing(st, o->customer_id, p.to_text, &a, &row, err)) != CRM_OK)
		return rc;
	crm_rec_field(rec, "from", CRM_COL_TEXT, p.from_text);
	crm_rec_field(rec, "to", CRM_COL_TEXT, p.to_text);
	crm_rec_field(rec, "opening", CRM_COL_MONEY, money(st, p.opening, m[0]));
	crm_rec_field(rec, "debits", CRM_COL_MONEY, money(st, s.debits, m[1]));
	crm_rec_field(rec, "credits", CRM_COL_MONEY, money(st, s.credits, m[2]));
	crm_rec_field(rec, "closing", CRM_COL_MONEY, money(st, p.closing, m[3]));
	crm_rec_field(rec, "overdue", CRM_COL_MONEY, money(st, row.open - row.amount[0], m[0]));
	line = ageing_line(st, &a, &row);
	crm_rec_field(rec, "ageing", CRM_COL_TEXT, line);
	free(line);
	crm_rec_table(rec, "buckets", bucket_columns, 2);
	for (size_t k = 0; k < a.nbuckets; k++) {
		const char *cells[2] = {crm_aging_label(&a, k, label), money(st, row.amount[k], m[1])};

		crm_rec_table_row(rec, "buckets", cells);
	}
	return CRM_OK;
}

/* ---- credit control ---- */

const struct crm_column crm_ar_credit_columns[] = {
	{"code", CRM_COL_TEXT},      {"name", CRM_COL_TEXT},      {"rep", CRM_COL_TEXT},
	{"limit", CRM_COL_MONEY},    {"orders", CRM_COL_MONEY},   {"invoices", CRM_COL_MONEY},
	{"credit", CRM_COL_MONEY},   {"exposure", CRM_COL_MONEY}, {"over", CRM_COL_MONEY},
};
const size_t crm_ar_credit_ncolumns = sizeof crm_ar_credit_columns / sizeof *crm_ar_credit_columns;

struct over_limit {
	char *code, *name, *rep;
	int64_t limit, over;
	struct crm_exposure x;
};

struct over_list {
	struct over_limit *v;
	size_t n;
};

static void over_free(struct over_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].code);
		free(l->v[i].name);
		free(l->v[i].rep);
	}
	free(l->v);
}

static char *dup_or_null(const char *s)
{
	char *p = s ? strdup(s) : NULL;

	if (s && !p)
		abort();
	return p;
}

static int over_cmp(const void *pa, const void *pb)
{
	const struct over_limit *a = pa, *b = pb;

	if (a->over != b->over)
		return a->over > b->over ? -1 : 1;
	return strcmp(a->code, b->code);
}

/* Keeps a copy of each customer over its limit, to sort them by how far. */
static int over_keep(void *arg, const struct crm_over_limit *o, struct crm_err *err)
{
	struct over_list *l = arg;
	struct over_limit *v = realloc(l->v, (l->n + 1) * sizeof *v);

	(void)err;
	if (!v)
		abort();
	l->v = v;
	v[l->n].limit = o->limit;
	v[l->n].over = o->over;
	v[l->n].x = o->x;
	v[l->n].code = dup_or_null(o->code);
	v[l->n].name = dup_or_null(o->name);
	v[l->n].rep = dup_or_null(o->rep);
	l->n++;
	return CRM_OK;
}

int crm_ar_credit(struct crm_store *st, struct crm_out *out, struct crm_err *err)
{
	struct over_list l = {0};
	struct crm_over_filter f = {.archived = 1};
	int rc = crm_credit_over_each(st, &f, over_keep, &l, err);

	if (rc == CRM_OK && l.n) /* qsort of NULL is undefined, even for 0 items */
		qsort(l.v, l.n, sizeof *l.v, over_cmp);
	for (size_t i = 0; i < l.n && rc == CRM_OK; i++) {
		const struct over_limit *o = &l.v[i];
		char m[6][CRM_MONEY_BUFSZ];
		const char *cells[9] = {o->code, o->name, o->rep, money(st, o->limit, m[0]),
					money(st, o->x.orders, m[1]),
					money(st, o->x.invoices, m[2]),
					money(st, o->x.credit, m[3]),
					money(st, o->x.total, m[4]), money(st, o->over, m[5])};

		rc = put_row(out, cells, err);
	}
	over_free(&l);
	return rc;
}

/* ---- concentration ---- */

const struct crm_column crm_ar_concentration_columns[] = {
	{"rank", CRM_COL_INT},        {"code", CRM_COL_TEXT},    {"name", CRM_COL_TEXT},
	{"balance", CRM_COL_MONEY},   {"share", CRM_COL_MONEY},  {"cumulative", CRM_COL_MONEY},
	{"pareto", CRM_COL_BOOL},
};
const size_t crm_ar_concentration_ncolumns =
	sizeof crm_ar_concentration_columns / sizeof *crm_ar_concentration_columns;

struct debtor {
	char *code, *name;
	int64_t balance;
};

struct debtors {
	struct debtor *v;
	size_t n;
	int64_t total;
};

static int debtor_each(void *arg, const struct crm_aging_row *row, struct crm_err *err)
{
	struct debtors *d = arg;
	struct debtor *v;
	int rc;

	if (row->balance <= 0)
		return CRM_OK;
	if ((rc = add_to(&d->total, row->balance, err)) != CRM_OK)
		return rc;
	if (!(v = realloc(d->v, (d->n + 1) * sizeof *v)))
		abort();
	d->v = v;
	v[d->n].code = dup_or_null(row->code);
	v[d->n].name = dup_or_null(row->name);
	v[d->n++].balance = row->balance;
	return CRM_OK;
}

static int debtor_cmp(const void *pa, const void *pb)
{
	const struct debtor *a = pa, *b = pb;

	if (a->balance != b->balance)
		return a->balance > b->balance ? -1 : 1;
	return strcmp(a->code, b->code);
}

/* Writes one concentration row; cum is the running sum including it, prev
 * the sum before it. */
static int share_row(struct crm_store *st, const struct debtors *d, const char *rank,
		     const char *code, const char *name, int64_t balance, int64_t prev,
		     int64_t cum, int with_cum, struct crm_out *out, struct crm_err *err)
{
	char m[CRM_MONEY_BUFSZ], sh[32], cu[32];
	int64_t share = 0, cumulative = 0;
	/* inside the first 80 %: what the larger ones hold is still below it */
	int pareto = (__int128)prev * 100 < (__int128)d->total * 80;
	const char *cells[7];

	crm_muldiv_round(balance, 1000, d->total, &share);
	crm_muldiv_round(cum, 1000, d->total, &cumulative);
	cells[0] = rank;
	cells[1] = code;
	cells[2] = name;
	cells[3] = money(st, balance, m);
	cells[4] = tenths(share, sh);
	cells[5] = with_cum ? tenths(cumulative, cu) : NULL;
	cells[6] = with_cum ? (pareto ? "1" : "0") : NULL;
	return put_row(out, cells, err);
}

static int concentration_rows(struct crm_store *st, const struct debtors *d, long top,
			      int total, struct crm_out *out, struct crm_err *err)
{
	size_t shown = top > 0 && (size_t)top < d->n ? (size_t)top : d->n;
	int64_t cum = 0, prev;
	char rank[32], others[64];
	int rc = CRM_OK;

	for (size_t i = 0; i < shown && rc == CRM_OK; i++) {
		prev = cum;
		cum += d->v[i].balance; /* never more than the total, which fits */
		snprintf(rank, sizeof rank, "%zu", i + 1);
		rc = share_row(st, d, rank, d->v[i].code, d->v[i].name, d->v[i].balance, prev, cum,
			       1, out, err);
	}
	if (rc == CRM_OK && shown < d->n) {
		snprintf(others, sizeof others, "%zu customers", d->n - shown);
		rc = share_row(st, d, NULL, "others", others, d->total - cum, cum, d->total, 1, out,
			       err);
	}
	if (rc == CRM_OK && total && d->n)
		rc = share_row(st, d, NULL, "total", NULL, d->total, 0, d->total, 0, out, err);
	return rc;
}

int crm_ar_concentration(struct crm_store *st, const char *as_of, long top, int total,
			 struct crm_out *out, struct crm_err *err)
{
	static const struct crm_aging_buckets one = {{1}, 1}; /* only balances are read */
	struct crm_aging_opts o = {.as_of = as_of, .buckets = &one};
	struct debtors d = {0};
	struct crm_aging a;
	int rc;

	if ((rc = crm_aging_init(st, &o, &a, err)) == CRM_OK &&
	    (rc = crm_aging_each(st, &a, debtor_each, &d, err)) == CRM_OK) {
		if (d.n)
			qsort(d.v, d.n, sizeof *d.v, debtor_cmp);
		rc = concentration_rows(st, &d, top, total, out, err);
	}
	for (size_t i = 0; i < d.n; i++) {
		free(d.v[i].code);
		free(d.v[i].name);
	}
	free(d.v);
	return rc;
}

/* ---- customer show ---- */

static const struct crm_column receipt_columns[] = {
	{"number", CRM_COL_TEXT},    {"date", CRM_COL_TEXT},       {"amount", CRM_COL_MONEY},
	{"method", CRM_COL_TEXT},    {"unapplied", CRM_COL_MONEY}, {"reversed", CRM_COL_TEXT},
};

static int last_receipts(struct crm_store *st, int64_t customer_id, struct crm_rec *rec,
			 struct crm_err *err)
{
	char buf[6][CRM_MONEY_BUFSZ];
	const char *cells[6];
	sqlite3_stmt *stmt;
	int step, rc = crm_store_prepare(
		st,
		"SELECT number, date, amount, method, iif(reversed IS NULL, amount - applied, 0), "
		"reversed FROM receipt WHERE customer_id = ?1 AND kind = 'receipt' "
		"ORDER BY date DESC, id DESC LIMIT 5",
		&stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, customer_id);
	crm_rec_table(rec, "receipts", receipt_columns, 6);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (int i = 0; i < 6; i++)
			cells[i] = crm_store_cell(st, stmt, i, receipt_columns[i].type, buf[i]);
		crm_rec_table_row(rec, "receipts", cells);
	}
	return finish(st, stmt, CRM_OK, step, err);
}

int crm_aging_section(struct crm_store *st, int64_t customer_id, struct crm_rec *rec,
		      struct crm_err *err)
{
	char today[CRM_DATE_BUFSZ], m[2][CRM_MONEY_BUFSZ];
	struct crm_aging_row row;
	struct crm_aging a;
	char *line;
	int rc = customer_ageing(st, customer_id, crm_date_format(st->clock.today, today), &a, &row,
				 err);

	if (rc != CRM_OK)
		return rc;
	crm_rec_field(rec, "balance", CRM_COL_MONEY, money(st, row.balance, m[0]));
	crm_rec_field(rec, "overdue", CRM_COL_MONEY, money(st, row.open - row.amount[0], m[1]));
	line = ageing_line(st, &a, &row);
	crm_rec_field(rec, "ageing", CRM_COL_TEXT, line);
	free(line);
	return last_receipts(st, customer_id, rec, err);
}
