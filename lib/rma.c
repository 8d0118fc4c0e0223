/* rma.c — RMAs: open (with the warranty check), the transitions, list,
 * show, status, the customer show section and stats. */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "doc.h"
#include "invoice.h"
#include "product.h"
#include "rma.h"
#include "text.h"
#include "validate.h"

int crm_rma_find(struct crm_store *st, const char *key, int64_t *id, struct crm_err *err)
{
	return crm_store_find(st, "SELECT id FROM rma WHERE id = ?1",
			      "SELECT id FROM rma WHERE number = ?1", key, "rma", id, err);
}

/* Free text (fault, finding, reason) may hold newlines; names and numbers
 * (serial, vendor, tracking) stay on one line. */
static int check_text(const char *what, const char *s, size_t max, int multiline,
		      struct crm_err *err)
{
	if (!*s || crm_has_control(s, multiline) || strlen(s) > max)
		return crm_fail(err, CRM_EINVAL, "'%s' is not a valid %s", s, what);
	return CRM_OK;
}

/* ---- open ---- */

/* What open resolved and computed. */
struct rma_open {
	int64_t customer, product, invoice, quote, case_id;
	int months; /* the product's warranty; -1: none set */
	char purchased[CRM_DATE_BUFSZ], until[CRM_DATE_BUFSZ];
	int in_warranty;
};

/* One integer from sql with two parameters; *found says whether a row came. */
static int int2(struct crm_store *st, const char *sql, int64_t a, int64_t b, int64_t *out,
		int *found, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st, sql, &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, a);
	sqlite3_bind_int64(stmt, 2, b);
	*found = 0;
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		*found = 1;
		*out = sqlite3_column_type(stmt, 0) == SQLITE_NULL ? -1 : sqlite3_column_int64(stmt, 0);
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}

/* The invoice gives the purchase date: it must be the customer's, not
 * void, and hold the product. */
static int use_invoice(struct crm_store *st, const struct crm_rma_input *in, struct rma_open *o,
		       struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_invoice_find(st, "invoice", in->invoice, &o->invoice, err);

	if (rc != CRM_OK)
		return rc;
	rc = crm_store_prepare(st,
			       "SELECT d.customer_id = ?2, d.status <> 'void', d.date,"
			       " EXISTS (SELECT 1 FROM doc_line l WHERE l.doc_id = d.id"
			       " AND l.product_id = ?3) FROM doc d WHERE d.id = ?1",
			       &stmt, err);
	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, o->invoice);
	sqlite3_bind_int64(stmt, 2, o->customer);
	sqlite3_bind_int64(stmt, 3, o->product);
	if ((rc = sqlite3_step(stmt)) != SQLITE_ROW)
		rc = crm_store_error(st, rc, err);
	else if (!sqlite3_column_int(stmt, 0))
		rc = crm_fail(err, CRM_EINVAL, "invoice '%s' is another customer's", in->invoice);
	else if (!sqlite3_column_int(stmt, 1))
		rc = crm_fail(err, CRM_EINVAL, "invoice '%s' is void", in->invoice);
	else if (!sqlite3_column_int(stmt, 3))
		rc = crm_fail(err, CRM_EINVAL, "invoice '%s' holds no '%s'", in->invoice,
			      in->product);
	else {
		snprintf(o->purchased, sizeof o->purchased, "%s", sqlite3_column_text(stmt, 2));
		rc = CRM_OK;
	}
	sqlite3_finalize(stmt);
	return rc;
}

/* A record another command names (quote, case) must be the customer's. */
static int owned(struct crm_store *st, const char *sql, int64_t id, int64_t customer,
		 const char *what, const char *key, struct crm_err *err)
{
	int64_t v;
	int found, rc = int2(st, sql, id, customer, &v, &found, err);

	if (rc == CRM_OK && !found)
		rc = crm_fail(err, CRM_EINVAL, "%s '%s' is another customer's", what, key);
	return rc;
}

/* Resolves the keys of in and checks them. */
static int open_resolve(struct crm_store *st, const struct crm_rma_input *in, struct rma_open *o,
			struct crm_err *err)
{
	int found, rc = crm_product_find(st, in->product, &o->product, err);
	int64_t months;

