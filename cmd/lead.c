/* lead.c — crm lead: add, list, assign, convert. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "lead.h"

enum { OPT_SOURCE = 0x100, OPT_CAMPAIGN, OPT_EMAIL, OPT_PHONE, OPT_OWNER, OPT_FORCE, OPT_REP,
       OPT_OVERDUE, OPT_UNASSIGNED, OPT_TO, OPT_DAYS, OPT_DEAL, OPT_AMOUNT, OPT_STAGE,
       OPT_CLOSE };

static int lead_add(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm lead add NAME [--source S] [--campaign C] [--email E] [--phone P]",
		"                  [--owner REP] [--force]",
		"Adds a customer in status lead and prints its code.  Likely duplicates are",
		"refused (exit 4) unless --force, as with customer add.", NULL};
	static const struct option opts[] = {
		{"source", required_argument, NULL, OPT_SOURCE},
		{"campaign", required_argument, NULL, OPT_CAMPAIGN},
		{"email", required_argument, NULL, OPT_EMAIL},
		{"phone", required_argument, NULL, OPT_PHONE},
		{"owner", required_argument, NULL, OPT_OWNER},
		{"force", no_argument, NULL, OPT_FORCE},
		{NULL, 0, NULL, 0},
	};
	struct crm_lead_input in = {0};
	struct crm_dup_list dups = {0};
	struct crm_err err;
	char code[65];
	int c, rc, flags = 0;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_SOURCE: in.source = optarg; break;
		case OPT_CAMPAIGN: in.campaign = optarg; break;
		case OPT_EMAIL: in.email = optarg; break;
		case OPT_PHONE: in.phone = optarg; break;
		case OPT_OWNER: in.owner = optarg; break;
		case OPT_FORCE: flags |= CRM_ADD_FORCE; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	if ((rc = cli_store(cli)))
		return rc;
	in.name = argv[optind];
	if ((rc = crm_lead_add(cli->st, &in, flags, &dups, code, &err)) != CRM_OK) {
		cli_fail(cli, rc, &err);
		/* the likely duplicates, one a line, as customer add prints them */
		for (size_t i = 0; i < dups.n; i++)
			fprintf(stderr, "  %s\t%s\t(%s)\n", dups.items[i].code, dups.items[i].name,
				dups.items[i].reason);
	} else {
		printf("%s\n", code);
	}
	crm_dup_list_free(&dups);
	return rc;
}

static int lead_list(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm lead list [--rep REP] [--source S] [--campaign C] [--overdue-feedback]",
		"              [--unassigned]",
		"Lists leads with their latest assignment and whether its feedback is overdue.",
		NULL};
	static const struct option opts[] = {
		{"rep", required_argument, NULL, OPT_REP},
		{"source", required_argument, NULL, OPT_SOURCE},
		{"campaign", required_argument, NULL, OPT_CAMPAIGN},
		{"overdue-feedback", no_argument, NULL, OPT_OVERDUE},
		{"unassigned", no_argument, NULL, OPT_UNASSIGNED},
		{NULL, 0, NULL, 0},
	};
	struct crm_lead_filter f = {0};
	struct crm_out *out;
	struct crm_err err;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_REP: f.rep = optarg; break;
		case OPT_SOURCE: f.source = optarg; break;
		case OPT_CAMPAIGN: f.campaign = optarg; break;
		case OPT_OVERDUE: f.overdue = 1; break;
		case OPT_UNASSIGNED: f.unassigned = 1; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	if ((rc = cli_store(cli)) ||
	    (rc = cli_out_open(cli, &out, crm_lead_columns, crm_lead_ncolumns,
			       CRM_LEAD_TABLE_COLUMNS)))
		return rc;
	if ((rc = crm_lead_list(cli->st, &f, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

/* A whole number of days, 1 to 3650; -1 otherwise. */
static long parse_days(const char *s)
{
	char *end;
	long v;

	if (*s < '0' || *s > '9')
		return -1;
	v = strtol(s, &end, 10);
	return *end || v < 1 || v > 3650 ? -1 : v;
}

static int lead_assign(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm lead assign KEY --to REP [--feedback-days N]",
		"Hands a lead to a rep, who owes feedback within N days (default: config",
		"lead.feedback_days, 7).", NULL};
	static const struct option opts[] = {
		{"to", required_argument, NULL, OPT_TO},
		{"feedback-days", required_argument, NULL, OPT_DAYS},
		{NULL, 0, NULL, 0},
	};
	const char *rep = NULL, *days_text = NULL;
	char due[CRM_DATE_BUFSZ];
	struct crm_err err;
	int64_t id;
	long days = -1;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_TO: rep = optarg; break;
		case OPT_DAYS: days_text = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	if (!rep) {
		cli_error(cli, CRM_EUSAGE, "--to is required");
		return cli_usage(usage, 1);
	}
	if (days_text && (days = parse_days(days_text)) < 0)
		return cli_error(cli, CRM_EINVAL, "'%s' is not a number of days (1-3650)",
				 days_text);
	if ((rc = cli_customer(cli, argv[optind], &id)))
		return rc;
	if ((rc = crm_lead_assign(cli->st, id, rep, days, due, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	cli_note(cli, "feedback due %s", due);
	return 0;
}

static int lead_convert(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm lead convert KEY [--deal TITLE --amount A [--stage S] [--close DATE]]",
		"Makes a lead or prospect an active customer; with --deal also adds an open",
		"deal (same transaction) and prints its code.", NULL};
	static const struct option opts[] = {
		{"deal", required_argument, NULL, OPT_DEAL},
		{"amount", required_argument, NULL, OPT_AMOUNT},
		{"stage", required_argument, NULL, OPT_STAGE},
		{"close", required_argument, NULL, OPT_CLOSE},
		{NULL, 0, NULL, 0},
	};
	struct crm_deal_input deal = {0};
	struct crm_err err;
	char code[65];
	int64_t id;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_DEAL: deal.title = optarg; break;
		case OPT_AMOUNT: deal.amount = optarg; break;
		case OPT_STAGE: deal.stage = optarg; break;
		case OPT_CLOSE: deal.close = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	if (!deal.title && (deal.amount || deal.stage || deal.close)) {
		cli_error(cli, CRM_EUSAGE, "--amount, --stage and --close need --deal");
		return cli_usage(usage, 1);
	}
	if (deal.title && !deal.amount) {
		cli_error(cli, CRM_EUSAGE, "--deal needs --amount");
		return cli_usage(usage, 1);
	}
	if ((rc = cli_customer(cli, argv[optind], &id)))
		return rc;
	rc = crm_lead_convert(cli->st, id, deal.title ? &deal : NULL, code, &err);
	if (rc != CRM_OK)
		return cli_fail(cli, rc, &err);
	if (*code)
		printf("%s\n", code);
	return 0;
}

const struct cmd lead_cmds[] = {
	{"add", lead_add, "add a lead"},
	{"list", lead_list, "list leads and their feedback"},
	{"assign", lead_assign, "hand a lead to a rep"},
	{"convert", lead_convert, "make a lead an active customer, with a first deal"},
	{NULL, NULL, NULL},
};
