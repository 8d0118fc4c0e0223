/* remind.c — what is due, section by section, for a person, a pipe or a
 * rep's mailbox. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ar.h"
#include "config.h"
#include "mail.h"
#include "order.h"
#include "remind.h"
#include "rma.h"
#include "text.h"

const struct crm_column crm_remind_columns[] = {
	{"section", CRM_COL_TEXT},  {"rep", CRM_COL_TEXT},  {"date", CRM_COL_TEXT},
	{"customer", CRM_COL_TEXT}, {"name", CRM_COL_TEXT}, {"item", CRM_COL_TEXT},
	{"detail", CRM_COL_TEXT},   {"ref", CRM_COL_TEXT},
};
const size_t crm_remind_ncolumns = sizeof crm_remind_columns / sizeof *crm_remind_columns;

/* A section's rows, whatever their source, have these columns:
 *
 *   rep       who is to act: the row goes to this rep's mail (NULL: nobody's;
 *             those rows go to config remind.to)
 *   date      the date the row is about (due, next contact, feedback due,
 *             in stage since, expected close), YYYY-MM-DD
 *   customer  the customer's code and name, if the row has a customer
 *   name
 *   item      what it is: a task's title, a deal's title, ...
 *   detail    the rest worth knowing, short ("2 days late, high")
 *   ref       the record to act on, as a command names it ("task 12",
 *             "deal D00003", "customer C00001", "lead C00004")
 *   sort      orders the rows of one date and rep (not shown)
 *
 * The SELECT names its columns so (AS rep, AS date ...), and may use the
 * parameters :today, :horizon (today + --days), :due_until and :late_since
 * (today + and - the days of the due and late sections: --days, else
 * CRM_REMIND_DUE_DAYS), all YYYY-MM-DD, and :asof (today, for the
 * receivables SQL of ar.h).  ROWS()
 * wraps it: it applies the --rep filter (:rep, :all_reps) and the order —
 * by date, then rep, then sort — and makes an empty detail NULL. */
#define ROWS(sql)                                                                             \
	"SELECT rep, date, customer, name, item, nullif(detail, ''), ref FROM (" sql ") "    \
	"WHERE (:all_reps OR rep IS :rep) ORDER BY date, rep, sort, customer, ref"

/* "1 day" or "N days" for an integer SQL expression. */
#define DAYS(e) "CASE WHEN (" e ") = 1 THEN '1 day' ELSE (" e ") || ' days' END"
/* Whole days from the date d to :today. */
#define DAYS_SINCE(d) "CAST(julianday(:today) - julianday(" d ") AS INTEGER)"

/* Open tasks (and follow-ups and appointments) matching where; late is SQL
 * text that starts the detail ("', ' || ... || ") or "". */
#define TASK_ROWS(late, where)                                                                \
	"SELECT t.assignee AS rep, t.due AS date, c.code AS customer, c.name AS name, "      \
	"t.title AS item, substr(" late "ifnull(', ' || t.time, '') || "                     \
	"ifnull(', at ' || t.place, '') || "                                                  \
	"CASE WHEN t.activity_id IS NOT NULL THEN ', follow-up' ELSE '' END || "             \
	"CASE WHEN t.priority <> 'normal' THEN ', ' || t.priority ELSE '' END || "           \
	"ifnull(', deal ' || d.code, ''), 3) AS detail, 'task ' || t.id AS ref, "            \
	"ifnull(t.time, '24:00') || printf(' %012d', t.id) AS sort "                         \
	"FROM task t LEFT JOIN customer c ON c.id = t.customer_id "                          \
	"LEFT JOIN deal d ON d.id = t.deal_id WHERE t.status = 'open' AND " where

/* Issued invoices open today (CRM_AR_OPEN_INVOICES_SQL) whose due date
 * matches where: "INV-2026-00001 due 2026-11-25, open 120.00"; when is the
 * detail's start (SQL text ending in "|| "). */
