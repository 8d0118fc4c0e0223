/* visit.c — field visits and maintenance plans. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "customer.h"
#include "date.h"
#include "doc.h"
#include "validate.h"
#include "visit.h"

#define MAX_TEXT 2000
#define MAX_REP 64

const struct crm_column crm_visit_columns[] = {
	{"number", CRM_COL_TEXT},  {"date", CRM_COL_TEXT},    {"time", CRM_COL_TEXT},
	{"tech", CRM_COL_TEXT},    {"customer", CRM_COL_TEXT}, {"name", CRM_COL_TEXT},
	{"task", CRM_COL_TEXT},    {"status", CRM_COL_TEXT},  {"case", CRM_COL_TEXT},
	{"rma", CRM_COL_TEXT},     {"plan", CRM_COL_INT},     {"minutes", CRM_COL_INT},
	{"parts", CRM_COL_TEXT},   {"report", CRM_COL_TEXT},  {"reason", CRM_COL_TEXT},
	{"done", CRM_COL_TEXT},    {"created", CRM_COL_TEXT},
};
const size_t crm_visit_ncolumns = sizeof crm_visit_columns / sizeof *crm_visit_columns;

#define VISIT_SELECT                                                                          \
	"SELECT v.number, v.date, v.time, v.tech, c.code, c.name, v.task, v.status, "       \
	"k.number, r.number, v.plan_id, v.minutes, v.parts, v.report, v.reason, v.done, "    \
	"v.created FROM visit v JOIN customer c ON c.id = v.customer_id "                    \
	"LEFT JOIN service_case k ON k.id = v.case_id LEFT JOIN rma r ON r.id = v.rma_id "

const struct crm_column crm_visit_plan_columns[] = {
	{"id", CRM_COL_INT},     {"customer", CRM_COL_TEXT}, {"name", CRM_COL_TEXT},
	{"every", CRM_COL_TEXT}, {"next", CRM_COL_TEXT},     {"tech", CRM_COL_TEXT},
	{"task", CRM_COL_TEXT},  {"status", CRM_COL_TEXT},   {"scheduled", CRM_COL_TEXT},
};
const size_t crm_visit_plan_ncolumns =
	sizeof crm_visit_plan_columns / sizeof *crm_visit_plan_columns;

const struct crm_column crm_visit_due_columns[] = {
	{"plan", CRM_COL_INT},   {"next", CRM_COL_TEXT}, {"customer", CRM_COL_TEXT},
	{"name", CRM_COL_TEXT},  {"tech", CRM_COL_TEXT}, {"task", CRM_COL_TEXT},
	{"every", CRM_COL_TEXT},
};
const size_t crm_visit_due_ncolumns = sizeof crm_visit_due_columns / sizeof *crm_visit_due_columns;

/* A plan's period as it was typed: 12 months read as a year. */
#define PLAN_EVERY                                                                            \
	"CASE WHEN p.every % 12 = 0 THEN (p.every / 12) || 'y' ELSE p.every || 'm' END"
/* The visit scheduled for plan p, if any (there is at most one). */
#define PLAN_SCHEDULED                                                                        \
	"(SELECT number FROM visit WHERE plan_id = p.id AND status = 'scheduled')"

static int check_tech(const char *tech, struct crm_err *err)
{
	if (!*tech || strlen(tech) > MAX_REP || crm_has_control(tech, 0))
		return crm_fail(err, CRM_EINVAL, "'%s' is not a technician's name", tech);
	return CRM_OK;
}

static int check_text(const char *what, const char *s, int newlines, struct crm_err *err)
{
	if (!*s)
		return crm_fail(err, CRM_EINVAL, "the %s is empty", what);
	if (strlen(s) > MAX_TEXT || crm_has_control(s, newlines))
		return crm_fail(err, CRM_EINVAL, "the %s is too long or has control characters",
				what);
	return CRM_OK;
}

