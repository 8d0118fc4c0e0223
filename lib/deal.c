/* deal.c — deals: add, list, show, edit, the stage changes (move, won, lost,
 * reopen), and the sales reports (stages, pipeline, forecast, funnel,
 * stalled). */
#include <stdlib.h>
#include <string.h>

#include "deal.h"
#include "money.h"
#include "text.h"
#include "validate.h"

/* Amounts above this (in minor units) are refused, so that amount * 100
 * (the weighted amount's product) can never overflow an int64. */
#define DEAL_AMOUNT_MAX INT64_C(1000000000000000)

/* The effective probability of the deal row d: won 100, lost 0, else its
 * own or its stage's. */
#define DEAL_PROBABILITY                                                                       \
	"(CASE d.status WHEN 'won' THEN 100 WHEN 'lost' THEN 0 "                              \
	"ELSE coalesce(d.probability, crm_stage_probability(d.stage)) END)"

/* Deals with their effective probability p and weighted amount w. */
#define DEALS_WEIGHTED                                                                         \
	"(SELECT d.*, " DEAL_PROBABILITY " AS p, "                                            \
	"(d.amount * " DEAL_PROBABILITY " + 50) / 100 AS w FROM deal d)"

/* n / d rounded half up, for n >= 0 and d > 0: the one rounding rule of
 * weighted amounts, percentages and averages. */
static int64_t round_div(int64_t n, int64_t d)
{
	return (2 * n + d) / (2 * d);
}

/* Writes tenths as a decimal with one fraction digit ("12.5"). */
static char *format_tenths(int64_t tenths, char buf[32])
{
	snprintf(buf, 32, "%lld.%lld", (long long)(tenths / 10), (long long)(tenths % 10));
	return buf;
}

int crm_deal_find(struct crm_store *st, const char *key, int64_t *id, struct crm_err *err)
{
	return crm_store_find(st, "SELECT id FROM deal WHERE id = ?1",
			      "SELECT id FROM deal WHERE code = ?1", key, "deal", id, err);
}

/* "unknown stage 'x' (stages: a, b, c)" */
static int unknown_stage(const struct crm_stages *s, const char *name, struct crm_err *err)
{
	struct crm_buf list = {0};
	int rc;

	if (!strcmp(name, "won") || !strcmp(name, "lost"))
		return crm_fail(err, CRM_EINVAL,
				"'%s' is an outcome, not a stage (see 'crm deal won' and "
				"'crm deal lost')", name);
	for (size_t i = 0; i < s->n; i++)
		crm_buf_addf(&list, "%s%s", i ? ", " : "", s->v[i].name);
	rc = crm_fail(err, CRM_EINVAL, "unknown stage '%s' (stages: %s)", name,
		      list.data ? list.data : "none");
	free(list.data);
	return rc;
}

/* Checks that name is a configured stage. */
static int check_stage(struct crm_store *st, const char *name, struct crm_err *err)
{
	struct crm_stages s;
	int rc = crm_stages_load(st, &s, err);

	if (rc == CRM_OK && crm_stages_index(&s, name) < 0)
		rc = unknown_stage(&s, name, err);
	crm_stages_free(&s);
	return rc;
}

/* The parsed values of a crm_deal_input. */
struct deal_values {
	int64_t amount;
	int probability; /* -1: not given or cleared */
	char close[CRM_DATE_BUFSZ]; /* "" when not given or cleared */
};

static int check_text(const char *what, const char *s, size_t max, int may_be_empty,
		      struct crm_err *err)
{
	if ((!may_be_empty && !*s) || crm_has_control(s, 0) || strlen(s) > max)
		return crm_fail(err, CRM_EINVAL, "'%s' is not a valid %s", s, what);
	return CRM_OK;
}

static int parse_amount(struct crm_store *st, const char *s, int64_t *out, struct crm_err *err)
{
	int rc = crm_money_parse(s, st->money_decimals, out, err);

	if (rc != CRM_OK)
		return rc;
	if (*out < 0)
		return crm_fail(err, CRM_EINVAL, "amount '%s' is negative", s);
	if (*out > DEAL_AMOUNT_MAX)
		return crm_fail(err, CRM_EINVAL, "amount '%s' is too large", s);
	return CRM_OK;
}

static int parse_probability(const char *s, int *out, struct crm_err *err)
{
	char *end;
	long v;

	if (!crm_all_digits(s) && !(strlen(s) > 1 && s[strlen(s) - 1] == '%' &&
				    s[0] >= '0' && s[0] <= '9'))
		return crm_fail(err, CRM_EINVAL, "'%s' is not a probability (0-100)", s);
	v = strtol(s, &end, 10);
	if ((*end && strcmp(end, "%") != 0) || v < 0 || v > 100)
		return crm_fail(err, CRM_EINVAL, "'%s' is not a probability (0-100)", s);
	*out = (int)v;
	return CRM_OK;
}

/* Validates in; editing allows "" to clear the optional fields. */
static int deal_validate(struct crm_store *st, const struct crm_deal_input *in, int editing,
			 struct deal_values *v, struct crm_err *err)
{
	crm_day day;
	int rc = CRM_OK;

