/* deal.h — deals (opportunities): stages, the pipeline, forecast, funnel
 * and stalled deals.
 *
 * Stages come from the configuration: deal.stages is the ordered list of the
 * stages an open deal can be in; deal.stage.NAME.probability (0-100) and
 * deal.stage.NAME.stall (days) describe each.  A deal's effective
 * probability is its own when set, else its stage's; a won deal counts 100,
 * a lost one 0.  Its weighted amount is amount * probability / 100, rounded
 * half away from zero in integer arithmetic (amounts are never negative, so
 * (amount * p + 50) / 100); a sum of weighted amounts is the sum of the
 * rounded per-deal values. */
#ifndef CRM_DEAL_H
#define CRM_DEAL_H

#include <stddef.h>
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
 * NULL for a stage no longer configured).  Called by crm_store_open.  The
 * functions cache the parsed stages per connection and reload them whenever
 * the database changed since (this connection's writes or another's). */
int crm_stage_register(struct crm_store *st);

/* One configured stage.  stall is 0 when the stage has no stall limit. */
struct crm_stage {
	char *name;
	int probability;
	int stall;
};

struct crm_stages {
	struct crm_stage *v;
	size_t n;
};

/* Reads the configured stages, in order, into *out (the caller frees them
 * with crm_stages_free).  CRM_OK, or CRM_EFAIL when out of memory. */
int crm_stages_load(struct crm_store *st, struct crm_stages *out, struct crm_err *err);
void crm_stages_free(struct crm_stages *s);
/* Index of the stage called name in s, or -1. */
int crm_stages_index(const struct crm_stages *s, const char *name);

/* What a user gives for a deal; NULL = not given.  For edit, "" clears the
 * probability, close date and source.  amount and probability are text as
 * typed ("1234.50", "40"); close is a date expression (2026-12-31, +30d). */
struct crm_deal_input {
	const char *title, *amount, *stage, *probability, *close, *owner, *source;
};

/* Adds a deal to customer_id in one transaction, with its first stage-history
 * row.  Default stage: the first configured; default owner: the customer's
 * owner, else the user.  The new code (D00001...) is copied to code_out. */
int crm_deal_add(struct crm_store *st, int64_t customer_id, const struct crm_deal_input *in,
		 char code_out[65], struct crm_err *err);

/* The same inside a transaction the caller opened (lead convert); writes
 * nothing and returns the error when in is not valid. */
int crm_deal_insert(struct crm_store *st, int64_t customer_id, const struct crm_deal_input *in,
		    char code_out[65], struct crm_err *err);

/* Checks in as crm_deal_add would, without writing (so that a caller can
 * refuse bad input before it changes anything else). */
int crm_deal_check(struct crm_store *st, const struct crm_deal_input *in, struct crm_err *err);

struct crm_deal_filter {
	int64_t customer_id; /* 0: every customer */
	const char *owner, *stage;
	const char *status;  /* open (the default when NULL), won, lost or all */
};

extern const struct crm_column crm_deal_columns[];
extern const size_t crm_deal_ncolumns;
#define CRM_DEAL_TABLE_COLUMNS "code,customer,title,amount,stage,probability,weighted,close,owner"

/* Streams the deals matching filter, oldest first, as rows of
 * crm_deal_columns. */
int crm_deal_list(struct crm_store *st, const struct crm_deal_filter *filter,
		  struct crm_out *out, struct crm_err *err);

/* Fills rec with deal id: its fields, and the tables "history" (every stage
 * it entered), "activities" (newest first) and "tasks" (its open tasks). */
int crm_deal_show(struct crm_store *st, int64_t id, struct crm_rec *rec, struct crm_err *err);

/* Changes the given fields (in->stage must be NULL: stages change with
 * move).  CRM_EUSAGE when nothing is given. */
int crm_deal_edit(struct crm_store *st, int64_t id, const struct crm_deal_input *in,
		  struct crm_err *err);

/* Moves an open deal to another configured stage, recording the change. */
int crm_deal_move(struct crm_store *st, int64_t id, const char *stage, struct crm_err *err);
/* Closes an open deal as won (close date: today), or as lost with a reason. */
int crm_deal_won(struct crm_store *st, int64_t id, struct crm_err *err);
int crm_deal_lost(struct crm_store *st, int64_t id, const char *reason, struct crm_err *err);
/* Opens a won or lost deal again, in stage (NULL: the stage it was closed
 * from, which must still be configured).  Its close date and reason are
 * cleared. */
int crm_deal_reopen(struct crm_store *st, int64_t id, const char *stage, struct crm_err *err);

/* For customer show: adds the table "deals": the customer's open deals. */
int crm_deal_section(struct crm_store *st, int64_t customer_id, struct crm_rec *rec,
		     struct crm_err *err);

/* Reports.  Each streams rows of its column array to out. */

/* The configured stages (then any stage open deals still have that is no
 * longer configured, without a position): stage, position, probability,
 * stall, deals (open), amount (open). */
extern const struct crm_column crm_stage_columns[];
extern const size_t crm_stage_ncolumns;
int crm_deal_stages(struct crm_store *st, struct crm_out *out, struct crm_err *err);

/* Open deals per stage (of owner, when not NULL): stage, deals, amount,
 * weighted; a last row "total". */
extern const struct crm_column crm_pipeline_columns[];
extern const size_t crm_pipeline_ncolumns;
int crm_deal_pipeline(struct crm_store *st, const char *owner, struct crm_out *out,
		      struct crm_err *err);

/* Open deals by the period of their expected close date: period
 * (YYYY-MM, or YYYY-Qn by quarter; "none" for deals without one), deals,
 * amount, weighted, won (amount of deals won with a close date in the
 * period); a last row "total".  from and to are date expressions (NULL for
 * no bound) limiting the close dates; with either, "none" is left out. */
struct crm_forecast_opts {
	int by_quarter;
	const char *owner, *from, *to;
};
extern const struct crm_column crm_forecast_columns[];
extern const size_t crm_forecast_ncolumns;
int crm_deal_forecast(struct crm_store *st, const struct crm_forecast_opts *o,
		      struct crm_out *out, struct crm_err *err);

/* The funnel of the deals created from `from` to `to` (date expressions,
 * NULL for no bound), overall or per rep (the deal's owner).  A deal reached
 * a stage when its history holds that stage or a later one, or it was won.
 * One row per configured stage: stage, deals (that reached it), advanced
 * (that reached the next stage, or for the last stage were won),
 * conversion (advanced / deals, %), win_rate (won / (won + lost) among the
 * deals that reached it, %); then a row "total": deals (all), advanced
 * (won), conversion (won / all), win_rate, days (average days from creation
 * to won).  Percentages and days have one decimal, rounded half up.
 * crm_funnel_columns starts with "rep"; without by_rep open the stream with
 * crm_funnel_columns + 1. */
extern const struct crm_column crm_funnel_columns[];
extern const size_t crm_funnel_ncolumns;
int crm_deal_funnel(struct crm_store *st, int by_rep, const char *from, const char *to,
		    struct crm_out *out, struct crm_err *err);

/* Open deals (of owner, when not NULL) longer in their stage than its stall
 * limit, or past their expected close date: code, customer, title, owner,
 * stage, since, days, limit, close, why. */
extern const struct crm_column crm_stalled_columns[];
extern const size_t crm_stalled_ncolumns;
int crm_deal_stalled(struct crm_store *st, const char *owner, struct crm_out *out,
		     struct crm_err *err);

#endif
