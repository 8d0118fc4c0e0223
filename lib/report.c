/* report.c — the activity report: where the reps' time goes, and the
 * customers who take much of it without their deals moving; the
 * commission report: what the reps earned. */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "doc.h"
#include "report.h"

/* share is a decimal number ("12.5"): INT columns are bare numbers in JSON
 * and right-aligned in tables, which is what a decimal wants too. */
static const struct crm_column by_rep_columns[] = {
	{"rep", CRM_COL_TEXT},   {"activities", CRM_COL_INT}, {"minutes", CRM_COL_INT},
	{"customers", CRM_COL_INT}, {"call", CRM_COL_INT},    {"email", CRM_COL_INT},
	{"im", CRM_COL_INT},     {"visit", CRM_COL_INT},      {"meeting", CRM_COL_INT},
	{"note", CRM_COL_INT},
};
static const struct crm_column by_type_columns[] = {
	{"rep", CRM_COL_TEXT},     {"type", CRM_COL_TEXT}, {"activities", CRM_COL_INT},
	{"minutes", CRM_COL_INT}, {"share", CRM_COL_INT},
};
static const struct crm_column by_customer_columns[] = {
	{"rep", CRM_COL_TEXT},        {"customer", CRM_COL_TEXT}, {"name", CRM_COL_TEXT},
	{"activities", CRM_COL_INT}, {"minutes", CRM_COL_INT},   {"share", CRM_COL_INT},
};

#define N(a) (sizeof a / sizeof *a)

/* The activities of the period (?1 <= at < ?2) and of the rep (?3, NULL
 * for all). */
#define PERIOD "a.at >= ?1 AND a.at < ?2 AND (?3 IS NULL OR a.rep = ?3)"

static const char by_rep_sql[] =
	"SELECT a.rep, count(*), coalesce(sum(a.minutes), 0), count(DISTINCT a.customer_id), "
	"count(CASE WHEN a.type = 'call' THEN 1 END), "
	"count(CASE WHEN a.type = 'email' THEN 1 END), "
	"count(CASE WHEN a.type = 'im' THEN 1 END), "
	"count(CASE WHEN a.type = 'visit' THEN 1 END), "
	"count(CASE WHEN a.type = 'meeting' THEN 1 END), "
	"count(CASE WHEN a.type = 'note' THEN 1 END) "
	"FROM activity a WHERE " PERIOD " GROUP BY a.rep ORDER BY a.rep";

/* Each row ends with the rep's minutes, which the share is taken of. */
static const char by_type_sql[] =
	"SELECT rep, type, n, m, sum(m) OVER (PARTITION BY rep) FROM "
	"(SELECT a.rep, a.type, count(*) AS n, coalesce(sum(a.minutes), 0) AS m "
	"FROM activity a WHERE " PERIOD " GROUP BY a.rep, a.type) "
	"ORDER BY rep, CASE type WHEN 'call' THEN 1 WHEN 'email' THEN 2 WHEN 'im' THEN 3 "
	"WHEN 'visit' THEN 4 WHEN 'meeting' THEN 5 ELSE 6 END";

/* ?4: only sinks; ?5: their least share in percent. */
static const char by_customer_sql[] =
	"SELECT t.rep, c.code, c.name, t.n, t.m, t.total FROM "
	"(SELECT rep, customer_id, n, m, sum(m) OVER (PARTITION BY rep) AS total FROM "
	"(SELECT a.rep, a.customer_id, count(*) AS n, coalesce(sum(a.minutes), 0) AS m "
	"FROM activity a WHERE " PERIOD " GROUP BY a.rep, a.customer_id)) t "
	"JOIN customer c ON c.id = t.customer_id "
	"WHERE ?4 = 0 OR (t.total > 0 AND t.m * 100 >= ?5 * t.total AND NOT EXISTS "
	"(SELECT 1 FROM deal_stage s JOIN deal d ON d.id = s.deal_id "
	"WHERE d.customer_id = t.customer_id AND s.stage <> 'lost' "
	"AND s.at >= ?1 AND s.at < ?2)) "
	"ORDER BY t.rep, t.m DESC, c.code";

int crm_report_by_parse(const char *s, enum crm_report_by *by, struct crm_err *err)
{
	static const char *const names[] = {"rep", "type", "customer"};

	for (size_t i = 0; i < N(names); i++)
		if (!strcmp(s, names[i])) {
			*by = (enum crm_report_by)i;
			return CRM_OK;
		}
	return crm_fail(err, CRM_EUSAGE, "unknown --by '%s' (rep, type, customer)", s);
}

