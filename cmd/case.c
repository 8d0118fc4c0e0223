/* case.c — crm case: open a service case, its thread and state changes
 * (reply, note, assign, wait, resume, resolve, close, reopen), list, show
 * and stats. */
#include <stdio.h>
#include <string.h>

#include "case.h"
#include "cmd.h"

enum { OPT_CONTACT = 0x100, OPT_CHANNEL, OPT_PRIORITY, OPT_PRODUCT, OPT_ASSIGNEE, OPT_STATUS,
       OPT_CUSTOMER, OPT_BREACHED, OPT_BY, OPT_FROM, OPT_TO };

/* Opens the store and resolves a case key; prints the error itself. */
static int resolve_case(struct cli *cli, const char *key, int64_t *id)
{
	struct crm_err err;
	int rc = cli_store(cli);

	if (rc == CRM_OK && (rc = crm_case_find(cli->st, key, id, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return rc;
}

static int case_open(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm case open CUSTOMER SUBJECT [--contact KEY] [--product SKU]",
		"              [--channel phone|email|web|visit|chat]",
		"              [--priority low|normal|high|urgent] [--assignee NAME]",
		"Opens a case now and prints its number.  Its service-level targets come from",
		"sla.[TIER.]PRIORITY.response|resolution (crm config keys).", NULL};
	static const struct option opts[] = {
		{"contact", required_argument, NULL, OPT_CONTACT},
		{"channel", required_argument, NULL, OPT_CHANNEL},
		{"priority", required_argument, NULL, OPT_PRIORITY},
		{"product", required_argument, NULL, OPT_PRODUCT},
		{"assignee", required_argument, NULL, OPT_ASSIGNEE},
		{NULL, 0, NULL, 0},
	};
	struct crm_case_input in = {0};
	struct crm_err err;
	char number[65];
	int64_t customer;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_CONTACT: in.contact = optarg; break;
		case OPT_CHANNEL: in.channel = optarg; break;
		case OPT_PRIORITY: in.priority = optarg; break;
		case OPT_PRODUCT: in.product = optarg; break;
		case OPT_ASSIGNEE: in.assignee = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc - optind != 2)
		return cli_usage(usage, 1);
	in.subject = argv[optind + 1];
	if ((rc = cli_customer(cli, argv[optind], &customer)))
		return rc;
	if ((rc = crm_case_open(cli->st, customer, &in, number, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	printf("%s\n", number);
	return 0;
}

/* A state change or thread entry: KEY then TEXT (required when min is 2,
 * optional when it is 1). */
static int act(struct cli *cli, int argc, char **argv, const char *const *usage, int min,
	       enum crm_case_action action)
{
	struct crm_err err;
	int64_t id;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", NULL)) != -1)
		return cli_usage(usage, c != 'h');
	if (argc - optind < min || argc - optind > 2)
		return cli_usage(usage, 1);
	if ((rc = resolve_case(cli, argv[optind], &id)))
		return rc;
	rc = crm_case_act(cli->st, id, action, argc - optind == 2 ? argv[optind + 1] : NULL, &err);
	return rc == CRM_OK ? 0 : cli_fail(cli, rc, &err);
}

static int case_reply(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm case reply KEY TEXT",
		"Records a reply to the customer; the first one stops the response clock.",
		NULL};

	return act(cli, argc, argv, usage, 2, CRM_CASE_REPLY);
}

static int case_note(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm case note KEY TEXT",
		"Adds an internal note to the case's thread (in any state).", NULL};

	return act(cli, argc, argv, usage, 2, CRM_CASE_NOTE);
}

static int case_assign(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm case assign KEY NAME",
		"Gives the case to NAME (a case not yet closed).", NULL};

	return act(cli, argc, argv, usage, 2, CRM_CASE_ASSIGN);
}

static int case_wait(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm case wait KEY [TEXT]",
		"Waits on the customer: an open case becomes waiting and its resolution",
		"clock pauses until resume.", NULL};

	return act(cli, argc, argv, usage, 1, CRM_CASE_WAIT);
}

static int case_resume(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm case resume KEY [TEXT]",
		"A waiting case is open again; its resolution clock runs on.", NULL};

	return act(cli, argc, argv, usage, 1, CRM_CASE_RESUME);
}

static int case_resolve(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm case resolve KEY [TEXT]",
		"Resolves an open or waiting case; the resolution clock stops.", NULL};

	return act(cli, argc, argv, usage, 1, CRM_CASE_RESOLVE);
}

