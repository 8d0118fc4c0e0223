/* delivery.c — deliveries of an order's lines: new, list, show, and the
 * deliveries table of order show. */
#include <stdlib.h>
#include <string.h>

#include "delivery.h"
#include "doc.h"
#include "money.h"
#include "validate.h"

/* Reads the order lines straight from the schema: the lines of a doc of
 * kind 'order' and what order_line_state says was shipped. */

int crm_delivery_find(struct crm_store *st, const char *key, int64_t *id, struct crm_err *err)
{
	return crm_store_find(st, "SELECT id FROM delivery WHERE id = ?1",
			      "SELECT id FROM delivery WHERE number = ?1", key, "delivery", id, err);
}

/* One line of the order being shipped. */
struct open_line {
	int64_t id, pos, left; /* left: ordered - shipped */
	int64_t ship;          /* what this delivery ships of it */
};

struct order_lines {
	struct open_line *v;
	size_t n;
	int64_t left; /* sum of the lines' left */
};

static int load_lines(struct crm_store *st, int64_t order_id, struct order_lines *ol,
		      struct crm_err *err)
{
	sqlite3_stmt *stmt;
	size_t cap = 0;
	int rc = crm_store_prepare(st,
				   "SELECT l.id, l.pos, s.ordered - s.shipped FROM doc_line l "
				   "JOIN order_line_state s ON s.line_id = l.id "
				   "WHERE l.doc_id = ?1 ORDER BY l.pos",
				   &stmt, err);

	memset(ol, 0, sizeof *ol);
	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, order_id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (ol->n == cap) {
			struct open_line *v = realloc(ol->v, (cap = cap ? 2 * cap : 16) * sizeof *v);

			if (!v) {
				sqlite3_finalize(stmt);
				return crm_fail(err, CRM_EFAIL, "out of memory");
			}
			ol->v = v;
		}
		ol->v[ol->n] = (struct open_line){sqlite3_column_int64(stmt, 0),
						  sqlite3_column_int64(stmt, 1),
						  sqlite3_column_int64(stmt, 2), 0};
		if (ol->v[ol->n].left < 0) /* over-shipped by an earlier version: nothing left */
			ol->v[ol->n].left = 0;
		ol->left += ol->v[ol->n].left;
		ol->n++;
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}

/* Applies one "POS=QTY" to the lines. */
static int apply_spec(const char *spec, const char *number, struct order_lines *ol,
		      struct crm_err *err)
{
	const char *eq = strchr(spec, '=');
	char pos_text[24], left[CRM_MONEY_BUFSZ];
	struct open_line *line = NULL;
	struct crm_err why;
	int64_t qty;
	long long pos;
	size_t len = eq ? (size_t)(eq - spec) : 0;

	if (!eq || len == 0 || len >= sizeof pos_text || !eq[1])
		return crm_fail(err, CRM_EINVAL, "'%s' is not POS=QTY", spec);
	memcpy(pos_text, spec, len);
	pos_text[len] = '\0';
	if (!crm_all_digits(pos_text) || len > 9)
		return crm_fail(err, CRM_EINVAL, "'%s' is not POS=QTY", spec);
	pos = strtoll(pos_text, NULL, 10);
	for (size_t i = 0; i < ol->n && !line; i++)
		if (ol->v[i].pos == pos)
			line = &ol->v[i];
	if (!line)
		return crm_fail(err, CRM_EINVAL, "order %s has no line '%s'", number, pos_text);
	if (crm_qty_parse(eq + 1, &qty, &why) != CRM_OK)
		return crm_fail(err, CRM_EINVAL, "line %lld: %s", pos, why.msg);
	if (line->ship)
		return crm_fail(err, CRM_EINVAL, "line '%s' is given twice", pos_text);
	if (qty > line->left)
		return crm_fail(err, CRM_EINVAL, "line %lld: '%s' is more than the %s left to ship",
				pos, eq + 1, crm_qty_format(line->left, left));
	line->ship = qty;
	return CRM_OK;
}

static int check_text(const char *what, const char *s, size_t max, int newlines,
		      struct crm_err *err)
{
	if (!s)
		return CRM_OK;
	if (crm_has_control(s, newlines) || strlen(s) > max)
		return crm_fail(err, CRM_EINVAL, "'%s' is not a valid %s", s, what);
	return CRM_OK;
}

/* The order's number, status and ship_to; refuses an order that is not
 * confirmed. */
