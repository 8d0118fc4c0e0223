/* doc.c — documents and their lines: the line arithmetic, the numbering,
 * creating documents, adding, changing and removing lines, showing and
 * listing, and the quote life cycle (send, accept, reject, convert). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "doc.h"
#include "money.h"
#include "product.h"
#include "validate.h"

/* ---- quantities, rates, arithmetic ---- */

int crm_qty_parse(const char *s, int64_t *out, struct crm_err *err)
{
	int64_t v;

	if (!s || crm_money_parse(s, 3, &v, NULL) != CRM_OK || v <= 0)
		return crm_fail(err, CRM_EINVAL,
				"quantity '%s' is not a number greater than 0 with at most 3 "
				"decimals", s ? s : "");
	*out = v;
	return CRM_OK;
}

int crm_rate_parse(const char *s, const char *what, int64_t *out, struct crm_err *err)
{
	int64_t v;

	if (!s || crm_money_parse(s, 2, &v, NULL) != CRM_OK || v < 0 || v > 10000 ||
	    *s == '-')
		return crm_fail(err, CRM_EINVAL,
				"%s '%s' is not a percentage from 0 to 100 with at most 2 "
				"decimals", what, s ? s : "");
	*out = v;
	return CRM_OK;
}

/* crm_money_format without trailing fraction zeros (and point). */
static char *format_trim(int64_t v, int decimals, char *buf)
{
	size_t n;

	crm_money_format(v, decimals, buf);
	if (!strchr(buf, '.'))
		return buf;
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	return buf;
}

char *crm_qty_format(int64_t qty, char *buf)
{
	return format_trim(qty, 3, buf);
}

char *crm_rate_format(int64_t rate, char *buf)
{
	return format_trim(rate, 2, buf);
}

int crm_muldiv_round(int64_t a, int64_t b, int64_t den, int64_t *out)
{
	__int128 n = (__int128)a * b;
	__int128 q = n / den, r = n % den;

	if (r < 0)
		r = -r;
	if (2 * r >= den)
		q += n < 0 ? -1 : 1;
	if (q > INT64_MAX || q < INT64_MIN)
		return -1;
	*out = (int64_t)q;
	return 0;
}

int crm_line_compute(int64_t qty, int64_t price, int64_t discount_rate, int64_t tax_rate,
		     struct crm_line_amounts *out, struct crm_err *err)
{
	struct crm_line_amounts a;

	if (crm_muldiv_round(qty, price, 1000, &a.gross) ||
	    crm_muldiv_round(a.gross, discount_rate, 10000, &a.discount))
		return crm_fail(err, CRM_EINVAL, "line amount too large");
	/* |discount| <= |gross| for rates up to 100 %: no overflow */
	a.net = a.gross - a.discount;
	if (crm_muldiv_round(a.net, tax_rate, 10000, &a.tax))
		return crm_fail(err, CRM_EINVAL, "line amount too large");
	*out = a;
	return CRM_OK;
}

/* ---- small helpers ---- */

static int known_kind(const char *kind)
{
	return kind && (!strcmp(kind, "quote") || !strcmp(kind, "order") ||
			!strcmp(kind, "invoice") || !strcmp(kind, "credit"));
}

const char *crm_doc_noun(const char *kind)
{
	return strcmp(kind, "credit") == 0 ? "credit note" : kind;
}

/* Copies column c of stmt (NULL → "") into buf of size n. */
static void col_copy(sqlite3_stmt *stmt, int c, char *buf, size_t n)
{
	const unsigned char *t = sqlite3_column_text(stmt, c);

	snprintf(buf, n, "%s", t ? (const char *)t : "");
}

/* Runs a statement that returns no rows and finalizes it. */
static int run(struct crm_store *st, sqlite3_stmt *stmt, struct crm_err *err)
{
	return crm_store_run(st, stmt, err);
}

static int parse_price(struct crm_store *st, const char *s, int64_t *out, struct crm_err *err)
{
	int64_t v;

	if (crm_money_parse(s, st->money_decimals, &v, NULL) != CRM_OK || v < 0 || *s == '-')
		return crm_fail(err, CRM_EINVAL,
				"price '%s' is not an amount of 0 or more with at most %d decimals",
				s, st->money_decimals);
	*out = v;
	return CRM_OK;
}

static int check_text(const char *what, const char *s, struct crm_err *err)
{
	if (!*s)
		return crm_fail(err, CRM_EINVAL, "empty %s", what);
	if (crm_has_control(s, 0) || strlen(s) > 500)
		return crm_fail(err, CRM_EINVAL, "%s '%s' is too long or has control characters",
				what, s);
	return CRM_OK;
}

/* ---- finding ---- */

int crm_doc_find_either(struct crm_store *st, const char *kind, const char *kind2,
			const char *key, int64_t *id, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT id FROM doc WHERE kind IN (?1, ?4) AND (number = ?2 "
				   "OR (?3 AND id = CAST(?2 AS INTEGER))) "
				   "ORDER BY number = ?2 DESC LIMIT 1",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 3, *key && strspn(key, "0123456789") == strlen(key) &&
					  strlen(key) < 19);
	crm_bind_text(stmt, 4, kind2);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		*id = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	if (rc == SQLITE_ROW)
		return CRM_OK;
	return rc == SQLITE_DONE ? crm_fail(err, CRM_ENOTFOUND, "no %s '%s'", crm_doc_noun(kind), key)
				 : crm_store_error(st, rc, err);
}

int crm_doc_find(struct crm_store *st, const char *kind, const char *key, int64_t *id,
		 struct crm_err *err)
{
	return crm_doc_find_either(st, kind, NULL, key, id, err);
}

