/* print.h — printable documents (quotes, delivery notes, invoices) rendered
 * from user-editable templates (template.h) to plain text, HTML or PDF.
 *
 * The data a template sees is the document's record as `show --format json`
 * prints it (crm_rec_json), plus `company` (company.name, .address, .email,
 * .phone, .tax_id, .bank from crm config) and `today` (the crm clock's date).
 *
 * A template is KIND.txt for text and KIND.html for HTML and PDF, found in
 * the first of:
 *   1. the file the caller names (--template FILE);
 *   2. $XDG_CONFIG_HOME/crm/templates/ (or ~/.config/crm/templates/);
 *   3. crm_print_datadir, CRM_DATADIR "/crm/templates" (where make install
 *      puts the defaults);
 *   4. the defaults compiled into the binary.
 *
 * PDF is the HTML piped into an external renderer: $CRM_PDF if set, else
 * `weasyprint` (Debian package weasyprint) when it is on PATH.  The command
 * is run by sh with the output file ("-" for standard output) as its last
 * argument: `weasyprint - OUTPUT`. */
#ifndef CRM_PRINT_H
#define CRM_PRINT_H

#include <stdio.h>

#include "output.h"
#include "store.h"

enum crm_print_format { CRM_PRINT_TEXT, CRM_PRINT_HTML, CRM_PRINT_PDF };

struct crm_print_opts {
	enum crm_print_format format;
	const char *template_path; /* --template FILE; NULL: look it up by kind */
	const char *output_path;   /* --output FILE; NULL: write to the FILE * given */
};

/* Parses "text", "html" or "pdf" into *fmt; -1 for anything else. */
int crm_print_format_parse(const char *name, enum crm_print_format *fmt);

/* Where step 3 of the lookup looks; tests may point it elsewhere. */
extern const char *crm_print_datadir;

/* A file written whole or not at all, in two steps: crm_file_stage writes
 * len bytes of data to a new temporary file beside path (mode from the
 * umask) and gives its malloc'd name in *tmp (NULL on failure);
 * crm_file_publish then renames it over path when rc is CRM_OK, else
 * removes it, and returns the outcome.  Between the two a caller may
 * finish other work (a transaction) that decides whether it goes. */
int crm_file_stage(const char *path, const char *data, size_t len, char **tmp,
		   struct crm_err *err);
int crm_file_publish(const char *tmp, const char *path, int rc, struct crm_err *err);

/* What a template reads: rec as JSON (crm_rec_json) plus "company" (the
 * company.* settings) and "today" (st may be NULL: then neither).  The
 * caller frees it with cJSON_Delete. */
struct cJSON;
struct cJSON *crm_print_data(struct crm_store *st, const struct crm_rec *rec);

/* Renders rec (a document record from crm_doc_show, crm_delivery_show ...;
 * not freed) as a `kind` document ("quote", "delivery", "invoice", "credit":
 * the template's base name; NULL: the record's own field "kind", so that
 * one verb prints an invoice with invoice.* and a credit note with
 * credit.*) in o->format, to o->output_path when set (written
 * whole through a temporary file, or not at all) or else to out.  st gives
 * the company settings and today's date (NULL: none).
 *
 * Fails with CRM_EINVAL for a template syntax error ("FILE:LINE: ..."),
 * CRM_EUSAGE for PDF bound for a terminal, CRM_EFAIL when the template
 * cannot be read (a missing --template file too), no PDF renderer is
 * installed (the message names the package), the renderer fails, or a
 * write fails. */
int crm_print(struct crm_store *st, const char *kind, const struct crm_rec *rec,
	      const struct crm_print_opts *o, FILE *out, struct crm_err *err);

/* Finds the template for kind and ext ("txt" or "html") as above, without
 * the caller's override: on success *text receives its contents and *name
 * the path it came from ("built-in quote.txt" for a compiled-in one), both
 * malloc'd for the caller to free.  CRM_ENOTFOUND when there is none (an
 * unknown kind), CRM_EFAIL when a file exists but cannot be read. */
int crm_print_template(const char *kind, const char *ext, char **text, char **name,
		       struct crm_err *err);

/* The compiled-in default "KIND.EXT" (e.g. "quote.html"), or NULL. */
const char *crm_print_builtin(const char *file);

#endif
