/* lead.c — leads: add, list with their feedback state, assign, convert. */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "lead.h"
#include "validate.h"

int crm_lead_add(struct crm_store *st, const struct crm_lead_input *in, int flags,
		 struct crm_dup_list *dups, char code_out[65], struct crm_err *err)
{
	struct crm_customer_input c;

	memset(&c, 0, sizeof c);
	c.archived = -1;
	c.v[CF_NAME] = in->name;
	c.v[CF_STATUS] = "lead";
	c.v[CF_SOURCE] = in->source;
	c.v[CF_CAMPAIGN] = in->campaign;
	c.v[CF_EMAIL] = in->email;
	c.v[CF_PHONE] = in->phone;
	c.v[CF_OWNER] = in->owner;
	return crm_customer_add(st, &c, flags, dups, code_out, err);
}

const struct crm_column crm_lead_columns[] = {
	{"code", CRM_COL_TEXT},     {"name", CRM_COL_TEXT},         {"source", CRM_COL_TEXT},
	{"campaign", CRM_COL_TEXT}, {"owner", CRM_COL_TEXT},        {"assigned", CRM_COL_TEXT},
	{"feedback_due", CRM_COL_TEXT}, {"feedback", CRM_COL_TEXT}, {"overdue", CRM_COL_BOOL},
	{"created", CRM_COL_TEXT},
};
const size_t crm_lead_ncolumns = sizeof crm_lead_columns / sizeof *crm_lead_columns;

/* The feedback rule is the schema's view lead_feedback. */
#define LEAD_SELECT                                                                            \
	"SELECT c.code, c.name, c.source, c.campaign, c.owner, f.assigned, f.feedback_due,"   \
	" f.feedback, coalesce(f.feedback_due < ?1 AND f.feedback IS NULL, 0) AS overdue,"    \
	" c.created FROM customer c LEFT JOIN lead_feedback f ON f.customer_id = c.id"       \
	" WHERE c.status = 'lead' AND c.archived = 0 AND (?2 IS NULL OR c.owner = ?2)"        \
	" AND (?3 IS NULL OR c.source = ?3) AND (?4 IS NULL OR c.campaign = ?4)"              \
	" AND (?5 = 0 OR c.owner IS NULL) AND (?6 = 0 OR overdue) ORDER BY c.code"

int crm_lead_list(struct crm_store *st, const struct crm_lead_filter *f, struct crm_out *out,
		  struct crm_err *err)
{
	char today[CRM_DATE_BUFSZ];
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st, LEAD_SELECT, &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, crm_date_format(st->clock.today, today), -1, SQLITE_STATIC);
	crm_bind_text(stmt, 2, f->rep);
	crm_bind_text(stmt, 3, f->source);
	crm_bind_text(stmt, 4, f->campaign);
	sqlite3_bind_int(stmt, 5, f->unassigned);
	sqlite3_bind_int(stmt, 6, f->overdue);
	return crm_store_list(st, stmt, crm_lead_columns, crm_lead_ncolumns, out, err);
}

/* Reads the code and status of customer id (inside the caller's
 * transaction) and checks the status is one of `allowed` ("lead" or
 * "lead,prospect"). */
static int check_status(struct crm_store *st, int64_t id, const char *allowed, const char *what,
			struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT code, status, archived, instr(',' || ?2 || ',', "
				   "',' || status || ',') > 0 FROM customer WHERE id = ?1",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, allowed, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(stmt)) != SQLITE_ROW)
		rc = rc == SQLITE_DONE ? crm_fail(err, CRM_ENOTFOUND, "no customer with id %lld",
						  (long long)id)
				       : crm_store_error(st, rc, err);
	else if (sqlite3_column_int(stmt, 2))
		rc = crm_fail(err, CRM_EINVAL, "customer %s is archived",
			      (const char *)sqlite3_column_text(stmt, 0));
	else if (!sqlite3_column_int(stmt, 3))
		rc = crm_fail(err, CRM_EINVAL, "customer %s is %s, not %s",
			      (const char *)sqlite3_column_text(stmt, 0),
			      (const char *)sqlite3_column_text(stmt, 1), what);
	else
		rc = CRM_OK;
	sqlite3_finalize(stmt);
	return rc;
}

/* Runs sql (?1 customer id, ?2 now, ?3 text, ?4 more text). */
static int run(struct crm_store *st, const char *sql, int64_t id, const char *a, const char *b,
	       struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st, sql, &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, st->clock.now, -1, SQLITE_STATIC);
	crm_bind_text(stmt, 3, a);
	crm_bind_text(stmt, 4, b);
	return crm_store_run(st, stmt, err);
}

int crm_lead_assign(struct crm_store *st, int64_t customer_id, const char *rep, long days,
		    char due_out[CRM_DATE_BUFSZ], struct crm_err *err)
{
	int rc;

	if (!rep || !*rep || crm_has_control(rep, 0) || strlen(rep) > 100)
		return crm_fail(err, CRM_EINVAL, "'%s' is not a rep name", rep ? rep : "");
	if (days < 0)
		days = crm_config_long(st, "lead.feedback_days", 7);
	if (days < 1 || days > 3650)
		return crm_fail(err, CRM_EINVAL, "'%ld' is not a number of days (1-3650)", days);
	crm_date_format(st->clock.today + (crm_day)days, due_out);
	if ((rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	rc = check_status(st, customer_id, "lead", "a lead", err);
	if (rc == CRM_OK)
		rc = run(st, "UPDATE customer SET owner = ?3, updated = ?2 WHERE id = ?1",
			 customer_id, rep, NULL, err);
	if (rc == CRM_OK)
		rc = run(st,
			 "INSERT INTO lead_assignment (customer_id, rep, assigned, feedback_due, "
			 "user) VALUES (?1, ?3, ?2, ?4, crm_user())",
			 customer_id, rep, due_out, err);
	return crm_store_end(st, rc, err);
}

int crm_lead_convert(struct crm_store *st, int64_t customer_id, const struct crm_deal_input *deal,
		     char code_out[65], struct crm_err *err)
{
	int rc = deal ? crm_deal_check(st, deal, err) : CRM_OK;

	*code_out = '\0';
	if (rc != CRM_OK || (rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	rc = check_status(st, customer_id, "lead,prospect", "a lead or prospect", err);
	if (rc == CRM_OK)
		rc = run(st, "UPDATE customer SET status = 'active', updated = ?2 WHERE id = ?1",
			 customer_id, NULL, NULL, err);
	if (rc == CRM_OK && deal)
		rc = crm_deal_insert(st, customer_id, deal, code_out, err);
	if (rc != CRM_OK)
		*code_out = '\0';
	return crm_store_end(st, rc, err);
}
