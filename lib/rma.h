/* rma.h — returns for repair (RMAs): the warranty check, the repair flow
 * from the unit's arrival to the customer's confirmation, where a unit is
 * (status), the list with late ones first, and the stats.
 *
 * States: opened → received → diagnosed → repairing → repaired → shipped →
 * confirmed → closed.  A repair at a vendor goes repairing (vendor named) →
 * at_vendor (vendor-ship) → repaired (vendor-return); an in-house repair
 * ends with the verb repaired.  A diagnosed unit may be shipped back
 * unrepaired (no fault found).  reject and cancel end any open RMA.  An
 * advance replacement ships a unit first (opened → shipped); the faulty
 * unit is then due back within rma.advance_days of that day, is received
 * (from shipped or confirmed), and the RMA closes once it is back
 * (received, diagnosed, repaired or confirmed), with no second shipment.
 * An advance RMA whose faulty unit arrives first goes the usual way.
 *
 * The warranty: the last day in warranty is the purchase date plus the
 * product's warranty_months, minus one day (bought 2025-11-22 with 12
 * months: in warranty up to 2026-11-21).  A unit is in warranty when the
 * RMA is opened on or before that day.  Without a purchase date or a
 * warranty on the product it is out of warranty. */
#ifndef CRM_RMA_H
#define CRM_RMA_H

#include <stdint.h>

#include "output.h"
#include "store.h"

/* The late limit in days of the RMA row r's state, as SQL: the setting
 * rma.STATE.days (or its default, through crm_config()); NULL for a state
 * without one (confirmed and the closed ones). */
#define CRM_RMA_LIMIT_SQL(r)                                                                   \
	"CAST(crm_config('rma.' || " r ".state || '.days') AS INTEGER)"

/* Whole days the RMA row r has been in its state on the date `today` (SQL). */
#define CRM_RMA_DAYS_SQL(r, today)                                                             \
	"CAST(julianday(" today ") - julianday(substr(" r ".since, 1, 10)) AS INTEGER)"

/* Resolves an RMA key — its number (RMA-2026-00001) or id — to an id.
 * CRM_ENOTFOUND "no rma 'KEY'" when there is none. */
int crm_rma_find(struct crm_store *st, const char *key, int64_t *id, struct crm_err *err);

/* What crm rma open takes; NULL / 0 = not given.  product, invoice, quote
 * and case_key are keys (SKU, number or id); purchased a date expression. */
struct crm_rma_input {
	const char *product, *serial, *purchased, *invoice, *fault, *quote, *case_key;
	int advance, chargeable;
};

/* Opens an RMA for customer_id in one transaction, checking the warranty:
 * out of warranty needs chargeable or a quote (CRM_EINVAL otherwise).  The
 * invoice must be the customer's, not void, and hold the product; its date
 * is the purchase date.  The number is copied to number_out. */
int crm_rma_open(struct crm_store *st, int64_t customer_id, const struct crm_rma_input *in,
		 char number_out[65], struct crm_err *err);

/* What a transition notes; NULL = not given.  text is the condition,
 * finding, reason or note; vendor for repair, tracking for the shipments. */
struct crm_rma_step {
	const char *text, *vendor, *tracking;
};

/* Runs the transition named by verb (receive, diagnose, repair, repaired,
 * vendor-ship, vendor-return, ship, confirm, close, reject, cancel) on RMA
 * id in one transaction, recording the new state in rma_event.  An
 * impossible transition is CRM_EINVAL "RMA-… is STATE: …"; reject and
 * cancel need step->text (the reason). */
int crm_rma_step(struct crm_store *st, int64_t id, const char *verb,
		 const struct crm_rma_step *step, struct crm_err *err);

struct crm_rma_filter {
	int64_t customer_id; /* 0: every customer */
	const char *state;   /* a state, "open" (NULL: the default) or "all" */
};

/* Columns of list: number, customer, name, product, serial, state, since,
 * days, limit, late, warranty, advance_due, vendor, tracking. */
extern const struct crm_column crm_rma_columns[];
extern const size_t crm_rma_ncolumns;
#define CRM_RMA_TABLE_COLUMNS "number,customer,product,serial,state,since,days,late"

/* Streams the RMAs matching filter: late ones first, then by since. */
int crm_rma_list(struct crm_store *st, const struct crm_rma_filter *f, struct crm_out *out,
		 struct crm_err *err);

/* Fills rec with RMA id's fields and the table "events" (at, state, user,
 * text), oldest first. */
int crm_rma_show(struct crm_store *st, int64_t id, struct crm_rec *rec, struct crm_err *err);

/* Writes into *text (the caller frees text->data) a few lines for the
 * customer: what and where the unit is, since when, what comes next, the
 * tracking number. */
struct crm_buf;
int crm_rma_status(struct crm_store *st, int64_t id, struct crm_buf *text, struct crm_err *err);

/* For customer show: the table "rmas" of the customer's open RMAs: number,
 * product, serial, state, since, late. */
int crm_rma_section(struct crm_store *st, int64_t customer_id, struct crm_rec *rec,
		    struct crm_err *err);

/* Stats of the RMAs opened from `from` to `to` (date expressions, NULL for
 * no bound): rows of section, item, rmas, value.  Sections: "stage" (item a
 * state; rmas: the stays in it that ended; value: their median in days,
 * one decimal), "turnaround" (opened to shipped, same), "warranty" (item
 * in/out; value: share %, one decimal), "product" and "serial" (repeat
 * failures: items with two RMAs or more; value empty). */
extern const struct crm_column crm_rma_stats_columns[];
extern const size_t crm_rma_stats_ncolumns;
int crm_rma_stats(struct crm_store *st, const char *from, const char *to, struct crm_out *out,
		  struct crm_err *err);

#endif
