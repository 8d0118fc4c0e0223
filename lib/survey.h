/* survey.h — customer satisfaction surveys: the request, the answer (CSAT
 * 1-5 and/or NPS 0-10) and the statistics.
 *
 * A survey is about a service case, an RMA or just a customer.  Sending
 * records the request under a number (series.survey) and may write it as
 * a mail; the customer's answer is recorded against that number. */
#ifndef CRM_SURVEY_H
#define CRM_SURVEY_H

#include <stdint.h>
#include <stdio.h>

#include "output.h"
#include "store.h"

/* What send takes: exactly one of case_key (number or id), rma_key (number
 * or id) and customer (a key); email overrides the address (else the
 * case's contact's, the customer's, or the primary contact's); mbox, when
 * not NULL, receives the request as one mboxrd mail (From: company.email). */
struct crm_survey_input {
	const char *case_key, *rma_key, *customer, *email;
	FILE *mbox;
};

/* Records a survey request in one transaction and, with in->mbox, writes
 * the mail after the commit; number receives the survey's number.
 * CRM_ENOTFOUND for an unknown case, RMA or customer; CRM_EINVAL for a bad
 * address, and with mbox for no address or no company.email (nothing is
 * written then); CRM_EFAIL when the mail could not be written. */
int crm_survey_send(struct crm_store *st, const struct crm_survey_input *in, char number[65],
		    struct crm_err *err);

/* Resolves a survey key (number or id): CRM_ENOTFOUND "no survey 'KEY'". */
int crm_survey_find(struct crm_store *st, const char *key, int64_t *id, struct crm_err *err);

/* Records the answer to survey id now: csat 1-5 and/or nps 0-10 (-1: not
 * given; at least one is), comment may be NULL.  CRM_EINVAL for a value
 * out of range or a survey answered already. */
int crm_survey_record(struct crm_store *st, int64_t id, int csat, int nps, const char *comment,
		      struct crm_err *err);

/* Which surveys crm_survey_list streams: customer (a key), status sent
 * (not answered yet), answered or all (NULL: all). */
struct crm_survey_filter {
	const char *customer, *status;
};

extern const struct crm_column crm_survey_columns[];
extern const size_t crm_survey_ncolumns;
#define CRM_SURVEY_TABLE_COLUMNS "number,sent,customer,about,email,csat,nps,answered"

/* Streams the surveys flt selects to out (opened with crm_survey_columns)
 * in the order they were sent. */
int crm_survey_list(struct crm_store *st, const struct crm_survey_filter *flt,
		    struct crm_out *out, struct crm_err *err);

/* The groups of crm_survey_stats. */
enum crm_survey_by { CRM_SURVEY_BY_NONE, CRM_SURVEY_BY_MONTH, CRM_SURVEY_BY_PRODUCT,
		     CRM_SURVEY_BY_ASSIGNEE };

/* The columns of the stats for a grouping (the first is named after it:
 * all, month, product or assignee); *n receives their count. */
const struct crm_column *crm_survey_stats_columns(enum crm_survey_by by, size_t *n);

/* Streams the statistics of the surveys answered from `from` to `to` (date
 * expressions, both days included; NULL: no bound) to out, one row per
 * group (by answer month, by the product or assignee of the case or RMA
 * the survey is about; none = empty), with: answers; csat_answers,
 * csat_avg (two decimals, rounded half up in integer arithmetic) and
 * csat_1 .. csat_5; nps_answers, promoters (9-10), passives (7-8),
 * detractors (0-6) and nps = 100 × (promoters − detractors) / nps_answers
 * rounded to the nearest integer, halves away from zero. */
int crm_survey_stats(struct crm_store *st, const char *from, const char *to,
		     enum crm_survey_by by, struct crm_out *out, struct crm_err *err);

#endif
