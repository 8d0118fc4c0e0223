/* quote.c — crm quote: new, line add|edit|rm, list, show, send, accept,
 * reject, convert.  The rules and the arithmetic live in lib/doc.c. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "doc.h"

enum { OPT_VALID_UNTIL = 0x100, OPT_FROM, OPT_NOTE, OPT_PRODUCT, OPT_TEXT, OPT_QTY,
       OPT_PRICE, OPT_DISCOUNT, OPT_TAX_RATE, OPT_DESCRIPTION, OPT_CUSTOMER, OPT_STATUS,
       OPT_PROMISED };

/* Opens the store and resolves a quote key; prints the error itself. */
static int resolve_quote(struct cli *cli, const char *key, int64_t *id)
{
	struct crm_err err;
	int rc = cli_store(cli);

	if (rc == CRM_OK && (rc = crm_doc_find(cli->st, "quote", key, id, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return rc;
}

/* A lib refusal: CRM_EUSAGE also shows the usage. */
static int failed(struct cli *cli, int rc, const struct crm_err *err, const char *const *usage)
{
	cli_fail(cli, rc, err);
	if (rc == CRM_EUSAGE)
		cli_usage(usage, 1);
	return rc;
}

static int quote_new(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm quote new CUSTOMER [--valid-until DATE] [--from QUOTE] [--note TEXT]",
		"Starts a draft quote and prints its number.  Default --valid-until: today",
		"plus quote.valid_days.  --from copies every line of an earlier quote, with",
		"the prices it had.", NULL};
	static const struct option opts[] = {
		{"valid-until", required_argument, NULL, OPT_VALID_UNTIL},
		{"from", required_argument, NULL, OPT_FROM},
		{"note", required_argument, NULL, OPT_NOTE},
		{NULL, 0, NULL, 0},
	};
	struct crm_doc_input in = {0};
	const char *from = NULL;
	struct crm_err err;
	char number[65];
	int64_t customer, id;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_VALID_UNTIL: in.valid_until = optarg; break;
		case OPT_FROM: from = optarg; break;
		case OPT_NOTE: in.note = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	if ((rc = cli_customer(cli, argv[optind], &customer)))
		return rc;
	if (from) {
		if ((rc = resolve_quote(cli, from, &in.copy_from)))
			return rc;
		in.source_id = in.copy_from;
	}
	if ((rc = crm_doc_new(cli->st, "quote", customer, &in, &id, number, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	printf("%s\n", number);
	return 0;
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
		"crm quote line add QUOTE (--product SKU | --text TEXT) --qty Q [--price P]",
		"                   [--discount PCT] [--tax-rate R] [--description TEXT]",
		"Adds a line to a draft quote and prints its position.  Without --price a",
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
	if ((rc = resolve_quote(cli, argv[optind], &id)))
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
		"crm quote line edit QUOTE POS [--qty Q] [--price P] [--discount PCT]",
		"                    [--tax-rate R] [--description TEXT]",
		"Changes a line of a draft quote; its amounts and the totals follow.", NULL};
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
	if ((rc = resolve_quote(cli, argv[optind], &id)))
		return rc;
	if ((rc = crm_doc_line_edit(cli->st, id, pos, &in, &err)) != CRM_OK)
		return failed(cli, rc, &err, usage);
	return 0;
}

static int line_rm(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm quote line rm QUOTE POS",
		"Removes a line of a draft quote; the lines after it move up (1..n).", NULL};
	struct crm_err err;
	int64_t id;
	int pos, rc = cli_args(cli, argc, argv, usage, 2);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = parse_pos(cli, argv[optind + 1], &pos)))
		return rc;
	if ((rc = resolve_quote(cli, argv[optind], &id)))
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

/* crm quote line VERB ...: the second level of verbs. */
static int quote_line(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm quote line add|edit|rm QUOTE ...",
		"   add    QUOTE (--product SKU | --text TEXT) --qty Q [--price P] ...",
		"   edit   QUOTE POS [--qty Q] [--price P] [--discount PCT] ...",
		"   rm     QUOTE POS", NULL};
	static char verb[32], prog[64];
	const struct cmd *v;

	if (argc < 2)
		return cli_usage(usage, 1);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		return cli_usage(usage, 0);
	for (v = line_cmds; v->name && strcmp(v->name, argv[1]); v++)
		;
	if (!v->name) {
		cli_error(cli, CRM_EUSAGE, "unknown verb '%s'; see 'crm quote line --help'",
			  argv[1]);
		return CRM_EUSAGE;
	}
	snprintf(verb, sizeof verb, "line %s", v->name);
	snprintf(prog, sizeof prog, "crm: quote %s", verb);
	cli->verb = verb;
	argv[1] = prog;
	optind = 0;
	return v->run(cli, argc - 1, argv + 1);
}

static int quote_list(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm quote list [--customer KEY]",
		"               [--status draft|sent|accepted|rejected|expired|open|all]",
		"Lists quotes (all unless --status says otherwise), oldest first.  open:",
		"draft or sent and not expired.", NULL};
	static const struct option opts[] = {
		{"customer", required_argument, NULL, OPT_CUSTOMER},
		{"status", required_argument, NULL, OPT_STATUS},
		{NULL, 0, NULL, 0},
	};
	struct crm_doc_filter f = {0};
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
	    (rc = cli_out_open(cli, &out, crm_doc_columns, crm_doc_ncolumns,
			       CRM_QUOTE_TABLE_COLUMNS)))
		return rc;
	if ((rc = crm_doc_list(cli->st, "quote", &f, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

static int quote_show(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm quote show QUOTE",
		"Shows a quote (its number or id): its fields, totals and lines.", NULL};
	struct crm_rec *rec;
	struct crm_err err;
	int64_t id;
	int rc = cli_args(cli, argc, argv, usage, 1);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = resolve_quote(cli, argv[optind], &id)))
		return rc;
	rec = crm_rec_new();
	rc = crm_doc_show(cli->st, id, rec, &err);
	return cli_show_record(cli, rec, rc, &err);
}

