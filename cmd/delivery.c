/* delivery.c — crm delivery: new, list, show. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "delivery.h"
#include "doc.h"

enum { OPT_LINE = 0x100, OPT_DATE, OPT_TRACKING, OPT_NOTE, OPT_ORDER, OPT_CUSTOMER };

/* Opens the store and resolves an order key; prints the error itself. */
static int resolve_order(struct cli *cli, const char *key, int64_t *id)
{
	struct crm_err err;
	int rc = cli_store(cli);

	if (rc == CRM_OK && (rc = crm_doc_find(cli->st, "order", key, id, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return rc;
}

static int delivery_new(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm delivery new ORDER [--line POS=QTY ...] [--date DATE] [--tracking T]",
		"                       [--note TEXT]",
		"Ships every open quantity of a confirmed order, or only QTY of its line POS",
		"for each --line, and prints the delivery's number (series.delivery).  What is",
		"not shipped stays on backorder.", NULL};
	static const struct option opts[] = {
		{"line", required_argument, NULL, OPT_LINE},
		{"date", required_argument, NULL, OPT_DATE},
		{"tracking", required_argument, NULL, OPT_TRACKING},
		{"note", required_argument, NULL, OPT_NOTE},
		{NULL, 0, NULL, 0},
	};
	struct crm_delivery_input in = {0};
	struct cli_list lines = {0};
	struct crm_err err;
	char number[65];
	int64_t order;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_LINE: cli_list_push(&lines, optarg); break;
		case OPT_DATE: in.date = optarg; break;
		case OPT_TRACKING: in.tracking = optarg; break;
		case OPT_NOTE: in.note = optarg; break;
		default: free(lines.items); return cli_usage(usage, c != 'h');
		}
	}
	in.lines = lines.items;
	in.nlines = lines.n;
	if (argc - optind != 1)
		rc = cli_usage(usage, 1);
	else if ((rc = resolve_order(cli, argv[optind], &order)) == CRM_OK &&
		 (rc = crm_delivery_new(cli->st, order, &in, NULL, number, &err)) != CRM_OK)
		rc = cli_fail(cli, rc, &err);
	else if (rc == CRM_OK)
		printf("%s\n", number);
	free(lines.items);
	return rc;
}

static int delivery_list(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm delivery list [--order ORDER] [--customer KEY]",
		"Lists deliveries, oldest first.", NULL};
	static const struct option opts[] = {
		{"order", required_argument, NULL, OPT_ORDER},
		{"customer", required_argument, NULL, OPT_CUSTOMER},
		{NULL, 0, NULL, 0},
	};
	struct crm_delivery_filter f = {0};
	const char *order = NULL, *customer = NULL;
	struct crm_out *out;
	struct crm_err err;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_ORDER: order = optarg; break;
		case OPT_CUSTOMER: customer = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	if (order && (rc = resolve_order(cli, order, &f.order_id)))
		return rc;
	if (customer && (rc = cli_customer(cli, customer, &f.customer_id)))
		return rc;
	if ((rc = cli_store(cli)) ||
	    (rc = cli_out_open(cli, &out, crm_delivery_columns, crm_delivery_ncolumns,
			       CRM_DELIVERY_TABLE_COLUMNS)))
		return rc;
	if ((rc = crm_delivery_list(cli->st, &f, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

static int delivery_show(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm delivery show DELIVERY",
		"Shows a delivery (its number or id): its order, customer, date, address,",
		"tracking, note, and the lines it shipped.", NULL};
	struct crm_rec *rec;
	struct crm_err err;
	int64_t id;
	int rc = cli_args(cli, argc, argv, usage, 1);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = cli_store(cli)))
		return rc;
	if ((rc = crm_delivery_find(cli->st, argv[optind], &id, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	rec = crm_rec_new();
	rc = crm_delivery_show(cli->st, id, rec, &err);
	return cli_show_record(cli, rec, rc, &err);
}

static int delivery_print(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm delivery print DELIVERY [--format text|html|pdf] [--template FILE] "
		"[--output FILE]",
		"Prints a delivery note from its template (crm-templates(5)): plain text, HTML,",
		"or PDF through weasyprint; on standard output unless --output.", NULL};
	static const struct cli_document delivery = {"delivery", crm_delivery_find,
						     crm_delivery_show};

	return cli_print(cli, argc, argv, usage, &delivery);
}

const struct cmd delivery_cmds[] = {
	{"new", delivery_new, "ship an order's open quantities, or some of them"},
	{"list", delivery_list, "list deliveries"},
	{"show", delivery_show, "show a delivery and the lines it shipped"},
	{"print", delivery_print, "print a delivery note as text, HTML or PDF"},
	{NULL, NULL, NULL},
};