/* A case or RMA key of the visit's customer: *id receives its id. */
static int linked(struct crm_store *st, const char *noun, const char *by_id,
		  const char *by_number, const char *owner_sql, const char *key,
		  int64_t customer_id, int64_t *id, struct crm_err *err)
{
	char ours[65], theirs[65];
	int64_t owner;
	int rc = crm_store_find(st, by_id, by_number, key, noun, id, err);

	if (rc != CRM_OK || (rc = crm_store_int(st, owner_sql, *id, &owner, err)) != CRM_OK)
		return rc;
	if (owner == customer_id)
		return CRM_OK;
	crm_customer_code(st, owner, theirs);
	crm_customer_code(st, customer_id, ours);
	return crm_fail(err, CRM_EINVAL, "%s '%s' belongs to %s, not %s", noun, key, theirs, ours);
}

/* What a plan gives the visit scheduled for it. */
struct plan_row {
	int64_t customer_id;
	int active;
	char tech[MAX_REP + 1], task[MAX_TEXT + 1], scheduled[65];
};

static void copy_col(sqlite3_stmt *stmt, int c, char *buf, size_t size)
{
	const unsigned char *s = sqlite3_column_text(stmt, c);

	snprintf(buf, size, "%s", s ? (const char *)s : "");
}

static int plan_read(struct crm_store *st, int64_t id, struct plan_row *p, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT p.customer_id, p.active, p.tech, p.task, " PLAN_SCHEDULED
				   " FROM visit_plan p WHERE p.id = ?1",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		p->customer_id = sqlite3_column_int64(stmt, 0);
		p->active = sqlite3_column_int(stmt, 1);
		copy_col(stmt, 2, p->tech, sizeof p->tech);
		copy_col(stmt, 3, p->task, sizeof p->task);
		copy_col(stmt, 4, p->scheduled, sizeof p->scheduled);
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return crm_fail(err, CRM_ENOTFOUND, "no plan '%lld'", (long long)id);
	return rc == SQLITE_ROW ? CRM_OK : crm_store_error(st, rc, err);
}

/* The row a schedule writes. */
struct visit_row {
	int64_t customer_id, case_id, rma_id, plan_id;
	const char *tech, *time, *task;
	char date[CRM_DATE_BUFSZ];
};

/* Checks a plan given to schedule and takes its tech and task where the
 * user gave none. */
static int schedule_plan(struct crm_store *st, const struct crm_visit_input *in,
			 struct visit_row *row, struct plan_row *p, struct crm_err *err)
{
	char ours[65], theirs[65];
	int rc = crm_visit_plan_find(st, in->plan, &row->plan_id, err);

	if (rc != CRM_OK || (rc = plan_read(st, row->plan_id, p, err)) != CRM_OK)
		return rc;
	if (p->customer_id != row->customer_id) {
		crm_customer_code(st, p->customer_id, theirs);
		crm_customer_code(st, row->customer_id, ours);
		return crm_fail(err, CRM_EINVAL, "plan %s belongs to %s, not %s", in->plan,
				theirs, ours);
	}
	if (!p->active)
		return crm_fail(err, CRM_EINVAL, "plan %s is stopped", in->plan);
	if (*p->scheduled)
		return crm_fail(err, CRM_EINVAL, "plan %s has visit %s scheduled already",
				in->plan, p->scheduled);
	if (!row->tech && *p->tech)
		row->tech = p->tech;
	if (!row->task && *p->task)
		row->task = p->task;
	return CRM_OK;
}

/* Checks what needs no lookup. */
static int schedule_validate(struct crm_store *st, const struct crm_visit_input *in,
			     struct visit_row *row, struct crm_err *err)
{
	int rc;

	if (!in->on)
		return crm_fail(err, CRM_EUSAGE, "a visit needs a day (--on)");
	if (in->case_key && in->rma_key)
		return crm_fail(err, CRM_EUSAGE, "a visit is about a case or an RMA, not both");
	if ((rc = crm_store_date(st, in->on, row->date, err)) != CRM_OK)
		return rc;
	if (in->at && (rc = crm_time_of_day_check(in->at, err)) != CRM_OK)
		return rc;
	if (in->tech && (rc = check_tech(in->tech, err)) != CRM_OK)
		return rc;
	if (in->task && (rc = check_text("task", in->task, 0, err)) != CRM_OK)
		return rc;
	row->tech = in->tech;
	row->time = in->at;
	row->task = in->task;
	return CRM_OK;
}

