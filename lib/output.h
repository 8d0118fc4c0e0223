/* output.h — the one renderer of every result: table, csv, tsv, json, ndjson.
 *
 * Two shapes of result:
 *   - a row stream (crm_out_open / crm_out_row / crm_out_close): rows are
 *     written as they arrive, so memory stays flat whatever their number.
 *     table output holds back the first CRM_TABLE_SAMPLE rows to size the
 *     columns, then streams with those widths.
 *   - one record (crm_rec_*): a set of named values with nested lists, as
 *     `show` prints it: key/value lines and sub-tables for a person, one
 *     JSON object, or one CSV row of its scalar fields.
 *
 * Cells arrive as text.  Their column type says how to render them: INT
 * and MONEY are right-aligned in tables and bare numbers in JSON (money is
 * already an exact decimal string, so JSON gets exactly those digits).
 * csv is RFC 4180 (libcsv quoting, LF line ends) with a header line; tsv
 * escapes backslash, tab, newline and carriage return as \\ \t \n \r. */
#ifndef CRM_OUTPUT_H
#define CRM_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

#include "err.h"

#define CRM_TABLE_SAMPLE 1000

enum crm_format { CRM_FMT_TABLE, CRM_FMT_CSV, CRM_FMT_TSV, CRM_FMT_JSON, CRM_FMT_NDJSON };

enum crm_coltype { CRM_COL_TEXT, CRM_COL_INT, CRM_COL_MONEY, CRM_COL_BOOL };

struct crm_column {
	const char *name;
	enum crm_coltype type;
};

struct crm_out_opts {
	enum crm_format format;
	int no_header;
	const char *columns; /* "a,b,c": pick and order columns; NULL for all */
	int width;           /* table: truncate lines to this width; 0 = never */
	/* table: rows under titles.  group(group_arg, cells) names the group of
	 * a row (the text must last until the next call); whenever it changes,
	 * the table so far ends and a new one, sized by its own rows, starts
	 * under a title line, after a blank line.  NULL: one table.  The other
	 * formats ignore it. */
	const char *(*group)(void *group_arg, const char *const *cells);
	void *group_arg;
};

/* Parses "table", "csv", ... into *fmt; -1 for an unknown name. */
int crm_format_parse(const char *name, enum crm_format *fmt);

struct crm_out;

/* Starts a row stream on fp with the given columns (copied by pointer: the
 * array and its strings must outlive the stream).  Fails with CRM_EUSAGE when
 * opts->columns names an unknown column, listing the known ones. */
int crm_out_open(struct crm_out **out, FILE *fp, const struct crm_out_opts *opts,
		 const struct crm_column *cols, size_t ncols, struct crm_err *err);
/* Writes one row; cells[i] is column i's text, NULL for no value. */
int crm_out_row(struct crm_out *out, const char *const *cells);
/* Rows written so far. */
long crm_out_count(const struct crm_out *out);
/* Ends the stream and frees it.  Returns CRM_OK, or CRM_EFAIL if any write
 * to fp failed. */
int crm_out_close(struct crm_out *out);
/* Frees a stream after a failure without finishing it: rows already written
 * stay written, nothing more is added (no header, no closing bracket). */
void crm_out_discard(struct crm_out *out);

/* One record, built up and then rendered whole by crm_rec_write. */
struct crm_rec;
struct crm_rec *crm_rec_new(void);
/* Adds a scalar field (value copied; NULL for none). */
void crm_rec_field(struct crm_rec *rec, const char *name, enum crm_coltype type, const char *value);
/* Adds a list of strings (e.g. tags), shown comma-separated in a table. */
void crm_rec_strings(struct crm_rec *rec, const char *name, const char *const *items, size_t n);
/* Adds a name→value map (e.g. extra fields). Call crm_rec_map_put after. */
void crm_rec_map(struct crm_rec *rec, const char *name);
void crm_rec_map_put(struct crm_rec *rec, const char *map, const char *key, const char *value);
/* Adds a nested table (e.g. contacts): declare its columns, then add rows. */
void crm_rec_table(struct crm_rec *rec, const char *name, const struct crm_column *cols, size_t ncols);
void crm_rec_table_row(struct crm_rec *rec, const char *table, const char *const *cells);
/* Renders the record on fp in the options' format and frees it.
 * CRM_EFAIL on a write error, CRM_EUSAGE for an unknown --columns name. */
int crm_rec_write(struct crm_rec *rec, FILE *fp, const struct crm_out_opts *opts, struct crm_err *err);
void crm_rec_free(struct crm_rec *rec);
/* The record as one JSON object, exactly as crm_rec_write prints it in json
 * (all entries, money and integers as bare numbers, tables as arrays of
 * objects); rec is left as it is.  The caller frees the object with
 * cJSON_Delete. */
struct cJSON;
struct cJSON *crm_rec_json(const struct crm_rec *rec);

#endif
