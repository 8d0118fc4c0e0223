/* order.c — crm order: new, line add|edit|rm, confirm, cancel, list, show. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "doc.h"
#include "order.h"

enum { OPT_PROMISED = 0x100, OPT_NOTE, OPT_FORCE, OPT_REASON, OPT_CUSTOMER, OPT_STATUS,
       OPT_PRODUCT, OPT_TEXT, OPT_QTY, OPT_PRICE, OPT_DISCOUNT, OPT_TAX_RATE,
       OPT_DESCRIPTION };

/* Opens the store and resolves an order key (number or id); prints the
 * error itself. */
static int resolve_order(struct cli *cli, const char *key, int64_t *id)
{
	struct crm_err err;
	int rc = cli_store(cli);

	if (rc == CRM_OK && (rc = crm_doc_find(cli->st, "order", key, id, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return rc;
}

static int order_new(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm order new CUSTOMER [--promised DATE] [--note TEXT]",
		"Makes a draft order for CUSTOMER (shipped to its address) and prints its",
		"number (series.order).  Add lines with 'crm order line add', then confirm it.",
		NULL};
	static const struct option opts[] = {
		{"promised", required_argument, NULL, OPT_PROMISED},
		{"note", required_argument, NULL, OPT_NOTE},
		{NULL, 0, NULL, 0},
	};
	struct crm_doc_input in = {0};
	struct crm_err err;
	char number[65];
	int64_t customer, id;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_PROMISED: in.promised = optarg; break;
		case OPT_NOTE: in.note = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	if ((rc = cli_customer(cli, argv[optind], &customer)))
		return rc;
	if ((rc = crm_doc_new(cli->st, "order", customer, &in, &id, number, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	printf("%s\n", number);
	return 0;
}

/* ---- line add | edit | rm: the same verbs as crm quote line ---- */

/* A lib failure; a usage error (nothing to change) shows the usage too. */
static int failed(struct cli *cli, int rc, const struct crm_err *err, const char *const *usage)
{
	cli_fail(cli, rc, err);
	if (rc == CRM_EUSAGE)
		cli_usage(usage, 1);
	return rc;
}

static const struct option line_options[] = {
	{"product", required_argument, NULL, OPT_PRODUCT},
	{"text", required_argument, NULL, OPT_TEXT},
	{"qty", required_argument, NULL, OPT_QTY},
	{"price", required_argument, NULL, OPT_PRICE},
	{"discount", required_argument, NULL, OPT_DISCOUNT},
	{"tax-rate", required_argument, NULL, OPT_TAX_RATE},
	{"description", required_argument, NULL, OPT_DESCRIPTION},
	{NULL, 0, NULL, 0},
};

/* Reads the line options.  0 to go on, CLI_DONE after --help, or an exit
 * code. */
static int parse_line(struct cli *cli, int argc, char **argv, const char *const *usage,
		      struct crm_line_input *in)
{
	int c;

	memset(in, 0, sizeof *in);
	while ((c = cli_getopt(cli, argc, argv, "", line_options)) != -1) {
		switch (c) {
		case OPT_PRODUCT: in->product = optarg; break;
		case OPT_TEXT: in->text = optarg; break;
		case OPT_QTY: in->qty = optarg; break;
		case OPT_PRICE: in->price = optarg; break;
		case OPT_DISCOUNT: in->discount = optarg; break;
		case OPT_TAX_RATE: in->tax_rate = optarg; break;
		case OPT_DESCRIPTION: in->description = optarg; break;
		case 'h': cli_usage(usage, 0); return CLI_DONE;
		default: return cli_usage(usage, 1);
		}
	}
	return 0;
}

static int line_add(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm order line add ORDER (--product SKU | --text TEXT) --qty Q [--price P]",
		"                   [--discount PCT] [--tax-rate R] [--description TEXT]",
		"Adds a line to a draft order and prints its position.  Without --price a",
		"product line takes the customer's last price for it, else the product's.",
		NULL};
	struct crm_line_input in;
	struct crm_price_hint hint;
	char money[CRM_MONEY_BUFSZ];
	struct crm_err err;
	int64_t id;
	int pos, rc = parse_line(cli, argc, argv, usage, &in);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	if (!in.product == !in.text) {
		cli_error(cli, CRM_EUSAGE, "give one of --product and --text");
		return cli_usage(usage, 1);
	}
	if (!in.qty) {
		cli_error(cli, CRM_EUSAGE, "--qty is required");
		return cli_usage(usage, 1);
	}
	if ((rc = resolve_order(cli, argv[optind], &id)))
		return rc;
	in.hint = &hint;
	if ((rc = crm_doc_line_add(cli->st, id, &in, &pos, &err)) != CRM_OK)
		return failed(cli, rc, &err, usage);
	if (hint.used)
		cli_note(cli, "last price for %s: %s (was %s on %s)", hint.customer,
			 crm_money_format(hint.price, cli->st->money_decimals, money), hint.number,
			 hint.date);
	printf("%d\n", pos);
	return 0;
}

/* Parses a line position argument. */
static int parse_pos(struct cli *cli, const char *s, int *pos)
{
	long n;
	int rc = cli_count(cli, "POS", s, 1, &n);

	if (rc == 0 && n > 1000000000L)
		rc = cli_error(cli, CRM_EUSAGE, "POS '%s' is not a count", s);
	*pos = (int)n;
	return rc;
}

static int line_edit(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm order line edit ORDER POS [--qty Q] [--price P] [--discount PCT]",
		"                    [--tax-rate R] [--description TEXT]",
		"Changes a line of a draft order; its amounts and the totals follow.", NULL};
	struct crm_line_input in;
	struct crm_err err;
	int64_t id;
	int pos, rc = parse_line(cli, argc, argv, usage, &in);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if (argc - optind != 2 || in.product || in.text)
		return cli_usage(usage, 1);
	if ((rc = parse_pos(cli, argv[optind + 1], &pos)))
		return rc;
	if ((rc = resolve_order(cli, argv[optind], &id)))
		return rc;
	if ((rc = crm_doc_line_edit(cli->st, id, pos, &in, &err)) != CRM_OK)
		return failed(cli, rc, &err, usage);
	return 0;
}

static int line_rm(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm order line rm ORDER POS",
		"Removes a line of a draft order; the lines after it move up (1..n).", NULL};
	struct crm_err err;
	int64_t id;
	int pos, rc = cli_args(cli, argc, argv, usage, 2);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = parse_pos(cli, argv[optind + 1], &pos)))
		return rc;
	if ((rc = resolve_order(cli, argv[optind], &id)))
		return rc;
	if ((rc = crm_doc_line_rm(cli->st, id, pos, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

static const struct cmd line_cmds[] = {
	{"add", line_add, "add a line"},
	{"edit", line_edit, "change a line"},
	{"rm", line_rm, "remove a line"},
	{NULL, NULL, NULL},
};

/* crm order line VERB ...: the second level of verbs. */
static int order_line(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm order line add|edit|rm ORDER ...",
		"   add    ORDER (--product SKU | --text TEXT) --qty Q [--price P] ...",
		"   edit   ORDER POS [--qty Q] [--price P] [--discount PCT] ...",
		"   rm     ORDER POS", NULL};
	static char verb[32], prog[64];
	const struct cmd *v;

	if (argc < 2)
		return cli_usage(usage, 1);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		return cli_usage(usage, 0);
	for (v = line_cmds; v->name && strcmp(v->name, argv[1]); v++)
		;
	if (!v->name) {
		cli_error(cli, CRM_EUSAGE, "unknown verb '%s'; see 'crm order line --help'",
			  argv[1]);
		return CRM_EUSAGE;
	}
	snprintf(verb, sizeof verb, "line %s", v->name);
	snprintf(prog, sizeof prog, "crm: order %s", verb);
	cli->verb = verb;
	argv[1] = prog;
	optind = 0;
	return v->run(cli, argc - 1, argv + 1);
}

/* ---- life cycle ---- */

static int order_confirm(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm order confirm ORDER [--force]",
		"Confirms a draft order.  Refused when the customer's exposure plus the order",
		"would pass its credit limit, unless --force (recorded in the audit log).",
		NULL};
	static const struct option opts[] = {
		{"force", no_argument, NULL, OPT_FORCE},
		{NULL, 0, NULL, 0},
	};
	struct crm_err err;
	int64_t id;
	int c, rc, force = 0, overridden;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		if (c == OPT_FORCE)
			force = 1;
		else
			return cli_usage(usage, c != 'h');
	}
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	if ((rc = resolve_order(cli, argv[optind], &id)))
		return rc;
	if ((rc = crm_order_confirm(cli->st, id, force, &overridden, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	if (overridden)
		cli_note(cli, "crm: order confirm: %s; confirmed with --force", err.msg);
	return 0;
}

static int order_cancel(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm order cancel ORDER [--reason TEXT]",
		"Cancels a draft order, or a confirmed one with nothing shipped or invoiced.",
		"The reason is added to the order's note.", NULL};
	static const struct option opts[] = {
		{"reason", required_argument, NULL, OPT_REASON},
		{NULL, 0, NULL, 0},
	};
	const char *reason = NULL;
	struct crm_err err;
	int64_t id;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		if (c == OPT_REASON)
			reason = optarg;
		else
			return cli_usage(usage, c != 'h');
	}
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	if ((rc = resolve_order(cli, argv[optind], &id)))
		return rc;
	if ((rc = crm_order_cancel(cli->st, id, reason, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

static int order_list(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm order list [--customer KEY] [--status draft|open|partial|shipped|cancelled|all]",
		"Lists orders (all of them unless --status says otherwise), oldest first.",
		"open: confirmed, nothing shipped; partial: some shipped; shipped: all shipped.",
		NULL};
	static const struct option opts[] = {
		{"customer", required_argument, NULL, OPT_CUSTOMER},
		{"status", required_argument, NULL, OPT_STATUS},
		{NULL, 0, NULL, 0},
	};
	struct crm_order_filter f = {0};
	const char *customer = NULL;
	struct crm_out *out;
	struct crm_err err;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_CUSTOMER: customer = optarg; break;
		case OPT_STATUS: f.status = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	if (customer && (rc = cli_customer(cli, customer, &f.customer_id)))
		return rc;
	if ((rc = cli_store(cli)) ||
	    (rc = cli_out_open(cli, &out, crm_order_columns, crm_order_ncolumns, NULL)))
		return rc;
	if ((rc = crm_order_list(cli->st, &f, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

static int order_show(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm order show ORDER",
		"Shows an order (its number or id): its fields and totals, its lines, what of",
		"each line is shipped, on backorder and invoiced, and its deliveries.", NULL};
	struct crm_rec *rec;
	struct crm_err err;
	int64_t id;
	int rc = cli_args(cli, argc, argv, usage, 1);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = resolve_order(cli, argv[optind], &id)))
		return rc;
	rec = crm_rec_new();
	rc = crm_order_show(cli->st, id, rec, &err);
	return cli_show_record(cli, rec, rc, &err);
}

const struct cmd order_cmds[] = {
	{"new", order_new, "make a draft order"},
	{"line", order_line, "add, change or remove a line of a draft order"},
	{"confirm", order_confirm, "confirm a draft order (credit limit checked)"},
	{"cancel", order_cancel, "cancel an order with nothing shipped"},
	{"list", order_list, "list orders"},
	{"show", order_show, "show an order with what is shipped and its deliveries"},
	{NULL, NULL, NULL},
};