static int schedule_links(struct crm_store *st, const struct crm_visit_input *in,
			  struct visit_row *row, struct plan_row *p, struct crm_err *err)
{
	int rc = crm_customer_find(st, in->customer, &row->customer_id, err);

	if (rc == CRM_OK && in->case_key)
		rc = linked(st, "case", "SELECT id FROM service_case WHERE id = ?1",
			    "SELECT id FROM service_case WHERE number = ?1",
			    "SELECT customer_id FROM service_case WHERE id = ?1", in->case_key,
			    row->customer_id, &row->case_id, err);
	if (rc == CRM_OK && in->rma_key)
		rc = linked(st, "rma", "SELECT id FROM rma WHERE id = ?1",
			    "SELECT id FROM rma WHERE number = ?1",
			    "SELECT customer_id FROM rma WHERE id = ?1", in->rma_key,
			    row->customer_id, &row->rma_id, err);
	if (rc == CRM_OK && in->plan)
		rc = schedule_plan(st, in, row, p, err);
	if (rc == CRM_OK && !row->tech)
		rc = crm_fail(err, CRM_EINVAL, "a visit needs a technician (--tech)");
	return rc;
}

static void bind_id(sqlite3_stmt *stmt, int i, int64_t id)
{
	if (id)
		sqlite3_bind_int64(stmt, i, id);
	else
		sqlite3_bind_null(stmt, i);
}

static int insert_visit(struct crm_store *st, const struct visit_row *row, char number[65],
			struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_doc_number_next(st, "visit", st->clock.today, number, err);

	if (rc == CRM_OK)
		rc = crm_store_prepare(st,
				       "INSERT INTO visit (number, customer_id, tech, date, time, "
				       "case_id, rma_id, plan_id, task, created, updated) VALUES "
				       "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
				       &stmt, err);
	if (rc != CRM_OK)
		return rc;
	crm_bind_text(stmt, 1, number);
	sqlite3_bind_int64(stmt, 2, row->customer_id);
	crm_bind_text(stmt, 3, row->tech);
	crm_bind_text(stmt, 4, row->date);
	crm_bind_text(stmt, 5, row->time);
	bind_id(stmt, 6, row->case_id);
	bind_id(stmt, 7, row->rma_id);
	bind_id(stmt, 8, row->plan_id);
	crm_bind_text(stmt, 9, row->task);
	crm_bind_text(stmt, 10, st->clock.now);
	return crm_store_run(st, stmt, err);
}

