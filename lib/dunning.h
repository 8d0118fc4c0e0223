/* dunning.h — dunning letters: reminding customers of overdue invoices, one
 * level at a time, and the record of the letters sent.
 *
 * The levels come from config: level N (1 to 9) exists when dunning.N.days
 * is set or has a default (7, 30, 60 for levels 1 to 3), levels 1 .. N
 * without a gap; their days must rise.  Each has a name (dunning.N.name),
 * a fee per letter (dunning.N.fee), a yearly interest rate
 * (dunning.N.interest) and a template (dunning.N.template, default
 * "dunning-N": dunning-N.txt looked up like every document template, see
 * print.h).
 *
 * A run as of day D writes one letter per customer with overdue invoices
 * (open as of D by CRM_AR_OPEN_INVOICES_SQL, due < D), listing all of them:
 *   reached = the highest level whose days the oldest of them has reached
 *             (days overdue = D - due);
 *   prev    = the highest level of any letter dated on or before D that
 *             listed one of these invoices (0 for none);
 *   level   = min(reached, prev + 1); no letter when it is not above prev,
 *             so daily runs go up one level at a time and never send a
 *             level twice.  Invoices paid meanwhile drop out; when all the
 *             invoices a letter listed are paid, the next overdue invoice
 *             starts at level 1 again.
 * A customer whose unapplied credit (CRM_AR_CREDITS_SQL) covers all of
 * the overdue amount gets no letter.  Per invoice, interest = open x rate
 * x days / (365 x 10000), half away from zero (rate in hundredths of a
 * percent); the letter adds the level's fee; total = overdue + fee +
 * interest. */
#ifndef CRM_DUNNING_H
#define CRM_DUNNING_H

#include <stdint.h>
#include <stdio.h>

#include "output.h"
#include "store.h"

/* The highest level there can be. */
#define CRM_DUNNING_MAX_LEVELS 9

/* What a run does with its letters. */
enum crm_dunning_mode {
	CRM_DUNNING_LIST, /* rows of crm_dunning_columns to out */
	CRM_DUNNING_MBOX, /* messages (mboxrd) to mbox */
	CRM_DUNNING_DIR,  /* one file per letter in dir */
	CRM_DUNNING_SEND  /* each message piped to sendmail */
};

struct crm_dunning_opts {
	const char *as_of;   /* the run day, a date expression; NULL: today.  After
			      * today only with dry_run */
	int64_t customer_id; /* only this customer; 0: every customer */
	int dry_run;         /* record nothing; with SEND, list instead of sending */
	const char *to;      /* replaces every recipient (for testing); NULL: the
			      * customer's address */
	enum crm_dunning_mode mode;
	struct crm_out *out; /* LIST (and SEND with dry_run): the letters' rows */
	FILE *mbox;          /* MBOX */
	const char *dir;     /* DIR: made if missing */
	const char *sendmail;/* SEND: the shell command each message is piped to */
	/* Called for each letter that could not go (no address for MBOX or
	 * SEND, a failing sendmail), saying why; may be NULL. */
	void (*warn)(void *arg, const char *msg);
	void *arg;
	int letters, undelivered; /* out: letters made and recorded, and not sent */
};

/* The columns of a run's rows: customer, name, level, level_name,
 * invoices (their numbers, oldest due first, ", " between), overdue, fee,
 * interest, total, to (the address, NULL when none). */
extern const struct crm_column crm_dunning_columns[];
extern const size_t crm_dunning_ncolumns;

/* Makes the letters due as of o->as_of and delivers them as o->mode says.
 * Unless o->dry_run, every letter made (LIST, DIR), written (MBOX) or sent
 * (SEND) is recorded (a dunning row and its dunning_item rows) in one
 * transaction for the whole run, which also holds the write lock, so two
 * runs cannot send the same letter.  DIR writes DIR/CODE-LN.txt (C00001-L2.txt)
 * with the letter's text, each file whole or not at all; MBOX and SEND a
 * plain-text message whose body is that text: From: config dunning.from,
 * else company.email (CRM_EINVAL when neither is set), To: o->to or the
 * customer's email (customer.email, else its primary contact's).  A letter
 * without an address is left out of MBOX and SEND (passed to o->warn and
 * counted in o->undelivered) and not recorded; a letter sendmail refuses
 * likewise.  Nothing due: nothing written, CRM_OK.  Fails with CRM_EINVAL
 * for a bad as_of, bad level settings or a template error, CRM_EFAIL when
 * a file or the mbox cannot be written (nothing is recorded then, and no
 * file is left). */
int crm_dunning_run(struct crm_store *st, struct crm_dunning_opts *o, struct crm_err *err);

/* The columns of crm_dunning_history: date, customer, name, level,
 * invoices, overdue, fee, interest, to. */
extern const struct crm_column crm_dunning_history_columns[];
extern const size_t crm_dunning_history_ncolumns;

/* Streams the letters recorded, oldest first, of customer_id (0: every
 * customer) to out. */
int crm_dunning_history(struct crm_store *st, int64_t customer_id, struct crm_out *out,
			struct crm_err *err);

#endif
