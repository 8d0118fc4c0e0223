/* ar.c — crm ar: receipts and their settlement, refunds, reversals and
 * write-offs, ageing, open items, statements, dunning, credit control. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ar.h"
#include "ar_dunning.h"
#include "ar_parts.h"
#include "cmd.h"
#include "invoice.h"

enum { OPT_DATE = 0x100, OPT_METHOD, OPT_REF, OPT_CLERK, OPT_NOTE, OPT_APPLY, OPT_REASON,
       OPT_FORCE, OPT_CUSTOMER, OPT_FROM, OPT_TO, OPT_KIND, OPT_BY, OPT_STATUS,
       OPT_INPUT_FORMAT, OPT_DRY_RUN, OPT_SKIP, OPT_UNAPPLIED };

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
