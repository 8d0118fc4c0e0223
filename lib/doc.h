/* doc.h — the documents of a sale: quotes, orders, invoices and credit
 * notes share one shape (schema.sql: doc, doc_line), one line arithmetic,
 * one numbering and one way to show them.
 *
 * Units: a quantity is an int64 count of thousandths (2.5 is 2500); a rate
 * (discount, tax) an int64 count of hundredths of a percent (19 % is 1900,
 * 7.5 % is 750); money int64 minor units (st->money_decimals).
 *
 * The line arithmetic, the one place it is done (see crm-quote(1)):
 *   gross    = round(qty * price / 1000)
 *   discount = round(gross * discount_rate / 10000)
 *   net      = gross - discount
 *   tax      = round(net * tax_rate / 10000)
 * round() is half away from zero on the exact quotient (products in
 * __int128).  A document's subtotal, discount and tax are the sums of its
 * lines'; total = subtotal - discount + tax.  They are stored on the doc row
 * and recomputed in the transaction that changes a line.
 *
 * kind is one of "quote", "order", "invoice", "credit" everywhere below. */
#ifndef CRM_DOC_H
#define CRM_DOC_H

#include <stdint.h>

#include "date.h"
#include "money.h"
#include "output.h"
#include "store.h"

/* ---- quantities, rates and the line arithmetic (no database) ---- */

/* Parses a quantity ("2", "2.5", "0.125"): greater than 0, at most three
 * decimals.  *out receives thousandths.  CRM_OK, or CRM_EINVAL
 * "quantity 'S' is not a number greater than 0 with at most 3 decimals". */
int crm_qty_parse(const char *s, int64_t *out, struct crm_err *err);

/* Parses a percentage ("19", "7.5", "12.25"): 0 to 100, at most two
 * decimals.  what names it in the message ("discount", "tax rate").
 * *out receives hundredths of a percent.  CRM_OK, or CRM_EINVAL
 * "WHAT 'S' is not a percentage from 0 to 100 with at most 2 decimals". */
int crm_rate_parse(const char *s, const char *what, int64_t *out, struct crm_err *err);

/* Write a quantity (thousandths) or a rate (hundredths of a percent) with
 * no trailing zeros: 2500 → "2.5", 3000 → "3", 1900 → "19", 750 → "7.5".
 * buf holds at least CRM_MONEY_BUFSZ bytes; returns buf. */
char *crm_qty_format(int64_t qty, char *buf);
char *crm_rate_format(int64_t rate, char *buf);

/* round(a * b / den), half away from zero, computed exactly in __int128.
 * den > 0.  Returns 0, or -1 (and *out untouched) when the result does not
 * fit in int64. */
int crm_muldiv_round(int64_t a, int64_t b, int64_t den, int64_t *out);

/* The amounts of one line. */
struct crm_line_amounts {
	int64_t gross, discount, net, tax;
};

/* Computes a line's amounts from qty (thousandths), price (minor units),
 * discount_rate and tax_rate (hundredths of a percent) by the rule above.
 * CRM_OK, or CRM_EINVAL "line amount too large" on int64 overflow. */
int crm_line_compute(int64_t qty, int64_t price, int64_t discount_rate, int64_t tax_rate,
		     struct crm_line_amounts *out, struct crm_err *err);

/* ---- documents ---- */

/* The noun of a document kind in messages: "credit note" for "credit",
 * else the kind itself. */
const char *crm_doc_noun(const char *kind);

/* Resolves a document key — its number (Q-2026-00001) or integer id — to
 * the id of a document of the given kind.  CRM_ENOTFOUND "no KIND 'KEY'"
 * when there is none. */
int crm_doc_find(struct crm_store *st, const char *kind, const char *key, int64_t *id,
		 struct crm_err *err);

/* The same for a document of either kind (kind2 may be NULL); a number
 * wins over an id.  The message names kind. */
int crm_doc_find_either(struct crm_store *st, const char *kind, const char *kind2,
			const char *key, int64_t *id, struct crm_err *err);

/* The header of a new document; every field may be NULL / 0. */
struct crm_doc_input {
	const char *date;        /* date expression; NULL: today */
	const char *valid_until; /* a quote's last day (date expression) */
	const char *promised;    /* an order's promised delivery date */
	const char *due;         /* an invoice's due date */
	const char *note;
	int64_t source_id;       /* copied from / converted from / credit of; 0: none */
	const char *status;      /* NULL: "draft" */
	int64_t copy_from;       /* copy every line of this document (prices as they
				  * were, no source_line_id); 0: none */
};

