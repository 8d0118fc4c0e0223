/* delivery.h — deliveries: what of an order's lines was shipped, when, and
 * what is left on backorder.
 *
 * A delivery belongs to one confirmed order and ships quantities of its
 * lines (schema.sql: delivery, delivery_line); item, unit and address come
 * from the order, so nothing is typed twice.  What an order line still has
 * to ship (its backorder) is its quantity less what its deliveries shipped
 * (view order_line_state).  Quantities are int64 thousandths. */
#ifndef CRM_DELIVERY_H
#define CRM_DELIVERY_H

#include <stddef.h>
#include <stdint.h>

#include "output.h"
#include "store.h"

/* SQL text of a quantity expression e (thousandths, never negative) as a
 * decimal without trailing zeros: 2500 -> "2.5", 3000 -> "3". */
#define CRM_SQL_QTY(e)                                                                         \
	"(CASE WHEN (" e ") % 1000 = 0 THEN CAST((" e ") / 1000 AS TEXT) ELSE "                \
	"((" e ") / 1000) || '.' || rtrim(printf('%03d', (" e ") % 1000), '0') END)"

/* Resolves a delivery key — its number (DN-2026-00001) or id — to an id.
 * CRM_ENOTFOUND "no delivery 'KEY'" when there is none. */
int crm_delivery_find(struct crm_store *st, const char *key, int64_t *id, struct crm_err *err);

/* What a user gives for a new delivery; NULL = not given.  lines holds
 * nlines texts "POS=QTY" (the order line's position and the quantity to
 * ship, "2.5"); with none, every open quantity of the order is shipped.
 * date is a date expression (default today); tracking and note are free
 * text. */
struct crm_delivery_input {
	const char *date, *tracking, *note;
	const char *const *lines;
	size_t nlines;
};

/* Ships the given (or all open) quantities of order order_id in one
 * transaction: a delivery numbered from series.delivery in the year of its
 * date, with the order's ship_to, and one delivery line per order line
 * shipped.  Refuses with CRM_EINVAL, writing nothing: an order that is not
 * confirmed (a draft, a cancelled one), a malformed POS=QTY, a line not on
 * the order or given twice, a quantity that is not positive or more than
 * the line has left to ship, and an order with nothing left to ship.  The
 * new id goes to *id (may be NULL), its number to number_out. */
int crm_delivery_new(struct crm_store *st, int64_t order_id, const struct crm_delivery_input *in,
		     int64_t *id, char number_out[65], struct crm_err *err);

struct crm_delivery_filter {
	int64_t order_id;    /* 0: every order */
	int64_t customer_id; /* 0: every customer */
};

/* number, order, customer, name, date, ship_to, tracking, lines (how many
 * order lines it ships), note. */
extern const struct crm_column crm_delivery_columns[];
extern const size_t crm_delivery_ncolumns;
#define CRM_DELIVERY_TABLE_COLUMNS "number,order,customer,name,date,tracking,lines"

/* Streams the deliveries matching filter, oldest first (by date, then
 * number), as rows of crm_delivery_columns. */
int crm_delivery_list(struct crm_store *st, const struct crm_delivery_filter *filter,
		      struct crm_out *out, struct crm_err *err);

/* Fills rec with delivery id, the record `delivery show` and the printed
 * delivery note use: the fields number, order, customer (code),
 * customer_name, date, ship_to, tracking, note, and the table "lines": pos
 * (the order line's position), sku (empty for a text line), description,
 * qty ("2.5"), unit — in order of position. */
int crm_delivery_show(struct crm_store *st, int64_t id, struct crm_rec *rec,
		      struct crm_err *err);

/* For order show: adds the table "deliveries" of order order_id: number,
 * date, tracking, lines, oldest first. */
int crm_delivery_section(struct crm_store *st, int64_t order_id, struct crm_rec *rec,
			 struct crm_err *err);

#endif
