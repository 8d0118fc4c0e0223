/* remind.c — crm remind: what is due, for a person, a pipe, or cron's mail. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "remind.h"

static const char *const usage[] = {
	"crm remind [--rep REP] [--days N] [--only SECTION[,SECTION...]] [--mbox | --send]",
	"Prints what is due: tasks due today, in the next N days (default 1) and overdue,",
	"customers to contact, lead feedback overdue, stalled deals, deals past their close,",
	"orders due to ship, invoices falling due in the next N days (default 7) and newly",
	"overdue in the last N days (default 7), customers over their credit limit, the",
	"technicians' visits today, maintenance visits due in the next N days (default 7),",
	"RMAs late at their stage and faulty units overdue after an advance replacement.",
	"Prints nothing when nothing is due.  --mbox writes one message per rep (mboxrd);",
	"--send pipes each to $CRM_SENDMAIL (default \"sendmail -t -i\").",
	"sections: today, soon, overdue, cadence, feedback, stalled, closing, ship, due, late,",
	"credit, visits, maintenance, rma, advance",
	NULL};

enum { OPT_REP = 0x100, OPT_DAYS, OPT_ONLY, OPT_MBOX, OPT_SEND };

static const struct option options[] = {
	{"rep", required_argument, NULL, OPT_REP},
	{"days", required_argument, NULL, OPT_DAYS},
	{"only", required_argument, NULL, OPT_ONLY},
	{"mbox", no_argument, NULL, OPT_MBOX},
	{"send", no_argument, NULL, OPT_SEND},
	{NULL, 0, NULL, 0},
};

static int parse_days(struct cli *cli, const char *s, int *days)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > CRM_REMIND_MAX_DAYS)
		return cli_error(cli, CRM_EUSAGE, "--days '%s' is not a number of days (0-%d)", s,
				 CRM_REMIND_MAX_DAYS);
	*days = (int)v;
	return 0;
}

/* The formats other than table are one row stream; it is opened for every
 * run (so a bad --columns is reported) but left unfinished when nothing is
 * due, so that not even a csv header or "[]" is printed. */
static int remind_stream(struct cli *cli, const struct crm_remind_opts *o)
{
	struct crm_out *out;
	struct crm_err err;
	int rc = cli_out_open(cli, &out, crm_remind_columns, crm_remind_ncolumns, NULL);

	if (rc)
		return rc;
	if ((rc = crm_remind_list(cli->st, o, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	if (rc == CRM_OK && crm_out_count(out) == 0) {
		crm_out_discard(out);
		return 0;
	}
	return cli_out_close(cli, out, rc);
}

static int remind_table(struct cli *cli, const struct crm_remind_opts *o)
{
	struct crm_out_opts oo = cli_out_opts(cli, NULL);
	struct crm_err err;
	long count;
	int rc = crm_remind_table(cli->st, o, stdout, &oo, &count, &err);

	if (rc != CRM_OK)
		return cli_fail(cli, rc, &err);
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_error(cli, CRM_EFAIL, "write error: %s", strerror(errno));
	return 0;
}

static void warn(void *arg, const char *msg)
{
	cli_error(arg, CRM_EFAIL, "%s", msg);
}

static int remind_mail(struct cli *cli, const struct crm_remind_opts *o, int send)
{
	const char *sendmail = getenv("CRM_SENDMAIL");
	struct crm_remind_mail m = {0};
	struct crm_err err;
	int rc;

	if (send)
		m.sendmail = sendmail && *sendmail ? sendmail : "sendmail -t -i";
	else
		m.mbox = stdout;
	m.columns = cli->columns;
	m.warn = warn;
	m.arg = cli;
	if ((rc = crm_remind_mail(cli->st, o, &m, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_error(cli, CRM_EFAIL, "write error: %s", strerror(errno));
	return m.undelivered ? CRM_EFAIL : 0;
}

int remind_run(struct cli *cli, int argc, char **argv)
{
	struct crm_remind_opts o = {.days = 1};
	struct crm_err err;
	int c, rc, mbox = 0, send = 0;

	while ((c = cli_getopt(cli, argc, argv, "", options)) != -1) {
		switch (c) {
		case OPT_REP: o.rep = optarg; break;
		case OPT_DAYS:
			if ((rc = parse_days(cli, optarg, &o.days)))
				return rc;
			o.days_given = 1;
			break;
		case OPT_ONLY:
			if ((rc = crm_remind_parse_sections(optarg, &o.sections, &err)) != CRM_OK)
				return cli_fail(cli, rc, &err);
			break;
		case OPT_MBOX: mbox = 1; break;
		case OPT_SEND: send = 1; break;
		case 'h': return cli_usage(usage, 0);
		default: return cli_usage(usage, 1);
		}
	}
	if (optind != argc || (mbox && send))
		return cli_usage(usage, 1);
	if ((rc = cli_store(cli)))
		return rc;
	if (mbox || send)
		return remind_mail(cli, &o, send);
	if (cli->format == CRM_FMT_TABLE)
		return remind_table(cli, &o);
	return remind_stream(cli, &o);
}
