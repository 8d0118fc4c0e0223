/* print.c — the print verb every document group shares (crm quote print,
 * crm delivery print ...): options, then lib/print.c renders the record
 * the group's show builds. */
#include <stdio.h>

#include "cmd.h"
#include "print.h"

enum { OPT_PRINT_FORMAT = 0x300, OPT_PRINT_TEMPLATE, OPT_PRINT_OUTPUT };

static const struct option print_options[] = {
	{"format", required_argument, NULL, OPT_PRINT_FORMAT},
	{"template", required_argument, NULL, OPT_PRINT_TEMPLATE},
	{"output", required_argument, NULL, OPT_PRINT_OUTPUT},
	{NULL, 0, NULL, 0},
};

int cli_print(struct cli *cli, int argc, char **argv, const char *const *usage,
	      const struct cli_document *doc)
{
	struct crm_print_opts po = {.format = CRM_PRINT_TEXT};
	struct crm_rec *rec;
	struct crm_err err;
	int64_t id;
	int c, rc;

	/* the verb's own --format (text, html, pdf) comes before the common one */
	while ((c = cli_getopt(cli, argc, argv, "", print_options)) != -1) {
		switch (c) {
		case OPT_PRINT_FORMAT:
			if (crm_print_format_parse(optarg, &po.format) != 0) {
				cli_error(cli, CRM_EUSAGE, "unknown format '%s' (text, html, pdf)",
					  optarg);
				return cli_usage(usage, 1);
			}
			break;
		case OPT_PRINT_TEMPLATE: po.template_path = optarg; break;
		case OPT_PRINT_OUTPUT: po.output_path = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	if ((rc = cli_store(cli)) != CRM_OK)
		return rc;
	if ((rc = doc->find(cli->st, argv[optind], &id, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	rec = crm_rec_new();
	if ((rc = doc->show(cli->st, id, rec, &err)) == CRM_OK)
		rc = crm_print(cli->st, doc->kind, rec, &po, stdout, &err);
	crm_rec_free(rec);
	return rc == CRM_OK ? 0 : cli_fail(cli, rc, &err);
}
