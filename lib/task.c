/* task.c — tasks, appointments, follow-ups and the agenda. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "customer.h"
#include "date.h"
#include "deal.h"
#include "task.h"
#include "validate.h"

#define MAX_TITLE 500
#define MAX_REP 64
#define TIME_BUFSZ 6 /* "HH:MM" */

static const char *const priorities[] = {"low", "normal", "high", "urgent", NULL};

/* SQL pieces shared by list, section and agenda: a task's kind, and its
 * priority as a sort key (urgent first). */
#define TASK_KIND                                                                             \
	"CASE WHEN t.activity_id IS NOT NULL THEN 'followup' "                                \
	"WHEN t.time IS NOT NULL THEN 'appointment' ELSE 'task' END"
#define TASK_PRIORITY_RANK                                                                    \
	"CASE t.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 "       \
	"ELSE 3 END"
/* Soonest first: by day (none last), timed before untimed, then priority. */
#define TASK_ORDER                                                                            \
	"t.due IS NULL, t.due, t.time IS NULL, t.time, " TASK_PRIORITY_RANK ", t.id"

const struct crm_column crm_task_columns[] = {
	{"id", CRM_COL_INT},        {"due", CRM_COL_TEXT},      {"time", CRM_COL_TEXT},
	{"title", CRM_COL_TEXT},    {"customer", CRM_COL_TEXT}, {"deal", CRM_COL_TEXT},
	{"assignee", CRM_COL_TEXT}, {"priority", CRM_COL_TEXT}, {"status", CRM_COL_TEXT},
	{"place", CRM_COL_TEXT},    {"kind", CRM_COL_TEXT},     {"done_at", CRM_COL_TEXT},
	{"created", CRM_COL_TEXT},
};
const size_t crm_task_ncolumns = sizeof crm_task_columns / sizeof *crm_task_columns;

const struct crm_column crm_agenda_columns[] = {
	{"date", CRM_COL_TEXT},     {"time", CRM_COL_TEXT},  {"kind", CRM_COL_TEXT},
	{"title", CRM_COL_TEXT},    {"customer", CRM_COL_TEXT}, {"where", CRM_COL_TEXT},
	{"priority", CRM_COL_TEXT}, {"ref", CRM_COL_TEXT},
};
const size_t crm_agenda_ncolumns = sizeof crm_agenda_columns / sizeof *crm_agenda_columns;