#define INVOICE_ROWS(when, where)                                                             \
	"SELECT c.owner AS rep, o.due AS date, c.code AS customer, c.name AS name, "        \
	"o.number || ' due ' || o.due || ', open ' || crm_money(o.open) AS item, "           \
	when "CASE WHEN o.open < o.total THEN ', partly paid' ELSE '' END AS detail, "        \
	"'invoice ' || o.number AS ref, o.number AS sort "                                    \
	"FROM " CRM_AR_OPEN_INVOICES_SQL " o JOIN customer c ON c.id = o.customer_id "        \
	"WHERE " where

/* A section whose rows are not one SELECT: it calls fn with each row's
 * cells (crm_remind_columns less section) itself, in the order and with
 * the --rep filter ROWS() would give. */
struct remind_query {
	struct crm_store *st;
	const struct crm_remind_opts *o;
	const char *today;
};
typedef int (*cells_fn)(void *arg, const char *const *cells, struct crm_err *err);
static int credit_rows(const struct remind_query *q, cells_fn fn, void *arg,
		       struct crm_err *err);

/* The sections, in the order they are printed.
 *
 * To add one (orders to ship, invoices overdue, RMAs late ...): add an entry
 * here, at the place it should print, with
 *   - a name: one lowercase word, what --only takes;
 *   - a title: the line above its rows in the table and the mail ("%d" in
 *     it stands for --days), and a title for --days 1 if that reads better
 *     (else NULL);
 *   - ROWS(one SELECT with the columns described above), or NULL and a
 *     function that makes the rows (see credit_rows).
 * Then add its name to the usage in cmd/remind.c, describe it in
 * man/crm-remind.1 (SECTIONS) and test it in tests/cli/t_remind.sh (its
 * --only error lists the sections).  Nothing else changes: --only, the
 * formats, the mail and its per-rep split all work from this table.  At
 * most 32 sections (crm_remind_opts.sections is a bit mask). */