void crm_report_activity_columns(const struct crm_activity_report *r,
				 const struct crm_column **cols, size_t *ncols)
{
	if (r->sinks || r->by == CRM_REPORT_BY_CUSTOMER) {
		*cols = by_customer_columns;
		*ncols = N(by_customer_columns);
	} else if (r->by == CRM_REPORT_BY_TYPE) {
		*cols = by_type_columns;
		*ncols = N(by_type_columns);
	} else {
		*cols = by_rep_columns;
		*ncols = N(by_rep_columns);
	}
}

/* part of whole in percent with one decimal, rounded half away from zero
 * (both are minutes, never negative): "12.5", or NULL when whole is 0. */
static const char *share(int64_t part, int64_t whole, char *buf, size_t n)
{
	int64_t tenths;

	if (whole <= 0)
		return NULL;
	tenths = (part * 2000 + whole) / (2 * whole);
	snprintf(buf, n, "%" PRId64 ".%" PRId64, tenths / 10, tenths % 10);
	return buf;
}

/* The period's first day and the day after its last, as YYYY-MM-DD. */
static int period(struct crm_store *st, const struct crm_activity_report *r,
		  char from[CRM_DATE_BUFSZ], char until[CRM_DATE_BUFSZ], struct crm_err *err)
{
	crm_day f, t = st->clock.today;
	char a[CRM_DATE_BUFSZ], b[CRM_DATE_BUFSZ];
	int rc;

	if (r->to && (rc = crm_date_parse(r->to, st->clock.today, &t, err)) != CRM_OK)
		return rc;
	f = t - 29;
	if (r->from && (rc = crm_date_parse(r->from, st->clock.today, &f, err)) != CRM_OK)
		return rc;
	if (f > t)
		return crm_fail(err, CRM_EINVAL, "the period ends on %s, before it starts on %s",
				crm_date_format(t, b), crm_date_format(f, a));
	crm_date_format(f, from);
	crm_date_format(t + 1, until);
	return CRM_OK;
}

int crm_report_activity(struct crm_store *st, const struct crm_activity_report *r,
			struct crm_out *out, struct crm_err *err)
{
	char from[CRM_DATE_BUFSZ], until[CRM_DATE_BUFSZ], buf[32];
	const char *cells[N(by_rep_columns)];
	const struct crm_column *cols;
	size_t ncols;
	int by_customer = r->sinks || r->by == CRM_REPORT_BY_CUSTOMER, rc;
	sqlite3_stmt *stmt;

	if (r->share < 0 || r->share > 100)
		return crm_fail(err, CRM_EINVAL, "'%d' is not a percentage (0-100)", r->share);
	if ((rc = period(st, r, from, until, err)) != CRM_OK)
		return rc;
	crm_report_activity_columns(r, &cols, &ncols);
	rc = crm_store_prepare(st,
			       by_customer		    ? by_customer_sql
			       : r->by == CRM_REPORT_BY_TYPE ? by_type_sql
							     : by_rep_sql,
			       &stmt, err);
	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, until, -1, SQLITE_STATIC);
	crm_bind_text(stmt, 3, r->rep);
	if (by_customer) {
		sqlite3_bind_int(stmt, 4, r->sinks);
		sqlite3_bind_int(stmt, 5, r->share);
	}
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (size_t i = 0; i < ncols; i++)
			cells[i] = (const char *)sqlite3_column_text(stmt, (int)i);
		/* the last column holds the rep's minutes until it becomes the share */
		if (r->by != CRM_REPORT_BY_REP || by_customer)
			cells[ncols - 1] = share(sqlite3_column_int64(stmt, (int)ncols - 2),
						 sqlite3_column_int64(stmt, (int)ncols - 1), buf,
						 sizeof buf);
		if (crm_out_row(out, cells) != CRM_OK) {
			sqlite3_finalize(stmt);
			return crm_fail(err, CRM_EFAIL, "write error");
		}
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}

/* ---- commission ---- */

const struct crm_column crm_commission_columns[] = {
	{"rep", CRM_COL_TEXT},   {"basis", CRM_COL_TEXT},       {"base", CRM_COL_MONEY},
	{"rate", CRM_COL_INT},   {"commission", CRM_COL_MONEY},
};
const size_t crm_commission_ncolumns = N(crm_commission_columns);