static int one_of(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

static int check_rep(const char *rep, struct crm_err *err)
{
	if (!*rep || strlen(rep) > MAX_REP || crm_has_control(rep, 0))
		return crm_fail(err, CRM_EINVAL, "'%s' is not a rep name", rep);
	return CRM_OK;
}

/* Checks the values that need no lookup and turns the due date expression
 * into YYYY-MM-DD.  editing: only given fields are checked, and "" clears
 * what may be cleared. */
static int task_validate(struct crm_store *st, const struct crm_task_input *in, int editing,
			 char due[CRM_DATE_BUFSZ], struct crm_err *err)
{
	crm_day day;
	int rc;

	if (!editing && !in->title)
		return crm_fail(err, CRM_EINVAL, "a task needs a title");
	if (in->title && !*in->title)
		return crm_fail(err, CRM_EINVAL, "'' is not a title: it is empty");
	if (in->title && (strlen(in->title) > MAX_TITLE || crm_has_control(in->title, 0)))
		return crm_fail(err, CRM_EINVAL, "the title is too long or has control characters");
	if (in->due && *in->due) {
		if ((rc = crm_date_parse(in->due, st->clock.today, &day, err)) != CRM_OK)
			return rc;
		crm_date_format(day, due);
	}
	if (in->time && *in->time && (rc = crm_time_of_day_check(in->time, err)) != CRM_OK)
		return rc;
	if (in->place && (strlen(in->place) > MAX_TITLE || crm_has_control(in->place, 0)))
		return crm_fail(err, CRM_EINVAL, "the place is too long or has control characters");
	if (in->assignee && (rc = check_rep(in->assignee, err)) != CRM_OK)
		return rc;
	if (in->priority && !one_of(in->priority, priorities))
		return crm_fail(err, CRM_EINVAL,
				"'%s' is not a priority (low, normal, high, urgent)", in->priority);
	return CRM_OK;
}

/* The customer of deal id (0 if none). */
static int64_t deal_customer(struct crm_store *st, int64_t id)
{
	sqlite3_stmt *stmt;
	int64_t customer = 0;

	if (crm_store_prepare(st, "SELECT customer_id FROM deal WHERE id = ?1", &stmt, NULL))
		return 0;
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		customer = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return customer;
}

/* A deal belongs to the record's customer, or the record has none yet. */
static int deal_fits(struct crm_store *st, const char *key, int64_t deal_id, int64_t *customer_id,
		     struct crm_err *err)
{
	char ours[65], theirs[65];
	int64_t owner = deal_customer(st, deal_id);

	if (!*customer_id || *customer_id == owner) {
		*customer_id = owner;
		return CRM_OK;
	}
	crm_customer_code(st, owner, theirs);
	crm_customer_code(st, *customer_id, ours);
	return crm_fail(err, CRM_EINVAL, "deal '%s' belongs to %s, not %s", key, theirs, ours);
}

int crm_task_deal(struct crm_store *st, const char *key, int64_t *customer_id, int64_t *deal_id,
		  struct crm_err *err)
{
	int rc = crm_deal_find(st, key, deal_id, err);

	return rc != CRM_OK ? rc : deal_fits(st, key, *deal_id, customer_id, err);
}

/* One task row as it is written. */
struct task_row {
	const char *title, *due, *time, *place, *assignee, *priority;
	int64_t customer_id, deal_id, activity_id;
};

static void bind_id(sqlite3_stmt *stmt, int i, int64_t id)
{
	if (id)
		sqlite3_bind_int64(stmt, i, id);
	else
		sqlite3_bind_null(stmt, i);
}

static int insert_task(struct crm_store *st, const struct task_row *row, int64_t *id,
		       struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "INSERT INTO task (title, customer_id, deal_id, activity_id, due, "
				   "time, place, assignee, priority, created, updated) "
				   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, nullif(?7, ''), ?8, ?9, ?10, ?10)",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	crm_bind_text(stmt, 1, row->title);
	bind_id(stmt, 2, row->customer_id);
	bind_id(stmt, 3, row->deal_id);
	bind_id(stmt, 4, row->activity_id);
	crm_bind_text(stmt, 5, row->due);
	crm_bind_text(stmt, 6, row->time);
	crm_bind_text(stmt, 7, row->place);
	crm_bind_text(stmt, 8, row->assignee);
	crm_bind_text(stmt, 9, row->priority ? row->priority : "normal");
	crm_bind_text(stmt, 10, st->clock.now);
	rc = crm_store_run(st, stmt, err);
	*id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

int crm_task_add(struct crm_store *st, const struct crm_task_input *in, int64_t *id,
		 struct crm_err *err)
{
	char due[CRM_DATE_BUFSZ] = "";
	struct task_row row = {0};
	int rc = task_validate(st, in, 0, due, err);

	if (rc != CRM_OK)
		return rc;
	if (in->customer && (rc = crm_customer_find(st, in->customer, &row.customer_id, err)))
		return rc;
	if (in->deal && (rc = crm_task_deal(st, in->deal, &row.customer_id, &row.deal_id, err)))
		return rc;
	/* an appointment at 10:00 with no day given is today's */
	if (in->time && !in->due)
		crm_date_format(st->clock.today, due);
	row.title = in->title;
	row.due = *due ? due : NULL;
	row.time = in->time;
	row.place = in->place;
	row.assignee = in->assignee ? in->assignee : st->user;
	row.priority = in->priority;
	if ((rc = check_rep(row.assignee, err)) != CRM_OK ||
	    (rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	return crm_store_end(st, insert_task(st, &row, id, err), err);
}

int crm_task_add_followup(struct crm_store *st, int64_t activity_id, int64_t customer_id,
			  int64_t deal_id, const char *title, const char *due,
			  const char *assignee, int64_t *id, struct crm_err *err)
{
	struct task_row row = {title, due, NULL, NULL, assignee, NULL,
			       customer_id, deal_id, activity_id};

	return insert_task(st, &row, id, err);
}

int crm_task_find(struct crm_store *st, const char *key, int64_t *id, struct crm_err *err)
{
	return crm_store_find(st, "SELECT id FROM task WHERE id = ?1", NULL, key, "task", id, err);
}

int crm_task_list(struct crm_store *st, const struct crm_task_filter *flt, struct crm_out *out,
		  struct crm_err *err)
{
	static const char *const statuses[] = {"open", "done", "all", NULL};
	const char *status = flt->status ? flt->status : "open";
	char before[CRM_DATE_BUFSZ], today[CRM_DATE_BUFSZ];
	int64_t customer_id = 0, deal_id = 0;
	sqlite3_stmt *stmt;
	crm_day day;
	int rc;

	if (!one_of(status, statuses))
		return crm_fail(err, CRM_EINVAL, "'%s' is not a task status (open, done, all)",
				status);
	if (flt->due_before) {
		if ((rc = crm_date_parse(flt->due_before, st->clock.today, &day, err)) != CRM_OK)
			return rc;
		crm_date_format(day, before);
	}
	if (flt->customer && (rc = crm_customer_find(st, flt->customer, &customer_id, err)))
		return rc;
	if (flt->deal && (rc = crm_deal_find(st, flt->deal, &deal_id, err)))
		return rc;
	rc = crm_store_prepare(
		st,
		"SELECT t.id, t.due, t.time, t.title, c.code, d.code, t.assignee, t.priority, "
		"t.status, t.place, " TASK_KIND ", t.done_at, t.created FROM task t "
		"LEFT JOIN customer c ON c.id = t.customer_id LEFT JOIN deal d ON d.id = t.deal_id "
		"WHERE (?1 IS NULL OR t.assignee = ?1) AND (?2 = 0 OR t.customer_id = ?2) "
		"AND (?3 = 0 OR t.deal_id = ?3) AND (?4 = 'all' OR t.status = ?4) "
		"AND (NOT ?5 OR (t.status = 'open' AND t.due < ?6)) "
		"AND (?7 IS NULL OR t.due < ?7) ORDER BY " TASK_ORDER,
		&stmt, err);
	if (rc != CRM_OK)
		return rc;
	crm_bind_text(stmt, 1, flt->assignee);
	sqlite3_bind_int64(stmt, 2, customer_id);
	sqlite3_bind_int64(stmt, 3, deal_id);
	crm_bind_text(stmt, 4, status);
	sqlite3_bind_int(stmt, 5, flt->overdue);
	crm_bind_text(stmt, 6, crm_date_format(st->clock.today, today));
	crm_bind_text(stmt, 7, flt->due_before ? before : NULL);
	return crm_store_list(st, stmt, crm_task_columns, crm_task_ncolumns, out, err);
}

/* The status of task id into buf (8 bytes): CRM_ENOTFOUND when none. */
static int task_status(struct crm_store *st, const char *key, int64_t id, char *buf,
		       struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st, "SELECT status FROM task WHERE id = ?1", &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		snprintf(buf, 8, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	if (rc == SQLITE_ROW)
		return CRM_OK;
	return rc == SQLITE_DONE ? crm_fail(err, CRM_ENOTFOUND, "no task '%s'", key)
				 : crm_store_error(st, rc, err);
}

static int mark_done(struct crm_store *st, const char *key, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	char status[8];
	int64_t id;
	int rc = crm_task_find(st, key, &id, err);

	if (rc != CRM_OK || (rc = task_status(st, key, id, status, err)) != CRM_OK)
		return rc;
	if (strcmp(status, "done") == 0)
		return crm_fail(err, CRM_EINVAL, "task '%s' is already done", key);
	if ((rc = crm_store_prepare(st,
				    "UPDATE task SET status = 'done', done_at = ?2, updated = ?2 "
				    "WHERE id = ?1",
				    &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	crm_bind_text(stmt, 2, st->clock.now);
	return crm_store_run(st, stmt, err);
}

int crm_task_done(struct crm_store *st, const char *const *keys, size_t n, struct crm_err *err)
{
	int rc = crm_store_begin(st, err);

	for (size_t i = 0; i < n && rc == CRM_OK; i++)
		rc = mark_done(st, keys[i], err);
	return crm_store_end(st, rc, err);
}

/* What an edit starts from. */
struct task_now {
	int64_t customer_id, deal_id;
	char due[CRM_DATE_BUFSZ], time[TIME_BUFSZ], status[8];
	int has_due, has_time;
};

static int task_read(struct crm_store *st, int64_t id, struct task_now *t, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT ifnull(customer_id, 0), ifnull(deal_id, 0), due, time, "
				   "status FROM task WHERE id = ?1",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	memset(t, 0, sizeof *t);
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		t->customer_id = sqlite3_column_int64(stmt, 0);
		t->deal_id = sqlite3_column_int64(stmt, 1);
		if ((t->has_due = sqlite3_column_type(stmt, 2) != SQLITE_NULL))
			snprintf(t->due, sizeof t->due, "%s", sqlite3_column_text(stmt, 2));
		if ((t->has_time = sqlite3_column_type(stmt, 3) != SQLITE_NULL))
			snprintf(t->time, sizeof t->time, "%s", sqlite3_column_text(stmt, 3));
		snprintf(t->status, sizeof t->status, "%s", sqlite3_column_text(stmt, 4));
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return crm_fail(err, CRM_ENOTFOUND, "no task '%lld'", (long long)id);
	return rc == SQLITE_ROW ? CRM_OK : crm_store_error(st, rc, err);
}

/* The code of deal id into buf (65 bytes). */
static void deal_code(struct crm_store *st, int64_t id, char *buf)
{
	sqlite3_stmt *stmt;

	strcpy(buf, "?");
	if (crm_store_prepare(st, "SELECT code FROM deal WHERE id = ?1", &stmt, NULL))
		return;
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		snprintf(buf, 65, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
}

/* Works out the edited task's customer and deal; a deal kept or given must
 * be the customer's. */
static int edit_links(struct crm_store *st, const struct crm_task_input *in, struct task_now *t,
		      struct crm_err *err)
{
	char deal[65], theirs[65], ours[65];
	int64_t owner;
	int rc;

	if (in->customer) {
		t->customer_id = 0;
		if (*in->customer &&
		    (rc = crm_customer_find(st, in->customer, &t->customer_id, err)) != CRM_OK)
			return rc;
	}
	if (in->deal) {
		t->deal_id = 0;
		if (*in->deal &&
		    (rc = crm_task_deal(st, in->deal, &t->customer_id, &t->deal_id, err)) != CRM_OK)
			return rc;
		return CRM_OK;
	}
	if (!t->deal_id || (owner = deal_customer(st, t->deal_id)) == t->customer_id)
		return CRM_OK;
	/* the customer changed under a deal the task keeps */
	deal_code(st, t->deal_id, deal);
	crm_customer_code(st, owner, theirs);
	if (!t->customer_id)
		return crm_fail(err, CRM_EINVAL,
				"deal '%s' belongs to %s: clear the deal with --deal '' too", deal,
				theirs);
	crm_customer_code(st, t->customer_id, ours);
	return crm_fail(err, CRM_EINVAL, "deal '%s' belongs to %s, not %s", deal, theirs, ours);
}

/* Works out the edited task's day and time: a time needs a day, and a time
 * given for a task without one means today. */
static int edit_schedule(struct crm_store *st, const struct crm_task_input *in, const char *due,
			 struct task_now *t, struct crm_err *err)
{
	if (in->due) {
		t->has_due = *in->due != '\0';
		snprintf(t->due, sizeof t->due, "%s", due);
	}
	if (in->time) {
		t->has_time = *in->time != '\0';
		snprintf(t->time, sizeof t->time, "%s", in->time);
	}
	if (!t->has_time || t->has_due)
		return CRM_OK;
	if (in->due)
		return crm_fail(err, CRM_EINVAL,
				"a task at %s needs a due date; clear the time with --at '' too",
				t->time);
	crm_date_format(st->clock.today, t->due);
	t->has_due = 1;
	return CRM_OK;
}

static int task_update(struct crm_store *st, int64_t id, const struct crm_task_input *in,
		       const struct task_now *t, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(
		st,
		"UPDATE task SET title = ifnull(?2, title), customer_id = ?3, deal_id = ?4, "
		"due = ?5, time = ?6, "
		"place = CASE WHEN ?7 IS NULL THEN place ELSE nullif(?7, '') END, "
		"assignee = ifnull(?8, assignee), priority = ifnull(?9, priority), "
		"status = CASE WHEN ?10 THEN 'open' ELSE status END, "
		"done_at = CASE WHEN ?10 THEN NULL ELSE done_at END, updated = ?11 WHERE id = ?1",
		&stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	crm_bind_text(stmt, 2, in->title);
	bind_id(stmt, 3, t->customer_id);
	bind_id(stmt, 4, t->deal_id);
	crm_bind_text(stmt, 5, t->has_due ? t->due : NULL);
	crm_bind_text(stmt, 6, t->has_time ? t->time : NULL);
	crm_bind_text(stmt, 7, in->place);
	crm_bind_text(stmt, 8, in->assignee);
	crm_bind_text(stmt, 9, in->priority);
	sqlite3_bind_int(stmt, 10, in->reopen);
	crm_bind_text(stmt, 11, st->clock.now);
	return crm_store_run(st, stmt, err);
}

int crm_task_edit(struct crm_store *st, int64_t id, const struct crm_task_input *in,
		  struct crm_err *err)
{
	char due[CRM_DATE_BUFSZ] = "";
	struct task_now t;
	int rc;

	if (!in->title && !in->customer && !in->deal && !in->due && !in->time && !in->place &&
	    !in->assignee && !in->priority && !in->reopen)
		return crm_fail(err, CRM_EUSAGE, "nothing to change");
	if ((rc = task_validate(st, in, 1, due, err)) != CRM_OK)
		return rc;
	if ((rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	rc = task_read(st, id, &t, err);
	if (rc == CRM_OK && in->reopen && strcmp(t.status, "done") != 0)
		rc = crm_fail(err, CRM_EINVAL, "task %lld is not done", (long long)id);
	if (rc == CRM_OK)
		rc = edit_links(st, in, &t, err);
	if (rc == CRM_OK)
		rc = edit_schedule(st, in, due, &t, err);
	if (rc == CRM_OK)
		rc = task_update(st, id, in, &t, err);
	return crm_store_end(st, rc, err);
}

int crm_task_rm(struct crm_store *st, int64_t id, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_begin(st, err);

	if (rc == CRM_OK)
		rc = crm_store_prepare(st, "DELETE FROM task WHERE id = ?1", &stmt, err);
	if (rc == CRM_OK) {
		sqlite3_bind_int64(stmt, 1, id);
		rc = crm_store_run(st, stmt, err);
	}
	return crm_store_end(st, rc, err);
}

int crm_task_reassign(struct crm_store *st, const char *from, const char *to, long *count,
		      struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc;

	if ((rc = check_rep(to, err)) != CRM_OK)
		return rc;
	if (strcmp(from, to) == 0)
		return crm_fail(err, CRM_EINVAL, "'%s' is both --from and --to", to);
	if ((rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	rc = crm_store_prepare(st,
			       "UPDATE task SET assignee = ?2, updated = ?3 "
			       "WHERE assignee = ?1 AND status = 'open'",
			       &stmt, err);
	if (rc == CRM_OK) {
		crm_bind_text(stmt, 1, from);
		crm_bind_text(stmt, 2, to);
		crm_bind_text(stmt, 3, st->clock.now);
		rc = crm_store_run(st, stmt, err);
		*count = sqlite3_changes(st->db);
	}
	return crm_store_end(st, rc, err);
}

const char *crm_agenda_day(void *arg, const char *const *cells)
{
	struct crm_agenda_days *d = arg;
	const char *when = "";
	crm_day day;

	if (!cells[0] || crm_date_parse_iso(cells[0], &day, NULL) != CRM_OK)
		return cells[0];
	if (cells[2] && !strcmp(cells[2], "overdue"))
		when = ", overdue";
	else if (day == d->today)
		when = ", today";
	else if (day == d->today + 1)
		when = ", tomorrow";
	snprintf(d->title, sizeof d->title, "%s %s%s", crm_weekday(day), cells[0], when);
	return d->title;
}

int crm_agenda(struct crm_store *st, const char *rep, long days, struct crm_out *out,
	       struct crm_err *err)
{
	char first[CRM_DATE_BUFSZ], last[CRM_DATE_BUFSZ];
	sqlite3_stmt *stmt;
	int rc;

	if (days < 1 || days > 3650)
		return crm_fail(err, CRM_EINVAL, "%ld is not a number of days (1-3650)", days);
	crm_date_format(st->clock.today, first);
	crm_date_format(st->clock.today + (crm_day)days - 1, last);
	/* part 0 is what is overdue, part 1 the window; deals close a day */
	rc = crm_store_prepare(
		st,
		"SELECT day, time, kind, title, customer, place, priority, ref FROM ("
		"SELECT t.due AS day, t.time AS time, "
		"CASE WHEN t.due < ?2 THEN 'overdue' ELSE " TASK_KIND " END AS kind, "
		"t.title AS title, c.code AS customer, t.place AS place, t.priority AS priority, "
		"CAST(t.id AS TEXT) AS ref, t.due >= ?2 AS part, 0 AS is_deal, "
		TASK_PRIORITY_RANK " AS rank, t.id AS n "
		"FROM task t LEFT JOIN customer c ON c.id = t.customer_id "
		"WHERE t.status = 'open' AND t.assignee = ?1 AND t.due <= ?3 "
		"UNION ALL "
		/* a technician's scheduled visits are appointments at the customer's */
		"SELECT v.date, v.time, CASE WHEN v.date < ?2 THEN 'overdue' ELSE 'visit' END, "
		"ifnull(v.task, 'field visit'), c.code, c.city, NULL, v.number, v.date >= ?2, 0, "
		"2, v.id FROM visit v JOIN customer c ON c.id = v.customer_id "
		"WHERE v.status = 'scheduled' AND v.tech = ?1 AND v.date <= ?3 "
		"UNION ALL "
		"SELECT d.close_date, NULL, 'close', d.title, c.code, NULL, NULL, d.code, 1, 1, 0, "
		"d.id FROM deal d JOIN customer c ON c.id = d.customer_id "
		"WHERE d.status = 'open' AND d.owner = ?1 AND d.close_date BETWEEN ?2 AND ?3) "
		"ORDER BY part, day, is_deal, time IS NULL, time, rank, n",
		&stmt, err);
	if (rc != CRM_OK)
		return rc;
	crm_bind_text(stmt, 1, rep);
	crm_bind_text(stmt, 2, first);
	crm_bind_text(stmt, 3, last);
	return crm_store_list(st, stmt, crm_agenda_columns, crm_agenda_ncolumns, out, err);
}

static const struct crm_column section_columns[] = {
	{"id", CRM_COL_INT},       {"due", CRM_COL_TEXT},      {"time", CRM_COL_TEXT},
	{"title", CRM_COL_TEXT},   {"assignee", CRM_COL_TEXT}, {"priority", CRM_COL_TEXT},
};

int crm_task_section(struct crm_store *st, int64_t customer_id, struct crm_rec *rec,
		     struct crm_err *err)
{
	const size_t n = sizeof section_columns / sizeof *section_columns;
	const char *cells[sizeof section_columns / sizeof *section_columns];
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT t.id, t.due, t.time, t.title, t.assignee, t.priority "
				   "FROM task t WHERE t.customer_id = ?1 AND t.status = 'open' "
				   "ORDER BY " TASK_ORDER,
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, customer_id);
	crm_rec_table(rec, "followups", section_columns, n);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (size_t i = 0; i < n; i++)
			cells[i] = (const char *)sqlite3_column_text(stmt, (int)i);
		crm_rec_table_row(rec, "followups", cells);
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}
