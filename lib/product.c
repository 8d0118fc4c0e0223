/* product.c — products: add, list, show, edit, archive, import, export,
 * and the prices an item was quoted and sold at. */
#include <stdlib.h>
#include <string.h>

#include "product.h"
#include "text.h"
#include "validate.h"

int crm_product_find(struct crm_store *st, const char *key, int64_t *id, struct crm_err *err)
{
	/* A SKU may be all digits: it wins over an id that reads the same. */
	return crm_store_find(st,
			      "SELECT id FROM product WHERE sku = ?1 OR id = ?1 "
			      "ORDER BY sku = ?1 DESC LIMIT 1",
			      "SELECT id FROM product WHERE sku = ?1", key, "product", id, err);
}

/* Copies the text of column c into buf (size n), cut at a UTF-8 boundary. */
static void copy_text(char *buf, size_t n, sqlite3_stmt *stmt, int c)
{
	const char *s = (const char *)sqlite3_column_text(stmt, c);
	size_t len = s ? strlen(s) : 0;

	if (len >= n) {
		len = n - 1;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	if (len)
		memcpy(buf, s, len);
	buf[len] = '\0';
}

int crm_product_get(struct crm_store *st, int64_t id, struct crm_product *out,
		    struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT id, sku, name, unit, price, ifnull(cost, -1), tax_rate, "
				   "archived FROM product WHERE id = ?1",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		out->id = sqlite3_column_int64(stmt, 0);
		copy_text(out->sku, sizeof out->sku, stmt, 1);
		copy_text(out->name, sizeof out->name, stmt, 2);
		copy_text(out->unit, sizeof out->unit, stmt, 3);
		out->price = sqlite3_column_int64(stmt, 4);
		out->cost = sqlite3_column_int64(stmt, 5);
		out->tax_rate = sqlite3_column_int(stmt, 6);
		out->archived = sqlite3_column_int(stmt, 7);
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return crm_fail(err, CRM_ENOTFOUND, "no product with id %lld", (long long)id);
	return rc == SQLITE_ROW ? CRM_OK : crm_store_error(st, rc, err);
}

int crm_product_last_price_from(struct crm_store *st, int64_t product_id, int64_t customer_id,
				int64_t *price, int *found, char doc_number[65],
				char doc_date[CRM_DATE_BUFSZ], struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(
		st,
		"SELECT l.price, ifnull(d.number, ''), d.date FROM doc_line l "
		"JOIN doc d ON d.id = l.doc_id "
		"WHERE l.product_id = ?1 AND d.customer_id = ?2 "
		"AND d.kind IN ('quote', 'order', 'invoice') "
		"AND d.status NOT IN ('void', 'rejected') "
		"ORDER BY d.date DESC, d.id DESC, l.pos DESC LIMIT 1",
		&stmt, err);

	*found = 0;
	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, product_id);
	sqlite3_bind_int64(stmt, 2, customer_id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		*found = 1;
		*price = sqlite3_column_int64(stmt, 0);
		if (doc_number)
			copy_text(doc_number, 65, stmt, 1);
		if (doc_date)
			copy_text(doc_date, CRM_DATE_BUFSZ, stmt, 2);
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}

int crm_product_last_price(struct crm_store *st, int64_t product_id, int64_t customer_id,
			   int64_t *price, int *found, struct crm_err *err)
{
	return crm_product_last_price_from(st, product_id, customer_id, price, found, NULL, NULL,
					   err);
}

/* ---- formatting ---- */

/* SQL text of a rate x in hundredths of a percent: 1900 → "19", 750 →
 * "7.5", 25 → "0.25". */
#define RATE_TEXT(x) "(CAST((" x ") / 100 AS TEXT) || rtrim(printf('.%02d', (" x ") % 100), '.0'))"
/* SQL text of a quantity x in thousandths: 2500 → "2.5", 3000 → "3". */
#define QTY_TEXT(x) "(CAST((" x ") / 1000 AS TEXT) || rtrim(printf('.%03d', (" x ") % 1000), '.0'))"

#define PRODUCT_SELECT                                                                         \
	"p.sku, p.name, p.unit, p.price, p.cost, " RATE_TEXT("p.tax_rate") ", p.note, "        \
	"p.warranty_months, p.archived, p.created, p.updated"

const struct crm_column crm_product_columns[] = {
	{"sku", CRM_COL_TEXT},     {"name", CRM_COL_TEXT},      {"unit", CRM_COL_TEXT},
	{"price", CRM_COL_MONEY},  {"cost", CRM_COL_MONEY},     {"tax_rate", CRM_COL_MONEY},
	{"note", CRM_COL_TEXT},    {"warranty_months", CRM_COL_INT},
	{"archived", CRM_COL_BOOL}, {"created", CRM_COL_TEXT},  {"updated", CRM_COL_TEXT},
};
const size_t crm_product_ncolumns = sizeof crm_product_columns / sizeof *crm_product_columns;

/* ---- validation ---- */

#define MAX_NAME 500
#define MAX_NOTE 100000

int crm_rate_parse_percent(const char *s, const char *what, int *out, struct crm_err *err)
{
	int64_t v;

	if (*s == '+' || *s == '-' || crm_money_parse(s, 2, &v, NULL) != CRM_OK || v > 10000)
		return crm_fail(err, CRM_EINVAL, "'%s' is not a %s (0-100, up to two decimals)", s,
				what);
	*out = (int)v;
	return CRM_OK;
}

/* The parsed values of a crm_product_input. */
struct product_values {
	int64_t price, cost;
	int has_price, cost_given, tax_rate, has_tax_rate;
	int warranty, warranty_given; /* warranty_given as cost_given */
};

static int parse_money(struct crm_store *st, const char *what, const char *s, int64_t *out,
		       struct crm_err *err)
{
	int rc = crm_money_parse(s, st->money_decimals, out, err);

	if (rc == CRM_OK && *out < 0)
		rc = crm_fail(err, CRM_EINVAL, "%s '%s' is negative", what, s);
	return rc;
}

/* Warranty months: 0-1200, or "" to clear. */
static int parse_warranty(const char *s, struct product_values *v, struct crm_err *err)
{
	if (!*s) {
		v->warranty_given = -1;
		return CRM_OK;
	}
	if (!crm_all_digits(s) || strlen(s) > 4 || atoi(s) > 1200)
		return crm_fail(err, CRM_EINVAL, "'%s' is not a warranty in months (0-1200)", s);
	v->warranty = atoi(s);
	v->warranty_given = 1;
	return CRM_OK;
}

/* Checks the given fields of in; *column names the field that was bad.
 * cost_given is 1 for a cost, -1 for '' (clear), 0 for not given. */
static int product_validate(struct crm_store *st, const struct crm_product_input *in,
			    struct product_values *v, const char **column, struct crm_err *err)
{
	memset(v, 0, sizeof *v);
	if (in->sku && (*column = "sku") &&
	    (!*in->sku || strlen(in->sku) > 64 || crm_has_space_or_control(in->sku)))
		return crm_fail(err, CRM_EINVAL,
				"'%s' is not a SKU (1-64 characters, no spaces or control "
				"characters)", in->sku);
	if (in->name && (*column = "name") &&
	    (!*in->name || strlen(in->name) > MAX_NAME || crm_has_control(in->name, 0)))
		return crm_fail(err, CRM_EINVAL,
				"'%s' is not a product name (1-500 characters, no control "
				"characters)", in->name);
	if (in->unit && (*column = "unit") &&
	    (!*in->unit || strlen(in->unit) > 16 || crm_has_control(in->unit, 0)))
		return crm_fail(err, CRM_EINVAL,
				"'%s' is not a unit (1-16 characters, no control characters)",
				in->unit);
	if (in->price && (*column = "price")) {
		if (parse_money(st, "price", in->price, &v->price, err) != CRM_OK)
			return CRM_EINVAL;
		v->has_price = 1;
	}
	if (in->cost && (*column = "cost")) {
		if (!*in->cost)
			v->cost_given = -1;
		else if (parse_money(st, "cost", in->cost, &v->cost, err) != CRM_OK)
			return CRM_EINVAL;
		else
			v->cost_given = 1;
	}
	if (in->tax_rate && (*column = "tax_rate")) {
		if (crm_rate_parse_percent(in->tax_rate, "tax rate", &v->tax_rate, err) != CRM_OK)
			return CRM_EINVAL;
		v->has_tax_rate = 1;
	}
	if (in->note && (*column = "note") &&
	    (strlen(in->note) > MAX_NOTE || crm_has_control(in->note, 1)))
		return crm_fail(err, CRM_EINVAL, "note is too long or has control characters");
	if (in->warranty && (*column = "warranty_months"))
		return parse_warranty(in->warranty, v, err);
	return CRM_OK;
}

/* 1 when a product other than `except` has the SKU, 0 when none, or -1
 * with err set. */
static int sku_taken(struct crm_store *st, const char *sku, int64_t except, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st, "SELECT id FROM product WHERE sku = ?1 AND id <> ?2",
				   &stmt, err);

	if (rc != CRM_OK)
		return -1;
	sqlite3_bind_text(stmt, 1, sku, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, except);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	crm_store_error(st, rc, err);
	return -1;
}

