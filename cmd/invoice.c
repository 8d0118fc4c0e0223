/* invoice.c — crm invoice: new, line add|edit|rm, issue, void, rm, credit,
 * list, show, print, import. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "delivery.h"
#include "doc.h"
#include "invoice.h"
#include "reader.h"

enum { OPT_ORDER = 0x100, OPT_DELIVERY, OPT_NOTE, OPT_DATE, OPT_FORCE, OPT_REASON, OPT_LINE,
       OPT_CUSTOMER, OPT_STATUS, OPT_KIND, OPT_FROM, OPT_INPUT_FORMAT, OPT_DRY_RUN };

/* Opens the store and resolves an invoice (or credit note, kind NULL) key;
 * prints the error itself. */
static int resolve(struct cli *cli, const char *kind, const char *key, int64_t *id)
{
	struct crm_err err;
	int rc = cli_store(cli);

	if (rc == CRM_OK && (rc = crm_invoice_find(cli->st, kind, key, id, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return rc;
}

static int invoice_new(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm invoice new (--order ORDER | --delivery DELIVERY | CUSTOMER) [--note TEXT]",
		"Makes a draft invoice and prints 'draft ID': of what the order shipped and has",
		"not invoiced, of what the delivery shipped and is not invoiced, or an empty one",
		"for CUSTOMER to add lines to.  Issue it with 'crm invoice issue'.", NULL};
	static const struct option opts[] = {
		{"order", required_argument, NULL, OPT_ORDER},
		{"delivery", required_argument, NULL, OPT_DELIVERY},
		{"note", required_argument, NULL, OPT_NOTE},
		{NULL, 0, NULL, 0},
	};
	const char *order = NULL, *delivery = NULL;
	struct crm_doc_input in = {0};
	struct crm_err err;
	char number[65];
	int64_t key_id, id;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_ORDER: order = optarg; break;
		case OPT_DELIVERY: delivery = optarg; break;
		case OPT_NOTE: in.note = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if ((order != NULL) + (delivery != NULL) + (argc - optind) != 1 || argc - optind > 1)
		return cli_usage(usage, 1);
	if ((rc = cli_store(cli)))
		return rc;
	if (order) {
		if ((rc = crm_doc_find(cli->st, "order", order, &key_id, &err)) == CRM_OK)
			rc = crm_invoice_new_order(cli->st, key_id, in.note, &id, &err);
	} else if (delivery) {
		if ((rc = crm_delivery_find(cli->st, delivery, &key_id, &err)) == CRM_OK)
			rc = crm_invoice_new_delivery(cli->st, key_id, in.note, &id, &err);
	} else {
		if ((rc = cli_customer(cli, argv[optind], &key_id)))
			return rc;
		rc = crm_doc_new(cli->st, "invoice", key_id, &in, &id, number, &err);
	}
	if (rc != CRM_OK)
		return cli_fail(cli, rc, &err);
	printf("draft %lld\n", (long long)id);
	return 0;
}

static int invoice_line(struct cli *cli, int argc, char **argv)
{
	return cli_doc_line(cli, argc, argv, "invoice");
}

static int invoice_issue(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm invoice issue INVOICE [--date DATE] [--force]",
		"Issues a draft invoice: the next number of series.invoice, the date (default",
		"today) and the due date from the customer's terms (else invoice.terms).",
		"Refused over the customer's credit limit unless --force (audited).", NULL};
	static const struct option opts[] = {
		{"date", required_argument, NULL, OPT_DATE},
		{"force", no_argument, NULL, OPT_FORCE},
		{NULL, 0, NULL, 0},
	};
	const char *date = NULL;
	struct crm_err err;
	char number[65];
	int64_t id;
	int c, rc, force = 0, overridden = 0;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_DATE: date = optarg; break;
		case OPT_FORCE: force = 1; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	if ((rc = resolve(cli, "invoice", argv[optind], &id)))
		return rc;
	if ((rc = crm_invoice_issue(cli->st, id, date, force, &overridden, number, &err)))
		return cli_fail(cli, rc, &err);
	if (overridden)
		cli_note(cli, "crm: invoice issue: %s; issued with --force", err.msg);
	printf("%s\n", number);
	return 0;
}

static int invoice_void(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm invoice void INVOICE --reason TEXT",
		"Voids an issued invoice that no credit note, receipt or write-off settles (or a",
		"credit note); it keeps its number.  The reason is added to its note.  A draft",
		"is removed with 'rm'.", NULL};
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
	if (!reason) {
		cli_error(cli, CRM_EUSAGE, "--reason is required");
		return cli_usage(usage, 1);
	}
	if ((rc = resolve(cli, NULL, argv[optind], &id)))
		return rc;
	if ((rc = crm_invoice_void(cli->st, id, reason, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

static int invoice_rm(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm invoice rm INVOICE",
		"Removes a draft invoice (it has no number yet).", NULL};
	struct crm_err err;
	int64_t id;
	int rc = cli_args(cli, argc, argv, usage, 1);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = resolve(cli, NULL, argv[optind], &id)))
		return rc;
	if ((rc = crm_invoice_rm(cli->st, id, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

static int invoice_credit(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm invoice credit INVOICE [--line POS=QTY ...] [--reason TEXT]",
		"Issues a credit note (series.credit) for everything on an issued invoice not",
		"credited yet, or QTY of its line POS for each --line, and prints its number.",
		NULL};
	static const struct option opts[] = {
		{"line", required_argument, NULL, OPT_LINE},
		{"reason", required_argument, NULL, OPT_REASON},
		{NULL, 0, NULL, 0},
	};
	struct cli_list lines = {0};
	const char *reason = NULL;
	struct crm_err err;
	char number[65];
	int64_t id, credit_id;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_LINE: cli_list_push(&lines, optarg); break;
		case OPT_REASON: reason = optarg; break;
		default: free(lines.items); return cli_usage(usage, c != 'h');
		}
	}
	if (argc - optind != 1)
		rc = cli_usage(usage, 1);
	else if ((rc = resolve(cli, "invoice", argv[optind], &id)) == CRM_OK &&
		 (rc = crm_invoice_credit(cli->st, id, lines.items, lines.n, reason, &credit_id,
					  number, &err)) != CRM_OK)
		rc = cli_fail(cli, rc, &err);
	else if (rc == CRM_OK)
		printf("%s\n", number);
	free(lines.items);
	return rc;
}

static int invoice_list(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm invoice list [--customer KEY] [--kind invoice|credit|all]",
		"                 [--status draft|issued|partly-paid|paid|overdue|open|void|all]",
		"Lists invoices and credit notes, oldest first, with what is open on each.",
		"paid: settled in full; partly-paid: settled in part; overdue: not paid and due",
		"before today; open: something left to pay; issued: every issued one.", NULL};
	static const struct option opts[] = {
		{"customer", required_argument, NULL, OPT_CUSTOMER},
		{"status", required_argument, NULL, OPT_STATUS},
		{"kind", required_argument, NULL, OPT_KIND},
		{NULL, 0, NULL, 0},
	};
	struct crm_invoice_filter f = {0};
	const char *customer = NULL;
	struct crm_out *out;
	struct crm_err err;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_CUSTOMER: customer = optarg; break;
		case OPT_STATUS: f.status = optarg; break;
		case OPT_KIND: f.kind = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	if (customer && (rc = cli_customer(cli, customer, &f.customer_id)))
		return rc;
	if ((rc = cli_store(cli)) ||
	    (rc = cli_out_open(cli, &out, crm_invoice_columns, crm_invoice_ncolumns, NULL)))
		return rc;
	if ((rc = crm_invoice_list(cli->st, &f, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

static int invoice_show(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm invoice show INVOICE",
		"Shows an invoice or credit note (its number or id): fields, totals, lines",
		"and, for an invoice, its credit notes, what is paid and open, and what settles",
		"it (receipts, credit notes, write-offs).", NULL};
	struct crm_rec *rec;
	struct crm_err err;
	int64_t id;
	int rc = cli_args(cli, argc, argv, usage, 1);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = resolve(cli, NULL, argv[optind], &id)))
		return rc;
	rec = crm_rec_new();
	rc = crm_invoice_show(cli->st, id, rec, &err);
	return cli_show_record(cli, rec, rc, &err);
}

/* An invoice or a credit note: print takes either. */
static int find_printable(struct crm_store *st, const char *key, int64_t *id,
			  struct crm_err *err)
{
	return crm_invoice_find(st, NULL, key, id, err);
}

static int invoice_print(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm invoice print INVOICE [--format text|html|pdf] [--template FILE]",
		"                          [--output FILE]",
		"Prints an invoice or a credit note from its template, invoice or credit (text",
		"by default; html; pdf through weasyprint); a draft prints without a number.",
		NULL};
	/* kind NULL: the template is the document's kind, invoice or credit */
	static const struct cli_document invoice = {NULL, find_printable, crm_doc_show};

	return cli_print(cli, argc, argv, usage, &invoice);
}

static int invoice_import(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm invoice import [--from FILE|-] [--format csv|json|ndjson] [--dry-run]",
		"Imports issued invoices from an earlier system, all or nothing.  Columns:",
		"number, customer, date, due, sku, description, qty, price, tax_rate, discount",
		"(one line per record; records with the same number make one invoice), or",
		"amount instead of qty and price for one line 'Opening balance'.", NULL};
	static const struct option opts[] = {{"from", required_argument, NULL, OPT_FROM},
					     {"format", required_argument, NULL, OPT_INPUT_FORMAT},
					     {"dry-run", no_argument, NULL, OPT_DRY_RUN},
					     {NULL, 0, NULL, 0}};
	const char *from = "-", *format = NULL;
	struct crm_invoice_import_stats stats;
	struct crm_reader *r;
	struct crm_err err;
	FILE *fp = stdin;
	int c, rc, flags = 0;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_FROM: from = optarg; break;
		case OPT_INPUT_FORMAT: format = optarg; break;
		case OPT_DRY_RUN: flags |= CRM_IMPORT_DRY_RUN; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	if ((rc = cli_import_open(cli, from, format, &r, &fp)))
		return rc;
	rc = crm_invoice_import(cli->st, r, flags, &stats, &err);
	cli_import_close(r, fp);
	if (rc != CRM_OK)
		return cli_fail(cli, rc, &err);
	cli_note(cli, "%s %ld invoice%s (%ld line%s)",
		 flags & CRM_IMPORT_DRY_RUN ? "dry run: would import" : "imported",
		 stats.invoices, stats.invoices == 1 ? "" : "s", stats.lines,
		 stats.lines == 1 ? "" : "s");
	return 0;
}

const struct cmd invoice_cmds[] = {
	{"new", invoice_new, "make a draft invoice of an order, a delivery or for a customer"},
	{"line", invoice_line, "add, change or remove a line of a draft invoice"},
	{"issue", invoice_issue, "number and issue a draft invoice (credit limit checked)"},
	{"void", invoice_void, "void an issued invoice"},
	{"rm", invoice_rm, "remove a draft invoice"},
	{"credit", invoice_credit, "issue a credit note for an invoice, whole or in part"},
	{"list", invoice_list, "list invoices and credit notes"},
	{"show", invoice_show, "show an invoice or credit note"},
	{"print", invoice_print, "print an invoice or credit note (text, html, pdf)"},
	{"import", invoice_import, "import invoices from an earlier system, all or nothing"},
	{NULL, NULL, NULL},
};