static const struct section {
	const char *name;
	const char *title;
	const char *title_one_day;
	const char *sql;
	int (*rows)(const struct remind_query *q, cells_fn fn, void *arg, struct crm_err *err);
} sections[] = {
	{"today", "Due today", NULL, ROWS(TASK_ROWS("", "t.due = :today")), NULL},
	{"soon", "Due in the next %d days", "Due tomorrow",
	 ROWS(TASK_ROWS("", "t.due > :today AND t.due <= :horizon")), NULL},
	{"overdue", "Overdue", NULL,
	 ROWS(TASK_ROWS("', ' || " DAYS(DAYS_SINCE("t.due")) " || ' late' || ",
			"t.due < :today")), NULL},
	{"cadence", "Customers to contact", NULL,
	 ROWS("SELECT c.owner AS rep, k.next_contact AS date, c.code AS customer, "
	      "c.name AS name, 'contact due' AS item, "
	      "'every ' || " DAYS("k.cadence") " || "
	      "ifnull(', last contact ' || date(k.last_contact), ', no contact yet') AS detail, "
	      "'customer ' || c.code AS ref, c.code AS sort "
	      "FROM customer_cadence k JOIN customer c ON c.id = k.customer_id "
	      "WHERE k.next_contact <= :today"), NULL},
	/* A lead without feedback (schema.sql, view lead_feedback) past the
	 * deadline of its latest assignment. */
	{"feedback", "Lead feedback overdue", NULL,
	 ROWS("SELECT f.rep AS rep, f.feedback_due AS date, c.code AS customer, "
	      "c.name AS name, 'lead feedback due' AS item, "
	      "'assigned ' || date(f.assigned) || ', ' || "
	      DAYS(DAYS_SINCE("f.feedback_due")) " || ' late' AS detail, "
	      "'lead ' || c.code AS ref, c.code AS sort "
	      "FROM customer c JOIN lead_feedback f ON f.customer_id = c.id "
	      "WHERE c.status = 'lead' AND c.archived = 0 AND f.feedback_due < :today "
	      "AND f.feedback IS NULL"), NULL},
	{"stalled", "Stalled deals", NULL,
	 ROWS("SELECT d.owner AS rep, date(d.stage_since) AS date, c.code AS customer, "
	      "c.name AS name, d.title AS item, "
	      "d.stage || ' for ' || " DAYS(DAYS_SINCE("date(d.stage_since)")) " || "
	      "' (limit ' || crm_stage_stall(d.stage) || ')' AS detail, "
	      "'deal ' || d.code AS ref, d.code AS sort "
	      "FROM deal d JOIN customer c ON c.id = d.customer_id "
	      "WHERE d.status = 'open' "
	      "AND " DAYS_SINCE("date(d.stage_since)") " > crm_stage_stall(d.stage)"), NULL},
	{"closing", "Deals past their expected close", NULL,
	 ROWS("SELECT d.owner AS rep, d.close_date AS date, c.code AS customer, "
	      "c.name AS name, d.title AS item, "
	      "d.stage || ', ' || crm_money(d.amount) || ', ' || "
	      DAYS(DAYS_SINCE("d.close_date")) " || ' late' AS detail, "
	      "'deal ' || d.code AS ref, d.code AS sort "
	      "FROM deal d JOIN customer c ON c.id = d.customer_id "
	      "WHERE d.status = 'open' AND d.close_date < :today"), NULL},
	/* Confirmed orders with something on backorder (view order_line_state)
	 * promised for today or earlier. */
	{"ship", "Orders to ship", NULL,
	 ROWS("SELECT c.owner AS rep, o.promised AS date, c.code AS customer, c.name AS name, "
	      "o.open || ' of ' || o.n || CASE WHEN o.n = 1 THEN ' line' ELSE ' lines' END || "
	      "' to ship' AS item, "
	      "CASE WHEN o.shipped > 0 THEN 'partly shipped' ELSE 'nothing shipped' END || "
	      "CASE WHEN o.promised < :today THEN ', ' || " DAYS(DAYS_SINCE("o.promised"))
	      " || ' late' ELSE '' END AS detail, "
	      "'order ' || o.number AS ref, o.number AS sort "
	      "FROM (SELECT d.id, d.number, d.customer_id, d.promised, "
	      " (SELECT count(*) FROM order_line_state s WHERE s.order_id = d.id) AS n, "
	      " (SELECT count(*) FROM order_line_state s WHERE s.order_id = d.id "
	      "  AND s.shipped < s.ordered) AS open, "
	      " (SELECT count(*) FROM order_line_state s WHERE s.order_id = d.id "
	      "  AND s.shipped > 0) AS shipped "
	      " FROM doc d WHERE d.kind = 'order' AND d.status = 'confirmed' "
	      " AND d.promised <= :today) o "
	      "JOIN customer c ON c.id = o.customer_id WHERE o.open > 0"), NULL},
	/* Receivables: invoices falling due from today to today + N days,
	 * invoices that fell due in the N days before today, customers over
	 * their credit limit. */
	{"due", "Invoices falling due", NULL,
	 ROWS(INVOICE_ROWS("CASE WHEN o.due = :today THEN 'today' ELSE 'in ' || "
			   DAYS("CAST(julianday(o.due) - julianday(:today) AS INTEGER)") " END || ",
			   "o.due >= :today AND o.due <= :due_until")), NULL},
	{"late", "Invoices newly overdue", NULL,
	 ROWS(INVOICE_ROWS(DAYS(DAYS_SINCE("o.due")) " || ' late' || ",
			   "o.due < :today AND o.due >= :late_since")), NULL},
	{"credit", "Customers over their credit limit", NULL, NULL, credit_rows},
	/* Service: the technicians' visits of the day, and what maintenance
	 * plans have due up to today + N days (--days, else 7) and nobody has
	 * scheduled yet. */
	{"visits", "Visits today", NULL,
	 ROWS("SELECT v.tech AS rep, v.date AS date, c.code AS customer, c.name AS name, "
	      "ifnull(v.task, 'field visit') AS item, "
	      "substr(ifnull(', ' || v.time, '') || ifnull(', at ' || c.city, '') || "
	      "ifnull(', case ' || k.number, '') || ifnull(', rma ' || r.number, ''), 3) AS detail, "
	      "'visit ' || v.number AS ref, ifnull(v.time, '24:00') || printf(' %012d', v.id) AS sort "
	      "FROM visit v JOIN customer c ON c.id = v.customer_id "
	      "LEFT JOIN service_case k ON k.id = v.case_id LEFT JOIN rma r ON r.id = v.rma_id "
	      "WHERE v.status = 'scheduled' AND v.date = :today"), NULL},
	{"maintenance", "Maintenance visits due", NULL,
	 ROWS("SELECT p.tech AS rep, p.next AS date, c.code AS customer, c.name AS name, "
	      "ifnull(p.task, 'maintenance visit') AS item, "
	      "'every ' || CASE WHEN p.every % 12 = 0 THEN (p.every / 12) || 'y' "
	      "ELSE p.every || 'm' END || CASE WHEN p.next >= :today THEN '' ELSE ', ' || "
	      DAYS(DAYS_SINCE("p.next")) " || ' late' END AS detail, "
	      "'visit plan ' || p.id AS ref, printf('%012d', p.id) AS sort "
	      "FROM visit_plan p JOIN customer c ON c.id = p.customer_id "
	      "WHERE p.active AND p.next <= :due_until AND NOT EXISTS (SELECT 1 FROM visit v "
	      "WHERE v.plan_id = p.id AND v.status = 'scheduled')"), NULL},
	/* RMAs longer in their state than rma.STATE.days, and faulty units not
	 * back by the day an advance replacement set. */
	{"rma", "RMAs late at their stage", NULL,
	 ROWS("SELECT c.owner AS rep, substr(r.since, 1, 10) AS date, c.code AS customer, "
	      "c.name AS name, r.number || ' ' || p.sku || ifnull(' ' || r.serial, '') AS item, "
	      "r.state || ' for ' || " DAYS(CRM_RMA_DAYS_SQL("r", ":today")) " || ' (limit ' || "
	      CRM_RMA_LIMIT_SQL("r") " || ')' AS detail, 'rma ' || r.number AS ref, "
	      "r.number AS sort FROM rma r JOIN customer c ON c.id = r.customer_id "
	      "JOIN product p ON p.id = r.product_id "
	      "WHERE r.state NOT IN ('closed', 'rejected', 'cancelled') "
	      "AND " CRM_RMA_DAYS_SQL("r", ":today") " > " CRM_RMA_LIMIT_SQL("r")), NULL},
	{"advance", "Faulty units overdue after an advance replacement", NULL,
	 ROWS("SELECT c.owner AS rep, r.advance_due AS date, c.code AS customer, "
	      "c.name AS name, r.number || ' ' || p.sku || ifnull(' ' || r.serial, '') AS item, "
	      "'faulty unit ' || " DAYS(DAYS_SINCE("r.advance_due")) " || ' overdue' AS detail, "
	      "'rma ' || r.number AS ref, r.number AS sort "
	      "FROM rma r JOIN customer c ON c.id = r.customer_id "
	      "JOIN product p ON p.id = r.product_id WHERE r.advance = 1 AND r.received IS NULL "
	      "AND r.advance_due < :today AND r.state NOT IN ('closed', 'rejected', 'cancelled')"),
	 NULL},
};