	if (rc == CRM_OK && in->serial)
		rc = check_text("serial", in->serial, 100, 0, err);
	if (rc == CRM_OK && in->fault)
		rc = check_text("fault", in->fault, 2000, 1, err);
	if (rc == CRM_OK)
		rc = int2(st, "SELECT warranty_months FROM product WHERE id = ?1 AND ?2", o->product,
			  1, &months, &found, err);
	o->months = rc == CRM_OK ? (int)months : -1;
	if (rc == CRM_OK && in->invoice)
		rc = use_invoice(st, in, o, err);
	if (rc == CRM_OK && in->purchased) {
		crm_day day;

		if ((rc = crm_date_parse(in->purchased, st->clock.today, &day, err)) == CRM_OK)
			crm_date_format(day, o->purchased);
	}
	if (rc == CRM_OK && in->quote &&
	    (rc = crm_doc_find(st, "quote", in->quote, &o->quote, err)) == CRM_OK)
		rc = owned(st, "SELECT 1 FROM doc WHERE id = ?1 AND customer_id = ?2", o->quote,
			   o->customer, "quote", in->quote, err);
	if (rc == CRM_OK && in->case_key &&
	    (rc = crm_store_find(st, "SELECT id FROM service_case WHERE id = ?1",
				 "SELECT id FROM service_case WHERE number = ?1", in->case_key,
				 "case", &o->case_id, err)) == CRM_OK)
		rc = owned(st, "SELECT 1 FROM service_case WHERE id = ?1 AND customer_id = ?2",
			   o->case_id, o->customer, "case", in->case_key, err);
	return rc;
}

/* Sets until and in_warranty from the purchase date and the months. */
static int warranty(struct crm_store *st, struct rma_open *o, struct crm_err *err)
{
	crm_day bought, last;

	if (!*o->purchased)
		return CRM_OK;
	if (crm_date_parse_iso(o->purchased, &bought, err) != CRM_OK)
		return CRM_EINVAL;
	if (bought > st->clock.today)
		return crm_fail(err, CRM_EINVAL, "purchase date %s is in the future", o->purchased);
	if (o->months < 0)
		return CRM_OK;
	last = crm_day_add_months(bought, o->months) - 1;
	crm_date_format(last, o->until);
	o->in_warranty = st->clock.today <= last;
	return CRM_OK;
}

static int open_validate(struct crm_store *st, const struct crm_rma_input *in,
			 struct rma_open *o, struct crm_err *err)
{
	int rc;

	if (!in->product)
		return crm_fail(err, CRM_EUSAGE, "an rma needs a product");
	if (in->purchased && in->invoice)
		return crm_fail(err, CRM_EUSAGE, "give --purchased or --invoice, not both");
	if (in->chargeable && in->quote)
		return crm_fail(err, CRM_EUSAGE, "give --chargeable or --quote, not both");
	if ((rc = open_resolve(st, in, o, err)) != CRM_OK || (rc = warranty(st, o, err)) != CRM_OK)
		return rc;
	if (!o->in_warranty && !in->chargeable && !in->quote)
		return crm_fail(err, CRM_EINVAL,
				"out of warranty (%s%s): give --chargeable or --quote",
				*o->until ? "its last day was " : "",
				*o->until ? o->until
				: !*o->purchased ? "no purchase date"
						 : "the product has no warranty");
	return CRM_OK;
}

static int event_add(struct crm_store *st, int64_t id, const char *state, const char *text,
		     struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "INSERT INTO rma_event (rma_id, at, user, state, text) "
				   "VALUES (?1, ?2, ?3, ?4, ?5)",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, st->clock.now, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, st->user, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, state, -1, SQLITE_STATIC);
	crm_bind_text(stmt, 5, text);
	return crm_store_run(st, stmt, err);
}

static int open_insert(struct crm_store *st, const struct crm_rma_input *in,
		       const struct rma_open *o, char number[65], struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_doc_number_next(st, "rma", st->clock.today, number, err);

	if (rc == CRM_OK)
		rc = crm_store_prepare(
			st,
			"INSERT INTO rma (number, customer_id, product_id, serial, invoice_id,"
			" purchased, warranty_until, in_warranty, chargeable, quote_id, case_id,"
			" fault, advance, state, since, created, updated) VALUES (?1, ?2, ?3, ?4,"
			" nullif(?5, 0), nullif(?6, ''), nullif(?7, ''), ?8, ?9, nullif(?10, 0),"
			" nullif(?11, 0), ?12, ?13, 'opened', ?14, ?14, ?14)",
			&stmt, err);
	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, number, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, o->customer);
	sqlite3_bind_int64(stmt, 3, o->product);
	crm_bind_text(stmt, 4, in->serial);
	sqlite3_bind_int64(stmt, 5, o->invoice);
	sqlite3_bind_text(stmt, 6, o->purchased, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 7, o->until, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 8, o->in_warranty);
	sqlite3_bind_int(stmt, 9, in->chargeable || in->quote);
	sqlite3_bind_int64(stmt, 10, o->quote);
	sqlite3_bind_int64(stmt, 11, o->case_id);
	crm_bind_text(stmt, 12, in->fault);
	sqlite3_bind_int(stmt, 13, in->advance != 0);
	sqlite3_bind_text(stmt, 14, st->clock.now, -1, SQLITE_STATIC);
	if ((rc = crm_store_run(st, stmt, err)) == CRM_OK)
		rc = event_add(st, sqlite3_last_insert_rowid(st->db), "opened", in->fault, err);
	return rc;
}

