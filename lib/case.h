/* case.h — service cases: the thread of a customer's problem, its states
 * (open, waiting, resolved, closed) and its service-level clocks.
 *
 * A case opened at time O with priority P for a customer of tier T gets two
 * targets in working hours, fixed when it opens: sla.T.P.response (else
 * sla.P.response) and sla.T.P.resolution (else sla.P.resolution).  Working
 * time is counted in the calendar of the configuration (calendar.days,
 * calendar.hours, calendar.holidays; see calendar.h).
 *   respond_by  = O + the response target in working time; the response
 *                 clock never pauses.  Met when the first reply came at or
 *                 before it.
 *   resolve_by  = the time the resolution clock reaches its target.  It
 *                 starts at O, or at the last reopening (which also forgets
 *                 the earlier outcome), and stops while the case waits on
 *                 the customer (wait ... resume); a wait still lasting moves
 *                 resolve_by on with the clock.  Met when the case was
 *                 resolved at or before it.
 * An outcome is "yes" or "no" once known, "no" as soon as the target has
 * passed unmet, and NULL while the clock still runs within its target. */
#ifndef CRM_CASE_H
#define CRM_CASE_H

#include <stdint.h>

#include "calendar.h"
#include "output.h"
#include "store.h"

/* Resolves a case key — its number (CS-2026-00001) or its id — to an id.
 * CRM_ENOTFOUND "no case 'KEY'" when there is none. */
int crm_case_find(struct crm_store *st, const char *key, int64_t *id, struct crm_err *err);

/* Reads the working calendar from the configuration into *cal.  CRM_OK, or
 * CRM_EINVAL when a stored value no longer reads. */
int crm_case_calendar(struct crm_store *st, struct crm_calendar *cal, struct crm_err *err);

/* What a user gives for a new case; NULL = not given.  contact is a contact
 * key of the customer, product a product key. */
struct crm_case_input {
	const char *subject, *contact, *channel, *priority, *product, *assignee;
};

/* Opens a case for customer_id now, in one transaction, numbered from
 * series.case (copied to number_out), with its "open" event.  Defaults:
 * channel phone, priority normal, no assignee.  CRM_EINVAL for a bad value
 * (or an archived customer), CRM_ENOTFOUND for an unknown contact or
 * product. */
int crm_case_open(struct crm_store *st, int64_t customer_id, const struct crm_case_input *in,
		  char number_out[65], struct crm_err *err);

/* The events after opening, as verbs name them. */
enum crm_case_action {
	CRM_CASE_REPLY,   /* open, waiting: a reply to the customer (text); the first
			   * one stops the response clock */
	CRM_CASE_NOTE,    /* any state: an internal note (text) */
	CRM_CASE_ASSIGN,  /* any state but closed: text is the new assignee */
	CRM_CASE_WAIT,    /* open → waiting: the resolution clock pauses */
	CRM_CASE_RESUME,  /* waiting → open: it runs again */
	CRM_CASE_RESOLVE, /* open, waiting → resolved */
	CRM_CASE_CLOSE,   /* resolved → closed */
	CRM_CASE_REOPEN   /* resolved, closed → open: the resolution clock starts again */
};

/* Records action on case id now (text: may be NULL where it is optional),
 * in one transaction.  CRM_EINVAL "cannot VERB: case N is STATE" for an
 * impossible transition, or when the clock reads earlier than the case's
 * last event. */
int crm_case_act(struct crm_store *st, int64_t id, enum crm_case_action action,
		 const char *text, struct crm_err *err);

struct crm_case_filter {
	int64_t customer_id; /* 0: every customer */
	const char *status;  /* open, waiting, resolved, closed, all; NULL: open and
			      * waiting (the unresolved) */
	const char *assignee, *priority;
	int breached;        /* only cases with an outcome "no" */
};

extern const struct crm_column crm_case_columns[];
extern const size_t crm_case_ncolumns;
#define CRM_CASE_TABLE_COLUMNS                                                                \
	"number,customer,subject,priority,status,assignee,respond_by,resolve_by"

/* Streams the cases matching filter, oldest first, as rows of
 * crm_case_columns. */
int crm_case_list(struct crm_store *st, const struct crm_case_filter *f, struct crm_out *out,
		  struct crm_err *err);

/* Fills rec with case id: the columns of crm_case_columns, the targets and
 * the table "thread" (every event: at, user, kind, text). */
int crm_case_show(struct crm_store *st, int64_t id, struct crm_rec *rec, struct crm_err *err);

/* For customer show: adds the table "cases", the customer's unresolved
 * cases (number, opened, subject, priority, status, assignee, resolve_by). */
int crm_case_section(struct crm_store *st, int64_t customer_id, struct crm_rec *rec,
		     struct crm_err *err);

/* crm case stats over the cases opened from `from` to `to` (date
 * expressions, NULL for no bound), overall or grouped by "channel",
 * "assignee", "priority" or "product" (by NULL for overall).  One row per
 * group (in order of its name; "none" for no assignee or product) and, with
 * by, a last row "total": see man crm-case.  crm_case_stats_columns gives
 * the columns for by (the first is named after by; none for NULL), or NULL
 * for an unknown by; crm_case_stats refuses that with CRM_EUSAGE. */
const struct crm_column *crm_case_stats_columns(const char *by, size_t *ncols);
int crm_case_stats(struct crm_store *st, const char *by, const char *from, const char *to,
		   struct crm_out *out, struct crm_err *err);

#endif
