/* customer.c — the customer file.
 *
 * One validation path (customer_validate) serves add, edit and every import
 * row, so a value refused by `add` is refused by `import` with the same words. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "activity.h"
#include "aging.h"
#include "case.h"
#include "contact.h"
#include "deal.h"
#include "doc.h"
#include "rma.h"
#include "task.h"
#include "customer.h"
#include "date.h"
#include "money.h"
#include "search.h"
#include "text.h"
#include "validate.h"

enum field_type { FT_TEXT, FT_CODE, FT_NAME, FT_KIND, FT_STATUS, FT_EMAIL, FT_PHONE,
		  FT_URL, FT_MONEY, FT_DAYS, FT_NOTE };

static const struct {
	const char *name;
	enum field_type type;
} fields[CF_COUNT] = {
	[CF_CODE] = {"code", FT_CODE},       [CF_NAME] = {"name", FT_NAME},
	[CF_KIND] = {"kind", FT_KIND},       [CF_STATUS] = {"status", FT_STATUS},
	[CF_OWNER] = {"owner", FT_TEXT},     [CF_EMAIL] = {"email", FT_EMAIL},
	[CF_PHONE] = {"phone", FT_PHONE},    [CF_WEBSITE] = {"website", FT_URL},
	[CF_STREET] = {"street", FT_TEXT},   [CF_CITY] = {"city", FT_TEXT},
	[CF_REGION] = {"region", FT_TEXT},   [CF_POSTCODE] = {"postcode", FT_TEXT},
	[CF_COUNTRY] = {"country", FT_TEXT}, [CF_TAX_ID] = {"tax_id", FT_TEXT},
	[CF_INDUSTRY] = {"industry", FT_TEXT}, [CF_SOURCE] = {"source", FT_TEXT},
	[CF_TIER] = {"tier", FT_TEXT},       [CF_CREDIT_LIMIT] = {"credit_limit", FT_MONEY},
	[CF_TERMS] = {"terms", FT_DAYS},     [CF_NOTE] = {"note", FT_NOTE},
	[CF_CAMPAIGN] = {"campaign", FT_TEXT}, [CF_CADENCE] = {"cadence", FT_DAYS},
};

static const char *const kinds[] = {"company", "person", NULL};
static const char *const statuses[] = {"lead", "prospect", "active", "inactive", "lost", NULL};

#define MAX_TEXT 500
#define MAX_NOTE 100000

const char *crm_customer_field_name(enum crm_customer_field f)
{
	return fields[f].name;
}

int crm_customer_field_by_name(const char *name)
{
	for (int f = 0; f < CF_COUNT; f++) {
		const char *a = fields[f].name, *b = name;

		while (*a && (*a == *b || (*a == '_' && *b == '-')))
			a++, b++;
		if (!*a && !*b)
			return f;
	}
	return -1;
}

const struct crm_column crm_customer_columns[] = {
	{"id", CRM_COL_INT},        {"code", CRM_COL_TEXT},     {"name", CRM_COL_TEXT},
	{"kind", CRM_COL_TEXT},     {"status", CRM_COL_TEXT},   {"owner", CRM_COL_TEXT},
	{"email", CRM_COL_TEXT},    {"phone", CRM_COL_TEXT},    {"website", CRM_COL_TEXT},
	{"street", CRM_COL_TEXT},   {"city", CRM_COL_TEXT},     {"region", CRM_COL_TEXT},
	{"postcode", CRM_COL_TEXT}, {"country", CRM_COL_TEXT},  {"tax_id", CRM_COL_TEXT},
	{"industry", CRM_COL_TEXT}, {"source", CRM_COL_TEXT},   {"tier", CRM_COL_TEXT},
	{"credit_limit", CRM_COL_MONEY}, {"terms", CRM_COL_INT}, {"note", CRM_COL_TEXT},
	{"campaign", CRM_COL_TEXT}, {"cadence", CRM_COL_INT},
	{"tags", CRM_COL_TEXT},     {"archived", CRM_COL_BOOL}, {"created", CRM_COL_TEXT},
	{"updated", CRM_COL_TEXT},
};
const size_t crm_customer_ncolumns = sizeof crm_customer_columns / sizeof *crm_customer_columns;

/* The SELECT list matching crm_customer_columns, over customer c. */
#define CUSTOMER_SELECT                                                                        \
	"c.id, c.code, c.name, c.kind, c.status, c.owner, c.email, c.phone, c.website, "      \
	"c.street, c.city, c.region, c.postcode, c.country, c.tax_id, c.industry, c.source, " \
	"c.tier, c.credit_limit, c.terms, c.note, c.campaign, c.cadence, "                      \
	"(SELECT group_concat(tag, ';') FROM (SELECT tag FROM customer_tag "                   \
	"  WHERE customer_id = c.id ORDER BY tag)), "                                          \
	"c.archived, c.created, c.updated"

#define COL_CREDIT_LIMIT 18

/* ---- validation ---- */

static int one_of(const char *s, const char *const *allowed)
{
	for (; *allowed; allowed++)
		if (strcmp(s, *allowed) == 0)
			return 1;
	return 0;
}

static int valid_code(const char *s)
{
	size_t n = strlen(s), digits = 0;

	if (n == 0 || n > 64)
		return 0;
	for (const char *p = s; *p; p++) {
		if (!isalnum((unsigned char)*p) && !strchr("._-/", *p))
			return 0;
		digits += isdigit((unsigned char)*p) != 0;
	}
	return digits < n; /* all digits would read as an id */
}

/* Checks one field's text; on success *value is what to store (an integer
 * for money and days goes in *num).  label prefixes the message, so an import
 * can say "line 7, column email". */
static int validate_field(struct crm_store *st, enum crm_customer_field f, const char *s,
			  int64_t *num, const char *label, struct crm_err *err)
{
	const char *name = fields[f].name;
	struct crm_err e;
	char *end;
	long days;

	switch (fields[f].type) {
	case FT_CODE:
		if (!valid_code(s))
			return crm_fail(err, CRM_EINVAL,
					"%s'%s' is not a valid code (1-64 letters, digits, . _ - /; "
					"not all digits)", label, s);
		return CRM_OK;
	case FT_KIND:
		if (!one_of(s, kinds))
			return crm_fail(err, CRM_EINVAL, "%s'%s' is not a kind (company, person)",
					label, s);
		return CRM_OK;
	case FT_STATUS:
		if (!one_of(s, statuses))
			return crm_fail(err, CRM_EINVAL,
					"%s'%s' is not a status (lead, prospect, active, inactive, "
					"lost)", label, s);
		return CRM_OK;
	case FT_EMAIL:
		if (!crm_valid_email(s))
			return crm_fail(err, CRM_EINVAL, "%s'%s' is not an email address", label, s);
		return CRM_OK;
	case FT_PHONE:
		if (!crm_valid_phone(s))
			return crm_fail(err, CRM_EINVAL, "%s'%s' is not a phone number", label, s);
		return CRM_OK;
	case FT_URL:
		if (crm_has_space_or_control(s))
			return crm_fail(err, CRM_EINVAL, "%s'%s' is not a web address", label, s);
		return CRM_OK;
	case FT_MONEY:
		if (crm_money_parse(s, st->money_decimals, num, &e) != CRM_OK)
			return crm_fail(err, CRM_EINVAL, "%s%s", label, e.msg);
		if (*num < 0)
			return crm_fail(err, CRM_EINVAL, "%s%s '%s' is negative", label, name, s);
		return CRM_OK;
	case FT_DAYS: {
		/* a cadence of 0 days would make every customer due every day */
		long least = f == CF_CADENCE ? 1 : 0;

		days = strtol(s, &end, 10);
		if (!isdigit((unsigned char)*s) || *end || days < least || days > 3650)
			return crm_fail(err, CRM_EINVAL,
					"%s%s '%s' is not a number of days (%ld-3650)", label, name,
					s, least);
		*num = days;
		return CRM_OK;
	}
	case FT_NOTE:
		if (strlen(s) > MAX_NOTE || crm_has_control(s, 1))
			return crm_fail(err, CRM_EINVAL, "%s%s is too long or has control characters",
					label, name);
		return CRM_OK;
	default:
		if (strlen(s) > MAX_TEXT || crm_has_control(s, 0))
			return crm_fail(err, CRM_EINVAL, "%s%s '%s' is too long or has control characters",
					label, name, s);
		return CRM_OK;
	}
}

