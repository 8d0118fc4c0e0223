/* task.c — crm task: add, list, done, edit, rm, reassign. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "task.h"

enum { OPT_TITLE = 0x100, OPT_CUSTOMER, OPT_DEAL, OPT_DUE, OPT_AT, OPT_WHERE, OPT_ASSIGNEE,
       OPT_PRIORITY, OPT_REOPEN, OPT_STATUS, OPT_OVERDUE, OPT_DUE_BEFORE, OPT_FROM, OPT_TO };

/* The options add and edit share (edit adds --title and --reopen). */
#define TASK_OPTIONS                                                                          \
	{"customer", required_argument, NULL, OPT_CUSTOMER},                                  \
	{"deal", required_argument, NULL, OPT_DEAL},                                          \
	{"due", required_argument, NULL, OPT_DUE},                                            \
	{"at", required_argument, NULL, OPT_AT},                                              \
	{"where", required_argument, NULL, OPT_WHERE},                                        \
	{"assignee", required_argument, NULL, OPT_ASSIGNEE},                                  \
	{"priority", required_argument, NULL, OPT_PRIORITY}

/* Reads the options of add and edit into in.  0 to go on, CLI_DONE after
 * --help, or an exit code. */
static int parse_task(struct cli *cli, int argc, char **argv, const char *const *usage,
		      const struct option *opts, struct crm_task_input *in)
{
	int c;

	memset(in, 0, sizeof *in);
	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_TITLE: in->title = optarg; break;
		case OPT_CUSTOMER: in->customer = optarg; break;
		case OPT_DEAL: in->deal = optarg; break;
		case OPT_DUE: in->due = optarg; break;
		case OPT_AT: in->time = optarg; break;
		case OPT_WHERE: in->place = optarg; break;
		case OPT_ASSIGNEE: in->assignee = optarg; break;
		case OPT_PRIORITY: in->priority = optarg; break;
		case OPT_REOPEN: in->reopen = 1; break;
		case 'h': cli_usage(usage, 0); return CLI_DONE;
		default: return cli_usage(usage, 1);
		}
	}
	return 0;
}

static int task_add(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm task add TITLE [--customer KEY] [--deal KEY] [--due WHEN] [--at HH:MM]",
		"                   [--where PLACE] [--assignee REP] [--priority low|normal|high|urgent]",
		"Adds a task (an appointment when it has a time) and prints its id; --at",
		"without --due means today.", NULL};
	static const struct option opts[] = {TASK_OPTIONS, {NULL, 0, NULL, 0}};
	struct crm_task_input in;
	struct crm_err err;
	int64_t id;
	int rc = parse_task(cli, argc, argv, usage, opts, &in);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	in.title = argv[optind];
	if ((rc = cli_store(cli)))
		return rc;
	if ((rc = crm_task_add(cli->st, &in, &id, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	printf("%lld\n", (long long)id);
	return 0;
}

static int task_list(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm task list [--assignee REP] [--customer KEY] [--deal KEY]",
		"              [--status open|done|all] [--overdue] [--due-before DATE]",
		"Lists tasks (by default everyone's open ones), soonest first.", NULL};
	static const struct option opts[] = {
		{"assignee", required_argument, NULL, OPT_ASSIGNEE},
		{"customer", required_argument, NULL, OPT_CUSTOMER},
		{"deal", required_argument, NULL, OPT_DEAL},
		{"status", required_argument, NULL, OPT_STATUS},
		{"overdue", no_argument, NULL, OPT_OVERDUE},
		{"due-before", required_argument, NULL, OPT_DUE_BEFORE},
		{NULL, 0, NULL, 0}};
	struct crm_task_filter f = {0};
	struct crm_out *out;
	struct crm_err err;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_ASSIGNEE: f.assignee = optarg; break;
		case OPT_CUSTOMER: f.customer = optarg; break;
		case OPT_DEAL: f.deal = optarg; break;
		case OPT_STATUS: f.status = optarg; break;
		case OPT_OVERDUE: f.overdue = 1; break;
		case OPT_DUE_BEFORE: f.due_before = optarg; break;
		case 'h': return cli_usage(usage, 0);
		default: return cli_usage(usage, 1);
		}
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	if ((rc = cli_store(cli)) ||
	    (rc = cli_out_open(cli, &out, crm_task_columns, crm_task_ncolumns,
			       CRM_TASK_TABLE_COLUMNS)))
		return rc;
	if ((rc = crm_task_list(cli->st, &f, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

static int task_done(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm task done ID...",
		"Marks tasks done, all or none: an unknown or already done one stops them all.",
		NULL};
	struct crm_err err;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", NULL)) != -1)
		return cli_usage(usage, c != 'h');
	if (argc == optind)
		return cli_usage(usage, 1);
	if ((rc = cli_store(cli)))
		return rc;
	if ((rc = crm_task_done(cli->st, (const char *const *)argv + optind,
				(size_t)(argc - optind), &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

static int resolve_task(struct cli *cli, const char *key, int64_t *id)
{
	struct crm_err err;
	int rc = cli_store(cli);

	if (rc == CRM_OK && (rc = crm_task_find(cli->st, key, id, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return rc;
}

static int task_edit(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm task edit ID [--title T] [--customer KEY] [--deal KEY] [--due WHEN] [--at HH:MM]",
		"                 [--where PLACE] [--assignee REP] [--priority P] [--reopen]",
		"Changes the given fields; an empty --customer, --deal, --due, --at or --where",
		"clears it; --reopen makes a done task open again.", NULL};
	static const struct option opts[] = {
		{"title", required_argument, NULL, OPT_TITLE},
		TASK_OPTIONS,
		{"reopen", no_argument, NULL, OPT_REOPEN},
		{NULL, 0, NULL, 0}};
	struct crm_task_input in;
	struct crm_err err;
	int64_t id;
	int rc = parse_task(cli, argc, argv, usage, opts, &in);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	if ((rc = resolve_task(cli, argv[optind], &id)))
		return rc;
	if ((rc = crm_task_edit(cli->st, id, &in, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

static int task_rm(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm task rm ID", "Deletes a task.", NULL};
	struct crm_err err;
	int64_t id;
	int rc = cli_args(cli, argc, argv, usage, 1);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = resolve_task(cli, argv[optind], &id)))
		return rc;
	if ((rc = crm_task_rm(cli->st, id, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

static int task_reassign(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm task reassign --from REP --to REP",
		"Hands a rep's open tasks to another rep and prints how many.", NULL};
	static const struct option opts[] = {{"from", required_argument, NULL, OPT_FROM},
					     {"to", required_argument, NULL, OPT_TO},
					     {NULL, 0, NULL, 0}};
	const char *from = NULL, *to = NULL;
	struct crm_err err;
	long count;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_FROM: from = optarg; break;
		case OPT_TO: to = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc != optind || !from || !to)
		return cli_usage(usage, 1);
	if ((rc = cli_store(cli)))
		return rc;
	if ((rc = crm_task_reassign(cli->st, from, to, &count, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	printf("%ld\n", count);
	return 0;
}

const struct cmd task_cmds[] = {
	{"add", task_add, "add a task or an appointment"},
	{"list", task_list, "list tasks, soonest first"},
	{"done", task_done, "mark tasks done"},
	{"edit", task_edit, "change a task"},
	{"rm", task_rm, "delete a task"},
	{"reassign", task_reassign, "hand a rep's open tasks to another rep"},
	{NULL, NULL, NULL},
};