static int load_order(struct crm_store *st, int64_t order_id, char number[65],
		      char **ship_to, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT number, status, ship_to FROM doc "
				   "WHERE id = ?1 AND kind = 'order'",
				   &stmt, err);

	*ship_to = NULL;
	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, order_id);
	if ((rc = sqlite3_step(stmt)) != SQLITE_ROW) {
		sqlite3_finalize(stmt);
		return rc == SQLITE_DONE ? crm_fail(err, CRM_ENOTFOUND, "no order '%lld'",
						    (long long)order_id)
					 : crm_store_error(st, rc, err);
	}
	snprintf(number, 65, "%s", (const char *)sqlite3_column_text(stmt, 0));
	const char *status = (const char *)sqlite3_column_text(stmt, 1);
	if (!strcmp(status, "draft"))
		rc = crm_fail(err, CRM_EINVAL, "order %s is a draft: confirm it first", number);
	else if (strcmp(status, "confirmed") != 0)
		rc = crm_fail(err, CRM_EINVAL, "order %s is %s", number, status);
	else
		rc = CRM_OK;
	if (rc == CRM_OK && sqlite3_column_type(stmt, 2) != SQLITE_NULL &&
	    !(*ship_to = strdup((const char *)sqlite3_column_text(stmt, 2))))
		rc = crm_fail(err, CRM_EFAIL, "out of memory");
	sqlite3_finalize(stmt);
	return rc;
}

