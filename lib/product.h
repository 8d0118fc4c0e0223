/* product.h — products (the items quotes, orders and invoices are made of):
 * add, list, show, edit, archive, import, export, and the prices an item
 * was quoted and sold at.
 *
 * A product has a SKU (1-64 bytes, no spaces or control characters,
 * unique), a name, a unit (1-16 bytes, "pcs" by default), a price and an
 * optional cost (money, minor units, >= 0) and a tax rate (hundredths of a
 * percent, 0-10000: "19" is 1900, "7.5" is 750). */
#ifndef CRM_PRODUCT_H
#define CRM_PRODUCT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "output.h"
#include "customer.h"
#include "reader.h"
#include "store.h"

/* Resolves a product key — a SKU or an integer id — to an id, archived
 * products included; a SKU of digits only wins over an id that reads the
 * same.  CRM_ENOTFOUND "no product 'KEY'" when there is none. */
int crm_product_find(struct crm_store *st, const char *key, int64_t *id, struct crm_err *err);

/* What a new document line takes from a product. */
struct crm_product {
	int64_t id;
	char sku[65];
	char name[512];   /* at most 500 bytes */
	char unit[17];
	int64_t price;    /* minor units */
	int64_t cost;     /* minor units; -1 when not set */
	int tax_rate;     /* hundredths of a percent */
	int archived;
};

/* Fills *out (the caller's) with product id.  CRM_ENOTFOUND "no product
 * with id N" when there is none. */
int crm_product_get(struct crm_store *st, int64_t id, struct crm_product *out,
		    struct crm_err *err);

/* The price (minor units) of customer_id's most recent line of product_id
 * on any quote, order or invoice that is not void or rejected (the newest
 * document by date, then by id; on it, the line with the highest
 * position).  *found is 1 and
 * *price set when there is one, else *found is 0.  When doc_number (65
 * bytes) and doc_date (CRM_DATE_BUFSZ) are not NULL they receive the
 * document's number ("" for a draft invoice) and date. */
int crm_product_last_price(struct crm_store *st, int64_t product_id, int64_t customer_id,
			   int64_t *price, int *found, struct crm_err *err);
int crm_product_last_price_from(struct crm_store *st, int64_t product_id, int64_t customer_id,
				int64_t *price, int *found, char doc_number[65],
				char doc_date[CRM_DATE_BUFSZ], struct crm_err *err);

/* Parses a tax or discount rate typed as a percent with up to two decimals
 * ("19", "7.5", "0.25") into hundredths of a percent, 0-10000.  CRM_EINVAL
 * "'S' is not a WHAT (0-100, up to two decimals)" otherwise. */
int crm_rate_parse_percent(const char *s, const char *what, int *out, struct crm_err *err);

/* What a user gives for a product; NULL = not given.  For edit, "" clears
 * the cost, the note and the warranty.  price, cost, tax_rate and warranty
 * (months, 0-1200: the product's warranty_months, which crm rma open reads)
 * are text as typed. */
struct crm_product_input {
	const char *sku, *name, *unit, *price, *cost, *tax_rate, *note, *warranty;
};

/* Adds a product in one transaction.  CRM_EINVAL for a bad value or a SKU
 * already taken. */
int crm_product_add(struct crm_store *st, const struct crm_product_input *in,
		    struct crm_err *err);

/* Changes the given fields of product id in one transaction (renaming the
 * SKU is refused when the new one is taken).  CRM_EUSAGE when nothing is
 * given. */
int crm_product_edit(struct crm_store *st, int64_t id, const struct crm_product_input *in,
		     struct crm_err *err);

/* Archives product id (archived 1), or with undo brings it back. */
int crm_product_archive(struct crm_store *st, int64_t id, int undo, struct crm_err *err);

struct crm_product_filter {
	int archived;       /* 0: active only, 1: archived only, 2: all */
	const char *search; /* contained in the SKU (ASCII case ignored) or the
			     * name (folded as by crm_fold); NULL: any */
};

/* Columns of product list and export: sku, name, unit, price, cost,
 * tax_rate, note, warranty_months, archived, created, updated. */
extern const struct crm_column crm_product_columns[];
extern const size_t crm_product_ncolumns;
#define CRM_PRODUCT_TABLE_COLUMNS "sku,name,unit,price,tax_rate"

/* Streams the products matching filter, by SKU. */
int crm_product_list(struct crm_store *st, const struct crm_product_filter *filter,
		     struct crm_out *out, struct crm_err *err);

/* Fills rec with product id's fields and the table "prices" (its ten most
 * recent document lines, as crm_product_prices). */
int crm_product_show(struct crm_store *st, int64_t id, struct crm_rec *rec,
		     struct crm_err *err);

/* Writes every product, archived ones too, with every field but the id
 * (sku, name, unit, price, cost, tax_rate, note, warranty_months, archived, created,
 * updated), by SKU, in the form crm_product_import reads back.  Opens and
 * closes its own stream on fp. */
int crm_product_export(struct crm_store *st, FILE *fp, const struct crm_out_opts *opts,
		       struct crm_err *err);

/* Imports every record of r in one transaction: all or nothing, as
 * crm_customer_import (flags CRM_IMPORT_UPDATE and CRM_IMPORT_DRY_RUN of
 * customer.h; stats as there).  Columns as export writes them; sku, name
 * and price are needed for a new product; "id" and "updated" are ignored.
 * A bad row aborts with "line N, column NAME: what is wrong" and leaves
 * the database as it was.  With CRM_IMPORT_UPDATE a row whose SKU exists
 * changes that product (an empty cell clears the cost or note, as edit's
 * '', and is refused for the other fields); otherwise an existing SKU is an
 * error.  For a new product an empty cell gives the default. */
int crm_product_import(struct crm_store *st, struct crm_reader *r, int flags,
		       struct crm_import_stats *stats, struct crm_err *err);

/* Columns of product prices: date, kind, number, customer, name, qty,
 * unit, price, discount, net_price, status. */
extern const struct crm_column crm_product_price_columns[];
extern const size_t crm_product_price_ncolumns;

/* Streams every document line of product id (of customer_id only, unless
 * 0), newest first: by document date, then document id, both descending,
 * then by position; a draft or sent quote past its valid_until has the
 * status "expired".  At
 * most limit rows (0: all).  net_price is the line's net amount per unit,
 * round(net * 1000 / qty) half away from zero. */
int crm_product_prices(struct crm_store *st, int64_t id, int64_t customer_id, long limit,
		       struct crm_out *out, struct crm_err *err);

#endif
