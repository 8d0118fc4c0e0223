/* invoice.c — invoices and credit notes: new (from an order, a delivery or
 * free), issue, void, rm, credit, list, show, import.  Lines, totals and
 * numbers go through doc.c like every document. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "ar.h"
#include "doc.h"
#include "invoice.h"
#include "order.h"
#include "validate.h"

/* ---- small helpers ---- */

/* How a document is named in messages: its number, or "draft ID". */
static const char *doc_name(const struct crm_doc_state *s, int64_t id, char buf[80])
{
	if (*s->number)
		snprintf(buf, 80, "%s", s->number);
	else
		snprintf(buf, 80, "draft %lld", (long long)id);
	return buf;
}

static char *xstrdup_or_null(const unsigned char *s)
{
	return s ? strdup((const char *)s) : NULL;
}

static int check_reason(const char *reason, struct crm_err *err)
{
	if (reason && (!*reason || crm_has_control(reason, 0) || strlen(reason) > 500))
		return crm_fail(err, CRM_EINVAL, "'%s' is not a valid reason", reason);
	return CRM_OK;
}

int crm_invoice_find(struct crm_store *st, const char *kind, const char *key, int64_t *id,
		     struct crm_err *err)
{
	return kind ? crm_doc_find(st, kind, key, id, err)
		    : crm_doc_find_either(st, "invoice", "credit", key, id, err);
}

/* ---- lines taken from another document ---- */

struct src_line {
	int64_t source_id, product_id, qty, price, discount_rate, tax_rate;
	char *description, *unit;
	int exact;                       /* amounts given, not computed */
	struct crm_line_amounts a;
};

struct src_lines {
	struct src_line *v;
	size_t n, cap;
};

static void src_free(struct src_lines *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].description);
		free(l->v[i].unit);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

static struct src_line *src_push(struct src_lines *l)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		struct src_line *v = realloc(l->v, cap * sizeof *v);

		if (!v)
			return NULL;
		l->v = v, l->cap = cap;
	}
	memset(&l->v[l->n], 0, sizeof l->v[l->n]);
	return &l->v[l->n++];
}

/* Reads the common columns 0..6 (source line id, product id, description,
 * unit, price, discount rate, tax rate) of a row into a new line. */
static struct src_line *src_read(struct src_lines *l, sqlite3_stmt *stmt)
{
	struct src_line *s = src_push(l);

	if (!s)
		return NULL;
	s->source_id = sqlite3_column_int64(stmt, 0);
	s->product_id = sqlite3_column_int64(stmt, 1);
	s->description = xstrdup_or_null(sqlite3_column_text(stmt, 2));
	s->unit = xstrdup_or_null(sqlite3_column_text(stmt, 3));
	s->price = sqlite3_column_int64(stmt, 4);
	s->discount_rate = sqlite3_column_int64(stmt, 5);
	s->tax_rate = sqlite3_column_int64(stmt, 6);
	if (!s->description || !s->unit)
		return NULL;
	return s;
}

/* Appends the lines to doc_id (positions 1..n after any there), pointing
 * at their sources, and recomputes its totals. */
static int add_lines(struct crm_store *st, int64_t doc_id, struct src_lines *l,
		     struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(
		st,
		"INSERT INTO doc_line (doc_id, pos, product_id, description, qty, unit, price, "
		"discount_rate, tax_rate, gross, discount, net, tax, source_line_id) VALUES (?1, "
		"(SELECT ifnull(max(pos), 0) + 1 FROM doc_line WHERE doc_id = ?1), nullif(?2, 0), "
		"?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
		&stmt, err);

	if (rc != CRM_OK)
		return rc;
	for (size_t i = 0; i < l->n && rc == CRM_OK; i++) {
		struct src_line *s = &l->v[i];

		if (!s->exact && (rc = crm_line_compute(s->qty, s->price, s->discount_rate,
							s->tax_rate, &s->a, err)) != CRM_OK)
			break;
		sqlite3_reset(stmt);
		sqlite3_bind_int64(stmt, 1, doc_id);
		sqlite3_bind_int64(stmt, 2, s->product_id);
		sqlite3_bind_text(stmt, 3, s->description, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 4, s->qty);
		sqlite3_bind_text(stmt, 5, s->unit, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 6, s->price);
		sqlite3_bind_int64(stmt, 7, s->discount_rate);
		sqlite3_bind_int64(stmt, 8, s->tax_rate);
		sqlite3_bind_int64(stmt, 9, s->a.gross);
		sqlite3_bind_int64(stmt, 10, s->a.discount);
		sqlite3_bind_int64(stmt, 11, s->a.net);
		sqlite3_bind_int64(stmt, 12, s->a.tax);
		sqlite3_bind_int64(stmt, 13, s->source_id);
		if ((rc = sqlite3_step(stmt)) != SQLITE_DONE)
			rc = crm_store_error(st, rc, err);
		else
			rc = CRM_OK;
	}
	sqlite3_finalize(stmt);
	return rc == CRM_OK ? crm_doc_recompute(st, doc_id, err) : rc;
}

/* ---- new ---- */

/* Makes the draft invoice of customer_id for order order_id with lines l. */
static int draft_of(struct crm_store *st, int64_t customer_id, int64_t order_id,
		    const char *note, struct src_lines *l, int64_t *id, struct crm_err *err)
{
	struct crm_doc_input in = {0};
	char number[65];
	int rc;

	in.source_id = order_id;
	in.note = note;
	if ((rc = crm_doc_insert(st, "invoice", customer_id, &in, id, number, err)) != CRM_OK)
		return rc;
	return add_lines(st, *id, l, err);
}

static int order_of(struct crm_store *st, int64_t order_id, struct crm_doc_state *s,
		    struct crm_err *err)
{
	int rc = crm_doc_state(st, order_id, s, err);

	if (rc == CRM_OK && strcmp(s->kind, "order") != 0)
		return crm_fail(err, CRM_ENOTFOUND, "no order '%lld'", (long long)order_id);
	if (rc == CRM_OK && strcmp(s->status, "confirmed") != 0)
		return crm_fail(err, CRM_EINVAL, "order %s is %s, not confirmed", s->number,
				s->status);
	return rc;
}

