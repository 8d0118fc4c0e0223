/* dunning.c — dunning letters: which customers get one and at which level,
 * the letter itself (a template), its delivery, and the record of it. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ar.h"
#include "config.h"
#include "doc.h"
#include "dunning.h"
#include "mail.h"
#include "print.h"
#include "template.h"
#include "text.h"
#include "validate.h"

const struct crm_column crm_dunning_columns[] = {
	{"customer", CRM_COL_TEXT}, {"name", CRM_COL_TEXT},      {"level", CRM_COL_INT},
	{"level_name", CRM_COL_TEXT}, {"invoices", CRM_COL_TEXT}, {"overdue", CRM_COL_MONEY},
	{"fee", CRM_COL_MONEY},     {"interest", CRM_COL_MONEY}, {"total", CRM_COL_MONEY},
	{"to", CRM_COL_TEXT},
};
const size_t crm_dunning_ncolumns = sizeof crm_dunning_columns / sizeof *crm_dunning_columns;

const struct crm_column crm_dunning_history_columns[] = {
	{"date", CRM_COL_TEXT},     {"customer", CRM_COL_TEXT}, {"name", CRM_COL_TEXT},
	{"level", CRM_COL_INT},     {"invoices", CRM_COL_TEXT}, {"overdue", CRM_COL_MONEY},
	{"fee", CRM_COL_MONEY},     {"interest", CRM_COL_MONEY}, {"to", CRM_COL_TEXT},
};
const size_t crm_dunning_history_ncolumns =
	sizeof crm_dunning_history_columns / sizeof *crm_dunning_history_columns;

static char *xstrdup(const char *s)
{
	char *p = strdup(s ? s : "");

	if (!p)
		abort();
	return p;
}

/* A copy of s, or NULL for NULL or "". */
static char *dup_or_null(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

/* ---- the levels ---- */

struct level {
	long days;
	char *name, *template;
	int64_t fee, rate; /* minor units; hundredths of a percent a year */
};

struct levels {
	int n;
	struct level v[CRM_DUNNING_MAX_LEVELS + 1]; /* v[1] .. v[n] */
};

static void levels_free(struct levels *l)
{
	for (int i = 1; i <= l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].template);
	}
}

/* A template name from config must stay a file name in the template
 * directories. */