int crm_doc_state(struct crm_store *st, int64_t id, struct crm_doc_state *out,
		  struct crm_err *err)
{
	char today[CRM_DATE_BUFSZ];
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT d.kind, d.status, " CRM_DOC_STATUS_SQL ", "
				   "ifnull(d.number, ''), d.date, d.valid_until, d.customer_id, "
				   "d.total, d.settled FROM doc d WHERE d.id = ?2",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, crm_date_format(st->clock.today, today), -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		col_copy(stmt, 0, out->kind, sizeof out->kind);
		col_copy(stmt, 1, out->status, sizeof out->status);
		col_copy(stmt, 2, out->shown, sizeof out->shown);
		col_copy(stmt, 3, out->number, sizeof out->number);
		col_copy(stmt, 4, out->date, sizeof out->date);
		col_copy(stmt, 5, out->valid_until, sizeof out->valid_until);
		out->customer_id = sqlite3_column_int64(stmt, 6);
		out->total = sqlite3_column_int64(stmt, 7);
		out->settled = sqlite3_column_int64(stmt, 8);
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return crm_fail(err, CRM_ENOTFOUND, "no document with id %lld", (long long)id);
	return rc == SQLITE_ROW ? CRM_OK : crm_store_error(st, rc, err);
}

/* ---- numbering ---- */

/* Writes pattern with {YYYY}, {YY} and {#...#} filled in; -1 when the
 * result does not fit in 65 bytes. */
static int series_format(const char *pattern, int year, int64_t n, char out[65])
{
	size_t o = 0;
	char tmp[40];

	for (const char *p = pattern; *p;) {
		const char *piece = NULL;
		size_t len, skip = 1;

		if (!strncmp(p, "{YYYY}", 6)) {
			snprintf(tmp, sizeof tmp, "%04d", year);
			piece = tmp, skip = 6;
		} else if (!strncmp(p, "{YY}", 4)) {
			snprintf(tmp, sizeof tmp, "%02d", year % 100);
			piece = tmp, skip = 4;
		} else if (p[0] == '{' && p[1] == '#') {
			size_t w = strspn(p + 1, "#");

			if (p[1 + w] == '}') {
				snprintf(tmp, sizeof tmp, "%0*lld", (int)(w > 20 ? 20 : w),
					 (long long)n);
				piece = tmp, skip = w + 2;
			}
		}
		if (!piece) {
			tmp[0] = *p, tmp[1] = '\0';
			piece = tmp;
		}
		len = strlen(piece);
		if (o + len >= 65)
			return -1;
		memcpy(out + o, piece, len);
		o += len;
		p += skip;
	}
	out[o] = '\0';
	return 0;
}

int crm_doc_number_next(struct crm_store *st, const char *series_kind, crm_day date,
			char number_out[65], struct crm_err *err)
{
	char key[64];
	char *pattern;
	sqlite3_stmt *stmt;
	int y, m, d, rc;
	int64_t n = 0;

	snprintf(key, sizeof key, "series.%s", series_kind);
	if (!(pattern = crm_config_value(st, key)))
		return crm_fail(err, CRM_EINVAL, "no number series configured (%s)", key);
	crm_day_to_civil(date, &y, &m, &d);
	rc = crm_store_prepare(st,
			       "INSERT INTO number_series (series, year, last) VALUES (?1, ?2, 1) "
			       "ON CONFLICT (series, year) DO UPDATE SET last = last + 1 "
			       "RETURNING last",
			       &stmt, err);
	if (rc == CRM_OK) {
		sqlite3_bind_text(stmt, 1, series_kind, -1, SQLITE_STATIC);
		/* a pattern without the year numbers on across years */
		sqlite3_bind_int(stmt, 2, strstr(pattern, "{YY") ? y : 0);
		if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
			n = sqlite3_column_int64(stmt, 0);
		rc = rc == SQLITE_ROW ? CRM_OK : crm_store_error(st, rc, err);
		sqlite3_finalize(stmt);
	}
	if (rc == CRM_OK && series_format(pattern, y, n, number_out))
		rc = crm_fail(err, CRM_EINVAL, "number series '%s' makes numbers too long",
			      pattern);
	free(pattern);
	return rc;
}

/* ---- documents ---- */

static int parse_date(struct crm_store *st, const char *what, const char *s, crm_day *out,
		      struct crm_err *err)
{
	if (crm_date_parse(s, st->clock.today, out, NULL) != CRM_OK)
		return crm_fail(err, CRM_EINVAL, "%s '%s' is not a date", what, s);
	return CRM_OK;
}

/* Refuses a number another document has (a series changed so that it
 * repeats itself). */
static int number_free(struct crm_store *st, const char *kind, const char *number,
		       struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st, "SELECT 1 FROM doc WHERE number = ?1", &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, number, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc == SQLITE_ROW)
		return crm_fail(err, CRM_EINVAL, "number %s is taken already (see series.%s)",
				number, kind);
	return rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}

/* Joins the non-empty text columns first..last of stmt with ", ": the
 * customer's address as one line. */
static void ship_to_join(sqlite3_stmt *stmt, int first, int last, char *buf, size_t n)
{
	size_t o = 0;

	buf[0] = '\0';
	for (int c = first; c <= last; c++) {
		const char *t = (const char *)sqlite3_column_text(stmt, c);

		if (!t || !*t)
			continue;
		o += (size_t)snprintf(buf + o, n - o, "%s%s", o ? ", " : "", t);
		if (o >= n) {
			buf[n - 1] = '\0';
			return;
		}
	}
}

