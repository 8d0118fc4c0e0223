/* customer.c — crm customer: add, list, show, edit, rm, tag, search, import,
 * export, merge, reassign. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "customer.h"
#include "reader.h"

enum {
	OPT_FIELD_BASE = 0x100, /* + enum crm_customer_field: --code, --tax-id ... */
	OPT_TAG = 0x200, OPT_UNTAG, OPT_EXTRA, OPT_FORCE, OPT_DRY_RUN, OPT_STATUS, OPT_OWNER,
	OPT_CITY, OPT_COUNTRY, OPT_TIER, OPT_SINCE, OPT_SORT, OPT_LIMIT, OPT_ALL, OPT_ARCHIVED,
	OPT_PURGE, OPT_FROM, OPT_TO, OPT_UPDATE, OPT_INPUT_FORMAT, OPT_CHECK_DUPLICATES
};

/* --code, --kind ... --note, spelled with '-' for '_', built from the lib's
 * field table so the options cannot drift from the fields. */
static char option_names[CF_COUNT][32];

static size_t add_field_options(struct option *o, int with_name)
{
	size_t n = 0;

	for (int f = 0; f < CF_COUNT; f++) {
		char *p;

		if (f == CF_NAME && !with_name)
			continue;
		snprintf(option_names[f], sizeof option_names[f], "%s", crm_customer_field_name(f));
		for (p = option_names[f]; *p; p++)
			if (*p == '_')
				*p = '-';
		o[n++] = (struct option){option_names[f], required_argument, NULL, OPT_FIELD_BASE + f};
	}
	return n;
}

static const struct option edit_extra_options[] = {
	{"tag", required_argument, NULL, OPT_TAG},
	{"untag", required_argument, NULL, OPT_UNTAG},
	{"field", required_argument, NULL, OPT_EXTRA},
	{"force", no_argument, NULL, OPT_FORCE},
	{"dry-run", no_argument, NULL, OPT_DRY_RUN},
};

/* The option table of add (with_name = 0) or edit (with_name = 1). */
static struct option *field_options(int with_name)
{
	static struct option opts[CF_COUNT + 8];
	size_t n = add_field_options(opts, with_name);

	memcpy(opts + n, edit_extra_options, sizeof edit_extra_options);
	memset(opts + n + sizeof edit_extra_options / sizeof *edit_extra_options, 0, sizeof *opts);
	return opts;
}

/* Reads the options add and edit share into in; flags gets --force/--dry-run.
 * Returns 0 to go on, -1 after --help, or an exit code. */
static int parse_input(struct cli *cli, int argc, char **argv, int with_name,
		       const char *const *usage, struct crm_customer_input *in, int *flags,
		       struct cli_list *tags, struct cli_list *untags, struct cli_list *extra)
{
	const struct option *opts = field_options(with_name);
	int c;

	memset(in, 0, sizeof *in);
	in->archived = -1;
	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		if (c >= OPT_FIELD_BASE && c < OPT_FIELD_BASE + CF_COUNT)
			in->v[c - OPT_FIELD_BASE] = optarg;
		else if (c == OPT_TAG)
			cli_list_push(tags, optarg);
		else if (c == OPT_UNTAG && with_name)
			cli_list_push(untags, optarg);
		else if (c == OPT_EXTRA)
			cli_list_push(extra, optarg);
		else if (c == OPT_FORCE && !with_name)
			*flags |= CRM_ADD_FORCE;
		else if (c == OPT_DRY_RUN && !with_name)
			*flags |= CRM_ADD_DRY_RUN;
		else if (c == 'h') {
			cli_usage(usage, 0);
			return CLI_DONE;
		}
		else
			return cli_usage(usage, 1);
	}
	in->tags = tags->items;
	in->ntags = tags->n;
	in->untags = untags->items;
	in->nuntags = untags->n;
	in->fields = extra->items;
	in->nfields = extra->n;
	return 0;
}

static void free_lists(struct cli_list *a, struct cli_list *b, struct cli_list *c)
{
	free(a->items);
	free(b->items);
	free(c->items);
}

/* The field options add and edit share, for their usage text. */
#define FIELD_USAGE                                                                            \
	"   --code C  --kind company|person  --status lead|prospect|active|inactive|lost",        \
	"   --owner REP  --email ADDR  --phone NUM  --website URL",                               \
	"   --street S  --city C  --region R  --postcode P  --country C",                         \
	"   --tax-id ID  --industry I  --source S  --campaign C  --tier T",                       \
	"   --credit-limit AMOUNT  --terms DAYS  --cadence DAYS  --note TEXT",                    \
	"   --tag T (repeatable)  --field KEY=VALUE (repeatable)"

