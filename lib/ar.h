/* ar.h — receivables: receipts and refunds, settling invoices with them,
 * reversals and write-offs, and the open balance of any day.
 *
 * Money a customer pays is a receipt; it settles invoices through
 * allocations (schema.sql, part 4).  A credit note settles the invoice it
 * credits when it is issued.  What a receipt or credit note has not settled
 * is the customer's unapplied credit: it settles later invoices (apply) or
 * is paid back (a refund, which credit settles the same way).  A write-off
 * settles the rest of an invoice with no money.  Nothing is edited: a
 * receipt or refund is reversed, which ends its allocations on the day of
 * the reversal.
 *
 * Every figure as of a day D (ageing, statements, dunning) reads only what
 * was dated on or before D: invoices and credit notes by their date,
 * receipts by theirs, allocations from their date until the day they ended.
 * A void invoice or credit note never counts. */
#ifndef CRM_AR_H
#define CRM_AR_H

#include <stddef.h>
#include <stdint.h>

#include "output.h"
#include "reader.h"
#include "store.h"

/* ---- SQL every receivables report shares ----
 *
 * Each is a parenthesised SELECT to use as a table in FROM, reading the
 * named parameter :asof (YYYY-MM-DD).  Only items not cleared by :asof are
 * read (index doc_receivable, receipt_receivable), so a report of today
 * reads the open items only, however long the history. */

/* What allocations standing on :asof settle of invoice or credit note id:
 * an expression for the doc table aliased d. */
#define CRM_AR_SETTLED_SQL(col)                                                               \
	"ifnull((SELECT sum(a.amount) FROM allocation a WHERE a." col " = d.id "              \
	"AND a.date <= :asof AND (a.ended IS NULL OR a.ended > :asof)), 0)"

/* The rows of one kind of document (invoice or credit), issued and dated
 * by :asof, that match cleared (an SQL condition on d.cleared): id,
 * customer_id, number, date, due, total, left (what is not settled on
 * :asof).  Written for the partial index doc_receivable: its WHERE terms
 * literally, and the date as +d.date so that no index on date is chosen. */
#define CRM_AR_DOC_ROWS(kind, col, cleared)                                                   \
	"SELECT d.id, d.customer_id, d.number, d.date, d.due, d.total, "                     \
	"d.total - " CRM_AR_SETTLED_SQL(col) " AS left FROM doc d "                           \
	"WHERE d.kind IN ('invoice', 'credit') AND d.status = 'issued' AND " cleared         \
	" AND d.kind = '" kind "' AND +d.date <= :asof"

/* The same rows for the items not cleared by :asof: those open now (cleared
 * NULL) and those cleared after :asof, as two index seeks. */
#define CRM_AR_DOC_ITEMS(kind, col)                                                           \
	CRM_AR_DOC_ROWS(kind, col, "d.cleared IS NULL") " UNION ALL "                         \
	CRM_AR_DOC_ROWS(kind, col, "d.cleared > :asof")

/* The invoices open on :asof: id, customer_id, number, date, due, total,
 * open (> 0). */
#define CRM_AR_OPEN_INVOICES_SQL                                                              \
	"(SELECT id, customer_id, number, date, due, total, left AS open FROM ("              \
	CRM_AR_DOC_ITEMS("invoice", "invoice_id") ") WHERE left > 0)"

/* Receipts not cleared by :asof and not reversed by then (index
 * receipt_receivable), with what they have left on :asof. */
#define CRM_AR_RECEIPT_ROWS(cleared)                                                          \
	"SELECT 'receipt' AS kind, r.id, r.customer_id, r.number, r.date, r.amount, "        \
	"r.amount - ifnull((SELECT sum(a.amount) FROM allocation a WHERE a.receipt_id = r.id " \
	"AND a.date <= :asof AND (a.ended IS NULL OR a.ended > :asof)), 0) AS unapplied "     \
	"FROM receipt r WHERE r.kind = 'receipt' AND " cleared " AND +r.date <= :asof "      \
	"AND (r.reversed IS NULL OR r.reversed > :asof)"