#define NSECTIONS (sizeof sections / sizeof *sections)

const char *crm_remind_section_name(size_t i)
{
	return i < NSECTIONS ? sections[i].name : NULL;
}

int crm_remind_parse_sections(const char *list, unsigned *mask, struct crm_err *err)
{
	const char *p = list;

	*mask = 0;
	do {
		size_t len = strcspn(p, ","), i;
		struct crm_buf known = {0};

		for (i = 0; i < NSECTIONS; i++)
			if (strlen(sections[i].name) == len && !strncmp(sections[i].name, p, len))
				break;
		if (i == NSECTIONS) {
			for (size_t k = 0; k < NSECTIONS; k++)
				crm_buf_addf(&known, "%s%s", k ? ", " : "", sections[k].name);
			crm_fail(err, CRM_EUSAGE, "unknown section '%.*s' (sections: %s)", (int)len, p,
				 known.data);
			free(known.data);
			return CRM_EUSAGE;
		}
		*mask |= 1u << i;
		p += len;
	} while (*p++ == ',');
	return CRM_OK;
}

static void section_title(size_t i, int days, char *buf, size_t n)
{
	const struct section *s = &sections[i];

	snprintf(buf, n, days == 1 && s->title_one_day ? s->title_one_day : s->title, days);
}