/* Prints what a refused add found, on stderr, one duplicate a line. */
static void print_duplicates(FILE *fp, const struct crm_dup_list *dups)
{
	for (size_t i = 0; i < dups->n; i++)
		fprintf(fp, "  %s\t%s\t(%s)\n", dups->items[i].code, dups->items[i].name,
			dups->items[i].reason);
}

static int customer_add(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm customer add NAME [options]",
		"Adds a customer and prints its code.  Refuses likely duplicates (similar name,",
		"same email, phone or tax id) with exit 4 unless --force; --dry-run only checks.",
		"", FIELD_USAGE, "   --force  --dry-run", NULL};
	struct cli_list tags = {0}, untags = {0}, extra = {0};
	struct crm_customer_input in;
	struct crm_dup_list dups = {0};
	struct crm_err err;
	char code[65];
	int flags = 0, rc;

	rc = parse_input(cli, argc, argv, 0, usage, &in, &flags, &tags, &untags, &extra);
	if (rc == 0 && argc - optind != 1)
		rc = cli_usage(usage, 1);
	if (rc == 0 && (rc = cli_store(cli)) == CRM_OK) {
		in.v[CF_NAME] = argv[optind];
		rc = crm_customer_add(cli->st, &in, flags, &dups, code, &err);
		if (rc != CRM_OK) {
			cli_fail(cli, rc, &err);
			print_duplicates(stderr, &dups);
		} else if (flags & CRM_ADD_DRY_RUN) {
			printf("%s\n", code);
			cli_note(cli, "dry run: %s; nothing written",
				 flags & CRM_ADD_FORCE ? "duplicates not checked" : "no likely duplicates");
		} else {
			printf("%s\n", code);
		}
	}
	crm_dup_list_free(&dups);
	free_lists(&tags, &untags, &extra);
	return rc == CLI_DONE ? 0 : rc;
}

static int customer_edit(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm customer edit KEY [options]",
		"Changes the given fields of a customer; an empty value clears a field.",
		"", "   --name NAME", FIELD_USAGE,
		"   --untag T (repeatable)  --field KEY= removes a field", NULL};
	struct cli_list tags = {0}, untags = {0}, extra = {0};
	struct crm_customer_input in;
	struct crm_err err;
	int64_t id;
	int flags = 0, rc;

	rc = parse_input(cli, argc, argv, 1, usage, &in, &flags, &tags, &untags, &extra);
	if (rc == 0 && argc - optind != 1)
		rc = cli_usage(usage, 1);
	if (rc == 0 && (rc = cli_store(cli)) == CRM_OK) {
		if ((rc = crm_customer_find(cli->st, argv[optind], &id, &err)) == CRM_OK)
			rc = crm_customer_edit(cli->st, id, &in, &err);
		if (rc != CRM_OK)
			cli_fail(cli, rc, &err);
	}
	free_lists(&tags, &untags, &extra);
	return rc == CLI_DONE ? 0 : rc;
}

static int customer_list(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm customer list [options]",
		"Lists customers (archived ones only with --all or --archived).",
		"",
		"   --status S  --owner REP  --tag T  --city C  --country C  --tier T",
		"   --since DATE     created on or after DATE",
		"   --sort COLUMN    any output column; -COLUMN sorts descending (default name)",
		"   --limit N  --all  --archived", NULL};
	static const struct option opts[] = {
		{"status", required_argument, NULL, OPT_STATUS},
		{"owner", required_argument, NULL, OPT_OWNER},
		{"tag", required_argument, NULL, OPT_TAG},
		{"city", required_argument, NULL, OPT_CITY},
		{"country", required_argument, NULL, OPT_COUNTRY},
		{"tier", required_argument, NULL, OPT_TIER},
		{"since", required_argument, NULL, OPT_SINCE},
		{"sort", required_argument, NULL, OPT_SORT},
		{"limit", required_argument, NULL, OPT_LIMIT},
		{"all", no_argument, NULL, OPT_ALL},
		{"archived", no_argument, NULL, OPT_ARCHIVED},
		{NULL, 0, NULL, 0}};
	struct crm_customer_filter f = {0};
	struct crm_out *out;
	struct crm_err err;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_STATUS: f.status = optarg; break;
		case OPT_OWNER: f.owner = optarg; break;
		case OPT_TAG: f.tag = optarg; break;
		case OPT_CITY: f.city = optarg; break;
		case OPT_COUNTRY: f.country = optarg; break;
		case OPT_TIER: f.tier = optarg; break;
		case OPT_SINCE: f.since = optarg; break;
		case OPT_SORT: f.sort = optarg; break;
		case OPT_LIMIT:
			if ((rc = cli_count(cli, "--limit", optarg, 0, &f.limit)))
				return rc;
			break;
		case OPT_ALL: f.archived = 1; break;
		case OPT_ARCHIVED: f.archived = 2; break;
		case 'h': return cli_usage(usage, 0);
		default: return cli_usage(usage, 1);
		}
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	if ((rc = cli_store(cli)) ||
	    (rc = cli_out_open(cli, &out, crm_customer_columns, crm_customer_ncolumns,
			       CRM_CUSTOMER_TABLE_COLUMNS)))
		return rc;
	rc = crm_customer_list(cli->st, &f, out, &err);
	if (rc != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

static int customer_show(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm customer show KEY",
		"Shows everything about a customer: fields, tags, extra fields, contacts,",
		"contact cadence, recent activities, open follow-ups, open deals and documents.",
		NULL};
	struct crm_rec *rec;
	struct crm_err err;
	int64_t id;
	int rc = cli_args(cli, argc, argv, usage, 1);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = cli_customer(cli, argv[optind], &id)))
		return rc;
	rec = crm_rec_new();
	rc = crm_customer_show(cli->st, id, rec, &err);
	return cli_show_record(cli, rec, rc, &err);
}

