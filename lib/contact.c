/* contact.c — the people at a customer. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "contact.h"
#include "validate.h"

const struct crm_column crm_contact_columns[] = {
	{"id", CRM_COL_INT},     {"customer", CRM_COL_TEXT}, {"name", CRM_COL_TEXT},
	{"title", CRM_COL_TEXT}, {"email", CRM_COL_TEXT},    {"phone", CRM_COL_TEXT},
	{"mobile", CRM_COL_TEXT}, {"im", CRM_COL_TEXT},      {"primary", CRM_COL_BOOL},
	{"archived", CRM_COL_BOOL}, {"created", CRM_COL_TEXT}, {"updated", CRM_COL_TEXT},
};
const size_t crm_contact_ncolumns = sizeof crm_contact_columns / sizeof *crm_contact_columns;

#define CONTACT_SELECT                                                                        \
	"k.id, c.code, k.name, k.title, k.email, k.phone, k.mobile, k.im, k.is_primary, "    \
	"k.archived, k.created, k.updated FROM contact k JOIN customer c ON c.id = k.customer_id"

/* Checks the given values; "" (clear) passes for everything but the name. */
static int contact_validate(const struct crm_contact_input *in, int editing, struct crm_err *err)
{
	const char *texts[] = {in->title, in->im};

	if (in->name && (!*in->name || crm_has_control(in->name, 0) || strlen(in->name) > 200))
		return crm_fail(err, CRM_EINVAL, "'%s' is not a contact name", in->name);
	if (!editing && !in->name)
		return crm_fail(err, CRM_EINVAL, "a contact needs a name");
	if (in->email && *in->email && !crm_valid_email(in->email))
		return crm_fail(err, CRM_EINVAL, "'%s' is not an email address", in->email);
	if (in->phone && *in->phone && !crm_valid_phone(in->phone))
		return crm_fail(err, CRM_EINVAL, "'%s' is not a phone number", in->phone);
	if (in->mobile && *in->mobile && !crm_valid_phone(in->mobile))
		return crm_fail(err, CRM_EINVAL, "'%s' is not a phone number", in->mobile);
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		if (texts[i] && (crm_has_control(texts[i], 0) || strlen(texts[i]) > 500))
			return crm_fail(err, CRM_EINVAL, "'%s' is too long or has control characters",
					texts[i]);
	return CRM_OK;
}

/* Unsets the current primary contact of a customer (given by its id, or by
 * one of its contacts' id when of_contact), so another can take it. */
static int clear_primary(struct crm_store *st, int64_t id, int of_contact, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   of_contact ? "UPDATE contact SET is_primary = 0, updated = ?2 "
						"WHERE customer_id = (SELECT customer_id FROM contact "
						"WHERE id = ?1) AND is_primary = 1 AND id <> ?1"
					      : "UPDATE contact SET is_primary = 0, updated = ?2 "
						"WHERE customer_id = ?1 AND is_primary = 1",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, st->clock.now, -1, SQLITE_STATIC);
	return crm_store_run(st, stmt, err);
}

static const char *blank_to_null(const char *s)
{
	return s && *s ? s : NULL;
}

