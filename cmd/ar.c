/* ar.c — crm ar: receipts and their settlement, refunds, reversals and
 * write-offs, ageing, open items, statements, dunning, credit control. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aging.h"
#include "ar.h"
#include "cmd.h"
#include "doc.h"
#include "dunning.h"
#include "invoice.h"
#include "print.h"

enum { OPT_DATE = 0x100, OPT_METHOD, OPT_REF, OPT_CLERK, OPT_NOTE, OPT_APPLY, OPT_REASON,
       OPT_FORCE, OPT_CUSTOMER, OPT_FROM, OPT_TO, OPT_KIND, OPT_BY, OPT_STATUS,
       OPT_INPUT_FORMAT, OPT_DRY_RUN, OPT_SKIP, OPT_UNAPPLIED, OPT_AS_OF, OPT_BUCKETS,
       OPT_REP, OPT_DETAIL, OPT_MIN, OPT_CHART, OPT_TOTAL, OPT_NO_TOTAL, OPT_SQL, OPT_PRINT,
       OPT_FORMAT, OPT_TEMPLATE, OPT_OUTPUT, OPT_TOP, OPT_MBOX, OPT_DIR, OPT_SEND };

/* Tells what a receipt or apply settled, on stderr (unless -q):
 * "INV-2026-00001 100.00 (paid), INV-2026-00002 50.00 (30.00 open);
 * unapplied 0.00". */
static void note_settled(struct cli *cli, const char *what, const struct crm_ar_result *res)
{
	char a[CRM_MONEY_BUFSZ], b[CRM_MONEY_BUFSZ];
	int d = cli->st->money_decimals;

	if (cli->quiet)
		return;
	fprintf(stderr, "%s: ", what);
	if (res->n == 0)
		fputs("settled nothing", stderr);
	for (size_t i = 0; i < res->n; i++) {
		fprintf(stderr, "%s%s %s", i ? ", " : "settled ", res->v[i].number,
			crm_money_format(res->v[i].amount, d, a));
		if (res->v[i].open)
			fprintf(stderr, " (%s open)", crm_money_format(res->v[i].open, d, b));
		else
			fputs(" (paid)", stderr);
	}
	fprintf(stderr, "; unapplied %s\n", crm_money_format(res->unapplied, d, a));
}

static int ar_receipt_import(struct cli *cli, int argc, char **argv);

/* The options a receipt and a refund share; returns 0 when c was one. */
static int receipt_option(int c, struct crm_receipt_input *in)
{
	switch (c) {
	case OPT_DATE: in->date = optarg; return 0;
	case OPT_METHOD: in->method = optarg; return 0;
	case OPT_REF: in->ref = optarg; return 0;
	case OPT_CLERK: in->clerk = optarg; return 0;
	case OPT_NOTE: in->note = optarg; return 0;
	default: return -1;
	}
}

#define RECEIPT_OPTIONS                                                                      \
	{"date", required_argument, NULL, OPT_DATE},                                         \
	{"method", required_argument, NULL, OPT_METHOD},                                     \
	{"ref", required_argument, NULL, OPT_REF},                                           \
	{"clerk", required_argument, NULL, OPT_CLERK},                                       \
	{"note", required_argument, NULL, OPT_NOTE}