static int valid_tag(const char *t)
{
	size_t n = strlen(t);

	return n > 0 && n <= 64 && *t != '+' && *t != '-' && !crm_has_space_or_control(t) &&
	       !strpbrk(t, ",;");
}

static int valid_field_key(const char *k, size_t n)
{
	if (n == 0 || n > 64)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)k[i]) && k[i] != '_' && k[i] != '-')
			return 0;
	return 1;
}

/* A customer being written: the validated text of each field. */
struct customer_values {
	const char *v[CF_COUNT];
	int64_t num[CF_COUNT];
};

/* Trimmed copies live in a buffer owned by the caller. */
static const char *trim(const char *s, char **owned)
{
	size_t start = 0, end;

	*owned = NULL;
	if (!s)
		return NULL;
	end = strlen(s);
	while (start < end && isspace((unsigned char)s[start]))
		start++;
	while (end > start && isspace((unsigned char)s[end - 1]))
		end--;
	if (start == 0 && s[end] == '\0')
		return s;
	*owned = strndup(s + start, end - start);
	if (!*owned)
		abort();
	return *owned;
}

/* Validates the fields of in (label prefixes messages).  For add (editing =
 * 0) empty text means "not given"; for edit it means "clear". */
static int customer_validate(struct crm_store *st, const struct crm_customer_input *in,
			     int editing, struct customer_values *out, char **owned,
			     const char *label, struct crm_err *err)
{
	int rc = CRM_OK;

	memset(out, 0, sizeof *out);
	for (int f = 0; f < CF_COUNT && rc == CRM_OK; f++) {
		const char *s = f == CF_NOTE ? in->v[f] : trim(in->v[f], &owned[f]);
		char lab[160] = "";

		out->v[f] = s;
		if (!s)
			continue;
		if (*label)
			snprintf(lab, sizeof lab, "%s, column %s: ", label, fields[f].name);
		if (!*s) {
			int required = f == CF_NAME || f == CF_CODE || f == CF_KIND || f == CF_STATUS;

			if (editing && required)
				return crm_fail(err, CRM_EINVAL, "%s%s cannot be empty", lab,
						fields[f].name);
			if (!editing)
				out->v[f] = NULL;
			continue;
		}
		rc = validate_field(st, f, s, &out->num[f], lab, err);
	}
	for (size_t i = 0; i < in->ntags && rc == CRM_OK; i++)
		if (!valid_tag(in->tags[i]))
			rc = crm_fail(err, CRM_EINVAL,
				      "%s%s'%s' is not a tag (no spaces, commas or semicolons; "
				      "not starting with + or -)", label, *label ? ", column tags: " : "",
				      in->tags[i]);
	for (size_t i = 0; i < in->nfields && rc == CRM_OK; i++) {
		const char *kv = in->fields[i], *eq = strchr(kv, '=');
		int keylen = eq ? (int)(eq - kv) : (int)strlen(kv);

		if (!eq || !valid_field_key(kv, (size_t)keylen))
			rc = crm_fail(err, CRM_EINVAL,
				      "%s%s'%s' is not an extra field (key=value; key of letters, "
				      "digits, _ and -)", label, *label ? ", column field: " : "", kv);
		else if (crm_has_control(eq + 1, 1))
			rc = crm_fail(err, CRM_EINVAL, "%s%sfield '%.*s' has control characters",
				      label, *label ? ": " : "", keylen, kv);
	}
	return rc;
}

static void free_owned(char **owned)
{
	for (int f = 0; f < CF_COUNT; f++)
		free(owned[f]);
}

/* ---- duplicate keys ---- */

static const char *const legal_forms[] = {
	"ab", "ag", "as", "bv", "co", "company", "corp", "corporation", "gmbh", "inc",
	"incorporated", "kg", "kk", "limited", "llc", "llp", "ltd", "nv", "ohg", "oy", "plc",
	"pty", "sa", "sarl", "sas", "spa", "srl", "the", "and", NULL};

/* The folded name without legal-form words, spaces removed: "ACME Trading
 * GmbH" and "Acme-Trading" share the key "acmetrading". */
static void name_key(const char *name, struct crm_buf *key)
{
	struct crm_buf folded = {0};
	const char *p;

	crm_fold(&folded, name, strlen(name));
	crm_buf_reset(key);
	crm_buf_adds(key, "");
	for (p = folded.data ? folded.data : ""; *p;) {
		size_t n = strcspn(p, " ");
		int skip = 0;

		for (const char *const *w = legal_forms; *w && !skip; w++)
			skip = strlen(*w) == n && !strncmp(*w, p, n);
		if (!skip)
			crm_buf_add(key, p, n);
		p += n + (p[n] == ' ');
	}
	if (key->len == 0 && folded.data) /* a name made only of legal forms */
		crm_buf_adds(key, folded.data);
	free(folded.data);
}

/* The last nine digits of a phone number, so "+44 20 7946 0018" and
 * "020 7946 0018" meet; NULL when it has fewer than six. */
static char *phone_key(const char *phone)
{
	char digits[64];
	size_t n = 0;

	for (const char *p = phone; p && *p && n < sizeof digits - 1; p++)
		if (isdigit((unsigned char)*p))
			digits[n++] = *p;
	digits[n] = '\0';
	if (n < 6)
		return NULL;
	return strdup(n > 9 ? digits + n - 9 : digits);
}

/* The tax id's letters and digits, upper case: "de 123-456" → "DE123456". */
static char *tax_key(const char *tax)
{
	char *k;
	size_t n = 0;

	if (!tax || !*tax)
		return NULL;
	if (!(k = malloc(strlen(tax) + 1)))
		abort();
	for (; *tax; tax++)
		if (isalnum((unsigned char)*tax))
			k[n++] = (char)toupper((unsigned char)*tax);
	k[n] = '\0';
	if (n == 0) {
		free(k);
		return NULL;
	}
	return k;
}

static size_t to_codepoints(const char *s, uint32_t *out, size_t cap)
{
	size_t n = 0, len = strlen(s);

	for (size_t i = 0; i < len && n < cap;) {
		i += (size_t)crm_utf8_decode(s + i, len - i, &out[n]);
		n++;
	}
	return n;
}

/* Edit distance between two name keys, by code point, giving up (returning
 * limit + 1) once it must exceed limit. */
