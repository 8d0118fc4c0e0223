/* activity.h — the contact log: calls, mails, messages, visits, meetings
 * and notes, each with its customer, rep, time and outcome. */
#ifndef CRM_ACTIVITY_H
#define CRM_ACTIVITY_H

#include <stdint.h>

#include "date.h"
#include "output.h"
#include "store.h"

/* What a user gives for one activity.  Every member is text as typed, NULL
 * when not given; for edit "" clears outcome and minutes.
 *   type     call, email, im, visit, meeting or note
 *   at       "YYYY-MM-DDTHH:MM[:SS]" or a date expression (then 00:00:00);
 *            default now, never in the future
 *   minutes  a whole number 0-10000
 *   contact  a contact key (id, email or name) of the activity's customer
 *   deal     a deal key (id or code) of the activity's customer
 *   rep      who had the contact; default the store's user
 *   next     log only: a date expression, today or later: schedules a
 *            follow-up task due then
 *   next_action  log only: the follow-up's title (default "Follow up: "
 *            and the summary) */
struct crm_activity_input {
	const char *type, *summary, *at, *minutes, *outcome, *contact, *deal, *rep;
	const char *next, *next_action;
};

/* The follow-up an activity's --next scheduled. */
struct crm_followup {
	int64_t id;                /* 0 when none was scheduled */
	char due[CRM_DATE_BUFSZ];
};

/* Validates in and logs an activity of customer_id in one transaction,
 * together with its follow-up task when in->next is given.  *id receives the
 * activity's id; *followup (may be NULL) the follow-up's id and due date.
 * CRM_EINVAL (bad value, contact or deal of another customer),
 * CRM_ENOTFOUND (unknown contact or deal); nothing is written then. */
int crm_activity_log(struct crm_store *st, int64_t customer_id,
		     const struct crm_activity_input *in, int64_t *id,
		     struct crm_followup *followup, struct crm_err *err);

/* Resolves an activity key (its id) to an id: CRM_ENOTFOUND "no activity
 * 'KEY'" when there is none. */
int crm_activity_find(struct crm_store *st, const char *key, int64_t *id, struct crm_err *err);

/* Which activities crm_activity_list streams; every member is optional
 * (0 or NULL).  from and to are date expressions, both days included; deal
 * is a deal key; limit 0 means no limit. */
struct crm_activity_filter {
	int64_t customer_id;
	const char *rep, *type, *from, *to, *deal;
	long limit;
};

extern const struct crm_column crm_activity_columns[];
extern const size_t crm_activity_ncolumns;
#define CRM_ACTIVITY_TABLE_COLUMNS "id,at,customer,type,rep,minutes,summary"

/* Streams the activities flt selects, newest first, to out (opened with
 * crm_activity_columns).  CRM_EINVAL for a bad type or date, CRM_ENOTFOUND
 * for an unknown deal. */
int crm_activity_list(struct crm_store *st, const struct crm_activity_filter *flt,
		      struct crm_out *out, struct crm_err *err);

/* Fills rec with activity id: the list's columns, created, and the
 * follow-up it scheduled (fields followup, followup_title, followup_due,
 * followup_status; NULL when none). */
int crm_activity_show(struct crm_store *st, int64_t id, struct crm_rec *rec, struct crm_err *err);

/* Changes the given fields of activity id (type, summary, outcome, minutes,
 * at, rep; the other members of in must be NULL).  CRM_EUSAGE when nothing
 * is given. */
int crm_activity_edit(struct crm_store *st, int64_t id, const struct crm_activity_input *in,
		      struct crm_err *err);

/* Deletes activity id.  A follow-up it scheduled stays, as a plain task. */
int crm_activity_rm(struct crm_store *st, int64_t id, struct crm_err *err);

/* For customer show: adds the fields effective_cadence (from the view
 * customer_cadence, NULL when none), last_contact and next_contact, and the
 * table "activities" (the 5 most recent: id, at, type, rep, summary,
 * outcome), newest first. */
int crm_activity_section(struct crm_store *st, int64_t customer_id, struct crm_rec *rec,
			 struct crm_err *err);

#endif
