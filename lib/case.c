/* case.c — service cases: open, the thread and state changes, the
 * service-level clocks, list, show, the customer's section and stats. */
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "config.h"
#include "contact.h"
#include "doc.h"
#include "product.h"
#include "validate.h"

/* Case states as bits, for the transition table. */
enum { S_OPEN = 1, S_WAITING = 2, S_RESOLVED = 4, S_CLOSED = 8 };

static const struct {
	const char *kind;   /* case_event.kind and the verb */
	unsigned from;      /* the states it may happen in */
	const char *to;     /* the state after it; NULL: unchanged */
} actions[] = {
	[CRM_CASE_REPLY] = {"reply", S_OPEN | S_WAITING, NULL},
	[CRM_CASE_NOTE] = {"note", S_OPEN | S_WAITING | S_RESOLVED | S_CLOSED, NULL},
	[CRM_CASE_ASSIGN] = {"assign", S_OPEN | S_WAITING | S_RESOLVED, NULL},
	[CRM_CASE_WAIT] = {"wait", S_OPEN, "waiting"},
	[CRM_CASE_RESUME] = {"resume", S_WAITING, "open"},
	[CRM_CASE_RESOLVE] = {"resolve", S_OPEN | S_WAITING, "resolved"},
	[CRM_CASE_CLOSE] = {"close", S_RESOLVED, "closed"},
	[CRM_CASE_REOPEN] = {"reopen", S_RESOLVED | S_CLOSED, "open"},
};

static unsigned state_bit(const char *status)
{
	return !strcmp(status, "open") ? S_OPEN : !strcmp(status, "waiting") ? S_WAITING
	       : !strcmp(status, "resolved") ? S_RESOLVED : S_CLOSED;
}

int crm_case_find(struct crm_store *st, const char *key, int64_t *id, struct crm_err *err)
{
	return crm_store_find(st, "SELECT id FROM service_case WHERE id = ?1",
			      "SELECT id FROM service_case WHERE number = ?1", key, "case", id,
			      err);
}

int crm_case_calendar(struct crm_store *st, struct crm_calendar *cal, struct crm_err *err)
{
	char *days = crm_config_value(st, "calendar.days");
	char *hours = crm_config_value(st, "calendar.hours");
	char *holidays = crm_config_value(st, "calendar.holidays");
	int rc = crm_cal_parse_days(days ? days : "", &cal->days, err);

	if (rc == CRM_OK)
		rc = crm_cal_parse_hours(hours ? hours : "", &cal->start, &cal->end, err);
	if (rc == CRM_OK)
		rc = crm_cal_parse_holidays(holidays ? holidays : "", cal, err);
	free(days);
	free(hours);
	free(holidays);
	return rc;
}

/* ---- the clocks ---- */

struct case_sla {
	char respond_by[CRM_TIME_BUFSZ], resolve_by[CRM_TIME_BUFSZ]; /* "" if never */
	const char *response_met, *resolution_met; /* "yes", "no" or NULL */
	int64_t response_secs, resolution_secs;    /* working seconds taken; -1: not yet */
	int replies, waits, resolves, reopens;
};

/* The times of a case the clocks read, as text from its row. */
struct case_times {
	const char *opened, *responded, *resolved; /* NULL when not yet */
	int64_t response_hours, resolution_hours;
};

static const char *outcome(int done, int64_t at, int64_t by, int64_t now)
{
	if (by < 0)
		return NULL;
	if (done)
		return at <= by ? "yes" : "no";
	return now > by ? "no" : NULL;
}

/* Walks the case's events into the resolution clock's start and pauses
 * (*pauses malloc'd, for the caller to free) and the counts of s. */
static int load_clock(struct crm_store *st, int64_t id, int64_t *start,
		      struct crm_cal_pause **pauses, size_t *n, struct case_sla *s,
		      struct crm_err *err)
{
	sqlite3_stmt *stmt;
	size_t cap = 0;
	int rc = crm_store_prepare(st,
				   "SELECT kind, at FROM case_event WHERE case_id = ?1 AND kind "
				   "IN ('reply', 'wait', 'resume', 'resolve', 'reopen') "
				   "ORDER BY at, id",
				   &stmt, err);

	*pauses = NULL;
	*n = 0;
	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(stmt, 0);
		int64_t at = 0;

