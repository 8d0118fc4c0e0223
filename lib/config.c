/* config.c — the keys crm knows, their checks and defaults. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "aging.h"
#include "calendar.h"
#include "config.h"
#include "doc.h"
#include "text.h"
#include "validate.h"

enum value_type {
	VT_TEXT, VT_DAYS, VT_PERCENT, VT_EMAIL, VT_STAGES, VT_SERIES,
	VT_MONEY, /* an amount, stored as written ("5.00"); read with crm_config_money */
	VT_RATE,  /* a percentage with up to two decimals ("8.5%"), stored as "8.5" */
	VT_BUCKETS, /* ascending day counts ("30,60,90,180"): the edges of ageing buckets */
	VT_WEEKDAYS, /* "mon,tue,...": the working days (calendar.h) */
	VT_HOURS,    /* "09:00-17:00": the working hours of a day */
	VT_DATES,    /* comma-separated ISO dates, "" for none */
	VT_WHOURS    /* a service-level target: whole working hours, 1-10000 */
};

/* One setting.  '*' in a pattern stands for one non-empty name (a stage, a
 * tier, a rep).  The first pattern that matches wins, so a specific key
 * ("deal.stage.proposal.probability") comes before its general form. */
static const struct key {
	const char *pattern;
	enum value_type type;
	const char *fallback; /* the value when none is stored; NULL for none */
	const char *help;
} keys[] = {
	{"deal.stages", VT_STAGES, "prospect,qualified,proposal,negotiation",
	 "the stages of an open deal, in order (comma-separated)"},
	{"deal.stage.prospect.probability", VT_PERCENT, "10", "win probability of a stage"},
	{"deal.stage.qualified.probability", VT_PERCENT, "25", "win probability of a stage"},
	{"deal.stage.proposal.probability", VT_PERCENT, "50", "win probability of a stage"},
	{"deal.stage.negotiation.probability", VT_PERCENT, "75", "win probability of a stage"},
	{"deal.stage.*.probability", VT_PERCENT, NULL,
	 "default win probability (%) of deals in the stage"},
	{"deal.stage.prospect.stall", VT_DAYS, "14", "stall limit of a stage"},
	{"deal.stage.qualified.stall", VT_DAYS, "21", "stall limit of a stage"},
	{"deal.stage.proposal.stall", VT_DAYS, "21", "stall limit of a stage"},
	{"deal.stage.negotiation.stall", VT_DAYS, "14", "stall limit of a stage"},
	{"deal.stage.*.stall", VT_DAYS, NULL,
	 "days a deal may stay in the stage before it counts as stalled"},
	{"tier.*.cadence", VT_DAYS, NULL,
	 "contact customers of the tier at least every N days"},
	{"cadence.default", VT_DAYS, NULL,
	 "the cadence of customers with none of their own or of their tier"},
	{"lead.feedback_days", VT_DAYS, "7",
	 "days a rep has to report on an assigned lead (lead assign --feedback-days)"},
	{"rep.*.email", VT_EMAIL, NULL, "where crm remind --mbox sends the rep's reminders"},
	{"remind.from", VT_EMAIL, NULL, "the From: address of reminder mail"},
	{"remind.to", VT_EMAIL, NULL,
	 "where crm remind --mbox sends reminders that belong to no rep"},
	{"series.quote", VT_SERIES, "Q-{YYYY}-{#####}", "the numbers of quotes"},
	{"series.order", VT_SERIES, "SO-{YYYY}-{#####}", "the numbers of orders"},
	{"series.delivery", VT_SERIES, "DN-{YYYY}-{#####}", "the numbers of delivery notes"},
	{"series.invoice", VT_SERIES, "INV-{YYYY}-{#####}", "the numbers of invoices"},
	{"series.credit", VT_SERIES, "CN-{YYYY}-{#####}", "the numbers of credit notes"},
	{"series.receipt", VT_SERIES, "RC-{YYYY}-{#####}", "the numbers of receipts"},
	{"series.refund", VT_SERIES, "RF-{YYYY}-{#####}", "the numbers of refunds"},
	{"series.case", VT_SERIES, "CS-{YYYY}-{#####}", "the numbers of service cases"},
	{"series.rma", VT_SERIES, "RMA-{YYYY}-{#####}", "the numbers of RMAs"},
	{"series.visit", VT_SERIES, "V-{YYYY}-{#####}", "the numbers of field visits"},
	{"series.survey", VT_SERIES, "S-{YYYY}-{#####}", "the numbers of survey requests"},
	{"rma.opened.days", VT_DAYS, "14", "days an RMA may wait for the unit before it is late"},
	{"rma.received.days", VT_DAYS, "2", "days a received unit may wait for diagnosis"},
	{"rma.diagnosed.days", VT_DAYS, "3", "days a diagnosed unit may wait for repair"},
	{"rma.repairing.days", VT_DAYS, "7", "days an in-house repair may take"},
	{"rma.at_vendor.days", VT_DAYS, "21", "days a unit may stay at the vendor"},
	{"rma.repaired.days", VT_DAYS, "2", "days a repaired unit may wait to be shipped"},
	{"rma.shipped.days", VT_DAYS, "10", "days to wait for the customer's confirmation"},
	{"rma.*.days", VT_DAYS, NULL, "days an RMA may stay in the state before it is late"},
	{"rma.advance_days", VT_DAYS, "14",
	 "days the customer has to send the faulty unit back after an advance replacement"},
	{"calendar.days", VT_WEEKDAYS, "mon,tue,wed,thu,fri",
	 "the working days service levels count (comma-separated: mon,tue,...,sun)"},
	{"calendar.hours", VT_HOURS, "09:00-17:00", "the working hours of every working day"},
	{"calendar.holidays", VT_DATES, NULL,
	 "days off service levels do not count (comma-separated YYYY-MM-DD)"},
	{"sla.urgent.response", VT_WHOURS, "1",
	 "first-response target of urgent cases (working hours)"},
	{"sla.urgent.resolution", VT_WHOURS, "8",
	 "resolution target of urgent cases (working hours)"},
	{"sla.high.response", VT_WHOURS, "4",
	 "first-response target of high-priority cases (working hours)"},
	{"sla.high.resolution", VT_WHOURS, "16",
	 "resolution target of high-priority cases (working hours)"},
	{"sla.normal.response", VT_WHOURS, "8",
	 "first-response target of normal cases (working hours)"},
	{"sla.normal.resolution", VT_WHOURS, "40",
	 "resolution target of normal cases (working hours)"},
	{"sla.low.response", VT_WHOURS, "16",
	 "first-response target of low-priority cases (working hours)"},
	{"sla.low.resolution", VT_WHOURS, "80",
	 "resolution target of low-priority cases (working hours)"},
	{"sla.*.response", VT_WHOURS, NULL,
	 "sla.TIER.PRIORITY.response: the first-response target (working hours) for a tier"},
	{"sla.*.resolution", VT_WHOURS, NULL,
	 "sla.TIER.PRIORITY.resolution: the resolution target (working hours) for a tier"},
	{"ar.buckets", VT_BUCKETS, "30,60,90,180",
	 "the edges of crm ar aging's buckets in days past due (ar aging --buckets)"},
	{"ar.writeoff_limit", VT_MONEY, "5.00",
	 "the largest remainder crm ar writeoff closes without --force"},
	{"dunning.1.days", VT_DAYS, "7", "days overdue that bring dunning level 1"},
	{"dunning.2.days", VT_DAYS, "30", "days overdue that bring dunning level 2"},
	{"dunning.3.days", VT_DAYS, "60", "days overdue that bring dunning level 3"},
	{"dunning.*.days", VT_DAYS, NULL,
	 "days overdue that bring dunning level N (1-9; levels 1..N need days, rising)"},
	{"dunning.1.name", VT_TEXT, "reminder", "the name of dunning level 1"},
	{"dunning.2.name", VT_TEXT, "second notice", "the name of dunning level 2"},
	{"dunning.3.name", VT_TEXT, "final notice", "the name of dunning level 3"},
	{"dunning.*.name", VT_TEXT, NULL, "the name of dunning level N (default 'level N')"},
	{"dunning.*.fee", VT_MONEY, "0", "the fee a dunning letter of level N charges"},
	{"dunning.*.interest", VT_RATE, "0",
	 "yearly interest (%) a dunning letter of level N charges on each overdue invoice"},
	{"dunning.*.template", VT_TEXT, NULL,
	 "the letter template of dunning level N (default dunning-N)"},
	{"dunning.from", VT_EMAIL, NULL, "the From: address of dunning letters (default company.email)"},
	{"rep.*.commission", VT_RATE, NULL, "the rep's commission (%) in crm report commission"},
	{"quote.valid_days", VT_DAYS, "30", "how long a new quote is valid"},
	{"invoice.terms", VT_DAYS, "30",
	 "days to pay an invoice when its customer has no payment terms of its own"},
	{"company.name", VT_TEXT, NULL, "the business's name on printed documents"},
	{"company.address", VT_TEXT, NULL, "its address on printed documents ('\\n' for a new line)"},
	{"company.email", VT_EMAIL, NULL, "its address on printed documents"},
	{"company.phone", VT_TEXT, NULL, "its phone number on printed documents"},
	{"company.tax_id", VT_TEXT, NULL, "its tax id on printed documents"},
	{"company.bank", VT_TEXT, NULL, "its bank account on printed invoices"},
};

