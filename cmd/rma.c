/* rma.c — crm rma: open, the transitions (receive ... close, reject,
 * cancel), status, list, show, stats. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "rma.h"
#include "text.h"

enum { OPT_PRODUCT = 0x100, OPT_SERIAL, OPT_PURCHASED, OPT_INVOICE, OPT_FAULT, OPT_ADVANCE,
       OPT_CHARGEABLE, OPT_QUOTE, OPT_CASE, OPT_TEXT, OPT_VENDOR, OPT_TRACKING, OPT_STATE,
       OPT_CUSTOMER, OPT_FROM, OPT_TO };

/* A required option was left out: says which, then the usage. */
static int missing(struct cli *cli, const char *const *usage, const char *option)
{
	cli_error(cli, CRM_EUSAGE, "%s is required", option);
	return cli_usage(usage, 1);
}

/* Opens the store and resolves an RMA key; prints the error itself. */
static int resolve_rma(struct cli *cli, const char *key, int64_t *id)
{
	struct crm_err err;
	int rc = cli_store(cli);

	if (rc == CRM_OK && (rc = crm_rma_find(cli->st, key, id, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return rc;
}

static int rma_open(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm rma open CUSTOMER --product SKU [--serial S] [--purchased DATE | --invoice INV]",
		"             [--fault TEXT] [--advance-replacement] [--chargeable | --quote QUOTE]",
		"             [--case CASE]",
		"Opens a return, checks the warranty and prints the RMA number.  Out of",
		"warranty needs --chargeable or --quote.", NULL};
	static const struct option opts[] = {
		{"product", required_argument, NULL, OPT_PRODUCT},
		{"serial", required_argument, NULL, OPT_SERIAL},
		{"purchased", required_argument, NULL, OPT_PURCHASED},
		{"invoice", required_argument, NULL, OPT_INVOICE},
		{"fault", required_argument, NULL, OPT_FAULT},
		{"advance-replacement", no_argument, NULL, OPT_ADVANCE},
		{"chargeable", no_argument, NULL, OPT_CHARGEABLE},
		{"quote", required_argument, NULL, OPT_QUOTE},
		{"case", required_argument, NULL, OPT_CASE},
		{NULL, 0, NULL, 0},
	};
	struct crm_rma_input in = {0};
	struct crm_err err;
	char number[65];
	int64_t customer;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_PRODUCT: in.product = optarg; break;
		case OPT_SERIAL: in.serial = optarg; break;
		case OPT_PURCHASED: in.purchased = optarg; break;
		case OPT_INVOICE: in.invoice = optarg; break;
		case OPT_FAULT: in.fault = optarg; break;
		case OPT_ADVANCE: in.advance = 1; break;
		case OPT_CHARGEABLE: in.chargeable = 1; break;
		case OPT_QUOTE: in.quote = optarg; break;
		case OPT_CASE: in.case_key = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	if (!in.product)
		return missing(cli, usage, "--product");
	if (in.purchased && in.invoice) {
		cli_error(cli, CRM_EUSAGE, "--purchased and --invoice exclude each other");
		return cli_usage(usage, 1);
	}
	if (in.chargeable && in.quote) {
		cli_error(cli, CRM_EUSAGE, "--chargeable and --quote exclude each other");
		return cli_usage(usage, 1);
	}
	if ((rc = cli_customer(cli, argv[optind], &customer)))
		return rc;
	if ((rc = crm_rma_open(cli->st, customer, &in, number, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	printf("%s\n", number);
	return 0;
}

/* A transition verb: KEY and the options in opts (OPT_TEXT under its own
 * name, OPT_VENDOR, OPT_TRACKING); required names an option that must be
 * given (NULL: none). */
static int step(struct cli *cli, int argc, char **argv, const char *const *usage,
		const char *verb, const struct option *opts, const char *required)
{
	struct crm_rma_step in = {0};
	struct crm_err err;
	int64_t id;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_TEXT: in.text = optarg; break;
		case OPT_VENDOR: in.vendor = optarg; break;
		case OPT_TRACKING: in.tracking = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	if (required && !in.text)
		return missing(cli, usage, required);
	if ((rc = resolve_rma(cli, argv[optind], &id)))
		return rc;
	if ((rc = crm_rma_step(cli->st, id, verb, &in, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

#define TEXT_OPTION(name) {name, required_argument, NULL, OPT_TEXT}
#define END_OPTIONS {NULL, 0, NULL, 0}

static int rma_receive(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm rma receive KEY [--condition TEXT]",
		"The unit arrived (opened → received; for an advance replacement also from",
		"shipped or confirmed); notes its condition.", NULL};
	static const struct option opts[] = {TEXT_OPTION("condition"), END_OPTIONS};

	return step(cli, argc, argv, usage, "receive", opts, NULL);
}

static int rma_diagnose(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm rma diagnose KEY [--finding TEXT]",
		"The unit was checked (received → diagnosed); notes what was found.", NULL};
	static const struct option opts[] = {TEXT_OPTION("finding"), END_OPTIONS};

	return step(cli, argc, argv, usage, "diagnose", opts, NULL);
}

static int rma_repair(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm rma repair KEY [--vendor NAME] [--note TEXT]",
		"Starts the repair (diagnosed → repairing): in-house, or at the vendor NAME",
		"(then vendor-ship and vendor-return).", NULL};
	static const struct option opts[] = {
		{"vendor", required_argument, NULL, OPT_VENDOR}, TEXT_OPTION("note"), END_OPTIONS};

	return step(cli, argc, argv, usage, "repair", opts, NULL);
}

static int rma_repaired(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm rma repaired KEY [--note TEXT]",
		"An in-house repair is done (repairing → repaired).", NULL};
	static const struct option opts[] = {TEXT_OPTION("note"), END_OPTIONS};

	return step(cli, argc, argv, usage, "repaired", opts, NULL);
}

static int rma_vendor_ship(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm rma vendor-ship KEY [--tracking T]",
		"The unit went to the vendor (repairing → at_vendor).", NULL};
	static const struct option opts[] = {
		{"tracking", required_argument, NULL, OPT_TRACKING}, END_OPTIONS};

	return step(cli, argc, argv, usage, "vendor-ship", opts, NULL);
}

static int rma_vendor_return(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm rma vendor-return KEY [--note TEXT]",
		"The unit came back repaired from the vendor (at_vendor → repaired).", NULL};
	static const struct option opts[] = {TEXT_OPTION("note"), END_OPTIONS};

	return step(cli, argc, argv, usage, "vendor-return", opts, NULL);
}

static int rma_ship(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm rma ship KEY [--tracking T]",
		"Ships the unit back (diagnosed or repaired → shipped), or for an advance",
		"replacement ships the replacement first (opened → shipped).", NULL};
	static const struct option opts[] = {
		{"tracking", required_argument, NULL, OPT_TRACKING}, END_OPTIONS};

	return step(cli, argc, argv, usage, "ship", opts, NULL);
}

static int rma_confirm(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm rma confirm KEY [--note TEXT]",
		"The customer confirmed the unit works (shipped → confirmed).", NULL};
	static const struct option opts[] = {TEXT_OPTION("note"), END_OPTIONS};

	return step(cli, argc, argv, usage, "confirm", opts, NULL);
}

static int rma_close(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm rma close KEY [--note TEXT]",
		"Closes a confirmed RMA (an advance replacement once the faulty unit is back).",
		NULL};
	static const struct option opts[] = {TEXT_OPTION("note"), END_OPTIONS};

	return step(cli, argc, argv, usage, "close", opts, NULL);
}

