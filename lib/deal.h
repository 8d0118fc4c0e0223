/* deal.h — deals (opportunities): stages, the pipeline, forecast, funnel
 * and stalled deals. */
#ifndef CRM_DEAL_H
#define CRM_DEAL_H

#include <stdint.h>

#include "output.h"
#include "store.h"

/* Resolves a deal key — an integer id or a deal code (D00001) — to an id.
 * CRM_ENOTFOUND "no deal 'KEY'" when there is none. */
int crm_deal_find(struct crm_store *st, const char *key, int64_t *id, struct crm_err *err);

/* Registers the SQL functions that read the configured stages, so that any
 * statement can use them: crm_stage_probability(stage) (the stage's default
 * win probability, 0-100), crm_stage_stall(stage) (its stall limit in days,
 * NULL for none), crm_stage_order(stage) (its position, 1 for the first;
 * NULL for a stage no longer configured).  Called by crm_store_open. */
int crm_stage_register(struct crm_store *st);

/* For customer show: adds the table "deals": the customer's open deals. */
int crm_deal_section(struct crm_store *st, int64_t customer_id, struct crm_rec *rec,
		     struct crm_err *err);

#endif