int crm_doc_insert(struct crm_store *st, const char *kind, int64_t customer_id,
		   const struct crm_doc_input *in, int64_t *id, char number_out[65],
		   struct crm_err *err)
{
	char date_s[CRM_DATE_BUFSZ], valid_s[CRM_DATE_BUFSZ], promised_s[CRM_DATE_BUFSZ],
		due_s[CRM_DATE_BUFSZ], code[65], ship_to[1024] = "";
	const char *status = in->status ? in->status : "draft";
	crm_day date = st->clock.today, valid = 0, promised = 0, due = 0;
	int has_valid = 0, archived = 0;
	sqlite3_stmt *stmt;
	int rc;

	number_out[0] = '\0';
	if (!known_kind(kind))
		return crm_fail(err, CRM_EINVAL, "unknown document kind '%s'", kind ? kind : "");
	if ((in->date && (rc = parse_date(st, "date", in->date, &date, err))) ||
	    (in->valid_until &&
	     (rc = parse_date(st, "valid-until", in->valid_until, &valid, err))) ||
	    (in->promised && (rc = parse_date(st, "promised", in->promised, &promised, err))) ||
	    (in->due && (rc = parse_date(st, "due", in->due, &due, err))))
		return rc;
	if (in->note && (rc = check_text("note", in->note, err)))
		return rc;
	if (in->valid_until) {
		has_valid = 1;
	} else if (!strcmp(kind, "quote")) {
		valid = date + (crm_day)crm_config_long(st, "quote.valid_days", 30);
		has_valid = 1;
	}
	if (has_valid && valid < date)
		return crm_fail(err, CRM_EINVAL, "valid-until %s is before the date %s",
				crm_date_format(valid, valid_s), crm_date_format(date, date_s));