static size_t edit_distance(const char *a, const char *b, size_t limit)
{
	uint32_t ca[64], cb[64];
	size_t na = to_codepoints(a, ca, 64), nb = to_codepoints(b, cb, 64);
	size_t prev[65], cur[65];

	if ((na > nb ? na - nb : nb - na) > limit)
		return limit + 1;
	for (size_t j = 0; j <= nb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t best = cur[0] = i;

		for (size_t j = 1; j <= nb; j++) {
			size_t sub = prev[j - 1] + (ca[i - 1] != cb[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;

			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
			if (cur[j] < best)
				best = cur[j];
		}
		if (best > limit)
			return limit + 1;
		memcpy(prev, cur, (nb + 1) * sizeof *prev);
	}
	return prev[nb];
}

/* How different two name keys may be and still look like the same name. */
static size_t name_tolerance(const char *key)
{
	size_t n = strlen(key);

	return n < 5 ? 0 : n < 12 ? 1 : 2;
}

static void dup_push(struct crm_dup_list *dups, sqlite3_stmt *stmt, const char *reason)
{
	int64_t id = sqlite3_column_int64(stmt, 0);
	struct crm_dup *d;

	for (size_t i = 0; i < dups->n; i++)
		if (dups->items[i].id == id) {
			size_t len = strlen(dups->items[i].reason) + strlen(reason) + 3;
			char *r = malloc(len);

			if (!r)
				abort();
			snprintf(r, len, "%s, %s", dups->items[i].reason, reason);
			free(dups->items[i].reason);
			dups->items[i].reason = r;
			return;
		}
	dups->items = realloc(dups->items, (dups->n + 1) * sizeof *dups->items);
	if (!dups->items)
		abort();
	d = &dups->items[dups->n++];
	d->id = id;
	d->code = strdup((const char *)sqlite3_column_text(stmt, 1));
	d->name = strdup((const char *)sqlite3_column_text(stmt, 2));
	d->reason = strdup(reason);
}

void crm_dup_list_free(struct crm_dup_list *dups)
{
	for (size_t i = 0; i < dups->n; i++) {
		free(dups->items[i].code);
		free(dups->items[i].name);
		free(dups->items[i].reason);
	}
	free(dups->items);
	dups->items = NULL;
	dups->n = 0;
}

/* Runs one candidate query (id, code, name, name_key) and adds its rows. */
static int dup_query(struct crm_store *st, const char *sql, const char *key, int64_t self,
		     const char *reason, const char *similar_to, struct crm_dup_list *dups,
		     struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st, sql, &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, self);
	if (similar_to) {
		uint32_t cps[64];

		sqlite3_bind_int64(stmt, 3, (int64_t)to_codepoints(similar_to, cps, 64));
	}
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *other = (const char *)sqlite3_column_text(stmt, 3);

		if (!similar_to)
			dup_push(dups, stmt, reason);
		else if (strcmp(other, similar_to) == 0)
			dup_push(dups, stmt, "same name");
		else if (edit_distance(other, similar_to, name_tolerance(similar_to)) <=
			 name_tolerance(similar_to))
			dup_push(dups, stmt, "similar name");
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}

static int find_duplicates(struct crm_store *st, const char *name, const char *email,
			   const char *phone, const char *tax, int64_t self,
			   struct crm_dup_list *dups, struct crm_err *err)
{
	struct crm_buf key = {0}, prefix = {0};
	char *pk = phone_key(phone), *tk = tax_key(tax);
	int rc = CRM_OK;
	uint32_t cp;

	if (name) {
		name_key(name, &key);
		/* Candidates share the key's first two characters and about its
		 * length (a range scan of the name_key index); the edit distance
		 * decides. */
		if (key.len) {
			size_t n = (size_t)crm_utf8_decode(key.data, key.len, &cp);

			if (n < key.len)
				n += (size_t)crm_utf8_decode(key.data + n, key.len - n, &cp);
			crm_buf_add(&prefix, key.data, n);
			rc = dup_query(st,
				       "SELECT id, code, name, name_key FROM customer "
				       "WHERE name_key >= ?1 AND name_key < ?1 || char(1114111) "
				       "AND id <> ?2 AND abs(length(name_key) - ?3) <= 2 LIMIT 5000",
				       prefix.data, self, NULL, key.data, dups, err);
		}
	}
	if (rc == CRM_OK && email && *email)
		rc = dup_query(st,
			       "SELECT id, code, name, name_key FROM customer "
			       "WHERE email = ?1 COLLATE NOCASE AND id <> ?2",
			       email, self, "same email", NULL, dups, err);
	if (rc == CRM_OK && pk)
		rc = dup_query(st,
			       "SELECT id, code, name, name_key FROM customer "
			       "WHERE phone_key = ?1 AND id <> ?2",
			       pk, self, "same phone", NULL, dups, err);
	if (rc == CRM_OK && tk)
		rc = dup_query(st,
			       "SELECT id, code, name, name_key FROM customer "
			       "WHERE tax_key = ?1 AND id <> ?2",
			       tk, self, "same tax id", NULL, dups, err);
	free(key.data);
	free(prefix.data);
	free(pk);
	free(tk);
	return rc;
}

int crm_customer_duplicates(struct crm_store *st, const struct crm_customer_input *in,
			    int64_t self, struct crm_dup_list *dups, struct crm_err *err)
{
	return find_duplicates(st, in->v[CF_NAME], in->v[CF_EMAIL], in->v[CF_PHONE],
			       in->v[CF_TAX_ID], self, dups, err);
}

/* ---- writing ---- */

/* Prepared statements shared by add and import, so a million-row import
 * prepares each once. */
struct writer {
	struct crm_store *st;
	sqlite3_stmt *insert, *tag_add, *tag_del, *tags_clear, *field_set, *field_del,
		*code_id, *max_id;
	int64_t next_number;
	int64_t first_id_before; /* import: the highest id given before it began */
};

static const char insert_sql[] =
	"INSERT INTO customer (code, name, kind, status, owner, email, phone, website, street, "
	"city, region, postcode, country, tax_id, industry, source, tier, credit_limit, terms, "
	"note, campaign, cadence, archived, created, updated, name_key, phone_key, tax_key) "
	"VALUES (?1, ?2, ifnull(?3, 'company'), ifnull(?4, 'active'), ?5, ?6, ?7, ?8, ?9, ?10, "
	"?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, "
	"?28)";

static int writer_open(struct writer *w, struct crm_store *st, struct crm_err *err)
{
	int rc;

	memset(w, 0, sizeof *w);
	w->st = st;
	if ((rc = crm_store_prepare(st, insert_sql, &w->insert, err)) ||
	    (rc = crm_store_prepare(st, "INSERT OR IGNORE INTO customer_tag (customer_id, tag) "
					"VALUES (?1, ?2)", &w->tag_add, err)) ||
	    (rc = crm_store_prepare(st, "DELETE FROM customer_tag WHERE customer_id = ?1 "
					"AND tag = ?2", &w->tag_del, err)) ||
	    /* the tags not in ?2, "a;b" (a tag holds no ';') */
	    (rc = crm_store_prepare(st, "DELETE FROM customer_tag WHERE customer_id = ?1 AND "
					"instr(';' || ?2 || ';', ';' || tag || ';') = 0",
				    &w->tags_clear, err)) ||
	    (rc = crm_store_prepare(st, "INSERT INTO customer_field (customer_id, key, value) "
					"VALUES (?1, ?2, ?3) ON CONFLICT (customer_id, key) DO "
					"UPDATE SET value = excluded.value", &w->field_set, err)) ||
	    (rc = crm_store_prepare(st, "DELETE FROM customer_field WHERE customer_id = ?1 "
					"AND key = ?2", &w->field_del, err)) ||
	    (rc = crm_store_prepare(st, "SELECT id FROM customer WHERE code = ?1", &w->code_id,
				    err)) ||
	    (rc = crm_store_prepare(st, "SELECT ifnull((SELECT seq FROM sqlite_sequence "
					"WHERE name = 'customer'), 0)", &w->max_id,
				    err)))
		return rc;
	return CRM_OK;
}

static void writer_close(struct writer *w)
{
	sqlite3_finalize(w->insert);
	sqlite3_finalize(w->tag_add);
	sqlite3_finalize(w->tag_del);
	sqlite3_finalize(w->tags_clear);
	sqlite3_finalize(w->field_set);
	sqlite3_finalize(w->field_del);
	sqlite3_finalize(w->code_id);
	sqlite3_finalize(w->max_id);
}

/* Runs a statement that returns no rows, then resets it for reuse. */
static int run(struct crm_store *st, sqlite3_stmt *stmt, struct crm_err *err)
{
	int rc = sqlite3_step(stmt);

	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}

/* The id of the customer with this code, or 0. */
static int64_t code_to_id(struct writer *w, const char *code)
{
	int64_t id = 0;

	sqlite3_bind_text(w->code_id, 1, code, -1, SQLITE_STATIC);
	if (sqlite3_step(w->code_id) == SQLITE_ROW)
		id = sqlite3_column_int64(w->code_id, 0);
	sqlite3_reset(w->code_id);
	return id;
}

/* The next free code of the form C00001, numbered after the highest id
 * ever given (sqlite_sequence), so a purged customer's code stays retired. */
static void next_code(struct writer *w, char code[65])
{
	if (w->next_number == 0) {
		if (sqlite3_step(w->max_id) == SQLITE_ROW)
			w->next_number = sqlite3_column_int64(w->max_id, 0) + 1;
		sqlite3_reset(w->max_id);
	}
	do
		snprintf(code, 65, "C%05lld", (long long)w->next_number++);
	while (code_to_id(w, code));
}

static void bind_value(sqlite3_stmt *stmt, int i, const struct customer_values *vals, int f)
{
	if (!vals->v[f] || !*vals->v[f])
		sqlite3_bind_null(stmt, i);
	else if (fields[f].type == FT_MONEY || fields[f].type == FT_DAYS)
		sqlite3_bind_int64(stmt, i, vals->num[f]);
	else
		sqlite3_bind_text(stmt, i, vals->v[f], -1, SQLITE_STATIC);
}

/* Binds the duplicate-detection keys of vals at parameters first..first+2. */
static void bind_keys(sqlite3_stmt *stmt, int first, const struct customer_values *vals)
{
	struct crm_buf key = {0};

	name_key(vals->v[CF_NAME], &key);
	sqlite3_bind_text(stmt, first, key.data, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, first + 1, phone_key(vals->v[CF_PHONE]), -1, free);
	sqlite3_bind_text(stmt, first + 2, tax_key(vals->v[CF_TAX_ID]), -1, free);
	free(key.data);
}

static int set_tags(struct writer *w, int64_t id, const char *const *tags, size_t n,
		    sqlite3_stmt *stmt, struct crm_err *err)
{
	int rc = CRM_OK;

	for (size_t i = 0; i < n && rc == CRM_OK; i++) {
		sqlite3_bind_int64(stmt, 1, id);
		sqlite3_bind_text(stmt, 2, tags[i], -1, SQLITE_STATIC);
		rc = run(w->st, stmt, err);
	}
	return rc;
}

static int set_fields(struct writer *w, int64_t id, const char *const *kv, size_t n,
		      struct crm_err *err)
{
	int rc = CRM_OK;

	for (size_t i = 0; i < n && rc == CRM_OK; i++) {
		const char *eq = strchr(kv[i], '=');
		sqlite3_stmt *stmt = eq[1] ? w->field_set : w->field_del;

		sqlite3_bind_int64(stmt, 1, id);
		sqlite3_bind_text(stmt, 2, kv[i], (int)(eq - kv[i]), SQLITE_STATIC);
		if (eq[1])
			sqlite3_bind_text(stmt, 3, eq + 1, -1, SQLITE_STATIC);
		rc = run(w->st, stmt, err);
	}
	return rc;
}

/* Inserts validated values with their tags and extra fields. */
static int insert_customer(struct writer *w, const struct customer_values *vals,
			   const struct crm_customer_input *in, char code[65], int64_t *id,
			   struct crm_err *err)
{
	const char *now = w->st->clock.now;
	int rc;

	if (vals->v[CF_CODE])
		snprintf(code, 65, "%s", vals->v[CF_CODE]);
	else
		next_code(w, code);
	sqlite3_bind_text(w->insert, 1, code, -1, SQLITE_STATIC);
	for (int f = CF_NAME; f < CF_COUNT; f++)
		bind_value(w->insert, f + 1, vals, f);
	/* after the fields (parameters 1 to CF_COUNT): archived, created,
	 * updated and the duplicate-detection keys */
	sqlite3_bind_int(w->insert, CF_COUNT + 1, in->archived > 0);
	sqlite3_bind_text(w->insert, CF_COUNT + 2, in->created ? in->created : now, -1,
			  SQLITE_STATIC);
	sqlite3_bind_text(w->insert, CF_COUNT + 3, now, -1, SQLITE_STATIC);
	bind_keys(w->insert, CF_COUNT + 4, vals);
	if ((rc = run(w->st, w->insert, err)) != CRM_OK)
		return rc;
	*id = sqlite3_last_insert_rowid(w->st->db);
	if ((rc = set_tags(w, *id, in->tags, in->ntags, w->tag_add, err)) != CRM_OK)
		return rc;
	return set_fields(w, *id, in->fields, in->nfields, err);
}

int crm_customer_add(struct crm_store *st, const struct crm_customer_input *in, int flags,
		     struct crm_dup_list *dups, char code_out[65], struct crm_err *err)
{
	struct customer_values vals;
	char *owned[CF_COUNT] = {0};
	struct writer w;
	int64_t id;
	int rc;

	if (!in->v[CF_NAME] || !*in->v[CF_NAME])
		return crm_fail(err, CRM_EINVAL, "a customer needs a name");
	if ((rc = customer_validate(st, in, 0, &vals, owned, "", err)) != CRM_OK)
		goto out;
	if (!vals.v[CF_NAME]) { /* only blanks, trimmed away */
		rc = crm_fail(err, CRM_EINVAL, "a customer needs a name");
		goto out;
	}
	if ((rc = crm_store_begin(st, err)) != CRM_OK)
		goto out;
	if ((rc = writer_open(&w, st, err)) == CRM_OK) {
		if (vals.v[CF_CODE] && code_to_id(&w, vals.v[CF_CODE]))
			rc = crm_fail(err, CRM_EINVAL, "customer code '%s' is already taken",
				      vals.v[CF_CODE]);
		if (rc == CRM_OK && !(flags & CRM_ADD_FORCE))
			rc = find_duplicates(st, vals.v[CF_NAME], vals.v[CF_EMAIL],
					     vals.v[CF_PHONE], vals.v[CF_TAX_ID], 0, dups, err);
		if (rc == CRM_OK && dups->n)
			rc = crm_fail(err, CRM_EINVAL, "%zu likely duplicate%s of '%s'; "
				      "add --force to add it anyway", dups->n,
				      dups->n == 1 ? "" : "s", vals.v[CF_NAME]);
		if (rc == CRM_OK)
			rc = insert_customer(&w, &vals, in, code_out, &id, err);
		writer_close(&w);
	}
	if (rc == CRM_OK && !(flags & CRM_ADD_DRY_RUN))
		rc = crm_store_commit(st, err);
	else
		crm_store_rollback(st);
out:
	free_owned(owned);
	return rc;
}

/* ---- reading ---- */

void crm_customer_code(struct crm_store *st, int64_t id, char buf[65])
{
	sqlite3_stmt *stmt;

	strcpy(buf, "?");
	if (crm_store_prepare(st, "SELECT code FROM customer WHERE id = ?1", &stmt, NULL))
		return;
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		snprintf(buf, 65, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
}

int crm_customer_find(struct crm_store *st, const char *key, int64_t *id, struct crm_err *err)
{
	return crm_store_find(st, "SELECT id FROM customer WHERE id = ?1",
			      "SELECT id FROM customer WHERE code = ?1", key, "customer", id, err);
}

/* Sort keys a user may name: the list columns, nothing else. */
static int sort_clause(const char *sort, struct crm_buf *sql, struct crm_err *err)
{
	int desc = sort && *sort == '-';
	const char *name = sort ? sort + desc : "name";

	for (size_t i = 0; i < crm_customer_ncolumns; i++)
		if (strcmp(crm_customer_columns[i].name, name) == 0 && strcmp(name, "tags") != 0) {
			crm_buf_addf(sql, " ORDER BY c.%s%s%s, c.id", name,
				     crm_customer_columns[i].type == CRM_COL_TEXT ? " COLLATE NOCASE"
										  : "",
				     desc ? " DESC" : "");
			return CRM_OK;
		}
	return crm_fail(err, CRM_EUSAGE, "cannot sort by '%s'", sort);
}

int crm_customer_list(struct crm_store *st, const struct crm_customer_filter *flt,
		      struct crm_out *out, struct crm_err *err)
{
	struct crm_buf sql = {0};
	sqlite3_stmt *stmt = NULL;
	crm_day since = 0;
	int rc;

	if (flt->status && !one_of(flt->status, statuses))
		return crm_fail(err, CRM_EINVAL,
				"'%s' is not a status (lead, prospect, active, inactive, lost)",
				flt->status);
	if (flt->since && (rc = crm_date_parse(flt->since, st->clock.today, &since, err)))
		return rc;
	crm_buf_adds(&sql, "SELECT " CUSTOMER_SELECT " FROM customer c WHERE 1");
	crm_buf_adds(&sql, flt->archived == 0 ? " AND c.archived = 0"
			   : flt->archived == 2 ? " AND c.archived = 1" : "");
	if (flt->status)
		crm_buf_adds(&sql, " AND c.status = :status");
	if (flt->owner)
		crm_buf_adds(&sql, " AND c.owner = :owner");
	if (flt->tag)
		crm_buf_adds(&sql, " AND c.id IN (SELECT customer_id FROM customer_tag WHERE tag = :tag)");
	if (flt->city)
		crm_buf_adds(&sql, " AND c.city = :city COLLATE NOCASE");
	if (flt->country)
		crm_buf_adds(&sql, " AND c.country = :country COLLATE NOCASE");
	if (flt->tier)
		crm_buf_adds(&sql, " AND c.tier = :tier");
	if (flt->since)
		crm_buf_adds(&sql, " AND c.created >= :since");
	if ((rc = sort_clause(flt->sort, &sql, err)) == CRM_OK && flt->limit > 0)
		crm_buf_adds(&sql, " LIMIT :limit");
	if (rc == CRM_OK && (rc = crm_store_prepare(st, sql.data, &stmt, err)) == CRM_OK) {
		char day[CRM_DATE_BUFSZ];

		crm_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":status"), flt->status);
		crm_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":owner"), flt->owner);
		crm_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":tag"), flt->tag);
		crm_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":city"), flt->city);
		crm_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":country"), flt->country);
		crm_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":tier"), flt->tier);
		crm_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":since"),
			      crm_date_format(since, day));
		sqlite3_bind_int64(stmt, sqlite3_bind_parameter_index(stmt, ":limit"), flt->limit);
		rc = crm_store_stream(st, stmt, 0, crm_customer_columns, crm_customer_ncolumns, out, err);
	}
	sqlite3_finalize(stmt);
	free(sql.data);
	return rc;
}

