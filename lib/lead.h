/* lead.h — leads: customers in status lead, handed to reps who owe
 * feedback by a due date, and converted into active customers (with a first
 * deal). */
#ifndef CRM_LEAD_H
#define CRM_LEAD_H

#include <stdint.h>

#include "customer.h"
#include "deal.h"
#include "output.h"
#include "store.h"

/* What a user gives for a new lead; NULL = not given. */
struct crm_lead_input {
	const char *name, *source, *campaign, *email, *phone, *owner;
};

/* Adds a customer in status lead through crm_customer_add (same checks,
 * same duplicate refusal unless flags has CRM_ADD_FORCE; *dups as there).
 * The code is copied to code_out. */
int crm_lead_add(struct crm_store *st, const struct crm_lead_input *in, int flags,
		 struct crm_dup_list *dups, char code_out[65], struct crm_err *err);

struct crm_lead_filter {
	const char *rep, *source, *campaign;
	int overdue;    /* only leads whose feedback is overdue */
	int unassigned; /* only leads without an owner */
};

/* The lead columns: code, name, source, campaign, owner, assigned (the
 * latest assignment), feedback_due, feedback (the date of the first activity
 * or status change since then), overdue (feedback_due before today and no
 * feedback), created. */
extern const struct crm_column crm_lead_columns[];
extern const size_t crm_lead_ncolumns;
#define CRM_LEAD_TABLE_COLUMNS "code,name,source,campaign,owner,feedback_due,feedback,overdue"

/* Streams the (not archived) leads matching filter, by code. */
int crm_lead_list(struct crm_store *st, const struct crm_lead_filter *filter,
		  struct crm_out *out, struct crm_err *err);

/* Hands lead customer_id to rep: sets its owner and records an assignment
 * with feedback due today + days (days < 0: config lead.feedback_days).
 * The due date is copied to due_out.  CRM_EINVAL when the customer is not
 * a lead. */
int crm_lead_assign(struct crm_store *st, int64_t customer_id, const char *rep, long days,
		    char due_out[CRM_DATE_BUFSZ], struct crm_err *err);

/* Makes a lead or prospect an active customer and, when deal is not NULL,
 * adds that deal, in one transaction.  code_out receives the deal's code
 * ("" without a deal).  CRM_EINVAL when the customer is neither. */
int crm_lead_convert(struct crm_store *st, int64_t customer_id, const struct crm_deal_input *deal,
		     char code_out[65], struct crm_err *err);

#endif