/* Creates a document of kind for customer_id (which must exist and not be
 * archived) in its own transaction: takes the next number of series.KIND
 * for the document's date (see crm_doc_number_next), copies the customer's
 * address to ship_to ("street, postcode city, region, country", NULL when
 * empty).  For a quote without valid_until, valid_until = date +
 * quote.valid_days.  A draft invoice or credit note gets no number.
 * *id receives the new id and number_out the number ("" for none).
 * CRM_EINVAL for a bad date, CRM_ENOTFOUND for no such customer. */
int crm_doc_new(struct crm_store *st, const char *kind, int64_t customer_id,
		const struct crm_doc_input *in, int64_t *id, char number_out[65],
		struct crm_err *err);

/* The same inside a transaction the caller opened. */
int crm_doc_insert(struct crm_store *st, const char *kind, int64_t customer_id,
		   const struct crm_doc_input *in, int64_t *id, char number_out[65],
		   struct crm_err *err);

/* The next number of the series config series.SERIES_KIND ("quote",
 * "order", "delivery", "invoice", "credit") for a document dated date:
 * {YYYY} is date's year, {#####} the number within that series and year,
 * zero-padded to the count of '#' (a pattern without {YYYY} numbers on
 * across years).  Updates number_series, so call it inside the caller's
 * transaction: a rollback gives the number back.  number_out receives it. */
int crm_doc_number_next(struct crm_store *st, const char *series_kind, crm_day date,
			char number_out[65], struct crm_err *err);

/* Set by crm_doc_line_add when a product line took the customer's last
 * price for the product (no price given): the price and where it was. */
struct crm_price_hint {
	int used;                 /* 1 when the last price was taken */
	int64_t price;            /* minor units */
	char number[65];          /* the document it was on */
	char date[CRM_DATE_BUFSZ];/* that document's date */
	char customer[65];        /* the customer's code */
};

/* What a user gives for a line, as typed; NULL = not given. */
struct crm_line_input {
	const char *product;     /* SKU or product id; NULL for a free-text line */
	const char *text;        /* the description of a free-text line */
	const char *qty;         /* "2.5"; needed by add */
	const char *price;       /* "12.50"; NULL: add takes the customer's last price
				  * for the product, else the product's price; a
				  * free-text line needs it */
	const char *discount;    /* percent, "10", "7.5"; NULL: 0 (add) */
	const char *tax_rate;    /* percent; NULL: the product's (add), else 0 */
	const char *description; /* overrides the product's name (or the text) */
	struct crm_price_hint *hint; /* optional output of add; may be NULL */
};

/* Adds a line at the end of document doc_id, in its own transaction, and
 * recomputes the document's totals.  A product line copies the product's
 * name (as description), unit and tax rate unless given; an archived
 * product is refused.  Only a draft document takes line changes.
 * *pos receives the new line's position (1..n).  CRM_ENOTFOUND for an
 * unknown product, CRM_EINVAL for bad values or a document not in draft. */
int crm_doc_line_add(struct crm_store *st, int64_t doc_id, const struct crm_line_input *in,
		     int *pos, struct crm_err *err);

/* Changes the given values (qty, price, discount, tax_rate, description;
 * product and text must be NULL) of line pos and recomputes the line and
 * the totals, in one transaction.  CRM_EUSAGE "nothing to change" when
 * nothing is given; CRM_ENOTFOUND "no line POS on NUMBER". */
int crm_doc_line_edit(struct crm_store *st, int64_t doc_id, int pos,
		      const struct crm_line_input *in, struct crm_err *err);

/* Removes line pos, renumbers the rest 1..n and recomputes the totals, in
 * one transaction. */
int crm_doc_line_rm(struct crm_store *st, int64_t doc_id, int pos, struct crm_err *err);

/* Inside the caller's transaction: copies every line of from_id to the end
 * of to_id (same product, description, qty, unit, price, rates and
 * amounts), setting source_line_id to the copied line when link is set,
 * then recomputes to_id's totals. */
int crm_doc_copy_lines(struct crm_store *st, int64_t from_id, int64_t to_id, int link,
		       struct crm_err *err);

/* Inside the caller's transaction: sets a document's subtotal, discount,
 * tax and total from its lines. */
