/* product.c — crm product: add, list, show, edit, archive, import, export
 * and prices (what an item was quoted and sold at). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "product.h"

enum { OPT_SKU = 0x100, OPT_NAME, OPT_PRICE, OPT_COST, OPT_UNIT, OPT_TAX_RATE, OPT_NOTE,
       OPT_ALL, OPT_ARCHIVED, OPT_SEARCH, OPT_UNDO, OPT_FROM, OPT_INPUT_FORMAT, OPT_UPDATE,
       OPT_DRY_RUN, OPT_CUSTOMER, OPT_LIMIT, OPT_WARRANTY };

static const struct option product_options[] = {
	{"sku", required_argument, NULL, OPT_SKU},
	{"name", required_argument, NULL, OPT_NAME},
	{"price", required_argument, NULL, OPT_PRICE},
	{"cost", required_argument, NULL, OPT_COST},
	{"unit", required_argument, NULL, OPT_UNIT},
	{"tax-rate", required_argument, NULL, OPT_TAX_RATE},
	{"note", required_argument, NULL, OPT_NOTE},
	{"warranty", required_argument, NULL, OPT_WARRANTY},
	{NULL, 0, NULL, 0},
};

/* Reads the options add and edit share.  0 to go on, CLI_DONE after
 * --help, or an exit code. */
static int parse_product(struct cli *cli, int argc, char **argv, const char *const *usage,
			 struct crm_product_input *in)
{
	int c;

	memset(in, 0, sizeof *in);
	while ((c = cli_getopt(cli, argc, argv, "", product_options)) != -1) {
		switch (c) {
		case OPT_SKU: in->sku = optarg; break;
		case OPT_NAME: in->name = optarg; break;
		case OPT_PRICE: in->price = optarg; break;
		case OPT_COST: in->cost = optarg; break;
		case OPT_UNIT: in->unit = optarg; break;
		case OPT_TAX_RATE: in->tax_rate = optarg; break;
		case OPT_NOTE: in->note = optarg; break;
		case OPT_WARRANTY: in->warranty = optarg; break;
		case 'h': cli_usage(usage, 0); return CLI_DONE;
		default: return cli_usage(usage, 1);
		}
	}
	return 0;
}

