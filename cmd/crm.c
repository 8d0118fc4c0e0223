/* crm.c — the dispatcher: global options, then the command table picks a
 * group and its verb.  An unknown group "foo" runs crm-foo from PATH. */
#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cmd.h"

const struct group crm_groups[] = {
	{"customer", customer_cmds, "The customer file: companies and people you sell to.", NULL},
	{"contact", contact_cmds, "The people at a customer.", NULL},
	{"activity", activity_cmds, "The contact log: calls, mails, visits, meetings, notes.", NULL},
	{"task", task_cmds, "Tasks, appointments and follow-ups.", NULL},
	{"agenda", NULL, "A rep's schedule, day by day.", agenda_run},
	{"lead", lead_cmds, "Leads: assignment, feedback deadlines, conversion.", NULL},
	{"deal", deal_cmds, "Deals: the pipeline, forecast, funnel and stalled deals.", NULL},
	{"product", product_cmds, "Products and services, their prices and price history.", NULL},
	{"quote", quote_cmds, "Quotes: lines, totals, send, accept, convert to an order.", NULL},
	{"order", order_cmds, "Sales orders: lines, promised dates, what is shipped.", NULL},
	{"delivery", delivery_cmds, "Deliveries of an order's lines, and backorders.", NULL},
	{"invoice", invoice_cmds, "Invoices and credit notes: numbered without gaps, issued, voided, credited.", NULL},
	{"ar", ar_cmds, "Receivables: receipts, settlement, ageing, statements, dunning, credit control.", NULL},
	{"case", case_cmds, "Service cases: the thread, assignment, service levels in working hours.", NULL},
	{"rma", rma_cmds, "Returns for repair: warranty, receipt, diagnosis, repair, shipping back.", NULL},
	{"visit", visit_cmds, "Field visits by technicians, and maintenance plans.", NULL},
	{"survey", survey_cmds, "Satisfaction surveys: CSAT and NPS, sent and recorded.", NULL},
	{"report", report_cmds, "Reports a manager reads.", NULL},
	{"remind", NULL, "What is due: the report for cron, by mail too.", remind_run},
	{"history", history_cmds, "What changed, when, and who changed it (the audit log).", NULL},
	{"config", config_cmds, "Settings: deal stages, cadences, reps' addresses.", NULL},
	{"db", db_cmds, "The database: create, check, back up, migrate.", NULL},
	{NULL, NULL, NULL, NULL},
};

static const char *const usage[] = {
	"crm [global options] <group> <verb> [options] [arguments]",
	"",
	"global options:",
	"   --db PATH          database file (env CRM_DB; default $XDG_DATA_HOME/crm/crm.db)",
	"   --format FORMAT    table, csv, tsv, json or ndjson (env CRM_FORMAT)",
	"   --columns A,B      pick and order the output columns",
	"   --no-header        leave out the header line of table, csv and tsv",
	"   --user NAME        who is making changes (env CRM_USER; default the login name)",
	"   --today DATE       the date crm takes as today (env CRM_TODAY)",
	"   -q, --quiet        no informational messages",
	"   --list-cmds        print every group and verb",
	"   -h, --help         this help;  --version  the version",
	NULL,
};

static int print_help(FILE *fp)
{
	fprintf(fp, "usage: %s\n", usage[0]);
	for (size_t i = 1; usage[i]; i++)
		fprintf(fp, "%s\n", usage[i]);
	fprintf(fp, "\ngroups:\n");
	for (const struct group *g = crm_groups; g->name; g++)
		fprintf(fp, "   %-10s %s\n", g->name, g->summary);
	fprintf(fp, "\n'crm <group> --help' lists a group's verbs; 'crm help <group>' opens its "
		    "manual.\n");
	return 0;
}

static void list_cmds(void)
{
	for (const struct group *g = crm_groups; g->name; g++) {
		if (!g->verbs)
			printf("%s\n", g->name);
		for (const struct cmd *v = g->verbs; v && v->name; v++)
			printf("%s %s\n", g->name, v->name);
	}
}

static const struct group *find_group(const char *name)
{
	for (const struct group *g = crm_groups; g->name; g++)
		if (strcmp(g->name, name) == 0)
			return g;
	return NULL;
}

/* crm help [GROUP]: the overview, or the group's manual page. */
static int help(int argc, char **argv)
{
	char page[64];

	if (argc < 2)
		return print_help(stdout);
	if (!find_group(argv[1])) {
		fprintf(stderr, "crm: help: no group '%s'; see 'crm --help'\n", argv[1]);
		return CRM_EUSAGE;
	}
	snprintf(page, sizeof page, "crm-%s", argv[1]);
	fflush(stdout);
	execlp("man", "man", page, (char *)NULL);
	fprintf(stderr, "crm: help: cannot run man (%s); try 'crm %s --help'\n", strerror(errno),
		argv[1]);
	return CRM_EFAIL;
}