static int new_order(struct crm_store *st, int64_t order_id, const char *note, int64_t *id,
		     struct crm_err *err)
{
	struct crm_doc_state s;
	struct src_lines l = {0};
	sqlite3_stmt *stmt;
	int rc;

	if ((rc = order_of(st, order_id, &s, err)) != CRM_OK)
		return rc;
	if ((rc = crm_store_prepare(
		     st,
		     "SELECT l.id, ifnull(l.product_id, 0), l.description, l.unit, l.price, "
		     "l.discount_rate, l.tax_rate, s.shipped - s.invoiced FROM doc_line l "
		     "JOIN order_line_state s ON s.line_id = l.id "
		     "WHERE l.doc_id = ?1 AND s.shipped > s.invoiced ORDER BY l.pos",
		     &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, order_id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct src_line *x = src_read(&l, stmt);

		if (!x)
			break;
		x->qty = sqlite3_column_int64(stmt, 7);
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_ROW)
		rc = crm_fail(err, CRM_EFAIL, "out of memory");
	else if (rc != SQLITE_DONE)
		rc = crm_store_error(st, rc, err);
	else if (l.n == 0)
		rc = crm_fail(err, CRM_EINVAL, "order %s has nothing to invoice (nothing shipped "
			      "and not invoiced)", s.number);
	else
		rc = draft_of(st, s.customer_id, order_id, note, &l, id, err);
	src_free(&l);
	return rc;
}

int crm_invoice_new_order(struct crm_store *st, int64_t order_id, const char *note,
			  int64_t *id, struct crm_err *err)
{
	int rc = crm_store_begin(st, err);

	if (rc != CRM_OK)
		return rc;
	rc = new_order(st, order_id, note, id, err);
	return crm_store_end(st, rc, err);
}

static int new_delivery(struct crm_store *st, int64_t delivery_id, const char *note,
			int64_t *id, struct crm_err *err)
{
	struct crm_doc_state s;
	struct src_lines l = {0};
	char number[65] = "";
	int64_t order_id = 0;
	sqlite3_stmt *stmt;
	int rc;

	if ((rc = crm_store_prepare(st, "SELECT order_id, number FROM delivery WHERE id = ?1",
				    &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, delivery_id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		order_id = sqlite3_column_int64(stmt, 0);
		snprintf(number, sizeof number, "%s", (const char *)sqlite3_column_text(stmt, 1));
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return crm_fail(err, CRM_ENOTFOUND, "no delivery '%lld'", (long long)delivery_id);
	if (rc != SQLITE_ROW)
		return crm_store_error(st, rc, err);
	if ((rc = order_of(st, order_id, &s, err)) != CRM_OK)
		return rc;
	/* what the order line invoiced is set against its deliveries oldest first */
	if ((rc = crm_store_prepare(
		     st,
		     "SELECT l.id, ifnull(l.product_id, 0), l.description, l.unit, l.price, "
		     "l.discount_rate, l.tax_rate, dl.qty, s.invoiced, ifnull((SELECT sum(b.qty) "
		     "FROM delivery_line b WHERE b.order_line_id = l.id AND b.delivery_id < ?1), 0) "
		     "FROM delivery_line dl JOIN doc_line l ON l.id = dl.order_line_id "
		     "JOIN order_line_state s ON s.line_id = l.id WHERE dl.delivery_id = ?1 "
		     "ORDER BY l.pos",
		     &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, delivery_id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t shipped = sqlite3_column_int64(stmt, 7),
			done = sqlite3_column_int64(stmt, 8) - sqlite3_column_int64(stmt, 9);
		struct src_line *x;

		if (done < 0)
			done = 0;
		if (done >= shipped)
			continue;
		if (!(x = src_read(&l, stmt)))
			break;
		x->qty = shipped - done;
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_ROW)
		rc = crm_fail(err, CRM_EFAIL, "out of memory");
	else if (rc != SQLITE_DONE)
		rc = crm_store_error(st, rc, err);
	else if (l.n == 0)
		rc = crm_fail(err, CRM_EINVAL, "delivery %s has nothing to invoice (invoiced "
			      "already)", number);
	else
		rc = draft_of(st, s.customer_id, order_id, note, &l, id, err);
	src_free(&l);
	return rc;
}

int crm_invoice_new_delivery(struct crm_store *st, int64_t delivery_id, const char *note,
			     int64_t *id, struct crm_err *err)
{
	int rc = crm_store_begin(st, err);

	if (rc != CRM_OK)
		return rc;
	rc = new_delivery(st, delivery_id, note, id, err);
	return crm_store_end(st, rc, err);
}

/* ---- issue ---- */

static int doc_of(struct crm_store *st, int64_t id, const char *kinds,
		  struct crm_doc_state *s, struct crm_err *err)
{
	char pad[24];
	int rc = crm_doc_state(st, id, s, err);

	if (rc != CRM_OK)
		return rc;
	snprintf(pad, sizeof pad, " %s ", s->kind);
	if (!strstr(kinds, pad))
		return crm_fail(err, CRM_ENOTFOUND, "no invoice '%lld'", (long long)id);
	return CRM_OK;
}

/* A customer's code, credit limit (*has_limit 0 when NULL) and terms. */
static int customer_terms(struct crm_store *st, int64_t customer_id, char code[65],
			  int *has_limit, int64_t *limit, long *terms, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT code, credit_limit, terms FROM customer WHERE id = ?1",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, customer_id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		snprintf(code, 65, "%s", (const char *)sqlite3_column_text(stmt, 0));
		*has_limit = sqlite3_column_type(stmt, 1) != SQLITE_NULL;
		*limit = sqlite3_column_int64(stmt, 1);
		*terms = sqlite3_column_type(stmt, 2) == SQLITE_NULL
				 ? -1
				 : (long)sqlite3_column_int64(stmt, 2);
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return crm_fail(err, CRM_ENOTFOUND, "no customer '%lld'", (long long)customer_id);
	return rc == SQLITE_ROW ? CRM_OK : crm_store_error(st, rc, err);
}

/* The next number of series kind that no document has (an imported one
 * may hold a number of the series). */
static int free_number(struct crm_store *st, const char *kind, crm_day date,
		       char number[65], struct crm_err *err)
{
	for (int tries = 0; tries < 100000; tries++) {
		int64_t taken;
		sqlite3_stmt *stmt;
		int rc = crm_doc_number_next(st, kind, date, number, err);

		if (rc != CRM_OK)
			return rc;
		if ((rc = crm_store_prepare(st, "SELECT count(*) FROM doc WHERE number = ?1",
					    &stmt, err)) != CRM_OK)
			return rc;
		sqlite3_bind_text(stmt, 1, number, -1, SQLITE_STATIC);
		rc = sqlite3_step(stmt);
		taken = sqlite3_column_int64(stmt, 0);
		sqlite3_finalize(stmt);
		if (rc != SQLITE_ROW)
			return crm_store_error(st, rc, err);
		if (!taken)
			return CRM_OK;
	}
	return crm_fail(err, CRM_EINVAL, "number %s is taken already (see series.%s)", number,
			kind);
}

static int issue(struct crm_store *st, int64_t id, const char *date_expr, int force,
		 int *overridden, char number[65], struct crm_err *err)
{
	char name[80], code[65], date_s[CRM_DATE_BUFSZ], due_s[CRM_DATE_BUFSZ];
	struct crm_doc_state s;
	struct crm_exposure before = {0}, after = {0};
	crm_day date = st->clock.today;
	int64_t lines, limit = 0;
	long terms = -1;
	int has_limit = 0, rc;
	sqlite3_stmt *stmt;

	if ((rc = doc_of(st, id, " invoice ", &s, err)) != CRM_OK)
		return rc;
	if (strcmp(s.status, "draft") != 0)
		return crm_fail(err, CRM_EINVAL, "invoice %s is %s, not a draft; an issued invoice "
				"is never changed, only credited", doc_name(&s, id, name), s.status);
	if (date_expr && crm_date_parse(date_expr, st->clock.today, &date, NULL) != CRM_OK)
		return crm_fail(err, CRM_EINVAL, "date '%s' is not a date", date_expr);
	if ((rc = crm_store_int(st, "SELECT count(*) FROM doc_line WHERE doc_id = ?1", id, &lines,
			 err)) != CRM_OK)
		return rc;
	if (lines == 0)
		return crm_fail(err, CRM_EINVAL, "invoice %s has no lines", doc_name(&s, id, name));
	if ((rc = customer_terms(st, s.customer_id, code, &has_limit, &limit, &terms, err)))
		return rc;
	if (terms < 0)
		terms = crm_config_long(st, "invoice.terms", 30);
	if (has_limit && (rc = crm_order_exposure(st, s.customer_id, &before, err)) != CRM_OK)
		return rc;
	if ((rc = free_number(st, "invoice", date, number, err)) != CRM_OK)
		return rc;
	if ((rc = crm_store_prepare(st,
				    "UPDATE doc SET number = ?2, status = 'issued', date = ?3, "
				    "due = ?4, updated = ?5 WHERE id = ?1",
				    &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, number, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, crm_date_format(date, date_s), -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, crm_date_format(date + (crm_day)terms, due_s), -1,
			  SQLITE_STATIC);
	crm_bind_text(stmt, 5, st->clock.now);
	if ((rc = crm_store_run(st, stmt, err)) != CRM_OK || !has_limit)
		return rc;
	/* reckoned with the invoice issued: the order value it bills is gone */
	if ((rc = crm_order_exposure(st, s.customer_id, &after, err)) != CRM_OK)
		return rc;
	if (after.total <= limit || after.total <= before.total)
		return CRM_OK;
	return crm_credit_breach(st,
				 &(struct crm_credit_breach){
					 .kind = "invoice", .number = number, .verb = "issue",
					 .customer_code = code, .doc_id = id,
					 .customer_id = s.customer_id, .limit = limit,
					 .exposure = before.total, .amount = s.total,
					 .total = after.total},
				 force, overridden, err);
}

int crm_invoice_issue(struct crm_store *st, int64_t id, const char *date, int force,
		      int *overridden, char number_out[65], struct crm_err *err)
{
	int rc, o = 0;

	number_out[0] = '\0';
	if ((rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	rc = issue(st, id, date, force, &o, number_out, err);
	rc = crm_store_end(st, rc, err);
	if (overridden)
		*overridden = rc == CRM_OK && o;
	return rc;
}

/* ---- void, rm ---- */

static int void_doc(struct crm_store *st, int64_t id, const char *reason, struct crm_err *err)
{
	char name[80], *note;
	struct crm_doc_state s;
	sqlite3_stmt *stmt;
	size_t n;
	int rc;

	if ((rc = doc_of(st, id, " invoice credit ", &s, err)) != CRM_OK)
		return rc;
	if (!strcmp(s.status, "draft"))
		return crm_fail(err, CRM_EINVAL, "%s %s is a draft; remove it with 'crm invoice rm'",
				crm_doc_noun(s.kind), doc_name(&s, id, name));
	if (!strcmp(s.status, "void"))
		return crm_fail(err, CRM_EINVAL, "%s %s is void already", crm_doc_noun(s.kind), s.number);
	if ((rc = crm_store_prepare(st,
				    "SELECT number FROM doc WHERE kind = 'credit' AND source_id = ?1 "
				    "AND status <> 'void' ORDER BY id LIMIT 1",
				    &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		crm_fail(err, CRM_EINVAL, "invoice %s has credit note %s and cannot be voided",
			 s.number, (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	if (rc == SQLITE_ROW)
		return CRM_EINVAL;
	if (rc != SQLITE_DONE)
		return crm_store_error(st, rc, err);
	if ((rc = crm_ar_release_void(st, id, err)) != CRM_OK)
		return rc;
	n = strlen(reason) + sizeof "void: ";
	if (!(note = malloc(n)))
		return crm_fail(err, CRM_EFAIL, "out of memory");
	snprintf(note, n, "void: %s", reason);
	if ((rc = crm_store_prepare(st,
				    "UPDATE doc SET status = 'void', updated = ?2, note = CASE "
				    "WHEN note IS NULL THEN ?3 ELSE note || char(10) || ?3 END "
				    "WHERE id = ?1",
				    &stmt, err)) == CRM_OK) {
		sqlite3_bind_int64(stmt, 1, id);
		crm_bind_text(stmt, 2, st->clock.now);
		sqlite3_bind_text(stmt, 3, note, -1, SQLITE_STATIC);
		rc = crm_store_run(st, stmt, err);
	}
	free(note);
	return rc;
}

int crm_invoice_void(struct crm_store *st, int64_t id, const char *reason,
		     struct crm_err *err)
{
	int rc;

	if (!reason)
		return crm_fail(err, CRM_EUSAGE, "a reason is required (--reason)");
	if ((rc = check_reason(reason, err)) != CRM_OK)
		return rc;
	if ((rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	rc = void_doc(st, id, reason, err);
	return crm_store_end(st, rc, err);
}

static int rm_doc(struct crm_store *st, int64_t id, struct crm_err *err)
{
	struct crm_doc_state s;
	sqlite3_stmt *stmt;
	int rc;

	if ((rc = doc_of(st, id, " invoice credit ", &s, err)) != CRM_OK)
		return rc;
	if (strcmp(s.status, "draft") != 0)
		return crm_fail(err, CRM_EINVAL, "%s %s is %s; only a draft is removed (void or "
				"credit an issued one)", crm_doc_noun(s.kind), s.number, s.status);
	if ((rc = crm_store_prepare(st, "DELETE FROM doc WHERE id = ?1", &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	return crm_store_run(st, stmt, err);
}

int crm_invoice_rm(struct crm_store *st, int64_t id, struct crm_err *err)
{
	int rc = crm_store_begin(st, err);

	if (rc != CRM_OK)
		return rc;
	rc = rm_doc(st, id, err);
	return crm_store_end(st, rc, err);
}

/* ---- credit ---- */

/* An invoice line and what earlier credit notes took of it. */
struct inv_line {
	int pos;
	int64_t qty, left, take;
	struct crm_line_amounts whole, credited;
};

static int credit(struct crm_store *st, int64_t invoice_id, const char *const *want,
		  size_t nwant, const char *reason, int64_t *credit_id, char number[65],
		  struct crm_err *err)
{
	struct crm_doc_state s;
	struct crm_doc_input in = {0};
	struct src_lines l = {0};
	struct inv_line *il = NULL;
	size_t n = 0, i, k;
	sqlite3_stmt *stmt;
	int rc;

	if ((rc = doc_of(st, invoice_id, " invoice ", &s, err)) != CRM_OK)
		return rc;
	if (strcmp(s.status, "issued") != 0) {
		char name[80];

		return crm_fail(err, CRM_EINVAL, "invoice %s is %s, not issued",
				doc_name(&s, invoice_id, name), s.status);
	}
	if ((rc = crm_store_prepare(
		     st,
		     "SELECT l.id, ifnull(l.product_id, 0), l.description, l.unit, l.price, "
		     "l.discount_rate, l.tax_rate, l.pos, l.qty, l.gross, l.discount, l.net, l.tax, "
		     "ifnull(sum(c.qty), 0), ifnull(sum(c.gross), 0), ifnull(sum(c.discount), 0), "
		     "ifnull(sum(c.net), 0), ifnull(sum(c.tax), 0) FROM doc_line l "
		     "LEFT JOIN (SELECT cl.* FROM doc_line cl JOIN doc cd ON cd.id = cl.doc_id "
		     "AND cd.kind = 'credit' AND cd.status <> 'void') c ON c.source_line_id = l.id "
		     "WHERE l.doc_id = ?1 GROUP BY l.id ORDER BY l.pos",
		     &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, invoice_id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct inv_line *x = realloc(il, (n + 1) * sizeof *il);

		if (!x || !src_read(&l, stmt)) {
			if (x)
				il = x;
			break;
		}
		il = x;
		memset(&il[n], 0, sizeof il[n]);
		il[n].pos = sqlite3_column_int(stmt, 7);
		il[n].qty = sqlite3_column_int64(stmt, 8);
		il[n].whole.gross = sqlite3_column_int64(stmt, 9);
		il[n].whole.discount = sqlite3_column_int64(stmt, 10);
		il[n].whole.net = sqlite3_column_int64(stmt, 11);
		il[n].whole.tax = sqlite3_column_int64(stmt, 12);
		il[n].left = il[n].qty - sqlite3_column_int64(stmt, 13);
		il[n].credited.gross = sqlite3_column_int64(stmt, 14);
		il[n].credited.discount = sqlite3_column_int64(stmt, 15);
		il[n].credited.net = sqlite3_column_int64(stmt, 16);
		il[n].credited.tax = sqlite3_column_int64(stmt, 17);
		n++;
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_ROW)
		rc = crm_fail(err, CRM_EFAIL, "out of memory");
	else if (rc != SQLITE_DONE)
		rc = crm_store_error(st, rc, err);
	else
		rc = CRM_OK;
	for (k = 0; rc == CRM_OK && k < nwant; k++) {
		const char *eq = strchr(want[k], '=');
		char *end;
		long pos;
		int64_t q;

		pos = eq && eq != want[k] ? strtol(want[k], &end, 10) : 0;
		if (!eq || eq == want[k] || end != eq || pos <= 0 || want[k][0] == '+') {
			rc = crm_fail(err, CRM_EINVAL, "line '%s' is not POS=QTY", want[k]);
			break;
		}
		for (i = 0; i < n && il[i].pos != pos; i++)
			;
		if (i == n)
			rc = crm_fail(err, CRM_EINVAL, "invoice %s has no line %ld", s.number, pos);
		else if (il[i].take)
			rc = crm_fail(err, CRM_EINVAL, "line %ld is given twice", pos);
		else if ((rc = crm_qty_parse(eq + 1, &q, err)) != CRM_OK)
			;
		else if (q > il[i].left) {
			char a[CRM_MONEY_BUFSZ], b[CRM_MONEY_BUFSZ];

			rc = crm_fail(err, CRM_EINVAL,
				      "cannot credit %s of line %ld of invoice %s: %s left to credit",
				      crm_qty_format(q, a), pos, s.number, crm_qty_format(il[i].left, b));
		} else {
			il[i].take = q;
		}
	}
	if (rc == CRM_OK && nwant == 0)
		for (i = 0; i < n; i++)
			il[i].take = il[i].left;
	/* keep only the lines credited, in order */
	for (i = 0, k = 0; rc == CRM_OK && i < n; i++) {
		if (il[i].take <= 0) {
			free(l.v[i].description);
			free(l.v[i].unit);
			continue;
		}
		l.v[k] = l.v[i];
		l.v[k].qty = il[i].take;
		if (il[i].take == il[i].left) {
			/* the rest of the line: exactly what is left of its amounts */
			l.v[k].exact = 1;
			l.v[k].a.gross = il[i].whole.gross - il[i].credited.gross;
			l.v[k].a.discount = il[i].whole.discount - il[i].credited.discount;
			l.v[k].a.net = il[i].whole.net - il[i].credited.net;
			l.v[k].a.tax = il[i].whole.tax - il[i].credited.tax;
		}
		k++;
	}
	if (rc == CRM_OK) {
		l.n = k;
		if (k == 0)
			rc = crm_fail(err, CRM_EINVAL, "invoice %s is credited in full already",
				      s.number);
	}
	free(il);
	if (rc == CRM_OK) {
		in.status = "issued";
		in.source_id = invoice_id;
		in.note = reason;
		rc = crm_doc_insert(st, "credit", s.customer_id, &in, credit_id, number, err);
	}
	if (rc == CRM_OK)
		rc = add_lines(st, *credit_id, &l, err);
	if (rc == CRM_OK)
		rc = crm_ar_settle_credit_note(st, *credit_id, err);
	src_free(&l);
	return rc;
}

int crm_invoice_credit(struct crm_store *st, int64_t invoice_id, const char *const *lines,
		       size_t nlines, const char *reason, int64_t *credit_id,
		       char number_out[65], struct crm_err *err)
{
	int rc;

	number_out[0] = '\0';
	if ((rc = check_reason(reason, err)) != CRM_OK)
		return rc;
	if ((rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	rc = credit(st, invoice_id, lines, nlines, reason, credit_id, number_out, err);
	return crm_store_end(st, rc, err);
}

/* ---- list, show ---- */

const struct crm_column crm_invoice_columns[] = {
	{"number", CRM_COL_TEXT}, {"kind", CRM_COL_TEXT}, {"customer", CRM_COL_TEXT},
	{"name", CRM_COL_TEXT},   {"date", CRM_COL_TEXT}, {"due", CRM_COL_TEXT},
	{"status", CRM_COL_TEXT}, {"total", CRM_COL_MONEY}, {"open", CRM_COL_MONEY},
};
const size_t crm_invoice_ncolumns = sizeof crm_invoice_columns / sizeof *crm_invoice_columns;

int crm_invoice_list(struct crm_store *st, const struct crm_invoice_filter *filter,
		     struct crm_out *out, struct crm_err *err)
{
	const char *status = filter->status ? filter->status : "all";
	const char *kind = filter->kind ? filter->kind : "all";
	char today[CRM_DATE_BUFSZ];
	sqlite3_stmt *stmt;
	int rc;

	static const char *const statuses[] = {"draft", "issued", "partly-paid", "paid", "overdue",
					       "open", "void", "all"};
	size_t i;

	for (i = 0; i < sizeof statuses / sizeof *statuses && strcmp(status, statuses[i]); i++)
		;
	if (i == sizeof statuses / sizeof *statuses)
		return crm_fail(err, CRM_EINVAL, "unknown status '%s' (draft, issued, partly-paid, "
				"paid, overdue, open, void, all)", status);
	if (strcmp(kind, "invoice") && strcmp(kind, "credit") && strcmp(kind, "all"))
		return crm_fail(err, CRM_EINVAL, "unknown kind '%s' (invoice, credit, all)", kind);
	rc = crm_store_prepare(
		st,
		"SELECT * FROM (SELECT d.number, d.kind, c.code, c.name, d.date, d.due, "
		CRM_DOC_STATUS_SQL " AS shown, d.total, "
		"CASE WHEN d.status = 'issued' THEN d.total - d.settled END, d.id, d.status AS stored, "
		"d.settled "
		"FROM doc d JOIN customer c ON c.id = d.customer_id "
		"WHERE d.kind IN ('invoice', 'credit') AND (?2 = 'all' OR d.kind = ?2) "
		"AND (?3 = 0 OR d.customer_id = ?3)) "
		"WHERE ?4 = 'all' OR shown = ?4 OR (?4 = 'issued' AND stored = 'issued') "
		"OR (?4 = 'open' AND shown IN ('issued', 'partly-paid', 'overdue') "
		"AND total > settled) "
		"ORDER BY date, id",
		&stmt, err);
	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, crm_date_format(st->clock.today, today), -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, filter->customer_id);
	sqlite3_bind_text(stmt, 4, status, -1, SQLITE_STATIC);
	return crm_store_list(st, stmt, crm_invoice_columns, crm_invoice_ncolumns, out, err);
}

static const struct crm_column credit_columns[] = {
	{"number", CRM_COL_TEXT}, {"date", CRM_COL_TEXT},
	{"status", CRM_COL_TEXT}, {"total", CRM_COL_MONEY},
};

/* What settles an invoice: receipts, credit notes, write-offs (ended: the
 * day a reversal ended it). */
static const struct crm_column settlement_columns[] = {
	{"date", CRM_COL_TEXT},    {"kind", CRM_COL_TEXT}, {"ref", CRM_COL_TEXT},
	{"amount", CRM_COL_MONEY}, {"ended", CRM_COL_TEXT},
};

int crm_invoice_show(struct crm_store *st, int64_t id, struct crm_rec *rec,
		     struct crm_err *err)
{
	char paid[CRM_MONEY_BUFSZ], open[CRM_MONEY_BUFSZ];
	struct crm_doc_state s;
	sqlite3_stmt *stmt;
	int rc;

	if ((rc = doc_of(st, id, " invoice credit ", &s, err)) != CRM_OK ||
	    (rc = crm_doc_show(st, id, rec, err)) != CRM_OK || strcmp(s.kind, "invoice") != 0)
		return rc;
	if ((rc = crm_store_prepare(st,
				    "SELECT number, date, status, total FROM doc WHERE kind = "
				    "'credit' AND source_id = ?1 ORDER BY date, id",
				    &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = crm_store_rec_table(st, stmt, rec, "credits", credit_columns, 4, err)) != CRM_OK)
		return rc;
	if ((rc = crm_store_prepare(st,
				    "SELECT a.date, CASE WHEN a.receipt_id IS NOT NULL THEN 'receipt' "
				    "WHEN a.credit_id IS NOT NULL THEN 'credit' ELSE 'write-off' END, "
				    "coalesce(r.number, c.number, a.reason), a.amount, a.ended "
				    "FROM allocation a LEFT JOIN receipt r ON r.id = a.receipt_id "
				    "LEFT JOIN doc c ON c.id = a.credit_id WHERE a.invoice_id = ?1 "
				    "ORDER BY a.date, a.id",
				    &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	crm_rec_field(rec, "paid", CRM_COL_MONEY, crm_money_format(s.settled, st->money_decimals, paid));
	crm_rec_field(rec, "open", CRM_COL_MONEY,
		      strcmp(s.status, "issued") ? NULL
						 : crm_money_format(s.total - s.settled,
								    st->money_decimals, open));
	return crm_store_rec_table(st, stmt, rec, "settlements", settlement_columns, 5, err);
}

/* ---- import ---- */

enum {
	COL_NUMBER, COL_CUSTOMER, COL_DATE, COL_DUE, COL_SKU, COL_DESCRIPTION, COL_QTY,
	COL_PRICE, COL_TAX_RATE, COL_DISCOUNT, COL_AMOUNT, NCOLS
};
static const char *const import_names[NCOLS] = {
	"number", "customer", "date", "due", "sku", "description", "qty",
	"price", "tax_rate", "discount", "amount",
};

/* The invoice being read and the statements reused for every row. */
struct importer {
	struct crm_store *st;
	sqlite3_stmt *customer, *product, *exists, *doc, *line;
	/* the current invoice */
	char number[65], date[CRM_DATE_BUFSZ], due[CRM_DATE_BUFSZ];
	char customer_key[65];
	int64_t customer_id;
	long line_no; /* where it starts */
	int open;
	struct src_lines lines;
	int64_t subtotal, discount, tax;
	/* the last customer looked up */
	char last_code[65], ship_to[1024];
	int64_t last_id;
	long last_terms;
	int last_archived;
};

static int same_column(const char *header, const char *column)
{
	for (; *header && *column; header++, column++)
		if (*header != *column && !(*header == '-' && *column == '_'))
			return 0;
	return *header == *column;
}

static const char *given(const char *s)
{
	return s && *s ? s : NULL;
}

/* Rewrites err's message as "line N, column NAME: message". */
static int at(struct crm_err *err, int rc, long line, const char *column)
{
	char msg[sizeof err->msg];

	snprintf(msg, sizeof msg, "%s", err->msg);
	return crm_fail(err, rc, "line %ld, column %s: %s", line, column, msg);
}

static int step_error(struct crm_store *st, sqlite3_stmt *stmt, int rc, struct crm_err *err)
{
	sqlite3_reset(stmt);
	return crm_store_error(st, rc, err);
}

/* Looks a customer up by code (the last one is remembered). */
static int import_customer(struct importer *im, const char *code, long line,
			   struct crm_err *err)
{
	sqlite3_stmt *q = im->customer;
	int rc;

	if (im->last_id && !strcmp(code, im->last_code))
		goto found;
	sqlite3_bind_text(q, 1, code, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(q);
		return crm_fail(err, CRM_EINVAL, "line %ld, column customer: no customer '%s'",
				line, code);
	}
	if (rc != SQLITE_ROW)
		return step_error(im->st, q, rc, err);
	im->last_id = sqlite3_column_int64(q, 0);
	im->last_archived = sqlite3_column_int(q, 1);
	im->last_terms = sqlite3_column_type(q, 2) == SQLITE_NULL
				 ? -1
				 : (long)sqlite3_column_int64(q, 2);
	/* the address as one line, as crm_doc_new writes it */
	im->ship_to[0] = '\0';
	for (int c = 3, o = 0; c <= 6; c++) {
		const char *t = (const char *)sqlite3_column_text(q, c);

		if (t && *t && o < (int)sizeof im->ship_to)
			o += snprintf(im->ship_to + o, sizeof im->ship_to - (size_t)o, "%s%s",
				      o ? ", " : "", t);
	}
	snprintf(im->last_code, sizeof im->last_code, "%s", code);
	sqlite3_reset(q);
found:
	if (im->last_archived)
		return crm_fail(err, CRM_EINVAL, "line %ld, column customer: customer %s is "
				"archived", line, code);
	return CRM_OK;
}

/* Writes the invoice read so far, if any. */
static int import_flush(struct importer *im, struct crm_invoice_import_stats *stats,
			struct crm_err *err)
{
	sqlite3_stmt *q;
	int64_t id;
	int rc;

	if (!im->open)
		return CRM_OK;
	im->open = 0;
	q = im->exists;
	sqlite3_bind_text(q, 1, im->number, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc == SQLITE_ROW)
		return crm_fail(err, CRM_EINVAL, "line %ld, column number: number %s exists "
				"already", im->line_no, im->number);
	if (rc != SQLITE_DONE)
		return crm_store_error(im->st, rc, err);
	q = im->doc;
	sqlite3_bind_text(q, 1, im->number, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, im->customer_id);
	sqlite3_bind_text(q, 3, im->date, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, im->due, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, im->ship_to, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 6, im->subtotal);
	sqlite3_bind_int64(q, 7, im->discount);
	sqlite3_bind_int64(q, 8, im->tax);
	sqlite3_bind_int64(q, 9, im->subtotal - im->discount + im->tax);
	sqlite3_bind_text(q, 10, im->st->clock.now, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(q)) != SQLITE_DONE)
		return step_error(im->st, q, rc, err);
	sqlite3_reset(q);
	id = sqlite3_last_insert_rowid(im->st->db);
	q = im->line;
	for (size_t i = 0; i < im->lines.n; i++) {
		struct src_line *s = &im->lines.v[i];

		sqlite3_bind_int64(q, 1, id);
		sqlite3_bind_int64(q, 2, (int64_t)i + 1);
		if (s->product_id)
			sqlite3_bind_int64(q, 3, s->product_id);
		else
			sqlite3_bind_null(q, 3);
		sqlite3_bind_text(q, 4, s->description, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 5, s->qty);
		sqlite3_bind_text(q, 6, s->unit, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 7, s->price);
		sqlite3_bind_int64(q, 8, s->discount_rate);
		sqlite3_bind_int64(q, 9, s->tax_rate);
		sqlite3_bind_int64(q, 10, s->a.gross);
		sqlite3_bind_int64(q, 11, s->a.discount);
		sqlite3_bind_int64(q, 12, s->a.net);
		sqlite3_bind_int64(q, 13, s->a.tax);
		if ((rc = sqlite3_step(q)) != SQLITE_DONE)
			return step_error(im->st, q, rc, err);
		sqlite3_reset(q);
	}
	stats->invoices++;
	stats->lines += (long)im->lines.n;
	return CRM_OK;
}

static int parse_money(struct crm_store *st, const char *s, int64_t *out, long line,
		       const char *column, struct crm_err *err)
{
	if (crm_money_parse(s, st->money_decimals, out, NULL) != CRM_OK || *out < 0 || *s == '-')
		return crm_fail(err, CRM_EINVAL,
				"line %ld, column %s: '%s' is not an amount of 0 or more with at "
				"most %d decimals", line, column, s, st->money_decimals);
	return CRM_OK;
}

static int import_row(struct importer *im, const struct crm_record *rec,
		      struct crm_invoice_import_stats *stats, struct crm_err *err)
{
	const char *v[NCOLS] = {0};
	struct src_line *s;
	long line = rec->line;
	int rc;

	for (size_t i = 0; i < rec->nfields; i++) {
		size_t c;

		for (c = 0; c < NCOLS && !same_column(rec->names[i], import_names[c]); c++)
			;
		if (c == NCOLS)
			return crm_fail(err, CRM_EINVAL, "line %ld, column %s: unknown column", line,
					rec->names[i]);
		v[c] = given(rec->values[i]);
	}
	if (!v[COL_NUMBER])
		return crm_fail(err, CRM_EINVAL, "line %ld, column number: an invoice needs a "
				"number", line);
	if (strlen(v[COL_NUMBER]) > 64 || crm_has_control(v[COL_NUMBER], 0))
		return crm_fail(err, CRM_EINVAL, "line %ld, column number: '%s' is not a valid "
				"number", line, v[COL_NUMBER]);
	if (!im->open || strcmp(im->number, v[COL_NUMBER]) != 0) {
		crm_day date, due;
		long terms;

		if ((rc = import_flush(im, stats, err)) != CRM_OK)
			return rc;
		for (size_t i = 0; i < im->lines.n; i++) {
			free(im->lines.v[i].description);
			free(im->lines.v[i].unit);
		}
		im->lines.n = 0;
		im->subtotal = im->discount = im->tax = 0;
		snprintf(im->number, sizeof im->number, "%s", v[COL_NUMBER]);
		im->line_no = line;
		if (!v[COL_CUSTOMER])
			return crm_fail(err, CRM_EINVAL, "line %ld, column customer: an invoice needs "
					"a customer", line);
		if ((rc = import_customer(im, v[COL_CUSTOMER], line, err)) != CRM_OK)
			return rc;
		im->customer_id = im->last_id;
		snprintf(im->customer_key, sizeof im->customer_key, "%s", v[COL_CUSTOMER]);
		if (!v[COL_DATE])
			return crm_fail(err, CRM_EINVAL, "line %ld, column date: an invoice needs a "
					"date", line);
		if (crm_date_parse(v[COL_DATE], im->st->clock.today, &date, NULL) != CRM_OK)
			return crm_fail(err, CRM_EINVAL, "line %ld, column date: '%s' is not a date",
					line, v[COL_DATE]);
		terms = im->last_terms >= 0 ? im->last_terms
					    : crm_config_long(im->st, "invoice.terms", 30);
		due = date + (crm_day)terms;
		if (v[COL_DUE] && crm_date_parse(v[COL_DUE], im->st->clock.today, &due, NULL))
			return crm_fail(err, CRM_EINVAL, "line %ld, column due: '%s' is not a date",
					line, v[COL_DUE]);
		if (due < date)
			return crm_fail(err, CRM_EINVAL, "line %ld, column due: %s is before the "
					"date %s", line, v[COL_DUE], v[COL_DATE]);
		crm_date_format(date, im->date);
		crm_date_format(due, im->due);
		im->open = 1;
	} else if (v[COL_CUSTOMER] && strcmp(v[COL_CUSTOMER], im->customer_key) != 0) {
		return crm_fail(err, CRM_EINVAL, "line %ld, column customer: '%s' is not the "
				"customer of invoice %s (%s)", line, v[COL_CUSTOMER], im->number,
				im->customer_key);
	}
	if (!(s = src_push(&im->lines)))
		return crm_fail(err, CRM_EFAIL, "out of memory");
	s->unit = strdup("pcs");
	if (v[COL_AMOUNT]) {
		if (v[COL_QTY] || v[COL_PRICE] || v[COL_SKU])
			return crm_fail(err, CRM_EINVAL, "line %ld, column amount: give an amount "
					"or a line (sku or description, qty, price), not both", line);
		if ((rc = parse_money(im->st, v[COL_AMOUNT], &s->price, line, "amount", err)))
			return rc;
		s->qty = 1000;
		s->description = strdup(v[COL_DESCRIPTION] ? v[COL_DESCRIPTION] : "Opening balance");
	} else {
		if (v[COL_SKU]) {
			sqlite3_stmt *q = im->product;

			sqlite3_bind_text(q, 1, v[COL_SKU], -1, SQLITE_STATIC);
			rc = sqlite3_step(q);
			if (rc == SQLITE_ROW) {
				s->product_id = sqlite3_column_int64(q, 0);
				free(s->unit);
				s->unit = strdup((const char *)sqlite3_column_text(q, 2));
				s->description = strdup(v[COL_DESCRIPTION]
								? v[COL_DESCRIPTION]
								: (const char *)sqlite3_column_text(q, 1));
			}
			sqlite3_reset(q);
			if (rc == SQLITE_DONE)
				return crm_fail(err, CRM_EINVAL, "line %ld, column sku: no product "
						"'%s'", line, v[COL_SKU]);
			if (rc != SQLITE_ROW)
				return crm_store_error(im->st, rc, err);
		} else if (v[COL_DESCRIPTION]) {
			s->description = strdup(v[COL_DESCRIPTION]);
		} else {
			return crm_fail(err, CRM_EINVAL, "line %ld, column sku: a line needs a sku "
					"or a description (or an amount)", line);
		}
		if (!v[COL_QTY])
			return crm_fail(err, CRM_EINVAL, "line %ld, column qty: a line needs a "
					"quantity", line);
		if ((rc = crm_qty_parse(v[COL_QTY], &s->qty, err)) != CRM_OK)
			return at(err, rc, line, "qty");
		if (!v[COL_PRICE])
			return crm_fail(err, CRM_EINVAL, "line %ld, column price: a line needs a "
					"price", line);
		if ((rc = parse_money(im->st, v[COL_PRICE], &s->price, line, "price", err)))
			return rc;
		if (v[COL_TAX_RATE] &&
		    (rc = crm_rate_parse(v[COL_TAX_RATE], "tax rate", &s->tax_rate, err)))
			return at(err, rc, line, "tax_rate");
		if (v[COL_DISCOUNT] &&
		    (rc = crm_rate_parse(v[COL_DISCOUNT], "discount", &s->discount_rate, err)))
			return at(err, rc, line, "discount");
	}
	if (!s->description || !s->unit)
		return crm_fail(err, CRM_EFAIL, "out of memory");
	if (!*s->description || crm_has_control(s->description, 0) ||
	    strlen(s->description) > 500)
		return crm_fail(err, CRM_EINVAL, "line %ld, column description: '%s' is empty, too "
				"long or has control characters", line, s->description);
	if ((rc = crm_line_compute(s->qty, s->price, s->discount_rate, s->tax_rate, &s->a, err)))
		return at(err, rc, line, v[COL_AMOUNT] ? "amount" : "price");
	if (__builtin_add_overflow(im->subtotal, s->a.gross, &im->subtotal) ||
	    __builtin_add_overflow(im->discount, s->a.discount, &im->discount) ||
	    __builtin_add_overflow(im->tax, s->a.tax, &im->tax) ||
	    im->subtotal - im->discount > INT64_MAX - im->tax)
		return crm_fail(err, CRM_EINVAL, "line %ld: invoice %s total too large", line,
				im->number);
	return CRM_OK;
}

static int import_prepare(struct importer *im, struct crm_err *err)
{
	struct crm_store *st = im->st;
	int rc;

	if ((rc = crm_store_prepare(
		     st,
		     "SELECT id, archived, terms, street, trim(ifnull(postcode, '') || ' ' || "
		     "ifnull(city, '')), region, country FROM customer WHERE code = ?1",
		     &im->customer, err)) ||
	    (rc = crm_store_prepare(st, "SELECT id, name, unit FROM product WHERE sku = ?1",
				    &im->product, err)) ||
	    (rc = crm_store_prepare(st, "SELECT 1 FROM doc WHERE number = ?1", &im->exists,
				    err)) ||
	    (rc = crm_store_prepare(
		     st,
		     "INSERT INTO doc (kind, number, customer_id, status, date, due, ship_to, "
		     "subtotal, discount, tax, total, created, updated) VALUES ('invoice', ?1, ?2, "
		     "'issued', ?3, ?4, nullif(?5, ''), ?6, ?7, ?8, ?9, ?10, ?10)",
		     &im->doc, err)) ||
	    (rc = crm_store_prepare(
		     st,
		     "INSERT INTO doc_line (doc_id, pos, product_id, description, qty, unit, price, "
		     "discount_rate, tax_rate, gross, discount, net, tax) VALUES (?1, ?2, ?3, ?4, "
		     "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
		     &im->line, err)))
		return rc;
	return CRM_OK;
}

int crm_invoice_import(struct crm_store *st, struct crm_reader *r, int flags,
		       struct crm_invoice_import_stats *stats, struct crm_err *err)
{
	struct importer im;
	struct crm_record rec;
	int rc, more;

	memset(stats, 0, sizeof *stats);
	memset(&im, 0, sizeof im);
	im.st = st;
	if ((rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	if ((rc = import_prepare(&im, err)) == CRM_OK) {
		while ((more = crm_reader_next(r, &rec, err)) == 1) {
			stats->rows++;
			if ((rc = import_row(&im, &rec, stats, err)) != CRM_OK)
				break;
		}
		if (more < 0)
			rc = CRM_EINVAL;
		if (rc == CRM_OK)
			rc = import_flush(&im, stats, err);
	}
	sqlite3_finalize(im.customer);
	sqlite3_finalize(im.product);
	sqlite3_finalize(im.exists);
	sqlite3_finalize(im.doc);
	sqlite3_finalize(im.line);
	src_free(&im.lines);
	if (rc == CRM_OK && !(flags & CRM_IMPORT_DRY_RUN))
		return crm_store_commit(st, err);
	crm_store_rollback(st);
	return rc;
}
