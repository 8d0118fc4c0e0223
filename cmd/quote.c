/* quote.c — crm quote: new, line add|edit|rm, list, show, send, accept,
 * reject, convert.  The rules and the arithmetic live in lib/doc.c. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "doc.h"

enum { OPT_VALID_UNTIL = 0x100, OPT_FROM, OPT_NOTE, OPT_CUSTOMER, OPT_STATUS, OPT_PROMISED };

/* Opens the store and resolves a quote key; prints the error itself. */
static int resolve_quote(struct cli *cli, const char *key, int64_t *id)
{
	struct crm_err err;
	int rc = cli_store(cli);

	if (rc == CRM_OK && (rc = crm_doc_find(cli->st, "quote", key, id, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
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

static int quote_line(struct cli *cli, int argc, char **argv)
{
	return cli_doc_line(cli, argc, argv, "quote");
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
