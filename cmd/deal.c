/* deal.c — crm deal: add, list, show, edit, the stage changes (move, won,
 * lost, reopen) and the sales reports (stages, pipeline, forecast, funnel,
 * stalled). */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "deal.h"

enum { OPT_TITLE = 0x100, OPT_AMOUNT, OPT_STAGE, OPT_PROBABILITY, OPT_CLOSE, OPT_OWNER,
       OPT_SOURCE, OPT_CUSTOMER, OPT_STATUS, OPT_REASON, OPT_BY, OPT_FROM, OPT_TO };

static const struct option deal_options[] = {
	{"title", required_argument, NULL, OPT_TITLE},
	{"amount", required_argument, NULL, OPT_AMOUNT},
	{"stage", required_argument, NULL, OPT_STAGE},
	{"probability", required_argument, NULL, OPT_PROBABILITY},
	{"close", required_argument, NULL, OPT_CLOSE},
	{"owner", required_argument, NULL, OPT_OWNER},
	{"source", required_argument, NULL, OPT_SOURCE},
	{NULL, 0, NULL, 0},
};

/* Reads the options add and edit share.  0 to go on, CLI_DONE after
 * --help, or an exit code. */
static int parse_deal(struct cli *cli, int argc, char **argv, const char *const *usage,
		      struct crm_deal_input *in)
{
	int c;

	memset(in, 0, sizeof *in);
	while ((c = cli_getopt(cli, argc, argv, "", deal_options)) != -1) {
		switch (c) {
		case OPT_TITLE: in->title = optarg; break;
		case OPT_AMOUNT: in->amount = optarg; break;
		case OPT_STAGE: in->stage = optarg; break;
		case OPT_PROBABILITY: in->probability = optarg; break;
		case OPT_CLOSE: in->close = optarg; break;
		case OPT_OWNER: in->owner = optarg; break;
		case OPT_SOURCE: in->source = optarg; break;
		case 'h': cli_usage(usage, 0); return CLI_DONE;
		default: return cli_usage(usage, 1);
		}
	}
	return 0;
}

/* A required option was left out: says which, then the usage. */
static int missing(struct cli *cli, const char *const *usage, const char *option)
{
	cli_error(cli, CRM_EUSAGE, "%s is required", option);
	return cli_usage(usage, 1);
}

