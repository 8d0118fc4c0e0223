/* order.h — sales orders: confirming against the credit limit, cancelling,
 * the shipping state, list and show.
 *
 * An order is a document of kind "order" (doc.h: crm_doc_new, the line
 * functions, crm_doc_show); its stored status is draft, confirmed or
 * cancelled.  What a person sees as its status adds how much is shipped
 * (view order_line_state):
 *   draft      not confirmed yet (lines can change)
 *   open       confirmed, nothing shipped
 *   partial    confirmed, some shipped, something left on backorder
 *   shipped    confirmed, every line shipped in full
 *   cancelled
 * and its shipping is none, partial or shipped.
 *
 * A customer's credit exposure is what it owes or has ordered and not been
 * invoiced for:
 *   - each confirmed order's value not yet invoiced: per line,
 *     round((net + tax) * (qty - invoiced) / qty), half away from zero,
 *     where invoiced is the quantity on issued invoices (a line invoiced in
 *     full counts 0);
 *   - plus what is open on its issued invoices (total - settled: receipts,
 *     credit notes and write-offs settle them, lib/ar.h);
 *   - less its unapplied credit (receipts and credit notes not used yet).
 * Confirming an order is refused when exposure + the order's total would
 * exceed the customer's credit_limit (NULL: no limit). */
#ifndef CRM_ORDER_H
#define CRM_ORDER_H

#include <stdint.h>

#include "output.h"
#include "store.h"

/* SQL of an order's shipping (none, partial, shipped) for the doc table
 * aliased d, and of the status a person sees (draft, open, partial,
 * shipped, cancelled). */
#define CRM_ORDER_SHIPPING_SQL                                                                 \
	"(CASE WHEN NOT EXISTS (SELECT 1 FROM order_line_state s WHERE s.order_id = d.id "     \
	"AND s.shipped > 0) THEN 'none' WHEN EXISTS (SELECT 1 FROM order_line_state s "       \
	"WHERE s.order_id = d.id AND s.shipped < s.ordered) THEN 'partial' ELSE 'shipped' END)"
#define CRM_ORDER_STATUS_SQL                                                                   \
	"(CASE WHEN d.status <> 'confirmed' THEN d.status ELSE "                               \
	"replace(" CRM_ORDER_SHIPPING_SQL ", 'none', 'open') END)"

/* The exposure of customer_id: orders (confirmed orders' value not yet
 * invoiced), invoices (what is open on issued invoices) and credit
 * (unapplied), in minor units; total = orders + invoices - credit.
 * CRM_EINVAL when it does not fit in int64. */
struct crm_exposure {
	int64_t orders, invoices, credit, total;
};
int crm_order_exposure(struct crm_store *st, int64_t customer_id, struct crm_exposure *out,
		       struct crm_err *err);

/* Confirms draft order id (draft → confirmed) in one transaction.  Refused
 * (CRM_EINVAL) when it is not a draft, has no lines, or would take its
 * customer's exposure over the credit limit; the message gives the limit,
 * the current exposure, this order's total and the total it would reach.
 * With force the limit is passed over, and the override is written to the
 * audit log: entity "order", action "update", new {"credit_override":
 * {"limit", "exposure", "order", "total"}} (money as decimals).  *overridden
 * (may be NULL) is set to 1 when that happened, and err then holds the
 * figures as a message; else 0. */
int crm_order_confirm(struct crm_store *st, int64_t id, int force, int *overridden,
		      struct crm_err *err);

/* Cancels order id in one transaction: a draft, or a confirmed order with
 * nothing shipped or invoiced.  A reason (may be NULL) is added to the
 * order's note as a line "cancelled: REASON".  CRM_EINVAL otherwise. */
int crm_order_cancel(struct crm_store *st, int64_t id, const char *reason, struct crm_err *err);

struct crm_order_filter {
	int64_t customer_id; /* 0: every customer */
	const char *status;  /* draft, open, partial, shipped, cancelled, or all (NULL) */
};

/* number, customer, name, date, promised, status (as seen), shipping,
 * total. */
extern const struct crm_column crm_order_columns[];
extern const size_t crm_order_ncolumns;

/* Streams the orders matching filter, oldest first (by date, then
 * number).  CRM_EINVAL for an unknown status. */
int crm_order_list(struct crm_store *st, const struct crm_order_filter *filter,
		   struct crm_out *out, struct crm_err *err);

/* Fills rec with order id: crm_doc_show's fields and "lines" table, the
 * field shipping (none, partial, shipped), the table "fulfilment" (per
 * line: pos, sku, description, ordered, shipped, backorder, invoiced —
 * quantities as "2.5") and the table "deliveries" (crm_delivery_section). */
int crm_order_show(struct crm_store *st, int64_t id, struct crm_rec *rec, struct crm_err *err);

/* A customer whose credit exposure is over its credit limit; the texts
 * live during the call only. */
struct crm_over_limit {
	int64_t customer_id, limit, over; /* over = exposure - limit */
	struct crm_exposure x;
	const char *code, *name, *rep;
};

/* Which customers crm_credit_over_each walks: archived ones too or not;
 * when rep_only, only those whose owner is rep (NULL: those without one);
 * by rep (no rep first) then code, or by code. */
struct crm_over_filter {
	int archived, rep_only, by_rep;
	const char *rep;
};

/* Calls fn for each customer of f with a credit limit whose exposure
 * (crm_order_exposure) is over it: the one rule of crm ar credit and crm
 * remind's credit section.  Stops at fn's first failure and returns it. */
int crm_credit_over_each(struct crm_store *st, const struct crm_over_filter *f,
			 int (*fn)(void *arg, const struct crm_over_limit *o, struct crm_err *err),
			 void *arg, struct crm_err *err);

/* A document that would take its customer past the credit limit: what it
 * is (kind "order" or "invoice", its number, the verb that was refused:
 * "confirm", "issue"), whose, and the figures. */
struct crm_credit_breach {
	const char *kind, *number, *verb, *customer_code;
	int64_t doc_id, customer_id;
	int64_t limit, exposure, amount, total; /* minor units */
};

/* Refuses a breach with CRM_EINVAL and the figures ("order SO-... would take
 * C00001 over its credit limit: limit L, exposure E, this order A, total T
 * (--force to confirm anyway)"), or with force records the override in the
 * audit log (entity kind, action update, new {"credit_override": {"limit",
 * "exposure", KIND, "total"}}), leaves the same text in err as a note for
 * the caller, and sets *overridden (may be NULL). */
int crm_credit_breach(struct crm_store *st, const struct crm_credit_breach *b, int force,
		      int *overridden, struct crm_err *err);

#endif
