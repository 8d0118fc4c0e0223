/* visit.h — field visits by technicians and maintenance plans.
 *
 * A visit is scheduled for a customer on a day (and maybe a time), for a
 * technician, maybe about a service case or an RMA, and is then done (with
 * a report, the minutes spent and the parts used) or cancelled.  A
 * maintenance plan wants a visit every N months; a visit scheduled for the
 * plan (--plan) moves the plan's next date on by one period when it is
 * done.  A plan's visit is due when its next date is near and no visit is
 * scheduled for it. */
#ifndef CRM_VISIT_H
#define CRM_VISIT_H

#include <stddef.h>
#include <stdint.h>

#include "output.h"
#include "store.h"

/* What a user gives for schedule; NULL = not given.
 *   customer  a customer key (id or code)
 *   tech      the technician; may be NULL with a plan that names one
 *   on        a date expression; at "HH:MM"
 *   case_key  a service case (number or id) of that customer; rma_key an
 *             RMA of that customer (at most one of the two)
 *   plan      a plan id of that customer: the visit is the plan's next one
 *   task      what is to be done (default: the plan's task) */
struct crm_visit_input {
	const char *customer, *tech, *on, *at, *case_key, *rma_key, *plan, *task;
};

/* Validates in and schedules a visit in one transaction; number receives
 * its number (series.visit).  CRM_ENOTFOUND for an unknown customer, case,
 * RMA or plan; CRM_EINVAL for a bad value, a case, RMA or plan of another
 * customer, a stopped plan or one that has a visit scheduled already. */
int crm_visit_schedule(struct crm_store *st, const struct crm_visit_input *in,
		       char number[65], struct crm_err *err);

/* Resolves a visit key (number or id): CRM_ENOTFOUND "no visit 'KEY'". */
int crm_visit_find(struct crm_store *st, const char *key, int64_t *id, struct crm_err *err);

/* Reports visit id done now with report (required), minutes (0: not
 * given) and parts (may be NULL); a plan's visit moves the plan on by one
 * period.  CRM_EINVAL naming the visit's state when it is not scheduled. */
int crm_visit_done(struct crm_store *st, int64_t id, const char *report, long minutes,
		   const char *parts, struct crm_err *err);

/* Cancels scheduled visit id (reason may be NULL).  CRM_EINVAL naming its
 * state when it is not scheduled. */
int crm_visit_cancel(struct crm_store *st, int64_t id, const char *reason, struct crm_err *err);

/* Which visits crm_visit_list streams: tech, customer key, from and to
 * (date expressions, both days included), status scheduled, done,
 * cancelled or all (NULL: all). */
struct crm_visit_filter {
	const char *tech, *customer, *from, *to, *status;
};

extern const struct crm_column crm_visit_columns[];
extern const size_t crm_visit_ncolumns;
#define CRM_VISIT_TABLE_COLUMNS "number,date,time,tech,customer,task,status"

/* Streams the visits flt selects to out (opened with crm_visit_columns) by
 * day, then time (untimed last), then number. */
int crm_visit_list(struct crm_store *st, const struct crm_visit_filter *flt,
		   struct crm_out *out, struct crm_err *err);

/* Fills rec with every column of visit id (crm_visit_columns). */
int crm_visit_show(struct crm_store *st, int64_t id, struct crm_rec *rec, struct crm_err *err);

/* Adds a maintenance plan for customer (a key): a visit every `every`
 * ("6m", "1y": 1 to 120 months), the first one due on `from` (a date
 * expression, NULL: today), by tech and for task (both may be NULL).  *id
 * receives the plan's id. */
int crm_visit_plan_add(struct crm_store *st, const char *customer, const char *every,
		       const char *from, const char *tech, const char *task, int64_t *id,
		       struct crm_err *err);

/* Resolves a plan key (its id): CRM_ENOTFOUND "no plan 'KEY'". */
int crm_visit_plan_find(struct crm_store *st, const char *key, int64_t *id,
			struct crm_err *err);

/* Stops plan id: it has no more visits due.  CRM_EINVAL when it is stopped
 * already. */
int crm_visit_plan_stop(struct crm_store *st, int64_t id, struct crm_err *err);

extern const struct crm_column crm_visit_plan_columns[];
extern const size_t crm_visit_plan_ncolumns;

/* Streams the plans (only the active ones unless all; only customer's when
 * customer, a key, is not NULL) to out, opened with crm_visit_plan_columns,
 * by id. */
int crm_visit_plans(struct crm_store *st, const char *customer, int all, struct crm_out *out,
		    struct crm_err *err);

extern const struct crm_column crm_visit_due_columns[];
extern const size_t crm_visit_due_ncolumns;

/* Streams the visits active plans have due within days days (next on or
 * before today + days, overdue ones included) and no visit scheduled for,
 * to out (opened with crm_visit_due_columns), soonest first. */
int crm_visit_due(struct crm_store *st, long days, struct crm_out *out, struct crm_err *err);

#endif