/* Opens the store and resolves a deal key; prints the error itself. */
static int resolve_deal(struct cli *cli, const char *key, int64_t *id)
{
	struct crm_err err;
	int rc = cli_store(cli);

	if (rc == CRM_OK && (rc = crm_deal_find(cli->st, key, id, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return rc;
}

static int deal_add(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm deal add CUSTOMER TITLE --amount A [--stage S] [--probability P]",
		"             [--close DATE] [--owner REP] [--source S]",
		"Adds a deal and prints its code.  Default stage: the first configured one;",
		"default owner: the customer's owner, else you.", NULL};
	struct crm_deal_input in;
	struct crm_err err;
	char code[65];
	int64_t customer;
	int rc = parse_deal(cli, argc, argv, usage, &in);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if (argc - optind != 2 || in.title)
		return cli_usage(usage, 1);
	if (!in.amount)
		return missing(cli, usage, "--amount");
	in.title = argv[optind + 1];
	if ((rc = cli_customer(cli, argv[optind], &customer)))
		return rc;
	if ((rc = crm_deal_add(cli->st, customer, &in, code, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	printf("%s\n", code);
	return 0;
}

static int deal_list(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm deal list [--customer KEY] [--owner REP] [--stage S]",
		"              [--status open|won|lost|all]",
		"Lists deals (open ones unless --status says otherwise), oldest first.", NULL};
	static const struct option opts[] = {
		{"customer", required_argument, NULL, OPT_CUSTOMER},
		{"owner", required_argument, NULL, OPT_OWNER},
		{"stage", required_argument, NULL, OPT_STAGE},
		{"status", required_argument, NULL, OPT_STATUS},
		{NULL, 0, NULL, 0},
	};
	struct crm_deal_filter f = {0};
	const char *customer = NULL;
	struct crm_out *out;
	struct crm_err err;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_CUSTOMER: customer = optarg; break;
		case OPT_OWNER: f.owner = optarg; break;
		case OPT_STAGE: f.stage = optarg; break;
		case OPT_STATUS: f.status = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	if (customer && (rc = cli_customer(cli, customer, &f.customer_id)))
		return rc;
	if ((rc = cli_store(cli)) ||
	    (rc = cli_out_open(cli, &out, crm_deal_columns, crm_deal_ncolumns,
			       CRM_DEAL_TABLE_COLUMNS)))
		return rc;
	if ((rc = crm_deal_list(cli->st, &f, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

static int deal_show(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm deal show KEY",
		"Shows a deal (KEY: its code or id) with its stage history, activities and",
		"open tasks.", NULL};
	struct crm_rec *rec;
	struct crm_err err;
	int64_t id;
	int rc = cli_args(cli, argc, argv, usage, 1);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = resolve_deal(cli, argv[optind], &id)))
		return rc;
	rec = crm_rec_new();
	rc = crm_deal_show(cli->st, id, rec, &err);
	return cli_show_record(cli, rec, rc, &err);
}

static int deal_edit(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm deal edit KEY [--title T] [--amount A] [--probability P|''] [--close DATE|'']",
		"                  [--owner REP] [--source S|'']",
		"Changes the given fields; '' clears the probability (the stage's applies",
		"again), the expected close date or the source.  Stages change with move.", NULL};
	struct crm_deal_input in;
	struct crm_err err;
	int64_t id;
	int rc = parse_deal(cli, argc, argv, usage, &in);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if (argc - optind != 1 || in.stage)
		return cli_usage(usage, 1);
	if ((rc = resolve_deal(cli, argv[optind], &id)))
		return rc;
	if ((rc = crm_deal_edit(cli->st, id, &in, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

/* Runs a stage change on the deal named by argv[optind]. */
static int change(struct cli *cli, int argc, char **argv, const char *const *usage, int nargs,
		  int (*fn)(struct crm_store *, int64_t, const char *, struct crm_err *),
		  const char *text)
{
	struct crm_err err;
	int64_t id;
	int rc = cli_args(cli, argc, argv, usage, nargs);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = resolve_deal(cli, argv[optind], &id)))
		return rc;
	if (nargs == 2)
		text = argv[optind + 1];
	if ((rc = fn(cli->st, id, text, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

static int deal_move(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm deal move KEY STAGE",
		"Moves an open deal to another configured stage.", NULL};

	return change(cli, argc, argv, usage, 2, crm_deal_move, NULL);
}

static int won(struct crm_store *st, int64_t id, const char *unused, struct crm_err *err)
{
	return crm_deal_won(st, id, err);
}

static int deal_won(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm deal won KEY",
		"Closes an open deal as won, today.", NULL};

	return change(cli, argc, argv, usage, 1, won, NULL);
}

static int deal_lost(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm deal lost KEY --reason TEXT",
		"Closes an open deal as lost, today, saying why.", NULL};
	static const struct option opts[] = {
		{"reason", required_argument, NULL, OPT_REASON},
		{NULL, 0, NULL, 0},
	};
	const char *reason = NULL;
	struct crm_err err;
	int64_t id;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		if (c == OPT_REASON)
			reason = optarg;
		else
			return cli_usage(usage, c != 'h');
	}
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	if (!reason)
		return missing(cli, usage, "--reason");
	if ((rc = resolve_deal(cli, argv[optind], &id)))
		return rc;
	if ((rc = crm_deal_lost(cli->st, id, reason, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

static int deal_reopen(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm deal reopen KEY [STAGE]",
		"Opens a won or lost deal again, in STAGE or the stage it was closed from.",
		NULL};
	struct crm_err err;
	int64_t id;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", NULL)) != -1)
		return cli_usage(usage, c != 'h');
	if (argc - optind < 1 || argc - optind > 2)
		return cli_usage(usage, 1);
	if ((rc = resolve_deal(cli, argv[optind], &id)))
		return rc;
	if ((rc = crm_deal_reopen(cli->st, id, argc - optind == 2 ? argv[optind + 1] : NULL,
				  &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

/* Streams a report: open the columns, run it, close. */
static int report(struct cli *cli, const struct crm_column *cols, size_t ncols,
		  int (*run)(struct cli *, struct crm_out *, const void *, struct crm_err *),
		  const void *arg)
{
	struct crm_out *out;
	struct crm_err err;
	int rc;

	if ((rc = cli_store(cli)) || (rc = cli_out_open(cli, &out, cols, ncols, NULL)))
		return rc;
	if ((rc = run(cli, out, arg, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

static int run_stages(struct cli *cli, struct crm_out *out, const void *arg, struct crm_err *err)
{
	return crm_deal_stages(cli->st, out, err);
}

static int deal_stages(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm deal stages",
		"Lists the configured stages (crm config set deal.stages ...) with their",
		"probability, stall limit, and the number and amount of open deals in each.",
		NULL};
	int rc = cli_args(cli, argc, argv, usage, 0);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	return report(cli, crm_stage_columns, crm_stage_ncolumns, run_stages, NULL);
}

/* The --owner option the pipeline and stalled reports share. */
static int owner_only(struct cli *cli, int argc, char **argv, const char *const *usage,
		      const char **owner)
{
	static const struct option opts[] = {
		{"owner", required_argument, NULL, OPT_OWNER},
		{NULL, 0, NULL, 0},
	};
	int c;

	*owner = NULL;
	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		if (c == OPT_OWNER)
			*owner = optarg;
		else if (c == 'h')
			return cli_usage(usage, 0), CLI_DONE;
		else
			return cli_usage(usage, 1);
	}
	return argc == optind ? 0 : cli_usage(usage, 1);
}

static int run_pipeline(struct cli *cli, struct crm_out *out, const void *owner,
			struct crm_err *err)
{
	return crm_deal_pipeline(cli->st, owner, out, err);
}

static int deal_pipeline(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm deal pipeline [--owner REP]",
		"Open deals per stage: count, amount and weighted amount, with a total.", NULL};
	const char *owner;
	int rc = owner_only(cli, argc, argv, usage, &owner);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	return report(cli, crm_pipeline_columns, crm_pipeline_ncolumns, run_pipeline, owner);
}

static int run_forecast(struct cli *cli, struct crm_out *out, const void *o,
			struct crm_err *err)
{
	return crm_deal_forecast(cli->st, o, out, err);
}

/* Reads --by's value: 0 for `zero`, 1 for `one`, -1 (after a message) for
 * anything else. */
static int parse_by(struct cli *cli, const char *value, const char *zero, const char *one)
{
	if (zero && strcmp(value, zero) == 0)
		return 0;
	if (strcmp(value, one) == 0)
		return 1;
	cli_error(cli, CRM_EUSAGE, "unknown --by '%s' (%s%s%s)", value, zero ? zero : "",
		  zero ? ", " : "", one);
	return -1;
}

static int deal_forecast(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm deal forecast [--by month|quarter] [--owner REP] [--from DATE] [--to DATE]",
		"Open deals by the month (or quarter) of their expected close, with the",
		"amount won in each period; deals without a close date come under \"none\".",
		NULL};
	static const struct option opts[] = {
		{"by", required_argument, NULL, OPT_BY},
		{"owner", required_argument, NULL, OPT_OWNER},
		{"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO},
		{NULL, 0, NULL, 0},
	};
	struct crm_forecast_opts o = {0};
	int c;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_BY:
			if ((o.by_quarter = parse_by(cli, optarg, "month", "quarter")) < 0)
				return cli_usage(usage, 1);
			break;
		case OPT_OWNER: o.owner = optarg; break;
		case OPT_FROM: o.from = optarg; break;
		case OPT_TO: o.to = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	return report(cli, crm_forecast_columns, crm_forecast_ncolumns, run_forecast, &o);
}

struct funnel_args {
	int by_rep;
	const char *from, *to;
};

static int run_funnel(struct cli *cli, struct crm_out *out, const void *arg, struct crm_err *err)
{
	const struct funnel_args *a = arg;

	return crm_deal_funnel(cli->st, a->by_rep, a->from, a->to, out, err);
}

static int deal_funnel(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm deal funnel [--by rep] [--from DATE] [--to DATE]",
		"Stage-to-stage conversion, win rate and average days to win of the deals",
		"created in the period (all deals by default), overall or per rep.", NULL};
	static const struct option opts[] = {
		{"by", required_argument, NULL, OPT_BY},
		{"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO},
		{NULL, 0, NULL, 0},
	};
	struct funnel_args a = {0};
	int c;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_BY:
			if ((a.by_rep = parse_by(cli, optarg, NULL, "rep")) < 0)
				return cli_usage(usage, 1);
			break;
		case OPT_FROM: a.from = optarg; break;
		case OPT_TO: a.to = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	return report(cli, crm_funnel_columns + !a.by_rep, crm_funnel_ncolumns - !a.by_rep,
		      run_funnel, &a);
}

static int run_stalled(struct cli *cli, struct crm_out *out, const void *owner,
		       struct crm_err *err)
{
	return crm_deal_stalled(cli->st, owner, out, err);
}

static int deal_stalled(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm deal stalled [--owner REP]",
		"Open deals longer in their stage than its stall limit, or past their",
		"expected close date.", NULL};
	const char *owner;
	int rc = owner_only(cli, argc, argv, usage, &owner);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	return report(cli, crm_stalled_columns, crm_stalled_ncolumns, run_stalled, owner);
}

const struct cmd deal_cmds[] = {
	{"add", deal_add, "add a deal"},
	{"list", deal_list, "list deals"},
	{"show", deal_show, "show a deal with its history"},
	{"edit", deal_edit, "change a deal"},
	{"move", deal_move, "move an open deal to another stage"},
	{"won", deal_won, "close a deal as won"},
	{"lost", deal_lost, "close a deal as lost"},
	{"reopen", deal_reopen, "open a won or lost deal again"},
	{"stages", deal_stages, "list the configured stages"},
	{"pipeline", deal_pipeline, "open deals per stage"},
	{"forecast", deal_forecast, "open deals by expected close period"},
	{"funnel", deal_funnel, "stage-to-stage conversion and win rate"},
	{"stalled", deal_stalled, "deals stuck in their stage or past their close date"},
	{NULL, NULL, NULL},
};
