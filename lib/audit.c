/* audit.c — reading the audit log. */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "validate.h"

const struct crm_column crm_history_columns[] = {
	{"at", CRM_COL_TEXT},     {"user", CRM_COL_TEXT}, {"action", CRM_COL_TEXT},
	{"entity", CRM_COL_TEXT}, {"id", CRM_COL_INT},    {"field", CRM_COL_TEXT},
	{"old", CRM_COL_TEXT},    {"new", CRM_COL_TEXT},
};
const size_t crm_history_ncolumns = sizeof crm_history_columns / sizeof *crm_history_columns;

/* One row per field of each audit entry; an update shows only the fields
 * whose value changed, an insert only the fields that have a value. */
static const char history_sql[] =
	"SELECT a.at, a.user, a.action, a.entity, a.entity_id, k.key, "
	"  json_extract(a.old, '$.\"' || k.key || '\"'), "
	"  json_extract(a.new, '$.\"' || k.key || '\"') "
	"FROM audit a, json_each(coalesce(a.new, a.old)) k "
	"WHERE (CASE WHEN ?1 = 'customer' THEN a.customer_id = ?2 "
	"            ELSE a.entity = ?1 AND a.entity_id = ?2 END) "
	"  AND (a.action <> 'update' OR json_extract(a.old, '$.\"' || k.key || '\"') IS NOT "
	"       json_extract(a.new, '$.\"' || k.key || '\"')) "
	"  AND (a.action <> 'insert' OR k.type <> 'null') "
	"ORDER BY a.id, k.id";

int crm_history(struct crm_store *st, const char *entity, int64_t id, struct crm_out *out,
		struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st, history_sql, &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, id);
	return crm_store_list(st, stmt, crm_history_columns, crm_history_ncolumns, out, err);
}

int crm_audit_find(struct crm_store *st, const char *entity, const char *key, int64_t *id,
		   struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc;

	if (!crm_all_digits(key) || strlen(key) > 18)
		return crm_fail(err, CRM_ENOTFOUND, "no %s '%s'", entity, key);
	if ((rc = crm_store_prepare(st, "SELECT 1 FROM audit WHERE entity = ?1 AND entity_id = ?2 "
					"LIMIT 1", &stmt, err)) != CRM_OK)
		return rc;
	*id = strtoll(key, NULL, 10);
	sqlite3_bind_text(stmt, 1, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, *id);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc == SQLITE_ROW)
		return CRM_OK;
	return rc == SQLITE_DONE ? crm_fail(err, CRM_ENOTFOUND, "no %s '%s'", entity, key)
				 : crm_store_error(st, rc, err);
}