/* The best matches are chosen inside the index alone (crm_rank, see
 * search.h, then the order of entry); only those rows are read in full. */
int crm_customer_search(struct crm_store *st, const char *query, long limit,
			int include_archived, struct crm_out *out, struct crm_err *err)
{
	struct crm_buf match = {0};
	sqlite3_stmt *stmt = NULL;
	int rc;

	crm_buf_adds(&match, "(");
	rc = crm_search_match(query, &match, err);
	crm_buf_adds(&match, ")");
	if (!include_archived)
		crm_buf_adds(&match, " NOT short : \"" CRM_SEARCH_ARCHIVED_UNIT "\"");
	if (rc == CRM_OK)
		rc = crm_store_prepare(st,
				       "SELECT " CUSTOMER_SELECT " FROM (SELECT rowid AS id, "
				       "crm_rank(customer_fts) AS rank FROM customer_fts "
				       "WHERE customer_fts MATCH ?1 ORDER BY rank, rowid LIMIT ?2) hit "
				       "JOIN customer c ON c.id = hit.id ORDER BY hit.rank, hit.id",
				       &stmt, err);
	if (rc == CRM_OK) {
		sqlite3_bind_text(stmt, 1, match.data, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 2, limit > 0 ? limit : -1);
		rc = crm_store_stream(st, stmt, 0, crm_customer_columns, crm_customer_ncolumns, out, err);
	}
	sqlite3_finalize(stmt);
	free(match.data);
	return rc;
}

