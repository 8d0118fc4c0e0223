/* config.h — the settings a business changes with `crm config`: deal
 * stages, contact cadences, reps' mail addresses, reminder mail.
 *
 * Values live in the config table.  Every key crm reads is described in one
 * table in config.c (a pattern such as "rep.*.email", a value type, a
 * default and a line of help), so a mistyped key or a bad value is refused
 * when it is set, not when a report later reads it. */
#ifndef CRM_CONFIG_H
#define CRM_CONFIG_H

#include "output.h"
#include "store.h"

/* Checks that key is one crm knows and value suits it.  On success
 * *normalized receives the value as stored ("25%" → "25"), malloc'd, for
 * the caller to free.  CRM_EINVAL with a message naming the bad key or
 * value otherwise. */
int crm_config_check(const char *key, const char *value, char **normalized,
		     struct crm_err *err);

/* 1 when crm knows key (it matches a pattern of 'crm config keys'). */
int crm_config_known(const char *key);

/* Checks and stores one value (audited). */
int crm_config_put(struct crm_store *st, const char *key, const char *value,
		   struct crm_err *err);

/* Removes a value, so its default applies again.  CRM_ENOTFOUND when it was
 * not set. */
int crm_config_unset(struct crm_store *st, const char *key, struct crm_err *err);

/* The value of key: the stored one, else its default; a malloc'd string, or
 * NULL when it has neither (and for unknown keys). */
char *crm_config_value(struct crm_store *st, const char *key);

/* An integer setting (days, percent) with a fallback for when it is unset
 * and has no default. */
long crm_config_long(struct crm_store *st, const char *key, long fallback);

/* A money setting in minor units, or a rate setting in hundredths of a
 * percent ("8.5" → 850): CRM_OK, or CRM_ENOTFOUND when it is unset and has
 * no default (or a stored value no longer reads, which config set refuses). */
int crm_config_money(struct crm_store *st, const char *key, int64_t *out);
int crm_config_rate(struct crm_store *st, const char *key, int64_t *out);

/* Streams the stored settings whose key starts with prefix (NULL: all) as
 * rows of crm_config_columns. */
extern const struct crm_column crm_config_columns[];
extern const size_t crm_config_ncolumns;
int crm_config_list(struct crm_store *st, const char *prefix, struct crm_out *out,
		    struct crm_err *err);

/* Streams the keys crm knows, with their defaults and descriptions, as rows
 * of crm_config_key_columns. */
extern const struct crm_column crm_config_key_columns[];
extern const size_t crm_config_key_ncolumns;
int crm_config_keys(struct crm_out *out, struct crm_err *err);

#endif
