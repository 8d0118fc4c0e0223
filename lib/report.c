/* report.c — the activity report: where the reps' time goes, and the
 * customers who take much of it without their deals moving. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

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
