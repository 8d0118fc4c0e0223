/* ar.c — receipts, refunds, settling invoices with them, reversals and
 * write-offs.  The stored settled/applied/cleared columns are kept by the
 * schema's triggers on allocation; this file only writes allocations. */
#include <ctype.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include "ar.h"
#include "config.h"
#include "customer.h"
#include "doc.h"
#include "invoice.h"
#include "validate.h"

void crm_ar_result_free(struct crm_ar_result *res)
{
	if (!res)
		return;
	free(res->v);
	res->v = NULL;
	res->n = 0;
}

static int result_push(struct crm_ar_result *res, const char *number, int64_t amount,
		       int64_t open, struct crm_err *err)
{
	struct crm_settlement *v;

	if (!res)
		return CRM_OK;
	/* one entry per invoice, however many sources paid it */
	for (size_t i = 0; i < res->n; i++)
		if (!strcmp(res->v[i].number, number)) {
			res->v[i].amount += amount;
			res->v[i].open = open;
			return CRM_OK;
		}
	if (!(v = realloc(res->v, (res->n + 1) * sizeof *v)))
		return crm_fail(err, CRM_EFAIL, "out of memory");
	res->v = v;
	snprintf(v[res->n].number, sizeof v[res->n].number, "%s", number);
	v[res->n].amount = amount;
	v[res->n].open = open;
	res->n++;
	return CRM_OK;
}

/* A date expression that is today or before: YYYY-MM-DD into out. */
static int past_date(struct crm_store *st, const char *what, const char *expr,
		     char out[CRM_DATE_BUFSZ], struct crm_err *err)
{
	crm_day d = st->clock.today;

	if (expr && crm_date_parse(expr, st->clock.today, &d, NULL) != CRM_OK)
		return crm_fail(err, CRM_EINVAL, "%s '%s' is not a date", what, expr);
	if (d > st->clock.today)
		return crm_fail(err, CRM_EINVAL, "%s %s is in the future", what,
				crm_date_format(d, out));
	crm_date_format(d, out);
	return CRM_OK;
}

static const char *later(const char *a, const char *b)
{
	return strcmp(a, b) >= 0 ? a : b;
}

int crm_ar_receipt_find(struct crm_store *st, const char *key, int64_t *id,
			struct crm_err *err)
{
	return crm_store_find(st, "SELECT id FROM receipt WHERE id = ?1",
			      "SELECT id FROM receipt WHERE number = ?1", key, "receipt", id, err);
}

/* ---- sources of credit and what they settle ---- */

/* Something that pays (a receipt or credit note with credit left) or is
 * paid (an open invoice, a refund). */
struct item {
	int64_t id;
	int is_credit_note; /* a source that is a credit note, not a receipt */
	int64_t left;       /* what it can still pay, or what is open on it */
	char number[65];
	char date[CRM_DATE_BUFSZ];
};

struct items {
	struct item *v;
	size_t n;
};

static int items_read(struct crm_store *st, sqlite3_stmt *stmt, struct items *out,
		      struct crm_err *err)
{
	int rc;

	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct item *v = realloc(out->v, (out->n + 1) * sizeof *v), *it;

		if (!v) {
			sqlite3_finalize(stmt);
			return crm_fail(err, CRM_EFAIL, "out of memory");
		}
		out->v = v;
		it = &v[out->n++];
		it->id = sqlite3_column_int64(stmt, 0);
		it->is_credit_note = sqlite3_column_int(stmt, 1);
		it->left = sqlite3_column_int64(stmt, 2);
		snprintf(it->number, sizeof it->number, "%s", sqlite3_column_text(stmt, 3));
		snprintf(it->date, sizeof it->date, "%s", sqlite3_column_text(stmt, 4));
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}

/* The customer's unapplied credit now, oldest first. */
static int load_credits(struct crm_store *st, int64_t customer_id, struct items *out,
			struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(
		st,
		"SELECT id, 0, amount - applied, number, date FROM receipt WHERE customer_id = ?1 "
		"AND kind = 'receipt' AND reversed IS NULL AND applied < amount "
		"UNION ALL SELECT id, 1, total - settled, number, date FROM doc "
		"WHERE customer_id = ?1 AND kind = 'credit' AND status = 'issued' "
		"AND settled < total ORDER BY 5, 4",
		&stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, customer_id);
	return items_read(st, stmt, out, err);
}

/* The customer's open invoices, oldest due date first. */
static int load_open_invoices(struct crm_store *st, int64_t customer_id, struct items *out,
			      struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT id, 0, total - settled, number, date FROM doc "
				   "WHERE customer_id = ?1 AND kind = 'invoice' AND status = 'issued' "
				   "AND settled < total ORDER BY due, date, number",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, customer_id);
	return items_read(st, stmt, out, err);
}

static int64_t items_total(const struct items *l)
{
	int64_t t = 0;

	for (size_t i = 0; i < l->n; i++)
		t += l->v[i].left;
	return t;
}

/* What one allocation records: a target (invoice_id or refund_id), a source
 * (receipt_id or credit_id; neither for a write-off). */
struct allocation {
	int64_t customer_id, invoice_id, refund_id, receipt_id, credit_id, amount;
	const char *date, *reason;
};