int crm_contact_add(struct crm_store *st, int64_t customer_id, const struct crm_contact_input *in,
		    int64_t *id, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = contact_validate(in, 0, err);

	if (rc != CRM_OK || (rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	if (in->primary == 1)
		rc = clear_primary(st, customer_id, 0, err);
	if (rc == CRM_OK)
		rc = crm_store_prepare(st,
				       "INSERT INTO contact (customer_id, name, title, email, phone, "
				       "mobile, im, is_primary, created, updated) "
				       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
				       &stmt, err);
	if (rc == CRM_OK) {
		sqlite3_bind_int64(stmt, 1, customer_id);
		crm_bind_text(stmt, 2, in->name);
		crm_bind_text(stmt, 3, blank_to_null(in->title));
		crm_bind_text(stmt, 4, blank_to_null(in->email));
		crm_bind_text(stmt, 5, blank_to_null(in->phone));
		crm_bind_text(stmt, 6, blank_to_null(in->mobile));
		crm_bind_text(stmt, 7, blank_to_null(in->im));
		sqlite3_bind_int(stmt, 8, in->primary == 1);
		crm_bind_text(stmt, 9, st->clock.now);
		rc = crm_store_run(st, stmt, err);
		*id = sqlite3_last_insert_rowid(st->db);
	}
	return crm_store_end(st, rc, err);
}

int crm_contact_find(struct crm_store *st, const char *key, int64_t customer_id, int64_t *id,
		     struct crm_err *err)
{
	sqlite3_stmt *stmt;
	char ids[200] = "";
	size_t used = 0;
	int rc, n = 0;

	rc = crm_store_prepare(st,
			       crm_all_digits(key)
				       ? "SELECT id FROM contact WHERE id = ?1"
				       : "SELECT id FROM contact WHERE (email = ?1 COLLATE NOCASE "
					 "OR name = ?1 COLLATE NOCASE) AND archived = 0 AND "
					 "(?2 = 0 OR customer_id = ?2) ORDER BY id",
			       &stmt, err);
	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, customer_id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(stmt, 0);
		if (used < sizeof ids)
			used += (size_t)snprintf(ids + used, sizeof ids - used, "%s%lld",
						 n ? ", " : "", (long long)*id);
		n++;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return crm_store_error(st, rc, err);
	if (n == 0)
		return crm_fail(err, CRM_ENOTFOUND, "no contact '%s'", key);
	if (n > 1)
		return crm_fail(err, CRM_EINVAL, "'%s' names %d contacts (ids %s); use the id", key, n,
				ids);
	return CRM_OK;
}

/* Reads each row of stmt (CONTACT_SELECT layout) into cells. */
static void contact_cells(sqlite3_stmt *stmt, const char **cells)
{
	for (size_t i = 0; i < crm_contact_ncolumns; i++)
		cells[i] = (const char *)sqlite3_column_text(stmt, (int)i);
}

int crm_contact_list(struct crm_store *st, int64_t customer_id, int include_archived,
		     struct crm_out *out, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT " CONTACT_SELECT " WHERE (?1 = 0 OR k.customer_id = ?1) "
				   "AND (?2 OR k.archived = 0) "
				   "ORDER BY c.code, k.is_primary DESC, k.name COLLATE NOCASE, k.id",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, customer_id);
	sqlite3_bind_int(stmt, 2, include_archived);
	return crm_store_list(st, stmt, crm_contact_columns, crm_contact_ncolumns, out, err);
}

int crm_contact_show(struct crm_store *st, int64_t id, struct crm_rec *rec, struct crm_err *err)
{
	const char *cells[sizeof crm_contact_columns / sizeof *crm_contact_columns];
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st, "SELECT " CONTACT_SELECT " WHERE k.id = ?1", &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		contact_cells(stmt, cells);
		for (size_t i = 0; i < crm_contact_ncolumns; i++)
			crm_rec_field(rec, crm_contact_columns[i].name, crm_contact_columns[i].type,
				      cells[i]);
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return crm_fail(err, CRM_ENOTFOUND, "no contact with id %lld", (long long)id);
	return rc == SQLITE_ROW ? CRM_OK : crm_store_error(st, rc, err);
}

static const struct crm_column section_columns[] = {
	{"id", CRM_COL_INT},     {"name", CRM_COL_TEXT},   {"title", CRM_COL_TEXT},
	{"email", CRM_COL_TEXT}, {"phone", CRM_COL_TEXT},  {"mobile", CRM_COL_TEXT},
	{"im", CRM_COL_TEXT},    {"primary", CRM_COL_BOOL},
};

int crm_contact_section(struct crm_store *st, int64_t customer_id, struct crm_rec *rec,
			struct crm_err *err)
{
	const size_t n = sizeof section_columns / sizeof *section_columns;
	const char *cells[sizeof section_columns / sizeof *section_columns];
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT id, name, title, email, phone, mobile, im, is_primary "
				   "FROM contact WHERE customer_id = ?1 AND archived = 0 "
				   "ORDER BY is_primary DESC, name COLLATE NOCASE, id",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, customer_id);
	crm_rec_table(rec, "contacts", section_columns, n);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (size_t i = 0; i < n; i++)
			cells[i] = (const char *)sqlite3_column_text(stmt, (int)i);
		crm_rec_table_row(rec, "contacts", cells);
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}

int crm_contact_edit(struct crm_store *st, int64_t id, const struct crm_contact_input *in,
		     struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = contact_validate(in, 1, err);

	if (rc != CRM_OK)
		return rc;
	if (!in->name && !in->title && !in->email && !in->phone && !in->mobile && !in->im &&
	    in->primary < 0)
		return crm_fail(err, CRM_EUSAGE, "nothing to change");
	if ((rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	if (in->primary == 1)
		rc = clear_primary(st, id, 1, err);
	/* A column is set when its value was given: ?N IS NOT NULL picks it. */
	if (rc == CRM_OK)
		rc = crm_store_prepare(
			st,
			"UPDATE contact SET "
			"name = ifnull(?2, name), "
			"title = CASE WHEN ?3 IS NULL THEN title ELSE nullif(?3, '') END, "
			"email = CASE WHEN ?4 IS NULL THEN email ELSE nullif(?4, '') END, "
			"phone = CASE WHEN ?5 IS NULL THEN phone ELSE nullif(?5, '') END, "
			"mobile = CASE WHEN ?6 IS NULL THEN mobile ELSE nullif(?6, '') END, "
			"im = CASE WHEN ?7 IS NULL THEN im ELSE nullif(?7, '') END, "
			"is_primary = ifnull(?8, is_primary), updated = ?9 WHERE id = ?1",
			&stmt, err);
	if (rc == CRM_OK) {
		sqlite3_bind_int64(stmt, 1, id);
		crm_bind_text(stmt, 2, in->name);
		crm_bind_text(stmt, 3, in->title);
		crm_bind_text(stmt, 4, in->email);
		crm_bind_text(stmt, 5, in->phone);
		crm_bind_text(stmt, 6, in->mobile);
		crm_bind_text(stmt, 7, in->im);
		if (in->primary >= 0)
			sqlite3_bind_int(stmt, 8, in->primary);
		crm_bind_text(stmt, 9, st->clock.now);
		rc = crm_store_run(st, stmt, err);
	}
	return crm_store_end(st, rc, err);
}

int crm_contact_rm(struct crm_store *st, int64_t id, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_begin(st, err);

	if (rc == CRM_OK)
		rc = crm_store_prepare(st, "UPDATE contact SET archived = 1, is_primary = 0, "
					   "updated = ?2 WHERE id = ?1", &stmt, err);
	if (rc == CRM_OK) {
		sqlite3_bind_int64(stmt, 1, id);
		crm_bind_text(stmt, 2, st->clock.now);
		rc = crm_store_run(st, stmt, err);
	}
	return crm_store_end(st, rc, err);
}
