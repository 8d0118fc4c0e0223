/* visit.c — crm visit: schedule, done, cancel, list, show, and the
 * maintenance plans: plan, plans, plan-stop, due. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "visit.h"

enum { OPT_TECH = 0x100, OPT_ON, OPT_AT, OPT_CASE, OPT_RMA, OPT_PLAN, OPT_TASK, OPT_REPORT,
       OPT_MINUTES, OPT_PARTS, OPT_REASON, OPT_CUSTOMER, OPT_FROM, OPT_TO, OPT_STATUS,
       OPT_EVERY, OPT_ALL, OPT_DAYS };

static int resolve_visit(struct cli *cli, const char *key, int64_t *id)
{
	struct crm_err err;
	int rc = cli_store(cli);

	if (rc == CRM_OK && (rc = crm_visit_find(cli->st, key, id, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return rc;
}

static int visit_schedule(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm visit schedule CUSTOMER --tech NAME --on DATE [--at HH:MM]",
		"                   [--case KEY | --rma KEY] [--plan ID] [--task TEXT]",
		"Schedules a technician's visit and prints its number; with --plan the visit",
		"is the plan's next one (--tech and --task default to the plan's).", NULL};
	static const struct option opts[] = {
		{"tech", required_argument, NULL, OPT_TECH},
		{"on", required_argument, NULL, OPT_ON},
		{"at", required_argument, NULL, OPT_AT},
		{"case", required_argument, NULL, OPT_CASE},
		{"rma", required_argument, NULL, OPT_RMA},
		{"plan", required_argument, NULL, OPT_PLAN},
		{"task", required_argument, NULL, OPT_TASK},
		{NULL, 0, NULL, 0}};
	struct crm_visit_input in = {0};
	struct crm_err err;
	char number[65];
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_TECH: in.tech = optarg; break;
		case OPT_ON: in.on = optarg; break;
		case OPT_AT: in.at = optarg; break;
		case OPT_CASE: in.case_key = optarg; break;
		case OPT_RMA: in.rma_key = optarg; break;
		case OPT_PLAN: in.plan = optarg; break;
		case OPT_TASK: in.task = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc - optind != 1 || !in.on || (!in.tech && !in.plan) || (in.case_key && in.rma_key))
		return cli_usage(usage, 1);
	in.customer = argv[optind];
	if ((rc = cli_store(cli)))
		return rc;
	if ((rc = crm_visit_schedule(cli->st, &in, number, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	printf("%s\n", number);
	return 0;
}

static int visit_done(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm visit done KEY --report TEXT [--minutes N] [--parts TEXT]",
		"Reports a scheduled visit done: what was done, the minutes spent and the",
		"parts used (free text: \"2x filter F-10, 1x belt\").  A plan's visit moves",
		"the plan's next date on by its period.", NULL};
	static const struct option opts[] = {
		{"report", required_argument, NULL, OPT_REPORT},
		{"minutes", required_argument, NULL, OPT_MINUTES},
		{"parts", required_argument, NULL, OPT_PARTS},
		{NULL, 0, NULL, 0}};
	const char *report = NULL, *parts = NULL, *minutes = NULL;
	struct crm_err err;
	long n = 0;
	int64_t id;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_REPORT: report = optarg; break;
		case OPT_MINUTES: minutes = optarg; break;
		case OPT_PARTS: parts = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc - optind != 1 || !report)
		return cli_usage(usage, 1);
	if (minutes && (rc = cli_count(cli, "--minutes", minutes, 1, &n)))
		return rc;
	if ((rc = resolve_visit(cli, argv[optind], &id)))
		return rc;
	if ((rc = crm_visit_done(cli->st, id, report, n, parts, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

static int visit_cancel(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm visit cancel KEY [--reason TEXT]",
		"Cancels a scheduled visit.", NULL};
	static const struct option opts[] = {{"reason", required_argument, NULL, OPT_REASON},
					     {NULL, 0, NULL, 0}};
	const char *reason = NULL;
	struct crm_err err;
	int64_t id;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		if (c != OPT_REASON)
			return cli_usage(usage, c != 'h');
		reason = optarg;
	}
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	if ((rc = resolve_visit(cli, argv[optind], &id)))
		return rc;
	if ((rc = crm_visit_cancel(cli->st, id, reason, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

static int visit_list(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm visit list [--tech NAME] [--customer KEY] [--from DATE] [--to DATE]",
		"               [--status scheduled|done|cancelled|all]",
		"Lists visits (all of them by default) by day and time.", NULL};
	static const struct option opts[] = {
		{"tech", required_argument, NULL, OPT_TECH},
		{"customer", required_argument, NULL, OPT_CUSTOMER},
		{"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO},
		{"status", required_argument, NULL, OPT_STATUS},
		{NULL, 0, NULL, 0}};
	struct crm_visit_filter f = {0};
	struct crm_out *out;
	struct crm_err err;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_TECH: f.tech = optarg; break;
		case OPT_CUSTOMER: f.customer = optarg; break;
		case OPT_FROM: f.from = optarg; break;
		case OPT_TO: f.to = optarg; break;
		case OPT_STATUS: f.status = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	if ((rc = cli_store(cli)) ||
	    (rc = cli_out_open(cli, &out, crm_visit_columns, crm_visit_ncolumns,
			       CRM_VISIT_TABLE_COLUMNS)))
		return rc;
	if ((rc = crm_visit_list(cli->st, &f, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

static int visit_show(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm visit show KEY",
		"Shows a visit (KEY: its number or id).", NULL};
	struct crm_rec *rec;
	struct crm_err err;
	int64_t id;
	int rc = cli_args(cli, argc, argv, usage, 1);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = resolve_visit(cli, argv[optind], &id)))
		return rc;
	rec = crm_rec_new();
	rc = crm_visit_show(cli->st, id, rec, &err);
	return cli_show_record(cli, rec, rc, &err);
}

static int visit_plan(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm visit plan CUSTOMER --every PERIOD [--from DATE] [--tech NAME] [--task TEXT]",
		"Adds a maintenance plan, a visit every PERIOD (6m: six months, 1y: a year),",
		"the first due on --from (default today), and prints its id.", NULL};
	static const struct option opts[] = {
		{"every", required_argument, NULL, OPT_EVERY},
		{"from", required_argument, NULL, OPT_FROM},
		{"tech", required_argument, NULL, OPT_TECH},
		{"task", required_argument, NULL, OPT_TASK},
		{NULL, 0, NULL, 0}};
	const char *every = NULL, *from = NULL, *tech = NULL, *task = NULL;
	struct crm_err err;
	int64_t id;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_EVERY: every = optarg; break;
		case OPT_FROM: from = optarg; break;
		case OPT_TECH: tech = optarg; break;
		case OPT_TASK: task = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc - optind != 1 || !every)
		return cli_usage(usage, 1);
	if ((rc = cli_store(cli)))
		return rc;
	if ((rc = crm_visit_plan_add(cli->st, argv[optind], every, from, tech, task, &id,
				     &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	printf("%lld\n", (long long)id);
	return 0;
}

static int visit_plans(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm visit plans [--customer KEY] [--all]",
		"Lists the active maintenance plans (--all: the stopped ones too).", NULL};
	static const struct option opts[] = {
		{"customer", required_argument, NULL, OPT_CUSTOMER},
		{"all", no_argument, NULL, OPT_ALL},
		{NULL, 0, NULL, 0}};
	const char *customer = NULL;
	struct crm_out *out;
	struct crm_err err;
	int c, rc, all = 0;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_CUSTOMER: customer = optarg; break;
		case OPT_ALL: all = 1; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	if ((rc = cli_store(cli)) ||
	    (rc = cli_out_open(cli, &out, crm_visit_plan_columns, crm_visit_plan_ncolumns,
			       "id,customer,every,next,tech,task,status,scheduled")))
		return rc;
	if ((rc = crm_visit_plans(cli->st, customer, all, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

static int visit_plan_stop(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm visit plan-stop PLAN",
		"Stops a maintenance plan: it has no more visits due.", NULL};
	struct crm_err err;
	int64_t id;
	int rc = cli_args(cli, argc, argv, usage, 1);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = cli_store(cli)))
		return rc;
	if ((rc = crm_visit_plan_find(cli->st, argv[optind], &id, &err)) != CRM_OK ||
	    (rc = crm_visit_plan_stop(cli->st, id, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

static int visit_due(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm visit due [--days N]",
		"Lists the visits maintenance plans have due within N days (default 7,",
		"overdue ones too) that are not scheduled yet.", NULL};
	static const struct option opts[] = {{"days", required_argument, NULL, OPT_DAYS},
					     {NULL, 0, NULL, 0}};
	struct crm_out *out;
	struct crm_err err;
	long days = 7;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		if (c != OPT_DAYS)
			return cli_usage(usage, c != 'h');
		if ((rc = cli_count(cli, "--days", optarg, 0, &days)))
			return rc;
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	if ((rc = cli_store(cli)) ||
	    (rc = cli_out_open(cli, &out, crm_visit_due_columns, crm_visit_due_ncolumns, NULL)))
		return rc;
	if ((rc = crm_visit_due(cli->st, days, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

const struct cmd visit_cmds[] = {
	{"schedule", visit_schedule, "schedule a technician's visit"},
	{"done", visit_done, "report a visit done"},
	{"cancel", visit_cancel, "cancel a scheduled visit"},
	{"list", visit_list, "list visits by day"},
	{"show", visit_show, "show a visit"},
	{"plan", visit_plan, "add a maintenance plan"},
	{"plans", visit_plans, "list maintenance plans"},
	{"plan-stop", visit_plan_stop, "stop a maintenance plan"},
	{"due", visit_due, "list the visits plans have due"},
	{NULL, NULL, NULL},
};