/* Inserts a validated product.  archived < 0 and created NULL: the
 * defaults. */
static int insert_product(struct crm_store *st, const struct crm_product_input *in,
			  const struct product_values *v, int archived, const char *created,
			  struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(
		st,
		"INSERT INTO product (sku, name, unit, price, cost, tax_rate, note, archived, "
		"created, updated, warranty_months) VALUES (?1, ?2, ifnull(?3, 'pcs'), ?4, ?5, ?6, "
		"nullif(?7, ''), ?8, ifnull(?9, ?10), ?10, ?11)",
		&stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, in->sku, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, in->name, -1, SQLITE_STATIC);
	crm_bind_text(stmt, 3, in->unit);
	sqlite3_bind_int64(stmt, 4, v->price);
	if (v->cost_given > 0)
		sqlite3_bind_int64(stmt, 5, v->cost);
	sqlite3_bind_int(stmt, 6, v->tax_rate);
	crm_bind_text(stmt, 7, in->note);
	sqlite3_bind_int(stmt, 8, archived > 0);
	crm_bind_text(stmt, 9, created);
	sqlite3_bind_text(stmt, 10, st->clock.now, -1, SQLITE_STATIC);
	if (v->warranty_given > 0)
		sqlite3_bind_int(stmt, 11, v->warranty);
	return crm_store_run(st, stmt, err);
}