static int customer_rm(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm customer rm KEY [--purge]",
		"Archives a customer; --purge deletes it with its contacts, tags and extra",
		"fields, and is refused while other records refer to it.", NULL};
	static const struct option opts[] = {{"purge", no_argument, NULL, OPT_PURGE},
					     {NULL, 0, NULL, 0}};
	struct crm_err err;
	int64_t id;
	int c, rc, purge = 0;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1)
		if (c == OPT_PURGE)
			purge = 1;
		else
			return cli_usage(usage, c != 'h');
	if (argc - optind != 1)
		return cli_usage(usage, 1);
	if ((rc = cli_customer(cli, argv[optind], &id)))
		return rc;
	if ((rc = crm_customer_rm(cli->st, id, purge, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	cli_note(cli, "%s %s", purge ? "deleted" : "archived", argv[optind]);
	return 0;
}

static int customer_tag(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm customer tag KEY [+]TAG... -TAG...",
		"Adds tags (TAG or +TAG) and removes them (-TAG).", NULL};
	struct cli_list add = {0}, del = {0};
	struct crm_customer_input in = {0};
	struct crm_err err;
	int64_t id;
	int rc = 0;

	/* "-old" must reach us as a word, not as an option: no getopt past KEY. */
	if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")))
		return cli_usage(usage, 0);
	if (argc < 3)
		return cli_usage(usage, 1);
	for (int i = 2; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1])
			cli_list_push(&del, argv[i] + 1);
		else
			cli_list_push(&add, argv[i] + (argv[i][0] == '+'));
	}
	in.tags = add.items;
	in.ntags = add.n;
	in.untags = del.items;
	in.nuntags = del.n;
	if ((rc = cli_customer(cli, argv[1], &id)) == CRM_OK &&
	    (rc = crm_customer_edit(cli->st, id, &in, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	free(add.items);
	free(del.items);
	return rc;
}

static int customer_search(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm customer search TERM... [--limit N] [--all]",
		"Finds customers by name, code, email, phone, city, notes and contacts;",
		"case- and accent-insensitive, any script; best matches first (default 20).", NULL};
	static const struct option opts[] = {{"limit", required_argument, NULL, OPT_LIMIT},
					     {"all", no_argument, NULL, OPT_ALL},
					     {NULL, 0, NULL, 0}};
	struct crm_out *out;
	struct crm_err err;
	char query[4096] = "";
	size_t used = 0;
	long limit = 20;
	int c, rc, all = 0;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		if (c == OPT_LIMIT) {
			if ((rc = cli_count(cli, "--limit", optarg, 0, &limit)))
				return rc;
		} else if (c == OPT_ALL) {
			all = 1;
		} else {
			return cli_usage(usage, c != 'h');
		}
	}
	if (argc == optind)
		return cli_usage(usage, 1);
	for (int i = optind; i < argc && used < sizeof query; i++)
		used += (size_t)snprintf(query + used, sizeof query - used, "%s%s",
					 i > optind ? " " : "", argv[i]);
	if ((rc = cli_store(cli)) ||
	    (rc = cli_out_open(cli, &out, crm_customer_columns, crm_customer_ncolumns,
			       CRM_CUSTOMER_SEARCH_TABLE_COLUMNS)))
		return rc;
	if ((rc = crm_customer_search(cli->st, query, limit, all, out, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

static int customer_import(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm customer import [--from FILE|-] [--format csv|json|ndjson] [--update] [--dry-run]",
		"                    [--check-duplicates]",
		"Imports customers, all or nothing: a bad row aborts the whole import and names",
		"its line and column.  Columns are named as in 'crm customer export'.",
		"--update changes customers whose code exists; --dry-run checks and writes nothing;",
		"--check-duplicates refuses likely duplicates as 'crm customer add' does.",
		NULL};
	static const struct option opts[] = {{"from", required_argument, NULL, OPT_FROM},
					     {"format", required_argument, NULL, OPT_INPUT_FORMAT},
					     {"update", no_argument, NULL, OPT_UPDATE},
					     {"dry-run", no_argument, NULL, OPT_DRY_RUN},
					     {"check-duplicates", no_argument, NULL,
					      OPT_CHECK_DUPLICATES},
					     {NULL, 0, NULL, 0}};
	const char *from = "-", *given = NULL;
	struct crm_import_stats stats;
	struct crm_reader *r;
	struct crm_err err;
	FILE *fp = stdin;
	int c, rc, flags = 0;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_FROM: from = optarg; break;
		case OPT_INPUT_FORMAT: given = optarg; break;
		case OPT_UPDATE: flags |= CRM_IMPORT_UPDATE; break;
		case OPT_DRY_RUN: flags |= CRM_IMPORT_DRY_RUN; break;
		case OPT_CHECK_DUPLICATES: flags |= CRM_IMPORT_CHECK_DUPLICATES; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc != optind)
		return cli_usage(usage, 1);
	if ((rc = cli_import_open(cli, from, given, &r, &fp)))
		return rc;
	rc = crm_customer_import(cli->st, r, flags, &stats, &err);
	cli_import_close(r, fp);
	if (rc != CRM_OK)
		return cli_fail(cli, rc, &err);
	cli_note(cli, "%s %ld customer%s: %ld added, %ld updated",
		 flags & CRM_IMPORT_DRY_RUN ? "dry run: would import" : "imported",
		 stats.rows, stats.rows == 1 ? "" : "s", stats.added, stats.updated);
	return 0;
}

static int customer_export(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm customer export [--format csv|tsv|json|ndjson]",
		"Writes every customer, archived ones too, with every field, tags and extra",
		"fields, in the form 'crm customer import' reads back (csv unless --format).", NULL};

	return cli_export(cli, argc, argv, usage, crm_customer_export);
}

static int customer_merge(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm customer merge KEEP DROP",
		"Moves DROP's contacts, tags, extra fields and every other reference to KEEP,",
		"fills KEEP's empty fields from DROP, and archives DROP.", NULL};
	struct crm_err err;
	int64_t keep, drop;
	int rc = cli_args(cli, argc, argv, usage, 2);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = cli_customer(cli, argv[optind], &keep)) ||
	    (rc = cli_customer(cli, argv[optind + 1], &drop)))
		return rc;
	if ((rc = crm_customer_merge(cli->st, keep, drop, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	cli_note(cli, "merged %s into %s", argv[optind + 1], argv[optind]);
	return 0;
}

static int customer_reassign(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {
		"crm customer reassign --from REP --to REP [--status S[,S...]]",
		"Hands a rep's customers (optionally only those in the given statuses) to", "another rep.",
		NULL};
	static const struct option opts[] = {{"from", required_argument, NULL, OPT_FROM},
					     {"to", required_argument, NULL, OPT_TO},
					     {"status", required_argument, NULL, OPT_STATUS},
					     {NULL, 0, NULL, 0}};
	const char *from = NULL, *to = NULL, *status = NULL;
	struct crm_err err;
	long count;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case OPT_FROM: from = optarg; break;
		case OPT_TO: to = optarg; break;
		case OPT_STATUS: status = optarg; break;
		default: return cli_usage(usage, c != 'h');
		}
	}
	if (argc != optind || !from || !to)
		return cli_usage(usage, 1);
	if ((rc = cli_store(cli)) != CRM_OK)
		return rc;
	if ((rc = crm_customer_reassign(cli->st, from, to, status, &count, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	printf("%ld\n", count);
	cli_note(cli, "reassigned %ld customer%s from %s to %s", count, count == 1 ? "" : "s",
		 from, to);
	return 0;
}

const struct cmd customer_cmds[] = {
	{"add", customer_add, "add a customer (refuses likely duplicates)"},
	{"list", customer_list, "list customers, filtered and sorted"},
	{"show", customer_show, "everything about one customer"},
	{"edit", customer_edit, "change a customer's fields"},
	{"rm", customer_rm, "archive a customer (--purge deletes)"},
	{"tag", customer_tag, "add and remove tags"},
	{"search", customer_search, "fuzzy search by name, code, email, phone, city, notes"},
	{"import", customer_import, "import customers from csv, json or ndjson, all or nothing"},
	{"export", customer_export, "export every customer for import elsewhere"},
	{"merge", customer_merge, "merge a duplicate into the customer to keep"},
	{"reassign", customer_reassign, "hand a rep's customers to another rep"},
	{NULL, NULL, NULL},
};