static int rma_reject(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm rma reject KEY --reason TEXT",
		"Rejects an open RMA, saying why.", NULL};
	static const struct option opts[] = {TEXT_OPTION("reason"), END_OPTIONS};

	return step(cli, argc, argv, usage, "reject", opts, "--reason");
}

static int rma_cancel(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm rma cancel KEY --reason TEXT",
		"Cancels an open RMA, saying why.", NULL};
	static const struct option opts[] = {TEXT_OPTION("reason"), END_OPTIONS};

	return step(cli, argc, argv, usage, "cancel", opts, "--reason");
}

static int rma_status(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm rma status KEY",
		"Prints a few lines for the customer: where the unit is, since when, what",
		"comes next, the tracking number.", NULL};
	struct crm_buf text = {0};
	struct crm_err err;
	int64_t id;
	int rc = cli_args(cli, argc, argv, usage, 1);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = resolve_rma(cli, argv[optind], &id)))
		return rc;
	if ((rc = crm_rma_status(cli->st, id, &text, &err)) != CRM_OK)
		rc = cli_fail(cli, rc, &err);
	else if (text.data)
		fputs(text.data, stdout);
	free(text.data);
	return rc;
}

static int rma_list(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm rma list [--state open|all|STATE] [--customer KEY]",
		"Lists RMAs (open ones unless --state says otherwise), late ones first.", NULL};
	static const struct option opts[] = {
		{"state", required_argument, NULL, OPT_STATE},
		{"customer", required_argument, NULL, OPT_CUSTOMER},
		END_OPTIONS,
	};
	struct crm_rma_filter f = {0};
	const char *customer = NULL;
	struct crm_out *out;
	struct crm_err err;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_STATE: f.state = optarg; break;
		case OPT_CUSTOMER: customer = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	if (customer && (rc = cli_customer(cli, customer, &f.customer_id)))
		return rc;
	if ((rc = cli_store(cli)) ||
	    (rc = cli_out_open(cli, &out, crm_rma_columns, crm_rma_ncolumns,
			       CRM_RMA_TABLE_COLUMNS)))
		return rc;
	if ((rc = crm_rma_list(cli->st, &f, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

static int rma_show(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm rma show KEY",
		"Shows an RMA (KEY: its number or id) with every state it entered.", NULL};
	struct crm_rec *rec;
	struct crm_err err;
	int64_t id;
	int rc = cli_args(cli, argc, argv, usage, 1);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = resolve_rma(cli, argv[optind], &id)))
		return rc;
	rec = crm_rec_new();
	rc = crm_rma_show(cli->st, id, rec, &err);
	return cli_show_record(cli, rec, rc, &err);
}

