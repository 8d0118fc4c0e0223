/* history.c — crm history: the audit log of one record. */
#include <stdio.h>

#include "audit.h"
#include "cmd.h"
#include "contact.h"
#include "customer.h"
#include "deal.h"

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

static int find_task(struct crm_store *st, const char *key, int64_t *id, struct crm_err *err)
{
	return crm_audit_find(st, "task", key, id, err);
}

static int find_activity(struct crm_store *st, const char *key, int64_t *id,
			 struct crm_err *err)
{
	return crm_audit_find(st, "activity", key, id, err);
}

/* A deal by its code or id, or, once deleted, by the id the log knows. */
static int find_deal(struct crm_store *st, const char *key, int64_t *id, struct crm_err *err)
{
	int rc = crm_deal_find(st, key, id, err);

	return rc == CRM_ENOTFOUND ? crm_audit_find(st, "deal", key, id, err) : rc;
}

static int history_deal(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm history deal KEY",
		"Every change to a deal: amount, stage, probability, close date, owner ...", NULL};

	return show_history(cli, argc, argv, "deal", usage, find_deal);
}

static int history_task(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm history task ID",
		"Every change to a task or follow-up, also after it was removed.", NULL};

	return show_history(cli, argc, argv, "task", usage, find_task);
}

static int history_activity(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm history activity ID",
		"Every change to an entry of the contact log, also after it was removed.", NULL};

	return show_history(cli, argc, argv, "activity", usage, find_activity);
}

const struct cmd history_cmds[] = {
	{"customer", history_customer, "changes to a customer"},
	{"contact", history_contact, "changes to a contact"},
	{"deal", history_deal, "changes to a deal"},
	{"task", history_task, "changes to a task"},
	{"activity", history_activity, "changes to a contact-log entry"},
	{NULL, NULL, NULL},
};
