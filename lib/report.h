/* report.h — reports a manager reads: where the reps' time goes. */
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

#endif