static int rma_stats(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm rma stats [--from DATE] [--to DATE]",
		"Turnaround per stage (median days), warranty share and repeat failures by",
		"product and serial, of the RMAs opened from DATE to DATE.", NULL};
	static const struct option opts[] = {
		{"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO},
		END_OPTIONS,
	};
	const char *from = NULL, *to = NULL;
	struct crm_out *out;
	struct crm_err err;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_FROM: from = optarg; break;
		case OPT_TO: to = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	if ((rc = cli_store(cli)) ||
	    (rc = cli_out_open(cli, &out, crm_rma_stats_columns, crm_rma_stats_ncolumns, NULL)))
		return rc;
	if ((rc = crm_rma_stats(cli->st, from, to, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

const struct cmd rma_cmds[] = {
	{"open", rma_open, "open a return and check the warranty"},
	{"receive", rma_receive, "the unit arrived"},
	{"diagnose", rma_diagnose, "the unit was checked"},
	{"repair", rma_repair, "start the repair, in-house or at a vendor"},
	{"repaired", rma_repaired, "an in-house repair is done"},
	{"vendor-ship", rma_vendor_ship, "the unit went to the vendor"},
	{"vendor-return", rma_vendor_return, "the unit came back from the vendor"},
	{"ship", rma_ship, "ship the unit back (or an advance replacement)"},
	{"confirm", rma_confirm, "the customer confirmed the unit works"},
	{"close", rma_close, "close a confirmed RMA"},
	{"reject", rma_reject, "reject an RMA"},
	{"cancel", rma_cancel, "cancel an RMA"},
	{"status", rma_status, "a short text for the customer"},
	{"list", rma_list, "list RMAs, late ones first"},
	{"show", rma_show, "show an RMA with its history"},
	{"stats", rma_stats, "turnaround, warranty share, repeat failures"},
	{NULL, NULL, NULL},
};