/* Called with each row: its section and its cells (crm_remind_columns). */
typedef int (*row_fn)(void *arg, size_t section, const char *const *cells,
		      struct crm_err *err);

/* A row of a section made by a function: its cells after the section's
 * name, passed on to the row_fn with the section. */
struct section_call {
	size_t section;
	row_fn fn;
	void *arg;
};

static int section_cells(void *arg, const char *const *cells, struct crm_err *err)
{
	struct section_call *call = arg;
	const char *all[sizeof crm_remind_columns / sizeof *crm_remind_columns];

	all[0] = sections[call->section].name;
	for (size_t k = 1; k < crm_remind_ncolumns; k++)
		all[k] = cells[k - 1];
	return call->fn(call->arg, call->section, all, err);
}

static int run_section(struct crm_store *st, size_t i, const struct crm_remind_opts *o,
		       row_fn fn, void *arg, struct crm_err *err)
{
	char today[CRM_DATE_BUFSZ], horizon[CRM_DATE_BUFSZ], until[CRM_DATE_BUFSZ],
		since[CRM_DATE_BUFSZ];
	int due_days = o->days_given ? o->days : CRM_REMIND_DUE_DAYS;
	const char *cells[sizeof crm_remind_columns / sizeof *crm_remind_columns];
	sqlite3_stmt *stmt;
	int rc;

	crm_date_format(st->clock.today, today);
	if (sections[i].rows) {
		struct remind_query q = {st, o, today};
		struct section_call call = {i, fn, arg};

		return sections[i].rows(&q, section_cells, &call, err);
	}
	if ((rc = crm_store_prepare(st, sections[i].sql, &stmt, err)) != CRM_OK)
		return rc;
	crm_bind_named_text(stmt, ":today", today);
	crm_bind_named_text(stmt, ":asof", today);
	crm_bind_named_text(stmt, ":horizon", crm_date_format(st->clock.today + o->days, horizon));
	crm_bind_named_text(stmt, ":due_until", crm_date_format(st->clock.today + due_days, until));
	crm_bind_named_text(stmt, ":late_since", crm_date_format(st->clock.today - due_days, since));
	crm_bind_named_text(stmt, ":rep", o->rep);
	sqlite3_bind_int(stmt, sqlite3_bind_parameter_index(stmt, ":all_reps"),
			 !o->rep && !o->no_rep);
	cells[0] = sections[i].name;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int frc;

		for (size_t k = 1; k < crm_remind_ncolumns; k++)
			cells[k] = (const char *)sqlite3_column_text(stmt, (int)k - 1);
		if ((frc = fn(arg, i, cells, err)) != CRM_OK) {
			sqlite3_finalize(stmt);
			return frc;
		}
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}

/* The credit section walks crm_credit_over_each with these. */
struct credit_walk {
	const struct remind_query *q;
	cells_fn fn;
	void *arg;
};

