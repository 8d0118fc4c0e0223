/* aging.h — the receivables reports: ageing, open items, statements,
 * credit control, concentration, and what customer show says of a
 * customer's account.
 *
 * Every figure is read as of a day D through the shared SQL of ar.h:
 * an invoice's open amount is CRM_AR_OPEN_INVOICES_SQL's, unapplied credit
 * is CRM_AR_CREDITS_SQL's, and a customer's balance is the sum of the
 * first less the sum of the second.  Nothing here writes to the database.
 *
 * Ageing.  An open invoice's age as of D is D - due in days (D - date with
 * CRM_AGING_BY_ISSUE).  The bucket edges e1 < e2 < ... < en (days; from
 * --buckets, else config ar.buckets, else 30,60,90,180) make the columns:
 *   by due:   not_due (age <= 0: due on or after D), 1-e1, e1+1-e2, ...,
 *             over_en;
 *   by issue: 0-e1, e1+1-e2, ..., over_en (an invoice is never "not due"
 *             by its own date).
 * Upper edges are inclusive.  Each invoice falls into exactly one column,
 * so the columns always add up to the open amount. */
#ifndef CRM_AGING_H
#define CRM_AGING_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "output.h"
#include "store.h"

#define CRM_AGING_DEFAULT_BUCKETS "30,60,90,180"
#define CRM_AGING_MAX_EDGES 12
/* amount columns: not_due, one per edge, over the last */
#define CRM_AGING_MAX_BUCKETS (CRM_AGING_MAX_EDGES + 2)

/* Bucket edges in days, ascending, each 1..36500. */
struct crm_aging_buckets {
	int edge[CRM_AGING_MAX_EDGES];
	size_t n;
};

/* Parses "30,60,90,180" into *b.  CRM_EINVAL, naming text, for anything
 * but 1 to CRM_AGING_MAX_EDGES whole numbers of days (1..36500) in
 * strictly ascending order, separated by commas. */
int crm_aging_buckets_parse(const char *text, struct crm_aging_buckets *b,
			    struct crm_err *err);

/* The edges of config ar.buckets, else CRM_AGING_DEFAULT_BUCKETS.
 * CRM_EINVAL when the stored value does not parse. */
int crm_aging_buckets_config(struct crm_store *st, struct crm_aging_buckets *b,
			     struct crm_err *err);

enum crm_aging_by { CRM_AGING_BY_DUE, CRM_AGING_BY_ISSUE };

/* What an ageing report covers.  A zeroed struct is the report of today by
 * due date with the configured buckets over every customer. */
struct crm_aging_opts {
	const char *as_of;                       /* a date expression; NULL: today */
	enum crm_aging_by by;
	const struct crm_aging_buckets *buckets; /* NULL: crm_aging_buckets_config */
	int64_t customer_id;                     /* 0: every customer */
	const char *rep;                         /* customer.owner; NULL: every rep */
	const int64_t *min;  /* leave out customers whose balance is below; NULL: none */
	int total;           /* end a report that has rows with a row "total" */
};

/* One customer's line: amount[k] is what is open in bucket k (0 ..
 * nbuckets - 1, as crm_aging names them), open their sum, credit the
 * unapplied credit, balance = open - credit.  In a total, customer_id is
 * 0 and code "total". */
struct crm_aging_row {
	int64_t customer_id;
	const char *code, *name, *rep;
	int64_t amount[CRM_AGING_MAX_BUCKETS];
	int64_t open, credit, balance;
};

/* A report made ready by crm_aging_init: its day, buckets and columns.
 * The columns (code, name, rep, one per bucket, open, credit, balance)
 * live in the struct, so it must outlive the row stream opened on them. */