	if ((rc = crm_store_prepare(st,
				    "SELECT code, archived, street, trim(ifnull(postcode, '') || ' ' "
				    "|| ifnull(city, '')), region, country FROM customer WHERE id = ?1",
				    &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, customer_id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		col_copy(stmt, 0, code, sizeof code);
		archived = sqlite3_column_int(stmt, 1);
		ship_to_join(stmt, 2, 5, ship_to, sizeof ship_to);
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return crm_fail(err, CRM_ENOTFOUND, "no customer with id %lld",
				(long long)customer_id);
	if (rc != SQLITE_ROW)
		return crm_store_error(st, rc, err);
	if (archived)
		return crm_fail(err, CRM_EINVAL, "customer %s is archived", code);

	if (in->copy_from) {
		/* a new document offers no archived product */
		if ((rc = crm_store_prepare(st,
					    "SELECT p.sku FROM doc_line l JOIN product p "
					    "ON p.id = l.product_id WHERE l.doc_id = ?1 AND "
					    "p.archived ORDER BY l.pos LIMIT 1",
					    &stmt, err)) != CRM_OK)
			return rc;
		sqlite3_bind_int64(stmt, 1, in->copy_from);
		if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
			crm_fail(err, CRM_EINVAL, "product %s is archived",
				 (const char *)sqlite3_column_text(stmt, 0));
		sqlite3_finalize(stmt);
		if (rc == SQLITE_ROW)
			return CRM_EINVAL;
		if (rc != SQLITE_DONE)
			return crm_store_error(st, rc, err);
	}

	if (!(strcmp(status, "draft") == 0 &&
	      (strcmp(kind, "invoice") == 0 || strcmp(kind, "credit") == 0)) &&
	    (rc = crm_doc_number_next(st, kind, date, number_out, err)) != CRM_OK)
		return rc;
	if (*number_out && (rc = number_free(st, kind, number_out, err)) != CRM_OK)
		return rc;

	rc = crm_store_prepare(
		st,
		"INSERT INTO doc (kind, number, customer_id, status, date, valid_until, promised, "
		"due, source_id, ship_to, note, created, updated) "
		"VALUES (?1, nullif(?2, ''), ?11, ?3, ?4, ?5, ?6, ?7, ?8, nullif(?12, ''), ?9, "
		"?10, ?10)",
		&stmt, err);
	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, number_out, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, status, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, crm_date_format(date, date_s), -1, SQLITE_STATIC);
	crm_bind_text(stmt, 5, has_valid ? crm_date_format(valid, valid_s) : NULL);
	crm_bind_text(stmt, 6, in->promised ? crm_date_format(promised, promised_s) : NULL);
	crm_bind_text(stmt, 7, in->due ? crm_date_format(due, due_s) : NULL);
	if (in->source_id)
		sqlite3_bind_int64(stmt, 8, in->source_id);
	crm_bind_text(stmt, 9, in->note);
	crm_bind_text(stmt, 10, st->clock.now);
	sqlite3_bind_int64(stmt, 11, customer_id);
	sqlite3_bind_text(stmt, 12, ship_to, -1, SQLITE_STATIC);
	if ((rc = run(st, stmt, err)) != CRM_OK)
		return rc;
	*id = sqlite3_last_insert_rowid(st->db);
	if (in->copy_from)
		rc = crm_doc_copy_lines(st, in->copy_from, *id, 0, err);
	return rc;
}

int crm_doc_new(struct crm_store *st, const char *kind, int64_t customer_id,
		const struct crm_doc_input *in, int64_t *id, char number_out[65],
		struct crm_err *err)
{
	int rc = crm_store_begin(st, err);

	if (rc != CRM_OK)
		return rc;
	rc = crm_doc_insert(st, kind, customer_id, in, id, number_out, err);
	return crm_store_end(st, rc, err);
}

int crm_doc_recompute(struct crm_store *st, int64_t doc_id, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(
		st,
		"UPDATE doc SET (subtotal, discount, tax, total, updated) = "
		"(SELECT ifnull(sum(gross), 0), ifnull(sum(discount), 0), ifnull(sum(tax), 0), "
		"ifnull(sum(gross) - sum(discount) + sum(tax), 0), ?2 "
		"FROM doc_line WHERE doc_id = ?1) WHERE id = ?1",
		&stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, doc_id);
	crm_bind_text(stmt, 2, st->clock.now);
	return run(st, stmt, err);
}

int crm_doc_copy_lines(struct crm_store *st, int64_t from_id, int64_t to_id, int link,
		       struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(
		st,
		"INSERT INTO doc_line (doc_id, pos, product_id, description, qty, unit, price, "
		"discount_rate, tax_rate, gross, discount, net, tax, source_line_id) "
		"SELECT ?2, l.pos + (SELECT ifnull(max(pos), 0) FROM doc_line WHERE doc_id = ?2), "
		"l.product_id, l.description, l.qty, l.unit, l.price, l.discount_rate, l.tax_rate, "
		"l.gross, l.discount, l.net, l.tax, CASE WHEN ?3 THEN l.id END "
		"FROM doc_line l WHERE l.doc_id = ?1 ORDER BY l.pos",
		&stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, from_id);
	sqlite3_bind_int64(stmt, 2, to_id);
	sqlite3_bind_int(stmt, 3, link != 0);
	if ((rc = run(st, stmt, err)) != CRM_OK)
		return rc;
	return crm_doc_recompute(st, to_id, err);
}

/* ---- lines ---- */

/* Refuses line changes to a document that is not in draft. */
static int check_editable(struct crm_store *st, int64_t doc_id, struct crm_doc_state *s,
			  struct crm_err *err)
{
	int rc = crm_doc_state(st, doc_id, s, err);

	if (rc != CRM_OK)
		return rc;
	if (strcmp(s->status, "draft") != 0)
		return crm_fail(err, CRM_EINVAL,
				"%s %s is %s; only a draft %s has its lines changed",
				crm_doc_noun(s->kind), s->number, s->status, crm_doc_noun(s->kind));
	return CRM_OK;
}

/* The customer's last price for a product (crm_product_last_price's
 * rule), with where it was and the customer's code, into h. */
static int last_price(struct crm_store *st, int64_t product_id, int64_t customer_id,
		      struct crm_price_hint *h, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc;

	memset(h, 0, sizeof *h);
	if ((rc = crm_product_last_price_from(st, product_id, customer_id, &h->price, &h->used,
					      h->number, h->date, err)) != CRM_OK ||
	    !h->used)
		return rc;
	if ((rc = crm_store_prepare(st, "SELECT code FROM customer WHERE id = ?1", &stmt, err)))
		return rc;
	sqlite3_bind_int64(stmt, 1, customer_id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		col_copy(stmt, 0, h->customer, sizeof h->customer);
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? CRM_OK : crm_store_error(st, rc, err);
}

/* The values of a line being written. */
struct line_values {
	int64_t product_id; /* 0: free text */
	int64_t qty, price, discount_rate, tax_rate;
	const char *description, *unit;
	struct crm_line_amounts a;
};

/* Parses the values in gives over those already in v. */
static int line_apply(struct crm_store *st, const struct crm_line_input *in,
		      struct line_values *v, struct crm_err *err)
{
	int rc;

	if ((in->qty && (rc = crm_qty_parse(in->qty, &v->qty, err))) ||
	    (in->price && (rc = parse_price(st, in->price, &v->price, err))) ||
	    (in->discount && (rc = crm_rate_parse(in->discount, "discount", &v->discount_rate,
						  err))) ||
	    (in->tax_rate && (rc = crm_rate_parse(in->tax_rate, "tax rate", &v->tax_rate, err))))
		return rc;
	if (in->description) {
		if ((rc = check_text("description", in->description, err)))
			return rc;
		v->description = in->description;
	}
	return crm_line_compute(v->qty, v->price, v->discount_rate, v->tax_rate, &v->a, err);
}

/* Binds a line's values: ?1 doc/line id set by the caller; ?2 product, ?3
 * description, ?4 qty, ?5 unit, ?6 price, ?7 discount rate, ?8 tax rate,
 * ?9..?12 gross, discount, net, tax. */
static void bind_line(sqlite3_stmt *stmt, const struct line_values *v)
{
	if (v->product_id)
		sqlite3_bind_int64(stmt, 2, v->product_id);
	sqlite3_bind_text(stmt, 3, v->description, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 4, v->qty);
	sqlite3_bind_text(stmt, 5, v->unit, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 6, v->price);
	sqlite3_bind_int64(stmt, 7, v->discount_rate);
	sqlite3_bind_int64(stmt, 8, v->tax_rate);
	sqlite3_bind_int64(stmt, 9, v->a.gross);
	sqlite3_bind_int64(stmt, 10, v->a.discount);
	sqlite3_bind_int64(stmt, 11, v->a.net);
	sqlite3_bind_int64(stmt, 12, v->a.tax);
}

static int line_insert(struct crm_store *st, int64_t doc_id, const struct crm_line_input *in,
		       int *pos, struct crm_err *err)
{
	struct crm_doc_state s;
	struct crm_product p;
	struct line_values v = {0};
	struct crm_price_hint hint = {0};
	sqlite3_stmt *stmt;
	int rc;

	if (!in->product == !in->text)
		return crm_fail(err, CRM_EUSAGE, "a line is either --product or --text");
	if (!in->qty)
		return crm_fail(err, CRM_EUSAGE, "a line needs a quantity");
	if ((rc = check_editable(st, doc_id, &s, err)) != CRM_OK)
		return rc;
	v.unit = "pcs";
	if (in->product) {
		int64_t product_id;

		if ((rc = crm_product_find(st, in->product, &product_id, err)) != CRM_OK ||
		    (rc = crm_product_get(st, product_id, &p, err)) != CRM_OK)
			return rc;
		if (p.archived)
			return crm_fail(err, CRM_EINVAL, "product %s is archived", p.sku);
		v.product_id = p.id;
		v.description = p.name;
		v.unit = p.unit;
		v.tax_rate = p.tax_rate;
		v.price = p.price;
		if (!in->price) {
			if ((rc = last_price(st, p.id, s.customer_id, &hint, err)) != CRM_OK)
				return rc;
			if (hint.used)
				v.price = hint.price;
		}
	} else {
		if ((rc = check_text("text", in->text, err)) != CRM_OK)
			return rc;
		if (!in->price)
			return crm_fail(err, CRM_EINVAL, "a text line needs a price");
		v.description = in->text;
	}
	if ((rc = line_apply(st, in, &v, err)) != CRM_OK)
		return rc;
	rc = crm_store_prepare(
		st,
		"INSERT INTO doc_line (doc_id, pos, product_id, description, qty, unit, price, "
		"discount_rate, tax_rate, gross, discount, net, tax) VALUES (?1, "
		"(SELECT ifnull(max(pos), 0) + 1 FROM doc_line WHERE doc_id = ?1), "
		"?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING pos",
		&stmt, err);
	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, doc_id);
	bind_line(stmt, &v);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		*pos = sqlite3_column_int(stmt, 0);
	rc = rc == SQLITE_ROW ? CRM_OK : crm_store_error(st, rc, err);
	sqlite3_finalize(stmt);
	if (rc == CRM_OK)
		rc = crm_doc_recompute(st, doc_id, err);
	if (rc == CRM_OK && in->hint)
		*in->hint = hint;
	return rc;
}

int crm_doc_line_add(struct crm_store *st, int64_t doc_id, const struct crm_line_input *in,
		     int *pos, struct crm_err *err)
{
	int rc = crm_store_begin(st, err);

	if (in->hint)
		memset(in->hint, 0, sizeof *in->hint);
	if (rc != CRM_OK)
		return rc;
	rc = line_insert(st, doc_id, in, pos, err);
	return crm_store_end(st, rc, err);
}

/* Looks up line pos of doc_id into v (description and unit are copied into
 * the buffers); *line_id receives its id. */
static int line_get(struct crm_store *st, int64_t doc_id, const struct crm_doc_state *s,
		    int pos, int64_t *line_id, struct line_values *v, char *desc, size_t ndesc,
		    char *unit, size_t nunit, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT id, ifnull(product_id, 0), description, qty, unit, price, "
				   "discount_rate, tax_rate FROM doc_line WHERE doc_id = ?1 "
				   "AND pos = ?2",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, doc_id);
	sqlite3_bind_int(stmt, 2, pos);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		*line_id = sqlite3_column_int64(stmt, 0);
		v->product_id = sqlite3_column_int64(stmt, 1);
		col_copy(stmt, 2, desc, ndesc);
		v->qty = sqlite3_column_int64(stmt, 3);
		col_copy(stmt, 4, unit, nunit);
		v->price = sqlite3_column_int64(stmt, 5);
		v->discount_rate = sqlite3_column_int64(stmt, 6);
		v->tax_rate = sqlite3_column_int64(stmt, 7);
		v->description = desc;
		v->unit = unit;
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return crm_fail(err, CRM_ENOTFOUND, "no line %d on %s %s", pos, crm_doc_noun(s->kind),
				s->number);
	return rc == SQLITE_ROW ? CRM_OK : crm_store_error(st, rc, err);
}

static int line_update(struct crm_store *st, int64_t doc_id, int pos,
		       const struct crm_line_input *in, struct crm_err *err)
{
	struct crm_doc_state s;
	struct line_values v = {0};
	char desc[1024], unit[64];
	int64_t line_id;
	sqlite3_stmt *stmt;
	int rc;

	if ((rc = check_editable(st, doc_id, &s, err)) != CRM_OK ||
	    (rc = line_get(st, doc_id, &s, pos, &line_id, &v, desc, sizeof desc, unit,
			   sizeof unit, err)) != CRM_OK ||
	    (rc = line_apply(st, in, &v, err)) != CRM_OK)
		return rc;
	rc = crm_store_prepare(st,
			       "UPDATE doc_line SET product_id = ?2, description = ?3, qty = ?4, "
			       "unit = ?5, price = ?6, discount_rate = ?7, tax_rate = ?8, "
			       "gross = ?9, discount = ?10, net = ?11, tax = ?12 WHERE id = ?1",
			       &stmt, err);
	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, line_id);
	bind_line(stmt, &v);
	if ((rc = run(st, stmt, err)) != CRM_OK)
		return rc;
	return crm_doc_recompute(st, doc_id, err);
}

