/* activity.c — the contact log. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "activity.h"
#include "customer.h"
#include "contact.h"
#include "task.h"
#include "text.h"
#include "validate.h"

#define MAX_SUMMARY 10000
#define MAX_REP 64
#define MAX_MINUTES 10000
#define SECTION_ROWS 5

static const char *const activity_types[] = {"call", "email", "im", "visit", "meeting", "note",
					     NULL};

const struct crm_column crm_activity_columns[] = {
	{"id", CRM_COL_INT},      {"at", CRM_COL_TEXT},      {"customer", CRM_COL_TEXT},
	{"name", CRM_COL_TEXT},   {"type", CRM_COL_TEXT},    {"rep", CRM_COL_TEXT},
	{"contact", CRM_COL_TEXT}, {"deal", CRM_COL_TEXT},   {"minutes", CRM_COL_INT},
	{"summary", CRM_COL_TEXT}, {"outcome", CRM_COL_TEXT},
};
const size_t crm_activity_ncolumns = sizeof crm_activity_columns / sizeof *crm_activity_columns;

/* The SELECT list matching crm_activity_columns, and its FROM clause. */
#define ACTIVITY_FIELDS                                                                       \
	"a.id, a.at, c.code, c.name, a.type, a.rep, k.name, d.code, a.minutes, a.summary, "  \
	"a.outcome"
#define ACTIVITY_FROM                                                                         \
	" FROM activity a JOIN customer c ON c.id = a.customer_id "                          \
	"LEFT JOIN contact k ON k.id = a.contact_id LEFT JOIN deal d ON d.id = a.deal_id"
#define ACTIVITY_SELECT ACTIVITY_FIELDS ACTIVITY_FROM

static int one_of(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

static int check_type(const char *type, struct crm_err *err)
{
	if (!one_of(type, activity_types))
		return crm_fail(err, CRM_EINVAL,
				"'%s' is not an activity type (call, email, im, visit, meeting, note)",
				type);
	return CRM_OK;
}

/* A summary or an outcome: notes may run over several lines. */
static int check_text(const char *what, const char *s, struct crm_err *err)
{
	if (strlen(s) > MAX_SUMMARY || crm_has_control(s, 1))
		return crm_fail(err, CRM_EINVAL, "the %s is too long or has control characters",
				what);
	return CRM_OK;
}

static int check_rep(const char *rep, struct crm_err *err)
{
	if (!*rep || strlen(rep) > MAX_REP || crm_has_control(rep, 0))
		return crm_fail(err, CRM_EINVAL, "'%s' is not a rep name", rep);
	return CRM_OK;
}

static int check_minutes(const char *s, struct crm_err *err)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (!isdigit((unsigned char)*s) || *end || v > MAX_MINUTES)
		return crm_fail(err, CRM_EINVAL, "'%s' is not a number of minutes (0-%d)", s,
				MAX_MINUTES);
	return CRM_OK;
}

/* Reads --at: a timestamp, or a date expression meaning its midnight; the
 * log records what happened, so the future is refused. */
static int parse_at(struct crm_store *st, const char *s, char out[CRM_TIME_BUFSZ],
		    struct crm_err *err)
{
	crm_day day;

	if (crm_time_parse(s, out, NULL) != CRM_OK) {
		if (crm_date_parse(s, st->clock.today, &day, NULL) != CRM_OK)
			return crm_fail(err, CRM_EINVAL,
					"'%s' is not a time (YYYY-MM-DDTHH:MM[:SS]) or a date", s);
		crm_date_format(day, out);
		strcpy(out + 10, "T00:00:00");
	}
	if (strcmp(out, st->clock.now) > 0)
		return crm_fail(err, CRM_EINVAL, "'%s' is in the future", s);
	return CRM_OK;
}

/* Checks the values that need no lookup.  editing: only given fields are
 * checked, and "" clears outcome and minutes. */
static int activity_validate(struct crm_store *st, const struct crm_activity_input *in,
			     int editing, char at[CRM_TIME_BUFSZ], struct crm_err *err)
{
	int rc;

	if (!editing && !in->type)
		return crm_fail(err, CRM_EINVAL, "an activity needs a type");
	if (in->type && (rc = check_type(in->type, err)) != CRM_OK)
		return rc;
	if (!editing && !in->summary)
		return crm_fail(err, CRM_EINVAL, "an activity needs a summary");
	if (in->summary && !*in->summary)
		return crm_fail(err, CRM_EINVAL, "'' is not a summary: it is empty");
	if (in->summary && (rc = check_text("summary", in->summary, err)) != CRM_OK)
		return rc;
	if (in->outcome && (rc = check_text("outcome", in->outcome, err)) != CRM_OK)
		return rc;
	if (in->minutes && *in->minutes && (rc = check_minutes(in->minutes, err)) != CRM_OK)
		return rc;
	if (in->rep && (rc = check_rep(in->rep, err)) != CRM_OK)
		return rc;
	if (in->at && (rc = parse_at(st, in->at, at, err)) != CRM_OK)
		return rc;
	if (in->next_action && (!*in->next_action || strlen(in->next_action) > 500 ||
				crm_has_control(in->next_action, 0)))
		return crm_fail(err, CRM_EINVAL, "'%s' is not a follow-up title", in->next_action);
	return CRM_OK;
}