static int ar_receipt(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm ar receipt CUSTOMER AMOUNT [--date DATE] [--method cash|transfer|card|cheque|other]",
		"               [--ref TEXT] [--clerk NAME] [--note TEXT]",
		"               [--apply INVOICE=AMOUNT ... | --unapplied]",
		"   or: crm ar receipt import --from FILE [...] (see 'crm ar receipt import --help')",
		"Records a receipt (series.receipt) and prints its number.  It settles the invoices",
		"given with --apply, else the customer's open invoices oldest due date first; what",
		"is left (all of it with --unapplied) stays on the account as unapplied credit",
		"('crm ar apply', 'crm ar refund').",
		NULL};
	static const struct option opts[] = {
		RECEIPT_OPTIONS,
		{"apply", required_argument, NULL, OPT_APPLY},
		{"unapplied", no_argument, NULL, OPT_UNAPPLIED},
		{NULL, 0, NULL, 0},
	};
	struct crm_receipt_input in = {0};
	struct crm_ar_result res = {0};
	struct cli_list apply = {0};
	struct crm_err err;
	char number[65];
	int64_t id;
	int c, rc;

	if (argc > 1 && !strcmp(argv[1], "import"))
		return ar_receipt_import(cli, argc - 1, argv + 1);
	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		if (c == OPT_APPLY)
			cli_list_push(&apply, optarg);
		else if (c == OPT_UNAPPLIED)
			in.unapplied = 1;
		else if (receipt_option(c, &in) != 0) {
			free(apply.items);
			return cli_usage(usage, c != 'h');
		}
	}
	if (argc - optind != 2) {
		free(apply.items);
		return cli_usage(usage, 1);
	}
	in.amount = argv[optind + 1];
	in.apply = apply.items;
	in.napply = apply.n;
	if ((rc = cli_customer(cli, argv[optind], &in.customer_id)) == CRM_OK &&
	    (rc = crm_ar_receipt(cli->st, &in, &id, number, &res, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	free(apply.items);
	if (rc != CRM_OK)
		return rc;
	printf("%s\n", number);
	note_settled(cli, number, &res);
	crm_ar_result_free(&res);
	return 0;
}

static int ar_apply(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm ar apply CUSTOMER [INVOICE=AMOUNT ...] [--date DATE]",
		"Settles open invoices with the customer's unapplied credit (receipts and credit",
		"notes, oldest first): the amounts given, else oldest due date first.", NULL};
	static const struct option opts[] = {
		{"date", required_argument, NULL, OPT_DATE},
		{NULL, 0, NULL, 0},
	};
	struct crm_ar_result res = {0};
	const char *date = NULL;
	struct crm_err err;
	int64_t customer_id;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		if (c == OPT_DATE)
			date = optarg;
		else
			return cli_usage(usage, c != 'h');
	}
	if (argc - optind < 1)
		return cli_usage(usage, 1);
	if ((rc = cli_customer(cli, argv[optind], &customer_id)))
		return rc;
	if ((rc = crm_ar_apply(cli->st, customer_id, (const char *const *)argv + optind + 1,
			       (size_t)(argc - optind - 1), date, &res, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	note_settled(cli, argv[optind], &res);
	crm_ar_result_free(&res);
	return 0;
}

/* Opens the store and resolves a receipt or refund key. */
static int resolve_receipt(struct cli *cli, const char *key, int64_t *id)
{
	struct crm_err err;
	int rc = cli_store(cli);

	if (rc == CRM_OK && (rc = crm_ar_receipt_find(cli->st, key, id, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return rc;
}

static int ar_reverse(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm ar reverse RECEIPT --reason TEXT [--date DATE]",
		"Reverses a receipt (a bounced cheque, a charge-back) or a refund on DATE (default",
		"today): what it settled is open again from that day.  Audited; never edited.", NULL};
	static const struct option opts[] = {
		{"date", required_argument, NULL, OPT_DATE},
		{"reason", required_argument, NULL, OPT_REASON},
		{NULL, 0, NULL, 0},
	};
	const char *date = NULL, *reason = NULL;
	struct crm_err err;
	int64_t id;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_DATE: date = optarg; break;
		case OPT_REASON: reason = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	if (!reason) {
		cli_error(cli, CRM_EUSAGE, "--reason is required");
		return cli_usage(usage, 1);
	}
	if ((rc = resolve_receipt(cli, argv[optind], &id)))
		return rc;
	if ((rc = crm_ar_reverse(cli->st, id, date, reason, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

static int ar_writeoff(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm ar writeoff INVOICE [--reason TEXT] [--date DATE] [--force]",
		"Writes off what is left open on an invoice and prints the amount.  More than",
		"config ar.writeoff_limit (default 5.00) needs --force.", NULL};
	static const struct option opts[] = {
		{"date", required_argument, NULL, OPT_DATE},
		{"reason", required_argument, NULL, OPT_REASON},
		{"force", no_argument, NULL, OPT_FORCE},
		{NULL, 0, NULL, 0},
	};
	const char *date = NULL, *reason = NULL;
	char amount[CRM_MONEY_BUFSZ];
	struct crm_err err;
	int64_t id, written;
	int c, rc, force = 0;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_DATE: date = optarg; break;
		case OPT_REASON: reason = optarg; break;
		case OPT_FORCE: force = 1; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	if ((rc = cli_store(cli)))
		return rc;
	if ((rc = crm_invoice_find(cli->st, "invoice", argv[optind], &id, &err)) != CRM_OK ||
	    (rc = crm_ar_writeoff(cli->st, id, date, reason, force, &written, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	printf("%s\n", crm_money_format(written, cli->st->money_decimals, amount));
	return 0;
}

static int ar_refund(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm ar refund CUSTOMER AMOUNT [--date DATE] [--method METHOD] [--ref TEXT]",
		"              [--clerk NAME] [--note TEXT]",
		"Pays AMOUNT of the customer's unapplied credit back (series.refund) and prints",
		"the refund's number.", NULL};
	static const struct option opts[] = {
		RECEIPT_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct crm_receipt_input in = {0};
	struct crm_err err;
	char number[65];
	int64_t id;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1)
		if (receipt_option(c, &in) != 0)
			return cli_usage(usage, c != 'h');
	if (argc - optind != 2)
		return cli_usage(usage, 1);
	in.amount = argv[optind + 1];
	if ((rc = cli_customer(cli, argv[optind], &in.customer_id)))
		return rc;
	if ((rc = crm_ar_refund(cli->st, &in, &id, number, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	printf("%s\n", number);
	return 0;
}

/* Prints each row of a bank statement that matched nothing. */
static void print_unmatched(void *arg, long line, const char *what)
{
	struct cli *cli = arg;

	fprintf(stderr, "crm: %s %s: line %ld: %s\n", cli->group, cli->verb, line, what);
}

static int ar_receipt_import(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm ar receipt import [--from FILE|-] [--format csv|json|ndjson] [--dry-run]",
		"                      [--skip-unmatched]",
		"Imports receipts from a bank statement, all or nothing.  Columns: date, amount,",
		"and invoice, customer or reference (free text searched for an invoice number or",
		"a customer code); optional method, ref, clerk, note.  Rows that match nothing are",
		"listed and nothing is imported, unless --skip-unmatched.", NULL};
	static const struct option opts[] = {{"from", required_argument, NULL, OPT_FROM},
					     {"format", required_argument, NULL, OPT_INPUT_FORMAT},
					     {"dry-run", no_argument, NULL, OPT_DRY_RUN},
					     {"skip-unmatched", no_argument, NULL, OPT_SKIP},
					     {NULL, 0, NULL, 0}};
	const char *from = "-", *format = NULL;
	struct crm_receipt_import_stats stats;
	char total[CRM_MONEY_BUFSZ], unapplied[CRM_MONEY_BUFSZ];
	struct crm_reader *r;
	struct crm_err err;
	FILE *fp = stdin;
	int c, rc, flags = 0;

	cli->verb = "receipt import";
	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_FROM: from = optarg; break;
		case OPT_INPUT_FORMAT: format = optarg; break;
		case OPT_DRY_RUN: flags |= CRM_IMPORT_DRY_RUN; break;
		case OPT_SKIP: flags |= CRM_AR_SKIP_UNMATCHED; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	if ((rc = cli_import_open(cli, from, format, &r, &fp)))
		return rc;
	rc = crm_ar_receipt_import(cli->st, r, flags, print_unmatched, cli, &stats, &err);
	cli_import_close(r, fp);
	if (rc != CRM_OK)
		return cli_fail(cli, rc, &err);
	cli_note(cli, "%s %ld receipt%s, %s in all: %ld invoice%s settled, %s unapplied%s",
		 flags & CRM_IMPORT_DRY_RUN ? "dry run: would import" : "imported", stats.receipts,
		 stats.receipts == 1 ? "" : "s",
		 crm_money_format(stats.total, cli->st->money_decimals, total), stats.settled,
		 stats.settled == 1 ? "" : "s",
		 crm_money_format(stats.unapplied, cli->st->money_decimals, unapplied),
		 stats.unmatched ? "; unmatched rows skipped" : "");
	return 0;
}

static int ar_receipts(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm ar receipts [--customer KEY] [--from DATE] [--to DATE] [--method METHOD]",
		"                [--clerk NAME] [--kind receipt|refund|all]",
		"                [--by method|clerk|year|month]",
		"Lists receipts and refunds, oldest first; with --by, the count, amount, average",
		"and largest of the receipts that stand (refunds with --kind refund).", NULL};
	static const struct option opts[] = {
		{"customer", required_argument, NULL, OPT_CUSTOMER},
		{"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO},
		{"method", required_argument, NULL, OPT_METHOD},
		{"clerk", required_argument, NULL, OPT_CLERK},
		{"kind", required_argument, NULL, OPT_KIND},
		{"by", required_argument, NULL, OPT_BY},
		{NULL, 0, NULL, 0},
	};
	struct crm_receipt_filter f = {0};
	const struct crm_column *cols;
	const char *customer = NULL;
	struct crm_out *out;
	struct crm_err err;
	size_t ncols;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_CUSTOMER: customer = optarg; break;
		case OPT_FROM: f.from = optarg; break;
		case OPT_TO: f.to = optarg; break;
		case OPT_METHOD: f.method = optarg; break;
		case OPT_CLERK: f.clerk = optarg; break;
		case OPT_KIND: f.kind = optarg; break;
		case OPT_BY: f.by = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	if ((rc = crm_ar_receipts_columns(&f, &cols, &ncols, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	if (customer ? (rc = cli_customer(cli, customer, &f.customer_id)) : (rc = cli_store(cli)))
		return rc;
	if ((rc = cli_out_open(cli, &out, cols, ncols,
			       f.by ? NULL
				    : "number,kind,date,customer,name,amount,unapplied,method,"
				      "status")))
		return rc;
	if ((rc = crm_ar_receipts(cli->st, &f, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

/* ---- reports: aging, open, statement, credit, concentration ---- */

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

static int ar_aging(struct cli *cli, int argc, char **argv)
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

static int ar_open(struct cli *cli, int argc, char **argv)
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

static int ar_statement(struct cli *cli, int argc, char **argv)
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

static int ar_credit(struct cli *cli, int argc, char **argv)
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

static int ar_concentration(struct cli *cli, int argc, char **argv)
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

/* ---- dunning ---- */

static const char *const dunning_usage[] = {
	"crm ar dunning [--as-of DATE] [--dry-run] [--mbox | --dir DIR | --send] [--to ADDRESS]",
	"               [--customer KEY]",
	"   or: crm ar dunning history [CUSTOMER]",
	"Makes one letter per customer with overdue invoices, at the level the oldest of",
	"them reached (config dunning.N.days), one level above the last letter at most,",
	"and records it.  Without --mbox, --dir or --send it lists the letters; --mbox",
	"writes them as mail (mboxrd) to standard output, --dir one file per letter",
	"(DIR/CODE-LN.txt), --send pipes each to $CRM_SENDMAIL (default \"sendmail -t -i\").",
	"--dry-run records and sends nothing.  --to replaces every recipient.",
	"history lists the letters recorded.",
	NULL};

static const char *const history_usage[] = {
	"crm ar dunning history [CUSTOMER]",
	"Lists the dunning letters recorded, oldest first: date, customer, name, level,",
	"invoices, overdue, fee, interest, to (empty for letters that were not mailed).",
	NULL};

static const struct option dunning_options[] = {
	{"as-of", required_argument, NULL, OPT_AS_OF},
	{"dry-run", no_argument, NULL, OPT_DRY_RUN},
	{"mbox", no_argument, NULL, OPT_MBOX},
	{"dir", required_argument, NULL, OPT_DIR},
	{"send", no_argument, NULL, OPT_SEND},
	{"to", required_argument, NULL, OPT_TO},
	{"customer", required_argument, NULL, OPT_CUSTOMER},
	{NULL, 0, NULL, 0},
};

static int dunning_history(struct cli *cli, int argc, char **argv)
{
	struct crm_out *out;
	struct crm_err err;
	int64_t customer_id = 0;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", NULL)) != -1)
		return cli_usage(history_usage, c != 'h');
	if (argc - optind > 1)
		return cli_usage(history_usage, 1);
	if (argc - optind == 1 && (rc = cli_customer(cli, argv[optind], &customer_id)))
		return rc;
	if ((rc = cli_store(cli)) ||
	    (rc = cli_out_open(cli, &out, crm_dunning_history_columns,
			       crm_dunning_history_ncolumns, NULL)))
		return rc;
	if ((rc = crm_dunning_history(cli->st, customer_id, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

static void warn(void *arg, const char *msg)
{
	cli_error(arg, CRM_EFAIL, "%s", msg);
}

/* The list of letters is a row stream opened before the run (so a bad
 * --columns is reported before anything is recorded) and left unfinished
 * when there is no letter: nothing due prints nothing, for cron. */
static int dunning_run(struct cli *cli, struct crm_dunning_opts *o)
{
	int listing = o->mode == CRM_DUNNING_LIST || (o->mode == CRM_DUNNING_SEND && o->dry_run);
	struct crm_err err;
	int rc;

	if (listing && (rc = cli_out_open(cli, &o->out, crm_dunning_columns, crm_dunning_ncolumns,
					  NULL)))
		return rc;
	o->mbox = stdout;
	o->warn = warn;
	o->arg = cli;
	if ((rc = crm_dunning_run(cli->st, o, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	if (listing && rc == CRM_OK && crm_out_count(o->out) == 0) {
		crm_out_discard(o->out);
		return o->undelivered ? CRM_EFAIL : 0;
	}
	if (listing)
		rc = cli_out_close(cli, o->out, rc);
	else if (rc == CRM_OK && (fflush(stdout) != 0 || ferror(stdout)))
		rc = cli_error(cli, CRM_EFAIL, "write error: %s", strerror(errno));
	return rc ? rc : o->undelivered ? CRM_EFAIL : 0;
}

static int ar_dunning(struct cli *cli, int argc, char **argv)
{
	struct crm_dunning_opts o = {.mode = CRM_DUNNING_LIST};
	const char *customer = NULL, *sendmail = getenv("CRM_SENDMAIL");
	int c, rc, modes = 0;

	if (argc > 1 && !strcmp(argv[1], "history")) {
		cli->verb = "dunning history";
		return dunning_history(cli, argc - 1, argv + 1);
	}
	while ((c = cli_getopt(cli, argc, argv, "", dunning_options)) != -1) {
		switch (c) {
		case OPT_AS_OF: o.as_of = optarg; break;
		case OPT_DRY_RUN: o.dry_run = 1; break;
		case OPT_MBOX: o.mode = CRM_DUNNING_MBOX; modes++; break;
		case OPT_DIR: o.mode = CRM_DUNNING_DIR; o.dir = optarg; modes++; break;
		case OPT_SEND: o.mode = CRM_DUNNING_SEND; modes++; break;
		case OPT_TO: o.to = optarg; break;
		case OPT_CUSTOMER: customer = optarg; break;
		case 'h': return cli_usage(dunning_usage, 0);
		default: return cli_usage(dunning_usage, 1);
		}
	}
	if (optind != argc)
		return cli_usage(dunning_usage, 1);
	if (modes > 1)
		return cli_error(cli, CRM_EUSAGE, "--mbox, --dir and --send exclude each other");
	if (o.dir && !*o.dir)
		return cli_error(cli, CRM_EUSAGE, "--dir needs a directory");
	o.sendmail = sendmail && *sendmail ? sendmail : "sendmail -t -i";
	if (customer && (rc = cli_customer(cli, customer, &o.customer_id)))
		return rc;
	if ((rc = cli_store(cli)))
		return rc;
	return dunning_run(cli, &o);
}

const struct cmd ar_cmds[] = {
	{"receipt", ar_receipt, "record a receipt and settle invoices with it (or import them)"},
	{"apply", ar_apply, "settle open invoices with a customer's unapplied credit"},
	{"reverse", ar_reverse, "reverse a receipt or refund (a bounced payment)"},
	{"writeoff", ar_writeoff, "write off what is left open on an invoice"},
	{"refund", ar_refund, "pay a customer's unapplied credit back"},
	{"receipts", ar_receipts, "list receipts and refunds, or their totals by method, clerk, month"},
	{"open", ar_open, "open invoices and unapplied credit, item by item"},
	{"aging", ar_aging, "who owes what and for how long, as of any day"},
	{"statement", ar_statement, "a customer's account: opening balance, movements, running balance"},
	{"dunning", ar_dunning, "send overdue customers the letter of the level they reached"},
	{"credit", ar_credit, "customers over their credit limit"},
	{"concentration", ar_concentration, "each customer's share of receivables, the 80/20 line"},
	{NULL, NULL, NULL},
};