/* Opens the store and resolves a product key; prints the error itself. */
static int resolve_product(struct cli *cli, const char *key, int64_t *id)
{
	struct crm_err err;
	int rc = cli_store(cli);

	if (rc == CRM_OK && (rc = crm_product_find(cli->st, key, id, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return rc;
}

static int product_add(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm product add SKU NAME --price P [--cost C] [--unit U] [--tax-rate R]",
		"                [--note TEXT] [--warranty MONTHS]",
		"Adds a product.  SKU: 1-64 characters without spaces; unit: pcs unless given;",
		"tax rate: a percent with up to two decimals (19, 7.5), 0 unless given;",
		"warranty: months (0-1200), none unless given.", NULL};
	struct crm_product_input in;
	struct crm_err err;
	int rc = parse_product(cli, argc, argv, usage, &in);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if (argc - optind != 2 || in.sku || in.name)
		return cli_usage(usage, 1);
	if (!in.price) {
		cli_error(cli, CRM_EUSAGE, "--price is required");
		return cli_usage(usage, 1);
	}
	in.sku = argv[optind];
	in.name = argv[optind + 1];
	if ((rc = cli_store(cli)))
		return rc;
	if ((rc = crm_product_add(cli->st, &in, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

static int product_list(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm product list [--all | --archived] [--search TEXT]",
		"Lists products by SKU (archived ones only with --all or --archived); --search",
		"keeps those whose SKU or name contains TEXT, ignoring case and accents.", NULL};
	static const struct option opts[] = {
		{"all", no_argument, NULL, OPT_ALL},
		{"archived", no_argument, NULL, OPT_ARCHIVED},
		{"search", required_argument, NULL, OPT_SEARCH},
		{NULL, 0, NULL, 0},
	};
	struct crm_product_filter f = {0, NULL};
	int all = 0, archived = 0, c, rc;
	struct crm_out *out;
	struct crm_err err;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_ALL: all = 1; break;
		case OPT_ARCHIVED: archived = 1; break;
		case OPT_SEARCH: f.search = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	if (all && archived) {
		cli_error(cli, CRM_EUSAGE, "--all and --archived exclude each other");
		return cli_usage(usage, 1);
	}
	f.archived = all ? 2 : archived;
	if ((rc = cli_store(cli)) ||
	    (rc = cli_out_open(cli, &out, crm_product_columns, crm_product_ncolumns,
			       CRM_PRODUCT_TABLE_COLUMNS)))
		return rc;
	if ((rc = crm_product_list(cli->st, &f, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

static int product_show(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm product show SKU",
		"Shows a product (SKU, or its id) with the ten most recent document lines",
		"it is on.", NULL};
	struct crm_rec *rec;
	struct crm_err err;
	int64_t id;
	int rc = cli_args(cli, argc, argv, usage, 1);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = resolve_product(cli, argv[optind], &id)))
		return rc;
	rec = crm_rec_new();
	rc = crm_product_show(cli->st, id, rec, &err);
	return cli_show_record(cli, rec, rc, &err);
}

static int product_edit(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm product edit SKU [--sku NEW] [--name N] [--price P] [--cost C|'']",
		"                     [--unit U] [--tax-rate R] [--note TEXT|''] [--warranty M|'']",
		"Changes the given fields; '' clears the cost, the note or the warranty.  A new SKU must be",
		"free.  Document lines keep the values they were written with.", NULL};
	struct crm_product_input in;
	struct crm_err err;
	int64_t id;
	int rc = parse_product(cli, argc, argv, usage, &in);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	if ((rc = resolve_product(cli, argv[optind], &id)))
		return rc;
	if ((rc = crm_product_edit(cli->st, id, &in, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

static int product_archive(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm product archive SKU [--undo]",
		"Archives a product: it leaves the list and stays on every document.  --undo",
		"brings it back.", NULL};
	static const struct option opts[] = {
		{"undo", no_argument, NULL, OPT_UNDO},
		{NULL, 0, NULL, 0},
	};
	struct crm_err err;
	int64_t id;
	int undo = 0, c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		if (c == OPT_UNDO)
			undo = 1;
		else
			return cli_usage(usage, c != 'h');
	}
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	if ((rc = resolve_product(cli, argv[optind], &id)))
		return rc;
	if ((rc = crm_product_archive(cli->st, id, undo, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

static int product_import(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm product import [--from FILE|-] [--format csv|json|ndjson] [--update]",
		"                   [--dry-run]",
		"Imports products, all or nothing: a bad row aborts the whole import and names",
		"its line and column.  Columns are named as in 'crm product export'.",
		"--update changes products whose SKU exists; --dry-run checks and writes nothing.",
		NULL};
	static const struct option opts[] = {{"from", required_argument, NULL, OPT_FROM},
					     {"format", required_argument, NULL, OPT_INPUT_FORMAT},
					     {"update", no_argument, NULL, OPT_UPDATE},
					     {"dry-run", no_argument, NULL, OPT_DRY_RUN},
					     {NULL, 0, NULL, 0}};
	const char *from = "-", *format = NULL;
	struct crm_import_stats stats;
	struct crm_reader *r;
	struct crm_err err;
	FILE *fp = stdin;
	int c, rc, flags = 0;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_FROM: from = optarg; break;
		case OPT_INPUT_FORMAT: format = optarg; break;
		case OPT_UPDATE: flags |= CRM_IMPORT_UPDATE; break;
		case OPT_DRY_RUN: flags |= CRM_IMPORT_DRY_RUN; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	if ((rc = cli_import_open(cli, from, format, &r, &fp)))
		return rc;
	rc = crm_product_import(cli->st, r, flags, &stats, &err);
	cli_import_close(r, fp);
	if (rc != CRM_OK)
		return cli_fail(cli, rc, &err);
	cli_note(cli, "%s %ld product%s: %ld added, %ld updated",
		 flags & CRM_IMPORT_DRY_RUN ? "dry run: would import" : "imported",
		 stats.rows, stats.rows == 1 ? "" : "s", stats.added,
		 stats.updated);
	return 0;
}

static int product_export(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm product export [--format csv|tsv|json|ndjson]",
		"Writes every product, archived ones too, in the form 'crm product import'",
		"reads back (csv unless --format).", NULL};

	return cli_export(cli, argc, argv, usage, crm_product_export);
}

static int product_prices(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm product prices SKU [--customer KEY] [--limit N]",
		"Every line of the product on a quote, order, invoice or credit note, newest",
		"first: the price, discount and net price per unit it went for.", NULL};
	static const struct option opts[] = {
		{"customer", required_argument, NULL, OPT_CUSTOMER},
		{"limit", required_argument, NULL, OPT_LIMIT},
		{NULL, 0, NULL, 0},
	};
	const char *customer = NULL;
	int64_t id, customer_id = 0;
	struct crm_out *out;
	struct crm_err err;
	long limit = 0;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_CUSTOMER: customer = optarg; break;
		case OPT_LIMIT:
			if ((rc = cli_count(cli, "--limit", optarg, 1, &limit)))
				return rc;
			break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	if ((rc = resolve_product(cli, argv[optind], &id)) ||
	    (customer && (rc = cli_customer(cli, customer, &customer_id))))
		return rc;
	if ((rc = cli_out_open(cli, &out, crm_product_price_columns, crm_product_price_ncolumns,
			       NULL)))
		return rc;
	if ((rc = crm_product_prices(cli->st, id, customer_id, limit, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

const struct cmd product_cmds[] = {
	{"add", product_add, "add a product"},
	{"list", product_list, "list products"},
	{"show", product_show, "show a product with its recent prices"},
	{"edit", product_edit, "change a product"},
	{"archive", product_archive, "archive a product (--undo brings it back)"},
	{"import", product_import, "import products from csv, json or ndjson, all or nothing"},
	{"export", product_export, "export every product for import elsewhere"},
	{"prices", product_prices, "every price the product was quoted and sold at"},
	{NULL, NULL, NULL},
};
