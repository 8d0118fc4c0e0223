/* invoice.h — invoices and credit notes: made from what was delivered (or
 * free), issued with a number without gaps, voided, credited, imported from
 * an earlier system.
 *
 * An invoice is a document of kind "invoice" (doc.h); a credit note one of
 * kind "credit" whose source_id is the invoice it credits and whose lines
 * point (source_line_id) at the invoice's lines.  Stored statuses: draft
 * (no number yet; lines can change), issued, void.  What a person sees adds
 * how far receipts settle it (CRM_DOC_STATUS_SQL in doc.h; lib/ar.h).
 *
 * An invoice line made from an order keeps the order line's product,
 * description, unit, price, discount and tax rate, points at it
 * (source_line_id) and invoices qty of it; what an order line has shipped
 * and not yet invoiced (by invoices that are not void, drafts included) is
 * shipped - invoiced of view order_line_state. */
#ifndef CRM_INVOICE_H
#define CRM_INVOICE_H

#include <stddef.h>
#include <stdint.h>

#include "customer.h"
#include "output.h"
#include "reader.h"
#include "store.h"

/* Resolves an invoice or credit note key — its number or id — to an id.
 * kind is "invoice", "credit" or NULL for either.  CRM_ENOTFOUND "no invoice
 * 'KEY'" when there is none. */
int crm_invoice_find(struct crm_store *st, const char *kind, const char *key, int64_t *id,
		     struct crm_err *err);

/* Makes a draft invoice, in one transaction, of what order order_id (a
 * confirmed order) shipped and has not invoiced yet: one line per order
 * line with something to invoice, source_id = the order.  note may be NULL.
 * CRM_EINVAL "order N has nothing to invoice" when there is nothing. */
int crm_invoice_new_order(struct crm_store *st, int64_t order_id, const char *note,
			  int64_t *id, struct crm_err *err);

/* The same for the lines of delivery delivery_id not yet invoiced.  An
 * order line's invoiced quantity is counted against its deliveries oldest
 * first, so invoicing by order and by delivery agree. */
int crm_invoice_new_delivery(struct crm_store *st, int64_t delivery_id, const char *note,
			     int64_t *id, struct crm_err *err);

/* Issues draft invoice id in one transaction: the next number of
 * series.invoice for its date (date expression, NULL: today; a number an
 * imported invoice holds is passed over), due = date + the customer's
 * terms (customer.terms, else config invoice.terms, else 30).  Refused
 * (CRM_EINVAL) when it is not a draft invoice, has no lines, or would take
 * the customer's exposure (crm_order_exposure, reckoned with this invoice
 * issued: the order value it bills no longer counts) over its credit limit
 * and above what it was; the message gives limit, exposure, this invoice
 * and the total it would reach.  With force the limit is passed over and
 * the override audited: entity "invoice", action "update", new
 * {"credit_override": {"limit", "exposure", "invoice", "total"}}; then
 * *overridden = 1 and err holds the figures.  number_out receives the
 * number. */
int crm_invoice_issue(struct crm_store *st, int64_t id, const char *date, int force,
		      int *overridden, char number_out[65], struct crm_err *err);

/* Voids issued invoice (or credit note) id: an invoice with credit notes
 * that are not void is refused.  reason (required) is added to its note as
 * "void: REASON".  It keeps its number. */
int crm_invoice_void(struct crm_store *st, int64_t id, const char *reason,
		     struct crm_err *err);

/* Deletes draft invoice id (it has no number). */
int crm_invoice_rm(struct crm_store *st, int64_t id, struct crm_err *err);

/* Makes an issued credit note for issued invoice invoice_id in one
 * transaction: number from series.credit, dated today, source_id = the
 * invoice, note = reason (may be NULL).  lines holds nlines texts "POS=QTY"
 * (an invoice line's position and the quantity to credit); with none,
 * everything not credited yet.  Crediting more than a line has left (its
 * quantity less earlier credit notes that are not void) is refused.  A
 * line credited to its end takes exactly the amounts left, so credits add
 * up to the invoice.  *credit_id and number_out receive the credit note. */
int crm_invoice_credit(struct crm_store *st, int64_t invoice_id, const char *const *lines,
		       size_t nlines, const char *reason, int64_t *credit_id,
		       char number_out[65], struct crm_err *err);

struct crm_invoice_filter {
	int64_t customer_id; /* 0: every customer */
	const char *status;  /* draft, issued (every issued one), partly-paid, paid, overdue,
			      * open (issued and not paid), void, all (NULL) */
	const char *kind;    /* invoice, credit, all (NULL) */
};

/* number, kind, customer, name, date, due, status (as seen), total, open
 * (what is not settled yet: of a credit note, what it has not used). */
extern const struct crm_column crm_invoice_columns[];
extern const size_t crm_invoice_ncolumns;

/* Streams the invoices and credit notes matching filter, oldest first (date,
 * id).  CRM_EINVAL for an unknown status or kind. */
int crm_invoice_list(struct crm_store *st, const struct crm_invoice_filter *filter,
		     struct crm_out *out, struct crm_err *err);

/* crm_doc_show's record (status as stored) and, for an invoice, the table
 * "credits" of its credit notes: number, date, status, total. */
int crm_invoice_show(struct crm_store *st, int64_t id, struct crm_rec *rec,
		     struct crm_err *err);

/* What an import did. */
struct crm_invoice_import_stats {
	long invoices, lines, rows;
};

/* Imports issued invoices from r, all or nothing, in one transaction.  One
 * record per line, columns: number, customer (code), date, due (optional:
 * else date + terms), sku or description, qty, price, tax_rate (percent),
 * discount (percent, optional); consecutive records with the same number
 * make one invoice.  A record with amount (the gross total) and no qty or
 * price is one free-text line "Opening balance", qty 1, tax 0.  Imported
 * invoices keep their own numbers (a number that exists is an error) and
 * are not checked against the credit limit.  Errors read "line N, column
 * NAME: ...".  flags: CRM_IMPORT_DRY_RUN checks and writes nothing. */
int crm_invoice_import(struct crm_store *st, struct crm_reader *r, int flags,
		       struct crm_invoice_import_stats *stats, struct crm_err *err);

#endif