/* ---- show ---- */

/* What the other modules add to customer show, in this order: each adds its
 * fields and tables about the customer.  A new module adds one line. */
static int (*const show_sections[])(struct crm_store *, int64_t, struct crm_rec *,
				    struct crm_err *) = {
	crm_contact_section,
	crm_activity_section,
	crm_task_section,
	crm_deal_section,
	crm_doc_section,
	crm_aging_section,
	crm_case_section,
	crm_rma_section,
};

static int show_tags_and_fields(struct crm_store *st, int64_t id, struct crm_rec *rec,
				struct crm_err *err)
{
	sqlite3_stmt *stmt;
	const char **tags = NULL;
	size_t n = 0;
	int rc = crm_store_prepare(st, "SELECT tag FROM customer_tag WHERE customer_id = ?1 "
				       "ORDER BY tag", &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		tags = realloc(tags, (n + 1) * sizeof *tags);
		if (!tags)
			abort();
		tags[n++] = strdup((const char *)sqlite3_column_text(stmt, 0));
	}
	sqlite3_finalize(stmt);
	crm_rec_strings(rec, "tags", tags, n);
	for (size_t i = 0; i < n; i++)
		free((char *)tags[i]);
	free(tags);
	if ((rc = crm_store_prepare(st, "SELECT key, value FROM customer_field "
					"WHERE customer_id = ?1 ORDER BY key", &stmt, err)))
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	crm_rec_map(rec, "field");
	while (sqlite3_step(stmt) == SQLITE_ROW)
		crm_rec_map_put(rec, "field", (const char *)sqlite3_column_text(stmt, 0),
				(const char *)sqlite3_column_text(stmt, 1));
	sqlite3_finalize(stmt);
	return CRM_OK;
}

int crm_customer_show(struct crm_store *st, int64_t id, struct crm_rec *rec, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	char money[CRM_MONEY_BUFSZ];
	int rc = crm_store_prepare(st, "SELECT " CUSTOMER_SELECT " FROM customer c WHERE c.id = ?1",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = sqlite3_step(stmt)) != SQLITE_ROW) {
		sqlite3_finalize(stmt);
		return rc == SQLITE_DONE ? crm_fail(err, CRM_ENOTFOUND, "no customer with id %lld",
						    (long long)id)
					 : crm_store_error(st, rc, err);
	}
	for (size_t i = 0; i < crm_customer_ncolumns; i++) {
		const struct crm_column *c = &crm_customer_columns[i];
		const char *v = (const char *)sqlite3_column_text(stmt, (int)i);

		if (strcmp(c->name, "tags") == 0)
			continue;
		if (c->type == CRM_COL_MONEY && v)
			v = crm_money_format(sqlite3_column_int64(stmt, (int)i), st->money_decimals,
					     money);
		crm_rec_field(rec, c->name, c->type, v);
	}
	sqlite3_finalize(stmt);
	if ((rc = show_tags_and_fields(st, id, rec, err)) != CRM_OK)
		return rc;
	for (size_t i = 0; i < sizeof show_sections / sizeof *show_sections && rc == CRM_OK; i++)
		rc = show_sections[i](st, id, rec, err);
	return rc;
}