int crm_commission_basis_parse(const char *s, enum crm_commission_basis *basis,
			       struct crm_err *err)
{
	if (!strcmp(s, "invoiced"))
		*basis = CRM_COMMISSION_INVOICED;
	else if (!strcmp(s, "paid"))
		*basis = CRM_COMMISSION_PAID;
	else
		return crm_fail(err, CRM_EUSAGE, "unknown --basis '%s' (invoiced, paid)", s);
	return CRM_OK;
}

/* The first day of the month ("YYYY-MM", NULL: today's) and of the next. */
static int month_bounds(struct crm_store *st, const char *month, char from[CRM_DATE_BUFSZ],
			char until[CRM_DATE_BUFSZ], struct crm_err *err)
{
	int y, m, d;

	if (!month) {
		crm_day_to_civil(st->clock.today, &y, &m, &d);
	} else {
		for (int i = 0; i < 7; i++)
			if (i == 4 ? month[i] != '-' : !isdigit((unsigned char)month[i]))
				goto bad;
		if (month[7] || sscanf(month, "%4d-%2d", &y, &m) != 2 || y < 1 || m < 1 || m > 12)
			goto bad;
	}
	crm_date_format(crm_day_from_civil(y, m, 1), from);
	crm_date_format(crm_day_add_months(crm_day_from_civil(y, m, 1), 1), until);
	return CRM_OK;
bad:
	return crm_fail(err, CRM_EINVAL, "'%s' is not a month (YYYY-MM)", month);
}

/* One rep's base; rep NULL: the customers without an owner. */
struct rep_base {
	char *rep;
	__int128 base;
};

struct rep_bases {
	struct rep_base *v;
	size_t n;
};

static struct rep_base *rep_find(struct rep_bases *b, const char *rep)
{
	for (size_t i = 0; i < b->n; i++)
		if (rep ? b->v[i].rep && !strcmp(b->v[i].rep, rep) : !b->v[i].rep)
			return &b->v[i];
	b->v = realloc(b->v, (b->n + 1) * sizeof *b->v);
	if (!b->v || (rep && !(b->v[b->n].rep = strdup(rep))))
		abort();
	if (!rep)
		b->v[b->n].rep = NULL;
	b->v[b->n].base = 0;
	return &b->v[b->n++];
}

/* Reps by name, the customers without an owner last. */
static int by_rep_name(const void *a, const void *b)
{
	const struct rep_base *x = a, *y = b;

	if (!x->rep || !y->rep)
		return !x->rep - !y->rep;
	return strcmp(x->rep, y->rep);
}

/* ?1, ?2: the month's first day and the next month's; ?3: the rep (NULL
 * for all).  Rows: rep, amount (already signed). */
static const char invoiced_sql[] =
	"SELECT c.owner, CASE d.kind WHEN 'credit' THEN d.discount - d.subtotal "
	"ELSE d.subtotal - d.discount END "
	"FROM doc d JOIN customer c ON c.id = d.customer_id "
	"WHERE d.kind IN ('invoice', 'credit') AND d.status = 'issued' "
	"AND d.date >= ?1 AND d.date < ?2 AND (?3 IS NULL OR c.owner = ?3)";

/* Rows: rep, allocated amount, the invoice's net and total, the sign
 * (+1 made in the month, -1 ended in it, 0 both). */
static const char paid_sql[] =
	"SELECT c.owner, a.amount, i.subtotal - i.discount, i.total, "
	"(a.date >= ?1 AND a.date < ?2) - ifnull(a.ended >= ?1 AND a.ended < ?2, 0) "
	"FROM allocation a JOIN doc i ON i.id = a.invoice_id "
	"JOIN customer c ON c.id = i.customer_id "
	"WHERE a.receipt_id IS NOT NULL AND a.invoice_id IS NOT NULL "
	"AND ((a.date >= ?1 AND a.date < ?2) OR (a.ended >= ?1 AND a.ended < ?2)) "
	"AND (?3 IS NULL OR c.owner = ?3)";

static int add_bases(struct crm_store *st, const char *sql, int paid, const char *from,
		     const char *until, const char *rep, struct rep_bases *b, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st, sql, &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, until, -1, SQLITE_STATIC);
	crm_bind_text(stmt, 3, rep);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct rep_base *r = rep_find(b, (const char *)sqlite3_column_text(stmt, 0));
		int64_t amount = sqlite3_column_int64(stmt, 1), share = amount;

		if (paid) {
			int64_t net = sqlite3_column_int64(stmt, 2), total = sqlite3_column_int64(stmt, 3);

			/* an invoice with something allocated has a total above 0 */
			if (total <= 0 || crm_muldiv_round(amount, net, total, &share) != 0) {
				sqlite3_finalize(stmt);
				return crm_fail(err, CRM_EINVAL, "commission base too large");
			}
			share *= sqlite3_column_int(stmt, 4);
		}
		r->base += share;
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}

