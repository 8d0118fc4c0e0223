/* task.h — tasks, appointments and follow-ups, and the agenda built from
 * them.
 *
 * A task has a title, an assignee, a priority and, optionally, a customer,
 * a deal, a due date, a time and a place.  Its kind follows from what it
 * has: a follow-up was scheduled by an activity (crm activity log --next),
 * an appointment has a time, anything else is a plain task. */
#ifndef CRM_TASK_H
#define CRM_TASK_H

#include <stddef.h>
#include <stdint.h>

#include "output.h"
#include "store.h"

/* What a user gives for add or edit; NULL = not given, and for edit ""
 * clears customer, deal, due, time and place.
 *   customer  a customer key (id or code)
 *   deal      a deal key (id or code); without a customer the task takes
 *             the deal's, with one the deal must be that customer's
 *   due       a date expression
 *   time      "HH:MM"; a time without a due date means due today
 *   priority  low, normal, high or urgent (default normal)
 *   assignee  default the store's user
 *   reopen    edit only: 1 makes a done task open again */
struct crm_task_input {
	const char *title, *customer, *deal, *due, *time, *place, *assignee, *priority;
	int reopen;
};

/* Validates in and adds a task in one transaction; *id receives its id.
 * CRM_EINVAL for a bad value, CRM_ENOTFOUND for an unknown customer or
 * deal; nothing is written then. */
int crm_task_add(struct crm_store *st, const struct crm_task_input *in, int64_t *id,
		 struct crm_err *err);

/* Adds the follow-up task an activity scheduled, inside the caller's
 * transaction: title, due date (YYYY-MM-DD) and assignee as given, the
 * activity's customer and deal (deal_id 0 for none), priority normal.
 * *id receives its id. */
int crm_task_add_followup(struct crm_store *st, int64_t activity_id, int64_t customer_id,
			  int64_t deal_id, const char *title, const char *due,
			  const char *assignee, int64_t *id, struct crm_err *err);

/* Resolves a deal key for a record of *customer_id: when *customer_id is 0
 * it receives the deal's customer; otherwise the deal must belong to it
 * (CRM_EINVAL "deal 'KEY' belongs to X, not Y").  CRM_ENOTFOUND for an
 * unknown deal. */
int crm_task_deal(struct crm_store *st, const char *key, int64_t *customer_id, int64_t *deal_id,
		  struct crm_err *err);

/* Resolves a task key (its id): CRM_ENOTFOUND "no task 'KEY'". */
int crm_task_find(struct crm_store *st, const char *key, int64_t *id, struct crm_err *err);

/* Which tasks crm_task_list streams.  status: open (the default when NULL),
 * done or all; overdue: only open tasks due before today; due_before: a
 * date expression, only tasks due before that day. */
struct crm_task_filter {
	const char *assignee, *customer, *deal, *status, *due_before;
	int overdue;
};

extern const struct crm_column crm_task_columns[];
extern const size_t crm_task_ncolumns;
#define CRM_TASK_TABLE_COLUMNS "id,due,time,title,customer,assignee,priority,kind"

/* Streams the tasks flt selects to out (opened with crm_task_columns),
 * soonest first: by due date (none last), then time (untimed after timed),
 * priority (urgent first) and id. */
int crm_task_list(struct crm_store *st, const struct crm_task_filter *flt, struct crm_out *out,
		  struct crm_err *err);

/* Marks the tasks named by keys[0..n) done, all in one transaction: an
 * unknown key (CRM_ENOTFOUND) or a task already done (CRM_EINVAL) leaves
 * every one of them as it was. */
int crm_task_done(struct crm_store *st, const char *const *keys, size_t n, struct crm_err *err);

/* Changes the given fields of task id; in->reopen makes a done task open
 * (CRM_EINVAL when it is not done).  CRM_EUSAGE when nothing is given. */
int crm_task_edit(struct crm_store *st, int64_t id, const struct crm_task_input *in,
		  struct crm_err *err);

/* Deletes task id. */
int crm_task_rm(struct crm_store *st, int64_t id, struct crm_err *err);

/* Hands every open task of rep `from` to rep `to`; *count receives how many. */
int crm_task_reassign(struct crm_store *st, const char *from, const char *to, long *count,
		      struct crm_err *err);

extern const struct crm_column crm_agenda_columns[];
extern const size_t crm_agenda_ncolumns;

/* Streams rep's agenda for the `days` days from today (today included) to
 * out (opened with crm_agenda_columns): first the open tasks due before
 * today (kind overdue), then day by day the open tasks due in the window
 * (appointment, followup, task), the field visits the rep (a technician)
 * has scheduled (visit; overdue when before today) and the open deals the
 * rep owns whose expected close falls in it (close).  Within a day: timed
 * items by time, then by priority (urgent first), deals last.  ref is the
 * task's id, the visit's number or the deal's code.  Tasks without a due
 * date are not on the agenda. */
int crm_agenda(struct crm_store *st, const char *rep, long days, struct crm_out *out,
	       struct crm_err *err);

/* For crm_out_opts.group, so that a table of the agenda shows it day by
 * day: the title of a row's day, "Monday 2026-11-23", with ", today",
 * ", tomorrow" or ", overdue".  arg is a struct crm_agenda_days whose
 * today the caller sets; the title lives in it. */
struct crm_agenda_days {
	crm_day today;
	char title[64];
};
const char *crm_agenda_day(void *arg, const char *const *cells);

/* For customer show: adds the table "followups": the customer's open tasks
 * (id, due, time, title, assignee, priority), soonest first, those without
 * a due date last. */
int crm_task_section(struct crm_store *st, int64_t customer_id, struct crm_rec *rec,
		     struct crm_err *err);

#endif
