/* cli.c — the mechanics every command group shares. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "customer.h"
#include "reader.h"

static void vmessage(struct cli *cli, const char *fmt, va_list ap)
{
	fputs("crm: ", stderr);
	if (cli->group && cli->verb)
		fprintf(stderr, "%s %s: ", cli->group, cli->verb);
	else if (cli->group)
		fprintf(stderr, "%s: ", cli->group);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int cli_error(struct cli *cli, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(cli, fmt, ap);
	va_end(ap);
	return code;
}

int cli_fail(struct cli *cli, int code, const struct crm_err *err)
{
	return cli_error(cli, code, "%s", err->msg);
}

void cli_note(struct cli *cli, const char *fmt, ...)
{
	va_list ap;

	if (cli->quiet)
		return;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_usage(const char *const *usage, int error)
{
	FILE *fp = error ? stderr : stdout;

	fprintf(fp, "usage: %s\n", usage[0]);
	for (size_t i = 1; usage[i]; i++)
		fprintf(fp, "%s\n", usage[i]);
	return error ? CRM_EUSAGE : 0;
}

enum { OPT_FORMAT = 0x1000, OPT_COLUMNS, OPT_NO_HEADER, OPT_DB, OPT_USER, OPT_TODAY };

static const struct option common_options[] = {
	{"format", required_argument, NULL, OPT_FORMAT},
	{"columns", required_argument, NULL, OPT_COLUMNS},
	{"no-header", no_argument, NULL, OPT_NO_HEADER},
	{"db", required_argument, NULL, OPT_DB},
	{"user", required_argument, NULL, OPT_USER},
	{"today", required_argument, NULL, OPT_TODAY},
	{"quiet", no_argument, NULL, 'q'},
	{"help", no_argument, NULL, 'h'},
};
#define NCOMMON (sizeof common_options / sizeof *common_options)

/* A verb's options come first so that a verb may give --format its own
 * meaning (import reads a format). */
static struct option *merge_options(const struct option *verb)
{
	size_t n = 0;
	struct option *all;

	while (verb && verb[n].name)
		n++;
	all = calloc(n + NCOMMON + 1, sizeof *all);
	if (!all)
		abort();
	if (n) /* verb is NULL for verbs without options: memcpy from NULL is undefined */
		memcpy(all, verb, n * sizeof *all);
	memcpy(all + n, common_options, sizeof common_options);
	return all;
}

static int apply_common(struct cli *cli, int c, const char *arg)
{
	switch (c) {
	case OPT_FORMAT:
		if (crm_format_parse(arg, &cli->format) != 0) {
			cli_error(cli, CRM_EUSAGE,
				  "unknown format '%s' (table, csv, tsv, json, ndjson)", arg);
			return '?';
		}
		cli->format_given = cli->format_from_option = 1;
		return 0;
	case OPT_COLUMNS: cli->columns = arg; return 0;
	case OPT_NO_HEADER: cli->no_header = 1; return 0;
	case OPT_DB: cli->db_path = arg; return 0;
	case OPT_USER: cli->user = arg; return 0;
	case OPT_TODAY: cli->today = arg; return 0;
	case 'q': cli->quiet = 1; return 0;
	default: return c;
	}
}

int cli_getopt(struct cli *cli, int argc, char **argv, const char *shortopts,
	       const struct option *longopts)
{
	static struct option *merged;
	static const struct option *merged_for;
	char shorts[64];
	int c;

	if (merged_for != longopts || !merged) {
		free(merged);
		merged = merge_options(longopts);
		merged_for = longopts;
	}
	snprintf(shorts, sizeof shorts, "%sqh", shortopts ? shortopts : "");
	do {
		c = getopt_long(argc, argv, shorts, merged, NULL);
		if (c == ':' || c == '?')
			return '?';
		if (c == -1) {
			free(merged);
			merged = NULL;
			return -1;
		}
		c = apply_common(cli, c, optarg);
	} while (c == 0);
	return c;
}