int crm_doc_recompute(struct crm_store *st, int64_t doc_id, struct crm_err *err);

/* The status a person sees: a quote in draft or sent whose valid_until is
 * before today is "expired"; an issued invoice is paid (settled in full),
 * overdue (not paid and due before today), partly-paid (something settles
 * it) or issued; otherwise the stored status.  SQL fragment for the doc
 * table aliased d, with one parameter, ?1: today (YYYY-MM-DD). */
#define CRM_DOC_STATUS_SQL                                                                  \
	"(CASE WHEN d.kind = 'quote' AND d.status IN ('draft', 'sent') "                     \
	"AND d.valid_until < ?1 THEN 'expired' "                                              \
	"WHEN d.kind <> 'invoice' OR d.status <> 'issued' THEN d.status "                    \
	"WHEN d.settled >= d.total THEN 'paid' WHEN d.due < ?1 THEN 'overdue' "              \
	"WHEN d.settled > 0 THEN 'partly-paid' ELSE 'issued' END)"

/* The stored status, the status a person sees (expired), number and kind
 * of document id.  Strings are copied into the caller's buffers. */
struct crm_doc_state {
	char kind[16], status[16], shown[16], number[65];
	char date[CRM_DATE_BUFSZ], valid_until[CRM_DATE_BUFSZ];
	int64_t customer_id, total, settled;
};
int crm_doc_state(struct crm_store *st, int64_t id, struct crm_doc_state *out,
		  struct crm_err *err);

/* Fills rec with document id: fields kind, number, status (as shown),
 * customer (code), customer_name, date, valid_until, promised, due, source
 * (the number of the source document), ship_to, note, subtotal, discount,
 * tax, total; and the table "lines": pos, sku, description, qty, unit,
 * price, discount_rate, gross, discount, net, tax_rate, tax.
 * crm_doc_show_fields and crm_doc_show_lines are its two halves, for a
 * show that wants its own lines table. */
int crm_doc_show(struct crm_store *st, int64_t id, struct crm_rec *rec, struct crm_err *err);
int crm_doc_show_fields(struct crm_store *st, int64_t id, struct crm_rec *rec,
			struct crm_err *err);
int crm_doc_show_lines(struct crm_store *st, int64_t id, struct crm_rec *rec,
		       struct crm_err *err);

struct crm_doc_filter {
	int64_t customer_id; /* 0: every customer */
	const char *status;  /* NULL or "all": all; "open": draft or sent/confirmed/issued
			      * and not expired; "expired"; or a stored status */
};

/* The columns of crm_doc_list: number, customer, name, date, valid_until,
 * promised, due, status (as shown), total.  Table default per kind: */
extern const struct crm_column crm_doc_columns[];
extern const size_t crm_doc_ncolumns;
#define CRM_QUOTE_TABLE_COLUMNS "number,customer,name,date,valid_until,status,total"

/* Streams the documents of kind matching filter, oldest first (date, id),
 * as rows of crm_doc_columns.  CRM_EINVAL for an unknown status. */
int crm_doc_list(struct crm_store *st, const char *kind, const struct crm_doc_filter *filter,
		 struct crm_out *out, struct crm_err *err);

/* Quote life cycle, each in its own transaction.  send: draft → sent;
 * accept: sent → accepted; reject: draft or sent → rejected.  send and
 * accept refuse an expired quote ("quote N expired on DATE"). */
int crm_quote_send(struct crm_store *st, int64_t id, struct crm_err *err);
int crm_quote_accept(struct crm_store *st, int64_t id, struct crm_err *err);
int crm_quote_reject(struct crm_store *st, int64_t id, struct crm_err *err);

/* Creates a draft order from a sent or accepted quote that has not expired
 * and has lines: same customer, the same lines (source_line_id = the quote
 * line), source_id = the quote, promised (date expression, may be NULL);
 * a sent quote becomes accepted.  One transaction.  number_out receives the
 * order's number, *order_id its id. */
int crm_quote_convert(struct crm_store *st, int64_t quote_id, const char *promised,
		      int64_t *order_id, char number_out[65], struct crm_err *err);

/* For customer show: adds the table "documents": the customer's quotes,
 * orders and invoices (kind, number, date, status as shown, total), newest
 * first, at most 10. */
int crm_doc_section(struct crm_store *st, int64_t customer_id, struct crm_rec *rec,
		    struct crm_err *err);

#endif