static int allocate(struct crm_store *st, const struct allocation *a, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(
		st,
		"INSERT INTO allocation (customer_id, invoice_id, refund_id, receipt_id, credit_id, "
		"date, amount, reason, created) VALUES (?1, nullif(?2, 0), nullif(?3, 0), "
		"nullif(?4, 0), nullif(?5, 0), ?6, ?7, ?8, ?9)",
		&stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, a->customer_id);
	sqlite3_bind_int64(stmt, 2, a->invoice_id);
	sqlite3_bind_int64(stmt, 3, a->refund_id);
	sqlite3_bind_int64(stmt, 4, a->receipt_id);
	sqlite3_bind_int64(stmt, 5, a->credit_id);
	sqlite3_bind_text(stmt, 6, a->date, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 7, a->amount);
	crm_bind_text(stmt, 8, a->reason);
	crm_bind_text(stmt, 9, st->clock.now);
	return crm_store_run(st, stmt, err);
}

/* Pays amount of target (an invoice, or a refund when refund is set) from
 * the sources, oldest first; each allocation is dated on the latest of
 * floor, the source's date and the target's. */
static int take(struct crm_store *st, int64_t customer_id, struct items *sources,
		struct item *target, int refund, int64_t amount, const char *floor,
		struct crm_err *err)
{
	for (size_t i = 0; i < sources->n && amount > 0; i++) {
		struct item *s = &sources->v[i];
		struct allocation a = {0};
		int rc;

		if (s->left <= 0)
			continue;
		a.customer_id = customer_id;
		a.amount = s->left < amount ? s->left : amount;
		*(refund ? &a.refund_id : &a.invoice_id) = target->id;
		*(s->is_credit_note ? &a.credit_id : &a.receipt_id) = s->id;
		a.date = later(floor, later(s->date, target->date));
		if ((rc = allocate(st, &a, err)) != CRM_OK)
			return rc;
		s->left -= a.amount;
		target->left -= a.amount;
		amount -= a.amount;
	}
	return CRM_OK;
}