	memset(v, 0, sizeof *v);
	v->probability = -1;
	if (in->title)
		rc = check_text("deal title", in->title, 200, 0, err);
	else if (!editing)
		rc = crm_fail(err, CRM_EINVAL, "a deal needs a title");
	if (rc == CRM_OK && in->amount)
		rc = parse_amount(st, in->amount, &v->amount, err);
	else if (rc == CRM_OK && !editing)
		rc = crm_fail(err, CRM_EINVAL, "a deal needs an amount");
	if (rc == CRM_OK && in->probability && *in->probability)
		rc = parse_probability(in->probability, &v->probability, err);
	if (rc == CRM_OK && in->close && *in->close &&
	    (rc = crm_date_parse(in->close, st->clock.today, &day, err)) == CRM_OK)
		crm_date_format(day, v->close);
	if (rc == CRM_OK && in->owner)
		rc = check_text("owner", in->owner, 100, 0, err);
	if (rc == CRM_OK && in->source)
		rc = check_text("source", in->source, 200, 1, err);
	if (rc == CRM_OK && in->stage)
		rc = check_stage(st, in->stage, err);
	return rc;
}

int crm_deal_check(struct crm_store *st, const struct crm_deal_input *in, struct crm_err *err)
{
	struct deal_values v;

	return deal_validate(st, in, 0, &v, err);
}

/* The next free code: numbered after the highest id ever given, so a
 * removed deal's code is never handed out again; a code taken anyway is
 * skipped. */
static int next_code(struct crm_store *st, char code[65], struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int64_t n = 1;
	int rc = crm_store_prepare(st,
				   "SELECT seq FROM sqlite_sequence WHERE name = 'deal'", &stmt, err);

	if (rc != CRM_OK)
		return rc;
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		n = sqlite3_column_int64(stmt, 0) + 1;
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return crm_store_error(st, rc, err);
	if ((rc = crm_store_prepare(st, "SELECT 1 FROM deal WHERE code = ?1", &stmt, err)))
		return rc;
	do {
		snprintf(code, 65, "D%05lld", (long long)n++);
		sqlite3_reset(stmt);
		sqlite3_bind_text(stmt, 1, code, -1, SQLITE_STATIC);
	} while ((rc = sqlite3_step(stmt)) == SQLITE_ROW);
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}

/* Records that deal id entered stage (or won, lost) now. */
static int history_add(struct crm_store *st, int64_t id, const char *stage, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "INSERT INTO deal_stage (deal_id, stage, at, user) "
				   "VALUES (?1, ?2, ?3, ?4)",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, stage, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, st->clock.now, -1, SQLITE_STATIC);
	crm_bind_text(stmt, 4, st->user);
	return crm_store_run(st, stmt, err);
}

/* The owner a new deal of customer_id gets by default: the customer's,
 * else the user.  Refuses an archived customer. */
static int default_owner(struct crm_store *st, int64_t customer_id, char **owner,
			 struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st, "SELECT code, owner, archived FROM customer WHERE id = ?1",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, customer_id);
	if ((rc = sqlite3_step(stmt)) != SQLITE_ROW) {
		sqlite3_finalize(stmt);
		return rc == SQLITE_DONE ? crm_fail(err, CRM_ENOTFOUND, "no customer with id %lld",
						    (long long)customer_id)
					 : crm_store_error(st, rc, err);
	}
	if (sqlite3_column_int(stmt, 2))
		rc = crm_fail(err, CRM_EINVAL, "customer %s is archived",
			      (const char *)sqlite3_column_text(stmt, 0));
	else if (!(*owner = strdup(sqlite3_column_type(stmt, 1) == SQLITE_NULL
					   ? (st->user ? st->user : "")
					   : (const char *)sqlite3_column_text(stmt, 1))))
		rc = crm_fail(err, CRM_EFAIL, "out of memory");
	else
		rc = CRM_OK;
	sqlite3_finalize(stmt);
	return rc;
}

int crm_deal_insert(struct crm_store *st, int64_t customer_id, const struct crm_deal_input *in,
		    char code_out[65], struct crm_err *err)
{
	struct deal_values v;
	struct crm_stages stages = {0};
	sqlite3_stmt *stmt;
	char *owner = NULL;
	const char *stage = in->stage;
	int rc = deal_validate(st, in, 0, &v, err);

	if (rc == CRM_OK && !stage && (rc = crm_stages_load(st, &stages, err)) == CRM_OK) {
		if (stages.n == 0)
			rc = crm_fail(err, CRM_EINVAL, "no deal stages configured (deal.stages)");
		else
			stage = stages.v[0].name;
	}
	if (rc == CRM_OK && !in->owner)
		rc = default_owner(st, customer_id, &owner, err);
	if (rc == CRM_OK)
		rc = next_code(st, code_out, err);
	if (rc == CRM_OK)
		rc = crm_store_prepare(st,
				       "INSERT INTO deal (code, customer_id, title, amount, stage, "
				       "probability, close_date, owner, source, stage_since, created, "
				       "updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, "
				       "?10)",
				       &stmt, err);
	if (rc == CRM_OK) {
		sqlite3_bind_text(stmt, 1, code_out, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 2, customer_id);
		crm_bind_text(stmt, 3, in->title);
		sqlite3_bind_int64(stmt, 4, v.amount);
		crm_bind_text(stmt, 5, stage);
		if (v.probability >= 0)
			sqlite3_bind_int(stmt, 6, v.probability);
		crm_bind_text(stmt, 7, *v.close ? v.close : NULL);
		crm_bind_text(stmt, 8, in->owner ? in->owner : owner);
		crm_bind_text(stmt, 9, in->source && *in->source ? in->source : NULL);
		crm_bind_text(stmt, 10, st->clock.now);
		if ((rc = crm_store_run(st, stmt, err)) == CRM_OK)
			rc = history_add(st, sqlite3_last_insert_rowid(st->db), stage, err);
	}
	crm_stages_free(&stages);
	free(owner);
	return rc;
}