int cli_store(struct cli *cli)
{
	static char default_path[4096]; /* lives as long as the process */
	struct crm_err err;
	char *owned;
	int rc;

	if (cli->st)
		return CRM_OK;
	if ((rc = crm_clock_init(&cli->clock, cli->today, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	if (!cli->db_path) {
		if (!(owned = crm_store_default_path(&err)))
			return cli_fail(cli, CRM_EFAIL, &err);
		rc = snprintf(default_path, sizeof default_path, "%s", owned) >=
		     (int)sizeof default_path;
		free(owned);
		if (rc)
			return cli_error(cli, CRM_EFAIL, "database path too long; use --db");
		cli->db_path = default_path;
	}
	rc = crm_store_open(&cli->st, cli->db_path, cli->user, &cli->clock,
			    CRM_OPEN_CREATE | cli->open_flags, &err);
	if (rc != CRM_OK)
		return cli_fail(cli, rc, &err);
	return CRM_OK;
}

int cli_args(struct cli *cli, int argc, char **argv, const char *const *usage, int nargs)
{
	int c;

	while ((c = cli_getopt(cli, argc, argv, "", NULL)) != -1)
		return c == 'h' ? (cli_usage(usage, 0), CLI_DONE) : cli_usage(usage, 1);
	return argc - optind == nargs ? 0 : cli_usage(usage, 1);
}

int cli_customer(struct cli *cli, const char *key, int64_t *id)
{
	struct crm_err err;
	int rc = cli_store(cli);

	if (rc == CRM_OK && (rc = crm_customer_find(cli->st, key, id, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	return rc;
}

int cli_show_record(struct cli *cli, struct crm_rec *rec, int rc, const struct crm_err *err)
{
	struct crm_out_opts o = cli_out_opts(cli, NULL);
	struct crm_err werr;

	if (rc != CRM_OK) {
		crm_rec_free(rec);
		return cli_fail(cli, rc, err);
	}
	if ((rc = crm_rec_write(rec, stdout, &o, &werr)) != CRM_OK)
		return cli_fail(cli, rc, &werr);
	return 0;
}

struct crm_out_opts cli_out_opts(struct cli *cli, const char *table_columns)
{
	struct crm_out_opts o = {0};

	o.format = cli->format;
	o.no_header = cli->no_header;
	o.columns = cli->columns;
	if (!o.columns && o.format == CRM_FMT_TABLE)
		o.columns = table_columns;
	o.width = o.format == CRM_FMT_TABLE ? cli->width : 0;
	return o;
}

int cli_out_open(struct cli *cli, struct crm_out **out, const struct crm_column *cols,
		 size_t ncols, const char *table_columns)
{
	struct crm_out_opts o = cli_out_opts(cli, table_columns);
	struct crm_err err;
	int rc = crm_out_open(out, stdout, &o, cols, ncols, &err);

	return rc == CRM_OK ? CRM_OK : cli_fail(cli, rc, &err);
}

int cli_out_close(struct cli *cli, struct crm_out *out, int rc)
{
	if (rc != CRM_OK) {
		crm_out_discard(out);
		return rc;
	}
	if (crm_out_close(out) != CRM_OK)
		return cli_error(cli, CRM_EFAIL, "write error: %s", strerror(errno));
	return rc;
}

static const struct cmd *find_verb(const struct cmd *verbs, const char *name)
{
	for (; verbs->name; verbs++)
		if (strcmp(verbs->name, name) == 0)
			return verbs;
	return NULL;
}

static int group_help(const struct group *g, int error)
{
	FILE *fp = error ? stderr : stdout;
	int width = 10; /* the verbs' names line up, however long the longest */

	for (const struct cmd *v = g->verbs; v->name; v++)
		if ((int)strlen(v->name) > width)
			width = (int)strlen(v->name);
	fprintf(fp, "usage: crm %s <verb> [options] [arguments]\n\n%s\n\nverbs:\n", g->name,
		g->summary);
	for (const struct cmd *v = g->verbs; v->name; v++)
		fprintf(fp, "   %-*s %s\n", width, v->name, v->summary);
	fprintf(fp, "\n'crm %s <verb> --help' shows a verb's options; "
		    "'crm help %s' opens the manual.\n", g->name, g->name);
	return error ? CRM_EUSAGE : 0;
}

int cli_dispatch(struct cli *cli, const struct group *g, int argc, char **argv)
{
	static char prog[64];
	const struct cmd *v;

	cli->group = g->name;
	if (!g->verbs) {
		/* getopt's messages: "crm: agenda: ..." */
		snprintf(prog, sizeof prog, "crm: %s", g->name);
		argv[0] = prog;
		optind = 0;
		return g->run(cli, argc, argv);
	}
	argc--;
	argv++;
	if (argc < 1)
		return group_help(g, 1);
	if (!strcmp(argv[0], "-h") || !strcmp(argv[0], "--help") || !strcmp(argv[0], "help"))
		return group_help(g, 0);
	if (!(v = find_verb(g->verbs, argv[0]))) {
		cli_error(cli, CRM_EUSAGE, "unknown verb '%s'; see 'crm %s --help'", argv[0],
			  g->name);
		return CRM_EUSAGE;
	}
	cli->verb = v->name;
	/* getopt's own messages begin with argv[0]: make them "crm: customer add: ..." */
	snprintf(prog, sizeof prog, "crm: %s %s", g->name, v->name);
	argv[0] = prog;
	optind = 0; /* glibc: restart getopt for the verb's own argv */
	return v->run(cli, argc, argv);
}

int cli_count(struct cli *cli, const char *opt, const char *s, long least, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	if (errno || *end || *out < least || end == s)
		return cli_error(cli, CRM_EUSAGE, "%s '%s' is not a count", opt, s);
	return 0;
}

/* The input format of an import: --format, else the file's extension. */
static int input_format(struct cli *cli, const char *given, const char *path,
			enum crm_reader_format *fmt)
{
	const char *ext = path ? strrchr(path, '.') : NULL;
	const char *name = given ? given : ext ? ext + 1 : "csv";

	if (!strcmp(name, "json"))
		*fmt = CRM_READ_JSON;
	else if (!strcmp(name, "ndjson") || !strcmp(name, "jsonl"))
		*fmt = CRM_READ_NDJSON;
	else if (!strcmp(name, "csv") || !given)
		*fmt = CRM_READ_CSV;
	else
		return cli_error(cli, CRM_EUSAGE, "cannot import format '%s' (csv, json, ndjson)",
				 given);
	return 0;
}

int cli_import_open(struct cli *cli, const char *from, const char *format, struct crm_reader **r,
		    FILE **fp)
{
	int stdin_ = !strcmp(from, "-");
	enum crm_reader_format fmt = CRM_READ_CSV;
	struct crm_err err;
	int rc;

	if ((rc = input_format(cli, format, stdin_ ? NULL : from, &fmt)))
		return rc;
	*fp = stdin;
	if (!stdin_ && !(*fp = fopen(from, "r")))
		return cli_error(cli, CRM_EFAIL, "cannot open %s: %s", from, strerror(errno));
	if ((rc = cli_store(cli)) == CRM_OK && (rc = crm_reader_open(r, *fp, fmt, &err)) != CRM_OK)
		cli_fail(cli, rc, &err);
	if (rc != CRM_OK && *fp != stdin)
		fclose(*fp);
	return rc;
}

void cli_import_close(struct crm_reader *r, FILE *fp)
{
	crm_reader_close(r);
	if (fp != stdin)
		fclose(fp);
}

int cli_export(struct cli *cli, int argc, char **argv, const char *const *usage,
	       int (*export)(struct crm_store *st, FILE *fp, const struct crm_out_opts *opts,
			     struct crm_err *err))
{
	struct crm_out_opts o;
	struct crm_err err;
	int rc = cli_args(cli, argc, argv, usage, 0);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if (!cli->format_given || cli->format == CRM_FMT_TABLE)
		cli->format = CRM_FMT_CSV;
	if ((rc = cli_store(cli)) != CRM_OK)
		return rc;
	o = cli_out_opts(cli, NULL);
	if ((rc = export(cli->st, stdout, &o, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

void cli_list_push(struct cli_list *l, const char *s)
{
	l->items = realloc(l->items, (l->n + 1) * sizeof *l->items);
	if (!l->items)
		abort();
	l->items[l->n++] = s;
}