int crm_rma_open(struct crm_store *st, int64_t customer_id, const struct crm_rma_input *in,
		 char number_out[65], struct crm_err *err)
{
	struct rma_open o;
	int rc;

	memset(&o, 0, sizeof o);
	o.customer = customer_id;
	if ((rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	if ((rc = open_validate(st, in, &o, err)) == CRM_OK)
		rc = open_insert(st, in, &o, number_out, err);
	return crm_store_end(st, rc, err);
}

/* ---- transitions ---- */

/* The state of an RMA that the transitions check. */
struct rma_state {
	char number[65], state[16];
	int advance, received, vendor;
	int replaced; /* an advance replacement was shipped */
};

static int rma_state(struct crm_store *st, int64_t id, struct rma_state *s, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT number, state, advance, received IS NOT NULL,"
				   " vendor IS NOT NULL, advance_due IS NOT NULL FROM rma WHERE id = ?1",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		snprintf(s->number, sizeof s->number, "%s", sqlite3_column_text(stmt, 0));
		snprintf(s->state, sizeof s->state, "%s", sqlite3_column_text(stmt, 1));
		s->advance = sqlite3_column_int(stmt, 2);
		s->received = sqlite3_column_int(stmt, 3);
		s->vendor = sqlite3_column_int(stmt, 4);
		s->replaced = sqlite3_column_int(stmt, 5);
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return crm_fail(err, CRM_ENOTFOUND, "no rma with id %lld", (long long)id);
	return rc == SQLITE_ROW ? CRM_OK : crm_store_error(st, rc, err);
}

static int is(const char *state, const char *a)
{
	return strcmp(state, a) == 0;
}

static int is_done(const char *state)
{
	return is(state, "closed") || is(state, "rejected") || is(state, "cancelled");
}

/* One transition: the verb, the state it leads to and the states it
 * starts from, as the message names them. */
struct move {
	const char *verb, *to, *needs;
};

static const struct move moves[] = {
	{"receive", "received", "opened (or shipped, confirmed for an advance replacement)"},
	{"diagnose", "diagnosed", "received"},
	{"repair", "repairing", "diagnosed"},
	{"repaired", "repaired", "repairing in-house"},
	{"vendor-ship", "at_vendor", "repairing with a vendor"},
	{"vendor-return", "repaired", "at_vendor"},
	{"ship", "shipped", "diagnosed or repaired (or opened for an advance replacement)"},
	{"confirm", "confirmed", "shipped"},
	{"close", "closed", "confirmed (or, for an advance replacement, the faulty unit back)"},
	{"reject", "rejected", "an open state"},
	{"cancel", "cancelled", "an open state"},
};

/* Whether move m may start from s. */
static int allowed(const struct move *m, const struct rma_state *s)
{
	const char *v = m->verb, *st = s->state;

	if (is(v, "receive"))
		return is(st, "opened") ||
		       (s->advance && !s->received && (is(st, "shipped") || is(st, "confirmed")));
	if (is(v, "diagnose"))
		return is(st, "received");
	if (is(v, "repair"))
		return is(st, "diagnosed");
	if (is(v, "repaired"))
		return is(st, "repairing") && !s->vendor;
	if (is(v, "vendor-ship"))
		return is(st, "repairing") && s->vendor;
	if (is(v, "vendor-return"))
		return is(st, "at_vendor");
	/* An advance replacement whose faulty unit came first goes the usual
	 * way; once the replacement is out, the unit is not shipped again. */
	if (is(v, "ship"))
		return (s->advance && is(st, "opened")) ||
		       (!s->replaced && (is(st, "diagnosed") || is(st, "repaired")));
	if (is(v, "confirm"))
		return is(st, "shipped");
	if (is(v, "close"))
		return s->replaced ? s->received && (is(st, "received") || is(st, "diagnosed") ||
						     is(st, "repaired") || is(st, "confirmed"))
				   : is(st, "confirmed");
	return !is_done(st); /* reject, cancel */
}

/* The UPDATE of a transition: ?1 id, ?2 now, ?3 new state, ?4 vendor,
 * ?5 tracking, ?6 the advance due date (for an advance shipment). */
#define STEP_UPDATE                                                                            \
	"UPDATE rma SET state = ?3, since = ?2, updated = ?2,"                                 \
	" vendor = CASE WHEN ?3 = 'repairing' THEN ?4 ELSE vendor END,"                        \
	" tracking = ifnull(?5, tracking),"                                                    \
	" received = CASE WHEN ?3 = 'received' THEN ?2 ELSE received END,"                     \
	" advance_due = ifnull(?6, advance_due) WHERE id = ?1"

/* The day the faulty unit is due back when an advance replacement ships
 * today. */
static void advance_due(struct crm_store *st, char buf[CRM_DATE_BUFSZ])
{
	char *v = crm_config_value(st, "rma.advance_days");
	long days = v ? strtol(v, NULL, 10) : 14;

	free(v);
	crm_date_format(st->clock.today + (crm_day)days, buf);
}

static int step_run(struct crm_store *st, int64_t id, const struct move *m,
		    const struct rma_state *s, const struct crm_rma_step *in, struct crm_err *err)
{
	char due[CRM_DATE_BUFSZ] = "";
	const char *text = in->text;
	sqlite3_stmt *stmt;
	int rc;

	if (is(m->verb, "ship") && s->advance && is(s->state, "opened"))
		advance_due(st, due);
	if ((rc = crm_store_prepare(st, STEP_UPDATE, &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, st->clock.now, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, m->to, -1, SQLITE_STATIC);
	crm_bind_text(stmt, 4, in->vendor);
	crm_bind_text(stmt, 5, in->tracking);
	crm_bind_text(stmt, 6, *due ? due : NULL);
	if ((rc = crm_store_run(st, stmt, err)) != CRM_OK)
		return rc;
	if (!text && in->vendor)
		text = in->vendor;
	if (!text && in->tracking)
		text = in->tracking;
	return event_add(st, id, m->to, text, err);
}

static const struct move *move_find(const char *verb)
{
	for (size_t i = 0; i < sizeof moves / sizeof *moves; i++)
		if (is(moves[i].verb, verb))
			return &moves[i];
	return NULL;
}

static int step_check(const char *verb, const struct crm_rma_step *in, struct crm_err *err)
{
	int rc = CRM_OK;

	if ((is(verb, "reject") || is(verb, "cancel")) && (!in->text || !*in->text))
		return crm_fail(err, CRM_EINVAL, "%s needs a reason", verb);
	if (in->text)
		rc = check_text("text", in->text, 2000, 1, err);
	if (rc == CRM_OK && in->vendor)
		rc = check_text("vendor", in->vendor, 200, 0, err);
	if (rc == CRM_OK && in->tracking)
		rc = check_text("tracking number", in->tracking, 200, 0, err);
	return rc;
}

int crm_rma_step(struct crm_store *st, int64_t id, const char *verb,
		 const struct crm_rma_step *in, struct crm_err *err)
{
	const struct move *m = move_find(verb);
	struct rma_state s;
	int rc;

	if (!m)
		return crm_fail(err, CRM_EUSAGE, "no transition '%s'", verb);
	if ((rc = step_check(verb, in, err)) != CRM_OK || (rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	if ((rc = rma_state(st, id, &s, err)) == CRM_OK && !allowed(m, &s))
		rc = is(verb, "ship") && s.replaced && !is_done(s.state)
			     ? crm_fail(err, CRM_EINVAL,
					"%s is %s: its advance replacement was shipped already",
					s.number, s.state)
			     : crm_fail(err, CRM_EINVAL, "%s is %s: %s needs %s", s.number, s.state,
					verb, m->needs);
	if (rc == CRM_OK)
		rc = step_run(st, id, m, &s, in, err);
	return crm_store_end(st, rc, err);
}

/* ---- list, show, status, section ---- */

#define RMA_SELECT                                                                             \
	"SELECT r.number, c.code, c.name, p.sku, r.serial, r.state, substr(r.since, 1, 10),"   \
	" " CRM_RMA_DAYS_SQL("r", "?1") ", " CRM_RMA_LIMIT_SQL("r") ","                        \
	" iif(" CRM_RMA_DAYS_SQL("r", "?1") " > " CRM_RMA_LIMIT_SQL("r") ", 1, 0),"           \
	" iif(r.in_warranty, 'in', 'out'), r.advance_due, r.vendor, r.tracking"               \
	" FROM rma r JOIN customer c ON c.id = r.customer_id JOIN product p ON p.id = r.product_id "

const struct crm_column crm_rma_columns[] = {
	{"number", CRM_COL_TEXT},   {"customer", CRM_COL_TEXT},    {"name", CRM_COL_TEXT},
	{"product", CRM_COL_TEXT},  {"serial", CRM_COL_TEXT},      {"state", CRM_COL_TEXT},
	{"since", CRM_COL_TEXT},    {"days", CRM_COL_INT},         {"limit", CRM_COL_INT},
	{"late", CRM_COL_BOOL},     {"warranty", CRM_COL_TEXT},    {"advance_due", CRM_COL_TEXT},
	{"vendor", CRM_COL_TEXT},   {"tracking", CRM_COL_TEXT},
};
const size_t crm_rma_ncolumns = sizeof crm_rma_columns / sizeof *crm_rma_columns;

static const char *const states[] = {"opened",   "received", "diagnosed", "repairing",
				      "at_vendor", "repaired", "shipped",   "confirmed",
				      "closed",   "rejected", "cancelled"};

static int check_state(const char *s, struct crm_err *err)
{
	if (is(s, "open") || is(s, "all"))
		return CRM_OK;
	for (size_t i = 0; i < sizeof states / sizeof *states; i++)
		if (is(states[i], s))
			return CRM_OK;
	return crm_fail(err, CRM_EINVAL, "unknown state '%s' (open, all, opened, received, "
			"diagnosed, repairing, at_vendor, repaired, shipped, confirmed, closed, "
			"rejected, cancelled)", s);
}

int crm_rma_list(struct crm_store *st, const struct crm_rma_filter *f, struct crm_out *out,
		 struct crm_err *err)
{
	const char *state = f->state ? f->state : "open";
	char today[CRM_DATE_BUFSZ];
	sqlite3_stmt *stmt;
	int rc = check_state(state, err);

	if (rc == CRM_OK)
		rc = crm_store_prepare(
			st,
			"SELECT * FROM (" RMA_SELECT
			"WHERE (?2 = 0 OR r.customer_id = ?2) AND (?3 = 'all' OR r.state = ?3"
			" OR (?3 = 'open' AND r.state NOT IN ('closed', 'rejected', 'cancelled')))"
			") ORDER BY 10 DESC, 7, 1",
			&stmt, err);
	if (rc != CRM_OK)
		return rc;
	crm_date_format(st->clock.today, today);
	sqlite3_bind_text(stmt, 1, today, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 2, f->customer_id);
	sqlite3_bind_text(stmt, 3, state, -1, SQLITE_STATIC);
	return crm_store_list(st, stmt, crm_rma_columns, crm_rma_ncolumns, out, err);
}

static const struct crm_column show_columns[] = {
	{"number", CRM_COL_TEXT},      {"customer", CRM_COL_TEXT},    {"name", CRM_COL_TEXT},
	{"product", CRM_COL_TEXT},     {"product_name", CRM_COL_TEXT}, {"serial", CRM_COL_TEXT},
	{"fault", CRM_COL_TEXT},       {"purchased", CRM_COL_TEXT},   {"invoice", CRM_COL_TEXT},
	{"warranty_until", CRM_COL_TEXT}, {"in_warranty", CRM_COL_BOOL},
	{"chargeable", CRM_COL_BOOL},  {"quote", CRM_COL_TEXT},       {"case", CRM_COL_TEXT},
	{"advance", CRM_COL_BOOL},     {"advance_due", CRM_COL_TEXT}, {"received", CRM_COL_TEXT},
	{"state", CRM_COL_TEXT},       {"since", CRM_COL_TEXT},       {"days", CRM_COL_INT},
	{"limit", CRM_COL_INT},        {"late", CRM_COL_BOOL},        {"vendor", CRM_COL_TEXT},
	{"tracking", CRM_COL_TEXT},    {"created", CRM_COL_TEXT},     {"updated", CRM_COL_TEXT},
};

static const struct crm_column event_columns[] = {
	{"at", CRM_COL_TEXT}, {"state", CRM_COL_TEXT}, {"user", CRM_COL_TEXT}, {"text", CRM_COL_TEXT},
};

int crm_rma_show(struct crm_store *st, int64_t id, struct crm_rec *rec, struct crm_err *err)
{
	const size_t n = sizeof show_columns / sizeof *show_columns;
	char money[CRM_MONEY_BUFSZ], today[CRM_DATE_BUFSZ];
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(
		st,
		"SELECT r.number, c.code, c.name, p.sku, p.name, r.serial, r.fault, r.purchased,"
		" i.number, r.warranty_until, r.in_warranty, r.chargeable, q.number, k.number,"
		" r.advance, r.advance_due, r.received, r.state, r.since,"
		" " CRM_RMA_DAYS_SQL("r", "?2") ", " CRM_RMA_LIMIT_SQL("r") ","
		" iif(" CRM_RMA_DAYS_SQL("r", "?2") " > " CRM_RMA_LIMIT_SQL("r") ", 1, 0),"
		" r.vendor, r.tracking, r.created, r.updated"
		" FROM rma r JOIN customer c ON c.id = r.customer_id"
		" JOIN product p ON p.id = r.product_id LEFT JOIN doc i ON i.id = r.invoice_id"
		" LEFT JOIN doc q ON q.id = r.quote_id LEFT JOIN service_case k ON k.id = r.case_id"
		" WHERE r.id = ?1",
		&stmt, err);

	if (rc != CRM_OK)
		return rc;
	crm_date_format(st->clock.today, today);
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, today, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		for (size_t i = 0; i < n; i++)
			crm_rec_field(rec, show_columns[i].name, show_columns[i].type,
				      crm_store_cell(st, stmt, (int)i, show_columns[i].type, money));
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return crm_fail(err, CRM_ENOTFOUND, "no rma with id %lld", (long long)id);
	if (rc != SQLITE_ROW)
		return crm_store_error(st, rc, err);
	if ((rc = crm_store_prepare(st,
				    "SELECT at, state, user, text FROM rma_event WHERE rma_id = ?1"
				    " ORDER BY at, id",
				    &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	return crm_store_rec_table(st, stmt, rec, "events", event_columns,
				   sizeof event_columns / sizeof *event_columns, err);
}

/* What happened last (on the date that goes between before and after) and
 * what comes next, per state. */
static const struct {
	const char *state, *before, *after, *next;
} status_text[] = {
	{"opened", "The return was registered on ", "; we are waiting for the unit.",
	 "When it arrives we check it and tell you what we find."},
	{"received", "We received the unit on ", ".", "A technician checks it."},
	{"diagnosed", "The unit was checked on ", ".", "We repair it or send it back to you."},
	{"repairing", "The repair started on ", ".", "When it is done we ship the unit back."},
	{"at_vendor", "The unit went to the manufacturer for repair on ", ".",
	 "When it comes back we ship it to you."},
	{"repaired", "The unit was repaired on ", ".", "We ship it back to you."},
	{"shipped", "The unit was shipped to you on ", ".", "Please confirm that it works."},
	{"confirmed", "You confirmed on ", " that the unit works.", "We close the return."},
	{"closed", "The return was closed on ", ".", "Nothing; thank you."},
	{"rejected", "The return was rejected on ", ".", "Nothing."},
	{"cancelled", "The return was cancelled on ", ".", "Nothing."},
};

static void status_write(sqlite3_stmt *stmt, struct crm_buf *b)
{
	const char *state = (const char *)sqlite3_column_text(stmt, 4),
		   *serial = (const char *)sqlite3_column_text(stmt, 3),
		   *since = (const char *)sqlite3_column_text(stmt, 5),
		   *tracking = (const char *)sqlite3_column_text(stmt, 6),
		   *due = (const char *)sqlite3_column_text(stmt, 7);
	int advance = sqlite3_column_int(stmt, 8), received = sqlite3_column_int(stmt, 9);
	int replacement = advance && !received && is(state, "shipped");

	crm_buf_addf(b, "%s: %s%s%s\n", sqlite3_column_text(stmt, 0),
		     sqlite3_column_text(stmt, 1), serial ? ", serial " : "", serial ? serial : "");
	for (size_t i = 0; i < sizeof status_text / sizeof *status_text; i++) {
		if (!is(status_text[i].state, state))
			continue;
		crm_buf_addf(b, "%s%s%s\n",
			     replacement ? "A replacement unit was shipped to you on "
					 : status_text[i].before,
			     since, status_text[i].after);
		crm_buf_addf(b, "Next: %s\n", status_text[i].next);
	}
	if (tracking && (is(state, "shipped") || is(state, "confirmed")))
		crm_buf_addf(b, "Tracking: %s\n", tracking);
	if (advance && !received && due && !is_done(state))
		crm_buf_addf(b, "Please send the faulty unit back by %s.\n", due);
}

int crm_rma_status(struct crm_store *st, int64_t id, struct crm_buf *text, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT r.number, p.name, p.sku, r.serial, r.state,"
				   " substr(r.since, 1, 10), r.tracking, r.advance_due, r.advance,"
				   " r.received IS NOT NULL FROM rma r JOIN product p"
				   " ON p.id = r.product_id WHERE r.id = ?1",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		status_write(stmt, text);
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return crm_fail(err, CRM_ENOTFOUND, "no rma with id %lld", (long long)id);
	return rc == SQLITE_ROW ? CRM_OK : crm_store_error(st, rc, err);
}

static const struct crm_column section_columns[] = {
	{"number", CRM_COL_TEXT}, {"product", CRM_COL_TEXT}, {"serial", CRM_COL_TEXT},
	{"state", CRM_COL_TEXT},  {"since", CRM_COL_TEXT},   {"late", CRM_COL_BOOL},
};

int crm_rma_section(struct crm_store *st, int64_t customer_id, struct crm_rec *rec,
		    struct crm_err *err)
{
	char today[CRM_DATE_BUFSZ];
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(
		st,
		"SELECT r.number, p.sku, r.serial, r.state, substr(r.since, 1, 10),"
		" iif(" CRM_RMA_DAYS_SQL("r", "?2") " > " CRM_RMA_LIMIT_SQL("r") ", 1, 0)"
		" FROM rma r JOIN product p ON p.id = r.product_id WHERE r.customer_id = ?1"
		" AND r.state NOT IN ('closed', 'rejected', 'cancelled') ORDER BY r.id",
		&stmt, err);

	if (rc != CRM_OK)
		return rc;
	crm_date_format(st->clock.today, today);
	sqlite3_bind_int64(stmt, 1, customer_id);
	sqlite3_bind_text(stmt, 2, today, -1, SQLITE_TRANSIENT);
	return crm_store_rec_table(st, stmt, rec, "rmas", section_columns,
				   sizeof section_columns / sizeof *section_columns, err);
}

/* ---- stats ---- */

const struct crm_column crm_rma_stats_columns[] = {
	{"section", CRM_COL_TEXT}, {"item", CRM_COL_TEXT}, {"rmas", CRM_COL_INT},
	{"value", CRM_COL_MONEY},
};
const size_t crm_rma_stats_ncolumns = sizeof crm_rma_stats_columns / sizeof *crm_rma_stats_columns;

/* The RMAs the stats count: opened from ?1 to ?2 (NULL: no bound). */
#define STATS_RMAS                                                                             \
	"(SELECT * FROM rma WHERE (?1 IS NULL OR substr(created, 1, 10) >= ?1)"                \
	" AND (?2 IS NULL OR substr(created, 1, 10) <= ?2))"

/* Durations in whole minutes, grouped by section and item, ascending: the
 * stays in each state that ended (the next event of the RMA ended them),
 * then opened to the first shipment. */
#define STATS_DURATIONS                                                                        \
	"WITH ev AS (SELECT e.state, e.at, lead(e.at) OVER (PARTITION BY e.rma_id"             \
	"  ORDER BY e.at, e.id) AS next FROM rma_event e JOIN " STATS_RMAS " r"                \
	"  ON r.id = e.rma_id),"                                                               \
	" d AS (SELECT 1 AS s, 'stage' AS section, state AS item, CASE state"                  \
	"  WHEN 'opened' THEN 1 WHEN 'received' THEN 2 WHEN 'diagnosed' THEN 3"                \
	"  WHEN 'repairing' THEN 4 WHEN 'at_vendor' THEN 5 WHEN 'repaired' THEN 6"             \
	"  WHEN 'shipped' THEN 7 ELSE 8 END AS o,"                                             \
	"  CAST(round((julianday(next) - julianday(at)) * 1440) AS INTEGER) AS m"              \
	"  FROM ev WHERE next IS NOT NULL"                                                     \
	"  UNION ALL SELECT 2, 'turnaround', 'opened to shipped', 0,"                          \
	"  CAST(round((julianday(s.at) - julianday(r.created)) * 1440) AS INTEGER)"            \
	"  FROM " STATS_RMAS " r JOIN rma_event s ON s.id = (SELECT min(id) FROM rma_event"    \
	"  WHERE rma_id = r.id AND state = 'shipped'))"                                        \
	" SELECT section, item, m FROM d ORDER BY s, o, item, m"

/* Counts: the warranty share, then repeat failures by product and serial. */
#define STATS_COUNTS                                                                           \
	"SELECT * FROM (SELECT 'warranty', iif(in_warranty, 'in', 'out'), count(*),"           \
	" (count(*) * 2000 + (SELECT count(*) FROM " STATS_RMAS "))"                           \
	" / (2 * (SELECT count(*) FROM " STATS_RMAS ")) FROM " STATS_RMAS " r"                 \
	" GROUP BY in_warranty ORDER BY in_warranty DESC)"                                     \
	" UNION ALL SELECT * FROM (SELECT 'product', p.sku, count(*), NULL FROM " STATS_RMAS   \
	" r JOIN product p ON p.id = r.product_id GROUP BY p.id HAVING count(*) > 1"           \
	" ORDER BY 3 DESC, 2)"                                                                 \
	" UNION ALL SELECT * FROM (SELECT 'serial', p.sku || ' ' || r.serial, count(*), NULL"  \
	" FROM " STATS_RMAS " r JOIN product p ON p.id = r.product_id WHERE r.serial IS NOT NULL" \
	" GROUP BY p.id, r.serial HAVING count(*) > 1 ORDER BY 3 DESC, 2)"

/* Writes one stats row; tenths < 0: no value. */
static int stats_row(struct crm_out *out, const char *section, const char *item, int64_t n,
		     int64_t tenths, struct crm_err *err)
{
	char num[32], val[32];
	const char *cells[4] = {section, item, num, NULL};

	snprintf(num, sizeof num, "%lld", (long long)n);
	if (tenths >= 0) {
		snprintf(val, sizeof val, "%lld.%lld", (long long)(tenths / 10),
			 (long long)(tenths % 10));
		cells[3] = val;
	}
	return crm_out_row(out, cells) == CRM_OK ? CRM_OK : crm_fail(err, CRM_EFAIL, "write error");
}

/* A group of sorted durations being collected. */
struct group {
	char section[16], item[64];
	int64_t *m;
	size_t n, cap;
};

/* Writes the group's median in days (one decimal, half up) and empties it. */
static int group_flush(struct group *g, struct crm_out *out, struct crm_err *err)
{
	int64_t twice;
	int rc;

	if (!g->n)
		return CRM_OK;
	twice = g->n % 2 ? 2 * g->m[g->n / 2] : g->m[g->n / 2 - 1] + g->m[g->n / 2];
	if (twice < 0)
		twice = 0;
	rc = stats_row(out, g->section, g->item, (int64_t)g->n, (twice * 10 + 1440) / 2880, err);
	g->n = 0;
	return rc;
}

static int group_add(struct group *g, const char *section, const char *item, int64_t m,
		     struct crm_out *out, struct crm_err *err)
{
	int rc = CRM_OK;

	if (g->n && (strcmp(g->section, section) || strcmp(g->item, item)))
		rc = group_flush(g, out, err);
	snprintf(g->section, sizeof g->section, "%s", section);
	snprintf(g->item, sizeof g->item, "%s", item);
	if (g->n == g->cap) {
		int64_t *m2 = realloc(g->m, (g->cap ? 2 * g->cap : 64) * sizeof *m2);

		if (!m2)
			return crm_fail(err, CRM_EFAIL, "out of memory");
		g->m = m2;
		g->cap = g->cap ? 2 * g->cap : 64;
	}
	g->m[g->n++] = m;
	return rc;
}

static int stats_prepare(struct crm_store *st, const char *sql, const char *from, const char *to,
			 sqlite3_stmt **stmt, struct crm_err *err)
{
	int rc = crm_store_prepare(st, sql, stmt, err);

	if (rc == CRM_OK) {
		crm_bind_text(*stmt, 1, *from ? from : NULL);
		crm_bind_text(*stmt, 2, *to ? to : NULL);
	}
	return rc;
}

static int stats_durations(struct crm_store *st, const char *from, const char *to,
			   struct crm_out *out, struct crm_err *err)
{
	struct group g = {0};
	sqlite3_stmt *stmt;
	int step = SQLITE_DONE, rc = stats_prepare(st, STATS_DURATIONS, from, to, &stmt, err);

	if (rc != CRM_OK)
		return rc;
	while (rc == CRM_OK && (step = sqlite3_step(stmt)) == SQLITE_ROW)
		rc = group_add(&g, (const char *)sqlite3_column_text(stmt, 0),
			       (const char *)sqlite3_column_text(stmt, 1),
			       sqlite3_column_int64(stmt, 2), out, err);
	sqlite3_finalize(stmt);
	if (rc == CRM_OK && step != SQLITE_DONE)
		rc = crm_store_error(st, step, err);
	if (rc == CRM_OK)
		rc = group_flush(&g, out, err);
	free(g.m);
	return rc;
}

static int stats_counts(struct crm_store *st, const char *from, const char *to,
			struct crm_out *out, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int step = SQLITE_DONE, rc = stats_prepare(st, STATS_COUNTS, from, to, &stmt, err);

	if (rc != CRM_OK)
		return rc;
	while (rc == CRM_OK && (step = sqlite3_step(stmt)) == SQLITE_ROW)
		rc = stats_row(out, (const char *)sqlite3_column_text(stmt, 0),
			       (const char *)sqlite3_column_text(stmt, 1),
			       sqlite3_column_int64(stmt, 2),
			       sqlite3_column_type(stmt, 3) == SQLITE_NULL
				       ? -1 : sqlite3_column_int64(stmt, 3),
			       err);
	sqlite3_finalize(stmt);
	if (rc == CRM_OK && step != SQLITE_DONE)
		rc = crm_store_error(st, step, err);
	return rc;
}

int crm_rma_stats(struct crm_store *st, const char *from_s, const char *to_s,
		  struct crm_out *out, struct crm_err *err)
{
	char from[CRM_DATE_BUFSZ], to[CRM_DATE_BUFSZ];
	int rc;

	if ((rc = crm_store_date(st, from_s, from, err)) != CRM_OK ||
	    (rc = crm_store_date(st, to_s, to, err)) != CRM_OK)
		return rc;
	if ((rc = stats_durations(st, from, to, out, err)) != CRM_OK)
		return rc;
	return stats_counts(st, from, to, out, err);
}
