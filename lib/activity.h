/* activity.h — the contact log: calls, mails, messages, visits, meetings
 * and notes, each with its customer, rep, time and outcome. */
#ifndef CRM_ACTIVITY_H
#define CRM_ACTIVITY_H

#include <stdint.h>

#include "output.h"
#include "store.h"

/* For customer show: adds the fields cadence, last_contact and next_contact
 * and the table "activities" (the most recent ones, newest first). */
int crm_activity_section(struct crm_store *st, int64_t customer_id, struct crm_rec *rec,
			 struct crm_err *err);

#endif