static int case_close(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm case close KEY [TEXT]",
		"Closes a resolved case.", NULL};

	return act(cli, argc, argv, usage, 1, CRM_CASE_CLOSE);
}

static int case_reopen(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm case reopen KEY [TEXT]",
		"Opens a resolved or closed case again: the resolution outcome is reset",
		"and its target measured again from now.", NULL};

	return act(cli, argc, argv, usage, 1, CRM_CASE_REOPEN);
}

static int case_list(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm case list [--status open|waiting|resolved|closed|all] [--assignee NAME]",
		"              [--customer KEY] [--priority P] [--breached]",
		"Lists cases, oldest first: without --status the unresolved ones (open and",
		"waiting); --breached keeps those that missed a service-level target.", NULL};
	static const struct option opts[] = {
		{"status", required_argument, NULL, OPT_STATUS},
		{"assignee", required_argument, NULL, OPT_ASSIGNEE},
		{"customer", required_argument, NULL, OPT_CUSTOMER},
		{"priority", required_argument, NULL, OPT_PRIORITY},
		{"breached", no_argument, NULL, OPT_BREACHED},
		{NULL, 0, NULL, 0},
	};
	struct crm_case_filter f = {0};
	const char *customer = NULL;
	struct crm_out *out;
	struct crm_err err;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_STATUS: f.status = optarg; break;
		case OPT_ASSIGNEE: f.assignee = optarg; break;
		case OPT_CUSTOMER: customer = optarg; break;
		case OPT_PRIORITY: f.priority = optarg; break;
		case OPT_BREACHED: f.breached = 1; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	if (customer && (rc = cli_customer(cli, customer, &f.customer_id)))
		return rc;
	if ((rc = cli_store(cli)) ||
	    (rc = cli_out_open(cli, &out, crm_case_columns, crm_case_ncolumns,
			       CRM_CASE_TABLE_COLUMNS)))
		return rc;
	if ((rc = crm_case_list(cli->st, &f, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

static int case_show(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm case show KEY",
		"Shows a case (KEY: its number or id): its fields, service-level targets and",
		"outcomes, and the whole thread with times.", NULL};
	struct crm_rec *rec;
	struct crm_err err;
	int64_t id;
	int rc = cli_args(cli, argc, argv, usage, 1);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = resolve_case(cli, argv[optind], &id)))
		return rc;
	rec = crm_rec_new();
	rc = crm_case_show(cli->st, id, rec, &err);
	return cli_show_record(cli, rec, rc, &err);
}

static int case_stats(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm case stats [--from DATE] [--to DATE] [--by channel|assignee|priority|product]",
		"Volume, first-response and resolution times in working hours (median, p90),",
		"service levels met, first-contact resolution, contacts per case, reopen rate",
		"and the backlog by age, of the cases opened in the period.", NULL};
	static const struct option opts[] = {
		{"by", required_argument, NULL, OPT_BY},
		{"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO},
		{NULL, 0, NULL, 0},
	};
	const char *by = NULL, *from = NULL, *to = NULL;
	const struct crm_column *cols;
	struct crm_out *out;
	struct crm_err err;
	size_t ncols;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_BY: by = optarg; break;
		case OPT_FROM: from = optarg; break;
		case OPT_TO: to = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	if (!(cols = crm_case_stats_columns(by, &ncols))) {
		cli_error(cli, CRM_EUSAGE,
			  "unknown --by '%s' (channel, assignee, priority, product)", by);
		return cli_usage(usage, 1);
	}
	if ((rc = cli_store(cli)) || (rc = cli_out_open(cli, &out, cols, ncols, NULL)))
		return rc;
	if ((rc = crm_case_stats(cli->st, by, from, to, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

const struct cmd case_cmds[] = {
	{"open", case_open, "open a service case"},
	{"reply", case_reply, "reply to the customer"},
	{"note", case_note, "add an internal note"},
	{"assign", case_assign, "give a case to someone"},
	{"wait", case_wait, "wait on the customer (pauses the resolution clock)"},
	{"resume", case_resume, "stop waiting on the customer"},
	{"resolve", case_resolve, "resolve a case"},
	{"close", case_close, "close a resolved case"},
	{"reopen", case_reopen, "open a resolved or closed case again"},
	{"list", case_list, "list cases"},
	{"show", case_show, "show a case with its thread and service levels"},
	{"stats", case_stats, "service statistics"},
	{NULL, NULL, NULL},
};
