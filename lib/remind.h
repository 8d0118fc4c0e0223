/* remind.h — what is due: the report `crm remind` prints for a person or
 * for cron, and mails to each rep.
 *
 * The report is made of sections (today, soon, overdue, cadence, feedback,
 * stalled, closing, ship, due, late, credit; see the table in remind.c),
 * each a list of rows with the same columns (crm_remind_columns): section,
 * rep, date, customer, name, item, detail, ref.  A section without rows is
 * left out; when every section is empty there is nothing at all, so cron
 * mails only when something is due. */
#ifndef CRM_REMIND_H
#define CRM_REMIND_H

#include <stdio.h>

#include "output.h"
#include "store.h"

/* What to report. */
struct crm_remind_opts {
	const char *rep;   /* only this rep's rows; NULL for every rep */
	int no_rep;        /* only the rows that belong to no rep (rep must be NULL) */
	int days;          /* the soon section covers the days today+1 .. today+days */
	int days_given;    /* days was given: the due and late sections cover it too;
			    * else they cover CRM_REMIND_DUE_DAYS */
	unsigned sections; /* bit i selects section i (crm_remind_section_name); 0 = all */
};

/* The days the due section looks ahead and the late section back when
 * --days is not given. */
#define CRM_REMIND_DUE_DAYS 7

/* The longest --days a report looks ahead. */
#define CRM_REMIND_MAX_DAYS 365

extern const struct crm_column crm_remind_columns[];
extern const size_t crm_remind_ncolumns;
/* The table format prints each section under its title, so it leaves out
 * the section column. */
#define CRM_REMIND_TABLE_COLUMNS "date,rep,customer,name,item,detail,ref"

/* The name of section i ("today", ...), or NULL past the last one. */
const char *crm_remind_section_name(size_t i);

/* Parses a comma list of section names ("overdue,stalled") into a mask for
 * crm_remind_opts.sections.  CRM_EUSAGE naming the unknown name and listing
 * the known ones. */
int crm_remind_parse_sections(const char *list, unsigned *mask, struct crm_err *err);

/* Streams every selected section's rows, in section order, to out (opened
 * with crm_remind_columns).  Writes nothing when nothing is due. */
int crm_remind_list(struct crm_store *st, const struct crm_remind_opts *o, struct crm_out *out,
		    struct crm_err *err);

/* Writes the report for a person to fp: each section that has rows as a
 * title line ("Overdue") and a table of its rows (rendered with opts, whose
 * format should be CRM_FMT_TABLE; opts->columns NULL means
 * CRM_REMIND_TABLE_COLUMNS), with a blank line between sections.  *count
 * receives the number of rows; nothing is written when it is 0. */
int crm_remind_table(struct crm_store *st, const struct crm_remind_opts *o, FILE *fp,
		     const struct crm_out_opts *opts, long *count, struct crm_err *err);

/* Delivery of the report as mail, one message per rep. */
struct crm_remind_mail {
	FILE *mbox;                 /* append the messages here (mboxrd), or else */
	const char *sendmail;       /* pipe each one to this shell command */
	const char *columns;        /* --columns for the body's tables, or NULL */
	/* Called with each message that could not be made or sent, saying why
	 * (a rep without an address, a failing sendmail); may be NULL. */
	void (*warn)(void *arg, const char *msg);
	void *arg;
	int delivered, undelivered; /* out: messages written or sent, and not */
};

/* Mails the report: one message per rep that has rows, to the address in
 * config rep.REP.email, and one for the rows of no rep to config remind.to;
 * From: config remind.from (default crm@localhost); Subject "crm reminders
 * for REP, DATE (N items)"; the body is crm_remind_table's text for that rep.
 * A message without an address is passed to m->warn and counted in
 * m->undelivered, and the others still go.  Returns CRM_OK unless the
 * database or the mbox could not be read or written. */
int crm_remind_mail(struct crm_store *st, const struct crm_remind_opts *o,
		    struct crm_remind_mail *m, struct crm_err *err);

#endif