/* One row of the credit section. */
static int credit_row(void *arg, const struct crm_over_limit *o, struct crm_err *err)
{
	const struct credit_walk *w = arg;
	int decimals = w->q->st->money_decimals;
	char m[6][CRM_MONEY_BUFSZ];
	struct crm_buf item = {0}, detail = {0}, ref = {0};
	const char *cells[7];
	int rc;

	crm_buf_addf(&item, "over credit limit by %s", crm_money_format(o->over, decimals, m[0]));
	crm_buf_addf(&detail, "limit %s, exposure %s (orders %s, invoices %s, credit %s)",
		     crm_money_format(o->limit, decimals, m[1]),
		     crm_money_format(o->x.total, decimals, m[2]),
		     crm_money_format(o->x.orders, decimals, m[3]),
		     crm_money_format(o->x.invoices, decimals, m[4]),
		     crm_money_format(o->x.credit, decimals, m[5]));
	crm_buf_addf(&ref, "customer %s", o->code);
	cells[0] = o->rep;
	cells[1] = w->q->today;
	cells[2] = o->code;
	cells[3] = o->name;
	cells[4] = item.data;
	cells[5] = detail.data;
	cells[6] = ref.data;
	rc = w->fn(w->arg, cells, err);
	free(item.data);
	free(detail.data);
	free(ref.data);
	return rc;
}

/* The credit section: customers (not archived) whose exposure is over
 * their credit limit, the figures of crm ar credit, by rep (no rep first,
 * as ROWS() orders) and code. */
static int credit_rows(const struct remind_query *q, cells_fn fn, void *arg,
		       struct crm_err *err)
{
	struct credit_walk w = {q, fn, arg};
	struct crm_over_filter f = {.rep_only = q->o->rep || q->o->no_rep, .by_rep = 1,
				    .rep = q->o->rep};

	return crm_credit_over_each(q->st, &f, credit_row, &w, err);
}

/* Runs the selected sections in order. */
static int each_row(struct crm_store *st, const struct crm_remind_opts *o, row_fn fn,
		    void *arg, struct crm_err *err)
{
	int rc = CRM_OK;

	if (o->days < 0 || o->days > CRM_REMIND_MAX_DAYS)
		return crm_fail(err, CRM_EINVAL, "'%d' is not a number of days (0-%d)", o->days,
				CRM_REMIND_MAX_DAYS);
	for (size_t i = 0; i < NSECTIONS && rc == CRM_OK; i++)
		if (!o->sections || (o->sections & (1u << i)))
			rc = run_section(st, i, o, fn, arg, err);
	return rc;
}

/* ---- one row stream ---- */

static int list_row(void *arg, size_t section, const char *const *cells, struct crm_err *err)
{
	if (crm_out_row(arg, cells) != CRM_OK)
		return crm_fail(err, CRM_EFAIL, "write error");
	return CRM_OK;
}

int crm_remind_list(struct crm_store *st, const struct crm_remind_opts *o, struct crm_out *out,
		    struct crm_err *err)
{
	return each_row(st, o, list_row, out, err);
}

/* ---- sections under their titles ---- */

/* For crm_out_opts.group: the title of a row's section. */
struct section_titles {
	int days;
	char title[200];
};

static const char *title_of_row(void *arg, const char *const *cells)
{
	struct section_titles *t = arg;

	for (size_t i = 0; i < NSECTIONS; i++)
		if (!strcmp(sections[i].name, cells[0])) {
			section_title(i, t->days, t->title, sizeof t->title);
			return t->title;
		}
	return cells[0];
}

