/* audit.h — reading the audit log the schema's triggers write. */
#ifndef CRM_AUDIT_H
#define CRM_AUDIT_H

#include <stdint.h>

#include "output.h"
#include "store.h"

extern const struct crm_column crm_history_columns[];
extern const size_t crm_history_ncolumns;

/* Streams the changes to one record, oldest first, one row per changed field:
 * at, user, action, entity, field, old, new.  For entity "customer" the
 * changes to its tags, extra fields and contacts are included. */
int crm_history(struct crm_store *st, const char *entity, int64_t id, struct crm_out *out,
		struct crm_err *err);

/* Resolves the id of a record of entity ("task", "activity", "deal") that the
 * audit log knows, so that the history of a removed record can still be
 * read.  key must be a number; CRM_ENOTFOUND "no ENTITY 'KEY'" when the log
 * has nothing about it. */
int crm_audit_find(struct crm_store *st, const char *entity, const char *key, int64_t *id,
		   struct crm_err *err);

#endif