/* ---- edit ---- */

static int input_is_empty(const struct crm_customer_input *in)
{
	for (int f = 0; f < CF_COUNT; f++)
		if (in->v[f])
			return 0;
	return !in->ntags && !in->nuntags && !in->nfields;
}

/* UPDATE of the fields given in vals (column names from the fixed field
 * table, values bound). */
static int update_fields(struct writer *w, int64_t id, const struct customer_values *vals,
			 struct crm_err *err)
{
	struct crm_buf sql = {0};
	sqlite3_stmt *stmt;
	int rc, any = 0;

	crm_buf_adds(&sql, "UPDATE customer SET updated = ?1");
	for (int f = 0; f < CF_COUNT; f++)
		if (vals->v[f]) {
			crm_buf_addf(&sql, ", %s = ?%d", fields[f].name, f + 2);
			any = 1;
		}
	if (vals->v[CF_NAME])
		crm_buf_addf(&sql, ", name_key = ?%d", CF_COUNT + 2);
	if (vals->v[CF_PHONE])
		crm_buf_addf(&sql, ", phone_key = ?%d", CF_COUNT + 3);
	if (vals->v[CF_TAX_ID])
		crm_buf_addf(&sql, ", tax_key = ?%d", CF_COUNT + 4);
	crm_buf_addf(&sql, " WHERE id = ?%d", CF_COUNT + 5);
	if (!any) {
		free(sql.data);
		return CRM_OK;
	}
	if ((rc = crm_store_prepare(w->st, sql.data, &stmt, err)) == CRM_OK) {
		struct customer_values keys = *vals;

		sqlite3_bind_text(stmt, 1, w->st->clock.now, -1, SQLITE_STATIC);
		for (int f = 0; f < CF_COUNT; f++)
			if (vals->v[f])
				bind_value(stmt, f + 2, vals, f);
		if (!keys.v[CF_NAME])
			keys.v[CF_NAME] = "";
		bind_keys(stmt, CF_COUNT + 2, &keys);
		sqlite3_bind_int64(stmt, CF_COUNT + 5, id);
		rc = sqlite3_step(stmt);
		rc = rc == SQLITE_DONE ? CRM_OK : crm_store_error(w->st, rc, err);
		sqlite3_finalize(stmt);
	}
	free(sql.data);
	return rc;
}

/* Applies in to an existing customer inside the caller's transaction. */
static int edit_customer(struct writer *w, int64_t id, const struct crm_customer_input *in,
			 const struct customer_values *vals, struct crm_err *err)
{
	int64_t other;
	int rc;

	if (vals->v[CF_CODE] && (other = code_to_id(w, vals->v[CF_CODE])) && other != id)
		return crm_fail(err, CRM_EINVAL, "customer code '%s' is already taken",
				vals->v[CF_CODE]);
	if ((rc = update_fields(w, id, vals, err)) ||
	    (rc = set_tags(w, id, in->untags, in->nuntags, w->tag_del, err)) ||
	    (rc = set_tags(w, id, in->tags, in->ntags, w->tag_add, err)) ||
	    (rc = set_fields(w, id, in->fields, in->nfields, err)))
		return rc;
	return CRM_OK;
}

int crm_customer_edit(struct crm_store *st, int64_t id, const struct crm_customer_input *in,
		      struct crm_err *err)
{
	struct customer_values vals;
	char *owned[CF_COUNT] = {0};
	struct writer w;
	int rc;

	if (input_is_empty(in))
		return crm_fail(err, CRM_EUSAGE, "nothing to change");
	if ((rc = customer_validate(st, in, 1, &vals, owned, "", err)) == CRM_OK &&
	    (rc = crm_store_begin(st, err)) == CRM_OK) {
		if ((rc = writer_open(&w, st, err)) == CRM_OK)
			rc = edit_customer(&w, id, in, &vals, err);
		writer_close(&w);
		rc = crm_store_end(st, rc, err);
	}
	free_owned(owned);
	return rc;
}

/* ---- rm, merge, reassign ---- */

/* Runs a one-off statement with integer parameters ?1, ?2 and the time now
 * as ?3.  Not a named :now: a name that comes first in the text would take
 * number 1 and alias ?1. */
static int exec_ids(struct crm_store *st, const char *sql, int64_t a, int64_t b,
		    struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st, sql, &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, a);
	sqlite3_bind_int64(stmt, 2, b);
	sqlite3_bind_text(stmt, sqlite3_bind_parameter_index(stmt, "?3"), st->clock.now, -1,
			  SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}

int crm_customer_rm(struct crm_store *st, int64_t id, int purge, struct crm_err *err)
{
	int rc = crm_store_begin(st, err);

	if (rc != CRM_OK)
		return rc;
	if (!purge)
		rc = exec_ids(st, "UPDATE customer SET archived = 1, updated = ?3 WHERE id = ?1",
			      id, 0, err);
	else if ((rc = exec_ids(st, "DELETE FROM contact WHERE customer_id = ?1", id, 0, err)) ==
		 CRM_OK &&
		 (rc = exec_ids(st, "DELETE FROM customer WHERE id = ?1", id, 0, err)) == CRM_EINVAL)
		rc = crm_fail(err, CRM_EINVAL,
			      "other records still refer to this customer; archive it instead "
			      "(crm customer rm without --purge)");
	return crm_store_end(st, rc, err);
}

/* Points every reference to customer drop at keep.  The referring tables are
 * read from the schema, so modules added later are covered; a table whose key
 * includes the reference (tags, extra fields) keeps keep's row where both
 * have one. */
static int move_references(struct crm_store *st, int64_t keep, int64_t drop, struct crm_err *err)
{
	static const char refs_sql[] =
		"SELECT m.name, f.\"from\", EXISTS (SELECT 1 FROM pragma_table_info(m.name) t "
		"  WHERE t.name = f.\"from\" AND t.pk > 0) "
		"FROM sqlite_schema m, pragma_foreign_key_list(m.name) f "
		"WHERE m.type = 'table' AND f.\"table\" = 'customer' ORDER BY m.name";
	struct crm_buf sql = {0};
	sqlite3_stmt *refs;
	int rc = crm_store_prepare(st, refs_sql, &refs, err);

	while (rc == CRM_OK && sqlite3_step(refs) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(refs, 0);
		const char *col = (const char *)sqlite3_column_text(refs, 1);
		int keyed = sqlite3_column_int(refs, 2);

		crm_buf_reset(&sql);
		crm_buf_addf(&sql, "UPDATE %s\"%s\" SET \"%s\" = ?1 WHERE \"%s\" = ?2",
			     keyed ? "OR IGNORE " : "", table, col, col);
		rc = exec_ids(st, sql.data, keep, drop, err);
		if (rc == CRM_OK && keyed) {
			crm_buf_reset(&sql);
			crm_buf_addf(&sql, "DELETE FROM \"%s\" WHERE \"%s\" = ?2", table, col);
			rc = exec_ids(st, sql.data, keep, drop, err);
		}
	}
	sqlite3_finalize(refs);
	free(sql.data);
	return rc;
}