/* An issued invoice of customer_id, as a target with what is open on it. */
static int open_invoice(struct crm_store *st, int64_t customer_id, const char *key,
			struct item *out, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int64_t owner;
	char status[16];
	int rc;

	if ((rc = crm_invoice_find(st, "invoice", key, &out->id, err)) != CRM_OK)
		return rc;
	if ((rc = crm_store_prepare(st,
				    "SELECT total - settled, ifnull(number, ''), date, status, "
				    "customer_id FROM doc WHERE id = ?1",
				    &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, out->id);
	if ((rc = sqlite3_step(stmt)) != SQLITE_ROW) {
		rc = crm_store_error(st, rc, err);
		sqlite3_finalize(stmt);
		return rc;
	}
	out->is_credit_note = 0;
	out->left = sqlite3_column_int64(stmt, 0);
	snprintf(out->number, sizeof out->number, "%s", sqlite3_column_text(stmt, 1));
	snprintf(out->date, sizeof out->date, "%s", sqlite3_column_text(stmt, 2));
	snprintf(status, sizeof status, "%s", sqlite3_column_text(stmt, 3));
	owner = sqlite3_column_int64(stmt, 4);
	sqlite3_finalize(stmt);
	if (strcmp(status, "issued") != 0)
		return crm_fail(err, CRM_EINVAL, "invoice %s is %s, not issued",
				*out->number ? out->number : key, status);
	if (owner != customer_id) {
		char code[65];

		crm_customer_code(st, customer_id, code);
		return crm_fail(err, CRM_EINVAL, "invoice %s is not %s's", out->number, code);
	}
	return CRM_OK;
}

static int over_applied(struct crm_store *st, const char *number, int64_t want, int64_t open,
			struct crm_err *err)
{
	char a[CRM_MONEY_BUFSZ], b[CRM_MONEY_BUFSZ];

	return crm_fail(err, CRM_EINVAL, "cannot apply %s to invoice %s: %s is open",
			crm_money_format(want, st->money_decimals, a), number,
			crm_money_format(open, st->money_decimals, b));
}

/* Settles the invoices named in apply ("INVOICE=AMOUNT") from sources. */
static int settle_named(struct crm_store *st, int64_t customer_id, struct items *sources,
			const char *const *apply, size_t napply, const char *floor,
			struct crm_ar_result *res, struct crm_err *err)
{
	int64_t *seen = calloc(napply ? napply : 1, sizeof *seen);
	int rc = seen ? CRM_OK : crm_fail(err, CRM_EFAIL, "out of memory");

	for (size_t k = 0; rc == CRM_OK && k < napply; k++) {
		const char *eq = strrchr(apply[k], '=');
		struct item inv;
		int64_t want, have;
		char key[65];

		if (!eq || eq == apply[k] || (size_t)(eq - apply[k]) >= sizeof key) {
			rc = crm_fail(err, CRM_EINVAL, "'%s' is not INVOICE=AMOUNT", apply[k]);
			break;
		}
		snprintf(key, sizeof key, "%.*s", (int)(eq - apply[k]), apply[k]);
		if (crm_money_parse(eq + 1, st->money_decimals, &want, NULL) != CRM_OK ||
		    want <= 0) {
			rc = crm_fail(err, CRM_EINVAL, "'%s' is not an amount greater than 0 (in '%s')",
				      eq + 1, apply[k]);
			break;
		}
		if ((rc = open_invoice(st, customer_id, key, &inv, err)) != CRM_OK)
			break;
		for (size_t j = 0; j < k; j++)
			if (seen[j] == inv.id)
				rc = crm_fail(err, CRM_EINVAL, "invoice %s is given twice", inv.number);
		seen[k] = inv.id;
		if (rc != CRM_OK)
			break;
		if (want > inv.left) {
			rc = over_applied(st, inv.number, want, inv.left, err);
			break;
		}
		if (want > (have = items_total(sources))) {
			char a[CRM_MONEY_BUFSZ], b[CRM_MONEY_BUFSZ];

			rc = crm_fail(err, CRM_EINVAL,
				      "cannot apply %s to invoice %s: only %s is left to apply",
				      crm_money_format(want, st->money_decimals, a), inv.number,
				      crm_money_format(have, st->money_decimals, b));
			break;
		}
		if ((rc = take(st, customer_id, sources, &inv, 0, want, floor, err)) == CRM_OK)
			rc = result_push(res, inv.number, want, inv.left, err);
	}
	free(seen);
	return rc;
}

/* Settles the customer's open invoices, oldest due first, from sources
 * until they are used up. */
static int settle_oldest(struct crm_store *st, int64_t customer_id, struct items *sources,
			 const char *floor, struct crm_ar_result *res, struct crm_err *err)
{
	struct items inv = {0};
	int64_t have = items_total(sources);
	int rc = load_open_invoices(st, customer_id, &inv, err);

	for (size_t i = 0; rc == CRM_OK && i < inv.n && have > 0; i++) {
		int64_t amount = inv.v[i].left < have ? inv.v[i].left : have;

		if ((rc = take(st, customer_id, sources, &inv.v[i], 0, amount, floor, err)) ==
		    CRM_OK)
			rc = result_push(res, inv.v[i].number, amount, inv.v[i].left, err);
		have -= amount;
	}
	free(inv.v);
	return rc;
}

static int settle(struct crm_store *st, int64_t customer_id, struct items *sources,
		  const char *const *apply, size_t napply, const char *floor,
		  struct crm_ar_result *res, struct crm_err *err)
{
	int rc = napply ? settle_named(st, customer_id, sources, apply, napply, floor, res, err)
			: settle_oldest(st, customer_id, sources, floor, res, err);

	if (rc == CRM_OK && res)
		res->unapplied = items_total(sources);
	return rc;
}

/* ---- receipts and refunds ---- */

static int check_method(const char *method, struct crm_err *err)
{
	static const char *const methods[] = {"cash", "transfer", "card", "cheque", "other"};

	for (size_t i = 0; i < sizeof methods / sizeof *methods; i++)
		if (!strcmp(method, methods[i]))
			return CRM_OK;
	return crm_fail(err, CRM_EINVAL,
			"unknown method '%s' (cash, transfer, card, cheque, other)", method);
}

static int check_text(const char *what, const char *s, struct crm_err *err)
{
	if (s && (crm_has_control(s, 0) || strlen(s) > 500))
		return crm_fail(err, CRM_EINVAL, "%s is too long or has control characters", what);
	return CRM_OK;
}

/* Checks a receipt or refund's input; amount and date receive its amount
 * and day. */
static int check_receipt(struct crm_store *st, const struct crm_receipt_input *in,
			 int64_t *amount, char date[CRM_DATE_BUFSZ], struct crm_err *err)
{
	int rc;

	if (!in->amount || crm_money_parse(in->amount, st->money_decimals, amount, NULL) ||
	    *amount <= 0)
		return crm_fail(err, CRM_EINVAL, "amount '%s' is not an amount greater than 0",
				in->amount ? in->amount : "");
	if ((rc = past_date(st, "date", in->date, date, err)) != CRM_OK ||
	    (rc = check_method(in->method ? in->method : "transfer", err)) != CRM_OK ||
	    (rc = check_text("ref", in->ref, err)) != CRM_OK ||
	    (rc = check_text("clerk", in->clerk, err)) != CRM_OK)
		return rc;
	return check_text("note", in->note, err);
}

/* Inserts the receipt or refund row with its number. */
static int insert_receipt(struct crm_store *st, const char *kind,
			  const struct crm_receipt_input *in, int64_t amount, const char *date,
			  int64_t *id, char number[65], struct crm_err *err)
{
	crm_day day;
	sqlite3_stmt *stmt;
	int rc;

	crm_date_parse_iso(date, &day, NULL);
	if ((rc = crm_doc_number_next(st, kind, day, number, err)) != CRM_OK)
		return rc;
	if ((rc = crm_store_prepare(st,
				    "INSERT INTO receipt (number, kind, customer_id, date, amount, "
				    "method, ref, clerk, note, created) VALUES (?1, ?2, ?3, ?4, ?5, "
				    "?6, ?7, ?8, ?9, ?10)",
				    &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, number, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, in->customer_id);
	sqlite3_bind_text(stmt, 4, date, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 5, amount);
	sqlite3_bind_text(stmt, 6, in->method ? in->method : "transfer", -1, SQLITE_STATIC);
	crm_bind_text(stmt, 7, in->ref);
	crm_bind_text(stmt, 8, in->clerk ? in->clerk : st->user);
	crm_bind_text(stmt, 9, in->note);
	crm_bind_text(stmt, 10, st->clock.now);
	if ((rc = crm_store_run(st, stmt, err)) == CRM_OK)
		*id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

/* A receipt inside the caller's transaction. */
static int receipt(struct crm_store *st, const struct crm_receipt_input *in, int64_t *id,
		   char number[65], struct crm_ar_result *res, struct crm_err *err)
{
	char date[CRM_DATE_BUFSZ];
	struct item self = {0};
	struct items sources = {&self, 1};
	int64_t amount;
	int rc;

	if ((rc = check_receipt(st, in, &amount, date, err)) != CRM_OK ||
	    (rc = insert_receipt(st, "receipt", in, amount, date, id, number, err)) != CRM_OK)
		return rc;
	self.id = *id;
	self.left = amount;
	snprintf(self.number, sizeof self.number, "%s", number);
	snprintf(self.date, sizeof self.date, "%s", date);
	if (in->unapplied) {
		if (in->napply)
			return crm_fail(err, CRM_EUSAGE, "--unapplied and --apply do not go together");
		if (res)
			res->unapplied = amount;
		return CRM_OK;
	}
	return settle(st, in->customer_id, &sources, in->apply, in->napply, date, res, err);
}

int crm_ar_receipt(struct crm_store *st, const struct crm_receipt_input *in, int64_t *id,
		   char number_out[65], struct crm_ar_result *res, struct crm_err *err)
{
	int rc;

	number_out[0] = '\0';
	if ((rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	rc = receipt(st, in, id, number_out, res, err);
	if (rc != CRM_OK) {
		number_out[0] = '\0';
		crm_ar_result_free(res);
	}
	return crm_store_end(st, rc, err);
}

static int no_credit(struct crm_store *st, int64_t customer_id, struct crm_err *err)
{
	char code[65];

	crm_customer_code(st, customer_id, code);
	return crm_fail(err, CRM_EINVAL, "%s has no unapplied credit", code);
}

int crm_ar_apply(struct crm_store *st, int64_t customer_id, const char *const *apply,
		 size_t napply, const char *date, struct crm_ar_result *res,
		 struct crm_err *err)
{
	struct items sources = {0};
	char day[CRM_DATE_BUFSZ];
	int rc;

	if ((rc = past_date(st, "date", date, day, err)) != CRM_OK ||
	    (rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	if ((rc = load_credits(st, customer_id, &sources, err)) == CRM_OK && sources.n == 0)
		rc = no_credit(st, customer_id, err);
	if (rc == CRM_OK) {
		int64_t before = items_total(&sources);

		rc = settle(st, customer_id, &sources, apply, napply, day, res, err);
		if (rc == CRM_OK && items_total(&sources) == before) {
			char code[65];

			crm_customer_code(st, customer_id, code);
			rc = crm_fail(err, CRM_EINVAL, "%s has no open invoice to apply credit to",
				      code);
		}
	}
	free(sources.v);
	if (rc != CRM_OK)
		crm_ar_result_free(res);
	return crm_store_end(st, rc, err);
}

static int refund(struct crm_store *st, const struct crm_receipt_input *in, int64_t *id,
		  char number[65], struct crm_err *err)
{
	char date[CRM_DATE_BUFSZ];
	struct items sources = {0};
	struct item target = {0};
	int64_t have, amount;
	int rc;

	if ((rc = check_receipt(st, in, &amount, date, err)) != CRM_OK ||
	    (rc = load_credits(st, in->customer_id, &sources, err)) != CRM_OK)
		return rc;
	if ((have = items_total(&sources)) < amount) {
		char a[CRM_MONEY_BUFSZ], b[CRM_MONEY_BUFSZ], code[65];

		crm_customer_code(st, in->customer_id, code);
		rc = have == 0 ? no_credit(st, in->customer_id, err)
			       : crm_fail(err, CRM_EINVAL,
					  "cannot refund %s: %s has %s of unapplied credit",
					  crm_money_format(amount, st->money_decimals, a), code,
					  crm_money_format(have, st->money_decimals, b));
	}
	if (rc == CRM_OK &&
	    (rc = insert_receipt(st, "refund", in, amount, date, id, number, err)) == CRM_OK) {
		target.id = *id;
		target.left = amount;
		snprintf(target.date, sizeof target.date, "%s", date);
		rc = take(st, in->customer_id, &sources, &target, 1, amount, date, err);
	}
	free(sources.v);
	return rc;
}

int crm_ar_refund(struct crm_store *st, const struct crm_receipt_input *in, int64_t *id,
		  char number_out[65], struct crm_err *err)
{
	int rc;

	number_out[0] = '\0';
	if ((rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	if ((rc = refund(st, in, id, number_out, err)) != CRM_OK)
		number_out[0] = '\0';
	return crm_store_end(st, rc, err);
}

/* ---- reversal and write-off ---- */

/* Refuses to reverse a receipt whose credit paid a refund that stands. */
static int check_no_refund(struct crm_store *st, int64_t id, const char *number,
			   struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT f.number FROM allocation a JOIN receipt f ON f.id = "
				   "a.refund_id WHERE a.receipt_id = ?1 AND a.ended IS NULL "
				   "ORDER BY f.id LIMIT 1",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		crm_fail(err, CRM_EINVAL, "receipt %s paid refund %s; reverse the refund first",
			 number, (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? CRM_EINVAL
	       : rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}

static int reverse(struct crm_store *st, int64_t id, const char *day, const char *reason,
		   struct crm_err *err)
{
	char number[65], date[CRM_DATE_BUFSZ], kind[16];
	sqlite3_stmt *stmt;
	int reversed, rc;

	if ((rc = crm_store_prepare(st,
				    "SELECT number, date, kind, reversed IS NOT NULL FROM receipt "
				    "WHERE id = ?1",
				    &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = sqlite3_step(stmt)) != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? crm_fail(err, CRM_ENOTFOUND, "no receipt %lld",
						  (long long)id)
				       : crm_store_error(st, rc, err);
		sqlite3_finalize(stmt);
		return rc;
	}
	snprintf(number, sizeof number, "%s", sqlite3_column_text(stmt, 0));
	snprintf(date, sizeof date, "%s", sqlite3_column_text(stmt, 1));
	snprintf(kind, sizeof kind, "%s", sqlite3_column_text(stmt, 2));
	reversed = sqlite3_column_int(stmt, 3);
	sqlite3_finalize(stmt);
	if (reversed)
		return crm_fail(err, CRM_EINVAL, "%s %s is reversed already", kind, number);
	if (strcmp(day, date) < 0)
		return crm_fail(err, CRM_EINVAL, "cannot reverse %s %s on %s, before its date %s",
				kind, number, day, date);
	if (!strcmp(kind, "receipt") && (rc = check_no_refund(st, id, number, err)) != CRM_OK)
		return rc;
	/* an allocation dated after the reversal never counted: it ends the day it began */
	if ((rc = crm_store_prepare(st,
				    "UPDATE allocation SET ended = max(?2, date) WHERE ended IS NULL "
				    "AND (receipt_id = ?1 OR refund_id = ?1)",
				    &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, day, -1, SQLITE_STATIC);
	if ((rc = crm_store_run(st, stmt, err)) != CRM_OK ||
	    (rc = crm_store_prepare(st, "UPDATE receipt SET reversed = ?2, reason = ?3 WHERE id = ?1",
				    &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, reason, -1, SQLITE_STATIC);
	return crm_store_run(st, stmt, err);
}

int crm_ar_reverse(struct crm_store *st, int64_t id, const char *date, const char *reason,
		   struct crm_err *err)
{
	char day[CRM_DATE_BUFSZ];
	int rc;

	if (!reason || !*reason)
		return crm_fail(err, CRM_EUSAGE, "a reason is required (--reason)");
	if ((rc = check_text("reason", reason, err)) != CRM_OK ||
	    (rc = past_date(st, "date", date, day, err)) != CRM_OK ||
	    (rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	return crm_store_end(st, reverse(st, id, day, reason, err), err);
}

static int writeoff(struct crm_store *st, int64_t id, const char *day, const char *reason,
		    int force, int64_t *amount, struct crm_err *err)
{
	struct item inv;
	struct allocation a = {0};
	char key[32], a1[CRM_MONEY_BUFSZ], a2[CRM_MONEY_BUFSZ];
	int64_t customer_id, limit = 0;
	int rc;

	snprintf(key, sizeof key, "%lld", (long long)id);
	if ((rc = crm_store_int(st, "SELECT customer_id FROM doc WHERE id = ?1", id,
					&customer_id, err)) != CRM_OK ||
	    (rc = open_invoice(st, customer_id, key, &inv, err)) != CRM_OK)
		return rc;
	if (inv.left <= 0)
		return crm_fail(err, CRM_EINVAL, "invoice %s has nothing open", inv.number);
	if (strcmp(day, inv.date) < 0)
		return crm_fail(err, CRM_EINVAL, "cannot write off invoice %s on %s, before its "
				"date %s", inv.number, day, inv.date);
	crm_config_money(st, "ar.writeoff_limit", &limit);
	if (inv.left > limit && !force)
		return crm_fail(err, CRM_EINVAL,
				"invoice %s has %s open, more than ar.writeoff_limit %s "
				"(--force to write it off)",
				inv.number, crm_money_format(inv.left, st->money_decimals, a1),
				crm_money_format(limit, st->money_decimals, a2));
	a.customer_id = customer_id;
	a.invoice_id = inv.id;
	a.amount = inv.left;
	a.date = day;
	a.reason = reason ? reason : "write-off";
	*amount = inv.left;
	return allocate(st, &a, err);
}

int crm_ar_writeoff(struct crm_store *st, int64_t id, const char *date, const char *reason,
		    int force, int64_t *amount, struct crm_err *err)
{
	char day[CRM_DATE_BUFSZ];
	int rc;

	*amount = 0;
	if ((rc = check_text("reason", reason, err)) != CRM_OK ||
	    (rc = past_date(st, "date", date, day, err)) != CRM_OK ||
	    (rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	return crm_store_end(st, writeoff(st, id, day, reason, force, amount, err), err);
}

/* ---- credit notes and voids ---- */

int crm_ar_settle_credit_note(struct crm_store *st, int64_t credit_id, struct crm_err *err)
{
	struct allocation a = {0};
	sqlite3_stmt *stmt;
	char date[CRM_DATE_BUFSZ];
	int rc = crm_store_prepare(
		st,
		"SELECT c.customer_id, i.id, min(c.total - c.settled, i.total - i.settled), "
		"max(c.date, i.date) FROM doc c JOIN doc i ON i.id = c.source_id "
		"WHERE c.id = ?1 AND c.kind = 'credit' AND c.status = 'issued' "
		"AND i.kind = 'invoice' AND i.status = 'issued'",
		&stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, credit_id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		a.customer_id = sqlite3_column_int64(stmt, 0);
		a.invoice_id = sqlite3_column_int64(stmt, 1);
		a.amount = sqlite3_column_int64(stmt, 2);
		snprintf(date, sizeof date, "%s", sqlite3_column_text(stmt, 3));
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return crm_store_error(st, rc, err);
	if (a.amount <= 0)
		return CRM_OK;
	a.credit_id = credit_id;
	a.date = date;
	return allocate(st, &a, err);
}

int crm_ar_release_void(struct crm_store *st, int64_t id, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(
		st,
		"SELECT d.number, d.kind, coalesce(r.number, c.number, 'a write-off'), "
		"f.number FROM allocation a JOIN doc d ON d.id = ?1 "
		"LEFT JOIN receipt r ON r.id = a.receipt_id LEFT JOIN doc c ON c.id = a.credit_id "
		"LEFT JOIN receipt f ON f.id = a.refund_id "
		"WHERE a.ended IS NULL AND ((d.kind = 'invoice' AND a.invoice_id = ?1) "
		"OR (d.kind = 'credit' AND a.credit_id = ?1 AND a.refund_id IS NOT NULL)) "
		"ORDER BY a.id LIMIT 1",
		&stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *number = (const char *)sqlite3_column_text(stmt, 0);

		if (!strcmp((const char *)sqlite3_column_text(stmt, 1), "invoice"))
			crm_fail(err, CRM_EINVAL, "invoice %s is settled in part by %s; reverse "
				 "the receipts or credit it instead", number,
				 (const char *)sqlite3_column_text(stmt, 2));
		else
			crm_fail(err, CRM_EINVAL, "credit note %s paid refund %s; reverse the "
				 "refund first", number, (const char *)sqlite3_column_text(stmt, 3));
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_ROW)
		return CRM_EINVAL;
	if (rc != SQLITE_DONE)
		return crm_store_error(st, rc, err);
	if ((rc = crm_store_prepare(st, "DELETE FROM allocation WHERE credit_id = ?1", &stmt,
				    err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	return crm_store_run(st, stmt, err);
}

/* ---- lists ---- */

const struct crm_column crm_receipt_columns[] = {
	{"number", CRM_COL_TEXT},    {"kind", CRM_COL_TEXT},     {"date", CRM_COL_TEXT},
	{"customer", CRM_COL_TEXT},  {"name", CRM_COL_TEXT},     {"amount", CRM_COL_MONEY},
	{"applied", CRM_COL_MONEY},  {"unapplied", CRM_COL_MONEY}, {"method", CRM_COL_TEXT},
	{"ref", CRM_COL_TEXT},       {"clerk", CRM_COL_TEXT},    {"status", CRM_COL_TEXT},
};
const size_t crm_receipt_ncolumns = sizeof crm_receipt_columns / sizeof *crm_receipt_columns;

/* One set of stat columns per "by", so the first is named after it. */
#define STAT_COLUMNS(key)                                                                     \
	{{key, CRM_COL_TEXT},      {"count", CRM_COL_INT},   {"amount", CRM_COL_MONEY},       \
	 {"average", CRM_COL_MONEY}, {"largest", CRM_COL_MONEY}}
static const struct crm_column stat_columns[4][5] = {
	STAT_COLUMNS("method"), STAT_COLUMNS("clerk"), STAT_COLUMNS("year"), STAT_COLUMNS("month"),
};
static const char *const stat_by[4] = {"method", "clerk", "year", "month"};
/* The SQL of each key. */
static const char *const stat_key[4] = {"r.method", "ifnull(r.clerk, '')", "substr(r.date, 1, 4)",
					"substr(r.date, 1, 7)"};
const struct crm_column crm_receipt_stat_columns[] = STAT_COLUMNS("key");
const size_t crm_receipt_stat_ncolumns =
	sizeof crm_receipt_stat_columns / sizeof *crm_receipt_stat_columns;

static int stat_index(const char *by, struct crm_err *err)
{
	for (int i = 0; i < 4; i++)
		if (!strcmp(by, stat_by[i]))
			return i;
	crm_fail(err, CRM_EINVAL, "cannot total by '%s' (method, clerk, year, month)", by);
	return -1;
}

int crm_ar_receipts_columns(const struct crm_receipt_filter *f, const struct crm_column **cols,
			    size_t *ncols, struct crm_err *err)
{
	int i;

	if (!f->by) {
		*cols = crm_receipt_columns;
		*ncols = crm_receipt_ncolumns;
		return CRM_OK;
	}
	if ((i = stat_index(f->by, err)) < 0)
		return CRM_EINVAL;
	*cols = stat_columns[i];
	*ncols = crm_receipt_stat_ncolumns;
	return CRM_OK;
}

/* A date bound of a filter (NULL stays NULL) into buf. */
static int bound(struct crm_store *st, const char *what, const char *expr,
		 char buf[CRM_DATE_BUFSZ], const char **out, struct crm_err *err)
{
	crm_day d;

	*out = NULL;
	if (!expr)
		return CRM_OK;
	if (crm_date_parse(expr, st->clock.today, &d, NULL) != CRM_OK)
		return crm_fail(err, CRM_EINVAL, "%s '%s' is not a date", what, expr);
	*out = crm_date_format(d, buf);
	return CRM_OK;
}

int crm_ar_receipts(struct crm_store *st, const struct crm_receipt_filter *f,
		    struct crm_out *out, struct crm_err *err)
{
	char from_s[CRM_DATE_BUFSZ], to_s[CRM_DATE_BUFSZ], sql[1600];
	const char *kind = f->kind ? f->kind : f->by ? "receipt" : "all", *from, *to;
	const struct crm_column *cols;
	sqlite3_stmt *stmt;
	size_t ncols;
	int rc, by = -1;

	if ((rc = crm_ar_receipts_columns(f, &cols, &ncols, err)) != CRM_OK ||
	    (rc = bound(st, "--from", f->from, from_s, &from, err)) != CRM_OK ||
	    (rc = bound(st, "--to", f->to, to_s, &to, err)) != CRM_OK ||
	    (f->method && (rc = check_method(f->method, err)) != CRM_OK))
		return rc;
	if (strcmp(kind, "receipt") && strcmp(kind, "refund") && strcmp(kind, "all"))
		return crm_fail(err, CRM_EINVAL, "unknown kind '%s' (receipt, refund, all)", kind);
	if (f->by)
		by = stat_index(f->by, err);
#define RECEIPT_WHERE                                                                         \
	"FROM receipt r JOIN customer c ON c.id = r.customer_id "                             \
	"WHERE (?1 = 0 OR r.customer_id = ?1) AND (?2 IS NULL OR r.date >= ?2) "              \
	"AND (?3 IS NULL OR r.date <= ?3) AND (?4 IS NULL OR r.method = ?4) "                 \
	"AND (?5 IS NULL OR r.clerk = ?5) AND (?6 = 'all' OR r.kind = ?6) "
	if (by < 0)
		snprintf(sql, sizeof sql, "%s",
			 "SELECT r.number, r.kind, r.date, c.code, c.name, r.amount, r.applied, "
			 "CASE WHEN r.kind = 'receipt' AND r.reversed IS NULL "
			 "THEN r.amount - r.applied ELSE 0 END, r.method, r.ref, r.clerk, "
			 "CASE WHEN r.reversed IS NULL THEN 'posted' ELSE 'reversed' END "
			 RECEIPT_WHERE "ORDER BY r.date, r.id");
	else
		snprintf(sql, sizeof sql,
			 "SELECT %s AS k, count(*), sum(r.amount), "
			 "(sum(r.amount) + count(*) / 2) / count(*), max(r.amount) "
			 RECEIPT_WHERE "AND r.reversed IS NULL GROUP BY k ORDER BY k",
			 stat_key[by]);
#undef RECEIPT_WHERE
	if ((rc = crm_store_prepare(st, sql, &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, f->customer_id);
	crm_bind_text(stmt, 2, from);
	crm_bind_text(stmt, 3, to);
	crm_bind_text(stmt, 4, f->method);
	crm_bind_text(stmt, 5, f->clerk);
	sqlite3_bind_text(stmt, 6, kind, -1, SQLITE_STATIC);
	return crm_store_list(st, stmt, cols, ncols, out, err);
}

/* ---- import ---- */

/* The value of column name in rec, NULL when absent or empty. */
static const char *field(const struct crm_record *rec, const char *name)
{
	for (size_t i = 0; i < rec->nfields; i++)
		if (rec->names[i] && !strcasecmp(rec->names[i], name))
			return rec->values[i] && *rec->values[i] ? rec->values[i] : NULL;
	return NULL;
}

/* What a row of the statement pays: an invoice (open on it now) or a
 * customer. */
struct match {
	int64_t customer_id, invoice_id, open;
	char number[65];
};

static int match_invoice(struct crm_store *st, const char *key, struct match *m)
{
	sqlite3_stmt *stmt;
	int found = 0;

	if (crm_store_prepare(st,
			      "SELECT id, customer_id, total - settled, number FROM doc "
			      "WHERE number = ?1 COLLATE NOCASE AND kind = 'invoice' "
			      "AND status = 'issued'",
			      &stmt, NULL) != CRM_OK)
		return -1;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		m->invoice_id = sqlite3_column_int64(stmt, 0);
		m->customer_id = sqlite3_column_int64(stmt, 1);
		m->open = sqlite3_column_int64(stmt, 2);
		snprintf(m->number, sizeof m->number, "%s", sqlite3_column_text(stmt, 3));
		found = 1;
	}
	sqlite3_finalize(stmt);
	return found;
}

static int match_customer(struct crm_store *st, const char *key, struct match *m)
{
	int64_t id;

	if (crm_store_find(st, NULL, "SELECT id FROM customer WHERE code = ?1 COLLATE NOCASE",
			   key, "customer", &id, NULL) != CRM_OK)
		return 0;
	m->customer_id = id;
	return 1;
}

/* Looks for an invoice number, then a customer code, among the words of a
 * free-text reference ("Payment INV-2026-00012, thank you"). */
static int match_text(struct crm_store *st, const char *text, struct match *m)
{
	for (int pass = 0; pass < 2; pass++) {
		const char *p = text;

		while (*p) {
			char word[65];
			size_t n = 0;

			while (*p && !isalnum((unsigned char)*p))
				p++;
			while (*p && (isalnum((unsigned char)*p) || strchr("-/_.", *p))) {
				if (n + 1 < sizeof word)
					word[n++] = *p;
				p++;
			}
			while (n && word[n - 1] == '.')
				n--;
			word[n] = '\0';
			if (n && (pass == 0 ? match_invoice(st, word, m) == 1
					    : match_customer(st, word, m)))
				return 1;
		}
	}
	return 0;
}

/* Matches a row: its invoice, customer or reference column.  0 when
 * nothing matched; -1 when invoice and customer disagree (what says so). */
static int match_row(struct crm_store *st, const struct crm_record *rec, struct match *m,
		     char *what, size_t whatsz)
{
	const char *invoice = field(rec, "invoice"), *customer = field(rec, "customer");
	const char *reference = field(rec, "reference");
	struct match c = {0};

	memset(m, 0, sizeof *m);
	if (invoice && match_invoice(st, invoice, m) != 1) {
		snprintf(what, whatsz, "invoice '%s' is not an issued invoice", invoice);
		return 0;
	}
	if (customer && !match_customer(st, customer, &c)) {
		snprintf(what, whatsz, "customer '%s' does not exist", customer);
		return 0;
	}
	if (invoice && customer && c.customer_id != m->customer_id) {
		snprintf(what, whatsz, "invoice '%s' is not customer '%s''s", invoice, customer);
		return 0;
	}
	if (invoice)
		return 1;
	if (customer) {
		*m = c;
		return 1;
	}
	if (reference && match_text(st, reference, m))
		return 1;
	snprintf(what, whatsz, reference ? "reference '%s' names no invoice or customer"
					 : "no invoice, customer or reference",
		 reference ? reference : "");
	return 0;
}

static int at_column(struct crm_err *err, long line, const char *column, const char *msg)
{
	return crm_fail(err, CRM_EINVAL, "line %ld, column %s: %s", line, column, msg);
}

/* Records one matched row as a receipt. */
static int import_receipt(struct crm_store *st, const struct crm_record *rec,
			  const struct match *m, int64_t amount, const char *amount_text,
			  struct crm_receipt_import_stats *stats, struct crm_err *err)
{
	struct crm_receipt_input in = {0};
	struct crm_ar_result res = {0};
	char apply[128], a[CRM_MONEY_BUFSZ], number[65];
	const char *applyv[1] = {apply};
	int64_t id;
	int rc;

	in.customer_id = m->customer_id;
	in.amount = amount_text;
	in.date = field(rec, "date");
	in.method = field(rec, "method");
	in.ref = field(rec, "ref");
	in.clerk = field(rec, "clerk");
	in.note = field(rec, "note");
	if (m->invoice_id) {
		/* the invoice first, as much as is open on it; the rest stays credit */
		snprintf(apply, sizeof apply, "%s=%s", m->number,
			 crm_money_format(m->open < amount ? m->open : amount, st->money_decimals,
					  a));
		in.apply = applyv;
		in.napply = 1;
		in.unapplied = m->open == 0;
		if (m->open == 0)
			in.napply = 0;
	}
	if ((rc = receipt(st, &in, &id, number, &res, err)) != CRM_OK) {
		char msg[sizeof err->msg];

		snprintf(msg, sizeof msg, "%s", err->msg);
		crm_ar_result_free(&res);
		return crm_fail(err, rc, "line %ld: %s", rec->line, msg);
	}
	stats->receipts++;
	stats->total += amount;
	stats->settled += (long)res.n;
	stats->unapplied += res.unapplied;
	crm_ar_result_free(&res);
	return CRM_OK;
}

static int import_row(struct crm_store *st, const struct crm_record *rec,
		      void (*unmatched)(void *, long, const char *), void *arg,
		      struct crm_receipt_import_stats *stats, struct crm_err *err)
{
	const char *date = field(rec, "date"), *amount_text = field(rec, "amount");
	char what[256];
	struct match m;
	crm_day d;
	int64_t amount;

	if (!date)
		return at_column(err, rec->line, "date", "missing");
	if (crm_date_parse_iso(date, &d, NULL) != CRM_OK)
		return at_column(err, rec->line, "date", "not a date (YYYY-MM-DD)");
	if (d > st->clock.today)
		return at_column(err, rec->line, "date", "in the future");
	if (!amount_text)
		return at_column(err, rec->line, "amount", "missing");
	if (crm_money_parse(amount_text, st->money_decimals, &amount, NULL) != CRM_OK)
		return at_column(err, rec->line, "amount", "not an amount");
	if (amount <= 0)
		snprintf(what, sizeof what, "amount %s is not a receipt", amount_text);
	else if (match_row(st, rec, &m, what, sizeof what))
		return import_receipt(st, rec, &m, amount, amount_text, stats, err);
	stats->unmatched++;
	if (unmatched)
		unmatched(arg, rec->line, what);
	return CRM_OK;
}

int crm_ar_receipt_import(struct crm_store *st, struct crm_reader *r, int flags,
			  void (*unmatched)(void *arg, long line, const char *what), void *arg,
			  struct crm_receipt_import_stats *stats, struct crm_err *err)
{
	struct crm_record rec;
	int rc, more;

	memset(stats, 0, sizeof *stats);
	if ((rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	while ((more = crm_reader_next(r, &rec, err)) == 1) {
		stats->rows++;
		if ((rc = import_row(st, &rec, unmatched, arg, stats, err)) != CRM_OK)
			break;
	}
	if (more < 0)
		rc = CRM_EINVAL;
	if (rc == CRM_OK && stats->unmatched && !(flags & CRM_AR_SKIP_UNMATCHED))
		rc = crm_fail(err, CRM_EINVAL, "%ld of %ld rows match no invoice or customer; "
			      "nothing imported (--skip-unmatched imports the others)",
			      stats->unmatched, stats->rows);
	if (rc == CRM_OK && !(flags & CRM_IMPORT_DRY_RUN))
		return crm_store_commit(st, err);
	crm_store_rollback(st);
	return rc;
}