/* An invoice line made from an order line may not bill more than was
 * shipped (all invoices of the line together, drafts included). */
static int check_not_overbilled(struct crm_store *st, int64_t doc_id, struct crm_err *err)
{
	char shipped[CRM_MONEY_BUFSZ], invoiced[CRM_MONEY_BUFSZ];
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT il.pos, s.shipped, s.invoiced FROM doc_line il "
				   "JOIN order_line_state s ON s.line_id = il.source_line_id "
				   "JOIN doc d ON d.id = il.doc_id "
				   "WHERE il.doc_id = ?1 AND d.kind = 'invoice' AND s.invoiced > s.shipped "
				   "ORDER BY il.pos LIMIT 1",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, doc_id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		crm_qty_format(sqlite3_column_int64(stmt, 1), shipped);
		crm_qty_format(sqlite3_column_int64(stmt, 2), invoiced);
		rc = crm_fail(err, CRM_EINVAL,
			      "line %d would bill more than was shipped: %s invoiced, %s shipped",
			      sqlite3_column_int(stmt, 0), invoiced, shipped);
	} else {
		rc = rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
	}
	sqlite3_finalize(stmt);
	return rc;
}

int crm_doc_line_edit(struct crm_store *st, int64_t doc_id, int pos,
		      const struct crm_line_input *in, struct crm_err *err)
{
	int rc;

	if (in->product || in->text)
		return crm_fail(err, CRM_EUSAGE, "a line's product or text cannot change; "
						 "remove it and add another");
	if (!in->qty && !in->price && !in->discount && !in->tax_rate && !in->description)
		return crm_fail(err, CRM_EUSAGE, "nothing to change");
	if ((rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	rc = line_update(st, doc_id, pos, in, err);
	if (rc == CRM_OK)
		rc = check_not_overbilled(st, doc_id, err);
	return crm_store_end(st, rc, err);
}

static int line_delete(struct crm_store *st, int64_t doc_id, int pos, struct crm_err *err)
{
	struct crm_doc_state s;
	struct line_values v = {0};
	char desc[1024], unit[64];
	int64_t line_id;
	sqlite3_stmt *stmt, *up;
	int rc;

	if ((rc = check_editable(st, doc_id, &s, err)) != CRM_OK ||
	    (rc = line_get(st, doc_id, &s, pos, &line_id, &v, desc, sizeof desc, unit,
			   sizeof unit, err)) != CRM_OK)
		return rc;
	if ((rc = crm_store_prepare(st, "DELETE FROM doc_line WHERE id = ?1", &stmt, err)))
		return rc;
	sqlite3_bind_int64(stmt, 1, line_id);
	if ((rc = run(st, stmt, err)) != CRM_OK)
		return rc;
	/* one row at a time, lowest first, so that (doc_id, pos) stays unique */
	if ((rc = crm_store_prepare(st,
				    "SELECT id FROM doc_line WHERE doc_id = ?1 AND pos > ?2 "
				    "ORDER BY pos",
				    &stmt, err)))
		return rc;
	if ((rc = crm_store_prepare(st, "UPDATE doc_line SET pos = pos - 1 WHERE id = ?1", &up,
				    err))) {
		sqlite3_finalize(stmt);
		return rc;
	}
	sqlite3_bind_int64(stmt, 1, doc_id);
	sqlite3_bind_int(stmt, 2, pos);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		sqlite3_bind_int64(up, 1, sqlite3_column_int64(stmt, 0));
		if ((rc = sqlite3_step(up)) != SQLITE_DONE)
			break;
		sqlite3_reset(up);
	}
	rc = rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
	sqlite3_finalize(up);
	sqlite3_finalize(stmt);
	if (rc == CRM_OK)
		rc = crm_doc_recompute(st, doc_id, err);
	return rc;
}

int crm_doc_line_rm(struct crm_store *st, int64_t doc_id, int pos, struct crm_err *err)
{
	int rc = crm_store_begin(st, err);

	if (rc != CRM_OK)
		return rc;
	rc = line_delete(st, doc_id, pos, err);
	return crm_store_end(st, rc, err);
}

/* ---- show ---- */

static const struct crm_column field_columns[] = {
	{"kind", CRM_COL_TEXT},        {"number", CRM_COL_TEXT},   {"status", CRM_COL_TEXT},
	{"customer", CRM_COL_TEXT},    {"customer_name", CRM_COL_TEXT},
	{"date", CRM_COL_TEXT},        {"valid_until", CRM_COL_TEXT},
	{"promised", CRM_COL_TEXT},    {"due", CRM_COL_TEXT},      {"source", CRM_COL_TEXT},
	{"ship_to", CRM_COL_TEXT},     {"note", CRM_COL_TEXT},     {"subtotal", CRM_COL_MONEY},
	{"discount", CRM_COL_MONEY},   {"tax", CRM_COL_MONEY},     {"total", CRM_COL_MONEY},
};

int crm_doc_show_fields(struct crm_store *st, int64_t id, struct crm_rec *rec,
			struct crm_err *err)
{
	char today[CRM_DATE_BUFSZ], money[CRM_MONEY_BUFSZ];
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(
		st,
		"SELECT d.kind, d.number, " CRM_DOC_STATUS_SQL ", c.code, c.name, d.date, "
		"d.valid_until, d.promised, d.due, s.number, d.ship_to, d.note, d.subtotal, "
		"d.discount, d.tax, d.total FROM doc d JOIN customer c ON c.id = d.customer_id "
		"LEFT JOIN doc s ON s.id = d.source_id WHERE d.id = ?2",
		&stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, crm_date_format(st->clock.today, today), -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		for (size_t i = 0; i < sizeof field_columns / sizeof *field_columns; i++)
			crm_rec_field(rec, field_columns[i].name, field_columns[i].type,
				      crm_store_cell(st, stmt, (int)i, field_columns[i].type,
						     money));
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return crm_fail(err, CRM_ENOTFOUND, "no document with id %lld", (long long)id);
	return rc == SQLITE_ROW ? CRM_OK : crm_store_error(st, rc, err);
}

static const struct crm_column line_columns[] = {
	{"pos", CRM_COL_INT},          {"sku", CRM_COL_TEXT},     {"description", CRM_COL_TEXT},
	{"qty", CRM_COL_INT},          {"unit", CRM_COL_TEXT},    {"price", CRM_COL_MONEY},
	{"discount_rate", CRM_COL_INT}, {"gross", CRM_COL_MONEY}, {"discount", CRM_COL_MONEY},
	{"net", CRM_COL_MONEY},        {"tax_rate", CRM_COL_INT}, {"tax", CRM_COL_MONEY},
};
#define NLINE_COLUMNS (sizeof line_columns / sizeof *line_columns)

int crm_doc_show_lines(struct crm_store *st, int64_t id, struct crm_rec *rec,
		       struct crm_err *err)
{
	char buf[NLINE_COLUMNS][CRM_MONEY_BUFSZ];
	const char *cells[NLINE_COLUMNS];
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT l.pos, p.sku, l.description, l.qty, l.unit, l.price, "
				   "l.discount_rate, l.gross, l.discount, l.net, l.tax_rate, l.tax "
				   "FROM doc_line l LEFT JOIN product p ON p.id = l.product_id "
				   "WHERE l.doc_id = ?1 ORDER BY l.pos",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	crm_rec_table(rec, "lines", line_columns, NLINE_COLUMNS);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (size_t i = 0; i < NLINE_COLUMNS; i++)
			cells[i] = crm_store_cell(st, stmt, (int)i, line_columns[i].type, buf[i]);
		cells[3] = crm_qty_format(sqlite3_column_int64(stmt, 3), buf[3]);
		cells[6] = crm_rate_format(sqlite3_column_int64(stmt, 6), buf[6]);
		cells[10] = crm_rate_format(sqlite3_column_int64(stmt, 10), buf[10]);
		crm_rec_table_row(rec, "lines", cells);
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}

int crm_doc_show(struct crm_store *st, int64_t id, struct crm_rec *rec, struct crm_err *err)
{
	int rc = crm_doc_show_fields(st, id, rec, err);

	return rc == CRM_OK ? crm_doc_show_lines(st, id, rec, err) : rc;
}

/* ---- list ---- */

const struct crm_column crm_doc_columns[] = {
	{"number", CRM_COL_TEXT},      {"customer", CRM_COL_TEXT}, {"name", CRM_COL_TEXT},
	{"date", CRM_COL_TEXT},        {"valid_until", CRM_COL_TEXT},
	{"promised", CRM_COL_TEXT},    {"due", CRM_COL_TEXT},      {"status", CRM_COL_TEXT},
	{"total", CRM_COL_MONEY},
};
const size_t crm_doc_ncolumns = sizeof crm_doc_columns / sizeof *crm_doc_columns;

int crm_doc_list(struct crm_store *st, const char *kind, const struct crm_doc_filter *filter,
		 struct crm_out *out, struct crm_err *err)
{
	/* the statuses a list of each kind may ask for */
	static const char *const statuses[][2] = {
		{"quote", " draft sent accepted rejected expired open all "},
		{"order", " draft confirmed cancelled open all "},
		{"invoice", " draft issued void open all "},
		{"credit", " draft issued void open all "},
	};
	const char *status = filter->status ? filter->status : "all";
	char today[CRM_DATE_BUFSZ], pad[32];
	sqlite3_stmt *stmt;
	size_t i;
	int rc;

	for (i = 0; i < 4 && strcmp(statuses[i][0], kind); i++)
		;
	if (i == 4)
		return crm_fail(err, CRM_EINVAL, "unknown document kind '%s'", kind);
	snprintf(pad, sizeof pad, " %s ", status);
	if (strchr(status, ' ') || !strstr(statuses[i][1], pad)) {
		char list[128];
		size_t o = 0;

		/* " draft sent ... all " → "draft, sent, ..., all" */
		for (const char *p = statuses[i][1] + 1; p[1]; p++)
			if (*p == ' ')
				list[o++] = ',', list[o++] = ' ';
			else
				list[o++] = *p;
		list[o] = '\0';
		return crm_fail(err, CRM_EINVAL, "'%s' is not a %s status (%s)", status,
				crm_doc_noun(kind), list);
	}
	rc = crm_store_prepare(
		st,
		"SELECT * FROM (SELECT d.number, c.code, c.name, d.date, d.valid_until, "
		"d.promised, d.due, " CRM_DOC_STATUS_SQL " AS shown, d.total, d.id "
		"FROM doc d JOIN customer c ON c.id = d.customer_id "
		"WHERE d.kind = ?2 AND (?3 = 0 OR d.customer_id = ?3)) "
		"WHERE ?4 = 'all' OR shown = ?4 "
		"OR (?4 = 'open' AND shown IN ('draft', 'sent', 'confirmed', 'issued')) "
		"ORDER BY date, id",
		&stmt, err);
	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, crm_date_format(st->clock.today, today), -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, filter->customer_id);
	sqlite3_bind_text(stmt, 4, status, -1, SQLITE_STATIC);
	return crm_store_list(st, stmt, crm_doc_columns, crm_doc_ncolumns, out, err);
}

/* ---- quote life cycle ---- */

/* Refuses an expired quote (shown status "expired"). */
static int check_not_expired(const struct crm_doc_state *s, struct crm_err *err)
{
	crm_day v;
	char after[CRM_DATE_BUFSZ];

	if (strcmp(s->shown, "expired") != 0)
		return CRM_OK;
	if (crm_date_parse_iso(s->valid_until, &v, NULL) != CRM_OK)
		v = 0;
	return crm_fail(err, CRM_EINVAL, "quote %s expired on %s (valid until %s)", s->number,
			crm_date_format(v + 1, after), s->valid_until);
}

static int set_status(struct crm_store *st, int64_t id, const char *status,
		      struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st, "UPDATE doc SET status = ?2, updated = ?3 WHERE id = ?1",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, status, -1, SQLITE_STATIC);
	crm_bind_text(stmt, 3, st->clock.now);
	return run(st, stmt, err);
}

