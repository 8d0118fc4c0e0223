/* activity.c — crm activity: log, list, show, edit, rm. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activity.h"
#include "cmd.h"

enum { OPT_TYPE = 0x100, OPT_SUMMARY, OPT_CONTACT, OPT_AT, OPT_MINUTES, OPT_OUTCOME, OPT_DEAL,
       OPT_REP, OPT_NEXT, OPT_NEXT_ACTION, OPT_FROM, OPT_TO, OPT_LIMIT };

static int activity_log(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm activity log CUSTOMER --type TYPE --summary TEXT [--contact NAME|ID]",
		"                 [--at WHEN] [--minutes N] [--outcome TEXT] [--deal KEY] [--rep REP]",
		"                 [--next DATE [--next-action TEXT]]",
		"Logs a call, email, im, visit, meeting or note and prints its id; --next",
		"schedules a follow-up task.", NULL};
	static const struct option opts[] = {
		{"type", required_argument, NULL, OPT_TYPE},
		{"summary", required_argument, NULL, OPT_SUMMARY},
		{"contact", required_argument, NULL, OPT_CONTACT},
		{"at", required_argument, NULL, OPT_AT},
		{"minutes", required_argument, NULL, OPT_MINUTES},
		{"outcome", required_argument, NULL, OPT_OUTCOME},
		{"deal", required_argument, NULL, OPT_DEAL},
		{"rep", required_argument, NULL, OPT_REP},
		{"next", required_argument, NULL, OPT_NEXT},
		{"next-action", required_argument, NULL, OPT_NEXT_ACTION},
		{NULL, 0, NULL, 0}};
	struct crm_activity_input in = {0};
	struct crm_followup next;
	struct crm_err err;
	int64_t customer, id;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_TYPE: in.type = optarg; break;
		case OPT_SUMMARY: in.summary = optarg; break;
		case OPT_CONTACT: in.contact = optarg; break;
		case OPT_AT: in.at = optarg; break;
		case OPT_MINUTES: in.minutes = optarg; break;
		case OPT_OUTCOME: in.outcome = optarg; break;
		case OPT_DEAL: in.deal = optarg; break;
		case OPT_REP: in.rep = optarg; break;
		case OPT_NEXT: in.next = optarg; break;
		case OPT_NEXT_ACTION: in.next_action = optarg; break;
		case 'h': return cli_usage(usage, 0);
		default: return cli_usage(usage, 1);
		}
	}
	/* the follow-up's title means nothing without a follow-up */
	if (argc - optind != 1 || !in.type || !in.summary || (in.next_action && !in.next))
		return cli_usage(usage, 1);
	if ((rc = cli_customer(cli, argv[optind], &customer)))
		return rc;
	if ((rc = crm_activity_log(cli->st, customer, &in, &id, &next, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	printf("%lld\n", (long long)id);
	if (next.id)
		cli_note(cli, "follow-up %lld due %s", (long long)next.id, next.due);
	return 0;
}

static int activity_list(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm activity list [CUSTOMER] [--rep REP] [--type T] [--from DATE] [--to DATE]",
		"                  [--deal KEY] [--limit N]",
		"Lists the contact log, newest first; --from and --to include their days.", NULL};
	static const struct option opts[] = {
		{"rep", required_argument, NULL, OPT_REP},
		{"type", required_argument, NULL, OPT_TYPE},
		{"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO},
		{"deal", required_argument, NULL, OPT_DEAL},
		{"limit", required_argument, NULL, OPT_LIMIT},
		{NULL, 0, NULL, 0}};
	struct crm_activity_filter f = {0};
	struct crm_out *out;
	struct crm_err err;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_REP: f.rep = optarg; break;
		case OPT_TYPE: f.type = optarg; break;
		case OPT_FROM: f.from = optarg; break;
		case OPT_TO: f.to = optarg; break;
		case OPT_DEAL: f.deal = optarg; break;
		case OPT_LIMIT:
			if ((rc = cli_count(cli, "--limit", optarg, 1, &f.limit)))
				return rc;
			break;
		case 'h': return cli_usage(usage, 0);
		default: return cli_usage(usage, 1);
		}
	}
	if (argc - optind > 1)
		return cli_usage(usage, 1);
	if (argc - optind == 1 && (rc = cli_customer(cli, argv[optind], &f.customer_id)))
		return rc;
	if ((rc = cli_store(cli)) ||
	    (rc = cli_out_open(cli, &out, crm_activity_columns, crm_activity_ncolumns,
			       CRM_ACTIVITY_TABLE_COLUMNS)))
		return rc;
	if ((rc = crm_activity_list(cli->st, &f, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

static int resolve_activity(struct cli *cli, const char *key, int64_t *id)
{
	struct crm_err err;
	int rc = cli_store(cli);

	if (rc == CRM_OK && (rc = crm_activity_find(cli->st, key, id, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return rc;
}

static int activity_show(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm activity show ID",
		"Shows one activity and the follow-up it scheduled, if any.", NULL};
	struct crm_rec *rec;
	struct crm_err err;
	int64_t id;
	int rc = cli_args(cli, argc, argv, usage, 1);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = resolve_activity(cli, argv[optind], &id)))
		return rc;
	rec = crm_rec_new();
	rc = crm_activity_show(cli->st, id, rec, &err);
	return cli_show_record(cli, rec, rc, &err);
}

static int activity_edit(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm activity edit ID [--type T] [--summary TEXT] [--outcome TEXT] [--minutes N]",
		"                  [--at WHEN] [--rep REP]",
		"Changes the given fields; an empty --outcome or --minutes clears it.", NULL};
	static const struct option opts[] = {
		{"type", required_argument, NULL, OPT_TYPE},
		{"summary", required_argument, NULL, OPT_SUMMARY},
		{"outcome", required_argument, NULL, OPT_OUTCOME},
		{"minutes", required_argument, NULL, OPT_MINUTES},
		{"at", required_argument, NULL, OPT_AT},
		{"rep", required_argument, NULL, OPT_REP},
		{NULL, 0, NULL, 0}};
	struct crm_activity_input in = {0};
	struct crm_err err;
	int64_t id;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_TYPE: in.type = optarg; break;
		case OPT_SUMMARY: in.summary = optarg; break;
		case OPT_OUTCOME: in.outcome = optarg; break;
		case OPT_MINUTES: in.minutes = optarg; break;
		case OPT_AT: in.at = optarg; break;
		case OPT_REP: in.rep = optarg; break;
		case 'h': return cli_usage(usage, 0);
		default: return cli_usage(usage, 1);
		}
	}
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	if ((rc = resolve_activity(cli, argv[optind], &id)))
		return rc;
	if ((rc = crm_activity_edit(cli->st, id, &in, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

static int activity_rm(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm activity rm ID",
		"Deletes an activity; a follow-up it scheduled stays as a task.", NULL};
	struct crm_err err;
	int64_t id;
	int rc = cli_args(cli, argc, argv, usage, 1);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = resolve_activity(cli, argv[optind], &id)))
		return rc;
	if ((rc = crm_activity_rm(cli->st, id, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

const struct cmd activity_cmds[] = {
	{"log", activity_log, "log a call, mail, visit, meeting or note"},
	{"list", activity_list, "list the contact log, newest first"},
	{"show", activity_show, "show one activity"},
	{"edit", activity_edit, "change an activity"},
	{"rm", activity_rm, "delete an activity"},
	{NULL, NULL, NULL},
};