		crm_cal_time((const char *)sqlite3_column_text(stmt, 1), &at, NULL);
		if (!strcmp(kind, "reply")) {
			s->replies++;
		} else if (!strcmp(kind, "reopen")) {
			s->reopens++;
			*start = at;
			*n = 0; /* a reopening measures again from scratch */
		} else if (!strcmp(kind, "wait")) {
			s->waits++;
			if (*n == cap) {
				struct crm_cal_pause *p;

				cap = cap * 2 + 4;
				p = realloc(*pauses, cap * sizeof *p);

				if (!p) {
					sqlite3_finalize(stmt);
					return crm_fail(err, CRM_EFAIL, "out of memory");
				}
				*pauses = p;
			}
			(*pauses)[(*n)++] = (struct crm_cal_pause){at, -1};
		} else {
			/* resume, or resolve while waiting: the pause ends */
			s->resolves += !strcmp(kind, "resolve");
			if (*n && (*pauses)[*n - 1].to < 0)
				(*pauses)[*n - 1].to = at;
		}
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}

/* Computes the clocks of case id (whose times are t) at the store's now. */
static int case_clock(struct crm_store *st, const struct crm_calendar *cal, int64_t id,
		      const struct case_times *t, struct case_sla *s, struct crm_err *err)
{
	struct crm_cal_pause *pauses;
	int64_t opened = 0, now = 0, responded = 0, resolved = 0, start, by;
	size_t n;
	int rc;

	memset(s, 0, sizeof *s);
	if ((rc = crm_cal_time(t->opened, &opened, err)) != CRM_OK ||
	    (rc = crm_cal_time(st->clock.now, &now, err)) != CRM_OK)
		return rc;
	if (t->responded)
		crm_cal_time(t->responded, &responded, NULL);
	if (t->resolved)
		crm_cal_time(t->resolved, &resolved, NULL);
	start = opened;
	if ((rc = load_clock(st, id, &start, &pauses, &n, s, err)) != CRM_OK)
		return rc;
	by = crm_cal_add(cal, opened, t->response_hours * 3600);
	if (by >= 0)
		crm_cal_format(by, s->respond_by);
	s->response_met = outcome(t->responded != NULL, responded, by, now);
	s->response_secs = t->responded ? crm_cal_between(cal, opened, responded) : -1;
	by = crm_cal_deadline(cal, start, t->resolution_hours * 3600, pauses, n, now);
	if (by >= 0)
		crm_cal_format(by, s->resolve_by);
	s->resolution_met = outcome(t->resolved != NULL, resolved, by, now);
	s->resolution_secs = t->resolved ? crm_cal_elapsed(cal, start, resolved, pauses, n) : -1;
	free(pauses);
	return CRM_OK;
}

/* ---- open ---- */

static int check_text(const char *what, const char *s, size_t max, int newlines,
		      struct crm_err *err)
{
	if (!*s || crm_has_control(s, newlines) || strlen(s) > max)
		return crm_fail(err, CRM_EINVAL, "'%s' is not a valid %s", s, what);
	return CRM_OK;
}

static int check_choice(const char *what, const char *s, const char *const *choices,
			const char *list, struct crm_err *err)
{
	for (; *choices; choices++)
		if (!strcmp(*choices, s))
			return CRM_OK;
	return crm_fail(err, CRM_EINVAL, "'%s' is not a %s (%s)", s, what, list);
}

static int check_input(const struct crm_case_input *in, struct crm_err *err)
{
	static const char *const channels[] = {"phone", "email", "web", "visit", "chat", NULL};
	static const char *const priorities[] = {"low", "normal", "high", "urgent", NULL};
	int rc = check_text("subject", in->subject, 200, 0, err);

	if (rc == CRM_OK && in->channel)
		rc = check_choice("channel", in->channel, channels,
				  "phone, email, web, visit, chat", err);
	if (rc == CRM_OK && in->priority)
		rc = check_choice("priority", in->priority, priorities,
				  "low, normal, high, urgent", err);
	if (rc == CRM_OK && in->assignee)
		rc = check_text("assignee", in->assignee, 100, 0, err);
	return rc;
}

/* The target sla[.TIER].PRIORITY.WHAT in hours: the tier's when set. */
static int64_t target_hours(struct crm_store *st, const char *tier, const char *priority,
			    const char *what)
{
	char key[300];
	char *v = NULL;
	int64_t h;

	if (tier && strlen(tier) < 200) {
		snprintf(key, sizeof key, "sla.%s.%s.%s", tier, priority, what);
		v = crm_config_get(st, key);
	}
	if (!v) {
		snprintf(key, sizeof key, "sla.%s.%s", priority, what);
		v = crm_config_value(st, key);
	}
	h = v ? atoll(v) : 0;
	free(v);
	return h > 0 ? h : 1;
}

