/* report.c — crm report: reports a manager reads. */
#include <errno.h>
#include <stdlib.h>

#include "cmd.h"
#include "report.h"

enum { OPT_BY = 0x100, OPT_REP, OPT_FROM, OPT_TO, OPT_SINKS, OPT_SHARE };

static int parse_share(struct cli *cli, const char *s, int *share)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*end == '%' && end != s)
		end++;
	if (errno || end == s || *end || v < 0 || v > 100)
		return cli_error(cli, CRM_EUSAGE, "--share '%s' is not a percentage (0-100)", s);
	*share = (int)v;
	return 0;
}

static int report_activity(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm report activity [--by rep|type|customer] [--rep REP] [--from DATE] [--to DATE]",
		"                    [--sinks [--share PCT]]",
		"Activities and minutes per rep, per rep and type, or per rep and customer, in a",
		"period (default the 30 days ending today).  --sinks: the customers who took at",
		"least PCT % (default 25) of a rep's minutes while none of their deals moved.",
		NULL};
	static const struct option opts[] = {
		{"by", required_argument, NULL, OPT_BY},
		{"rep", required_argument, NULL, OPT_REP},
		{"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO},
		{"sinks", no_argument, NULL, OPT_SINKS},
		{"share", required_argument, NULL, OPT_SHARE},
		{NULL, 0, NULL, 0},
	};
	struct crm_activity_report r = {.share = CRM_REPORT_SINK_SHARE};
	const struct crm_column *cols;
	struct crm_out *out;
	struct crm_err err;
	size_t ncols;
	int c, rc, by_given = 0, share_given = 0;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_BY:
			if ((rc = crm_report_by_parse(optarg, &r.by, &err)) != CRM_OK)
				return cli_fail(cli, rc, &err);
			by_given = 1;
			break;
		case OPT_REP: r.rep = optarg; break;
		case OPT_FROM: r.from = optarg; break;
		case OPT_TO: r.to = optarg; break;
		case OPT_SINKS: r.sinks = 1; break;
		case OPT_SHARE:
			if ((rc = parse_share(cli, optarg, &r.share)))
				return rc;
			share_given = 1;
			break;
		case 'h': return cli_usage(usage, 0);
		default: return cli_usage(usage, 1);
		}
	}
	/* sinks are customers: --by rep or type cannot go with them */
	if (optind != argc || (share_given && !r.sinks) ||
	    (r.sinks && by_given && r.by != CRM_REPORT_BY_CUSTOMER))
		return cli_usage(usage, 1);
	crm_report_activity_columns(&r, &cols, &ncols);
	if ((rc = cli_store(cli)) || (rc = cli_out_open(cli, &out, cols, ncols, NULL)))
		return rc;
	if ((rc = crm_report_activity(cli->st, &r, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

const struct cmd report_cmds[] = {
	{"activity", report_activity, "activities and minutes per rep, type or customer"},
	{NULL, NULL, NULL},
};