struct crm_aging {
	struct crm_aging_opts o;
	struct crm_aging_buckets b;
	crm_day asof;
	char asof_text[CRM_DATE_BUFSZ];
	size_t nbuckets;
	char name[CRM_AGING_MAX_BUCKETS][24];  /* column names: not_due, 1-30 ... */
	char bound[CRM_AGING_MAX_BUCKETS][CRM_DATE_BUFSZ]; /* bucket k: ref >= bound[k] */
	struct crm_column cols[CRM_AGING_MAX_BUCKETS + 6];
	size_t ncols;
	struct crm_aging_row total; /* the sums, once crm_aging_report has run */
	long customers;             /* rows crm_aging_report wrote, the total not counted */
};

/* Resolves o (copied; its pointers must stay valid while a is used) into
 * a: the as-of day, the buckets, their names and bounds, the columns.
 * CRM_EINVAL for a bad date or stored ar.buckets. */
int crm_aging_init(struct crm_store *st, const struct crm_aging_opts *o, struct crm_aging *a,
		   struct crm_err *err);

/* How a person reads bucket k: "not due", "1-30", "over 180". */
const char *crm_aging_label(const struct crm_aging *a, size_t k, char buf[32]);

/* The one SELECT of the ageing report of a, with named parameters: :asof
 * (YYYY-MM-DD), :b0 .. :bN (the bucket bounds, dates: an invoice falls in
 * the first bucket k whose bound its due date, or with --by issue its date,
 * is on or after; the last bucket has none) and, only when a's options set
 * them, :customer (an id), :rep (a name) and :min (minor units).  Result
 * columns:
 * customer id, code, name, rep, one per bucket, open, credit, balance, one
 * row per customer with something open or unapplied, ordered by code
 * (grouped by code, which is unique, so that no second sort is needed).
 * Returns a malloc'd string the caller frees. */
char *crm_aging_sql(const struct crm_aging *a);

/* The same SELECT with a's values in place of the parameters, ready for the
 * sqlite3 shell (sqlite3_expanded_sql): *sql receives a malloc'd string. */
int crm_aging_sql_expanded(struct crm_store *st, const struct crm_aging *a, char **sql,
			   struct crm_err *err);

/* Runs the ageing SELECT and calls each(arg, row) for every customer's row
 * (the row's texts live until the callback returns); a non-zero return from
 * each stops the run and is returned (err is each's to fill). */
int crm_aging_each(struct crm_store *st, const struct crm_aging *a,
		   int (*each)(void *arg, const struct crm_aging_row *row, struct crm_err *err),
		   void *arg, struct crm_err *err);

/* Streams the ageing report on a->cols to out (out may be NULL: the figures
 * are only summed), then the total row when a->o.total and there was a
 * customer.  Leaves the sums in a->total and the number of customers in
 * a->customers. */
int crm_aging_report(struct crm_store *st, struct crm_aging *a, struct crm_out *out,
		     struct crm_err *err);

/* --detail: one row per open invoice (kind invoice: date, due, days of age,
 * bucket, open) and one per receipt or credit note with unapplied credit
 * (kind receipt or credit: date, credit), by customer code, invoices first
 * by due date.  Customer, rep and min filter as in the report (min on the
 * customer's balance); a total row of open and credit when a->o.total and
 * there are rows. */
extern const struct crm_column crm_aging_detail_columns[];
extern const size_t crm_aging_detail_ncolumns;
int crm_aging_detail(struct crm_store *st, const struct crm_aging *a, struct crm_out *out,
		     struct crm_err *err);

/* The balance of customer_id as of day: open invoices less unapplied
 * credit. */
int crm_aging_balance(struct crm_store *st, int64_t customer_id, crm_day day,
		      int64_t *balance, struct crm_err *err);

/* ---- open items ---- */

/* customer, kind, number, date, due, days (as of minus due), total, paid,
 * open, status.  A receipt or credit note with unapplied credit is a row
 * of its kind with negative amounts (total, applied, unapplied), so that
 * open adds up to the balance; its status is "unapplied". */
extern const struct crm_column crm_ar_open_columns[];
extern const size_t crm_ar_open_ncolumns;