int crm_remind_table(struct crm_store *st, const struct crm_remind_opts *o, FILE *fp,
		     const struct crm_out_opts *opts, long *count, struct crm_err *err)
{
	struct section_titles titles = {.days = o->days};
	struct crm_out_opts grouped = *opts;
	struct crm_out *out;
	int rc;

	*count = 0;
	if (!grouped.columns) /* the rep column says nothing in one rep's report */
		grouped.columns = o->rep || o->no_rep ? "date,customer,name,item,detail,ref"
						      : CRM_REMIND_TABLE_COLUMNS;
	grouped.group = title_of_row;
	grouped.group_arg = &titles;
	/* an unknown --columns name fails here, before a title is printed */
	if ((rc = crm_out_open(&out, fp, &grouped, crm_remind_columns, crm_remind_ncolumns,
			       err)) != CRM_OK)
		return rc;
	rc = each_row(st, o, list_row, out, err);
	*count = crm_out_count(out);
	if (rc != CRM_OK) {
		crm_out_discard(out);
		return rc;
	}
	return crm_out_close(out) == CRM_OK ? CRM_OK : crm_fail(err, CRM_EFAIL, "write error");
}

/* ---- mail ---- */

struct rep_count {
	char *rep; /* NULL: rows of no rep */
	long rows;
};

struct rep_list {
	struct rep_count *items;
	size_t n;
};

static int same_rep(const char *a, const char *b)
{
	return a && b ? strcmp(a, b) == 0 : a == b;
}

static int collect_rep(void *arg, size_t section, const char *const *cells, struct crm_err *err)
{
	struct rep_list *l = arg;
	const char *rep = cells[1];
	size_t i;

	for (i = 0; i < l->n && !same_rep(l->items[i].rep, rep); i++)
		;
	if (i == l->n) {
		l->items = realloc(l->items, (l->n + 1) * sizeof *l->items);
		if (!l->items || (rep && !(l->items[l->n].rep = strdup(rep))))
			abort();
		if (!rep)
			l->items[l->n].rep = NULL;
		l->items[l->n++].rows = 0;
	}
	l->items[i].rows++;
	return CRM_OK;
}

/* Reps by name; the rows of no rep last. */
static int by_rep(const void *a, const void *b)
{
	const struct rep_count *x = a, *y = b;

	if (!x->rep || !y->rep)
		return !x->rep - !y->rep;
	return strcmp(x->rep, y->rep);
}