static int count_lines(struct crm_store *st, int64_t id, int *n, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st, "SELECT count(*) FROM doc_line WHERE doc_id = ?1", &stmt,
				   err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	*n = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? CRM_OK : crm_store_error(st, rc, err);
}

/* Moves quote id from one of the states in `from` (space separated) to
 * `to`; expiry is checked unless allow_expired. */
static int quote_move(struct crm_store *st, int64_t id, const char *from, const char *to,
		      int allow_expired, struct crm_err *err)
{
	struct crm_doc_state s;
	char pad[32];
	int n, rc = crm_store_begin(st, err);

	if (rc != CRM_OK)
		return rc;
	if ((rc = crm_doc_state(st, id, &s, err)) != CRM_OK)
		goto end;
	snprintf(pad, sizeof pad, " %s ", s.status);
	if (strcmp(s.kind, "quote") != 0) {
		rc = crm_fail(err, CRM_EINVAL, "%s %s is not a quote", crm_doc_noun(s.kind), s.number);
	} else if (!strstr(from, pad)) {
		rc = crm_fail(err, CRM_EINVAL, "quote %s is %s, not%s", s.number, s.status,
			      strcmp(from, " draft sent ") == 0 ? " draft or sent"
			      : strcmp(from, " draft ") == 0  ? " draft"
							      : " sent");
	} else if (!allow_expired && (rc = check_not_expired(&s, err)) != CRM_OK) {
		;
	} else if (!strcmp(to, "sent") && (rc = count_lines(st, id, &n, err)) == CRM_OK &&
		   n == 0) {
		rc = crm_fail(err, CRM_EINVAL, "quote %s has no lines", s.number);
	} else if (rc == CRM_OK) {
		rc = set_status(st, id, to, err);
	}
end:
	return crm_store_end(st, rc, err);
}