int crm_customer_merge(struct crm_store *st, int64_t keep, int64_t drop, struct crm_err *err)
{
	struct crm_buf fill = {0};
	int rc;

	if (keep == drop)
		return crm_fail(err, CRM_EINVAL, "cannot merge a customer into itself");
	crm_buf_adds(&fill, "UPDATE customer SET updated = ?3");
	for (int f = CF_OWNER; f < CF_COUNT; f++)
		crm_buf_addf(&fill, ", %s = ifnull(%s, (SELECT %s FROM customer WHERE id = ?2))",
			     fields[f].name, fields[f].name, fields[f].name);
	crm_buf_adds(&fill, ", phone_key = ifnull(phone_key, (SELECT phone_key FROM customer "
			    "WHERE id = ?2)), tax_key = ifnull(tax_key, (SELECT tax_key FROM "
			    "customer WHERE id = ?2)) WHERE id = ?1");
	if ((rc = crm_store_begin(st, err)) != CRM_OK)
		goto out;
	/* Only one primary contact per customer: keep's stays primary. */
	if ((rc = exec_ids(st, "UPDATE contact SET is_primary = 0 WHERE customer_id = ?2 AND "
			       "EXISTS (SELECT 1 FROM contact WHERE customer_id = ?1 AND "
			       "is_primary = 1 AND archived = 0)", keep, drop, err)) == CRM_OK &&
	    (rc = move_references(st, keep, drop, err)) == CRM_OK &&
	    (rc = exec_ids(st, fill.data, keep, drop, err)) == CRM_OK)
		rc = exec_ids(st, "UPDATE customer SET archived = 1, updated = ?3 WHERE id = ?1",
			      drop, 0, err);
	rc = crm_store_end(st, rc, err);
out:
	free(fill.data);
	return rc;
}