#define NKEYS (sizeof keys / sizeof *keys)

/* Does key match pattern, '*' standing for one or more characters other
 * than the pattern's next literal? */
static int key_matches(const char *pattern, const char *key)
{
	const char *star = strchr(pattern, '*'), *tail;
	size_t head, tail_len, key_len = strlen(key);

	if (!star)
		return strcmp(pattern, key) == 0;
	head = (size_t)(star - pattern);
	tail = star + 1;
	tail_len = strlen(tail);
	return key_len > head + tail_len && strncmp(key, pattern, head) == 0 &&
	       strcmp(key + key_len - tail_len, tail) == 0;
}

static const struct key *find_key(const char *key)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (key_matches(keys[i].pattern, key))
			return &keys[i];
	return NULL;
}

int crm_config_known(const char *key)
{
	return find_key(key) != NULL;
}

/* Parses a whole number from lo to hi, allowing a trailing '%' for percent. */
static int parse_number(const char *s, long lo, long hi, int percent, long *out)
{
	char *end;
	long v;

	if (!isdigit((unsigned char)*s))
		return -1;
	v = strtol(s, &end, 10);
	if (percent && *end == '%')
		end++;
	if (*end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int valid_stage_name(const char *s, size_t n)
{
	if (n == 0 || n > 32 || (n == 3 && !strncmp(s, "won", 3)) ||
	    (n == 4 && !strncmp(s, "lost", 4)))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!islower((unsigned char)s[i]) && !isdigit((unsigned char)s[i]) && s[i] != '_' &&
		    s[i] != '-')
			return 0;
	return 1;
}

/* "a, b,c" → "a,b,c", refusing bad or repeated names. */
static int normalize_stages(const char *value, char **out, struct crm_err *err)
{
	struct crm_buf buf = {0};
	const char *p = value;

	while (*p) {
		const char *start, *end;
		size_t n;

		while (*p == ' ')
			p++;
		start = p;
		while (*p && *p != ',')
			p++;
		end = p;
		while (end > start && end[-1] == ' ')
			end--;
		n = (size_t)(end - start);
		if (!valid_stage_name(start, n)) {
			free(buf.data);
			return crm_fail(err, CRM_EINVAL,
					"'%.*s' is not a stage name (lowercase letters, digits, '-' "
					"and '_'; not won or lost)", (int)n, start);
		}
		for (const char *q = buf.data; q && *q;) {
			size_t m = strcspn(q, ",");

			if (m == n && !strncmp(q, start, n)) {
				free(buf.data);
				return crm_fail(err, CRM_EINVAL, "stage '%.*s' is listed twice",
						(int)n, start);
			}
			q += m + (q[m] == ',');
		}
		crm_buf_addf(&buf, "%s%.*s", buf.len ? "," : "", (int)n, start);
		if (*p == ',')
			p++;
	}
	if (!buf.len)
		return crm_fail(err, CRM_EINVAL, "deal.stages needs at least one stage");
	*out = buf.data;
	return CRM_OK;
}

/* An sla key names a priority, and a tier before it when it has three
 * parts: sla.PRIORITY.what or sla.TIER.PRIORITY.what. */
static int check_sla_key(const char *key, struct crm_err *err)
{
	static const char *const priorities[] = {"low", "normal", "high", "urgent"};
	const char *end = strrchr(key, '.'), *p = end;
	size_t n;

	while (p > key + 4 && p[-1] != '.')
		p--;
	n = (size_t)(end - p);
	for (size_t i = 0; i < 4; i++)
		if (n == strlen(priorities[i]) && !strncmp(p, priorities[i], n) &&
		    (p == key + 4 || (p > key + 5 && !memchr(key + 4, '.', (size_t)(p - key - 5)))))
			return CRM_OK;
	return crm_fail(err, CRM_EINVAL, "'%s' is not sla.[TIER.]PRIORITY.response|resolution "
			"(priorities: low, normal, high, urgent)", key);
}

int crm_config_check(const char *key, const char *value, char **normalized, struct crm_err *err)
{
	const struct key *k = find_key(key);
	struct crm_err why;
	char num[32];
	long v;

	*normalized = NULL;
	if (!k)
		return crm_fail(err, CRM_EINVAL, "unknown setting '%s' (see 'crm config keys')", key);
	if (crm_has_control(key, 0) || strlen(key) > 200)
		return crm_fail(err, CRM_EINVAL, "'%s' is not a setting name", key);
	switch (k->type) {
	case VT_DAYS:
		if (parse_number(value, 1, 3650, 0, &v))
			return crm_fail(err, CRM_EINVAL, "%s: '%s' is not a number of days (1-3650)",
					key, value);
		break;
	case VT_PERCENT:
		if (parse_number(value, 0, 100, 1, &v))
			return crm_fail(err, CRM_EINVAL, "%s: '%s' is not a percentage (0-100)", key,
					value);
		break;
	case VT_EMAIL:
		if (!crm_valid_email(value))
			return crm_fail(err, CRM_EINVAL, "%s: '%s' is not an email address", key,
					value);
		break;
	case VT_STAGES:
		return normalize_stages(value, normalized, err);
	case VT_SERIES:
		/* a pattern with one run of '#' in braces: the number's digits */
		if (!strstr(value, "{#") || crm_has_control(value, 0) || strlen(value) > 40)
			return crm_fail(err, CRM_EINVAL,
					"%s: '%s' is not a number series (such as INV-{YYYY}-{#####})",
					key, value);
		break;
	case VT_BUCKETS: {
		struct crm_aging_buckets b;

		if (crm_aging_buckets_parse(value, &b, NULL) != CRM_OK)
			return crm_fail(err, CRM_EINVAL, "%s: '%s' is not 1 to %d ascending day "
					"counts (such as 30,60,90,180)", key, value,
					CRM_AGING_MAX_EDGES);
		break;
	}
	case VT_MONEY: {
		int64_t m;

		if (crm_money_parse(value, 2, &m, err) != CRM_OK || m < 0)
			return crm_fail(err, CRM_EINVAL, "%s: '%s' is not an amount", key, value);
		break;
	}
	case VT_RATE: {
		int64_t r;
		char buf[32];
		size_t n = strlen(value);

		/* "8.5%" reads as "8.5" */
		snprintf(buf, sizeof buf, "%.*s", (int)(n && value[n - 1] == '%' ? n - 1 : n), value);
		if (n >= sizeof buf || crm_rate_parse(buf, key, &r, err) != CRM_OK)
			return crm_fail(err, CRM_EINVAL, "%s: '%s' is not a percentage (0-100, such "
					"as 8.5%%)", key, value);
		value = crm_rate_format(r, buf);
		if (!(*normalized = strdup(value)))
			return crm_fail(err, CRM_EFAIL, "out of memory");
		return CRM_OK;
	}
	case VT_WEEKDAYS: {
		unsigned mask;

		if (crm_cal_parse_days(value, &mask, &why) != CRM_OK)
			return crm_fail(err, CRM_EINVAL, "%s: %s", key, why.msg);
		break;
	}
	case VT_HOURS: {
		int from, to;

		if (crm_cal_parse_hours(value, &from, &to, &why) != CRM_OK)
			return crm_fail(err, CRM_EINVAL, "%s: %s", key, why.msg);
		break;
	}
	case VT_DATES: {
		struct crm_calendar cal;

		if (crm_cal_parse_holidays(value, &cal, &why) != CRM_OK)
			return crm_fail(err, CRM_EINVAL, "%s: %s", key, why.msg);
		break;
	}
	case VT_WHOURS:
		if (check_sla_key(key, err) != CRM_OK)
			return CRM_EINVAL;
		if (parse_number(value, 1, 10000, 0, &v))
			return crm_fail(err, CRM_EINVAL,
					"%s: '%s' is not a number of working hours (1-10000)", key,
					value);
		break;
	case VT_TEXT:
		if (crm_has_control(value, 0) || strlen(value) > 500)
			return crm_fail(err, CRM_EINVAL, "%s: '%s' is too long or has control "
					"characters", key, value);
		break;
	}
	if (k->type == VT_DAYS || k->type == VT_PERCENT || k->type == VT_WHOURS) {
		snprintf(num, sizeof num, "%ld", v);
		value = num;
	}
	if (!(*normalized = strdup(value)))
		return crm_fail(err, CRM_EFAIL, "out of memory");
	return CRM_OK;
}

int crm_config_put(struct crm_store *st, const char *key, const char *value, struct crm_err *err)
{
	char *norm;
	int rc = crm_config_check(key, value, &norm, err);

	if (rc != CRM_OK)
		return rc;
	if ((rc = crm_store_begin(st, err)) == CRM_OK)
		rc = crm_store_end(st, crm_config_set(st, key, norm, err), err);
	free(norm);
	return rc;
}

int crm_config_unset(struct crm_store *st, const char *key, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_begin(st, err);

	if (rc == CRM_OK)
		rc = crm_store_prepare(st, "DELETE FROM config WHERE key = ?1", &stmt, err);
	if (rc == CRM_OK) {
		sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
		rc = sqlite3_step(stmt);
		sqlite3_finalize(stmt);
		rc = rc != SQLITE_DONE ? crm_store_error(st, rc, err)
		     : sqlite3_changes(st->db) ? CRM_OK
		     : crm_fail(err, CRM_ENOTFOUND, "'%s' is not set", key);
	}
	return crm_store_end(st, rc, err);
}

char *crm_config_value(struct crm_store *st, const char *key)
{
	const struct key *k = find_key(key);
	char *v = crm_config_get(st, key);

	if (!v && k && k->fallback)
		v = strdup(k->fallback);
	return v;
}

long crm_config_long(struct crm_store *st, const char *key, long fallback)
{
	char *v = crm_config_value(st, key);
	long n = v ? atol(v) : fallback;

	free(v);
	return n;
}

int crm_config_money(struct crm_store *st, const char *key, int64_t *out)
{
	char *v = crm_config_value(st, key);
	struct crm_err err;
	int rc = v ? crm_money_parse(v, st->money_decimals, out, &err) : CRM_ENOTFOUND;

	free(v);
	return rc;
}

int crm_config_rate(struct crm_store *st, const char *key, int64_t *out)
{
	char *v = crm_config_value(st, key);
	struct crm_err err;
	int rc = v ? crm_rate_parse(v, key, out, &err) : CRM_ENOTFOUND;

	free(v);
	return rc;
}

const struct crm_column crm_config_columns[] = {
	{"key", CRM_COL_TEXT},
	{"value", CRM_COL_TEXT},
};
const size_t crm_config_ncolumns = sizeof crm_config_columns / sizeof *crm_config_columns;

int crm_config_list(struct crm_store *st, const char *prefix, struct crm_out *out,
		    struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT key, value FROM config WHERE ?1 IS NULL OR "
				   "substr(key, 1, length(?1)) = ?1 ORDER BY key",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	crm_bind_text(stmt, 1, prefix);
	return crm_store_list(st, stmt, crm_config_columns, crm_config_ncolumns, out, err);
}

const struct crm_column crm_config_key_columns[] = {
	{"key", CRM_COL_TEXT},
	{"default", CRM_COL_TEXT},
	{"description", CRM_COL_TEXT},
};
const size_t crm_config_key_ncolumns =
	sizeof crm_config_key_columns / sizeof *crm_config_key_columns;

int crm_config_keys(struct crm_out *out, struct crm_err *err)
{
	for (size_t i = 0; i < NKEYS; i++) {
		const char *cells[] = {keys[i].pattern, keys[i].fallback, keys[i].help};

		if (crm_out_row(out, cells) != CRM_OK)
			return crm_fail(err, CRM_EFAIL, "write error");
	}
	return CRM_OK;
}