int crm_quote_send(struct crm_store *st, int64_t id, struct crm_err *err)
{
	return quote_move(st, id, " draft ", "sent", 0, err);
}

int crm_quote_accept(struct crm_store *st, int64_t id, struct crm_err *err)
{
	return quote_move(st, id, " sent ", "accepted", 0, err);
}

int crm_quote_reject(struct crm_store *st, int64_t id, struct crm_err *err)
{
	return quote_move(st, id, " draft sent ", "rejected", 1, err);
}

static int quote_convert(struct crm_store *st, int64_t quote_id, const char *promised,
			 int64_t *order_id, char number_out[65], struct crm_err *err)
{
	struct crm_doc_state s;
	struct crm_doc_input in = {0};
	sqlite3_stmt *stmt;
	int n, rc;

	if ((rc = crm_doc_state(st, quote_id, &s, err)) != CRM_OK)
		return rc;
	if (strcmp(s.kind, "quote") != 0)
		return crm_fail(err, CRM_EINVAL, "%s %s is not a quote", crm_doc_noun(s.kind),
				s.number);
	if (strcmp(s.status, "sent") != 0 && strcmp(s.status, "accepted") != 0)
		return crm_fail(err, CRM_EINVAL, "quote %s is %s, not sent or accepted", s.number,
				s.status);
	if ((rc = check_not_expired(&s, err)) != CRM_OK)
		return rc;
	if ((rc = count_lines(st, quote_id, &n, err)) != CRM_OK)
		return rc;
	if (n == 0)
		return crm_fail(err, CRM_EINVAL, "quote %s has no lines", s.number);
	if ((rc = crm_store_prepare(st,
				    "SELECT number FROM doc WHERE kind = 'order' AND source_id = ?1 "
				    "AND status <> 'cancelled' ORDER BY id LIMIT 1",
				    &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, quote_id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		crm_fail(err, CRM_EINVAL, "quote %s is already order %s", s.number,
			 (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	if (rc == SQLITE_ROW)
		return CRM_EINVAL;
	if (rc != SQLITE_DONE)
		return crm_store_error(st, rc, err);
	in.promised = promised;
	in.source_id = quote_id;
	if ((rc = crm_doc_insert(st, "order", s.customer_id, &in, order_id, number_out, err)) ||
	    (rc = crm_doc_copy_lines(st, quote_id, *order_id, 1, err)))
		return rc;
	if (strcmp(s.status, "sent") == 0)
		rc = set_status(st, quote_id, "accepted", err);
	return rc;
}

int crm_quote_convert(struct crm_store *st, int64_t quote_id, const char *promised,
		      int64_t *order_id, char number_out[65], struct crm_err *err)
{
	int rc = crm_store_begin(st, err);

	if (rc != CRM_OK)
		return rc;
	rc = quote_convert(st, quote_id, promised, order_id, number_out, err);
	return crm_store_end(st, rc, err);
}

/* ---- customer show ---- */

static const struct crm_column section_columns[] = {
	{"kind", CRM_COL_TEXT},   {"number", CRM_COL_TEXT}, {"date", CRM_COL_TEXT},
	{"status", CRM_COL_TEXT}, {"total", CRM_COL_MONEY},
};

int crm_doc_section(struct crm_store *st, int64_t customer_id, struct crm_rec *rec,
		    struct crm_err *err)
{
	char today[CRM_DATE_BUFSZ], buf[5][CRM_MONEY_BUFSZ];
	const char *cells[5];
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT d.kind, d.number, d.date, " CRM_DOC_STATUS_SQL ", d.total "
				   "FROM doc d WHERE d.customer_id = ?2 "
				   "ORDER BY d.date DESC, d.id DESC LIMIT 10",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, crm_date_format(st->clock.today, today), -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, customer_id);
	crm_rec_table(rec, "documents", section_columns, 5);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (int i = 0; i < 5; i++)
			cells[i] = crm_store_cell(st, stmt, i, section_columns[i].type, buf[i]);
		crm_rec_table_row(rec, "documents", cells);
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}