static int insert_delivery(struct crm_store *st, int64_t order_id, const char *number,
			   const char *date, const char *ship_to,
			   const struct crm_delivery_input *in, const struct order_lines *ol,
			   int64_t *id, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int64_t delivery_id;
	int rc = crm_store_prepare(st,
				   "INSERT INTO delivery (number, order_id, date, ship_to, tracking, "
				   "note, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 2, order_id);
	sqlite3_bind_text(stmt, 3, date, -1, SQLITE_TRANSIENT);
	crm_bind_text(stmt, 4, ship_to);
	crm_bind_text(stmt, 5, in->tracking && *in->tracking ? in->tracking : NULL);
	crm_bind_text(stmt, 6, in->note && *in->note ? in->note : NULL);
	sqlite3_bind_text(stmt, 7, st->clock.now, -1, SQLITE_TRANSIENT);
	if ((rc = crm_store_run(st, stmt, err)) != CRM_OK)
		return rc;
	delivery_id = sqlite3_last_insert_rowid(st->db);
	if ((rc = crm_store_prepare(st,
				    "INSERT INTO delivery_line (delivery_id, order_line_id, qty) "
				    "VALUES (?1, ?2, ?3)",
				    &stmt, err)) != CRM_OK)
		return rc;
	for (size_t i = 0; i < ol->n && rc == CRM_OK; i++) {
		int step;

		if (!ol->v[i].ship)
			continue;
		sqlite3_reset(stmt);
		sqlite3_bind_int64(stmt, 1, delivery_id);
		sqlite3_bind_int64(stmt, 2, ol->v[i].id);
		sqlite3_bind_int64(stmt, 3, ol->v[i].ship);
		if ((step = sqlite3_step(stmt)) != SQLITE_DONE)
			rc = crm_store_error(st, step, err);
	}
	sqlite3_finalize(stmt);
	if (id)
		*id = delivery_id;
	return rc;
}

int crm_delivery_new(struct crm_store *st, int64_t order_id, const struct crm_delivery_input *in,
		     int64_t *id, char number_out[65], struct crm_err *err)
{
	char date[CRM_DATE_BUFSZ], order[65];
	struct order_lines ol = {0};
	char *ship_to = NULL;
	crm_day day = st->clock.today;
	int rc = CRM_OK;

	if (in->date)
		rc = crm_date_parse(in->date, st->clock.today, &day, err);
	crm_date_format(day, date);
	if (rc == CRM_OK)
		rc = check_text("tracking reference", in->tracking, 200, 0, err);
	if (rc == CRM_OK)
		rc = check_text("note", in->note, 2000, 1, err);
	if (rc != CRM_OK || (rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	rc = load_order(st, order_id, order, &ship_to, err);
	if (rc == CRM_OK)
		rc = load_lines(st, order_id, &ol, err);
	if (rc == CRM_OK && ol.left == 0)
		rc = crm_fail(err, CRM_EINVAL, "order %s has nothing left to ship", order);
	for (size_t i = 0; rc == CRM_OK && i < in->nlines; i++)
		rc = apply_spec(in->lines[i], order, &ol, err);
	for (size_t i = 0; rc == CRM_OK && !in->nlines && i < ol.n; i++)
		ol.v[i].ship = ol.v[i].left;
	if (rc == CRM_OK)
		rc = crm_doc_number_next(st, "delivery", day, number_out, err);
	if (rc == CRM_OK)
		rc = insert_delivery(st, order_id, number_out, date, ship_to, in, &ol, id, err);
	free(ol.v);
	free(ship_to);
	return crm_store_end(st, rc, err);
}

const struct crm_column crm_delivery_columns[] = {
	{"number", CRM_COL_TEXT},  {"order", CRM_COL_TEXT},    {"customer", CRM_COL_TEXT},
	{"name", CRM_COL_TEXT},    {"date", CRM_COL_TEXT},     {"ship_to", CRM_COL_TEXT},
	{"tracking", CRM_COL_TEXT}, {"lines", CRM_COL_INT},    {"note", CRM_COL_TEXT},
};
const size_t crm_delivery_ncolumns = sizeof crm_delivery_columns / sizeof *crm_delivery_columns;

int crm_delivery_list(struct crm_store *st, const struct crm_delivery_filter *filter,
		      struct crm_out *out, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(
		st,
		"SELECT d.number, o.number, c.code, c.name, d.date, d.ship_to, d.tracking, "
		"(SELECT count(*) FROM delivery_line dl WHERE dl.delivery_id = d.id), d.note "
		"FROM delivery d JOIN doc o ON o.id = d.order_id "
		"JOIN customer c ON c.id = o.customer_id "
		"WHERE (?1 = 0 OR d.order_id = ?1) AND (?2 = 0 OR o.customer_id = ?2) "
		"ORDER BY d.date, d.number",
		&stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, filter->order_id);
	sqlite3_bind_int64(stmt, 2, filter->customer_id);
	return crm_store_list(st, stmt, crm_delivery_columns, crm_delivery_ncolumns, out, err);
}

static const struct crm_column show_fields[] = {
	{"number", CRM_COL_TEXT},        {"order", CRM_COL_TEXT}, {"customer", CRM_COL_TEXT},
	{"customer_name", CRM_COL_TEXT}, {"date", CRM_COL_TEXT},  {"ship_to", CRM_COL_TEXT},
	{"tracking", CRM_COL_TEXT},      {"note", CRM_COL_TEXT},
};

/* qty is INT so that json has it as a number and a table right-aligns it;
 * its text is already the decimal. */
static const struct crm_column line_columns[] = {
	{"pos", CRM_COL_INT}, {"sku", CRM_COL_TEXT}, {"description", CRM_COL_TEXT},
	{"qty", CRM_COL_INT}, {"unit", CRM_COL_TEXT},
};

int crm_delivery_show(struct crm_store *st, int64_t id, struct crm_rec *rec,
		      struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT d.number, o.number, c.code, c.name, d.date, d.ship_to, "
				   "d.tracking, d.note FROM delivery d "
				   "JOIN doc o ON o.id = d.order_id "
				   "JOIN customer c ON c.id = o.customer_id WHERE d.id = ?1",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = sqlite3_step(stmt)) != SQLITE_ROW) {
		sqlite3_finalize(stmt);
		return rc == SQLITE_DONE ? crm_fail(err, CRM_ENOTFOUND, "no delivery '%lld'",
						    (long long)id)
					 : crm_store_error(st, rc, err);
	}
	for (size_t i = 0; i < sizeof show_fields / sizeof *show_fields; i++)
		crm_rec_field(rec, show_fields[i].name, show_fields[i].type,
			      (const char *)sqlite3_column_text(stmt, (int)i));
	sqlite3_finalize(stmt);
	if ((rc = crm_store_prepare(st,
				    "SELECT l.pos, p.sku, l.description, " CRM_SQL_QTY("dl.qty")
				    ", l.unit FROM delivery_line dl "
				    "JOIN doc_line l ON l.id = dl.order_line_id "
				    "LEFT JOIN product p ON p.id = l.product_id "
				    "WHERE dl.delivery_id = ?1 ORDER BY l.pos",
				    &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	return crm_store_rec_table(st, stmt, rec, "lines", line_columns,
			sizeof line_columns / sizeof *line_columns, err);
}

static const struct crm_column section_columns[] = {
	{"number", CRM_COL_TEXT},
	{"date", CRM_COL_TEXT},
	{"tracking", CRM_COL_TEXT},
	{"lines", CRM_COL_INT},
};

int crm_delivery_section(struct crm_store *st, int64_t order_id, struct crm_rec *rec,
			 struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "SELECT d.number, d.date, d.tracking, "
				   "(SELECT count(*) FROM delivery_line dl WHERE dl.delivery_id = d.id) "
				   "FROM delivery d WHERE d.order_id = ?1 ORDER BY d.date, d.number",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, order_id);
	return crm_store_rec_table(st, stmt, rec, "deliveries", section_columns,
			sizeof section_columns / sizeof *section_columns, err);
}
