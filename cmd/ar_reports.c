/* ar_reports.c — the receivables reports of crm ar: aging, open,
 * statement, credit, concentration (lib/aging.c computes them).  They move
 * into cmd/ar.c in the end; ar_parts.h declares them until then. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aging.h"
#include "ar_parts.h"
#include "doc.h"
#include "print.h"

enum { OPT_AS_OF = 0x400, OPT_BY, OPT_BUCKETS, OPT_CUSTOMER, OPT_REP, OPT_DETAIL, OPT_MIN,
       OPT_CHART, OPT_TOTAL, OPT_NO_TOTAL, OPT_SQL, OPT_FROM, OPT_TO, OPT_PRINT, OPT_FORMAT,
       OPT_TEMPLATE, OPT_OUTPUT, OPT_TOP };

/* Whether a report ends with its total row: --total and --no-total decide;
 * else a table has one and csv, tsv, json, ndjson do not, so that a script
 * summing a column does not count everything twice. */
static int want_total(struct cli *cli, int flag)
{
	return flag >= 0 ? flag : cli->format == CRM_FMT_TABLE;
}

/* Ends a stream after its lib function returned rc. */
static int stream_close(struct cli *cli, struct crm_out *out, int rc, const struct crm_err *err)
{
	if (rc != CRM_OK)
		cli_fail(cli, rc, err);
	return cli_out_close(cli, out, rc);
}

/* ---- aging ---- */

/* Bars of the bucket totals for a person at a terminal. */
static int aging_chart(struct cli *cli, const struct crm_aging *a)
{
	static const char block[] = "\u2588";
	char m[CRM_AGING_MAX_BUCKETS][CRM_MONEY_BUFSZ], t[3][CRM_MONEY_BUFSZ];
	int decimals = cli->st->money_decimals, label = 0, amount = 0, bar;
	int64_t max = 0;

	for (size_t k = 0; k < a->nbuckets; k++) {
		int64_t v = a->total.amount[k];

		max = v > max ? v : max;
		label = (int)strlen(a->name[k]) > label ? (int)strlen(a->name[k]) : label;
		crm_money_format(v, decimals, m[k]);
		amount = (int)strlen(m[k]) > amount ? (int)strlen(m[k]) : amount;
	}
	bar = (cli->width > 0 ? cli->width : 80) - label - amount - 4;
	bar = bar < 10 ? 10 : bar > 60 ? 60 : bar;
	for (size_t k = 0; k < a->nbuckets; k++) {
		int64_t n = 0;

		/* at least one block for anything above zero, so it does not look empty */
		if (a->total.amount[k] > 0 && crm_muldiv_round(a->total.amount[k], bar, max, &n) == 0 &&
		    n == 0)
			n = 1;
		printf("%-*s  ", label, a->name[k]);
		for (int64_t i = 0; i < n; i++)
			fputs(block, stdout);
		printf("%*s  %*s\n", bar - (int)n, "", amount, m[k]);
	}
	printf("open %s, credit %s, balance %s\n", crm_money_format(a->total.open, decimals, t[0]),
	       crm_money_format(a->total.credit, decimals, t[1]),
	       crm_money_format(a->total.balance, decimals, t[2]));
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_error(cli, CRM_EFAIL, "write error");
	return 0;
}

static int aging_sql(struct cli *cli, const struct crm_aging *a)
{
	struct crm_err err;
	char *sql;
	int rc = crm_aging_sql_expanded(cli->st, a, &sql, &err);

	if (rc != CRM_OK)
		return cli_fail(cli, rc, &err);
	printf("%s;\n", sql);
	free(sql);
	return 0;
}

static int aging_run(struct cli *cli, struct crm_aging *a, int detail, int chart)
{
	struct crm_out *out;
	struct crm_err err;
	int rc;

	if (chart && cli->format == CRM_FMT_TABLE) {
		if ((rc = crm_aging_report(cli->st, a, NULL, &err)) != CRM_OK)
			return cli_fail(cli, rc, &err);
		return aging_chart(cli, a);
	}
	if (detail) {
		if ((rc = cli_out_open(cli, &out, crm_aging_detail_columns,
				       crm_aging_detail_ncolumns,
				       "customer,name,kind,number,date,due,days,bucket,open,credit")))
			return rc;
		return stream_close(cli, out, crm_aging_detail(cli->st, a, out, &err), &err);
	}
	if ((rc = cli_out_open(cli, &out, a->cols, a->ncols, NULL)))
		return rc;
	return stream_close(cli, out, crm_aging_report(cli->st, a, out, &err), &err);
}

/* What ar aging's options say before the store is open. */
struct aging_args {
	const char *by, *buckets, *customer, *min;
	int detail, chart, total, sql;
};

/* Turns the options into the report's request; prints what is wrong. */
static int aging_opts(struct cli *cli, const struct aging_args *x, struct crm_aging_opts *o,
		      struct crm_aging_buckets *b, int64_t *min)
{
	struct crm_err err;
	int rc;