int crm_customer_reassign(struct crm_store *st, const char *from, const char *to,
			  const char *statuses_csv, long *count, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc;

	for (const char *p = statuses_csv; p && *p;) {
		size_t n = strcspn(p, ",");
		char one[32];

		snprintf(one, sizeof one, "%.*s", (int)n, p);
		if (n >= sizeof one || !one_of(one, statuses))
			return crm_fail(err, CRM_EINVAL,
					"'%.*s' is not a status (lead, prospect, active, inactive, "
					"lost)", (int)n, p);
		p += n + (p[n] == ',');
	}
	if (!to || !*to || crm_has_control(to, 0))
		return crm_fail(err, CRM_EINVAL, "'%s' is not a rep name", to ? to : "");
	if ((rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	rc = crm_store_prepare(st,
			       "UPDATE customer SET owner = ?2, updated = ?4 WHERE owner = ?1 AND "
			       "archived = 0 AND (?3 IS NULL OR instr(',' || ?3 || ',', ',' || "
			       "status || ',') > 0)",
			       &stmt, err);
	if (rc == CRM_OK) {
		crm_bind_text(stmt, 1, from);
		crm_bind_text(stmt, 2, to);
		crm_bind_text(stmt, 3, statuses_csv);
		crm_bind_text(stmt, 4, st->clock.now);
		rc = sqlite3_step(stmt);
		rc = rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
		sqlite3_finalize(stmt);
		*count = sqlite3_changes(st->db);
	}
	return crm_store_end(st, rc, err);
}

/* ---- import ---- */

/* One import row turned into an input: the arrays it points into. */
struct import_row {
	struct crm_customer_input in;
	const char *tags[64];
	char *tag_text;
	char **fields;
	size_t nfields_cap;
	int has_tags;
};

static void import_row_free(struct import_row *row)
{
	free(row->tag_text);
	for (size_t i = 0; i < row->in.nfields; i++)
		free(row->fields[i]);
	free(row->fields);
}

static int parse_bool(const char *s, int *out)
{
	if (!s || !*s || !strcmp(s, "0") || !strcmp(s, "false") || !strcmp(s, "no"))
		*out = 0;
	else if (!strcmp(s, "1") || !strcmp(s, "true") || !strcmp(s, "yes"))
		*out = 1;
	else
		return -1;
	return 0;
}

/* Splits "a;b;c" (commas are accepted too) into row->tags. */
static int split_tags(struct import_row *row, const char *text, long line, struct crm_err *err)
{
	char *p;

	row->has_tags = 1;
	if (!text)
		return CRM_OK;
	if (!(row->tag_text = strdup(text)))
		abort();
	for (p = strtok(row->tag_text, ";,"); p; p = strtok(NULL, ";,")) {
		while (isspace((unsigned char)*p))
			p++;
		for (char *e = p + strlen(p); e > p && isspace((unsigned char)e[-1]);)
			*--e = '\0';
		if (!*p)
			continue;
		if (row->in.ntags == sizeof row->tags / sizeof *row->tags)
			return crm_fail(err, CRM_EINVAL, "line %ld, column tags: more than %zu tags",
					line, sizeof row->tags / sizeof *row->tags);
		row->tags[row->in.ntags++] = p;
	}
	return CRM_OK;
}

static void add_field(struct import_row *row, const char *key, const char *value)
{
	size_t n = strlen(key) + strlen(value ? value : "") + 2;
	char *kv = malloc(n);

	if (!kv)
		abort();
	snprintf(kv, n, "%s=%s", key, value ? value : "");
	if (row->in.nfields == row->nfields_cap) {
		row->nfields_cap = row->nfields_cap ? 2 * row->nfields_cap : 8;
		row->fields = realloc(row->fields, row->nfields_cap * sizeof *row->fields);
		if (!row->fields)
			abort();
	}
	row->fields[row->in.nfields++] = kv;
	row->in.fields = (const char *const *)row->fields;
}

/* Maps one record's columns onto an input. */
static int import_map(const struct crm_record *rec, struct import_row *row, struct crm_err *err)
{
	int rc = CRM_OK;
	char created[CRM_TIME_BUFSZ];

	memset(row, 0, sizeof *row);
	row->in.archived = -1;
	row->in.tags = row->tags;
	for (size_t i = 0; i < rec->nfields && rc == CRM_OK; i++) {
		const char *name = rec->names[i], *value = rec->values[i];
		int f = crm_customer_field_by_name(name);

		if (f >= 0)
			row->in.v[f] = value ? value : ""; /* JSON null: empty, as in CSV */
		else if (!strcmp(name, "tags"))
			rc = split_tags(row, value, rec->line, err);
		else if (!strncmp(name, "field.", 6))
			add_field(row, name + 6, value);
		else if (!strcmp(name, "archived")) {
			if (parse_bool(value, &row->in.archived))
				rc = crm_fail(err, CRM_EINVAL,
					      "line %ld, column archived: '%s' is not true or false",
					      rec->line, value);
		} else if (!strcmp(name, "created")) {
			if (value && *value) {
				if (strlen(value) == 10 && crm_date_parse_iso(value, &(crm_day){0}, NULL) == CRM_OK)
					snprintf(created, sizeof created, "%sT00:00:00", value);
				else if (crm_time_parse(value, created, NULL) != CRM_OK)
					rc = crm_fail(err, CRM_EINVAL,
						      "line %ld, column created: '%s' is not a date "
						      "or time", rec->line, value);
				if (rc == CRM_OK)
					row->in.created = strdup(created);
			}
		} else if (strcmp(name, "id") && strcmp(name, "updated"))
			rc = crm_fail(err, CRM_EINVAL, "line %ld, column %s: unknown column",
				      rec->line, name);
	}
	return rc;
}

/* The duplicate check of add, for one import row: the first likely
 * duplicate found (in the store or among the rows imported before) is named
 * in the error. */
static int refuse_duplicate(struct writer *w, const struct customer_values *vals, long line,
			    struct crm_err *err)
{
	struct crm_dup_list dups = {0};
	int rc = find_duplicates(w->st, vals->v[CF_NAME], vals->v[CF_EMAIL], vals->v[CF_PHONE],
				 vals->v[CF_TAX_ID], 0, &dups, err);

	/* A customer added by this import is named by its row: its code goes
	 * with the rolled-back import. */
	if (rc == CRM_OK && dups.n && dups.items[0].id > w->first_id_before)
		rc = crm_fail(err, CRM_EINVAL,
			      "line %ld: '%s' is a likely duplicate of '%s', an earlier row (%s)",
			      line, vals->v[CF_NAME], dups.items[0].name, dups.items[0].reason);
	else if (rc == CRM_OK && dups.n)
		rc = crm_fail(err, CRM_EINVAL, "line %ld: '%s' is a likely duplicate of %s %s (%s)",
			      line, vals->v[CF_NAME], dups.items[0].code, dups.items[0].name,
			      dups.items[0].reason);
	crm_dup_list_free(&dups);
	return rc;
}

/* Adds or (with --update) updates the customer of one import row. */
static int import_one(struct writer *w, struct import_row *row, long line, int flags,
		      struct crm_import_stats *stats, struct crm_err *err)
{
	struct customer_values vals;
	char *owned[CF_COUNT] = {0};
	char label[32], code[65];
	int64_t id = 0;
	int rc;

	snprintf(label, sizeof label, "line %ld", line);
	if ((rc = customer_validate(w->st, &row->in, 0, &vals, owned, label, err)) != CRM_OK)
		goto out;
	if (vals.v[CF_CODE])
		id = code_to_id(w, vals.v[CF_CODE]);
	if (id && (flags & CRM_IMPORT_UPDATE)) {
		/* An update reads an empty cell as edit reads '': clear it. */
		free_owned(owned);
		memset(owned, 0, sizeof owned);
		if ((rc = customer_validate(w->st, &row->in, 1, &vals, owned, label, err)) != CRM_OK)
			goto out;
	}
	if (id && !(flags & CRM_IMPORT_UPDATE)) {
		rc = crm_fail(err, CRM_EINVAL, "line %ld, column code: customer '%s' already exists "
			      "(--update changes existing customers)", line, vals.v[CF_CODE]);
	} else if (id) {
		if (row->has_tags) {
			/* Only the tags that go: the history shows no churn
			 * for tags that stay. */
			struct crm_buf keep = {0};

			crm_buf_adds(&keep, "");
			for (size_t i = 0; i < row->in.ntags; i++)
				crm_buf_addf(&keep, "%s%s", i ? ";" : "", row->in.tags[i]);
			sqlite3_bind_int64(w->tags_clear, 1, id);
			sqlite3_bind_text(w->tags_clear, 2, keep.data, -1, SQLITE_STATIC);
			rc = run(w->st, w->tags_clear, err);
			free(keep.data);
		}
		if (rc == CRM_OK && row->in.archived >= 0)
			rc = exec_ids(w->st, "UPDATE customer SET archived = ?2 WHERE id = ?1", id,
				      row->in.archived, err);
		if (rc == CRM_OK)
			rc = edit_customer(w, id, &row->in, &vals, err);
		stats->updated++;
	} else if (!vals.v[CF_NAME]) {
		rc = crm_fail(err, CRM_EINVAL, "line %ld, column name: a customer needs a name", line);
	} else if ((flags & CRM_IMPORT_CHECK_DUPLICATES) &&
		   (rc = refuse_duplicate(w, &vals, line, err)) != CRM_OK) {
		;
	} else {
		rc = insert_customer(w, &vals, &row->in, code, &id, err);
		stats->added++;
	}
	if (rc != CRM_OK && strncmp(err->msg, "line ", 5) != 0) {
		char msg[sizeof err->msg];

		snprintf(msg, sizeof msg, "%s", err->msg);
		crm_fail(err, rc, "line %ld: %s", line, msg);
	}
out:
	free_owned(owned);
	return rc;
}

int crm_customer_import(struct crm_store *st, struct crm_reader *r, int flags,
			struct crm_import_stats *stats, struct crm_err *err)
{
	struct crm_record rec;
	struct import_row row;
	struct writer w;
	int rc, more;

	memset(stats, 0, sizeof *stats);
	if ((rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	if ((rc = writer_open(&w, st, err)) != CRM_OK)
		goto done;
	if (sqlite3_step(w.max_id) == SQLITE_ROW)
		w.first_id_before = sqlite3_column_int64(w.max_id, 0);
	sqlite3_reset(w.max_id);
	while ((more = crm_reader_next(r, &rec, err)) == 1) {
		stats->rows++;
		rc = import_map(&rec, &row, err);
		if (rc == CRM_OK)
			rc = import_one(&w, &row, rec.line, flags, stats, err);
		free((char *)row.in.created);
		import_row_free(&row);
		if (rc != CRM_OK)
			break;
	}
	if (more < 0)
		rc = CRM_EINVAL;
done:
	writer_close(&w);
	if (rc == CRM_OK && !(flags & CRM_IMPORT_DRY_RUN))
		return crm_store_commit(st, err);
	crm_store_rollback(st);
	return rc;
}

/* ---- export ---- */

int crm_customer_export(struct crm_store *st, FILE *fp, const struct crm_out_opts *opts,
			struct crm_err *err)
{
	struct crm_column *cols = NULL;
	size_t ncols = 0, nbase = crm_customer_ncolumns - 1, nkeys = 0;
	char **keys = NULL;
	struct crm_buf sql = {0};
	sqlite3_stmt *stmt = NULL;
	struct crm_out *out = NULL;
	int rc = crm_store_prepare(st, "SELECT DISTINCT key FROM customer_field ORDER BY key",
				   &stmt, err);

	while (rc == CRM_OK && sqlite3_step(stmt) == SQLITE_ROW) {
		keys = realloc(keys, (nkeys + 1) * sizeof *keys);
		if (!keys)
			abort();
		crm_buf_reset(&sql);
		crm_buf_addf(&sql, "field.%s", sqlite3_column_text(stmt, 0));
		keys[nkeys++] = strdup(sql.data);
	}
	sqlite3_finalize(stmt);
	stmt = NULL;
	cols = calloc(nbase + nkeys + 1, sizeof *cols);
	if (!cols)
		abort();
	/* Every list column but the id, which belongs to this store only. */
	for (size_t i = 1; i < crm_customer_ncolumns; i++)
		cols[ncols++] = crm_customer_columns[i];
	crm_buf_reset(&sql);
	crm_buf_adds(&sql, "SELECT " CUSTOMER_SELECT);
	for (size_t k = 0; k < nkeys; k++) {
		cols[ncols++] = (struct crm_column){keys[k], CRM_COL_TEXT};
		crm_buf_addf(&sql, ", (SELECT value FROM customer_field WHERE customer_id = c.id "
				   "AND key = ?%zu)", k + 1);
	}
	crm_buf_adds(&sql, " FROM customer c ORDER BY c.id");
	if (rc == CRM_OK)
		rc = crm_store_prepare(st, sql.data, &stmt, err);
	if (rc == CRM_OK)
		rc = crm_out_open(&out, fp, opts, cols, ncols, err);
	if (rc == CRM_OK) {
		/* The SELECT starts with the id, which export leaves out. */
		for (size_t k = 0; k < nkeys; k++)
			sqlite3_bind_text(stmt, (int)k + 1, keys[k] + 6, -1, SQLITE_STATIC);
		rc = crm_store_stream(st, stmt, 1, cols, ncols, out, err);
		if (crm_out_close(out) != CRM_OK && rc == CRM_OK)
			rc = crm_fail(err, CRM_EFAIL, "write error");
	}
	sqlite3_finalize(stmt);
	for (size_t k = 0; k < nkeys; k++)
		free(keys[k]);
	free(keys);
	free(cols);
	free(sql.data);
	return rc;
}