/* The unapplied credit on :asof, one row per receipt or credit note with
 * some: kind ('receipt' or 'credit'), id, customer_id, number, date,
 * amount (its whole amount), unapplied (> 0). */
#define CRM_AR_CREDITS_SQL                                                                    \
	"(SELECT * FROM (" CRM_AR_RECEIPT_ROWS("r.cleared IS NULL") " UNION ALL "             \
	CRM_AR_RECEIPT_ROWS("r.cleared > :asof") " UNION ALL "                                \
	"SELECT 'credit', id, customer_id, number, date, total, left FROM ("                  \
	CRM_AR_DOC_ITEMS("credit", "credit_id") ")) WHERE unapplied > 0)"

/* ---- receipts ---- */

struct crm_receipt_input {
	int64_t customer_id;
	const char *amount;  /* a decimal greater than 0 ("120.50") */
	const char *date;    /* a date expression; NULL: today */
	const char *method;  /* cash, transfer, card, cheque, other; NULL: transfer */
	const char *ref;     /* may be NULL */
	const char *clerk;   /* NULL: the store's user */
	const char *note;    /* may be NULL */
	const char *const *apply; /* "INVOICE=AMOUNT" texts; none: oldest due first */
	size_t napply;
	int unapplied;       /* settle nothing: all of it stays unapplied credit */
};

/* One settlement a receipt, apply or refund made: the invoice (or refund)
 * number, the amount, and what is left open on it afterwards. */
struct crm_settlement {
	char number[65];
	int64_t amount, open;
};

/* What a receipt, apply or import did: its settlements (malloc'd, n of
 * them; free with crm_ar_result_free) and what stayed unapplied. */
struct crm_ar_result {
	struct crm_settlement *v;
	size_t n;
	int64_t unapplied;
};
void crm_ar_result_free(struct crm_ar_result *res);

/* Records a receipt in one transaction: the next number of series.receipt
 * for its date (not after today), then settles with it the invoices named
 * in in->apply (each at most its open amount, refused beyond) or, with
 * none, the customer's open invoices oldest due date first (then oldest
 * date, number).  What is left is unapplied credit.  An invoice of another
 * customer, a draft or void one, an amount of 0 or less, or more applied
 * than the receipt's amount is refused (CRM_EINVAL) and nothing is
 * written.  *id and number_out receive the receipt; res (may be NULL) what
 * it settled. */
int crm_ar_receipt(struct crm_store *st, const struct crm_receipt_input *in, int64_t *id,
		   char number_out[65], struct crm_ar_result *res, struct crm_err *err);

/* Settles open invoices of customer_id with its unapplied credit (oldest
 * receipt or credit note first) in one transaction, dated date (NULL:
 * today; never before the credit's or the invoice's date): those named in
 * apply ("INVOICE=AMOUNT"), else oldest due first until the credit is used.
 * CRM_EINVAL "C00001 has no unapplied credit" / over-application. */
int crm_ar_apply(struct crm_store *st, int64_t customer_id, const char *const *apply,
		 size_t napply, const char *date, struct crm_ar_result *res,
		 struct crm_err *err);

/* Reverses receipt or refund id (a bounced cheque, a refund that did not
 * go out) on date (NULL: today; not before its date): its allocations end
 * that day, so what it settled is open again (and what a refund used is
 * credit again).  reason is required.  A receipt reversed already is
 * refused.  Audited. */
int crm_ar_reverse(struct crm_store *st, int64_t id, const char *date, const char *reason,
		   struct crm_err *err);

/* Writes off what is open on issued invoice id, dated date (NULL: today):
 * refused when nothing is open, or when more is open than config
 * ar.writeoff_limit unless force.  *amount receives what was written off. */
int crm_ar_writeoff(struct crm_store *st, int64_t id, const char *date, const char *reason,
		    int force, int64_t *amount, struct crm_err *err);