/* The global options reach an extension as the environment it reads. */
static void export_globals(const struct cli *cli)
{
	static const char *const formats[] = {"table", "csv", "tsv", "json", "ndjson"};

	if (cli->db_path)
		setenv("CRM_DB", cli->db_path, 1);
	if (cli->user)
		setenv("CRM_USER", cli->user, 1);
	if (cli->today)
		setenv("CRM_TODAY", cli->today, 1);
	if (cli->format_given)
		setenv("CRM_FORMAT", formats[cli->format], 1);
}

/* git's way of extending: crm foo ... runs crm-foo ... from PATH. */
static int run_external(const struct cli *cli, char **argv)
{
	char name[256];

	snprintf(name, sizeof name, "crm-%s", argv[0]);
	fflush(stdout);
	argv[0] = name;
	export_globals(cli);
	execvp(name, argv);
	if (errno == ENOENT) {
		fprintf(stderr, "crm: '%s' is not a crm command; see 'crm --help'\n", name + 4);
		return CRM_EUSAGE;
	}
	fprintf(stderr, "crm: cannot run %s: %s\n", name, strerror(errno));
	return CRM_EFAIL;
}

static const char *login_name(void)
{
	const char *env = getenv("CRM_USER");
	struct passwd *pw;

	if (env && *env)
		return env;
	if ((pw = getpwuid(getuid())) && pw->pw_name)
		return pw->pw_name;
	env = getenv("LOGNAME");
	return env && *env ? env : "unknown";
}

static void init_defaults(struct cli *cli)
{
	const char *fmt = getenv("CRM_FORMAT"), *db = getenv("CRM_DB");
	struct winsize ws;

	memset(cli, 0, sizeof *cli);
	cli->user = login_name();
	cli->db_path = db && *db ? db : NULL;
	cli->format = isatty(STDOUT_FILENO) ? CRM_FMT_TABLE : CRM_FMT_CSV;
	if (fmt && *fmt) {
		if (crm_format_parse(fmt, &cli->format) != 0)
			cli->bad_format_env = fmt;
		cli->format_given = 1;
	}
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col)
		cli->width = ws.ws_col;
}

enum { OPT_VERSION = 0x2000, OPT_LIST_CMDS };

static const struct option global_options[] = {
	{"version", no_argument, NULL, OPT_VERSION},
	{"list-cmds", no_argument, NULL, OPT_LIST_CMDS},
	{NULL, 0, NULL, 0},
};

/* Parses the global options before the group. */
static int parse_globals(struct cli *cli, int argc, char **argv, int *done)
{
	int c;

	*done = 0;
	while ((c = cli_getopt(cli, argc, argv, "+", global_options)) != -1) {
		switch (c) {
		case OPT_VERSION: printf("crm %s\n", CRM_VERSION); *done = 1; return 0;
		case OPT_LIST_CMDS: list_cmds(); *done = 1; return 0;
		case 'h': print_help(stdout); *done = 1; return 0;
		default: print_help(stderr); return CRM_EUSAGE;
		}
	}
	return 0;
}

/* A failed write to stdout is an error; a closed pipe has already ended the
 * process quietly through SIGPIPE.  A verb that failed has said why already
 * (often "write error" itself), so only a success turns into this message. */
static int finish(int rc)
{
	if ((fflush(stdout) != 0 || ferror(stdout)) && rc == 0) {
		fprintf(stderr, "crm: write error: %s\n", strerror(errno));
		return CRM_EFAIL;
	}
	return rc;
}

int main(int argc, char **argv)
{
	static char prog[] = "crm"; /* getopt's messages say "crm: ", not the path */
	struct cli cli;
	const struct group *g;
	int rc, done;

	argv[0] = prog;
	signal(SIGPIPE, SIG_DFL);
#ifdef M_TOP_PAD
	/* A write that fires triggers keeps its statement journal in memory
	 * (lib/store.c): some 30 pages a row on import, freed when the row is
	 * done.  glibc gave that memory back to the system after every row and
	 * took it again for the next, page faults and all, and an import ran at
	 * half speed.  Keeping 4 MB at the top of the heap ends the churn. */
	mallopt(M_TOP_PAD, 4 << 20);
#endif
	init_defaults(&cli);
	if ((rc = parse_globals(&cli, argc, argv, &done)) != 0 || done)
		return finish(rc);
	if (cli.bad_format_env && !cli.format_from_option) {
		fprintf(stderr, "crm: CRM_FORMAT '%s' is not a format (table, csv, tsv, json, "
				"ndjson)\n", cli.bad_format_env);
		return CRM_EUSAGE;
	}
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		print_help(stderr);
		return CRM_EUSAGE;
	}
	if (!strcmp(argv[0], "help"))
		return finish(help(argc, argv));
	if (!strcmp(argv[0], "version"))
		return finish(printf("crm %s\n", CRM_VERSION) < 0);
	if (!(g = find_group(argv[0])))
		return run_external(&cli, argv);
	rc = cli_dispatch(&cli, g, argc, argv);
	crm_store_close(cli.st);
	return finish(rc);
}
