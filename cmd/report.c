/* report.c — crm report: reports a manager reads. */
#include <errno.h>
#include <stdlib.h>

#include "cmd.h"
#include "report.h"

enum { OPT_BY = 0x100, OPT_REP, OPT_FROM, OPT_TO, OPT_SINKS, OPT_SHARE, OPT_MONTH, OPT_BASIS,
       OPT_TOTAL, OPT_NO_TOTAL };

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

static int report_commission(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm report commission [--month YYYY-MM] [--basis invoiced|paid] [--rep REP]",
		"                      [--total | --no-total]",
		"Each rep's commission for a month (default the current one): the base is the",
		"net of invoices issued less credit notes (invoiced, the default) or the net",
		"part of receipts applied less reversals (paid), times config rep.REP.commission.",
		"Tables end with a total row, other formats only with --total.",
		NULL};
	static const struct option opts[] = {
		{"month", required_argument, NULL, OPT_MONTH},
		{"basis", required_argument, NULL, OPT_BASIS},
		{"rep", required_argument, NULL, OPT_REP},
		{"total", no_argument, NULL, OPT_TOTAL},
		{"no-total", no_argument, NULL, OPT_NO_TOTAL},
		{NULL, 0, NULL, 0},
	};
	struct crm_commission_report r = {0};
	struct crm_out *out;
	struct crm_err err;
	int c, rc, total = -1;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_MONTH: r.month = optarg; break;
		case OPT_BASIS:
			if ((rc = crm_commission_basis_parse(optarg, &r.basis, &err)) != CRM_OK)
				return cli_fail(cli, rc, &err);
			break;
		case OPT_REP: r.rep = optarg; break;
		case OPT_TOTAL: total = 1; break;
		case OPT_NO_TOTAL: total = 0; break;
		case 'h': return cli_usage(usage, 0);
		default: return cli_usage(usage, 1);
		}
	}
	if (optind != argc)
		return cli_usage(usage, 1);
	/* a table has a total row; csv and the rest only when asked, so that
	 * a script summing a column does not count everything twice */
	if ((rc = cli_store(cli)) || (rc = cli_out_open(cli, &out, crm_commission_columns,
						      crm_commission_ncolumns, NULL)))
		return rc;
	r.total = total >= 0 ? total : cli->format == CRM_FMT_TABLE;
	if ((rc = crm_report_commission(cli->st, &r, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

const struct cmd report_cmds[] = {
	{"activity", report_activity, "activities and minutes per rep, type or customer"},
	{"commission", report_commission, "each rep's commission for a month, invoiced or paid"},
	{NULL, NULL, NULL},
};