int crm_visit_schedule(struct crm_store *st, const struct crm_visit_input *in,
		       char number[65], struct crm_err *err)
{
	struct visit_row row = {0};
	struct plan_row plan;
	int rc = schedule_validate(st, in, &row, err);

	if (rc != CRM_OK || (rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	rc = schedule_links(st, in, &row, &plan, err);
	if (rc == CRM_OK)
		rc = insert_visit(st, &row, number, err);
	return crm_store_end(st, rc, err);
}

int crm_visit_find(struct crm_store *st, const char *key, int64_t *id, struct crm_err *err)
{
	return crm_store_find(st, "SELECT id FROM visit WHERE id = ?1",
			      "SELECT id FROM visit WHERE number = ?1", key, "visit", id, err);
}

/* Refuses a change to visit id unless it is scheduled; *plan_id receives
 * its plan (0 for none). */
static int visit_scheduled(struct crm_store *st, int64_t id, const char *verb,
			   int64_t *plan_id, struct crm_err *err)
{
	char number[65] = "", status[16] = "";
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT number, status, ifnull(plan_id, 0) FROM visit "
				   "WHERE id = ?1",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		copy_col(stmt, 0, number, sizeof number);
		copy_col(stmt, 1, status, sizeof status);
		*plan_id = sqlite3_column_int64(stmt, 2);
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return crm_fail(err, CRM_ENOTFOUND, "no visit '%lld'", (long long)id);
	if (rc != SQLITE_ROW)
		return crm_store_error(st, rc, err);
	if (strcmp(status, "scheduled") != 0)
		return crm_fail(err, CRM_EINVAL, "visit %s is %s: only a scheduled visit can be %s",
				number, status, verb);
	return CRM_OK;
}

/* Moves plan id on by one period, counted from its start so that a plan
 * started on the 31st keeps coming back at the month's end. */
static int plan_advance(struct crm_store *st, int64_t id, struct crm_err *err)
{
	char start[CRM_DATE_BUFSZ] = "", next[CRM_DATE_BUFSZ];
	sqlite3_stmt *stmt;
	int every = 0, periods = 0;
	crm_day day;
	int rc = crm_store_prepare(st, "SELECT start, every, periods FROM visit_plan WHERE id = ?1",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		copy_col(stmt, 0, start, sizeof start);
		every = sqlite3_column_int(stmt, 1);
		periods = sqlite3_column_int(stmt, 2) + 1;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW)
		return crm_store_error(st, rc, err);
	if ((rc = crm_date_parse_iso(start, &day, err)) != CRM_OK)
		return rc;
	crm_date_format(crm_day_add_months(day, every * periods), next);
	if ((rc = crm_store_prepare(st,
				    "UPDATE visit_plan SET periods = ?2, next = ?3 WHERE id = ?1",
				    &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_int(stmt, 2, periods);
	crm_bind_text(stmt, 3, next);
	return crm_store_run(st, stmt, err);
}

static int mark_done(struct crm_store *st, int64_t id, const char *report, long minutes,
		     const char *parts, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "UPDATE visit SET status = 'done', report = ?2, minutes = ?3, "
				   "parts = ?4, done = ?5, updated = ?5 WHERE id = ?1",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	crm_bind_text(stmt, 2, report);
	if (minutes > 0)
		sqlite3_bind_int64(stmt, 3, minutes);
	else
		sqlite3_bind_null(stmt, 3);
	crm_bind_text(stmt, 4, parts);
	crm_bind_text(stmt, 5, st->clock.now);
	return crm_store_run(st, stmt, err);
}

int crm_visit_done(struct crm_store *st, int64_t id, const char *report, long minutes,
		   const char *parts, struct crm_err *err)
{
	int64_t plan_id = 0;
	int rc;

	if (!report)
		return crm_fail(err, CRM_EUSAGE, "a done visit needs a report (--report)");
	if ((rc = check_text("report", report, 1, err)) != CRM_OK ||
	    (parts && (rc = check_text("parts list", parts, 0, err)) != CRM_OK))
		return rc;
	if (minutes < 0 || minutes > 100000)
		return crm_fail(err, CRM_EINVAL, "%ld is not a number of minutes (1-100000)",
				minutes);
	if ((rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	rc = visit_scheduled(st, id, "done", &plan_id, err);
	if (rc == CRM_OK)
		rc = mark_done(st, id, report, minutes, parts, err);
	if (rc == CRM_OK && plan_id)
		rc = plan_advance(st, plan_id, err);
	return crm_store_end(st, rc, err);
}

int crm_visit_cancel(struct crm_store *st, int64_t id, const char *reason, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int64_t plan_id;
	int rc;

	if (reason && (rc = check_text("reason", reason, 0, err)) != CRM_OK)
		return rc;
	if ((rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	rc = visit_scheduled(st, id, "cancelled", &plan_id, err);
	if (rc == CRM_OK)
		rc = crm_store_prepare(st,
				       "UPDATE visit SET status = 'cancelled', reason = ?2, "
				       "done = ?3, updated = ?3 WHERE id = ?1",
				       &stmt, err);
	if (rc == CRM_OK) {
		sqlite3_bind_int64(stmt, 1, id);
		crm_bind_text(stmt, 2, reason);
		crm_bind_text(stmt, 3, st->clock.now);
		rc = crm_store_run(st, stmt, err);
	}
	return crm_store_end(st, rc, err);
}

int crm_visit_list(struct crm_store *st, const struct crm_visit_filter *flt,
		   struct crm_out *out, struct crm_err *err)
{
	static const char *const statuses[] = {"scheduled", "done", "cancelled", "all", NULL};
	const char *status = flt->status ? flt->status : "all";
	char from[CRM_DATE_BUFSZ] = "", to[CRM_DATE_BUFSZ] = "";
	int64_t customer_id = 0;
	sqlite3_stmt *stmt;
	size_t i;
	int rc;

	for (i = 0; statuses[i] && strcmp(statuses[i], status); i++)
		;
	if (!statuses[i])
		return crm_fail(err, CRM_EINVAL,
				"'%s' is not a visit status (scheduled, done, cancelled, all)",
				status);
	if ((flt->from && (rc = crm_store_date(st, flt->from, from, err)) != CRM_OK) ||
	    (flt->to && (rc = crm_store_date(st, flt->to, to, err)) != CRM_OK))
		return rc;
	if (flt->customer && (rc = crm_customer_find(st, flt->customer, &customer_id, err)))
		return rc;
	rc = crm_store_prepare(st,
			       VISIT_SELECT "WHERE (?1 IS NULL OR v.tech = ?1) "
			       "AND (?2 = 0 OR v.customer_id = ?2) "
			       "AND (?3 = 'all' OR v.status = ?3) "
			       "AND (?4 IS NULL OR v.date >= ?4) AND (?5 IS NULL OR v.date <= ?5) "
			       "ORDER BY v.date, v.time IS NULL, v.time, v.id",
			       &stmt, err);
	if (rc != CRM_OK)
		return rc;
	crm_bind_text(stmt, 1, flt->tech);
	sqlite3_bind_int64(stmt, 2, customer_id);
	crm_bind_text(stmt, 3, status);
	crm_bind_text(stmt, 4, *from ? from : NULL);
	crm_bind_text(stmt, 5, *to ? to : NULL);
	return crm_store_list(st, stmt, crm_visit_columns, crm_visit_ncolumns, out, err);
}

int crm_visit_show(struct crm_store *st, int64_t id, struct crm_rec *rec, struct crm_err *err)
{
	char buf[CRM_MONEY_BUFSZ];
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st, VISIT_SELECT "WHERE v.id = ?1", &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		for (size_t i = 0; i < crm_visit_ncolumns; i++)
			crm_rec_field(rec, crm_visit_columns[i].name, crm_visit_columns[i].type,
				      crm_store_cell(st, stmt, (int)i, crm_visit_columns[i].type,
						     buf));
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return crm_fail(err, CRM_ENOTFOUND, "no visit '%lld'", (long long)id);
	return rc == SQLITE_ROW ? CRM_OK : crm_store_error(st, rc, err);
}

/* "6m" or "1y" into months, 1 to 120. */
static int parse_every(const char *s, int *months, struct crm_err *err)
{
	char *end;
	long n;

	if (!isdigit((unsigned char)*s))
		goto bad;
	n = strtol(s, &end, 10);
	if ((*end != 'm' && *end != 'y') || end[1] || n < 1 || n > 120)
		goto bad;
	if (*end == 'y')
		n *= 12;
	if (n > 120)
		goto bad;
	*months = (int)n;
	return CRM_OK;
bad:
	return crm_fail(err, CRM_EINVAL, "'%s' is not a period (Nm or Ny, 1 to 120 months)", s);
}

int crm_visit_plan_add(struct crm_store *st, const char *customer, const char *every,
		       const char *from, const char *tech, const char *task, int64_t *id,
		       struct crm_err *err)
{
	char start[CRM_DATE_BUFSZ];
	int64_t customer_id;
	sqlite3_stmt *stmt;
	int months = 0, rc;

	if ((rc = parse_every(every, &months, err)) != CRM_OK)
		return rc;
	if (from)
		rc = crm_store_date(st, from, start, err);
	else
		crm_date_format(st->clock.today, start);
	if (rc != CRM_OK || (tech && (rc = check_tech(tech, err)) != CRM_OK) ||
	    (task && (rc = check_text("task", task, 0, err)) != CRM_OK))
		return rc;
	if ((rc = crm_customer_find(st, customer, &customer_id, err)) != CRM_OK ||
	    (rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	rc = crm_store_prepare(st,
			       "INSERT INTO visit_plan (customer_id, every, start, next, tech, "
			       "task, created) VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6)",
			       &stmt, err);
	if (rc == CRM_OK) {
		sqlite3_bind_int64(stmt, 1, customer_id);
		sqlite3_bind_int(stmt, 2, months);
		crm_bind_text(stmt, 3, start);
		crm_bind_text(stmt, 4, tech);
		crm_bind_text(stmt, 5, task);
		crm_bind_text(stmt, 6, st->clock.now);
		rc = crm_store_run(st, stmt, err);
		*id = sqlite3_last_insert_rowid(st->db);
	}
	return crm_store_end(st, rc, err);
}

int crm_visit_plan_find(struct crm_store *st, const char *key, int64_t *id,
			struct crm_err *err)
{
	return crm_store_find(st, "SELECT id FROM visit_plan WHERE id = ?1", NULL, key, "plan",
			      id, err);
}

int crm_visit_plan_stop(struct crm_store *st, int64_t id, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int64_t active;
	int rc = crm_store_begin(st, err);

	if (rc == CRM_OK)
		rc = crm_store_int(st, "SELECT active FROM visit_plan WHERE id = ?1", id, &active,
				   err);
	if (rc == CRM_OK && !active)
		rc = crm_fail(err, CRM_EINVAL, "plan %lld is stopped already", (long long)id);
	if (rc == CRM_OK)
		rc = crm_store_prepare(st, "UPDATE visit_plan SET active = 0 WHERE id = ?1", &stmt,
				       err);
	if (rc == CRM_OK) {
		sqlite3_bind_int64(stmt, 1, id);
		rc = crm_store_run(st, stmt, err);
	}
	return crm_store_end(st, rc, err);
}

int crm_visit_plans(struct crm_store *st, const char *customer, int all, struct crm_out *out,
		    struct crm_err *err)
{
	int64_t customer_id = 0;
	sqlite3_stmt *stmt;
	int rc;

	if (customer && (rc = crm_customer_find(st, customer, &customer_id, err)) != CRM_OK)
		return rc;
	rc = crm_store_prepare(st,
			       "SELECT p.id, c.code, c.name, " PLAN_EVERY ", p.next, p.tech, p.task, "
			       "CASE WHEN p.active THEN 'active' ELSE 'stopped' END, "
			       PLAN_SCHEDULED " FROM visit_plan p "
			       "JOIN customer c ON c.id = p.customer_id "
			       "WHERE (?1 OR p.active) AND (?2 = 0 OR p.customer_id = ?2) "
			       "ORDER BY p.id",
			       &stmt, err);
	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int(stmt, 1, all);
	sqlite3_bind_int64(stmt, 2, customer_id);
	return crm_store_list(st, stmt, crm_visit_plan_columns, crm_visit_plan_ncolumns, out, err);
}

int crm_visit_due(struct crm_store *st, long days, struct crm_out *out, struct crm_err *err)
{
	char horizon[CRM_DATE_BUFSZ];
	sqlite3_stmt *stmt;
	int rc;

	if (days < 0 || days > 3650)
		return crm_fail(err, CRM_EINVAL, "%ld is not a number of days (0-3650)", days);
	crm_date_format(st->clock.today + (crm_day)days, horizon);
	rc = crm_store_prepare(st,
			       "SELECT p.id, p.next, c.code, c.name, p.tech, p.task, " PLAN_EVERY
			       " FROM visit_plan p JOIN customer c ON c.id = p.customer_id "
			       "WHERE p.active AND p.next <= ?1 AND " PLAN_SCHEDULED " IS NULL "
			       "ORDER BY p.next, p.id",
			       &stmt, err);
	if (rc != CRM_OK)
		return rc;
	crm_bind_text(stmt, 1, horizon);
	return crm_store_list(st, stmt, crm_visit_due_columns, crm_visit_due_ncolumns, out, err);
}
