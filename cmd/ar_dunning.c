/* ar_dunning.c — crm ar dunning: the letters to customers with overdue
 * invoices, and the history of the letters sent. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ar_dunning.h"
#include "dunning.h"

static const char *const usage[] = {
	"crm ar dunning [--as-of DATE] [--dry-run] [--mbox | --dir DIR | --send] [--to ADDRESS]",
	"               [--customer KEY]",
	"   or: crm ar dunning history [CUSTOMER]",
	"Makes one letter per customer with overdue invoices, at the level the oldest of",
	"them reached (config dunning.N.days), one level above the last letter at most,",
	"and records it.  Without --mbox, --dir or --send it lists the letters; --mbox",
	"writes them as mail (mboxrd) to standard output, --dir one file per letter",
	"(DIR/CODE-LN.txt), --send pipes each to $CRM_SENDMAIL (default \"sendmail -t -i\").",
	"--dry-run records and sends nothing.  --to replaces every recipient.",
	"history lists the letters recorded.",
	NULL};

static const char *const history_usage[] = {
	"crm ar dunning history [CUSTOMER]",
	"Lists the dunning letters recorded, oldest first: date, customer, name, level,",
	"invoices, overdue, fee, interest, to (empty for letters that were not mailed).",
	NULL};

enum { OPT_AS_OF = 0x100, OPT_DRY_RUN, OPT_MBOX, OPT_DIR, OPT_SEND, OPT_TO, OPT_CUSTOMER };

static const struct option options[] = {
	{"as-of", required_argument, NULL, OPT_AS_OF},
	{"dry-run", no_argument, NULL, OPT_DRY_RUN},
	{"mbox", no_argument, NULL, OPT_MBOX},
	{"dir", required_argument, NULL, OPT_DIR},
	{"send", no_argument, NULL, OPT_SEND},
	{"to", required_argument, NULL, OPT_TO},
	{"customer", required_argument, NULL, OPT_CUSTOMER},
	{NULL, 0, NULL, 0},
};

static int dunning_history(struct cli *cli, int argc, char **argv)
{
	struct crm_out *out;
	struct crm_err err;
	int64_t customer_id = 0;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", NULL)) != -1)
		return cli_usage(history_usage, c != 'h');
	if (argc - optind > 1)
		return cli_usage(history_usage, 1);
	if (argc - optind == 1 && (rc = cli_customer(cli, argv[optind], &customer_id)))
		return rc;
	if ((rc = cli_store(cli)) ||
	    (rc = cli_out_open(cli, &out, crm_dunning_history_columns,
			       crm_dunning_history_ncolumns, NULL)))
		return rc;
	if ((rc = crm_dunning_history(cli->st, customer_id, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

static void warn(void *arg, const char *msg)
{
	cli_error(arg, CRM_EFAIL, "%s", msg);
}

/* The list of letters is a row stream opened before the run (so a bad
 * --columns is reported before anything is recorded) and left unfinished
 * when there is no letter: nothing due prints nothing, for cron. */
static int dunning_run(struct cli *cli, struct crm_dunning_opts *o)
{
	int listing = o->mode == CRM_DUNNING_LIST || (o->mode == CRM_DUNNING_SEND && o->dry_run);
	struct crm_err err;
	int rc;

	if (listing && (rc = cli_out_open(cli, &o->out, crm_dunning_columns, crm_dunning_ncolumns,
					  NULL)))
		return rc;
	o->mbox = stdout;
	o->warn = warn;
	o->arg = cli;
	if ((rc = crm_dunning_run(cli->st, o, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	if (listing && rc == CRM_OK && crm_out_count(o->out) == 0) {
		crm_out_discard(o->out);
		return o->undelivered ? CRM_EFAIL : 0;
	}
	if (listing)
		rc = cli_out_close(cli, o->out, rc);
	else if (rc == CRM_OK && (fflush(stdout) != 0 || ferror(stdout)))
		rc = cli_error(cli, CRM_EFAIL, "write error: %s", strerror(errno));
	return rc ? rc : o->undelivered ? CRM_EFAIL : 0;
}

int ar_dunning(struct cli *cli, int argc, char **argv)
{
	struct crm_dunning_opts o = {.mode = CRM_DUNNING_LIST};
	const char *customer = NULL, *sendmail = getenv("CRM_SENDMAIL");
	int c, rc, modes = 0;

	if (argc > 1 && !strcmp(argv[1], "history")) {
		cli->verb = "dunning history";
		return dunning_history(cli, argc - 1, argv + 1);
	}
	while ((c = cli_getopt(cli, argc, argv, "", options)) != -1) {
		switch (c) {
		case OPT_AS_OF: o.as_of = optarg; break;
		case OPT_DRY_RUN: o.dry_run = 1; break;
		case OPT_MBOX: o.mode = CRM_DUNNING_MBOX; modes++; break;
		case OPT_DIR: o.mode = CRM_DUNNING_DIR; o.dir = optarg; modes++; break;
		case OPT_SEND: o.mode = CRM_DUNNING_SEND; modes++; break;
		case OPT_TO: o.to = optarg; break;
		case OPT_CUSTOMER: customer = optarg; break;
		case 'h': return cli_usage(usage, 0);
		default: return cli_usage(usage, 1);
		}
	}
	if (optind != argc)
		return cli_usage(usage, 1);
	if (modes > 1)
		return cli_error(cli, CRM_EUSAGE, "--mbox, --dir and --send exclude each other");
	if (o.dir && !*o.dir)
		return cli_error(cli, CRM_EUSAGE, "--dir needs a directory");
	o.sendmail = sendmail && *sendmail ? sendmail : "sendmail -t -i";
	if (customer && (rc = cli_customer(cli, customer, &o.customer_id)))
		return rc;
	if ((rc = cli_store(cli)))
		return rc;
	return dunning_run(cli, &o);
}
