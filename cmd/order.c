/* order.c — crm order: new, line add|edit|rm, confirm, cancel, list, show. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "doc.h"
#include "order.h"

enum { OPT_PROMISED = 0x100, OPT_NOTE, OPT_FORCE, OPT_REASON, OPT_CUSTOMER, OPT_STATUS };

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

/* ---- line add | edit | rm: cmd/docline.c ---- */

static int order_line(struct cli *cli, int argc, char **argv)
{
	return cli_doc_line(cli, argc, argv, "order");
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