/* Resolves --contact among customer_id's contacts.  A key that names
 * another customer's contact is refused as such, not as unknown. */
static int resolve_contact(struct crm_store *st, const char *key, int64_t customer_id,
			   int64_t *contact_id, struct crm_err *err)
{
	char ours[65], theirs[65];
	sqlite3_stmt *stmt;
	int64_t owner = 0;
	int rc = crm_contact_find(st, key, customer_id, contact_id, err);

	if (rc == CRM_ENOTFOUND && !crm_all_digits(key) &&
	    crm_contact_find(st, key, 0, contact_id, NULL) == CRM_OK)
		rc = CRM_OK;
	if (rc != CRM_OK)
		return rc;
	if ((rc = crm_store_prepare(st, "SELECT customer_id FROM contact WHERE id = ?1", &stmt,
				    err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, *contact_id);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		owner = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	if (owner == customer_id)
		return CRM_OK;
	crm_customer_code(st, owner, theirs);
	crm_customer_code(st, customer_id, ours);
	return crm_fail(err, CRM_EINVAL, "contact '%s' belongs to %s, not %s", key, theirs, ours);
}

/* Reads --next: a day from today on. */
static int parse_next(struct crm_store *st, const char *s, char due[CRM_DATE_BUFSZ],
		      struct crm_err *err)
{
	crm_day day;
	int rc = crm_date_parse(s, st->clock.today, &day, err);

	if (rc != CRM_OK)
		return rc;
	if (day < st->clock.today)
		return crm_fail(err, CRM_EINVAL, "follow-up date '%s' is in the past", s);
	crm_date_format(day, due);
	return CRM_OK;
}

static int insert_activity(struct crm_store *st, int64_t customer_id, int64_t contact_id,
			   int64_t deal_id, const struct crm_activity_input *in, const char *at,
			   const char *rep, int64_t *id, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "INSERT INTO activity (customer_id, contact_id, deal_id, type, at, "
				   "rep, minutes, summary, outcome, created) "
				   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, nullif(?9, ''), ?10)",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, customer_id);
	if (contact_id)
		sqlite3_bind_int64(stmt, 2, contact_id);
	if (deal_id)
		sqlite3_bind_int64(stmt, 3, deal_id);
	crm_bind_text(stmt, 4, in->type);
	crm_bind_text(stmt, 5, at);
	crm_bind_text(stmt, 6, rep);
	if (in->minutes)
		sqlite3_bind_int64(stmt, 7, atol(in->minutes));
	crm_bind_text(stmt, 8, in->summary);
	crm_bind_text(stmt, 9, in->outcome);
	crm_bind_text(stmt, 10, st->clock.now);
	rc = crm_store_run(st, stmt, err);
	*id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

int crm_activity_log(struct crm_store *st, int64_t customer_id,
		     const struct crm_activity_input *in, int64_t *id,
		     struct crm_followup *followup, struct crm_err *err)
{
	char at[CRM_TIME_BUFSZ], due[CRM_DATE_BUFSZ] = "";
	const char *rep = in->rep ? in->rep : st->user;
	int64_t contact_id = 0, deal_id = 0, task_id = 0, deal_customer = customer_id;
	struct crm_buf title = {0};
	int rc;

	memcpy(at, st->clock.now, sizeof at);
	if (in->minutes && !*in->minutes)
		return crm_fail(err, CRM_EINVAL, "'' is not a number of minutes (0-%d)",
				MAX_MINUTES);
	if ((rc = activity_validate(st, in, 0, at, err)) != CRM_OK ||
	    (rc = check_rep(rep, err)) != CRM_OK)
		return rc;
	if (in->next && (rc = parse_next(st, in->next, due, err)) != CRM_OK)
		return rc;
	if (in->contact && (rc = resolve_contact(st, in->contact, customer_id, &contact_id, err)))
		return rc;
	if (in->deal && (rc = crm_task_deal(st, in->deal, &deal_customer, &deal_id, err)))
		return rc;
	if ((rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	rc = insert_activity(st, customer_id, contact_id, deal_id, in, at, rep, id, err);
	if (rc == CRM_OK && in->next) {
		if (in->next_action)
			crm_buf_adds(&title, in->next_action);
		else
			crm_buf_addf(&title, "Follow up: %s", in->summary);
		rc = crm_task_add_followup(st, *id, customer_id, deal_id, title.data, due, rep,
					   &task_id, err);
		free(title.data);
	}
	rc = crm_store_end(st, rc, err);
	if (rc == CRM_OK && followup) {
		followup->id = task_id;
		memcpy(followup->due, due, sizeof due);
	}
	return rc;
}

int crm_activity_find(struct crm_store *st, const char *key, int64_t *id, struct crm_err *err)
{
	return crm_store_find(st, "SELECT id FROM activity WHERE id = ?1", NULL, key, "activity", id,
			      err);
}

/* A --from/--to date expression as YYYY-MM-DD. */
static int filter_date(struct crm_store *st, const char *s, char out[CRM_DATE_BUFSZ],
		       struct crm_err *err)
{
	crm_day day;
	int rc = crm_date_parse(s, st->clock.today, &day, err);

	if (rc == CRM_OK)
		crm_date_format(day, out);
	return rc;
}

/* Reads each row of stmt (ACTIVITY_SELECT layout) into cells. */
static void activity_cells(sqlite3_stmt *stmt, const char **cells)
{
	for (size_t i = 0; i < crm_activity_ncolumns; i++)
		cells[i] = (const char *)sqlite3_column_text(stmt, (int)i);
}

int crm_activity_list(struct crm_store *st, const struct crm_activity_filter *flt,
		      struct crm_out *out, struct crm_err *err)
{
	char from[CRM_DATE_BUFSZ], to[CRM_DATE_BUFSZ];
	int64_t deal_id = 0, any_customer = 0;
	sqlite3_stmt *stmt;
	int rc;

	if (flt->type && (rc = check_type(flt->type, err)) != CRM_OK)
		return rc;
	if (flt->from && (rc = filter_date(st, flt->from, from, err)) != CRM_OK)
		return rc;
	if (flt->to && (rc = filter_date(st, flt->to, to, err)) != CRM_OK)
		return rc;
	if (flt->deal && (rc = crm_task_deal(st, flt->deal, &any_customer, &deal_id, err)))
		return rc;
	/* at is a timestamp: its first ten characters are its day */
	rc = crm_store_prepare(st,
			       "SELECT " ACTIVITY_SELECT " WHERE (?1 = 0 OR a.customer_id = ?1) "
			       "AND (?2 IS NULL OR a.rep = ?2) AND (?3 IS NULL OR a.type = ?3) "
			       "AND (?4 IS NULL OR substr(a.at, 1, 10) >= ?4) "
			       "AND (?5 IS NULL OR substr(a.at, 1, 10) <= ?5) "
			       "AND (?6 = 0 OR a.deal_id = ?6) "
			       "ORDER BY a.at DESC, a.id DESC LIMIT ?7",
			       &stmt, err);
	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, flt->customer_id);
	crm_bind_text(stmt, 2, flt->rep);
	crm_bind_text(stmt, 3, flt->type);
	crm_bind_text(stmt, 4, flt->from ? from : NULL);
	crm_bind_text(stmt, 5, flt->to ? to : NULL);
	sqlite3_bind_int64(stmt, 6, deal_id);
	sqlite3_bind_int64(stmt, 7, flt->limit > 0 ? flt->limit : -1);
	return crm_store_list(st, stmt, crm_activity_columns, crm_activity_ncolumns, out, err);
}

/* Adds the follow-up activity id scheduled (its fields stay NULL when it
 * scheduled none, so that every show has the same fields). */
static int show_followup(struct crm_store *st, int64_t id, struct crm_rec *rec,
			 struct crm_err *err)
{
	static const char *const names[] = {"followup", "followup_title", "followup_due",
					    "followup_status"};
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT id, title, due, status FROM task WHERE activity_id = ?1 "
				   "ORDER BY id LIMIT 1",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	for (int i = 0; i < 4; i++)
		crm_rec_field(rec, names[i], i ? CRM_COL_TEXT : CRM_COL_INT,
			      rc == SQLITE_ROW ? (const char *)sqlite3_column_text(stmt, i) : NULL);
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}

int crm_activity_show(struct crm_store *st, int64_t id, struct crm_rec *rec, struct crm_err *err)
{
	const char *cells[sizeof crm_activity_columns / sizeof *crm_activity_columns];
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT " ACTIVITY_FIELDS ", a.created" ACTIVITY_FROM " WHERE a.id = ?1",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		activity_cells(stmt, cells);
		for (size_t i = 0; i < crm_activity_ncolumns; i++)
			crm_rec_field(rec, crm_activity_columns[i].name, crm_activity_columns[i].type,
				      cells[i]);
		crm_rec_field(rec, "created", CRM_COL_TEXT,
			      (const char *)sqlite3_column_text(stmt, (int)crm_activity_ncolumns));
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return crm_fail(err, CRM_ENOTFOUND, "no activity '%lld'", (long long)id);
	if (rc != SQLITE_ROW)
		return crm_store_error(st, rc, err);
	return show_followup(st, id, rec, err);
}

int crm_activity_edit(struct crm_store *st, int64_t id, const struct crm_activity_input *in,
		      struct crm_err *err)
{
	char at[CRM_TIME_BUFSZ];
	sqlite3_stmt *stmt;
	int rc;

	if (!in->type && !in->summary && !in->outcome && !in->minutes && !in->at && !in->rep)
		return crm_fail(err, CRM_EUSAGE, "nothing to change");
	if ((rc = activity_validate(st, in, 1, at, err)) != CRM_OK)
		return rc;
	if ((rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	/* A column is set when its value was given: ?N IS NOT NULL picks it. */
	rc = crm_store_prepare(st,
			       "UPDATE activity SET type = ifnull(?2, type), "
			       "summary = ifnull(?3, summary), "
			       "outcome = CASE WHEN ?4 IS NULL THEN outcome ELSE nullif(?4, '') END, "
			       "minutes = CASE WHEN ?5 IS NULL THEN minutes "
			       "  WHEN ?5 = '' THEN NULL ELSE CAST(?5 AS INTEGER) END, "
			       "at = ifnull(?6, at), rep = ifnull(?7, rep) WHERE id = ?1",
			       &stmt, err);
	if (rc == CRM_OK) {
		sqlite3_bind_int64(stmt, 1, id);
		crm_bind_text(stmt, 2, in->type);
		crm_bind_text(stmt, 3, in->summary);
		crm_bind_text(stmt, 4, in->outcome);
		crm_bind_text(stmt, 5, in->minutes);
		crm_bind_text(stmt, 6, in->at ? at : NULL);
		crm_bind_text(stmt, 7, in->rep);
		rc = crm_store_run(st, stmt, err);
	}
	return crm_store_end(st, rc, err);
}

static int exec_id(struct crm_store *st, const char *sql, int64_t id, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st, sql, &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	return crm_store_run(st, stmt, err);
}

int crm_activity_rm(struct crm_store *st, int64_t id, struct crm_err *err)
{
	int rc = crm_store_begin(st, err);

	/* The follow-up is work still to do: it outlives the log entry. */
	if (rc == CRM_OK)
		rc = exec_id(st, "UPDATE task SET activity_id = NULL WHERE activity_id = ?1", id,
			     err);
	if (rc == CRM_OK)
		rc = exec_id(st, "DELETE FROM activity WHERE id = ?1", id, err);
	return crm_store_end(st, rc, err);
}

static int cadence_fields(struct crm_store *st, int64_t customer_id, struct crm_rec *rec,
			  struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT cadence, last_contact, next_contact FROM customer_cadence "
				   "WHERE customer_id = ?1",
				   &stmt, err);
	int row;

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, customer_id);
	rc = sqlite3_step(stmt);
	row = rc == SQLITE_ROW;
	crm_rec_field(rec, "effective_cadence", CRM_COL_INT,
		      row ? (const char *)sqlite3_column_text(stmt, 0) : NULL);
	crm_rec_field(rec, "last_contact", CRM_COL_TEXT,
		      row ? (const char *)sqlite3_column_text(stmt, 1) : NULL);
	crm_rec_field(rec, "next_contact", CRM_COL_TEXT,
		      row ? (const char *)sqlite3_column_text(stmt, 2) : NULL);
	sqlite3_finalize(stmt);
	return row || rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}

static const struct crm_column section_columns[] = {
	{"id", CRM_COL_INT},    {"at", CRM_COL_TEXT},      {"type", CRM_COL_TEXT},
	{"rep", CRM_COL_TEXT},  {"summary", CRM_COL_TEXT}, {"outcome", CRM_COL_TEXT},
};

int crm_activity_section(struct crm_store *st, int64_t customer_id, struct crm_rec *rec,
			 struct crm_err *err)
{
	const size_t n = sizeof section_columns / sizeof *section_columns;
	const char *cells[sizeof section_columns / sizeof *section_columns];
	sqlite3_stmt *stmt;
	int rc = cadence_fields(st, customer_id, rec, err);

	if (rc != CRM_OK)
		return rc;
	if ((rc = crm_store_prepare(st,
				    "SELECT id, at, type, rep, summary, outcome FROM activity "
				    "WHERE customer_id = ?1 ORDER BY at DESC, id DESC LIMIT ?2",
				    &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, customer_id);
	sqlite3_bind_int(stmt, 2, SECTION_ROWS);
	crm_rec_table(rec, "activities", section_columns, n);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (size_t i = 0; i < n; i++)
			cells[i] = (const char *)sqlite3_column_text(stmt, (int)i);
		crm_rec_table_row(rec, "activities", cells);
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}