/* Adds the reps with a rate set (config rep.REP.commission; only rep when
 * it is not NULL), so that they have a row even in a month without sales. */
static int add_rated(struct crm_store *st, const char *rep, struct rep_bases *b,
		     struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT substr(key, 5, length(key) - 15) FROM config "
				   "WHERE key LIKE 'rep._%.commission' "
				   "AND (?1 IS NULL OR key = 'rep.' || ?1 || '.commission')",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	crm_bind_text(stmt, 1, rep);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		rep_find(b, (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}

/* Writes one row; *sum gathers the base and commission for the total. */
static int commission_row(struct crm_store *st, const struct crm_commission_report *r,
			  const struct rep_base *b, int64_t sum[2], struct crm_out *out,
			  struct crm_err *err)
{
	char key[300], base[CRM_MONEY_BUFSZ], rate[CRM_MONEY_BUFSZ], commission[CRM_MONEY_BUFSZ];
	const char *cells[5];
	int64_t pct = 0, c = 0;
	int has_rate = 0;

	if (b->base > INT64_MAX || b->base < -INT64_MAX)
		return crm_fail(err, CRM_EINVAL, "commission base too large");
	if (b->rep && strlen(b->rep) < 256) {
		snprintf(key, sizeof key, "rep.%s.commission", b->rep);
		has_rate = crm_config_rate(st, key, &pct) == CRM_OK;
	}
	if (has_rate && crm_muldiv_round((int64_t)b->base, pct, 10000, &c) != 0)
		return crm_fail(err, CRM_EINVAL, "commission too large");
	sum[0] += (int64_t)b->base;
	sum[1] += c;
	cells[0] = b->rep;
	cells[1] = r->basis == CRM_COMMISSION_PAID ? "paid" : "invoiced";
	cells[2] = crm_money_format((int64_t)b->base, st->money_decimals, base);
	cells[3] = has_rate ? crm_rate_format(pct, rate) : NULL;
	cells[4] = crm_money_format(c, st->money_decimals, commission);
	return crm_out_row(out, cells) == CRM_OK ? CRM_OK : crm_fail(err, CRM_EFAIL, "write error");
}

static int commission_rows(struct crm_store *st, const struct crm_commission_report *r,
			   struct rep_bases *b, struct crm_out *out, struct crm_err *err)
{
	int64_t sum[2] = {0, 0};
	int rc = CRM_OK;

	if (b->n) /* qsort of NULL is undefined, even of no elements */
		qsort(b->v, b->n, sizeof *b->v, by_rep_name);
	for (size_t i = 0; i < b->n && rc == CRM_OK; i++)
		rc = commission_row(st, r, &b->v[i], sum, out, err);
	if (rc == CRM_OK && r->total) {
		char base[CRM_MONEY_BUFSZ], commission[CRM_MONEY_BUFSZ];
		const char *cells[] = {"total", r->basis == CRM_COMMISSION_PAID ? "paid" : "invoiced",
				       crm_money_format(sum[0], st->money_decimals, base), NULL,
				       crm_money_format(sum[1], st->money_decimals, commission)};

		if (crm_out_row(out, cells) != CRM_OK)
			rc = crm_fail(err, CRM_EFAIL, "write error");
	}
	return rc;
}

int crm_report_commission(struct crm_store *st, const struct crm_commission_report *r,
			  struct crm_out *out, struct crm_err *err)
{
	char from[CRM_DATE_BUFSZ], until[CRM_DATE_BUFSZ];
	int paid = r->basis == CRM_COMMISSION_PAID;
	struct rep_bases b = {0};
	int rc = month_bounds(st, r->month, from, until, err);

	if (rc == CRM_OK)
		rc = add_bases(st, paid ? paid_sql : invoiced_sql, paid, from, until, r->rep, &b, err);
	if (rc == CRM_OK)
		rc = add_rated(st, r->rep, &b, err);
	if (rc == CRM_OK && r->rep)
		rep_find(&b, r->rep);
	if (rc == CRM_OK)
		rc = commission_rows(st, r, &b, out, err);
	for (size_t i = 0; i < b.n; i++)
		free(b.v[i].rep);
	free(b.v);
	return rc;
}