/* Streams the open items of customer_id (0: all) as of as_of (a date
 * expression, NULL: today), oldest due date (a credit's: its date) first;
 * an invoice's status as of that day is overdue (due before it),
 * partly-paid or issued.  With total, a row "total" of the amounts after
 * the items, if there are any. */
int crm_ar_open_items(struct crm_store *st, int64_t customer_id, const char *as_of, int total,
		      struct crm_out *out, struct crm_err *err);

/* ---- statement ---- */

struct crm_statement_opts {
	int64_t customer_id;
	const char *from, *to; /* date expressions; NULL: the first of this month, today */
};

/* date, kind, number, ref, debit, credit, balance: a row "opening" dated
 * the day before from with the balance as of that day; then every movement
 * dated from .. to in date order with the running balance — invoice
 * (debit), refund (debit), credit (a credit note: credit), receipt
 * (credit), writeoff (credit), reversal (of a receipt: debit; of a refund:
 * credit; on the day it was reversed); then "closing" dated to with the
 * balance as of to, which the running balance always reaches. */
extern const struct crm_column crm_ar_statement_columns[];
extern const size_t crm_ar_statement_ncolumns;

/* Streams the statement of o->customer_id.  CRM_EINVAL for a bad date or
 * from after to. */
int crm_ar_statement(struct crm_store *st, const struct crm_statement_opts *o,
		     struct crm_out *out, struct crm_err *err);

/* The statement as a record for the statement template (print.h): fields
 * customer, customer_name, address, email, from, to, opening, debits,
 * credits, closing, overdue (of the closing balance, by due date as of to),
 * ageing (one line as customer show's), the table "lines" (the statement's
 * movements, without the opening and closing rows) and the table "buckets"
 * (bucket, amount as of to, every bucket). */
int crm_ar_statement_show(struct crm_store *st, const struct crm_statement_opts *o,
			  struct crm_rec *rec, struct crm_err *err);

/* ---- credit control ---- */

/* code, name, rep, limit, orders, invoices, credit, exposure, over. */
extern const struct crm_column crm_ar_credit_columns[];
extern const size_t crm_ar_credit_ncolumns;

/* Streams the customers whose exposure (crm_order_exposure: unbilled
 * confirmed orders + open invoices - unapplied credit) is over their credit
 * limit, the furthest over first (then by code), with the figures of
 * crm_order_exposure and over = exposure - limit.  Nothing when none is. */
int crm_ar_credit(struct crm_store *st, struct crm_out *out, struct crm_err *err);

/* ---- concentration ---- */

/* rank, code, name, balance, share, cumulative, pareto. */
extern const struct crm_column crm_ar_concentration_columns[];
extern const size_t crm_ar_concentration_ncolumns;

/* Streams the customers with a balance above zero as of as_of (NULL:
 * today), largest first (then by code): share = balance / the sum of those
 * balances and cumulative = the running sum / that sum, both in percent
 * with one decimal rounded half away from zero (integer arithmetic; the
 * cumulative share of the last is 100.0); pareto is 1 for the customers
 * that make up the first 80 % (those whose predecessors hold less than 80 %
 * of the total).  top > 0 keeps the first top and sums the rest into a row
 * "others" (name "N customers").  With total, a row "total". */
int crm_ar_concentration(struct crm_store *st, const char *as_of, long top, int total,
			 struct crm_out *out, struct crm_err *err);

/* ---- customer show ---- */

/* Adds to customer show's record of customer_id: balance and overdue (as
 * of today), ageing (the non-zero buckets of the configured ageing as one
 * line, "not due 100.00, 1-30 50.00"; NULL when nothing is open) and the
 * table "receipts" (the last 5: number, date, amount, method, unapplied,
 * reversed). */
int crm_aging_section(struct crm_store *st, int64_t customer_id, struct crm_rec *rec,
		      struct crm_err *err);

#endif
