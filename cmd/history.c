/* history.c — crm history: the audit log of one record. */
#include <stdio.h>

#include "audit.h"
#include "cmd.h"
#include "contact.h"
#include "customer.h"

static int show_history(struct cli *cli, int argc, char **argv, const char *entity,
			const char *const *usage,
			int (*find)(struct crm_store *, const char *, int64_t *, struct crm_err *))
{
	struct crm_out *out;
	struct crm_err err;
	int64_t id;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", NULL)) != -1)
		return cli_usage(usage, c != 'h');
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	if ((rc = cli_store(cli)) != CRM_OK)
		return rc;
	if ((rc = find(cli->st, argv[optind], &id, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	if ((rc = cli_out_open(cli, &out, crm_history_columns, crm_history_ncolumns, NULL)))
		return rc;
	if ((rc = crm_history(cli->st, entity, id, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

static int find_contact(struct crm_store *st, const char *key, int64_t *id, struct crm_err *err)
{
	return crm_contact_find(st, key, 0, id, err);
}

static int history_customer(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm history customer KEY",
		"Every change to a customer, its tags, extra fields and contacts: when, who,",
		"which field, old and new value.", NULL};

	return show_history(cli, argc, argv, "customer", usage, crm_customer_find);
}

static int history_contact(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm history contact KEY",
		"Every change to a contact.", NULL};

	return show_history(cli, argc, argv, "contact", usage, find_contact);
}

const struct cmd history_cmds[] = {
	{"customer", history_customer, "changes to a customer"},
	{"contact", history_contact, "changes to a contact"},
	{NULL, NULL, NULL},
};
