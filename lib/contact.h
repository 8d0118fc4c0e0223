/* contact.h — the people at a customer: add, find, list, show, edit, rm. */
#ifndef CRM_CONTACT_H
#define CRM_CONTACT_H

#include <stdint.h>

#include "output.h"
#include "store.h"

/* What a user gives for a contact; NULL = not given, and for edit "" clears.
 * primary: -1 not given, 0 or 1. */
struct crm_contact_input {
	const char *name, *title, *email, *phone, *mobile, *im;
	int primary;
};

/* Adds a contact to customer_id; a new primary contact takes over from the
 * old one.  *id receives the new contact's id. */
int crm_contact_add(struct crm_store *st, int64_t customer_id, const struct crm_contact_input *in,
		    int64_t *id, struct crm_err *err);

/* Resolves a contact key — its id, or an email or name that names exactly
 * one contact (within customer_id when that is not 0). CRM_ENOTFOUND or
 * CRM_EINVAL (ambiguous, with the candidates' ids). */
int crm_contact_find(struct crm_store *st, const char *key, int64_t customer_id, int64_t *id,
		     struct crm_err *err);

extern const struct crm_column crm_contact_columns[];
extern const size_t crm_contact_ncolumns;
#define CRM_CONTACT_TABLE_COLUMNS "id,customer,name,title,email,phone,mobile,primary"

/* Streams contacts (of customer_id, or all when 0; archived ones only when
 * include_archived) to out, opened with crm_contact_columns. */
int crm_contact_list(struct crm_store *st, int64_t customer_id, int include_archived,
		     struct crm_out *out, struct crm_err *err);

/* Fills rec with contact id. */
int crm_contact_show(struct crm_store *st, int64_t id, struct crm_rec *rec, struct crm_err *err);

/* Adds the "contacts" table of customer_id to a customer record. */
int crm_contact_section(struct crm_store *st, int64_t customer_id, struct crm_rec *rec,
			struct crm_err *err);

int crm_contact_edit(struct crm_store *st, int64_t id, const struct crm_contact_input *in,
		     struct crm_err *err);

/* Archives contact id (it stays in the history, leaves lists and search). */
int crm_contact_rm(struct crm_store *st, int64_t id, struct crm_err *err);

#endif