/* Pays amount of customer_id's unapplied credit back (series.refund): the
 * credit is used oldest first.  More than the credit is refused. */
int crm_ar_refund(struct crm_store *st, const struct crm_receipt_input *in, int64_t *id,
		  char number_out[65], struct crm_err *err);

/* Settles the invoice that credit note credit_id (just issued) credits with
 * as much of the note as is open on it, dated on the later of the two
 * documents' dates; the rest of the note is unapplied credit.  Inside the
 * caller's transaction. */
int crm_ar_settle_credit_note(struct crm_store *st, int64_t credit_id, struct crm_err *err);

/* Before invoice or credit note id is voided, inside the caller's
 * transaction: an invoice something still settles is refused (CRM_EINVAL,
 * naming what); a credit note's allocations are removed, since a void
 * document never counted — refused when it paid a refund. */
int crm_ar_release_void(struct crm_store *st, int64_t id, struct crm_err *err);

/* Resolves a receipt or refund key (number or id). */
int crm_ar_receipt_find(struct crm_store *st, const char *key, int64_t *id,
			struct crm_err *err);

/* ---- lists ---- */

struct crm_receipt_filter {
	int64_t customer_id;     /* 0: every customer */
	const char *from, *to;   /* date expressions, NULL: open-ended */
	const char *method;      /* NULL: every method */
	const char *clerk;       /* NULL: every clerk */
	const char *kind;        /* receipt, refund, all (NULL) */
	const char *by;          /* NULL: one row each; method, clerk, year, month: totals */
};

/* number, kind, date, customer, name, amount, applied, unapplied, method,
 * ref, clerk, status (posted or reversed). */
extern const struct crm_column crm_receipt_columns[];
extern const size_t crm_receipt_ncolumns;
/* With a "by": KEY (named after it), count, amount, average, largest — of
 * the receipts (or refunds, with kind refund) that stand. */
extern const struct crm_column crm_receipt_stat_columns[];
extern const size_t crm_receipt_stat_ncolumns;

/* Streams the receipts and refunds matching filter, oldest first, or
 * their totals by filter->by (the first column of crm_receipt_stat_columns
 * is then renamed for the caller: cols receives the columns to open the
 * output with, pointing at storage that lives as long as the program).
 * CRM_EINVAL for a bad date, method, kind or by. */
int crm_ar_receipts_columns(const struct crm_receipt_filter *f, const struct crm_column **cols,
			    size_t *ncols, struct crm_err *err);
int crm_ar_receipts(struct crm_store *st, const struct crm_receipt_filter *f,
		    struct crm_out *out, struct crm_err *err);

/* ---- import ---- */

enum { CRM_AR_SKIP_UNMATCHED = 0x100 }; /* with CRM_IMPORT_DRY_RUN (customer.h) */

struct crm_receipt_import_stats {
	long rows, receipts, unmatched, settled; /* settled: invoices settled, in full or part */
	int64_t total, unapplied;
};

/* Imports receipts from a bank statement in r, all or nothing, in one
 * transaction.  Columns: date (YYYY-MM-DD), amount, and at least one of
 * invoice (a number), customer (a code) and reference (free text in which
 * an invoice number or a customer code is looked for, word by word);
 * optional method, ref, clerk, note; other columns are ignored.  A row
 * naming an invoice settles it (up to what is open; the rest is unapplied
 * credit); a row naming a customer settles its oldest invoices.  A row
 * that matches nothing, or whose amount is not greater than 0, is
 * unmatched: each is passed to unmatched(arg, line, text), and then the
 * import fails (CRM_EINVAL, nothing written) unless flags has
 * CRM_AR_SKIP_UNMATCHED.  Malformed values fail at once: "line N, column
 * NAME: ...".  CRM_IMPORT_DRY_RUN checks and writes nothing. */
int crm_ar_receipt_import(struct crm_store *st, struct crm_reader *r, int flags,
			  void (*unmatched)(void *arg, long line, const char *what), void *arg,
			  struct crm_receipt_import_stats *stats, struct crm_err *err);

#endif