/* Runs a status change on the quote named by argv[optind]. */
static int change(struct cli *cli, int argc, char **argv, const char *const *usage,
		  int (*fn)(struct crm_store *, int64_t, struct crm_err *))
{
	struct crm_err err;
	int64_t id;
	int rc = cli_args(cli, argc, argv, usage, 1);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = resolve_quote(cli, argv[optind], &id)))
		return rc;
	if ((rc = fn(cli->st, id, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

static int quote_send(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm quote send QUOTE",
		"Marks a draft quote as sent to the customer (it must have lines and not",
		"have expired).", NULL};

	return change(cli, argc, argv, usage, crm_quote_send);
}

static int quote_accept(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm quote accept QUOTE",
		"Marks a sent quote as accepted (it must not have expired).", NULL};

	return change(cli, argc, argv, usage, crm_quote_accept);
}

static int quote_reject(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm quote reject QUOTE",
		"Marks a draft or sent quote as rejected.", NULL};

	return change(cli, argc, argv, usage, crm_quote_reject);
}

static int quote_convert(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm quote convert QUOTE [--promised DATE]",
		"Turns a sent or accepted quote into a draft order with the same lines and",
		"prints the order's number; a sent quote becomes accepted.", NULL};
	static const struct option opts[] = {
		{"promised", required_argument, NULL, OPT_PROMISED},
		{NULL, 0, NULL, 0},
	};
	const char *promised = NULL;
	struct crm_err err;
	char number[65];
	int64_t id, order;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_PROMISED: promised = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	if ((rc = resolve_quote(cli, argv[optind], &id)))
		return rc;
	if ((rc = crm_quote_convert(cli->st, id, promised, &order, number, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	printf("%s\n", number);
	return 0;
}

static int find_quote(struct crm_store *st, const char *key, int64_t *id, struct crm_err *err)
{
	return crm_doc_find(st, "quote", key, id, err);
}

static int quote_print(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm quote print QUOTE [--format text|html|pdf] [--template FILE] [--output FILE]",
		"Prints a quote from its template (crm-templates(5)): plain text, HTML, or PDF",
		"through weasyprint; on standard output unless --output.", NULL};
	static const struct cli_document quote = {"quote", find_quote, crm_doc_show};

	return cli_print(cli, argc, argv, usage, &quote);
}

const struct cmd quote_cmds[] = {
	{"new", quote_new, "start a quote for a customer"},
	{"line", quote_line, "add, change or remove a quote's lines"},
	{"list", quote_list, "list quotes"},
	{"show", quote_show, "show a quote with its lines and totals"},
	{"send", quote_send, "mark a quote as sent"},
	{"accept", quote_accept, "mark a sent quote as accepted"},
	{"reject", quote_reject, "mark a quote as rejected"},
	{"convert", quote_convert, "turn a quote into an order"},
	{"print", quote_print, "print a quote as text, HTML or PDF"},
	{NULL, NULL, NULL},
};
