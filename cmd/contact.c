/* contact.c — crm contact: add, list, show, edit, rm. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "contact.h"
#include "customer.h"

enum { OPT_NAME = 0x100, OPT_TITLE, OPT_EMAIL, OPT_PHONE, OPT_MOBILE, OPT_IM, OPT_PRIMARY,
       OPT_NO_PRIMARY, OPT_ALL };

static const struct option contact_options[] = {
	{"name", required_argument, NULL, OPT_NAME},
	{"title", required_argument, NULL, OPT_TITLE},
	{"email", required_argument, NULL, OPT_EMAIL},
	{"phone", required_argument, NULL, OPT_PHONE},
	{"mobile", required_argument, NULL, OPT_MOBILE},
	{"im", required_argument, NULL, OPT_IM},
	{"primary", no_argument, NULL, OPT_PRIMARY},
	{"no-primary", no_argument, NULL, OPT_NO_PRIMARY},
	{NULL, 0, NULL, 0},
};

/* Reads the options add and edit share.  0 to go on, -1 after --help, or
 * an exit code. */
static int parse_contact(struct cli *cli, int argc, char **argv, const char *const *usage,
			 struct crm_contact_input *in)
{
	int c;

	memset(in, 0, sizeof *in);
	in->primary = -1;
	while ((c = cli_getopt(cli, argc, argv, "", contact_options)) != -1) {
		switch (c) {
		case OPT_NAME: in->name = optarg; break;
		case OPT_TITLE: in->title = optarg; break;
		case OPT_EMAIL: in->email = optarg; break;
		case OPT_PHONE: in->phone = optarg; break;
		case OPT_MOBILE: in->mobile = optarg; break;
		case OPT_IM: in->im = optarg; break;
		case OPT_PRIMARY: in->primary = 1; break;
		case OPT_NO_PRIMARY: in->primary = 0; break;
		case 'h': cli_usage(usage, 0); return CLI_DONE;
		default: return cli_usage(usage, 1);
		}
	}
	return 0;
}

static int resolve_contact(struct cli *cli, const char *key, int64_t *id)
{
	struct crm_err err;
	int rc = cli_store(cli);

	if (rc == CRM_OK && (rc = crm_contact_find(cli->st, key, 0, id, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return rc;
}

static int contact_add(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm contact add CUSTOMER NAME [--title T] [--email E] [--phone P] [--mobile M]",
		"                [--im HANDLE] [--primary]",
		"Adds a person at a customer and prints the contact's id.", NULL};
	struct crm_contact_input in;
	struct crm_err err;
	int64_t customer, id;
	int rc = parse_contact(cli, argc, argv, usage, &in);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if (argc - optind != 2 || in.name)
		return cli_usage(usage, 1);
	in.name = argv[optind + 1];
	if ((rc = cli_customer(cli, argv[optind], &customer)))
		return rc;
	if ((rc = crm_contact_add(cli->st, customer, &in, &id, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	printf("%lld\n", (long long)id);
	return 0;
}

static int contact_list(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm contact list [CUSTOMER] [--all]",
		"Lists contacts, of one customer or of all; --all includes removed ones.", NULL};
	static const struct option opts[] = {{"all", no_argument, NULL, OPT_ALL},
					     {NULL, 0, NULL, 0}};
	struct crm_out *out;
	struct crm_err err;
	int64_t customer = 0;
	int c, rc, all = 0;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1)
		if (c == OPT_ALL)
			all = 1;
		else
			return cli_usage(usage, c != 'h');
	if (argc - optind > 1)
		return cli_usage(usage, 1);
	if (argc - optind == 1 && (rc = cli_customer(cli, argv[optind], &customer)))
		return rc;
	if ((rc = cli_store(cli)) ||
	    (rc = cli_out_open(cli, &out, crm_contact_columns, crm_contact_ncolumns,
			       CRM_CONTACT_TABLE_COLUMNS)))
		return rc;
	if ((rc = crm_contact_list(cli->st, customer, all, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

static int contact_show(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm contact show KEY",
		"Shows a contact; KEY is its id, or an email or name that names one contact.", NULL};
	struct crm_rec *rec;
	struct crm_err err;
	int64_t id;
	int rc = cli_args(cli, argc, argv, usage, 1);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = resolve_contact(cli, argv[optind], &id)))
		return rc;
	rec = crm_rec_new();
	rc = crm_contact_show(cli->st, id, rec, &err);
	return cli_show_record(cli, rec, rc, &err);
}

static int contact_edit(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm contact edit KEY [--name N] [--title T] [--email E] [--phone P] [--mobile M]",
		"                 [--im HANDLE] [--primary | --no-primary]",
		"Changes the given fields; an empty value clears one.", NULL};
	struct crm_contact_input in;
	struct crm_err err;
	int64_t id;
	int rc = parse_contact(cli, argc, argv, usage, &in);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	if ((rc = resolve_contact(cli, argv[optind], &id)))
		return rc;
	if ((rc = crm_contact_edit(cli->st, id, &in, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

static int contact_rm(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm contact rm KEY",
		"Removes a contact from its customer (kept in the history).", NULL};
	struct crm_err err;
	int64_t id;
	int rc = cli_args(cli, argc, argv, usage, 1);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = resolve_contact(cli, argv[optind], &id)))
		return rc;
	if ((rc = crm_contact_rm(cli->st, id, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

const struct cmd contact_cmds[] = {
	{"add", contact_add, "add a person at a customer"},
	{"list", contact_list, "list contacts"},
	{"show", contact_show, "show one contact"},
	{"edit", contact_edit, "change a contact"},
	{"rm", contact_rm, "remove a contact"},
	{NULL, NULL, NULL},
};