	if (x->by && strcmp(x->by, "due") && strcmp(x->by, "issue"))
		return cli_error(cli, CRM_EUSAGE, "unknown --by '%s' (due, issue)", x->by);
	o->by = x->by && !strcmp(x->by, "issue") ? CRM_AGING_BY_ISSUE : CRM_AGING_BY_DUE;
	if (x->buckets) {
		if (crm_aging_buckets_parse(x->buckets, b, &err) != CRM_OK)
			return cli_fail(cli, CRM_EUSAGE, &err);
		o->buckets = b;
	}
	if ((rc = cli_store(cli)))
		return rc;
	if (x->min) {
		if (crm_money_parse(x->min, cli->st->money_decimals, min, NULL) != CRM_OK)
			return cli_error(cli, CRM_EUSAGE, "--min '%s' is not an amount", x->min);
		o->min = min;
	}
	if (x->customer && (rc = cli_customer(cli, x->customer, &o->customer_id)))
		return rc;
	o->total = want_total(cli, x->total);
	return 0;
}

int ar_aging(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm ar aging [--as-of DATE] [--by due|issue] [--buckets 30,60,90,180]",
		"             [--customer KEY] [--rep NAME] [--detail] [--min AMOUNT] [--chart]",
		"             [--total | --no-total] [--sql]",
		"Who owes what and for how long: per customer the open amount not yet due and",
		"in each bucket of days overdue (upper edges inclusive), the unapplied credit and",
		"the balance, as of DATE (default today).  --detail lists the open invoices and",
		"credits one by one; --chart draws the bucket totals as bars; --sql prints the",
		"query.  Tables end with a total row, other formats only with --total.", NULL};
	static const struct option opts[] = {
		{"as-of", required_argument, NULL, OPT_AS_OF},
		{"by", required_argument, NULL, OPT_BY},
		{"buckets", required_argument, NULL, OPT_BUCKETS},
		{"customer", required_argument, NULL, OPT_CUSTOMER},
		{"rep", required_argument, NULL, OPT_REP},
		{"detail", no_argument, NULL, OPT_DETAIL},
		{"min", required_argument, NULL, OPT_MIN},
		{"chart", no_argument, NULL, OPT_CHART},
		{"total", no_argument, NULL, OPT_TOTAL},
		{"no-total", no_argument, NULL, OPT_NO_TOTAL},
		{"sql", no_argument, NULL, OPT_SQL},
		{NULL, 0, NULL, 0},
	};
	struct aging_args x = {.total = -1};
	struct crm_aging_opts o = {0};
	struct crm_aging_buckets b;
	struct crm_aging a;
	struct crm_err err;
	int64_t min;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_AS_OF: o.as_of = optarg; break;
		case OPT_BY: x.by = optarg; break;
		case OPT_BUCKETS: x.buckets = optarg; break;
		case OPT_CUSTOMER: x.customer = optarg; break;
		case OPT_REP: o.rep = optarg; break;
		case OPT_DETAIL: x.detail = 1; break;
		case OPT_MIN: x.min = optarg; break;
		case OPT_CHART: x.chart = 1; break;
		case OPT_TOTAL: x.total = 1; break;
		case OPT_NO_TOTAL: x.total = 0; break;
		case OPT_SQL: x.sql = 1; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	if ((rc = aging_opts(cli, &x, &o, &b, &min)))
		return rc;
	if ((rc = crm_aging_init(cli->st, &o, &a, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	if (x.sql)
		return aging_sql(cli, &a);
	return aging_run(cli, &a, x.detail, x.chart);
}

/* ---- open ---- */

int ar_open(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm ar open [CUSTOMER] [--as-of DATE] [--total | --no-total]",
		"Open items as of DATE (default today), oldest due date first: each open invoice",
		"with its total, what was paid of it, what is open and its status, and each",
		"receipt or credit note with unapplied credit, its amounts negative.", NULL};
	static const struct option opts[] = {
		{"as-of", required_argument, NULL, OPT_AS_OF},
		{"total", no_argument, NULL, OPT_TOTAL},
		{"no-total", no_argument, NULL, OPT_NO_TOTAL},
		{NULL, 0, NULL, 0},
	};
	const char *as_of = NULL;
	struct crm_out *out;
	struct crm_err err;
	int64_t customer = 0;
	int c, rc, total = -1;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_AS_OF: as_of = optarg; break;
		case OPT_TOTAL: total = 1; break;
		case OPT_NO_TOTAL: total = 0; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc - optind > 1)
		return cli_usage(usage, 1);
	if ((rc = cli_store(cli)) ||
	    (argc - optind == 1 && (rc = cli_customer(cli, argv[optind], &customer))) ||
	    (rc = cli_out_open(cli, &out, crm_ar_open_columns, crm_ar_open_ncolumns, NULL)))
		return rc;
	rc = crm_ar_open_items(cli->st, customer, as_of, want_total(cli, total), out, &err);
	return stream_close(cli, out, rc, &err);
}

/* ---- statement ---- */

