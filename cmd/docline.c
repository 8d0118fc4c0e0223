/* docline.c — crm quote line and crm order line (and later invoice line):
 * the line verbs every document group shares, add, edit and rm, over
 * lib/doc.c.  Only the group's name and its document's noun differ. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "doc.h"

enum { OPT_PRODUCT = 0x200, OPT_TEXT, OPT_QTY, OPT_PRICE, OPT_DISCOUNT, OPT_TAX_RATE,
       OPT_DESCRIPTION };

/* The usage texts of one group, G its name and D its argument. */
#define LINE_USAGES(G, D)                                                                     \
	{"crm " G " line add " D " (--product SKU | --text TEXT) --qty Q [--price P]",       \
	 "                   [--discount PCT] [--tax-rate R] [--description TEXT]",          \
	 "Adds a line to a draft " G " and prints its position.  Without --price a",         \
	 "product line takes the customer's last price for it, else the product's.", NULL},  \
	{"crm " G " line edit " D " POS [--qty Q] [--price P] [--discount PCT]",              \
	 "                    [--tax-rate R] [--description TEXT]",                          \
	 "Changes a line of a draft " G "; its amounts and the totals follow.", NULL},        \
	{"crm " G " line rm " D " POS",                                                       \
	 "Removes a line of a draft " G "; the lines after it move up (1..n).", NULL},        \
	{"crm " G " line add|edit|rm " D " ...",                                              \
	 "   add    " D " (--product SKU | --text TEXT) --qty Q [--price P] ...",            \
	 "   edit   " D " POS [--qty Q] [--price P] [--discount PCT] ...",                   \
	 "   rm     " D " POS", NULL}

static const struct line_group {
	const char *kind;
	const char *const usage[4][6]; /* add, edit, rm, the group of verbs */
} groups[] = {
	{"quote", {LINE_USAGES("quote", "QUOTE")}},
	{"order", {LINE_USAGES("order", "ORDER")}},
	{"invoice", {LINE_USAGES("invoice", "INVOICE")}},
};

enum { USAGE_ADD, USAGE_EDIT, USAGE_RM, USAGE_LINE };

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

/* Opens the store and resolves the document key; prints the error itself. */
static int resolve(struct cli *cli, const struct line_group *g, const char *key, int64_t *id)
{
	struct crm_err err;
	int rc = cli_store(cli);

	if (rc == CRM_OK && (rc = crm_doc_find(cli->st, g->kind, key, id, &err)) != CRM_OK)
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

static int line_add(struct cli *cli, int argc, char **argv, const struct line_group *g)
{
	const char *const *usage = g->usage[USAGE_ADD];
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
	if ((rc = resolve(cli, g, argv[optind], &id)))
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

static int line_edit(struct cli *cli, int argc, char **argv, const struct line_group *g)
{
	const char *const *usage = g->usage[USAGE_EDIT];
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
	if ((rc = resolve(cli, g, argv[optind], &id)))
		return rc;
	if ((rc = crm_doc_line_edit(cli->st, id, pos, &in, &err)) != CRM_OK)
		return failed(cli, rc, &err, usage);
	return 0;
}

static int line_rm(struct cli *cli, int argc, char **argv, const struct line_group *g)
{
	const char *const *usage = g->usage[USAGE_RM];
	struct crm_err err;
	int64_t id;
	int pos, rc = cli_args(cli, argc, argv, usage, 2);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = parse_pos(cli, argv[optind + 1], &pos)))
		return rc;
	if ((rc = resolve(cli, g, argv[optind], &id)))
		return rc;
	if ((rc = crm_doc_line_rm(cli->st, id, pos, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

static const struct {
	const char *name;
	int (*run)(struct cli *, int, char **, const struct line_group *);
} line_verbs[] = {
	{"add", line_add},
	{"edit", line_edit},
	{"rm", line_rm},
};

int cli_doc_line(struct cli *cli, int argc, char **argv, const char *kind)
{
	static char verb[32], prog[64];
	const struct line_group *g = NULL;
	size_t i;

	for (i = 0; i < sizeof groups / sizeof *groups; i++)
		if (!strcmp(groups[i].kind, kind))
			g = &groups[i];
	if (!g)
		return cli_error(cli, CRM_EFAIL, "no line verbs for %s", kind);
	if (argc < 2)
		return cli_usage(g->usage[USAGE_LINE], 1);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		return cli_usage(g->usage[USAGE_LINE], 0);
	for (i = 0; i < sizeof line_verbs / sizeof *line_verbs; i++)
		if (!strcmp(line_verbs[i].name, argv[1]))
			break;
	if (i == sizeof line_verbs / sizeof *line_verbs) {
		cli_error(cli, CRM_EUSAGE, "unknown verb '%s'; see 'crm %s line --help'", argv[1],
			  kind);
		return CRM_EUSAGE;
	}
	/* messages read "crm: quote line add: ..." */
	snprintf(verb, sizeof verb, "line %s", line_verbs[i].name);
	snprintf(prog, sizeof prog, "crm: %s %s", kind, verb);
	cli->verb = verb;
	argv[1] = prog;
	optind = 0;
	return line_verbs[i].run(cli, argc - 1, argv + 1, g);
}
