/* agenda.c — crm agenda: a rep's schedule, day by day. */
#include <errno.h>
#include <stdlib.h>

#include "cmd.h"
#include "task.h"

enum { OPT_REP = 0x100, OPT_DAYS };

int agenda_run(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm agenda [--rep REP] [--days N]",
		"A rep's open tasks, follow-ups, appointments, field visits and expected deal",
		"closes for the N days from today (default the user, 7 days), overdue ones first.",
		NULL};
	static const struct option opts[] = {{"rep", required_argument, NULL, OPT_REP},
					     {"days", required_argument, NULL, OPT_DAYS},
					     {NULL, 0, NULL, 0}};
	struct crm_agenda_days days_title;
	struct crm_out_opts out_opts;
	const char *rep = NULL;
	struct crm_out *out;
	struct crm_err err;
	long days = 7;
	char *end;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_REP: rep = optarg; break;
		case OPT_DAYS:
			errno = 0;
			days = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end)
				return cli_error(cli, CRM_EUSAGE, "--days '%s' is not a number", optarg);
			break;
		case 'h': return cli_usage(usage, 0);
		default: return cli_usage(usage, 1);
		}
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	if ((rc = cli_store(cli)))
		return rc;
	/* A table shows the days as titles, so without the date column. */
	days_title.today = cli->st->clock.today;
	out_opts = cli_out_opts(cli, "time,kind,title,customer,where,priority,ref");
	out_opts.group = crm_agenda_day;
	out_opts.group_arg = &days_title;
	if ((rc = crm_out_open(&out, stdout, &out_opts, crm_agenda_columns, crm_agenda_ncolumns,
			       &err)))
		return cli_fail(cli, rc, &err);
	/* --user (or CRM_USER) is the rep whose agenda this is by default */
	if ((rc = crm_agenda(cli->st, rep ? rep : cli->st->user, days, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}
