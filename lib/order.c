/* order.c — sales orders: credit exposure, confirm, cancel, list, show.
 * New orders and their lines go through doc.c like every document. */
#include <stdlib.h>
#include <string.h>

#include "delivery.h"
#include "doc.h"
#include "order.h"
#include "validate.h"

int crm_order_exposure(struct crm_store *st, int64_t customer_id, struct crm_exposure *out,
		       struct crm_err *err)
{
	__int128 orders = 0, invoices = 0, credit = 0;
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(
		st,
		"SELECT l.net + l.tax, l.qty, ifnull((SELECT sum(il.qty) FROM doc_line il "
		" JOIN doc i ON i.id = il.doc_id WHERE il.source_line_id = l.id "
		" AND i.kind = 'invoice' AND i.status = 'issued'), 0) "
		"FROM doc o JOIN doc_line l ON l.doc_id = o.id "
		"WHERE o.customer_id = ?1 AND o.kind = 'order' AND o.status = 'confirmed'",
		&stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, customer_id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t value = sqlite3_column_int64(stmt, 0), qty = sqlite3_column_int64(stmt, 1),
			invoiced = sqlite3_column_int64(stmt, 2), part;

		if (invoiced >= qty)
			continue;
		if (crm_muldiv_round(value, qty - invoiced, qty, &part) != 0) {
			sqlite3_finalize(stmt);
			return crm_fail(err, CRM_EINVAL, "credit exposure too large");
		}
		orders += part;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return crm_store_error(st, rc, err);
	if ((rc = crm_store_prepare(
		     st,
		     "SELECT total - settled, 0 FROM doc WHERE customer_id = ?1 "
		     "AND kind = 'invoice' AND status = 'issued' AND settled < total "
		     "UNION ALL SELECT 0, total - settled FROM doc WHERE customer_id = ?1 "
		     "AND kind = 'credit' AND status = 'issued' AND settled < total "
		     "UNION ALL SELECT 0, amount - applied FROM receipt WHERE customer_id = ?1 "
		     "AND kind = 'receipt' AND reversed IS NULL AND applied < amount",
		     &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, customer_id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		invoices += sqlite3_column_int64(stmt, 0);
		credit += sqlite3_column_int64(stmt, 1);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return crm_store_error(st, rc, err);
	if (orders > INT64_MAX || invoices > INT64_MAX || credit > INT64_MAX ||
	    orders + invoices - credit > INT64_MAX || orders + invoices - credit < INT64_MIN)
		return crm_fail(err, CRM_EINVAL, "credit exposure too large");
	out->orders = (int64_t)orders;
	out->invoices = (int64_t)invoices;
	out->credit = (int64_t)credit;
	out->total = (int64_t)(orders + invoices - credit);
	return CRM_OK;
}

int crm_credit_over_each(struct crm_store *st, const struct crm_over_filter *f,
			 int (*fn)(void *arg, const struct crm_over_limit *o, struct crm_err *err),
			 void *arg, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int step = SQLITE_DONE, rc = crm_store_prepare(
		st,
		"SELECT id, code, name, owner, credit_limit FROM customer "
		"WHERE credit_limit IS NOT NULL AND (?1 OR archived = 0) "
		"AND (NOT ?2 OR owner IS ?3) ORDER BY CASE WHEN ?4 THEN owner END, code",
		&stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int(stmt, 1, f->archived);
	sqlite3_bind_int(stmt, 2, f->rep_only);
	crm_bind_text(stmt, 3, f->rep);
	sqlite3_bind_int(stmt, 4, f->by_rep);
	while (rc == CRM_OK && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct crm_over_limit o = {.customer_id = sqlite3_column_int64(stmt, 0),
					   .limit = sqlite3_column_int64(stmt, 4)};

		if ((rc = crm_order_exposure(st, o.customer_id, &o.x, err)) != CRM_OK ||
		    o.x.total <= o.limit)
			continue;
		o.over = o.x.total - o.limit; /* both fit in int64 and the limit is >= 0 */
		o.code = (const char *)sqlite3_column_text(stmt, 1);
		o.name = (const char *)sqlite3_column_text(stmt, 2);
		o.rep = (const char *)sqlite3_column_text(stmt, 3);
		rc = fn(arg, &o, err);
	}
	sqlite3_finalize(stmt);
	if (rc == CRM_OK && step != SQLITE_DONE)
		rc = crm_store_error(st, step, err);
	return rc;
}

/* The customer's code and credit limit (*has_limit 0 when NULL). */
static int credit_limit(struct crm_store *st, int64_t customer_id, char code[65],
			int *has_limit, int64_t *limit, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st, "SELECT code, credit_limit FROM customer WHERE id = ?1",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, customer_id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		snprintf(code, 65, "%s", (const char *)sqlite3_column_text(stmt, 0));
		*has_limit = sqlite3_column_type(stmt, 1) != SQLITE_NULL;
		*limit = sqlite3_column_int64(stmt, 1);
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_ROW)
		return CRM_OK;
	return rc == SQLITE_DONE ? crm_fail(err, CRM_ENOTFOUND, "no customer '%lld'",
					    (long long)customer_id)
				 : crm_store_error(st, rc, err);
}

/* Checks the credit limit for confirming an order of the given total; with
 * force, records the override in the audit log. */
static int check_credit(struct crm_store *st, int64_t id, const struct crm_doc_state *order,
			int force, int *overridden, struct crm_err *err)
{
	struct crm_credit_breach b;
	struct crm_exposure x;
	int64_t limit = 0;
	int has_limit = 0, rc;
	char code[65];
	__int128 reach;

	if ((rc = credit_limit(st, order->customer_id, code, &has_limit, &limit, err)) != CRM_OK ||
	    !has_limit)
		return rc;
	if ((rc = crm_order_exposure(st, order->customer_id, &x, err)) != CRM_OK)
		return rc;
	reach = (__int128)x.total + order->total;
	if (reach <= limit)
		return CRM_OK;
	if (reach > INT64_MAX)
		return crm_fail(err, CRM_EINVAL, "credit exposure too large");
	b.kind = "order";
	b.number = order->number;
	b.verb = "confirm";
	b.customer_code = code;
	b.doc_id = id;
	b.customer_id = order->customer_id;
	b.limit = limit;
	b.exposure = x.total;
	b.amount = order->total;
	b.total = (int64_t)reach;
	return crm_credit_breach(st, &b, force, overridden, err);
}

int crm_credit_breach(struct crm_store *st, const struct crm_credit_breach *b, int force,
		      int *overridden, struct crm_err *err)
{
	char m[4][CRM_MONEY_BUFSZ];
	sqlite3_stmt *stmt;
	int rc;

	crm_money_format(b->limit, st->money_decimals, m[0]);
	crm_money_format(b->exposure, st->money_decimals, m[1]);
	crm_money_format(b->amount, st->money_decimals, m[2]);
	crm_money_format(b->total, st->money_decimals, m[3]);
	crm_fail(err, CRM_OK,
		 "%s %s would take %s over its credit limit: limit %s, exposure %s, "
		 "this %s %s, total %s", b->kind, b->number, b->customer_code, m[0], m[1], b->kind,
		 m[2], m[3]);
	if (!force) {
		size_t n = strlen(err->msg);

		snprintf(err->msg + n, sizeof err->msg - n, " (--force to %s anyway)", b->verb);
		return CRM_EINVAL;
	}
	if ((rc = crm_store_prepare(
		     st,
		     "INSERT INTO audit (at, user, entity, entity_id, customer_id, action, new) "
		     "VALUES (crm_now(), crm_user(), ?7, ?1, ?2, 'update', "
		     "json_object('credit_override', json_object('limit', ?3, 'exposure', ?4, "
		     "?7, ?5, 'total', ?6)))",
		     &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, b->doc_id);
	sqlite3_bind_int64(stmt, 2, b->customer_id);
	for (int i = 0; i < 4; i++)
		sqlite3_bind_text(stmt, 3 + i, m[i], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 7, b->kind, -1, SQLITE_STATIC);
	if ((rc = crm_store_run(st, stmt, err)) == CRM_OK && overridden)
		*overridden = 1;
	return rc;
}

/* Sets the stored status (and, when note is not NULL, appends a line to
 * the note) of order id. */
static int set_status(struct crm_store *st, int64_t id, const char *status, const char *note,
		      struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "UPDATE doc SET status = ?2, updated = ?3, note = CASE "
				   "WHEN ?4 IS NULL THEN note WHEN note IS NULL THEN ?4 "
				   "ELSE note || char(10) || ?4 END WHERE id = ?1",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, status, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, st->clock.now, -1, SQLITE_TRANSIENT);
	crm_bind_text(stmt, 4, note);
	return crm_store_run(st, stmt, err);
}

/* Reads order id's state; CRM_ENOTFOUND when it is not an order. */
static int order_state(struct crm_store *st, int64_t id, struct crm_doc_state *s,
		       struct crm_err *err)
{
	int rc = crm_doc_state(st, id, s, err);

	if (rc == CRM_OK && strcmp(s->kind, "order") != 0)
		rc = crm_fail(err, CRM_ENOTFOUND, "no order '%lld'", (long long)id);
	return rc;
}

int crm_order_confirm(struct crm_store *st, int64_t id, int force, int *overridden,
		      struct crm_err *err)
{
	struct crm_doc_state s;
	int64_t lines = 0;
	int rc;

	if (overridden)
		*overridden = 0;
	if ((rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	rc = order_state(st, id, &s, err);
	if (rc == CRM_OK && strcmp(s.status, "draft") != 0)
		rc = crm_fail(err, CRM_EINVAL, "order %s is %s, not a draft", s.number, s.status);
	if (rc == CRM_OK)
		rc = crm_store_int(st, "SELECT count(*) FROM doc_line WHERE doc_id = ?1", id, &lines, err);
	if (rc == CRM_OK && lines == 0)
		rc = crm_fail(err, CRM_EINVAL, "order %s has no lines", s.number);
	if (rc == CRM_OK)
		rc = check_credit(st, id, &s, force, overridden, err);
	if (rc == CRM_OK)
		rc = set_status(st, id, "confirmed", NULL, err);
	if (rc != CRM_OK && overridden)
		*overridden = 0;
	return crm_store_end(st, rc, err);
}

int crm_order_cancel(struct crm_store *st, int64_t id, const char *reason, struct crm_err *err)
{
	struct crm_doc_state s;
	char *note = NULL;
	int64_t shipped = 0, invoiced = 0;
	int rc;

	if (reason && (!*reason || crm_has_control(reason, 0) || strlen(reason) > 500))
		return crm_fail(err, CRM_EINVAL, "'%s' is not a valid reason", reason);
	if ((rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	rc = order_state(st, id, &s, err);
	if (rc == CRM_OK && !strcmp(s.status, "cancelled"))
		rc = crm_fail(err, CRM_EINVAL, "order %s is already cancelled", s.number);
	if (rc == CRM_OK)
		rc = crm_store_int(st, "SELECT ifnull(sum(shipped), 0) FROM order_line_state "
			      "WHERE order_id = ?1", id, &shipped, err);
	if (rc == CRM_OK)
		rc = crm_store_int(st, "SELECT ifnull(sum(invoiced), 0) FROM order_line_state "
			      "WHERE order_id = ?1", id, &invoiced, err);
	if (rc == CRM_OK && shipped > 0)
		rc = crm_fail(err, CRM_EINVAL, "order %s has deliveries and cannot be cancelled",
			      s.number);
	if (rc == CRM_OK && invoiced > 0)
		rc = crm_fail(err, CRM_EINVAL, "order %s is invoiced and cannot be cancelled",
			      s.number);
	if (rc == CRM_OK && reason) {
		size_t n = strlen(reason) + sizeof "cancelled: ";

		if (!(note = malloc(n)))
			rc = crm_fail(err, CRM_EFAIL, "out of memory");
		else
			snprintf(note, n, "cancelled: %s", reason);
	}
	if (rc == CRM_OK)
		rc = set_status(st, id, "cancelled", note, err);
	free(note);
	return crm_store_end(st, rc, err);
}

const struct crm_column crm_order_columns[] = {
	{"number", CRM_COL_TEXT}, {"customer", CRM_COL_TEXT}, {"name", CRM_COL_TEXT},
	{"date", CRM_COL_TEXT},   {"promised", CRM_COL_TEXT}, {"status", CRM_COL_TEXT},
	{"shipping", CRM_COL_TEXT}, {"total", CRM_COL_MONEY},
};
const size_t crm_order_ncolumns = sizeof crm_order_columns / sizeof *crm_order_columns;

static const char *const order_statuses[] = {"draft", "open", "partial", "shipped",
					     "cancelled", "all"};

int crm_order_list(struct crm_store *st, const struct crm_order_filter *filter,
		   struct crm_out *out, struct crm_err *err)
{
	const char *status = filter->status ? filter->status : "all";
	sqlite3_stmt *stmt;
	size_t i, n = sizeof order_statuses / sizeof *order_statuses;
	int rc;

	for (i = 0; i < n && strcmp(order_statuses[i], status) != 0; i++)
		;
	if (i == n)
		return crm_fail(err, CRM_EINVAL,
				"unknown status '%s' (draft, open, partial, shipped, cancelled, all)",
				status);
	rc = crm_store_prepare(
		st,
		"SELECT number, customer, name, date, promised, status, shipping, total FROM ("
		" SELECT d.number AS number, c.code AS customer, c.name AS name, d.date AS date,"
		" d.promised AS promised, " CRM_ORDER_STATUS_SQL " AS status,"
		" " CRM_ORDER_SHIPPING_SQL " AS shipping, d.total AS total"
		" FROM doc d JOIN customer c ON c.id = d.customer_id"
		" WHERE d.kind = 'order' AND (?1 = 0 OR d.customer_id = ?1))"
		" WHERE ?2 = 'all' OR status = ?2 ORDER BY date, number",
		&stmt, err);
	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, filter->customer_id);
	sqlite3_bind_text(stmt, 2, status, -1, SQLITE_TRANSIENT);
	return crm_store_list(st, stmt, crm_order_columns, crm_order_ncolumns, out, err);
}

/* Quantities are INT columns so that json has them as numbers; their text
 * is already the decimal ("2.5"). */
static const struct crm_column fulfilment_columns[] = {
	{"pos", CRM_COL_INT},     {"sku", CRM_COL_TEXT},     {"description", CRM_COL_TEXT},
	{"ordered", CRM_COL_INT}, {"shipped", CRM_COL_INT},  {"backorder", CRM_COL_INT},
	{"invoiced", CRM_COL_INT},
};
#define NFULFILMENT (sizeof fulfilment_columns / sizeof *fulfilment_columns)

int crm_order_show(struct crm_store *st, int64_t id, struct crm_rec *rec, struct crm_err *err)
{
	const char *cells[NFULFILMENT];
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT " CRM_ORDER_SHIPPING_SQL " FROM doc d "
				   "WHERE d.id = ?1 AND d.kind = 'order'",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = sqlite3_step(stmt)) != SQLITE_ROW) {
		sqlite3_finalize(stmt);
		return rc == SQLITE_DONE ? crm_fail(err, CRM_ENOTFOUND, "no order '%lld'",
						    (long long)id)
					 : crm_store_error(st, rc, err);
	}
	if ((rc = crm_doc_show(st, id, rec, err)) != CRM_OK) {
		sqlite3_finalize(stmt);
		return rc;
	}
	crm_rec_field(rec, "shipping", CRM_COL_TEXT, (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	if ((rc = crm_store_prepare(
		     st,
		     "SELECT l.pos, p.sku, l.description, " CRM_SQL_QTY("s.ordered") ", "
		     CRM_SQL_QTY("s.shipped") ", " CRM_SQL_QTY("max(s.ordered - s.shipped, 0)") ", "
		     CRM_SQL_QTY("s.invoiced") " FROM doc_line l "
		     "JOIN order_line_state s ON s.line_id = l.id "
		     "LEFT JOIN product p ON p.id = l.product_id WHERE l.doc_id = ?1 ORDER BY l.pos",
		     &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	crm_rec_table(rec, "fulfilment", fulfilment_columns, NFULFILMENT);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (size_t i = 0; i < NFULFILMENT; i++)
			cells[i] = (const char *)sqlite3_column_text(stmt, (int)i);
		crm_rec_table_row(rec, "fulfilment", cells);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return crm_store_error(st, rc, err);
	return crm_delivery_section(st, id, rec, err);
}