static void warn(struct crm_remind_mail *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void warn(struct crm_remind_mail *m, const char *fmt, ...)
{
	struct crm_err e;
	va_list ap;

	m->undelivered++;
	if (!m->warn)
		return;
	va_start(ap, fmt);
	vsnprintf(e.msg, sizeof e.msg, fmt, ap);
	va_end(ap);
	m->warn(m->arg, e.msg);
}

/* The address a rep's reminders go to (malloc'd), or NULL with a warning. */
static char *rep_address(struct crm_store *st, struct crm_remind_mail *m,
			 const struct rep_count *r)
{
	struct crm_buf key = {0};
	char *addr;

	if (!r->rep) {
		if (!(addr = crm_config_value(st, "remind.to")))
			warn(m, "%ld reminder%s belong%s to no rep; to mail them, set an address "
				"with 'crm config set remind.to ADDRESS'",
			     r->rows, r->rows == 1 ? "" : "s", r->rows == 1 ? "s" : "");
		return addr;
	}
	crm_buf_addf(&key, "rep.%s.email", r->rep);
	if (!(addr = crm_config_value(st, key.data)))
		warn(m, "no address for rep '%s'; set one with 'crm config set %s ADDRESS'", r->rep,
		     key.data);
	free(key.data);
	return addr;
}

/* The body: the rep's sections as a table. */
static int mail_body(struct crm_store *st, const struct crm_remind_opts *o,
		     const struct crm_remind_mail *m, const char *rep, char **body,
		     struct crm_err *err)
{
	struct crm_remind_opts one = *o;
	struct crm_out_opts opts = {.format = CRM_FMT_TABLE, .columns = m->columns};
	size_t size;
	long count;
	FILE *fp = open_memstream(body, &size);
	int rc;

	if (!fp)
		return crm_fail(err, CRM_EFAIL, "out of memory");
	one.rep = rep;
	one.no_rep = rep == NULL;
	rc = crm_remind_table(st, &one, fp, &opts, &count, err);
	if (fclose(fp) != 0 && rc == CRM_OK)
		rc = crm_fail(err, CRM_EFAIL, "out of memory");
	return rc;
}

/* "<remind.20261122093000.1.ann@example.com>": the time, the message's
 * place in this run and the rep make it unique. */
static void message_id(struct crm_buf *b, const char *now, size_t seq, const char *rep,
		       const char *from)
{
	const char *at = strrchr(from, '@');

	crm_buf_adds(b, "<remind.");
	for (const char *p = now; *p; p++)
		if (*p >= '0' && *p <= '9')
			crm_buf_add(b, p, 1);
	crm_buf_addf(b, ".%zu.", seq);
	for (const char *p = rep ? rep : "unassigned"; *p; p++) {
		int ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			 (*p >= '0' && *p <= '9') || *p == '-' || *p == '_';

		crm_buf_add(b, ok ? p : "_", 1);
	}
	crm_buf_addf(b, "@%s>", at && at[1] ? at + 1 : "localhost");
}

static int mail_one(struct crm_store *st, const struct crm_remind_opts *o,
		    struct crm_remind_mail *m, const struct rep_count *r, size_t seq,
		    const char *from, const char *date, struct crm_err *err)
{
	char today[CRM_DATE_BUFSZ], *to, *body = NULL;
	struct crm_buf subject = {0}, id = {0}, msg = {0};
	struct crm_mail mail;
	struct crm_err serr;
	int rc;

	if (!(to = rep_address(st, m, r)))
		return CRM_OK;
	if ((rc = mail_body(st, o, m, r->rep, &body, err)) == CRM_OK) {
		crm_buf_addf(&subject, "crm reminders for %s, %s (%ld item%s)",
			     r->rep ? r->rep : "no rep", crm_date_format(st->clock.today, today),
			     r->rows, r->rows == 1 ? "" : "s");
		message_id(&id, st->clock.now, seq, r->rep, from);
		mail = (struct crm_mail){from, to, subject.data, date, id.data, body};
		crm_mail_format(&msg, &mail);
		if (m->mbox) {
			rc = crm_mail_mbox_write(m->mbox, from, st->clock.now, msg.data, msg.len, err);
			m->delivered += rc == CRM_OK;
		} else if (crm_mail_send(m->sendmail, msg.data, msg.len, &serr) != CRM_OK) {
			warn(m, "reminders for %s not sent to %s: %s", r->rep ? r->rep : "no rep", to,
			     serr.msg);
		} else {
			m->delivered++;
		}
	}
	free(to);
	free(body);
	free(subject.data);
	free(id.data);
	free(msg.data);
	return rc;
}

int crm_remind_mail(struct crm_store *st, const struct crm_remind_opts *o,
		    struct crm_remind_mail *m, struct crm_err *err)
{
	struct rep_list reps = {0};
	char date[CRM_MAIL_DATE_BUFSZ], *from = NULL;
	int rc = each_row(st, o, collect_rep, &reps, err);

	m->delivered = m->undelivered = 0;
	if (rc == CRM_OK && reps.n) {
		qsort(reps.items, reps.n, sizeof *reps.items, by_rep);
		if (!(from = crm_config_value(st, "remind.from")) && !(from = strdup("crm@localhost")))
			abort();
		rc = crm_mail_date(st->clock.now, date, err);
	}
	for (size_t i = 0; i < reps.n && rc == CRM_OK; i++)
		rc = mail_one(st, o, m, &reps.items[i], i + 1, from, date, err);
	for (size_t i = 0; i < reps.n; i++)
		free(reps.items[i].rep);
	free(reps.items);
	free(from);
	return rc;
}