static int template_name_ok(const char *s)
{
	return *s && strlen(s) < 64 &&
	       !s[strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")];
}

static int load_level(struct crm_store *st, int n, struct level *lv, struct crm_err *err)
{
	char key[64];
	char *v;

	snprintf(key, sizeof key, "dunning.%d.name", n);
	if (!(lv->name = crm_config_value(st, key))) {
		snprintf(key, sizeof key, "level %d", n);
		lv->name = xstrdup(key);
	}
	snprintf(key, sizeof key, "dunning.%d.template", n);
	if (!(v = crm_config_value(st, key))) {
		snprintf(key, sizeof key, "dunning-%d", n);
		v = xstrdup(key);
	}
	lv->template = v;
	if (!template_name_ok(v))
		return crm_fail(err, CRM_EINVAL, "dunning.%d.template: '%s' is not a template name "
				"(letters, digits, '-' and '_')", n, v);
	snprintf(key, sizeof key, "dunning.%d.fee", n);
	if (crm_config_money(st, key, &lv->fee) == CRM_EINVAL)
		return crm_fail(err, CRM_EINVAL, "%s is not an amount", key);
	snprintf(key, sizeof key, "dunning.%d.interest", n);
	if (crm_config_rate(st, key, &lv->rate) == CRM_EINVAL)
		return crm_fail(err, CRM_EINVAL, "%s is not a percentage", key);
	return CRM_OK;
}

/* Levels 1 .. n: as long as dunning.N.days is set or has a default; their
 * days must rise, or a letter could never reach the next level. */
static int load_levels(struct crm_store *st, struct levels *l, struct crm_err *err)
{
	char key[64];
	int rc = CRM_OK;

	memset(l, 0, sizeof *l);
	for (int n = 1; n <= CRM_DUNNING_MAX_LEVELS && rc == CRM_OK; n++) {
		struct level *lv = &l->v[n];
		long days;

		snprintf(key, sizeof key, "dunning.%d.days", n);
		if ((days = crm_config_long(st, key, -1)) < 0)
			break;
		if (n > 1 && days <= l->v[n - 1].days)
			return crm_fail(err, CRM_EINVAL,
					"dunning.%d.days (%ld) must be more than dunning.%d.days (%ld)",
					n, days, n - 1, l->v[n - 1].days);
		lv->days = days;
		l->n = n;
		rc = load_level(st, n, lv, err);
	}
	return rc;
}

/* The highest level whose days `days` overdue have reached; 0 for none. */
static int level_reached(const struct levels *l, long days)
{
	int n = 0;

	while (n < l->n && days >= l->v[n + 1].days)
		n++;
	return n;
}

/* ---- the letters ---- */

struct item {
	int64_t id, total, open, interest;
	long days;
	char number[65], date[CRM_DATE_BUFSZ], due[CRM_DATE_BUFSZ];
};

struct letter {
	int64_t customer_id, dunning_id;
	char *code, *name, *to, *contact, *address;
	int level, prev;
	char prev_date[CRM_DATE_BUFSZ];
	int64_t overdue, fee, interest, total, credit;
	struct item *items;
	size_t nitems;
	char *text;        /* the letter */
	char *tmp, *path;  /* DIR: the file being written and its name */
	int skip;          /* not sent: left out of the record */
};

struct run {
	struct crm_store *st;
	struct crm_dunning_opts *o;
	struct levels levels;
	crm_day asof;
	char asof_s[CRM_DATE_BUFSZ];
	struct letter *v;
	size_t n;
	char *from; /* MBOX, SEND */
	/* MBOX: the messages are collected here so that a failed run writes
	 * none of them */
	FILE *mbox;
	char *mbox_data;
	size_t mbox_len;
};

static void letter_free(struct letter *t)
{
	free(t->code);
	free(t->name);
	free(t->to);
	free(t->contact);
	free(t->address);
	free(t->items);
	free(t->text);
	if (t->tmp)
		unlink(t->tmp);
	free(t->tmp);
	free(t->path);
}

static void run_free(struct run *r)
{
	for (size_t i = 0; i < r->n; i++)
		letter_free(&r->v[i]);
	free(r->v);
	free(r->from);
	if (r->mbox)
		fclose(r->mbox);
	free(r->mbox_data);
	levels_free(&r->levels);
}

/* Every overdue invoice open on :asof, by customer code and oldest due. */
static const char overdue_sql[] =
	"SELECT o.customer_id, c.code, c.name, o.id, o.number, o.date, o.due, o.total, o.open, "
	"CAST(julianday(:asof) - julianday(o.due) AS INTEGER) "
	"FROM " CRM_AR_OPEN_INVOICES_SQL " o JOIN customer c ON c.id = o.customer_id "
	"WHERE o.due < :asof AND (:customer = 0 OR o.customer_id = :customer) "
	"ORDER BY c.code, o.customer_id, o.due, o.number";

static struct letter *new_letter(struct run *r, sqlite3_stmt *stmt)
{
	struct letter *t;

	r->v = realloc(r->v, (r->n + 1) * sizeof *r->v);
	if (!r->v)
		abort();
	t = &r->v[r->n++];
	memset(t, 0, sizeof *t);
	t->customer_id = sqlite3_column_int64(stmt, 0);
	t->code = xstrdup((const char *)sqlite3_column_text(stmt, 1));
	t->name = xstrdup((const char *)sqlite3_column_text(stmt, 2));
	return t;
}

static void add_item(struct letter *t, sqlite3_stmt *stmt)
{
	struct item *it;

	t->items = realloc(t->items, (t->nitems + 1) * sizeof *t->items);
	if (!t->items)
		abort();
	it = &t->items[t->nitems++];
	memset(it, 0, sizeof *it);
	it->id = sqlite3_column_int64(stmt, 3);
	snprintf(it->number, sizeof it->number, "%s", sqlite3_column_text(stmt, 4));
	snprintf(it->date, sizeof it->date, "%s", sqlite3_column_text(stmt, 5));
	snprintf(it->due, sizeof it->due, "%s", sqlite3_column_text(stmt, 6));
	it->total = sqlite3_column_int64(stmt, 7);
	it->open = sqlite3_column_int64(stmt, 8);
	it->days = (long)sqlite3_column_int64(stmt, 9);
	t->overdue += it->open;
}

/* Reads the overdue invoices into one letter per customer. */
static int collect(struct run *r, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	struct letter *t = NULL;
	int rc = crm_store_prepare(r->st, overdue_sql, &stmt, err);

	if (rc != CRM_OK)
		return rc;
	crm_bind_named_text(stmt, ":asof", r->asof_s);
	crm_bind_named_int(stmt, ":customer", r->o->customer_id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (!t || t->customer_id != sqlite3_column_int64(stmt, 0))
			t = new_letter(r, stmt);
		add_item(t, stmt);
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? CRM_OK : crm_store_error(r->st, rc, err);
}

/* The customer's address for letters (email, else the primary contact's),
 * the primary contact's name, the postal address and the unapplied credit
 * on :asof. */
static const char customer_sql[] =
	"SELECT coalesce(nullif(c.email, ''), k.email), k.name, "
	"(SELECT ifnull(sum(cr.unapplied), 0) FROM " CRM_AR_CREDITS_SQL " cr "
	"WHERE cr.customer_id = c.id), c.street, c.postcode, c.city, c.region, c.country "
	"FROM customer c LEFT JOIN contact k ON k.customer_id = c.id AND k.is_primary = 1 "
	"AND k.archived = 0 WHERE c.id = :customer";

/* "street\npostcode city\nregion\ncountry" from result columns c .. c+4
 * (street, postcode, city, region, country), leaving out what is empty;
 * NULL when all is. */
static char *postal_address(sqlite3_stmt *stmt, int c)
{
	struct crm_buf b = {0};

	for (int i = 0; i < 5; i++) {
		const char *s = (const char *)sqlite3_column_text(stmt, c + i);
		const char *postcode = (const char *)sqlite3_column_text(stmt, c + 1);

		if (!s || !*s)
			continue;
		if (i == 2 && postcode && *postcode) /* the city follows its postcode */
			crm_buf_adds(&b, " ");
		else if (b.len)
			crm_buf_adds(&b, "\n");
		crm_buf_adds(&b, s);
	}
	return b.data;
}

static int customer_details(struct run *r, struct letter *t, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(r->st, customer_sql, &stmt, err);

	if (rc != CRM_OK)
		return rc;
	crm_bind_named_text(stmt, ":asof", r->asof_s);
	crm_bind_named_int(stmt, ":customer", t->customer_id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		t->to = dup_or_null((const char *)sqlite3_column_text(stmt, 0));
		t->contact = dup_or_null((const char *)sqlite3_column_text(stmt, 1));
		t->credit = sqlite3_column_int64(stmt, 2);
		t->address = postal_address(stmt, 3);
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? CRM_OK : crm_store_error(r->st, rc, err);
}

/* The letters a customer had up to :asof, newest first, with the
 * invoices they listed. */
static const char earlier_sql[] =
	"SELECT d.date, d.level, i.invoice_id FROM dunning d "
	"JOIN dunning_item i ON i.dunning_id = d.id "
	"WHERE d.customer_id = :customer AND d.date <= :asof ORDER BY d.date DESC, d.id DESC";

static int lists(const struct letter *t, int64_t invoice_id)
{
	for (size_t i = 0; i < t->nitems; i++)
		if (t->items[i].id == invoice_id)
			return 1;
	return 0;
}

/* prev: the highest level of the earlier letters that listed an invoice
 * still overdue, prev_date the day of the latest of them.  *today is set
 * when the customer had a letter on the run day already. */
static int earlier_letters(struct run *r, struct letter *t, int *today, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(r->st, earlier_sql, &stmt, err);

	if (rc != CRM_OK)
		return rc;
	*today = 0;
	crm_bind_named_text(stmt, ":asof", r->asof_s);
	crm_bind_named_int(stmt, ":customer", t->customer_id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *date = (const char *)sqlite3_column_text(stmt, 0);
		int level = sqlite3_column_int(stmt, 1);

		if (!strcmp(date, r->asof_s))
			*today = 1;
		if (!lists(t, sqlite3_column_int64(stmt, 2)))
			continue;
		if (!t->prev_date[0])
			snprintf(t->prev_date, sizeof t->prev_date, "%s", date);
		if (level > t->prev)
			t->prev = level;
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? CRM_OK : crm_store_error(r->st, rc, err);
}

/* The fee and interest of a letter at its level. */
static int charge(struct run *r, struct letter *t, struct crm_err *err)
{
	const struct level *lv = &r->levels.v[t->level];

	t->fee = lv->fee;
	t->interest = 0;
	for (size_t i = 0; i < t->nitems; i++) {
		struct item *it = &t->items[i];

		if (crm_muldiv_round(it->open, lv->rate * it->days, 365 * 10000, &it->interest) != 0 ||
		    it->interest < 0)
			return crm_fail(err, CRM_EINVAL, "interest on %s too large", it->number);
		t->interest += it->interest;
	}
	t->total = t->overdue + t->fee + t->interest;
	return CRM_OK;
}

/* Decides whether t gets a letter and at which level (dunning.h); t->skip
 * is set when not. */
static int decide(struct run *r, struct letter *t, struct crm_err *err)
{
	int rc, today, reached;

	if ((rc = customer_details(r, t, err)) != CRM_OK ||
	    (rc = earlier_letters(r, t, &today, err)) != CRM_OK)
		return rc;
	/* the oldest overdue invoice is the first: they come by due date */
	reached = level_reached(&r->levels, t->items[0].days);
	t->level = reached < t->prev + 1 ? reached : t->prev + 1;
	/* one letter a day at most, however often the run is repeated */
	if (t->level <= t->prev || today || t->credit >= t->overdue) {
		t->skip = 1;
		return CRM_OK;
	}
	return charge(r, t, err);
}

/* ---- the letter's text ---- */

static const char *money(struct run *r, int64_t v, char buf[CRM_MONEY_BUFSZ])
{
	return crm_money_format(v, r->st->money_decimals, buf);
}

static const struct crm_column item_columns[] = {
	{"number", CRM_COL_TEXT}, {"date", CRM_COL_TEXT},   {"due", CRM_COL_TEXT},
	{"days", CRM_COL_INT},    {"total", CRM_COL_MONEY}, {"open", CRM_COL_MONEY},
	{"interest", CRM_COL_MONEY},
};

static void letter_items(struct run *r, const struct letter *t, struct crm_rec *rec)
{
	crm_rec_table(rec, "invoices", item_columns, sizeof item_columns / sizeof *item_columns);
	for (size_t i = 0; i < t->nitems; i++) {
		const struct item *it = &t->items[i];
		char days[32], total[CRM_MONEY_BUFSZ], open[CRM_MONEY_BUFSZ], in[CRM_MONEY_BUFSZ];
		const char *cells[] = {it->number,	 it->date,		it->due, days,
				       money(r, it->total, total), money(r, it->open, open),
				       money(r, it->interest, in)};

		snprintf(days, sizeof days, "%ld", it->days);
		crm_rec_table_row(rec, "invoices", cells);
	}
}

/* The record a letter template reads (crm-ar(1) lists its fields). */
static struct crm_rec *letter_record(struct run *r, const struct letter *t)
{
	const struct level *lv = &r->levels.v[t->level];
	struct crm_rec *rec = crm_rec_new();
	char buf[CRM_MONEY_BUFSZ], num[32];

	crm_rec_field(rec, "date", CRM_COL_TEXT, r->asof_s);
	snprintf(num, sizeof num, "%d", t->level);
	crm_rec_field(rec, "level", CRM_COL_INT, num);
	crm_rec_field(rec, "level_name", CRM_COL_TEXT, lv->name);
	crm_rec_field(rec, "customer", CRM_COL_TEXT, t->code);
	crm_rec_field(rec, "customer_name", CRM_COL_TEXT, t->name);
	crm_rec_field(rec, "contact", CRM_COL_TEXT, t->contact);
	crm_rec_field(rec, "address", CRM_COL_TEXT, t->address);
	crm_rec_field(rec, "email", CRM_COL_TEXT, r->o->to ? r->o->to : t->to);
	crm_rec_field(rec, "overdue", CRM_COL_MONEY, money(r, t->overdue, buf));
	crm_rec_field(rec, "fee", CRM_COL_MONEY, money(r, t->fee, buf));
	crm_rec_field(rec, "interest", CRM_COL_MONEY, money(r, t->interest, buf));
	crm_rec_field(rec, "interest_rate", CRM_COL_INT,
		      lv->rate ? crm_rate_format(lv->rate, num) : NULL);
	crm_rec_field(rec, "total", CRM_COL_MONEY, money(r, t->total, buf));
	crm_rec_field(rec, "credit", CRM_COL_MONEY, money(r, t->credit, buf));
	crm_rec_field(rec, "previous_date", CRM_COL_TEXT, t->prev ? t->prev_date : NULL);
	snprintf(num, sizeof num, "%d", t->prev);
	crm_rec_field(rec, "previous_level", CRM_COL_INT, t->prev ? num : NULL);
	crm_rec_field(rec, "previous_name", CRM_COL_TEXT,
		      t->prev && t->prev <= r->levels.n ? r->levels.v[t->prev].name : NULL);
	letter_items(r, t, rec);
	return rec;
}

/* What the letter's template reads: the letter, company.* and today. */
static cJSON *letter_data(struct run *r, const struct letter *t)
{
	struct crm_rec *rec = letter_record(r, t);
	cJSON *data = crm_print_data(r->st, rec);

	crm_rec_free(rec);
	return data;
}

static int render(struct run *r, struct letter *t, struct crm_err *err)
{
	char *text = NULL, *where = NULL;
	struct crm_buf out = {0};
	cJSON *data;
	/* the user's templates, the installed ones, the compiled-in defaults */
	int rc = crm_print_template(r->levels.v[t->level].template, "txt", &text, &where, err);

	if (rc != CRM_OK)
		return rc;
	data = letter_data(r, t);
	crm_buf_adds(&out, "");
	if ((rc = crm_tpl_expand(where, text, CRM_TPL_TEXT, data, &out, err)) == CRM_OK)
		t->text = out.data;
	else
		free(out.data);
	cJSON_Delete(data);
	free(text);
	free(where);
	return rc;
}

/* ---- delivery ---- */

static void warn(struct run *r, struct letter *t, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void warn(struct run *r, struct letter *t, const char *fmt, ...)
{
	struct crm_err e;
	va_list ap;

	t->skip = 1;
	r->o->undelivered++;
	if (!r->o->warn)
		return;
	va_start(ap, fmt);
	vsnprintf(e.msg, sizeof e.msg, fmt, ap);
	va_end(ap);
	r->o->warn(r->o->arg, e.msg);
}

/* "Second notice from Shop Ltd: 2 overdue invoices, 415.50 to pay". */
static void subject(struct run *r, const struct letter *t, struct crm_buf *b)
{
	char *company = crm_config_value(r->st, "company.name"), buf[CRM_MONEY_BUFSZ];

	crm_buf_addf(b, "%s%s%s: %zu overdue invoice%s, %s to pay",
		     r->levels.v[t->level].name, company ? " from " : "", company ? company : "",
		     t->nitems, t->nitems == 1 ? "" : "s", money(r, t->total, buf));
	if (b->data[0] >= 'a' && b->data[0] <= 'z')
		b->data[0] = (char)(b->data[0] - 'a' + 'A');
	free(company);
}

/* "<dunning.20261122093000.C00001.2@shop.example>". */
static void message_id(struct run *r, const struct letter *t, struct crm_buf *b)
{
	const char *at = strrchr(r->from, '@');

	crm_buf_adds(b, "<dunning.");
	for (const char *p = r->st->clock.now; *p; p++)
		if (*p >= '0' && *p <= '9')
			crm_buf_add(b, p, 1);
	crm_buf_adds(b, ".");
	for (const char *p = t->code; *p; p++) {
		int ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			 (*p >= '0' && *p <= '9') || *p == '-' || *p == '_';

		crm_buf_add(b, ok ? p : "_", 1);
	}
	crm_buf_addf(b, ".%d@%s>", t->level, at && at[1] ? at + 1 : "localhost");
}

/* Mails (MBOX: into r->mbox; SEND: to sendmail) the letter t. */
static int mail(struct run *r, struct letter *t, struct crm_err *err)
{
	const char *to = r->o->to ? r->o->to : t->to;
	char date[CRM_MAIL_DATE_BUFSZ];
	struct crm_buf subj = {0}, id = {0}, msg = {0};
	struct crm_mail m;
	struct crm_err serr;
	int rc;

	if (!to) {
		warn(r, t, "no email address for customer %s; its %s was not sent (set one with "
			   "'crm customer edit %s --email ADDRESS')",
		     t->code, r->levels.v[t->level].name, t->code);
		return CRM_OK;
	}
	if ((rc = crm_mail_date(r->st->clock.now, date, err)) != CRM_OK)
		return rc;
	subject(r, t, &subj);
	message_id(r, t, &id);
	m = (struct crm_mail){r->from, to, subj.data, date, id.data, t->text};
	crm_mail_format(&msg, &m);
	if (r->o->mode == CRM_DUNNING_MBOX)
		rc = crm_mail_mbox_write(r->mbox, r->from, r->st->clock.now, msg.data, msg.len, err);
	else if (crm_mail_send(r->o->sendmail, msg.data, msg.len, &serr) != CRM_OK) {
		warn(r, t, "%s for customer %s not sent to %s: %s", r->levels.v[t->level].name,
		     t->code, to, serr.msg);
	}
	free(subj.data);
	free(id.data);
	free(msg.data);
	return rc;
}

/* DIR: writes the letter to a temporary file beside DIR/CODE-LN.txt, which
 * publish() renames into place once the run is recorded. */
static int write_letter(struct run *r, struct letter *t, struct crm_err *err)
{
	struct crm_buf path = {0};

	crm_buf_addf(&path, "%s/%s-L%d.txt", r->o->dir, t->code, t->level);
	t->path = path.data;
	return crm_file_stage(t->path, t->text, strlen(t->text), &t->tmp, err);
}

/* The code of a customer may hold characters a file name must not. */
static int code_is_file_name(const char *code)
{
	return *code && strcmp(code, ".") && strcmp(code, "..") && !strchr(code, '/');
}

static int make_dir(const char *dir, struct crm_err *err)
{
	struct stat sb;

	if (mkdir(dir, 0777) == 0 || (errno == EEXIST && stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode)))
		return CRM_OK;
	return crm_fail(err, CRM_EFAIL, "cannot write to '%s': %s", dir,
			errno == EEXIST ? "not a directory" : strerror(errno));
}

static int deliver(struct run *r, struct crm_err *err)
{
	enum crm_dunning_mode mode = r->o->mode;
	int rc = CRM_OK;

	size_t letters = 0;

	for (size_t i = 0; i < r->n; i++)
		letters += !r->v[i].skip;
	if (!letters || mode == CRM_DUNNING_LIST || (mode == CRM_DUNNING_SEND && r->o->dry_run))
		return CRM_OK;
	if (mode == CRM_DUNNING_DIR && (rc = make_dir(r->o->dir, err)) != CRM_OK)
		return rc;
	if (mode == CRM_DUNNING_MBOX && !(r->mbox = open_memstream(&r->mbox_data, &r->mbox_len)))
		return crm_fail(err, CRM_EFAIL, "out of memory");
	for (size_t i = 0; i < r->n && rc == CRM_OK; i++) {
		struct letter *t = &r->v[i];

		if (t->skip)
			continue;
		if (mode == CRM_DUNNING_DIR && !code_is_file_name(t->code))
			rc = crm_fail(err, CRM_EINVAL, "customer code '%s' cannot name a file", t->code);
		else if (mode == CRM_DUNNING_DIR)
			rc = write_letter(r, t, err);
		else
			rc = mail(r, t, err);
	}
	if (r->mbox && fflush(r->mbox) != 0 && rc == CRM_OK)
		rc = crm_fail(err, CRM_EFAIL, "out of memory");
	return rc;
}

/* ---- the record ---- */

static int record_items(struct run *r, const struct letter *t, struct crm_err *err)
{
	int rc = CRM_OK;

	for (size_t i = 0; i < t->nitems && rc == CRM_OK; i++) {
		sqlite3_stmt *stmt;

		if ((rc = crm_store_prepare(r->st,
					    "INSERT INTO dunning_item (dunning_id, invoice_id, open, "
					    "days, interest) VALUES (?1, ?2, ?3, ?4, ?5)",
					    &stmt, err)) != CRM_OK)
			return rc;
		sqlite3_bind_int64(stmt, 1, t->dunning_id);
		sqlite3_bind_int64(stmt, 2, t->items[i].id);
		sqlite3_bind_int64(stmt, 3, t->items[i].open);
		sqlite3_bind_int64(stmt, 4, t->items[i].days);
		sqlite3_bind_int64(stmt, 5, t->items[i].interest);
		rc = crm_store_run(r->st, stmt, err);
	}
	return rc;
}

static int record(struct run *r, struct letter *t, struct crm_err *err)
{
	int mailed = r->o->mode == CRM_DUNNING_MBOX || r->o->mode == CRM_DUNNING_SEND;
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(r->st,
				   "INSERT INTO dunning (customer_id, level, date, sent_to, overdue, "
				   "fee, interest, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, t->customer_id);
	sqlite3_bind_int(stmt, 2, t->level);
	sqlite3_bind_text(stmt, 3, r->asof_s, -1, SQLITE_STATIC);
	/* only a mailed letter went to an address */
	crm_bind_text(stmt, 4, !mailed ? NULL : r->o->to ? r->o->to : t->to);
	sqlite3_bind_int64(stmt, 5, t->overdue);
	sqlite3_bind_int64(stmt, 6, t->fee);
	sqlite3_bind_int64(stmt, 7, t->interest);
	sqlite3_bind_text(stmt, 8, r->st->clock.now, -1, SQLITE_STATIC);
	if ((rc = crm_store_run(r->st, stmt, err)) != CRM_OK)
		return rc;
	t->dunning_id = sqlite3_last_insert_rowid(r->st->db);
	return record_items(r, t, err);
}

static int record_all(struct run *r, struct crm_err *err)
{
	int rc = CRM_OK;

	for (size_t i = 0; i < r->n && rc == CRM_OK; i++)
		if (!r->v[i].skip) {
			rc = r->o->dry_run ? CRM_OK : record(r, &r->v[i], err);
			r->o->letters++;
		}
	return rc;
}

/* ---- publishing what the run made ---- */

static int list_rows(struct run *r, struct crm_err *err)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct letter *t = &r->v[i];
		char level[16], overdue[CRM_MONEY_BUFSZ], fee[CRM_MONEY_BUFSZ], in[CRM_MONEY_BUFSZ],
			total[CRM_MONEY_BUFSZ];
		struct crm_buf invoices = {0};
		const char *cells[10];
		int bad;

		if (t->skip)
			continue;
		snprintf(level, sizeof level, "%d", t->level);
		for (size_t k = 0; k < t->nitems; k++)
			crm_buf_addf(&invoices, "%s%s", k ? ", " : "", t->items[k].number);
		cells[0] = t->code;
		cells[1] = t->name;
		cells[2] = level;
		cells[3] = r->levels.v[t->level].name;
		cells[4] = invoices.data;
		cells[5] = money(r, t->overdue, overdue);
		cells[6] = money(r, t->fee, fee);
		cells[7] = money(r, t->interest, in);
		cells[8] = money(r, t->total, total);
		cells[9] = r->o->to ? r->o->to : t->to;
		bad = crm_out_row(r->o->out, cells) != CRM_OK;
		free(invoices.data);
		if (bad)
			return crm_fail(err, CRM_EFAIL, "write error");
	}
	return CRM_OK;
}

static int publish(struct run *r, struct crm_err *err)
{
	enum crm_dunning_mode mode = r->o->mode;
	int rc = CRM_OK;

	/* a dry run of --send lists what it would send */
	if (mode == CRM_DUNNING_LIST || (mode == CRM_DUNNING_SEND && r->o->dry_run))
		return r->o->out ? list_rows(r, err) : CRM_OK;
	if (mode == CRM_DUNNING_MBOX && r->mbox_len &&
	    (fwrite(r->mbox_data, 1, r->mbox_len, r->o->mbox) != r->mbox_len ||
	     fflush(r->o->mbox) != 0))
		rc = crm_fail(err, CRM_EFAIL, "write error: %s", strerror(errno));
	for (size_t i = 0; i < r->n && rc == CRM_OK; i++) {
		struct letter *t = &r->v[i];

		if (!t->tmp)
			continue;
		rc = crm_file_publish(t->tmp, t->path, rc, err);
		free(t->tmp);
		t->tmp = NULL;
	}
	return rc;
}

/* ---- the run ---- */

static int sender(struct run *r, struct crm_err *err)
{
	if (r->o->mode != CRM_DUNNING_MBOX && r->o->mode != CRM_DUNNING_SEND)
		return CRM_OK;
	if (!(r->from = crm_config_value(r->st, "dunning.from")) &&
	    !(r->from = crm_config_value(r->st, "company.email")))
		return crm_fail(err, CRM_EINVAL,
				"no sender address: set dunning.from or company.email with "
				"'crm config set'");
	return CRM_OK;
}

static int run_day(struct run *r, struct crm_err *err)
{
	char today[CRM_DATE_BUFSZ];
	int rc = CRM_OK;

	r->asof = r->st->clock.today;
	if (r->o->as_of && (rc = crm_date_parse(r->o->as_of, r->st->clock.today, &r->asof, err)) !=
				   CRM_OK)
		return rc;
	crm_date_format(r->asof, r->asof_s);
	if (r->asof > r->st->clock.today && !r->o->dry_run)
		return crm_fail(err, CRM_EINVAL,
				"--as-of %s is after today (%s): only a dry run looks ahead",
				r->asof_s, crm_date_format(r->st->clock.today, today));
	return CRM_OK;
}

/* Everything but the transaction: letters made, delivered, recorded. */
static int run_letters(struct run *r, struct crm_err *err)
{
	int rc = collect(r, err);

	for (size_t i = 0; i < r->n && rc == CRM_OK; i++)
		rc = decide(r, &r->v[i], err);
	for (size_t i = 0; i < r->n && rc == CRM_OK; i++)
		if (!r->v[i].skip)
			rc = render(r, &r->v[i], err);
	if (rc == CRM_OK)
		rc = deliver(r, err);
	if (rc == CRM_OK)
		rc = record_all(r, err);
	return rc;
}

int crm_dunning_run(struct crm_store *st, struct crm_dunning_opts *o, struct crm_err *err)
{
	struct run r = {.st = st, .o = o};
	int rc;

	o->letters = o->undelivered = 0;
	if (o->to && !crm_valid_email(o->to))
		return crm_fail(err, CRM_EINVAL, "'%s' is not an email address", o->to);
	if ((rc = run_day(&r, err)) == CRM_OK && (rc = load_levels(st, &r.levels, err)) == CRM_OK)
		rc = sender(&r, err);
	if (rc == CRM_OK && !o->dry_run)
		rc = crm_store_begin(st, err);
	else if (rc == CRM_OK) /* one consistent view of the day */
		rc = sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK
			     ? CRM_OK
			     : crm_store_error(st, sqlite3_errcode(st->db), err);
	if (rc != CRM_OK) {
		run_free(&r);
		return rc;
	}
	rc = run_letters(&r, err);
	if (o->dry_run)
		crm_store_rollback(st);
	else
		rc = crm_store_end(st, rc, err);
	if (rc == CRM_OK)
		rc = publish(&r, err);
	if (rc != CRM_OK)
		o->letters = 0;
	run_free(&r);
	return rc;
}

/* ---- history ---- */

int crm_dunning_history(struct crm_store *st, int64_t customer_id, struct crm_out *out,
			struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(
		st,
		"SELECT d.date, c.code, c.name, d.level, "
		"(SELECT group_concat(number, ', ') FROM (SELECT x.number FROM dunning_item i "
		" JOIN doc x ON x.id = i.invoice_id WHERE i.dunning_id = d.id "
		" ORDER BY x.due, x.number)), "
		"d.overdue, d.fee, d.interest, d.sent_to "
		"FROM dunning d JOIN customer c ON c.id = d.customer_id "
		"WHERE ?1 = 0 OR d.customer_id = ?1 ORDER BY d.date, d.id",
		&stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, customer_id);
	return crm_store_list(st, stmt, crm_dunning_history_columns, crm_dunning_history_ncolumns,
			      out, err);
}
