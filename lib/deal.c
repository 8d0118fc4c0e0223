/* deal.c — deals and their stages. */
#include <string.h>

#include "deal.h"
#include "validate.h"

int crm_deal_find(struct crm_store *st, const char *key, int64_t *id, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc;

	rc = crm_store_prepare(st, crm_all_digits(key) ? "SELECT id FROM deal WHERE id = ?1"
						   : "SELECT id FROM deal WHERE code = ?1",
			       &stmt, err);
	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	if (rc == SQLITE_ROW)
		return CRM_OK;
	if (rc != SQLITE_DONE)
		return crm_store_error(st, rc, err);
	return crm_fail(err, CRM_ENOTFOUND, "no deal '%s'", key);
}

int crm_stage_register(struct crm_store *st)
{
	return SQLITE_OK;
}

int crm_deal_section(struct crm_store *st, int64_t customer_id, struct crm_rec *rec,
		     struct crm_err *err)
{
	return CRM_OK;
}