/* --format means text|html|pdf with --print and table|csv|... without. */
static int statement_format(struct cli *cli, const char *format, int print,
			    struct crm_print_opts *po)
{
	if (!format)
		return 0;
	if (print) {
		if (crm_print_format_parse(format, &po->format) == 0)
			return 0;
		return cli_error(cli, CRM_EUSAGE, "unknown format '%s' (text, html, pdf)", format);
	}
	if (crm_format_parse(format, &cli->format) != 0)
		return cli_error(cli, CRM_EUSAGE,
				 "unknown format '%s' (table, csv, tsv, json, ndjson)", format);
	cli->format_given = cli->format_from_option = 1;
	return 0;
}

static int statement_print(struct cli *cli, const struct crm_statement_opts *so,
			   const struct crm_print_opts *po)
{
	struct crm_rec *rec = crm_rec_new();
	struct crm_err err;
	int rc = crm_ar_statement_show(cli->st, so, rec, &err);

	if (rc == CRM_OK)
		rc = crm_print(cli->st, "statement", rec, po, stdout, &err);
	crm_rec_free(rec);
	return rc == CRM_OK ? 0 : cli_fail(cli, rc, &err);
}

int ar_statement(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm ar statement CUSTOMER [--from DATE] [--to DATE]",
		"                 [--print [--format text|html|pdf] [--template FILE] [--output FILE]]",
		"A customer's account from DATE to DATE (default: this month to today): the",
		"opening balance, every invoice, credit note, receipt, refund, reversal and",
		"write-off with the running balance, and the closing balance.  --print renders",
		"it with the statement template like 'crm invoice print'.", NULL};
	static const struct option opts[] = {
		{"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO},
		{"print", no_argument, NULL, OPT_PRINT},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"template", required_argument, NULL, OPT_TEMPLATE},
		{"output", required_argument, NULL, OPT_OUTPUT},
		{NULL, 0, NULL, 0},
	};
	struct crm_print_opts po = {.format = CRM_PRINT_TEXT};
	struct crm_statement_opts so = {0};
	const char *format = NULL;
	struct crm_out *out;
	struct crm_err err;
	int c, rc, print = 0;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_FROM: so.from = optarg; break;
		case OPT_TO: so.to = optarg; break;
		case OPT_PRINT: print = 1; break;
		case OPT_FORMAT: format = optarg; break;
		case OPT_TEMPLATE: po.template_path = optarg; break;
		case OPT_OUTPUT: po.output_path = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	if (!print && (po.template_path || po.output_path))
		return cli_error(cli, CRM_EUSAGE, "--template and --output go with --print");
	if ((rc = statement_format(cli, format, print, &po)) ||
	    (rc = cli_customer(cli, argv[optind], &so.customer_id)))
		return rc;
	if (print)
		return statement_print(cli, &so, &po);
	if ((rc = cli_out_open(cli, &out, crm_ar_statement_columns, crm_ar_statement_ncolumns,
			       NULL)))
		return rc;
	return stream_close(cli, out, crm_ar_statement(cli->st, &so, out, &err), &err);
}

/* ---- credit ---- */

int ar_credit(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm ar credit",
		"Customers whose exposure (confirmed orders not invoiced yet, plus open",
		"invoices, less unapplied credit) is over their credit limit, the furthest over",
		"first.  Prints nothing when none is.", NULL};
	struct crm_out *out;
	struct crm_err err;
	int rc = cli_args(cli, argc, argv, usage, 0);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = cli_store(cli)) ||
	    (rc = cli_out_open(cli, &out, crm_ar_credit_columns, crm_ar_credit_ncolumns, NULL)))
		return rc;
	rc = crm_ar_credit(cli->st, out, &err);
	/* nothing over its limit: no header either, so cron mails nothing */
	if (rc == CRM_OK && crm_out_count(out) == 0) {
		crm_out_discard(out);
		return 0;
	}
	return stream_close(cli, out, rc, &err);
}

/* ---- concentration ---- */

int ar_concentration(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm ar concentration [--top N] [--as-of DATE] [--total | --no-total]",
		"Customers by balance, largest first: each one's share of what all owe, the",
		"cumulative share, and pareto=yes for those that make up the first 80 %.",
		"--top N shows the first N and sums the rest as \"others\".", NULL};
	static const struct option opts[] = {
		{"top", required_argument, NULL, OPT_TOP},
		{"as-of", required_argument, NULL, OPT_AS_OF},
		{"total", no_argument, NULL, OPT_TOTAL},
		{"no-total", no_argument, NULL, OPT_NO_TOTAL},
		{NULL, 0, NULL, 0},
	};
	const char *as_of = NULL;
	struct crm_out *out;
	struct crm_err err;
	long top = 0;
	int c, rc, total = -1;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_TOP:
			if ((rc = cli_count(cli, "--top", optarg, 1, &top)))
				return rc;
			break;
		case OPT_AS_OF: as_of = optarg; break;
		case OPT_TOTAL: total = 1; break;
		case OPT_NO_TOTAL: total = 0; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	if ((rc = cli_store(cli)) ||
	    (rc = cli_out_open(cli, &out, crm_ar_concentration_columns,
			       crm_ar_concentration_ncolumns, NULL)))
		return rc;
	rc = crm_ar_concentration(cli->st, as_of, top, want_total(cli, total), out, &err);
	return stream_close(cli, out, rc, &err);
}
