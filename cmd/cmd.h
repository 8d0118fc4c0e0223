/* cmd.h — what every command group file shares: the parsed global options,
 * the command tables, option parsing, error printing and output set-up.
 * cmd/ files turn argv into requests for libcrm and print what comes back;
 * they hold no SQL and no business rule. */
#ifndef CRM_CMD_H
#define CRM_CMD_H

#include <getopt.h>
#include <stdio.h>
#include <stdint.h>

#include "err.h"
#include "output.h"
#include "store.h"

struct cli {
	const char *db_path;
	const char *user;
	const char *today;
	enum crm_format format;
	int format_given; /* --format or CRM_FORMAT was set */
	int format_from_option; /* --format was given: a bad CRM_FORMAT does not matter */
	const char *bad_format_env; /* CRM_FORMAT named no format */
	int no_header;
	const char *columns;
	int quiet;
	int width; /* terminal width for tables, 0 when not a terminal */
	const char *group, *verb; /* for messages: "crm: customer add: ..." */
	struct crm_store *st;
	int open_flags; /* extra CRM_OPEN_* flags for cli_store */
	struct crm_clock clock;
};

struct cmd {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
	const char *summary;
};

struct group {
	const char *name;
	const struct cmd *verbs; /* ends with a zeroed entry; NULL for a group that is
				  * one command (crm agenda, crm remind) */
	const char *summary;
	/* the command of a group without verbs; argv[0] is the group */
	int (*run)(struct cli *cli, int argc, char **argv);
};

extern const struct group crm_groups[];

/* Group tables, one per cmd/<group>.c. */
extern const struct cmd customer_cmds[], contact_cmds[], db_cmds[], history_cmds[],
	config_cmds[], activity_cmds[], task_cmds[], lead_cmds[], deal_cmds[], report_cmds[],
	product_cmds[], quote_cmds[], order_cmds[], delivery_cmds[],
	invoice_cmds[], ar_cmds[], case_cmds[], rma_cmds[], visit_cmds[], survey_cmds[];
/* Groups that are one command. */
int agenda_run(struct cli *cli, int argc, char **argv);
int remind_run(struct cli *cli, int argc, char **argv);

/* Prints "crm: <group> <verb>: <message>" on stderr and returns code. */
int cli_error(struct cli *cli, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Prints err's message the same way; returns code. */
int cli_fail(struct cli *cli, int code, const struct crm_err *err);
/* Prints an informational line on stderr unless -q. */
void cli_note(struct cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints usage lines (the first is the synopsis) on stdout and returns 0 for
 * --help, or on stderr and returns 2 after a usage error. */
int cli_usage(const char *const *usage, int error);

/* getopt_long over a verb's own options plus the output and store options
 * every verb also accepts after it (--format, --columns, --no-header, -q,
 * --db, --user, --today), which it handles itself.  Returns the next verb
 * option, -1 at the end, '?' on a bad option (message already printed),
 * or 'h' for -h/--help. */
int cli_getopt(struct cli *cli, int argc, char **argv, const char *shortopts,
	       const struct option *longopts);

/* For verbs without options of their own: takes the common options and
 * checks there are exactly nargs arguments.  Returns 0 to go on, CLI_DONE
 * after --help, or an exit code (after printing the usage). */
#define CLI_DONE (-1)
int cli_args(struct cli *cli, int argc, char **argv, const char *const *usage, int nargs);

/* Opens the store and resolves a customer key (id or code) argument; prints
 * the error itself. */
int cli_customer(struct cli *cli, const char *key, int64_t *id);

/* Prints a record built by a lib "show" function (rc is what it returned,
 * err its error) in the chosen format and frees it. */
int cli_show_record(struct cli *cli, struct crm_rec *rec, int rc, const struct crm_err *err);

/* Opens the store on first use (creating the database on first use too).
 * Returns CRM_OK or prints the error and returns its code. */
int cli_store(struct cli *cli);

/* Output options from the global flags; table_columns is the short column
 * list a table shows when --columns was not given (NULL for all). */
struct crm_out_opts cli_out_opts(struct cli *cli, const char *table_columns);

/* Opens a row stream on stdout for cols (prints the error on failure). */
int cli_out_open(struct cli *cli, struct crm_out **out, const struct crm_column *cols,
		 size_t ncols, const char *table_columns);
/* Closes it; a write error becomes exit 1 with a message. */
int cli_out_close(struct cli *cli, struct crm_out *out, int rc);

/* Runs the verb named argv[1] from g's verbs (argv[0] is the group); handles
 * a missing verb, -h and unknown verbs.  A group without verbs runs its own
 * command on the whole argv. */
int cli_dispatch(struct cli *cli, const struct group *g, int argc, char **argv);

/* Parses the count an option takes ("--limit 20"), at least `least`;
 * prints "OPT 'S' is not a count" and returns 2 otherwise, else 0. */
int cli_count(struct cli *cli, const char *opt, const char *s, long least, long *out);

/* A kind of printable document: how to find one by its key and build the
 * record its template reads. */
struct cli_document {
	const char *kind; /* quote, delivery, invoice: names the templates (NULL: the
			   * document's own kind, so one verb prints invoices and credit notes) */
	int (*find)(struct crm_store *st, const char *key, int64_t *id, struct crm_err *err);
	int (*show)(struct crm_store *st, int64_t id, struct crm_rec *rec, struct crm_err *err);
};

/* The print verb of a document group (cmd/print.c): KEY [--format
 * text|html|pdf] [--template FILE] [--output FILE]. */
int cli_print(struct cli *cli, int argc, char **argv, const char *const *usage,
	      const struct cli_document *doc);

/* crm GROUP line add|edit|rm ... for the document group kind ("quote",
 * "order"): cmd/docline.c.  argv[0] is "line". */
int cli_doc_line(struct cli *cli, int argc, char **argv, const char *kind);

/* The input of an import verb: --from FILE (or "-", standard input) in
 * --format csv|json|ndjson (NULL: from the file's extension, else csv).
 * Opens the store too.  Returns 0 with *r and *fp to pass to
 * cli_import_close, or prints the error and returns its code. */
struct crm_reader;
int cli_import_open(struct cli *cli, const char *from, const char *format, struct crm_reader **r,
		    FILE **fp);
void cli_import_close(struct crm_reader *r, FILE *fp);

/* An export verb: no arguments, csv unless --format says otherwise (a
 * table would not read back), then export(st, stdout, opts, err). */
int cli_export(struct cli *cli, int argc, char **argv, const char *const *usage,
	       int (*export)(struct crm_store *st, FILE *fp, const struct crm_out_opts *opts,
			     struct crm_err *err));

/* Collects repeated option values (--tag a --tag b). */
struct cli_list {
	const char **items;
	size_t n;
};
void cli_list_push(struct cli_list *l, const char *s);

#endif