/* The customer's tier (malloc'd, NULL for none); refuses an archived one. */
static int customer_tier(struct crm_store *st, int64_t customer_id, char **tier,
			 struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st, "SELECT code, tier, archived FROM customer WHERE id = ?1",
				   &stmt, err);

	*tier = NULL;
	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, customer_id);
	if ((rc = sqlite3_step(stmt)) != SQLITE_ROW)
		rc = rc == SQLITE_DONE ? crm_fail(err, CRM_ENOTFOUND, "no customer with id %lld",
						  (long long)customer_id)
				       : crm_store_error(st, rc, err);
	else if (sqlite3_column_int(stmt, 2))
		rc = crm_fail(err, CRM_EINVAL, "customer %s is archived",
			      (const char *)sqlite3_column_text(stmt, 0));
	else if (sqlite3_column_type(stmt, 1) != SQLITE_NULL &&
		 !(*tier = strdup((const char *)sqlite3_column_text(stmt, 1))))
		rc = crm_fail(err, CRM_EFAIL, "out of memory");
	else
		rc = CRM_OK;
	sqlite3_finalize(stmt);
	return rc;
}

static int add_event(struct crm_store *st, int64_t id, const char *kind, const char *text,
		     struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "INSERT INTO case_event (case_id, at, user, kind, text) "
				   "VALUES (?1, ?2, ?3, ?4, ?5)",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, st->clock.now, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, st->user ? st->user : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, kind, -1, SQLITE_STATIC);
	crm_bind_text(stmt, 5, text);
	return crm_store_run(st, stmt, err);
}

/* The inside of crm_case_open's transaction. */
static int case_insert(struct crm_store *st, int64_t customer_id, const struct crm_case_input *in,
		       char number[65], struct crm_err *err)
{
	const char *priority = in->priority ? in->priority : "normal";
	int64_t contact = 0, product = 0;
	sqlite3_stmt *stmt;
	char *tier;
	int rc = customer_tier(st, customer_id, &tier, err);

	if (rc == CRM_OK && in->contact)
		rc = crm_contact_find(st, in->contact, customer_id, &contact, err);
	if (rc == CRM_OK && in->product)
		rc = crm_product_find(st, in->product, &product, err);
	if (rc == CRM_OK)
		rc = crm_doc_number_next(st, "case", st->clock.today, number, err);
	if (rc == CRM_OK)
		rc = crm_store_prepare(st,
				       "INSERT INTO service_case (number, customer_id, contact_id, "
				       "product_id, subject, channel, priority, assignee, opened, "
				       "response_hours, resolution_hours, created, updated) VALUES "
				       "(?1, ?2, nullif(?3, 0), nullif(?4, 0), ?5, ?6, ?7, ?8, ?9, "
				       "?10, ?11, ?9, ?9)",
				       &stmt, err);
	if (rc == CRM_OK) {
		sqlite3_bind_text(stmt, 1, number, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 2, customer_id);
		sqlite3_bind_int64(stmt, 3, contact);
		sqlite3_bind_int64(stmt, 4, product);
		crm_bind_text(stmt, 5, in->subject);
		crm_bind_text(stmt, 6, in->channel ? in->channel : "phone");
		crm_bind_text(stmt, 7, priority);
		crm_bind_text(stmt, 8, in->assignee);
		sqlite3_bind_text(stmt, 9, st->clock.now, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 10, target_hours(st, tier, priority, "response"));
		sqlite3_bind_int64(stmt, 11, target_hours(st, tier, priority, "resolution"));
		if ((rc = crm_store_run(st, stmt, err)) == CRM_OK)
			rc = add_event(st, sqlite3_last_insert_rowid(st->db), "open", in->subject,
				       err);
	}
	free(tier);
	return rc;
}

