/* survey.c — crm survey: send, record, list, stats. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "survey.h"

enum { OPT_CASE = 0x100, OPT_RMA, OPT_CUSTOMER, OPT_EMAIL, OPT_MBOX, OPT_CSAT, OPT_NPS,
       OPT_COMMENT, OPT_STATUS, OPT_FROM, OPT_TO, OPT_BY };

static int survey_send(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm survey send (--case KEY | --rma KEY | --customer KEY) [--email ADDR] [--mbox]",
		"Records a satisfaction survey request and prints its number; --mbox writes",
		"the request as a mail (mboxrd) to standard output instead.", NULL};
	static const struct option opts[] = {
		{"case", required_argument, NULL, OPT_CASE},
		{"rma", required_argument, NULL, OPT_RMA},
		{"customer", required_argument, NULL, OPT_CUSTOMER},
		{"email", required_argument, NULL, OPT_EMAIL},
		{"mbox", no_argument, NULL, OPT_MBOX},
		{NULL, 0, NULL, 0}};
	struct crm_survey_input in = {0};
	struct crm_err err;
	char number[65];
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_CASE: in.case_key = optarg; break;
		case OPT_RMA: in.rma_key = optarg; break;
		case OPT_CUSTOMER: in.customer = optarg; break;
		case OPT_EMAIL: in.email = optarg; break;
		case OPT_MBOX: in.mbox = stdout; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc != optind || !!in.case_key + !!in.rma_key + !!in.customer != 1)
		return cli_usage(usage, 1);
	if ((rc = cli_store(cli)))
		return rc;
	if ((rc = crm_survey_send(cli->st, &in, number, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	if (!in.mbox)
		printf("%s\n", number);
	return 0;
}

/* A score option: a whole number (the lib checks the range of each
 * scale and names the value; a huge one is refused here). */
static int score(struct cli *cli, const char *opt, const char *s, int *out)
{
	long n;
	int rc = cli_count(cli, opt, s, 0, &n);

	if (rc)
		return rc;
	if (n > 1000)
		return cli_error(cli, CRM_EINVAL, "%s '%s' is not a score", opt, s);
	*out = (int)n;
	return 0;
}

static int survey_record(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm survey record KEY (--csat 1-5 | --nps 0-10 | both) [--comment TEXT]",
		"Records the customer's answer to a survey (KEY: its number or id).", NULL};
	static const struct option opts[] = {
		{"csat", required_argument, NULL, OPT_CSAT},
		{"nps", required_argument, NULL, OPT_NPS},
		{"comment", required_argument, NULL, OPT_COMMENT},
		{NULL, 0, NULL, 0}};
	const char *comment = NULL;
	int csat = -1, nps = -1, c, rc;
	struct crm_err err;
	int64_t id;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_CSAT:
			if ((rc = score(cli, "--csat", optarg, &csat)))
				return rc;
			break;
		case OPT_NPS:
			if ((rc = score(cli, "--nps", optarg, &nps)))
				return rc;
			break;
		case OPT_COMMENT: comment = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc - optind != 1 || (csat < 0 && nps < 0))
		return cli_usage(usage, 1);
	if ((rc = cli_store(cli)))
		return rc;
	if ((rc = crm_survey_find(cli->st, argv[optind], &id, &err)) != CRM_OK ||
	    (rc = crm_survey_record(cli->st, id, csat, nps, comment, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

static int survey_list(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm survey list [--customer KEY] [--status sent|answered|all]",
		"Lists surveys (all by default) in the order they were sent.", NULL};
	static const struct option opts[] = {
		{"customer", required_argument, NULL, OPT_CUSTOMER},
		{"status", required_argument, NULL, OPT_STATUS},
		{NULL, 0, NULL, 0}};
	struct crm_survey_filter f = {0};
	struct crm_out *out;
	struct crm_err err;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_CUSTOMER: f.customer = optarg; break;
		case OPT_STATUS: f.status = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	if ((rc = cli_store(cli)) ||
	    (rc = cli_out_open(cli, &out, crm_survey_columns, crm_survey_ncolumns,
			       CRM_SURVEY_TABLE_COLUMNS)))
		return rc;
	if ((rc = crm_survey_list(cli->st, &f, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

static int parse_by(struct cli *cli, const char *s, enum crm_survey_by *by)
{
	static const char *const names[] = {"month", "product", "assignee"};

	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(s, names[i]) == 0) {
			*by = (enum crm_survey_by)(i + 1);
			return 0;
		}
	return cli_error(cli, CRM_EINVAL, "'%s' is not a grouping (month, product, assignee)", s);
}

static int survey_stats(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm survey stats [--from DATE] [--to DATE] [--by month|product|assignee]",
		"CSAT average and distribution and NPS of the surveys answered in the",
		"period, in all or by answer month, product or assignee.", NULL};
	static const struct option opts[] = {
		{"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO},
		{"by", required_argument, NULL, OPT_BY},
		{NULL, 0, NULL, 0}};
	enum crm_survey_by by = CRM_SURVEY_BY_NONE;
	const char *from = NULL, *to = NULL;
	const struct crm_column *cols;
	struct crm_out *out;
	struct crm_err err;
	size_t ncols;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_FROM: from = optarg; break;
		case OPT_TO: to = optarg; break;
		case OPT_BY:
			if ((rc = parse_by(cli, optarg, &by)))
				return rc;
			break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	cols = crm_survey_stats_columns(by, &ncols);
	if ((rc = cli_store(cli)) || (rc = cli_out_open(cli, &out, cols, ncols, NULL)))
		return rc;
	if ((rc = crm_survey_stats(cli->st, from, to, by, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

const struct cmd survey_cmds[] = {
	{"send", survey_send, "record a survey request, and mail it"},
	{"record", survey_record, "record a customer's answer"},
	{"list", survey_list, "list surveys"},
	{"stats", survey_stats, "CSAT and NPS statistics"},
	{NULL, NULL, NULL},
};
