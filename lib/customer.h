/* customer.h — the customer file: add, find, list, show, edit, archive,
 * tags, extra fields, duplicates, search, merge, reassign, import, export. */
#ifndef CRM_CUSTOMER_H
#define CRM_CUSTOMER_H

#include <stddef.h>
#include <stdint.h>

#include "output.h"
#include "reader.h"
#include "store.h"

/* The customer's own fields, in the order list and export print them. */
enum crm_customer_field {
	CF_CODE, CF_NAME, CF_KIND, CF_STATUS, CF_OWNER, CF_EMAIL, CF_PHONE, CF_WEBSITE,
	CF_STREET, CF_CITY, CF_REGION, CF_POSTCODE, CF_COUNTRY, CF_TAX_ID, CF_INDUSTRY,
	CF_SOURCE, CF_TIER, CF_CREDIT_LIMIT, CF_TERMS, CF_NOTE, CF_CAMPAIGN, CF_CADENCE, CF_COUNT
};

/* Name of a field as options, columns and import headers spell it
 * ("tax_id", "credit_limit"); -1 from crm_customer_field_by_name when unknown.
 * Options may use '-' for '_' ("--tax-id"). */
const char *crm_customer_field_name(enum crm_customer_field f);
int crm_customer_field_by_name(const char *name);

/* What a user gives for add, edit or one import row.  v[f] is the text of
 * field f: NULL when not given; for edit, "" clears it.  tags are added,
 * untags removed; fields are "key=value" extra fields ("key=" removes one in
 * edit). */
struct crm_customer_input {
	const char *v[CF_COUNT];
	const char *const *tags;
	size_t ntags;
	const char *const *untags;
	size_t nuntags;
	const char *const *fields;
	size_t nfields;
	int archived; /* import only: -1 when not given */
	const char *created; /* import only */
};

/* A likely duplicate found by crm_customer_duplicates. */
struct crm_dup {
	int64_t id;
	char *code, *name, *reason;
};

struct crm_dup_list {
	struct crm_dup *items;
	size_t n;
};

void crm_dup_list_free(struct crm_dup_list *dups);

enum crm_add_flags { CRM_ADD_FORCE = 1, CRM_ADD_DRY_RUN = 2 };

/* Validates in and adds the customer in one transaction.  Unless
 * CRM_ADD_FORCE, likely duplicates (same or similar name, same email, phone
 * or tax id) refuse the add with CRM_EINVAL and are returned in *dups (which
 * the caller frees).  With CRM_ADD_DRY_RUN nothing is written.  The new (or,
 * in a dry run, the would-be) code is copied to code_out (65 bytes). */
int crm_customer_add(struct crm_store *st, const struct crm_customer_input *in, int flags,
		     struct crm_dup_list *dups, char code_out[65], struct crm_err *err);

/* Finds likely duplicates of in (excluding customer `self`, 0 for none). */
int crm_customer_duplicates(struct crm_store *st, const struct crm_customer_input *in,
			    int64_t self, struct crm_dup_list *dups, struct crm_err *err);

/* Resolves a key — an integer id or a customer code — to an id.
 * CRM_ENOTFOUND "no customer 'KEY'" when there is none. */
int crm_customer_find(struct crm_store *st, const char *key, int64_t *id, struct crm_err *err);

/* Copies the code of customer id into buf (65 bytes); "?" when there is
 * none.  For messages. */
void crm_customer_code(struct crm_store *st, int64_t id, char buf[65]);

struct crm_customer_filter {
	const char *status, *owner, *tag, *city, *country, *tier;
	const char *since; /* created on or after this date expression */
	const char *sort;  /* a column name, "-name" for descending */
	long limit;        /* 0: no limit */
	int archived;      /* 0: hide archived, 1: include them, 2: only them */
};

/* Columns of crm_customer_list, and the few a table shows by default. */
extern const struct crm_column crm_customer_columns[];
extern const size_t crm_customer_ncolumns;
#define CRM_CUSTOMER_TABLE_COLUMNS "code,name,status,owner,city,country,phone,email"

/* Streams the customers matching filter to out (opened by the caller with
 * crm_customer_columns). */
int crm_customer_list(struct crm_store *st, const struct crm_customer_filter *filter,
		      struct crm_out *out, struct crm_err *err);

/* Fills rec with everything about customer id: its fields, tags, extra
 * fields and contacts. */
int crm_customer_show(struct crm_store *st, int64_t id, struct crm_rec *rec, struct crm_err *err);

/* Changes the given fields, tags and extra fields of customer id in one
 * transaction.  CRM_EINVAL for bad values, nothing written. */
int crm_customer_edit(struct crm_store *st, int64_t id, const struct crm_customer_input *in,
		      struct crm_err *err);

/* Archives customer id, or with purge deletes it with its tags, extra fields
 * and contacts — refused with CRM_EINVAL while other records refer to it. */
int crm_customer_rm(struct crm_store *st, int64_t id, int purge, struct crm_err *err);

/* Moves everything that refers to customer drop (contacts, tags, extra
 * fields, and every other table's reference) to keep, fills keep's empty
 * fields from drop, and archives drop.  One transaction. */
int crm_customer_merge(struct crm_store *st, int64_t keep, int64_t drop, struct crm_err *err);

/* Hands every non-archived customer owned by `from` (optionally only those in
 * the comma-separated statuses) to `to`; *count receives how many. */
int crm_customer_reassign(struct crm_store *st, const char *from, const char *to,
			  const char *statuses, long *count, struct crm_err *err);

/* Columns of crm_customer_search: rank, then the usual list columns. */
extern const struct crm_column crm_customer_search_columns[];
extern const size_t crm_customer_search_ncolumns;
#define CRM_CUSTOMER_SEARCH_TABLE_COLUMNS "code,name,status,city,phone,email"

/* Streams the customers matching query, best first, at most limit rows
 * (0: no limit); archived ones only when include_archived. */
int crm_customer_search(struct crm_store *st, const char *query, long limit,
			int include_archived, struct crm_out *out, struct crm_err *err);

struct crm_import_stats {
	long added, updated, rows;
};

enum crm_import_flags {
	CRM_IMPORT_UPDATE = 1,
	CRM_IMPORT_DRY_RUN = 2,
	CRM_IMPORT_CHECK_DUPLICATES = 4 /* a new customer like an existing one (or an
					 * earlier row) aborts the import, as add does */
};

/* Imports every record of r in one transaction: all or nothing.  A bad row
 * aborts with "line N, column NAME: what is wrong" and leaves the database
 * as it was.  With CRM_IMPORT_UPDATE a row whose code exists updates that
 * customer; otherwise an existing code is an error.  With
 * CRM_IMPORT_CHECK_DUPLICATES every new customer goes through add's
 * duplicate check. */
int crm_customer_import(struct crm_store *st, struct crm_reader *r, int flags,
			struct crm_import_stats *stats, struct crm_err *err);

/* Writes every customer, archived ones too, with every field, tags and
 * extra fields ("field.KEY" columns), in the form import reads back.
 * Opens and closes its own stream on fp. */
int crm_customer_export(struct crm_store *st, FILE *fp, const struct crm_out_opts *opts,
			struct crm_err *err);

#endif