int crm_case_open(struct crm_store *st, int64_t customer_id, const struct crm_case_input *in,
		  char number_out[65], struct crm_err *err)
{
	int rc = check_input(in, err);

	if (rc != CRM_OK || (rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	return crm_store_end(st, case_insert(st, customer_id, in, number_out, err), err);
}

/* ---- the state changes ---- */

static int check_action_text(enum crm_case_action a, const char *text, struct crm_err *err)
{
	if (a == CRM_CASE_ASSIGN)
		return check_text("assignee", text ? text : "", 100, 0, err);
	if (a == CRM_CASE_REPLY || a == CRM_CASE_NOTE)
		return check_text(actions[a].kind, text ? text : "", 10000, 1, err);
	return text ? check_text("text", text, 10000, 1, err) : CRM_OK;
}

/* Refuses action a on the case in its state, or at a time before its last
 * event (the clocks cannot run backwards). */
static int check_transition(struct crm_store *st, int64_t id, enum crm_case_action a,
			    struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT number, status, (SELECT max(at) FROM case_event "
				   "WHERE case_id = s.id) FROM service_case s WHERE id = ?1",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = sqlite3_step(stmt)) != SQLITE_ROW) {
		sqlite3_finalize(stmt);
		return rc == SQLITE_DONE
			       ? crm_fail(err, CRM_ENOTFOUND, "no case with id %lld", (long long)id)
			       : crm_store_error(st, rc, err);
	}
	const char *number = (const char *)sqlite3_column_text(stmt, 0);
	const char *status = (const char *)sqlite3_column_text(stmt, 1);
	const char *last = (const char *)sqlite3_column_text(stmt, 2);

	if (!(actions[a].from & state_bit(status)))
		rc = crm_fail(err, CRM_EINVAL, "cannot %s: case %s is %s", actions[a].kind,
			      number, status);
	else if (last && strcmp(st->clock.now, last) < 0)
		rc = crm_fail(err, CRM_EINVAL, "the time %s is before case %s's last event (%s)",
			      st->clock.now, number, last);
	else
		rc = CRM_OK;
	sqlite3_finalize(stmt);
	return rc;
}

static int case_update(struct crm_store *st, int64_t id, enum crm_case_action a,
		       const char *text, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(
		st,
		"UPDATE service_case SET status = ifnull(?2, status), updated = ?3, "
		"responded = CASE WHEN ?4 THEN ifnull(responded, ?3) ELSE responded END, "
		"resolved = CASE ?5 WHEN 1 THEN ?3 WHEN 2 THEN NULL ELSE resolved END, "
		"closed = CASE ?6 WHEN 1 THEN ?3 WHEN 2 THEN NULL ELSE closed END, "
		"assignee = ifnull(?7, assignee) WHERE id = ?1",
		&stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	crm_bind_text(stmt, 2, actions[a].to);
	sqlite3_bind_text(stmt, 3, st->clock.now, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 4, a == CRM_CASE_REPLY);
	sqlite3_bind_int(stmt, 5, a == CRM_CASE_RESOLVE ? 1 : a == CRM_CASE_REOPEN ? 2 : 0);
	sqlite3_bind_int(stmt, 6, a == CRM_CASE_CLOSE ? 1 : a == CRM_CASE_REOPEN ? 2 : 0);
	crm_bind_text(stmt, 7, a == CRM_CASE_ASSIGN ? text : NULL);
	return crm_store_run(st, stmt, err);
}

int crm_case_act(struct crm_store *st, int64_t id, enum crm_case_action a, const char *text,
		 struct crm_err *err)
{
	int rc = check_action_text(a, text, err);

	if (rc != CRM_OK || (rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	rc = check_transition(st, id, a, err);
	if (rc == CRM_OK)
		rc = case_update(st, id, a, text, err);
	if (rc == CRM_OK)
		rc = add_event(st, id, actions[a].kind, text, err);
	return crm_store_end(st, rc, err);
}

/* ---- list, show, section ---- */

const struct crm_column crm_case_columns[] = {
	{"number", CRM_COL_TEXT},       {"customer", CRM_COL_TEXT},
	{"name", CRM_COL_TEXT},         {"subject", CRM_COL_TEXT},
	{"channel", CRM_COL_TEXT},      {"priority", CRM_COL_TEXT},
	{"status", CRM_COL_TEXT},       {"assignee", CRM_COL_TEXT},
	{"contact", CRM_COL_TEXT},      {"product", CRM_COL_TEXT},
	{"opened", CRM_COL_TEXT},       {"responded", CRM_COL_TEXT},
	{"resolved", CRM_COL_TEXT},     {"closed", CRM_COL_TEXT},
	{"response_hours", CRM_COL_INT}, {"resolution_hours", CRM_COL_INT},
	{"respond_by", CRM_COL_TEXT},   {"resolve_by", CRM_COL_TEXT},
	{"response_met", CRM_COL_TEXT}, {"resolution_met", CRM_COL_TEXT},
};
const size_t crm_case_ncolumns = sizeof crm_case_columns / sizeof *crm_case_columns;

/* Column 0 is the id, then the stored columns of crm_case_columns; the
 * last four are computed. */
#define CASE_STORED 16
#define CASE_SELECT                                                                            \
	"SELECT s.id, s.number, c.code, c.name, s.subject, s.channel, s.priority, s.status, "  \
	"s.assignee, ct.name, p.sku, s.opened, s.responded, s.resolved, s.closed, "            \
	"s.response_hours, s.resolution_hours FROM service_case s "                            \
	"JOIN customer c ON c.id = s.customer_id LEFT JOIN contact ct ON ct.id = s.contact_id " \
	"LEFT JOIN product p ON p.id = s.product_id "

/* The clocks of the case on stmt's current row (a CASE_SELECT row). */
static int row_clock(struct crm_store *st, const struct crm_calendar *cal, sqlite3_stmt *stmt,
		     struct case_sla *s, struct crm_err *err)
{
	struct case_times t = {
		(const char *)sqlite3_column_text(stmt, 11),
		(const char *)sqlite3_column_text(stmt, 12),
		(const char *)sqlite3_column_text(stmt, 13),
		sqlite3_column_int64(stmt, 15),
		sqlite3_column_int64(stmt, 16),
	};

	return case_clock(st, cal, sqlite3_column_int64(stmt, 0), &t, s, err);
}

/* The cells of a CASE_SELECT row with its clocks, as crm_case_columns. */
static void row_cells(sqlite3_stmt *stmt, const struct case_sla *s, const char **cells)
{
	for (int i = 0; i < CASE_STORED; i++)
		cells[i] = (const char *)sqlite3_column_text(stmt, i + 1);
	cells[16] = *s->respond_by ? s->respond_by : NULL;
	cells[17] = *s->resolve_by ? s->resolve_by : NULL;
	cells[18] = s->response_met;
	cells[19] = s->resolution_met;
}

static int check_status(const char *status, struct crm_err *err)
{
	static const char *const statuses[] = {"open", "waiting", "resolved", "closed", "all",
					       NULL};

	return check_choice("case status", status, statuses,
			    "open, waiting, resolved, closed, all", err);
}

int crm_case_list(struct crm_store *st, const struct crm_case_filter *f, struct crm_out *out,
		  struct crm_err *err)
{
	struct crm_calendar cal;
	sqlite3_stmt *stmt;
	int rc = CRM_OK, step = SQLITE_DONE;

	if (f->status && (rc = check_status(f->status, err)) != CRM_OK)
		return rc;
	if (f->priority && (rc = check_input(&(struct crm_case_input){.subject = "x",
						.priority = f->priority}, err)) != CRM_OK)
		return rc;
	if ((rc = crm_case_calendar(st, &cal, err)) != CRM_OK ||
	    (rc = crm_store_prepare(st,
				    CASE_SELECT "WHERE (?1 = 0 OR s.customer_id = ?1) "
				    "AND (?2 IS NULL AND s.status IN ('open', 'waiting') "
				    "OR ?2 = 'all' OR s.status = ?2) "
				    "AND (?3 IS NULL OR s.assignee = ?3) "
				    "AND (?4 IS NULL OR s.priority = ?4) ORDER BY s.opened, s.id",
				    &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, f->customer_id);
	crm_bind_text(stmt, 2, f->status);
	crm_bind_text(stmt, 3, f->assignee);
	crm_bind_text(stmt, 4, f->priority);
	while (rc == CRM_OK && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *cells[20];
		struct case_sla s;

		if ((rc = row_clock(st, &cal, stmt, &s, err)) != CRM_OK)
			break;
		if (f->breached && !(s.response_met && !strcmp(s.response_met, "no")) &&
		    !(s.resolution_met && !strcmp(s.resolution_met, "no")))
			continue;
		row_cells(stmt, &s, cells);
		if (crm_out_row(out, cells) != CRM_OK)
			rc = crm_fail(err, CRM_EFAIL, "write error");
	}
	sqlite3_finalize(stmt);
	if (rc == CRM_OK && step != SQLITE_DONE)
		rc = crm_store_error(st, step, err);
	return rc;
}

static const struct crm_column thread_columns[] = {
	{"at", CRM_COL_TEXT}, {"user", CRM_COL_TEXT}, {"kind", CRM_COL_TEXT},
	{"text", CRM_COL_TEXT},
};

int crm_case_show(struct crm_store *st, int64_t id, struct crm_rec *rec, struct crm_err *err)
{
	struct crm_calendar cal;
	sqlite3_stmt *stmt;
	struct case_sla s;
	int rc = crm_case_calendar(st, &cal, err);

	if (rc != CRM_OK || (rc = crm_store_prepare(st, CASE_SELECT "WHERE s.id = ?1", &stmt,
						    err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = sqlite3_step(stmt)) != SQLITE_ROW) {
		sqlite3_finalize(stmt);
		return rc == SQLITE_DONE
			       ? crm_fail(err, CRM_ENOTFOUND, "no case with id %lld", (long long)id)
			       : crm_store_error(st, rc, err);
	}
	if ((rc = row_clock(st, &cal, stmt, &s, err)) == CRM_OK) {
		const char *cells[20];

		row_cells(stmt, &s, cells);
		for (size_t i = 0; i < crm_case_ncolumns; i++)
			crm_rec_field(rec, crm_case_columns[i].name, crm_case_columns[i].type,
				      cells[i]);
	}
	sqlite3_finalize(stmt);
	if (rc != CRM_OK ||
	    (rc = crm_store_prepare(st,
				    "SELECT at, user, kind, text FROM case_event "
				    "WHERE case_id = ?1 ORDER BY at, id",
				    &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	return crm_store_rec_table(st, stmt, rec, "thread", thread_columns, 4, err);
}

static const struct crm_column section_columns[] = {
	{"number", CRM_COL_TEXT},   {"opened", CRM_COL_TEXT},   {"subject", CRM_COL_TEXT},
	{"priority", CRM_COL_TEXT}, {"status", CRM_COL_TEXT},   {"assignee", CRM_COL_TEXT},
	{"resolve_by", CRM_COL_TEXT},
};

int crm_case_section(struct crm_store *st, int64_t customer_id, struct crm_rec *rec,
		     struct crm_err *err)
{
	struct crm_calendar cal;
	sqlite3_stmt *stmt;
	int rc = crm_case_calendar(st, &cal, err), step = SQLITE_DONE;

	if (rc != CRM_OK ||
	    (rc = crm_store_prepare(st,
				    CASE_SELECT "WHERE s.customer_id = ?1 AND s.status IN "
				    "('open', 'waiting') ORDER BY s.opened, s.id",
				    &stmt, err)) != CRM_OK)
		return rc;
	crm_rec_table(rec, "cases", section_columns, 7);
	sqlite3_bind_int64(stmt, 1, customer_id);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct case_sla s;
		const char *c[20], *row[7];

		if ((rc = row_clock(st, &cal, stmt, &s, err)) != CRM_OK)
			break;
		row_cells(stmt, &s, c);
		/* number, opened, subject, priority, status, assignee, resolve_by */
		row[0] = c[0], row[1] = c[10], row[2] = c[3], row[3] = c[5];
		row[4] = c[6], row[5] = c[7], row[6] = c[17];
		crm_rec_table_row(rec, "cases", row);
	}
	sqlite3_finalize(stmt);
	if (rc == CRM_OK && step != SQLITE_DONE)
		rc = crm_store_error(st, step, err);
	return rc;
}

/* ---- stats ---- */

#define STATS_TAIL                                                                             \
	{"cases", CRM_COL_INT}, {"unresolved", CRM_COL_INT},                                   \
	{"response_median", CRM_COL_MONEY}, {"response_p90", CRM_COL_MONEY},                   \
	{"resolution_median", CRM_COL_MONEY}, {"resolution_p90", CRM_COL_MONEY},               \
	{"response_met", CRM_COL_MONEY}, {"resolution_met", CRM_COL_MONEY},                    \
	{"fcr", CRM_COL_MONEY}, {"contacts", CRM_COL_MONEY}, {"reopen_rate", CRM_COL_MONEY},   \
	{"age_0_1", CRM_COL_INT}, {"age_2_7", CRM_COL_INT}, {"age_8_30", CRM_COL_INT},         \
	{"age_31_plus", CRM_COL_INT}
#define STATS_N 15

static const char *const stats_by[] = {"channel", "assignee", "priority", "product"};
static const struct crm_column stats_columns[5][STATS_N + 1] = {
	{{"channel", CRM_COL_TEXT}, STATS_TAIL},
	{{"assignee", CRM_COL_TEXT}, STATS_TAIL},
	{{"priority", CRM_COL_TEXT}, STATS_TAIL},
	{{"product", CRM_COL_TEXT}, STATS_TAIL},
	{STATS_TAIL},
};

/* Index of by in stats_by, 4 for NULL (overall), -1 when unknown. */
static int by_index(const char *by)
{
	if (!by)
		return 4;
	for (int i = 0; i < 4; i++)
		if (!strcmp(by, stats_by[i]))
			return i;
	return -1;
}

const struct crm_column *crm_case_stats_columns(const char *by, size_t *ncols)
{
	int i = by_index(by);

	*ncols = i == 4 ? STATS_N : STATS_N + 1;
	return i < 0 ? NULL : stats_columns[i];
}

/* What stats keeps of one case. */
struct stat_case {
	char *group;
	struct case_sla s;
	int resolved_now, unresolved;
	int64_t age; /* days since it opened */
};

static int by_group(const void *a, const void *b)
{
	const struct stat_case *x = a, *y = b;
	int c = strcmp(x->group, y->group);

	return c ? c : (x < y ? -1 : x > y);
}

static int by_value(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* n / d rounded half up, for n >= 0 and d > 0. */
static int64_t round_div(int64_t n, int64_t d)
{
	return (2 * n + d) / (2 * d);
}

static char *tenths(int64_t t, char *buf)
{
	snprintf(buf, 32, "%lld.%lld", (long long)(t / 10), (long long)(t % 10));
	return buf;
}

/* A percentage n of d with one decimal; NULL when d is 0. */
static const char *percent(int64_t n, int64_t d, char *buf)
{
	return d ? tenths(round_div(n * 1000, d), buf) : NULL;
}

/* The nearest-rank percentile p of the n sorted values, in working hours
 * with one decimal; NULL when n is 0. */
static const char *rank_hours(const int64_t *v, size_t n, int p, char *buf)
{
	if (!n)
		return NULL;
	return tenths(round_div(v[(p * n + 99) / 100 - 1] * 10, 3600), buf);
}

static int stats_row(const struct stat_case *c, size_t n, const char *group, int with_group,
		     struct crm_out *out, struct crm_err *err)
{
	char buf[12][32], cnt[7][24];
	int64_t *resp = malloc((n + 1) * sizeof *resp), *resol = malloc((n + 1) * sizeof *resol);
	int64_t k[16] = {0}; /* 0 nresp 1 nresol 2 rmet 3 rknown 4 smet 5 sknown 6 fcr 7 resolved
			      * 8 replies 9 reopened 10 unresolved 11-14 ages */
	const char *cells[STATS_N + 1];
	int rc = CRM_OK, i = 0;

	if (!resp || !resol) {
		free(resp);
		free(resol);
		return crm_fail(err, CRM_EFAIL, "out of memory");
	}
	for (size_t j = 0; j < n; j++) {
		const struct case_sla *s = &c[j].s;

		if (s->response_secs >= 0)
			resp[k[0]++] = s->response_secs;
		if (s->resolution_secs >= 0)
			resol[k[1]++] = s->resolution_secs;
		k[2] += s->response_met && !strcmp(s->response_met, "yes");
		k[3] += s->response_met != NULL;
		k[4] += s->resolution_met && !strcmp(s->resolution_met, "yes");
		k[5] += s->resolution_met != NULL;
		k[7] += s->resolves > 0;
		k[6] += s->resolves > 0 && c[j].resolved_now && s->replies <= 1 && !s->waits &&
			!s->reopens;
		k[8] += s->replies;
		k[9] += s->reopens > 0;
		if (c[j].unresolved) {
			k[10]++;
			k[c[j].age <= 1 ? 11 : c[j].age <= 7 ? 12 : c[j].age <= 30 ? 13 : 14]++;
		}
	}
	qsort(resp, (size_t)k[0], sizeof *resp, by_value);
	qsort(resol, (size_t)k[1], sizeof *resol, by_value);
	if (with_group)
		cells[i++] = group;
	snprintf(cnt[0], sizeof cnt[0], "%zu", n);
	cells[i++] = cnt[0];
	snprintf(cnt[1], sizeof cnt[1], "%lld", (long long)k[10]);
	cells[i++] = cnt[1];
	cells[i++] = rank_hours(resp, (size_t)k[0], 50, buf[0]);
	cells[i++] = rank_hours(resp, (size_t)k[0], 90, buf[1]);
	cells[i++] = rank_hours(resol, (size_t)k[1], 50, buf[2]);
	cells[i++] = rank_hours(resol, (size_t)k[1], 90, buf[3]);
	cells[i++] = percent(k[2], k[3], buf[4]);
	cells[i++] = percent(k[4], k[5], buf[5]);
	cells[i++] = percent(k[6], k[7], buf[6]);
	cells[i++] = n ? tenths(round_div(k[8] * 10, (int64_t)n), buf[7]) : NULL;
	cells[i++] = percent(k[9], k[7], buf[8]);
	for (int a = 0; a < 4; a++) {
		snprintf(cnt[2 + a], sizeof cnt[2 + a], "%lld", (long long)k[11 + a]);
		cells[i++] = cnt[2 + a];
	}
	if (crm_out_row(out, cells) != CRM_OK)
		rc = crm_fail(err, CRM_EFAIL, "write error");
	free(resp);
	free(resol);
	return rc;
}

/* Reads the cases opened from..to into *cases (malloc'd) with their group. */
static int stats_load(struct crm_store *st, int by, const char *from, const char *to,
		      struct stat_case **cases, size_t *n, struct crm_err *err)
{
	struct crm_calendar cal;
	crm_day f = 0, t = 0;
	char fb[CRM_DATE_BUFSZ], tb[CRM_DATE_BUFSZ];
	sqlite3_stmt *stmt;
	size_t cap = 0;
	int rc = CRM_OK, step = SQLITE_DONE;

	*cases = NULL;
	*n = 0;
	if ((from && (rc = crm_date_parse(from, st->clock.today, &f, err)) != CRM_OK) ||
	    (to && (rc = crm_date_parse(to, st->clock.today, &t, err)) != CRM_OK) ||
	    (rc = crm_case_calendar(st, &cal, err)) != CRM_OK ||
	    (rc = crm_store_prepare(st,
				    CASE_SELECT "WHERE (?1 IS NULL OR "
				    "substr(s.opened, 1, 10) >= ?1) AND (?2 IS NULL OR "
				    "substr(s.opened, 1, 10) <= ?2) "
				    "ORDER BY s.opened, s.id",
				    &stmt, err)) != CRM_OK)
		return rc;
	crm_bind_text(stmt, 1, from ? crm_date_format(f, fb) : NULL);
	crm_bind_text(stmt, 2, to ? crm_date_format(t, tb) : NULL);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		/* the group's column in CASE_SELECT: channel, assignee, priority, sku */
		static const int group_col[] = {5, 8, 6, 10};
		const char *g = by < 4 ? (const char *)sqlite3_column_text(stmt, group_col[by])
				       : "";
		const char *status = (const char *)sqlite3_column_text(stmt, 7);
		struct stat_case *c;
		crm_day opened = 0;
		char day[CRM_DATE_BUFSZ];

		if (*n == cap) {
			struct stat_case *p = realloc(*cases, (cap = cap * 2 + 16) * sizeof *p);

			if (!p) {
				rc = crm_fail(err, CRM_EFAIL, "out of memory");
				break;
			}
			*cases = p;
		}
		c = &(*cases)[*n];
		if ((rc = row_clock(st, &cal, stmt, &c->s, err)) != CRM_OK)
			break;
		if (!(c->group = strdup(g ? g : "none"))) {
			rc = crm_fail(err, CRM_EFAIL, "out of memory");
			break;
		}
		(*n)++;
		c->unresolved = !strcmp(status, "open") || !strcmp(status, "waiting");
		c->resolved_now = !c->unresolved;
		snprintf(day, sizeof day, "%.10s", (const char *)sqlite3_column_text(stmt, 11));
		crm_date_parse_iso(day, &opened, NULL);
		c->age = st->clock.today - opened;
	}
	sqlite3_finalize(stmt);
	if (rc == CRM_OK && step != SQLITE_DONE)
		rc = crm_store_error(st, step, err);
	return rc;
}

int crm_case_stats(struct crm_store *st, const char *by, const char *from, const char *to,
		   struct crm_out *out, struct crm_err *err)
{
	struct stat_case *c;
	size_t n, i, j;
	int b = by_index(by), rc;

	if (b < 0)
		return crm_fail(err, CRM_EUSAGE,
				"unknown --by '%s' (channel, assignee, priority, product)", by);
	rc = stats_load(st, b, from, to, &c, &n, err);
	if (rc == CRM_OK && b < 4) {
		qsort(c, n, sizeof *c, by_group);
		for (i = 0; i < n && rc == CRM_OK; i = j) {
			for (j = i; j < n && !strcmp(c[j].group, c[i].group); j++)
				;
			rc = stats_row(c + i, j - i, c[i].group, 1, out, err);
		}
	}
	if (rc == CRM_OK)
		rc = stats_row(c, n, "total", b < 4, out, err);
	for (i = 0; i < n; i++)
		free(c[i].group);
	free(c);
	return rc;
}