/* The new value of each column in update_product's UPDATE. */
#define NEW_SKU "ifnull(?2, sku)"
#define NEW_NAME "ifnull(?3, name)"
#define NEW_UNIT "ifnull(?4, unit)"
#define NEW_PRICE "(CASE WHEN ?5 THEN ?6 ELSE price END)"
#define NEW_COST "(CASE ?7 WHEN 0 THEN cost WHEN -1 THEN NULL ELSE ?8 END)"
#define NEW_TAX_RATE "(CASE WHEN ?9 THEN ?10 ELSE tax_rate END)"
#define NEW_NOTE "(CASE WHEN ?11 IS NULL THEN note ELSE nullif(?11, '') END)"
#define NEW_ARCHIVED "(CASE WHEN ?12 < 0 THEN archived ELSE ?12 END)"
#define NEW_WARRANTY "(CASE ?14 WHEN 0 THEN warranty_months WHEN -1 THEN NULL ELSE ?15 END)"

/* Changes the given fields of product id (archived < 0: left alone).  A
 * product whose values stay as they were is left alone, updated time and
 * all (an import --update of an unchanged export changes nothing). */
static int update_product(struct crm_store *st, int64_t id, const struct crm_product_input *in,
			  const struct product_values *v, int archived, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(
		st,
		"UPDATE product SET sku = " NEW_SKU ", name = " NEW_NAME ", unit = " NEW_UNIT
		", price = " NEW_PRICE ", cost = " NEW_COST ", tax_rate = " NEW_TAX_RATE
		", note = " NEW_NOTE ", archived = " NEW_ARCHIVED ", warranty_months = " NEW_WARRANTY
		", updated = ?13 "
		"WHERE id = ?1 AND (sku IS NOT " NEW_SKU " OR name IS NOT " NEW_NAME
		" OR unit IS NOT " NEW_UNIT " OR price IS NOT " NEW_PRICE
		" OR cost IS NOT " NEW_COST
		" OR tax_rate IS NOT " NEW_TAX_RATE " OR note IS NOT " NEW_NOTE
		" OR archived IS NOT " NEW_ARCHIVED " OR warranty_months IS NOT " NEW_WARRANTY ")",
		&stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	crm_bind_text(stmt, 2, in->sku);
	crm_bind_text(stmt, 3, in->name);
	crm_bind_text(stmt, 4, in->unit);
	sqlite3_bind_int(stmt, 5, v->has_price);
	sqlite3_bind_int64(stmt, 6, v->price);
	sqlite3_bind_int(stmt, 7, v->cost_given);
	sqlite3_bind_int64(stmt, 8, v->cost);
	sqlite3_bind_int(stmt, 9, v->has_tax_rate);
	sqlite3_bind_int(stmt, 10, v->tax_rate);
	crm_bind_text(stmt, 11, in->note);
	sqlite3_bind_int(stmt, 12, archived);
	sqlite3_bind_text(stmt, 13, st->clock.now, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 14, v->warranty_given);
	sqlite3_bind_int(stmt, 15, v->warranty);
	return crm_store_run(st, stmt, err);
}

int crm_product_add(struct crm_store *st, const struct crm_product_input *in,
		    struct crm_err *err)
{
	struct product_values v;
	const char *column = NULL;
	int rc;

	if (!in->sku || !in->name)
		return crm_fail(err, CRM_EUSAGE, "a product needs a SKU and a name");
	if (!in->price)
		return crm_fail(err, CRM_EUSAGE, "a product needs a price");
	if ((rc = product_validate(st, in, &v, &column, err)) != CRM_OK ||
	    (rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	switch (sku_taken(st, in->sku, 0, err)) {
	case 0: rc = insert_product(st, in, &v, 0, NULL, err); break;
	case 1: rc = crm_fail(err, CRM_EINVAL, "product '%s' already exists", in->sku); break;
	default: rc = CRM_EFAIL;
	}
	return crm_store_end(st, rc, err);
}

int crm_product_edit(struct crm_store *st, int64_t id, const struct crm_product_input *in,
		     struct crm_err *err)
{
	struct product_values v;
	const char *column = NULL;
	int rc;

	if (!in->sku && !in->name && !in->unit && !in->price && !in->cost && !in->tax_rate &&
	    !in->note && !in->warranty)
		return crm_fail(err, CRM_EUSAGE, "nothing to change");
	if ((rc = product_validate(st, in, &v, &column, err)) != CRM_OK ||
	    (rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	if (in->sku) {
		switch (sku_taken(st, in->sku, id, err)) {
		case 0: break;
		case 1:
			rc = crm_fail(err, CRM_EINVAL, "product '%s' already exists", in->sku);
			break;
		default: rc = CRM_EFAIL;
		}
	}
	if (rc == CRM_OK)
		rc = update_product(st, id, in, &v, -1, err);
	return crm_store_end(st, rc, err);
}

int crm_product_archive(struct crm_store *st, int64_t id, int undo, struct crm_err *err)
{
	struct crm_product p;
	int rc = crm_store_begin(st, err);

	if (rc == CRM_OK)
		rc = crm_product_get(st, id, &p, err);
	if (rc == CRM_OK && p.archived == !undo)
		rc = crm_fail(err, CRM_EINVAL, undo ? "product '%s' is not archived"
						    : "product '%s' is already archived",
			      p.sku);
	if (rc == CRM_OK) {
		struct crm_product_input none = {0};
		struct product_values v = {0};

		rc = update_product(st, id, &none, &v, !undo, err);
	}
	return crm_store_end(st, rc, err);
}

/* ---- list, show, export ---- */

/* The SKU matches the search text ignoring ASCII case (its punctuation
 * counts); the name as customer search folds it, ignoring case and
 * accents. */
int crm_product_list(struct crm_store *st, const struct crm_product_filter *f,
		     struct crm_out *out, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(
		st,
		"SELECT " PRODUCT_SELECT " FROM product p "
		"WHERE (?1 = 2 OR p.archived = ?1) AND (?2 IS NULL "
		"OR instr(lower(p.sku), lower(?2)) "
		"OR (crm_fold(?2) <> '' AND instr(crm_fold(p.name), crm_fold(?2)))) "
		"ORDER BY p.sku",
		&stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int(stmt, 1, f->archived);
	crm_bind_text(stmt, 2, f->search);
	return crm_store_list(st, stmt, crm_product_columns, crm_product_ncolumns, out, err);
}

int crm_product_export(struct crm_store *st, FILE *fp, const struct crm_out_opts *opts,
		       struct crm_err *err)
{
	struct crm_product_filter all = {2, NULL};
	struct crm_out *out;
	int rc = crm_out_open(&out, fp, opts, crm_product_columns, crm_product_ncolumns, err);

	if (rc != CRM_OK)
		return rc;
	rc = crm_product_list(st, &all, out, err);
	if (rc != CRM_OK) {
		crm_out_discard(out);
		return rc;
	}
	return crm_out_close(out) == CRM_OK ? CRM_OK : crm_fail(err, CRM_EFAIL, "write error");
}

/* ---- prices ---- */

const struct crm_column crm_product_price_columns[] = {
	{"date", CRM_COL_TEXT},      {"kind", CRM_COL_TEXT},      {"number", CRM_COL_TEXT},
	{"customer", CRM_COL_TEXT},  {"name", CRM_COL_TEXT},      {"qty", CRM_COL_MONEY},
	{"unit", CRM_COL_TEXT},      {"price", CRM_COL_MONEY},    {"discount", CRM_COL_MONEY},
	{"net_price", CRM_COL_MONEY}, {"status", CRM_COL_TEXT},
};
const size_t crm_product_price_ncolumns =
	sizeof crm_product_price_columns / sizeof *crm_product_price_columns;

/* net / qty per unit (qty in thousandths), rounded half away from zero. */
static int64_t net_per_unit(int64_t net, int64_t qty)
{
	__int128 n = (__int128)net * 1000, q, r;

	if (qty <= 0)
		return 0;
	q = n / qty;
	r = n % qty;
	if (2 * (r < 0 ? -r : r) >= qty)
		q += n < 0 ? -1 : 1;
	return (int64_t)q;
}

/* The columns of a prices_query row; d.id and l.pos (12, 13) are there for
 * the ORDER BY. */
#define PRICES_SELECT                                                                          \
	"SELECT d.date, d.kind, d.number, c.code, c.name, " QTY_TEXT("l.qty") ", l.unit, "     \
	"l.price, " RATE_TEXT("l.discount_rate") ", l.net, "                                   \
	"CASE WHEN d.kind = 'quote' AND d.status IN ('draft', 'sent') "                        \
	" AND d.valid_until < ?3 THEN 'expired' ELSE d.status END, l.qty, d.id, l.pos "
#define PRICES_ORDER "ORDER BY 1 DESC, 13 DESC, 14 "

/* Newest first is by the documents' date, which the lines do not have, so
 * no one index walks a product's lines in that order.  The plans, and what
 * each reads (a read: a page of its own, as good as random):
 *   - PLAN_CUSTOMER: that customer's documents (doc_customer), their lines;
 *   - PLAN_ALL (no limit): the product's lines (doc_line_product), each
 *     line, its document and customer, sorted;
 *   - PLAN_NEWEST: the same lines and their documents only, sorted with the
 *     line's id, then the customers of the first limit lines alone: 2 reads
 *     a line;
 *   - the walks: the documents newest first (doc_date), stopping after
 *     limit rows, so a product on 600,000 lines costs what limit rows
 *     cost, not a sort.  About walked = limit x documents / lines
 *     documents go by.  They differ in how a document is known to have a
 *     line of the product:
 *     PLAN_WALK_DOCS: its id is in the set of the product's documents,
 *     built first from the product's lines (1 read a line); a walked
 *     document costs no read, about a twentieth of one in work;
 *     PLAN_WALK_SET: its entries in the doc_line (doc_id, pos) index (1
 *     read) hold a line id of the set of the product's lines, built from
 *     doc_line_product without reads; 1.5 reads a document, work and all;
 *     PLAN_WALK_READ: its lines are read, for a product on 20,000 lines
 *     or more, where building the set costs more than that.
 * So with x = limit x documents, NEWEST is the cheapest up to
 * lines^2 = x / 20, WALK_DOCS up to lines^2 = 1.5 x, WALK_SET beyond
 * (measured at 5M lines on 1M documents, --limit 20: the plans cost the
 * same at 1,000 and at 5,500 lines).  The dearest product is the one
 * where WALK_DOCS and WALK_SET meet, on 1.2 sqrt(x) lines, with about as
 * many reads; the sort alone (NEWEST) would take twice as many. */
enum prices_plan {
	PLAN_CUSTOMER, PLAN_ALL, PLAN_NEWEST, PLAN_WALK_DOCS, PLAN_WALK_SET, PLAN_WALK_READ
};

/* Lines counted at most: products on this many or more are walked with
 * WALK_READ. */
#define PRICES_LINES_MAX 20000
#define PRICES_STR_(x) #x
#define PRICES_STR(x) PRICES_STR_(x)

/* The walks: doc_date newest first, each document's lines through the
 * doc_line (doc_id, pos) index. */
#define PRICES_WALK                                                                            \
	"FROM doc d CROSS JOIN doc_line l CROSS JOIN customer c "                              \
	"WHERE d.date <= '9999-12-31' AND l.doc_id = d.id AND c.id = d.customer_id "

static const char *const prices_sql[] = {
	[PLAN_CUSTOMER] = PRICES_SELECT
	"FROM doc d CROSS JOIN doc_line l CROSS JOIN customer c "
	"WHERE d.customer_id = ?2 AND l.doc_id = d.id AND +l.product_id = ?1 "
	"AND c.id = d.customer_id " PRICES_ORDER "LIMIT ?4",
	[PLAN_ALL] = PRICES_SELECT
	"FROM doc_line l JOIN doc d ON d.id = l.doc_id JOIN customer c ON c.id = d.customer_id "
	"WHERE l.product_id = ?1 " PRICES_ORDER,
	[PLAN_NEWEST] = PRICES_SELECT
	"FROM (SELECT l.id AS line_id FROM doc_line l JOIN doc d ON d.id = l.doc_id "
	" WHERE l.product_id = ?1 ORDER BY d.date DESC, d.id DESC, l.pos LIMIT ?4) t "
	"CROSS JOIN doc_line l CROSS JOIN doc d CROSS JOIN customer c "
	"WHERE l.id = t.line_id AND d.id = l.doc_id AND c.id = d.customer_id " PRICES_ORDER,
	/* +d.id: the set is a filter on the walk, not a list of ids to look up */
	[PLAN_WALK_DOCS] = PRICES_SELECT PRICES_WALK
	"AND +d.id IN (SELECT doc_id FROM doc_line WHERE product_id = ?1) "
	"AND +l.product_id = ?1 " PRICES_ORDER "LIMIT ?4",
	[PLAN_WALK_SET] = PRICES_SELECT PRICES_WALK
	"AND l.id IN (SELECT id FROM doc_line WHERE product_id = ?1) " PRICES_ORDER "LIMIT ?4",
	[PLAN_WALK_READ] = PRICES_SELECT PRICES_WALK
	"AND +l.product_id = ?1 " PRICES_ORDER "LIMIT ?4",
};

/* Picks the plan for the lines of product id (see above). */
static int prices_plan(struct crm_store *st, int64_t id, int64_t customer_id, long limit,
		       enum prices_plan *plan, struct crm_err *err)
{
	int64_t lines, docs;
	__int128 square, x;
	int rc;

	*plan = customer_id ? PLAN_CUSTOMER : limit <= 0 ? PLAN_ALL : PLAN_NEWEST;
	if (*plan != PLAN_NEWEST)
		return CRM_OK;
	/* Counting stops at PRICES_LINES_MAX (a few ms): past that a walk
	 * wins for any limit up to 20,000 x 20,000 / (20 x documents). */
	if ((rc = crm_store_int(st,
				"SELECT count(*) FROM (SELECT 1 FROM doc_line "
				"WHERE product_id = ?1 LIMIT " PRICES_STR(PRICES_LINES_MAX) ")",
				id, &lines, err)) != CRM_OK ||
	    (rc = crm_store_int(st, "SELECT max(id) FROM doc", 0, &docs, err)) != CRM_OK)
		return rc;
	square = (__int128)lines * lines;
	x = (__int128)limit * docs;
	if (20 * square <= x)
		*plan = PLAN_NEWEST;
	else if (lines >= PRICES_LINES_MAX)
		*plan = PLAN_WALK_READ;
	else
		*plan = 2 * square <= 3 * x ? PLAN_WALK_DOCS : PLAN_WALK_SET;
	return CRM_OK;
}

/* Prepares the lines of product id (of customer_id unless 0), newest
 * first: the price columns, with net and qty in place of net_price. */
static int prices_query(struct crm_store *st, int64_t id, int64_t customer_id, long limit,
			sqlite3_stmt **stmt, struct crm_err *err)
{
	char today[CRM_DATE_BUFSZ];
	enum prices_plan plan;
	int rc = prices_plan(st, id, customer_id, limit, &plan, err);

	if (rc != CRM_OK || (rc = crm_store_prepare(st, prices_sql[plan], stmt, err)) != CRM_OK)
		return rc;
	crm_date_format(st->clock.today, today);
	sqlite3_bind_int64(*stmt, 1, id);
	sqlite3_bind_int64(*stmt, 2, customer_id);
	sqlite3_bind_text(*stmt, 3, today, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(*stmt, 4, limit > 0 ? limit : -1);
	return CRM_OK;
}

/* Fills cells from the current row of a prices_query statement. */
static void price_cells(struct crm_store *st, sqlite3_stmt *stmt, const char **cells,
			char money[][CRM_MONEY_BUFSZ])
{
	size_t n = crm_product_price_ncolumns;

	for (size_t i = 0; i < n; i++)
		cells[i] = crm_store_cell(st, stmt, (int)i, crm_product_price_columns[i].type,
					  money[i]);
	cells[9] = crm_money_format(net_per_unit(sqlite3_column_int64(stmt, 9),
						 sqlite3_column_int64(stmt, 11)),
				    st->money_decimals, money[9]);
}

int crm_product_prices(struct crm_store *st, int64_t id, int64_t customer_id, long limit,
		       struct crm_out *out, struct crm_err *err)
{
	const char *cells[crm_product_price_ncolumns];
	char money[crm_product_price_ncolumns][CRM_MONEY_BUFSZ];
	sqlite3_stmt *stmt;
	int step, rc = prices_query(st, id, customer_id, limit, &stmt, err);

	if (rc != CRM_OK)
		return rc;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		price_cells(st, stmt, cells, money);
		if (crm_out_row(out, cells) != CRM_OK) {
			sqlite3_finalize(stmt);
			return crm_fail(err, CRM_EFAIL, "write error");
		}
	}
	sqlite3_finalize(stmt);
	return step == SQLITE_DONE ? CRM_OK : crm_store_error(st, step, err);
}

int crm_product_show(struct crm_store *st, int64_t id, struct crm_rec *rec,
		     struct crm_err *err)
{
	const char *cells[crm_product_price_ncolumns];
	char money[crm_product_price_ncolumns][CRM_MONEY_BUFSZ], num[32];
	sqlite3_stmt *stmt;
	int step, rc = crm_store_prepare(
		st, "SELECT " PRODUCT_SELECT " FROM product p WHERE p.id = ?1", &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	if ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		snprintf(num, sizeof num, "%lld", (long long)id);
		crm_rec_field(rec, "id", CRM_COL_INT, num);
		for (size_t i = 0; i < crm_product_ncolumns; i++)
			crm_rec_field(rec, crm_product_columns[i].name, crm_product_columns[i].type,
				      crm_store_cell(st, stmt, (int)i, crm_product_columns[i].type,
						     money[0]));
	}
	sqlite3_finalize(stmt);
	if (step == SQLITE_DONE)
		return crm_fail(err, CRM_ENOTFOUND, "no product with id %lld", (long long)id);
	if (step != SQLITE_ROW)
		return crm_store_error(st, step, err);
	/* The ten most recent lines: what it sold for lately. */
	if ((rc = prices_query(st, id, 0, 10, &stmt, err)) != CRM_OK)
		return rc;
	crm_rec_table(rec, "prices", crm_product_price_columns, crm_product_price_ncolumns);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		price_cells(st, stmt, cells, money);
		crm_rec_table_row(rec, "prices", cells);
	}
	sqlite3_finalize(stmt);
	return step == SQLITE_DONE ? CRM_OK : crm_store_error(st, step, err);
}

/* ---- import ---- */

/* "0", "1", "true", "false", "yes", "no", "" (0): as customer import. */
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

/* True when a column header names column: '-' may stand for '_'. */
static int same_column(const char *header, const char *column)
{
	for (; *header && *column; header++, column++)
		if (*header != *column && !(*header == '-' && *column == '_'))
			return 0;
	return *header == *column;
}

/* One import record as an input. */
struct import_row {
	struct crm_product_input in;
	int archived; /* -1: not given */
	char created[CRM_TIME_BUFSZ];
};

/* Maps one record's columns onto row.  Every value is kept as given (a
 * JSON null as ""); which empty cells mean what is for import_one. */
static int import_map(const struct crm_record *rec, struct import_row *row,
		      struct crm_err *err)
{
	static const struct {
		const char *name;
		size_t off;
	} fields[] = {
		{"sku", offsetof(struct crm_product_input, sku)},
		{"name", offsetof(struct crm_product_input, name)},
		{"unit", offsetof(struct crm_product_input, unit)},
		{"price", offsetof(struct crm_product_input, price)},
		{"cost", offsetof(struct crm_product_input, cost)},
		{"tax_rate", offsetof(struct crm_product_input, tax_rate)},
		{"note", offsetof(struct crm_product_input, note)},
		{"warranty_months", offsetof(struct crm_product_input, warranty)},
	};

	memset(row, 0, sizeof *row);
	row->archived = -1;
	for (size_t i = 0; i < rec->nfields; i++) {
		const char *name = rec->names[i], *value = rec->values[i] ? rec->values[i] : "";
		size_t f;

		for (f = 0; f < sizeof fields / sizeof *fields; f++)
			if (same_column(name, fields[f].name))
				break;
		if (f < sizeof fields / sizeof *fields) {
			*(const char **)((char *)&row->in + fields[f].off) = value;
		} else if (same_column(name, "archived")) {
			if (parse_bool(value, &row->archived))
				return crm_fail(err, CRM_EINVAL,
						"line %ld, column archived: '%s' is not true or "
						"false", rec->line, value);
		} else if (same_column(name, "created")) {
			if (!*value)
				continue;
			if (strlen(value) == 10 &&
			    crm_date_parse_iso(value, &(crm_day){0}, NULL) == CRM_OK)
				snprintf(row->created, sizeof row->created, "%sT00:00:00", value);
			else if (crm_time_parse(value, row->created, NULL) != CRM_OK)
				return crm_fail(err, CRM_EINVAL,
						"line %ld, column created: '%s' is not a date or "
						"time", rec->line, value);
		} else if (!same_column(name, "id") && !same_column(name, "updated")) {
			return crm_fail(err, CRM_EINVAL, "line %ld, column %s: unknown column",
					rec->line, name);
		}
	}
	return CRM_OK;
}

/* "" → NULL: an empty cell gives nothing. */
static const char *given(const char *s)
{
	return s && *s ? s : NULL;
}

/* Adds or (with CRM_IMPORT_UPDATE) updates the product of one row. */
static int import_one(struct crm_store *st, struct import_row *row, long line, int flags,
		      struct crm_import_stats *stats, struct crm_err *err)
{
	struct crm_product_input in = row->in;
	struct product_values v;
	const char *column = NULL;
	int64_t id = 0;
	int rc;

	in.sku = given(in.sku);
	if (!in.sku)
		return crm_fail(err, CRM_EINVAL, "line %ld, column sku: a product needs a SKU",
				line);
	rc = crm_store_find(st, "SELECT id FROM product WHERE sku = ?1",
			    "SELECT id FROM product WHERE sku = ?1", in.sku, "product", &id, err);
	if (rc == CRM_ENOTFOUND || (rc == CRM_OK && !(flags & CRM_IMPORT_UPDATE))) {
		/* A new product: an empty cell gives nothing (the default).
		 * An update reads an empty cell as edit reads '': it clears
		 * the cost or the note, and is refused for the rest. */
		id = rc == CRM_OK ? id : 0;
		in.name = given(in.name);
		in.unit = given(in.unit);
		in.price = given(in.price);
		in.cost = given(in.cost);
		in.tax_rate = given(in.tax_rate);
		in.note = given(in.note);
		in.warranty = given(in.warranty);
	} else if (rc != CRM_OK) {
		return rc;
	}
	if ((rc = product_validate(st, &in, &v, &column, err)) != CRM_OK) {
		char msg[sizeof err->msg];

		snprintf(msg, sizeof msg, "%s", err->msg);
		return crm_fail(err, rc, "line %ld, column %s: %s", line, column, msg);
	}
	if (id && !(flags & CRM_IMPORT_UPDATE))
		return crm_fail(err, CRM_EINVAL,
				"line %ld, column sku: product '%s' already exists (--update "
				"changes existing products)",
				line, in.sku);
	if (id) {
		stats->updated++;
		return update_product(st, id, &in, &v, row->archived, err);
	}
	if (!in.name)
		return crm_fail(err, CRM_EINVAL, "line %ld, column name: a product needs a name",
				line);
	if (!in.price)
		return crm_fail(err, CRM_EINVAL, "line %ld, column price: a product needs a price",
				line);
	stats->added++;
	return insert_product(st, &in, &v, row->archived, *row->created ? row->created : NULL,
			      err);
}

int crm_product_import(struct crm_store *st, struct crm_reader *r, int flags,
		       struct crm_import_stats *stats, struct crm_err *err)
{
	struct crm_record rec;
	struct import_row row;
	int rc, more;

	memset(stats, 0, sizeof *stats);
	if ((rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	while ((more = crm_reader_next(r, &rec, err)) == 1) {
		stats->rows++;
		rc = import_map(&rec, &row, err);
		if (rc == CRM_OK)
			rc = import_one(st, &row, rec.line, flags, stats, err);
		if (rc != CRM_OK)
			break;
	}
	if (more < 0)
		rc = CRM_EINVAL;
	if (rc == CRM_OK && !(flags & CRM_IMPORT_DRY_RUN))
		return crm_store_commit(st, err);
	crm_store_rollback(st);
	return rc;
}
