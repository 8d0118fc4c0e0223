/* task.h — tasks, appointments and follow-ups, and the agenda built from
 * them. */
#ifndef CRM_TASK_H
#define CRM_TASK_H

#include <stdint.h>

#include "output.h"
#include "store.h"

/* For customer show: adds the table "followups": the customer's open tasks
 * and follow-ups, soonest first. */
int crm_task_section(struct crm_store *st, int64_t customer_id, struct crm_rec *rec,
		     struct crm_err *err);

#endif