int crm_deal_add(struct crm_store *st, int64_t customer_id, const struct crm_deal_input *in,
		 char code_out[65], struct crm_err *err)
{
	int rc = crm_deal_check(st, in, err);

	if (rc != CRM_OK || (rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	return crm_store_end(st, crm_deal_insert(st, customer_id, in, code_out, err), err);
}

const struct crm_column crm_deal_columns[] = {
	{"code", CRM_COL_TEXT},        {"customer", CRM_COL_TEXT},  {"name", CRM_COL_TEXT},
	{"title", CRM_COL_TEXT},       {"amount", CRM_COL_MONEY},   {"stage", CRM_COL_TEXT},
	{"status", CRM_COL_TEXT},      {"probability", CRM_COL_INT}, {"weighted", CRM_COL_MONEY},
	{"close", CRM_COL_TEXT},       {"owner", CRM_COL_TEXT},     {"source", CRM_COL_TEXT},
	{"reason", CRM_COL_TEXT},      {"stage_since", CRM_COL_TEXT}, {"closed", CRM_COL_TEXT},
	{"created", CRM_COL_TEXT},     {"updated", CRM_COL_TEXT},
};
const size_t crm_deal_ncolumns = sizeof crm_deal_columns / sizeof *crm_deal_columns;

#define DEAL_SELECT                                                                            \
	"SELECT d.code, c.code, c.name, d.title, d.amount, d.stage, d.status, d.p, d.w, "      \
	"d.close_date, d.owner, d.source, d.reason, d.stage_since, d.closed, d.created, "      \
	"d.updated FROM " DEALS_WEIGHTED " d JOIN customer c ON c.id = d.customer_id "

int crm_deal_list(struct crm_store *st, const struct crm_deal_filter *f, struct crm_out *out,
		  struct crm_err *err)
{
	static const char *const statuses[] = {"open", "won", "lost", "all"};
	const char *status = f->status ? f->status : "open";
	sqlite3_stmt *stmt;
	size_t i;
	int rc;

	for (i = 0; i < 4 && strcmp(statuses[i], status) != 0; i++)
		;
	if (i == 4)
		return crm_fail(err, CRM_EINVAL, "'%s' is not a deal status (open, won, lost, all)",
				status);
	rc = crm_store_prepare(st,
			       DEAL_SELECT "WHERE (?1 = 0 OR d.customer_id = ?1) "
			       "AND (?2 IS NULL OR d.owner = ?2) AND (?3 IS NULL OR d.stage = ?3) "
			       "AND (?4 = 'all' OR d.status = ?4) ORDER BY d.id",
			       &stmt, err);
	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, f->customer_id);
	crm_bind_text(stmt, 2, f->owner);
	crm_bind_text(stmt, 3, f->stage);
	crm_bind_text(stmt, 4, status);
	return crm_store_list(st, stmt, crm_deal_columns, crm_deal_ncolumns, out, err);
}

static const struct crm_column history_columns[] = {
	{"stage", CRM_COL_TEXT}, {"at", CRM_COL_TEXT}, {"user", CRM_COL_TEXT},
};
static const struct crm_column activity_columns[] = {
	{"id", CRM_COL_INT},  {"at", CRM_COL_TEXT},      {"type", CRM_COL_TEXT},
	{"rep", CRM_COL_TEXT}, {"summary", CRM_COL_TEXT}, {"outcome", CRM_COL_TEXT},
};
static const struct crm_column task_columns[] = {
	{"id", CRM_COL_INT},       {"due", CRM_COL_TEXT},      {"time", CRM_COL_TEXT},
	{"title", CRM_COL_TEXT},   {"assignee", CRM_COL_TEXT}, {"priority", CRM_COL_TEXT},
};

/* The deal's related rows, as tables of its record. */
static const struct {
	const char *name, *sql;
	const struct crm_column *cols;
	size_t ncols;
} deal_tables[] = {
	{"history", "SELECT stage, at, user FROM deal_stage WHERE deal_id = ?1 ORDER BY at, id",
	 history_columns, 3},
	{"activities",
	 "SELECT id, at, type, rep, summary, outcome FROM activity WHERE deal_id = ?1 "
	 "ORDER BY at DESC, id DESC",
	 activity_columns, 6},
	{"tasks",
	 "SELECT id, due, time, title, assignee, priority FROM task WHERE deal_id = ?1 "
	 "AND status = 'open' ORDER BY due IS NULL, due, time IS NULL, time, id",
	 task_columns, 6},
};

int crm_deal_show(struct crm_store *st, int64_t id, struct crm_rec *rec, struct crm_err *err)
{
	char money[CRM_MONEY_BUFSZ];
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st, DEAL_SELECT "WHERE d.id = ?1", &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		for (size_t i = 0; i < crm_deal_ncolumns; i++)
			crm_rec_field(rec, crm_deal_columns[i].name, crm_deal_columns[i].type,
				      crm_store_cell(st, stmt, (int)i, crm_deal_columns[i].type, money));
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return crm_fail(err, CRM_ENOTFOUND, "no deal with id %lld", (long long)id);
	if (rc != SQLITE_ROW)
		return crm_store_error(st, rc, err);
	rc = CRM_OK;
	for (size_t t = 0; t < sizeof deal_tables / sizeof *deal_tables && rc == CRM_OK; t++) {
		if ((rc = crm_store_prepare(st, deal_tables[t].sql, &stmt, err)) != CRM_OK)
			break;
		sqlite3_bind_int64(stmt, 1, id);
		rc = crm_store_rec_table(st, stmt, rec, deal_tables[t].name, deal_tables[t].cols,
			      deal_tables[t].ncols, err);
	}
	return rc;
}

int crm_deal_edit(struct crm_store *st, int64_t id, const struct crm_deal_input *in,
		  struct crm_err *err)
{
	struct deal_values v;
	sqlite3_stmt *stmt;
	int rc;

	if (in->stage)
		return crm_fail(err, CRM_EUSAGE, "a deal changes stage with 'crm deal move'");
	if (!in->title && !in->amount && !in->probability && !in->close && !in->owner &&
	    !in->source)
		return crm_fail(err, CRM_EUSAGE, "nothing to change");
	if ((rc = deal_validate(st, in, 1, &v, err)) != CRM_OK ||
	    (rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	/* ?N IS NULL: not given; "" (bound as such) clears */
	rc = crm_store_prepare(
		st,
		"UPDATE deal SET title = ifnull(?2, title), "
		"amount = CASE WHEN ?3 THEN ?4 ELSE amount END, "
		"probability = CASE WHEN ?5 IS NULL THEN probability ELSE ?6 END, "
		"close_date = CASE WHEN ?7 IS NULL THEN close_date ELSE nullif(?7, '') END, "
		"owner = ifnull(?8, owner), "
		"source = CASE WHEN ?9 IS NULL THEN source ELSE nullif(?9, '') END, "
		"updated = ?10 WHERE id = ?1",
		&stmt, err);
	if (rc == CRM_OK) {
		sqlite3_bind_int64(stmt, 1, id);
		crm_bind_text(stmt, 2, in->title);
		sqlite3_bind_int(stmt, 3, in->amount != NULL);
		sqlite3_bind_int64(stmt, 4, v.amount);
		crm_bind_text(stmt, 5, in->probability);
		if (v.probability >= 0)
			sqlite3_bind_int(stmt, 6, v.probability);
		crm_bind_text(stmt, 7, in->close ? v.close : NULL);
		crm_bind_text(stmt, 8, in->owner);
		crm_bind_text(stmt, 9, in->source);
		crm_bind_text(stmt, 10, st->clock.now);
		rc = crm_store_run(st, stmt, err);
	}
	return crm_store_end(st, rc, err);
}

/* The state of deal id that the stage changes check. */
struct deal_state {
	char code[65], status[8], stage[65];
};

static int deal_state(struct crm_store *st, int64_t id, struct deal_state *s,
		      struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st, "SELECT code, status, stage FROM deal WHERE id = ?1", &stmt,
				   err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		snprintf(s->code, sizeof s->code, "%s", sqlite3_column_text(stmt, 0));
		snprintf(s->status, sizeof s->status, "%s", sqlite3_column_text(stmt, 1));
		snprintf(s->stage, sizeof s->stage, "%s", sqlite3_column_text(stmt, 2));
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return crm_fail(err, CRM_ENOTFOUND, "no deal with id %lld", (long long)id);
	return rc == SQLITE_ROW ? CRM_OK : crm_store_error(st, rc, err);
}

/* Runs one UPDATE of deal id (parameters: ?1 id, ?2 now, ?3 text, ?4
 * today) and records `entered` in its history. */
static int deal_change(struct crm_store *st, int64_t id, const char *sql, const char *text,
		      const char *entered, struct crm_err *err)
{
	char today[CRM_DATE_BUFSZ];
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st, sql, &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, st->clock.now, -1, SQLITE_STATIC);
	crm_bind_text(stmt, 3, text);
	crm_date_format(st->clock.today, today);
	sqlite3_bind_text(stmt, 4, today, -1, SQLITE_STATIC);
	if ((rc = crm_store_run(st, stmt, err)) == CRM_OK)
		rc = history_add(st, id, entered, err);
	return rc;
}

/* Begins a stage change of deal id, which must be open (want_open) or
 * closed; the state is read inside the transaction. */
static int change_begin(struct crm_store *st, int64_t id, int want_open, struct deal_state *s,
			struct crm_err *err)
{
	int rc = crm_store_begin(st, err);

	if (rc == CRM_OK)
		rc = deal_state(st, id, s, err);
	if (rc == CRM_OK && want_open && strcmp(s->status, "open") != 0)
		rc = crm_fail(err, CRM_EINVAL, "deal %s is %s, not open (crm deal reopen first)",
			      s->code, s->status);
	if (rc == CRM_OK && !want_open && strcmp(s->status, "open") == 0)
		rc = crm_fail(err, CRM_EINVAL, "deal %s is open, not won or lost", s->code);
	if (rc != CRM_OK)
		crm_store_rollback(st);
	return rc;
}

int crm_deal_move(struct crm_store *st, int64_t id, const char *stage, struct crm_err *err)
{
	struct deal_state s;
	int rc = check_stage(st, stage, err);

	if (rc != CRM_OK || (rc = change_begin(st, id, 1, &s, err)) != CRM_OK)
		return rc;
	if (strcmp(s.stage, stage) == 0)
		rc = crm_fail(err, CRM_EINVAL, "deal %s is already in stage '%s'", s.code, stage);
	else
		rc = deal_change(st, id,
				 "UPDATE deal SET stage = ?3, stage_since = ?2, updated = ?2 "
				 "WHERE id = ?1",
				 stage, stage, err);
	return crm_store_end(st, rc, err);
}

int crm_deal_won(struct crm_store *st, int64_t id, struct crm_err *err)
{
	struct deal_state s;
	int rc = change_begin(st, id, 1, &s, err);

	if (rc != CRM_OK)
		return rc;
	rc = deal_change(st, id,
			 "UPDATE deal SET status = 'won', closed = ?2, close_date = ?4, "
			 "updated = ?2 WHERE id = ?1",
			 NULL, "won", err);
	return crm_store_end(st, rc, err);
}

int crm_deal_lost(struct crm_store *st, int64_t id, const char *reason, struct crm_err *err)
{
	struct deal_state s;
	int rc;

	if (!reason || !*reason)
		return crm_fail(err, CRM_EINVAL, "a lost deal needs a reason");
	if ((rc = check_text("reason", reason, 500, 0, err)) != CRM_OK ||
	    (rc = change_begin(st, id, 1, &s, err)) != CRM_OK)
		return rc;
	rc = deal_change(st, id,
			 "UPDATE deal SET status = 'lost', closed = ?2, close_date = ?4, "
			 "reason = ?3, updated = ?2 WHERE id = ?1",
			 reason, "lost", err);
	return crm_store_end(st, rc, err);
}

int crm_deal_reopen(struct crm_store *st, int64_t id, const char *stage, struct crm_err *err)
{
	struct deal_state s;
	int rc = stage ? check_stage(st, stage, err) : CRM_OK;

	if (rc != CRM_OK || (rc = change_begin(st, id, 0, &s, err)) != CRM_OK)
		return rc;
	if (!stage && (rc = check_stage(st, s.stage, err)) != CRM_OK) {
		crm_fail(err, CRM_EINVAL, "stage '%s' of deal %s is no longer configured; name one",
			 s.stage, s.code);
	} else {
		rc = deal_change(st, id,
				 "UPDATE deal SET status = 'open', stage = ?3, stage_since = ?2, "
				 "closed = NULL, close_date = NULL, reason = NULL, updated = ?2 "
				 "WHERE id = ?1",
				 stage ? stage : s.stage, stage ? stage : s.stage, err);
	}
	return crm_store_end(st, rc, err);
}

static const struct crm_column section_columns[] = {
	{"code", CRM_COL_TEXT},   {"title", CRM_COL_TEXT},      {"amount", CRM_COL_MONEY},
	{"stage", CRM_COL_TEXT},  {"probability", CRM_COL_INT}, {"weighted", CRM_COL_MONEY},
	{"close", CRM_COL_TEXT},  {"owner", CRM_COL_TEXT},
};

int crm_deal_section(struct crm_store *st, int64_t customer_id, struct crm_rec *rec,
		     struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT d.code, d.title, d.amount, d.stage, d.p, d.w, "
				   "d.close_date, d.owner FROM " DEALS_WEIGHTED " d "
				   "WHERE d.customer_id = ?1 AND d.status = 'open' "
				   "ORDER BY d.close_date IS NULL, d.close_date, d.id",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, customer_id);
	return crm_store_rec_table(st, stmt, rec, "deals", section_columns,
			sizeof section_columns / sizeof *section_columns, err);
}

/* ---- reports ---- */

/* Ends a report's loop over stmt: finalizes it and returns rc (the
 * writer's status) or the error of its last step. */
static int finish(struct crm_store *st, sqlite3_stmt *stmt, int rc, int step,
		  struct crm_err *err)
{
	sqlite3_finalize(stmt);
	if (rc != CRM_OK)
		return rc;
	return step == SQLITE_DONE ? CRM_OK : crm_store_error(st, step, err);
}

/* Writes one row whose cells are given as text; money and ints are
 * formatted by the caller. */
static int put_row(struct crm_out *out, const char *const *cells, struct crm_err *err)
{
	return crm_out_row(out, cells) == CRM_OK ? CRM_OK : crm_fail(err, CRM_EFAIL, "write error");
}

const struct crm_column crm_stage_columns[] = {
	{"stage", CRM_COL_TEXT}, {"position", CRM_COL_INT}, {"probability", CRM_COL_INT},
	{"stall", CRM_COL_INT},  {"deals", CRM_COL_INT},    {"amount", CRM_COL_MONEY},
};
const size_t crm_stage_ncolumns = sizeof crm_stage_columns / sizeof *crm_stage_columns;

/* Open deals per stage: configured stages first (even without deals), in
 * order, then stages no longer configured, by name.  Columns: stage,
 * position, probability, stall, deals, amount, weighted.  owner may be
 * NULL. */
static int open_by_stage(struct crm_store *st, const char *owner, sqlite3_stmt **stmt,
			 struct crm_err *err)
{
	int rc = crm_store_prepare(
		st,
		"WITH RECURSIVE list (n, rest, name) AS ("
		"  SELECT 0, ?2 || ',', NULL"
		"  UNION ALL SELECT n + 1, substr(rest, instr(rest, ',') + 1),"
		"    substr(rest, 1, instr(rest, ',') - 1) FROM list WHERE rest <> ''),"
		" open AS (SELECT d.stage, d.amount, d.w FROM " DEALS_WEIGHTED " d"
		"  WHERE d.status = 'open' AND (?1 IS NULL OR d.owner = ?1)),"
		" stages (stage, position) AS ("
		"  SELECT name, n FROM list WHERE name <> ''"
		"  UNION SELECT DISTINCT stage, NULL FROM open WHERE crm_stage_order(stage) IS NULL)"
		" SELECT s.stage, s.position, crm_stage_probability(s.stage),"
		"  crm_stage_stall(s.stage), count(o.stage), coalesce(sum(o.amount), 0),"
		"  coalesce(sum(o.w), 0)"
		" FROM stages s LEFT JOIN open o ON o.stage = s.stage"
		" GROUP BY s.stage, s.position ORDER BY s.position IS NULL, s.position, s.stage",
		stmt, err);
	struct crm_stages stages;
	struct crm_buf list = {0};

	if (rc != CRM_OK)
		return rc;
	if ((rc = crm_stages_load(st, &stages, err)) != CRM_OK) {
		sqlite3_finalize(*stmt);
		return rc;
	}
	for (size_t i = 0; i < stages.n; i++)
		crm_buf_addf(&list, "%s%s", i ? "," : "", stages.v[i].name);
	crm_stages_free(&stages);
	crm_bind_text(*stmt, 1, owner);
	sqlite3_bind_text(*stmt, 2, list.data ? list.data : "", -1, SQLITE_TRANSIENT);
	free(list.data);
	return CRM_OK;
}

int crm_deal_stages(struct crm_store *st, struct crm_out *out, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = open_by_stage(st, NULL, &stmt, err);

	return rc == CRM_OK ? crm_store_list(st, stmt, crm_stage_columns, crm_stage_ncolumns, out, err) : rc;
}

const struct crm_column crm_pipeline_columns[] = {
	{"stage", CRM_COL_TEXT},
	{"deals", CRM_COL_INT},
	{"amount", CRM_COL_MONEY},
	{"weighted", CRM_COL_MONEY},
};
const size_t crm_pipeline_ncolumns = sizeof crm_pipeline_columns / sizeof *crm_pipeline_columns;

/* A report row of label, count, money... followed by a "total" row: the
 * sums of the rows before it. */
struct totals {
	int64_t n, sum[3];
};

static int put_counted(struct crm_store *st, struct crm_out *out, const char *label, int64_t n,
		       const int64_t *sums, size_t nsums, struct crm_err *err)
{
	char num[32], money[3][CRM_MONEY_BUFSZ];
	const char *cells[5] = {label, num};

	snprintf(num, sizeof num, "%lld", (long long)n);
	for (size_t i = 0; i < nsums; i++)
		cells[2 + i] = crm_money_format(sums[i], st->money_decimals, money[i]);
	return put_row(out, cells, err);
}

int crm_deal_pipeline(struct crm_store *st, const char *owner, struct crm_out *out,
		      struct crm_err *err)
{
	struct totals t = {0};
	sqlite3_stmt *stmt;
	int step = SQLITE_DONE, rc = open_by_stage(st, owner, &stmt, err);

	if (rc != CRM_OK)
		return rc;
	while (rc == CRM_OK && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t n = sqlite3_column_int64(stmt, 4),
			sums[2] = {sqlite3_column_int64(stmt, 5), sqlite3_column_int64(stmt, 6)};

		t.n += n;
		t.sum[0] += sums[0];
		t.sum[1] += sums[1];
		rc = put_counted(st, out, (const char *)sqlite3_column_text(stmt, 0), n, sums, 2,
				 err);
	}
	if ((rc = finish(st, stmt, rc, step, err)) != CRM_OK)
		return rc;
	return put_counted(st, out, "total", t.n, t.sum, 2, err);
}

const struct crm_column crm_forecast_columns[] = {
	{"period", CRM_COL_TEXT},    {"deals", CRM_COL_INT}, {"amount", CRM_COL_MONEY},
	{"weighted", CRM_COL_MONEY}, {"won", CRM_COL_MONEY},
};
const size_t crm_forecast_ncolumns = sizeof crm_forecast_columns / sizeof *crm_forecast_columns;

int crm_deal_forecast(struct crm_store *st, const struct crm_forecast_opts *o,
		      struct crm_out *out, struct crm_err *err)
{
	char from[CRM_DATE_BUFSZ], to[CRM_DATE_BUFSZ];
	struct totals t = {0};
	sqlite3_stmt *stmt;
	int step = SQLITE_DONE, rc;

	if ((rc = crm_store_date(st, o->from, from, err)) != CRM_OK ||
	    (rc = crm_store_date(st, o->to, to, err)) != CRM_OK)
		return rc;
	rc = crm_store_prepare(
		st,
		"SELECT CASE WHEN d.close_date IS NULL THEN NULL WHEN ?1 THEN"
		"  substr(d.close_date, 1, 4) || '-Q' ||"
		"  ((CAST(substr(d.close_date, 6, 2) AS INTEGER) + 2) / 3)"
		"  ELSE substr(d.close_date, 1, 7) END AS period,"
		" sum(d.status = 'open'), sum(iif(d.status = 'open', d.amount, 0)),"
		" sum(iif(d.status = 'open', d.w, 0)), sum(iif(d.status = 'won', d.amount, 0))"
		" FROM " DEALS_WEIGHTED " d"
		" WHERE d.status IN ('open', 'won') AND (?2 IS NULL OR d.owner = ?2)"
		" AND (d.close_date IS NOT NULL OR (d.status = 'open' AND ?3 IS NULL AND ?4 IS NULL))"
		" AND (?3 IS NULL OR d.close_date >= ?3) AND (?4 IS NULL OR d.close_date <= ?4)"
		" GROUP BY period ORDER BY period IS NULL, period",
		&stmt, err);
	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int(stmt, 1, o->by_quarter);
	crm_bind_text(stmt, 2, o->owner);
	crm_bind_text(stmt, 3, *from ? from : NULL);
	crm_bind_text(stmt, 4, *to ? to : NULL);
	while (rc == CRM_OK && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *period = (const char *)sqlite3_column_text(stmt, 0);
		int64_t n = sqlite3_column_int64(stmt, 1), sums[3];

		for (int i = 0; i < 3; i++)
			t.sum[i] += sums[i] = sqlite3_column_int64(stmt, 2 + i);
		t.n += n;
		rc = put_counted(st, out, period ? period : "none", n, sums, 3, err);
	}
	if ((rc = finish(st, stmt, rc, step, err)) != CRM_OK)
		return rc;
	return put_counted(st, out, "total", t.n, t.sum, 3, err);
}

const struct crm_column crm_funnel_columns[] = {
	{"rep", CRM_COL_TEXT},      {"stage", CRM_COL_TEXT},      {"deals", CRM_COL_INT},
	{"advanced", CRM_COL_INT},  {"conversion", CRM_COL_MONEY}, {"win_rate", CRM_COL_MONEY},
	{"days", CRM_COL_MONEY},
};
const size_t crm_funnel_ncolumns = sizeof crm_funnel_columns / sizeof *crm_funnel_columns;

/* The funnel counts of one group of deals (all, or one rep's).  Index k of
 * reached and lost is stage k (0-based) of the configured list. */
struct funnel {
	int64_t *reached, *lost;
	int64_t deals, won, lost_all, days, ndays;
};

/* "12.5" for n / d as a percentage, NULL when d is 0. */
static const char *percent(int64_t n, int64_t d, char buf[32])
{
	return d ? format_tenths(round_div(n * 1000, d), buf) : NULL;
}

static int funnel_flush(const struct crm_stages *s, const char *rep, int by_rep,
			struct funnel *f, struct crm_out *out, struct crm_err *err)
{
	char nums[3][32], pct[2][32], days[32];
	const char *cells[7];
	const char **row = by_rep ? cells : cells + 1;
	int rc = CRM_OK;

	cells[0] = rep;
	for (size_t k = 0; k < s->n && rc == CRM_OK; k++) {
		int64_t next = k + 1 < s->n ? f->reached[k + 1] : f->won;

		snprintf(nums[0], 32, "%lld", (long long)f->reached[k]);
		snprintf(nums[1], 32, "%lld", (long long)next);
		cells[1] = s->v[k].name;
		cells[2] = nums[0];
		cells[3] = nums[1];
		cells[4] = percent(next, f->reached[k], pct[0]);
		cells[5] = percent(f->won, f->won + f->lost[k], pct[1]);
		cells[6] = NULL;
		rc = put_row(out, row, err);
	}
	if (rc != CRM_OK)
		return rc;
	snprintf(nums[0], 32, "%lld", (long long)f->deals);
	snprintf(nums[1], 32, "%lld", (long long)f->won);
	cells[1] = "total";
	cells[2] = nums[0];
	cells[3] = nums[1];
	cells[4] = percent(f->won, f->deals, pct[0]);
	cells[5] = percent(f->won, f->won + f->lost_all, pct[1]);
	cells[6] = f->ndays ? format_tenths(round_div(f->days * 10, f->ndays), days) : NULL;
	return put_row(out, row, err);
}

/* Days from the date of timestamp a to the date of timestamp b. */
static int64_t days_between(const char *a, const char *b)
{
	char da[CRM_DATE_BUFSZ] = "", db[CRM_DATE_BUFSZ] = "";
	crm_day x, y;

	if (!a || !b)
		return 0;
	memcpy(da, a, 10);
	memcpy(db, b, 10);
	if (crm_date_parse_iso(da, &x, NULL) != CRM_OK || crm_date_parse_iso(db, &y, NULL) != CRM_OK)
		return 0;
	return y - x;
}

/* Counts one deal, whose history reached stage number `furthest` (1-based,
 * 0 for none), into f. */
static void funnel_count(struct funnel *f, size_t nstages, const char *status, int64_t furthest,
			 const char *created, const char *closed)
{
	int won = strcmp(status, "won") == 0, lost = strcmp(status, "lost") == 0;

	if (won) /* a won deal went through every stage, whichever it skipped */
		furthest = (int64_t)nstages;
	f->deals++;
	f->won += won;
	f->lost_all += lost;
	for (int64_t k = 0; k < furthest && k < (int64_t)nstages; k++) {
		f->reached[k]++;
		f->lost[k] += lost;
	}
	if (won) {
		f->days += days_between(created, closed);
		f->ndays++;
	}
}

static void funnel_reset(struct funnel *f, size_t n)
{
	memset(f->reached, 0, n * sizeof *f->reached);
	memset(f->lost, 0, n * sizeof *f->lost);
	f->deals = f->won = f->lost_all = f->days = f->ndays = 0;
}

int crm_deal_funnel(struct crm_store *st, int by_rep, const char *from_s, const char *to_s,
		    struct crm_out *out, struct crm_err *err)
{
	char from[CRM_DATE_BUFSZ], to[CRM_DATE_BUFSZ], *rep = NULL;
	struct crm_stages s = {0};
	struct funnel f = {0};
	sqlite3_stmt *stmt = NULL;
	int step = SQLITE_DONE, rc;

	if ((rc = crm_store_date(st, from_s, from, err)) != CRM_OK ||
	    (rc = crm_store_date(st, to_s, to, err)) != CRM_OK ||
	    (rc = crm_stages_load(st, &s, err)) != CRM_OK)
		return rc;
	f.reached = calloc(s.n + 1, sizeof *f.reached);
	f.lost = calloc(s.n + 1, sizeof *f.lost);
	if (!f.reached || !f.lost)
		rc = crm_fail(err, CRM_EFAIL, "out of memory");
	if (rc == CRM_OK)
		rc = crm_store_prepare(
			st,
			"SELECT d.owner, d.status, d.created, d.closed,"
			" (SELECT max(crm_stage_order(h.stage)) FROM deal_stage h"
			"  WHERE h.deal_id = d.id)"
			" FROM deal d WHERE (?1 IS NULL OR substr(d.created, 1, 10) >= ?1)"
			" AND (?2 IS NULL OR substr(d.created, 1, 10) <= ?2)"
			" ORDER BY iif(?3, d.owner, NULL), d.id",
			&stmt, err);
	if (rc == CRM_OK) {
		crm_bind_text(stmt, 1, *from ? from : NULL);
		crm_bind_text(stmt, 2, *to ? to : NULL);
		sqlite3_bind_int(stmt, 3, by_rep);
		while (rc == CRM_OK && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
			const char *owner = (const char *)sqlite3_column_text(stmt, 0);

			if (by_rep && rep && strcmp(rep, owner) != 0) {
				rc = funnel_flush(&s, rep, by_rep, &f, out, err);
				funnel_reset(&f, s.n);
			}
			if (by_rep && (!rep || strcmp(rep, owner) != 0)) {
				free(rep);
				rep = strdup(owner);
			}
			funnel_count(&f, s.n, (const char *)sqlite3_column_text(stmt, 1),
				     sqlite3_column_int64(stmt, 4),
				     (const char *)sqlite3_column_text(stmt, 2),
				     (const char *)sqlite3_column_text(stmt, 3));
		}
		rc = finish(st, stmt, rc, step, err);
		if (rc == CRM_OK && (!by_rep || rep))
			rc = funnel_flush(&s, rep, by_rep, &f, out, err);
	}
	free(rep);
	free(f.reached);
	free(f.lost);
	crm_stages_free(&s);
	return rc;
}

const struct crm_column crm_stalled_columns[] = {
	{"code", CRM_COL_TEXT},  {"customer", CRM_COL_TEXT}, {"title", CRM_COL_TEXT},
	{"owner", CRM_COL_TEXT}, {"stage", CRM_COL_TEXT},    {"since", CRM_COL_TEXT},
	{"days", CRM_COL_INT},   {"limit", CRM_COL_INT},     {"close", CRM_COL_TEXT},
	{"why", CRM_COL_TEXT},
};
const size_t crm_stalled_ncolumns = sizeof crm_stalled_columns / sizeof *crm_stalled_columns;

int crm_deal_stalled(struct crm_store *st, const char *owner, struct crm_out *out,
		     struct crm_err *err)
{
	char today[CRM_DATE_BUFSZ], days[32];
	sqlite3_stmt *stmt;
	int step = SQLITE_DONE, rc = crm_store_prepare(st,
				   "SELECT d.code, c.code, d.title, d.owner, d.stage,"
				   " substr(d.stage_since, 1, 10), crm_stage_stall(d.stage),"
				   " d.close_date FROM deal d JOIN customer c ON c.id = d.customer_id"
				   " WHERE d.status = 'open' AND (?1 IS NULL OR d.owner = ?1)"
				   " ORDER BY d.stage_since, d.id",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	crm_bind_text(stmt, 1, owner);
	crm_date_format(st->clock.today, today);
	while (rc == CRM_OK && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *since = (const char *)sqlite3_column_text(stmt, 5),
			   *close = (const char *)sqlite3_column_text(stmt, 7);
		int64_t in_stage = days_between(since, today), limit = sqlite3_column_int64(stmt, 6);
		int stalled = limit > 0 && in_stage > limit,
		    late = close && strcmp(close, today) < 0;
		const char *cells[10];

		if (!stalled && !late)
			continue;
		for (int i = 0; i < 6; i++)
			cells[i] = (const char *)sqlite3_column_text(stmt, i);
		snprintf(days, sizeof days, "%lld", (long long)in_stage);
		cells[6] = days;
		cells[7] = (const char *)sqlite3_column_text(stmt, 6);
		cells[8] = close;
		cells[9] = stalled && late ? "stalled, past close" : stalled ? "stalled" : "past close";
		rc = put_row(out, cells, err);
	}
	return finish(st, stmt, rc, step, err);
}

