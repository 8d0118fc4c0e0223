/* report.h — reports a manager reads: where the reps' time goes, and what
 * they earned in commission. */
#ifndef CRM_REPORT_H
#define CRM_REPORT_H

#include "output.h"
#include "store.h"

enum crm_report_by { CRM_REPORT_BY_REP, CRM_REPORT_BY_TYPE, CRM_REPORT_BY_CUSTOMER };

/* Parses "rep", "type" or "customer".  CRM_EUSAGE naming the bad value. */
int crm_report_by_parse(const char *s, enum crm_report_by *by, struct crm_err *err);

/* What `crm report activity` reports.  from and to are what the user typed
 * (an ISO date, "today", "-2w" ...; NULL when not given): the period is
 * from..to, both days included; without them it is the 30 days ending
 * today (to defaults to today, from to 29 days before to). */
struct crm_activity_report {
	enum crm_report_by by;
	const char *rep;  /* only this rep's activities; NULL for all */
	const char *from, *to;
	int sinks;        /* only the customers that are time sinks (by customer) */
	int share;        /* sinks: the least share (%) of the rep's minutes, 0-100 */
};

/* The default least share of a time sink, in percent. */
#define CRM_REPORT_SINK_SHARE 25

/* The columns of the report r asks for. */
void crm_report_activity_columns(const struct crm_activity_report *r,
				 const struct crm_column **cols, size_t *ncols);

/* Streams the activity report to out, opened with the columns
 * crm_report_activity_columns gives.  Minutes an activity has no value for
 * count 0.  A share is the part of the rep's minutes in the period, in
 * percent with one decimal, rounded half away from zero in integer
 * arithmetic; NULL when the rep logged no minutes.
 *   by rep:      rep, activities, minutes, customers (distinct), and the
 *                count of each type (call, email, im, visit, meeting, note)
 *   by type:     rep, type, activities, minutes, share
 *   by customer: rep, customer, name, activities, minutes, share
 * With sinks, only the customers on whom the rep spent at least share % of
 * their minutes (minutes * 100 >= share * rep's minutes, the rep's minutes
 * above 0) and whose deals made no progress in the period: no deal_stage row
 * dated in it for any of the customer's deals, except moves to lost.
 * CRM_EINVAL for a bad date or a period that ends before it starts. */
int crm_report_activity(struct crm_store *st, const struct crm_activity_report *r,
			struct crm_out *out, struct crm_err *err);

/* ---- commission ---- */

enum crm_commission_basis { CRM_COMMISSION_INVOICED, CRM_COMMISSION_PAID };

/* Parses "invoiced" or "paid".  CRM_EUSAGE naming the bad value. */
int crm_commission_basis_parse(const char *s, enum crm_commission_basis *basis,
			       struct crm_err *err);

/* What `crm report commission` reports. */
struct crm_commission_report {
	const char *month; /* "YYYY-MM"; NULL: the month of today */
	enum crm_commission_basis basis;
	const char *rep;   /* only this rep (a row even when it has nothing); NULL: all */
	int total;         /* end with a row whose rep is "total" */
};

/* rep, basis, base, rate, commission. */
extern const struct crm_column crm_commission_columns[];
extern const size_t crm_commission_ncolumns;

/* Streams one row per rep (customer.owner of the customers concerned), by
 * name, then the customers without an owner (rep NULL), then the total
 * when r->total.  The reps are those with something in the month and those
 * with a rate (config rep.REP.commission).  The base, in minor units:
 *   invoiced: the net (subtotal - discount, no tax) of the invoices issued
 *             in the month less the net of the credit notes issued in it
 *             (void ones count in neither);
 *   paid:     for each allocation of a receipt to an invoice dated in the
 *             month, round(amount x net / total) of that invoice, less the
 *             same for each such allocation that a reversal ended in the
 *             month (so one made and reversed in the same month counts 0,
 *             and a month already paid out does not change).
 * rate is the rep's rate in percent (NULL without one); commission =
 * round(base x rate / 10000) in hundredths of a percent, 0 without a rate;
 * rounding half away from zero.  CRM_EINVAL for a bad month. */
int crm_report_commission(struct crm_store *st, const struct crm_commission_report *r,
			  struct crm_out *out, struct crm_err *err);

#endif
