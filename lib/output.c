/* output.c — renders row streams and single records as table, csv, tsv, json
 * or ndjson.  Every command's result goes through here, so the formats stay
 * the same everywhere. */
#include <cjson/cJSON.h>
#include <csv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "text.h"

#define COLUMN_GAP 2
#define MIN_SHRUNK_WIDTH 6

struct crm_out {
	FILE *fp;
	struct crm_out_opts opts;
	const struct crm_column *cols;
	size_t ncols;
	size_t *sel; /* indexes of the columns to print, in order */
	size_t nsel;
	long count;
	/* table: rows held back to size the columns, then the widths */
	char ***sample;
	size_t nsample;
	size_t *width;
	int sized;
	int header_due; /* csv/tsv: header not written yet */
	/* table with opts.group: the current group's table and title */
	struct crm_out *inner;
	char *title;
};

int crm_format_parse(const char *name, enum crm_format *fmt)
{
	static const char *const names[] = {"table", "csv", "tsv", "json", "ndjson"};

	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(name, names[i]) == 0) {
			*fmt = (enum crm_format)i;
			return 0;
		}
	return -1;
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p)
		abort();
	return p;
}

static char *xstrdup(const char *s)
{
	char *p = s ? strdup(s) : NULL;

	if (s && !p)
		abort();
	return p;
}

static int is_numeric(enum crm_coltype type)
{
	return type == CRM_COL_INT || type == CRM_COL_MONEY;
}

/* Resolves opts->columns ("b,a") against cols into out->sel. */
static int select_columns(struct crm_out *out, struct crm_err *err)
{
	const char *p = out->opts.columns;
	struct crm_buf known = {0};

	out->sel = xcalloc(out->ncols + (p ? strlen(p) : 0), sizeof *out->sel);
	if (!p || !*p) {
		for (size_t i = 0; i < out->ncols; i++)
			out->sel[out->nsel++] = i;
		return CRM_OK;
	}
	while (*p) {
		size_t len = strcspn(p, ","), i;

		for (i = 0; i < out->ncols; i++)
			if (strlen(out->cols[i].name) == len && !strncmp(out->cols[i].name, p, len))
				break;
		if (i == out->ncols) {
			for (size_t k = 0; k < out->ncols; k++)
				crm_buf_addf(&known, "%s%s", k ? ", " : "", out->cols[k].name);
			crm_fail(err, CRM_EUSAGE, "unknown column '%.*s' (columns: %s)", (int)len, p,
				 known.data ? known.data : "");
			free(known.data);
			return CRM_EUSAGE;
		}
		out->sel[out->nsel++] = i;
		p += len + (p[len] == ',');
	}
	return CRM_OK;
}

/* ---- csv and tsv ---- */

static void csv_cell(FILE *fp, const char *s)
{
	if (!s)
		return;
	if (s[strcspn(s, ",\"\r\n")] || (*s == ' ' || (*s && s[strlen(s) - 1] == ' ')))
		csv_fwrite(fp, s, strlen(s));
	else
		fputs(s, fp);
}

static void tsv_cell(FILE *fp, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '\\': fputs("\\\\", fp); break;
		case '\t': fputs("\\t", fp); break;
		case '\n': fputs("\\n", fp); break;
		case '\r': fputs("\\r", fp); break;
		default: putc(*s, fp);
		}
}

static void delimited_line(struct crm_out *out, const char *const *cells)
{
	int tsv = out->opts.format == CRM_FMT_TSV;

	for (size_t i = 0; i < out->nsel; i++) {
		const char *s = cells[out->sel[i]];

		if (i)
			putc(tsv ? '\t' : ',', out->fp);
		if (tsv)
			tsv_cell(out->fp, s);
		else
			csv_cell(out->fp, s);
	}
	putc('\n', out->fp);
}

/* ---- json ---- */

static cJSON *json_value(enum crm_coltype type, const char *s)
{
	if (!s)
		return cJSON_CreateNull();
	switch (type) {
	case CRM_COL_INT:
	case CRM_COL_MONEY: return cJSON_CreateRaw(s);
	case CRM_COL_BOOL: return cJSON_CreateBool(strcmp(s, "0") != 0);
	default: return cJSON_CreateString(s);
	}
}

static void json_print(FILE *fp, cJSON *obj)
{
	char *text = cJSON_PrintUnformatted(obj);

	if (!text)
		abort();
	fputs(text, fp);
	free(text);
}

static void json_row(struct crm_out *out, const char *const *cells)
{
	cJSON *obj = cJSON_CreateObject();

	for (size_t i = 0; i < out->nsel; i++) {
		const struct crm_column *c = &out->cols[out->sel[i]];

		cJSON_AddItemToObject(obj, c->name, json_value(c->type, cells[out->sel[i]]));
	}
	if (out->opts.format == CRM_FMT_JSON)
		fputs(out->count ? ",\n" : "[\n", out->fp);
	json_print(out->fp, obj);
	if (out->opts.format == CRM_FMT_NDJSON)
		putc('\n', out->fp);
	cJSON_Delete(obj);
}

/* ---- table ---- */

/* Table cells are one line: control characters become spaces. */
static char *table_text(const char *s)
{
	char *t = xstrdup(s ? s : "");

	for (char *p = t; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return t;
}

static void pad(FILE *fp, size_t n)
{
	while (n-- > 0)
		putc(' ', fp);
}

/* Prints s in a field of display width w, cut with "…" when too long. */
static void table_cell(FILE *fp, const char *s, size_t w, int right, int last)
{
	size_t dw = crm_display_width(s), len = strlen(s);

	if (dw > w) {
		len = crm_display_prefix(s, w ? w - 1 : 0);
		fwrite(s, 1, len, fp);
		fputs("…", fp);
		dw = crm_display_width(s) - crm_display_width(s + len) + 1;
		if (!last)
			pad(fp, w > dw ? w - dw : 0);
		return;
	}
	if (right)
		pad(fp, w - dw);
	fwrite(s, 1, len, fp);
	if (!right && !last)
		pad(fp, w - dw);
}

static void table_line(struct crm_out *out, char *const *cells)
{
	size_t n = out->nsel;

	while (n > 1 && !*cells[n - 1]) /* no trailing blanks for empty last cells */
		n--;
	for (size_t i = 0; i < n; i++) {
		const struct crm_column *c = &out->cols[out->sel[i]];

		if (i)
			pad(out->fp, COLUMN_GAP);
		table_cell(out->fp, cells[i], out->width[i], is_numeric(c->type), i + 1 == n);
	}
	putc('\n', out->fp);
}

/* Narrows the widest columns until the line fits the terminal width. */
static void fit_widths(struct crm_out *out)
{
	size_t total = 0;

	for (size_t i = 0; i < out->nsel; i++)
		total += out->width[i] + (i ? COLUMN_GAP : 0);
	while (out->opts.width > 0 && total > (size_t)out->opts.width) {
		size_t widest = 0;

		for (size_t i = 1; i < out->nsel; i++)
			if (out->width[i] > out->width[widest])
				widest = i;
		if (out->width[widest] <= MIN_SHRUNK_WIDTH)
			break;
		out->width[widest]--;
		total--;
	}
}

/* A person reads yes/no where a script reads 1/0. */
static const char *table_value(enum crm_coltype type, const char *s)
{
	if (type == CRM_COL_BOOL && s)
		return strcmp(s, "0") ? "yes" : "no";
	return s;
}

static char **table_row_copy(struct crm_out *out, const char *const *cells)
{
	char **row = xcalloc(out->nsel, sizeof *row);

	for (size_t i = 0; i < out->nsel; i++)
		row[i] = table_text(table_value(out->cols[out->sel[i]].type, cells[out->sel[i]]));
	return row;
}

static void free_row(char **row, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(row[i]);
	free(row);
}

/* Sizes the columns from the header and the held-back rows, prints them. */
static void table_flush_sample(struct crm_out *out)
{
	char **header = xcalloc(out->nsel, sizeof *header);

	for (size_t i = 0; i < out->nsel; i++) {
		header[i] = xstrdup(out->cols[out->sel[i]].name);
		for (char *p = header[i]; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
		out->width[i] = crm_display_width(header[i]);
	}
	for (size_t r = 0; r < out->nsample; r++)
		for (size_t i = 0; i < out->nsel; i++) {
			size_t w = crm_display_width(out->sample[r][i]);

			if (w > out->width[i])
				out->width[i] = w;
		}
	fit_widths(out);
	if (!out->opts.no_header && out->nsample > 0)
		table_line(out, header);
	free_row(header, out->nsel);
	for (size_t r = 0; r < out->nsample; r++) {
		table_line(out, out->sample[r]);
		free_row(out->sample[r], out->nsel);
	}
	out->nsample = 0;
	out->sized = 1;
}

static void table_row(struct crm_out *out, const char *const *cells)
{
	char **row = table_row_copy(out, cells);

	if (out->sized) {
		table_line(out, row);
		free_row(row, out->nsel);
		return;
	}
	out->sample[out->nsample++] = row;
	if (out->nsample == CRM_TABLE_SAMPLE)
		table_flush_sample(out);
}

/* ---- the row stream ---- */

int crm_out_open(struct crm_out **outp, FILE *fp, const struct crm_out_opts *opts,
		 const struct crm_column *cols, size_t ncols, struct crm_err *err)
{
	struct crm_out *out = xcalloc(1, sizeof *out);
	int rc;

	out->fp = fp;
	out->opts = *opts;
	out->cols = cols;
	out->ncols = ncols;
	if ((rc = select_columns(out, err)) != CRM_OK) {
		free(out->sel);
		free(out);
		return rc;
	}
	if (opts->format == CRM_FMT_TABLE && opts->group) {
		/* the groups' tables are opened as their rows come */
	} else if (opts->format == CRM_FMT_TABLE) {
		out->sample = xcalloc(CRM_TABLE_SAMPLE, sizeof *out->sample);
		out->width = xcalloc(out->nsel, sizeof *out->width);
	} else if ((opts->format == CRM_FMT_CSV || opts->format == CRM_FMT_TSV) &&
		   !opts->no_header) {
		out->header_due = 1;
	}
	*outp = out;
	return CRM_OK;
}

/* The csv/tsv header is written with the first row or at close, so that a
 * command failing before its first row prints nothing on stdout. */
static void write_header(struct crm_out *out)
{
	const char *names[out->ncols ? out->ncols : 1];

	for (size_t i = 0; i < out->ncols; i++)
		names[i] = out->cols[i].name;
	delimited_line(out, names);
	out->header_due = 0;
}

/* A row of a grouped table: a new title ends the group's table and starts
 * the next one. */
static int group_row(struct crm_out *out, const char *const *cells)
{
	const char *title = out->opts.group(out->opts.group_arg, cells);
	struct crm_out_opts one = out->opts;
	struct crm_err err;

	if (!title)
		title = "";
	if (!out->title || strcmp(out->title, title) != 0) {
		if (out->inner) {
			if (crm_out_close(out->inner) != CRM_OK)
				return CRM_EFAIL;
			out->inner = NULL;
			putc('\n', out->fp);
		}
		free(out->title);
		out->title = strdup(title);
		fprintf(out->fp, "%s\n", title);
		one.group = NULL;
		if (crm_out_open(&out->inner, out->fp, &one, out->cols, out->ncols, &err))
			return CRM_EFAIL;
	}
	return crm_out_row(out->inner, cells);
}

int crm_out_row(struct crm_out *out, const char *const *cells)
{
	if (out->opts.format == CRM_FMT_TABLE && out->opts.group) {
		out->count++;
		return group_row(out, cells);
	}
	switch (out->opts.format) {
	case CRM_FMT_TABLE: table_row(out, cells); break;
	case CRM_FMT_CSV:
	case CRM_FMT_TSV:
		if (out->header_due)
			write_header(out);
		delimited_line(out, cells);
		break;
	case CRM_FMT_JSON:
	case CRM_FMT_NDJSON: json_row(out, cells); break;
	}
	out->count++;
	return ferror(out->fp) ? CRM_EFAIL : CRM_OK;
}

long crm_out_count(const struct crm_out *out)
{
	return out->count;
}

static void free_stream(struct crm_out *out)
{
	crm_out_discard(out->inner);
	free(out->title);
	for (size_t r = 0; r < out->nsample; r++)
		free_row(out->sample[r], out->nsel);
	free(out->sample);
	free(out->width);
	free(out->sel);
	free(out);
}

void crm_out_discard(struct crm_out *out)
{
	if (out)
		free_stream(out);
}

int crm_out_close(struct crm_out *out)
{
	int rc;

	if (!out)
		return CRM_OK;
	if (out->inner) {
		rc = crm_out_close(out->inner);
		out->inner = NULL;
		if (rc != CRM_OK) {
			free_stream(out);
			return rc;
		}
	}
	if (out->opts.format == CRM_FMT_TABLE && !out->sized && !out->opts.group)
		table_flush_sample(out);
	if (out->header_due)
		write_header(out);
	if (out->opts.format == CRM_FMT_JSON)
		fputs(out->count ? "\n]\n" : "[]\n", out->fp);
	rc = fflush(out->fp) == 0 && !ferror(out->fp) ? CRM_OK : CRM_EFAIL;
	free_stream(out);
	return rc;
}

/* ---- one record ---- */

enum entry_kind { ENTRY_FIELD, ENTRY_STRINGS, ENTRY_MAP, ENTRY_TABLE };

struct entry {
	enum entry_kind kind;
	char *name;
	enum crm_coltype type;
	char *value;            /* FIELD */
	char **items;           /* STRINGS: items; MAP: keys and values interleaved */
	size_t nitems;
	const struct crm_column *cols; /* TABLE */
	size_t ncols;
	char ***rows;
	size_t nrows;
};

struct crm_rec {
	struct entry *entries;
	size_t n, cap;
};

struct crm_rec *crm_rec_new(void)
{
	return xcalloc(1, sizeof(struct crm_rec));
}

static struct entry *rec_add(struct crm_rec *rec, enum entry_kind kind, const char *name)
{
	struct entry *e;

	if (rec->n == rec->cap) {
		rec->cap = rec->cap ? 2 * rec->cap : 32;
		rec->entries = realloc(rec->entries, rec->cap * sizeof *rec->entries);
		if (!rec->entries)
			abort();
	}
	e = &rec->entries[rec->n++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->name = xstrdup(name);
	return e;
}

static struct entry *rec_find(struct crm_rec *rec, const char *name, enum entry_kind kind)
{
	for (size_t i = 0; i < rec->n; i++)
		if (rec->entries[i].kind == kind && strcmp(rec->entries[i].name, name) == 0)
			return &rec->entries[i];
	abort(); /* a programming error: the section was never declared */
}

static void push_item(struct entry *e, const char *s)
{
	e->items = realloc(e->items, (e->nitems + 1) * sizeof *e->items);
	if (!e->items)
		abort();
	e->items[e->nitems++] = xstrdup(s);
}

void crm_rec_field(struct crm_rec *rec, const char *name, enum crm_coltype type, const char *value)
{
	struct entry *e = rec_add(rec, ENTRY_FIELD, name);

	e->type = type;
	e->value = xstrdup(value);
}

void crm_rec_strings(struct crm_rec *rec, const char *name, const char *const *items, size_t n)
{
	struct entry *e = rec_add(rec, ENTRY_STRINGS, name);

	for (size_t i = 0; i < n; i++)
		push_item(e, items[i]);
}

void crm_rec_map(struct crm_rec *rec, const char *name)
{
	rec_add(rec, ENTRY_MAP, name);
}

void crm_rec_map_put(struct crm_rec *rec, const char *map, const char *key, const char *value)
{
	struct entry *e = rec_find(rec, map, ENTRY_MAP);

	push_item(e, key);
	push_item(e, value);
}

void crm_rec_table(struct crm_rec *rec, const char *name, const struct crm_column *cols, size_t ncols)
{
	struct entry *e = rec_add(rec, ENTRY_TABLE, name);

	e->cols = cols;
	e->ncols = ncols;
}

void crm_rec_table_row(struct crm_rec *rec, const char *table, const char *const *cells)
{
	struct entry *e = rec_find(rec, table, ENTRY_TABLE);
	char **row = xcalloc(e->ncols, sizeof *row);

	for (size_t i = 0; i < e->ncols; i++)
		row[i] = xstrdup(cells[i]);
	e->rows = realloc(e->rows, (e->nrows + 1) * sizeof *e->rows);
	if (!e->rows)
		abort();
	e->rows[e->nrows++] = row;
}

void crm_rec_free(struct crm_rec *rec)
{
	if (!rec)
		return;
	for (size_t i = 0; i < rec->n; i++) {
		struct entry *e = &rec->entries[i];

		free(e->name);
		free(e->value);
		for (size_t k = 0; k < e->nitems; k++)
			free(e->items[k]);
		free(e->items);
		for (size_t r = 0; r < e->nrows; r++) {
			for (size_t k = 0; k < e->ncols; k++)
				free(e->rows[r][k]);
			free(e->rows[r]);
		}
		free(e->rows);
	}
	free(rec->entries);
	free(rec);
}

/* --columns picks the record's top-level entries by name. */
static int rec_selected(const struct crm_out_opts *opts, const char *name)
{
	const char *p = opts->columns;
	size_t n = strlen(name);

	if (!p || !*p)
		return 1;
	while (*p) {
		size_t len = strcspn(p, ",");

		if (len == n && !strncmp(p, name, n))
			return 1;
		p += len + (p[len] == ',');
	}
	return 0;
}

static int rec_check_columns(struct crm_rec *rec, const struct crm_out_opts *opts,
			     struct crm_err *err)
{
	const char *p = opts->columns;

	while (p && *p) {
		size_t len = strcspn(p, ","), i;

		for (i = 0; i < rec->n; i++)
			if (strlen(rec->entries[i].name) == len &&
			    !strncmp(rec->entries[i].name, p, len))
				break;
		if (i == rec->n)
			return crm_fail(err, CRM_EUSAGE, "unknown column '%.*s'", (int)len, p);
		p += len + (p[len] == ',');
	}
	return CRM_OK;
}

static cJSON *rec_json(const struct crm_rec *rec, const struct crm_out_opts *opts)
{
	cJSON *obj = cJSON_CreateObject();

	for (size_t i = 0; i < rec->n; i++) {
		const struct entry *e = &rec->entries[i];
		cJSON *v;

		if (!rec_selected(opts, e->name))
			continue;
		switch (e->kind) {
		case ENTRY_FIELD: v = json_value(e->type, e->value); break;
		case ENTRY_STRINGS:
			v = cJSON_CreateArray();
			for (size_t k = 0; k < e->nitems; k++)
				cJSON_AddItemToArray(v, cJSON_CreateString(e->items[k]));
			break;
		case ENTRY_MAP:
			v = cJSON_CreateObject();
			for (size_t k = 0; k + 1 < e->nitems; k += 2)
				cJSON_AddItemToObject(v, e->items[k], cJSON_CreateString(e->items[k + 1]));
			break;
		default:
			v = cJSON_CreateArray();
			for (size_t r = 0; r < e->nrows; r++) {
				cJSON *row = cJSON_CreateObject();

				for (size_t k = 0; k < e->ncols; k++)
					cJSON_AddItemToObject(row, e->cols[k].name,
							      json_value(e->cols[k].type, e->rows[r][k]));
				cJSON_AddItemToArray(v, row);
			}
		}
		cJSON_AddItemToObject(obj, e->name, v);
	}
	return obj;
}

cJSON *crm_rec_json(const struct crm_rec *rec)
{
	struct crm_out_opts all = {.format = CRM_FMT_JSON};

	return rec_json(rec, &all);
}

static void rec_join(struct crm_buf *b, struct entry *e, const char *sep)
{
	crm_buf_reset(b);
	crm_buf_adds(b, "");
	for (size_t k = 0; k < e->nitems; k++)
		crm_buf_addf(b, "%s%s", k ? sep : "", e->items[k]);
}

/* Does a table show entry e as "name  value" lines?  Not when --columns
 * leaves it out, nor when it is empty, nor a nested table. */
static int rec_line_shown(const struct crm_out_opts *opts, const struct entry *e)
{
	return rec_selected(opts, e->name) && e->kind != ENTRY_TABLE &&
	       (e->kind == ENTRY_FIELD ? e->value != NULL : e->nitems > 0);
}

/* table: "name  value" lines, then each nested table under its name.  The
 * names are padded to the longest one shown. */
static void rec_table(struct crm_rec *rec, FILE *fp, const struct crm_out_opts *opts)
{
	struct crm_out_opts sub = *opts;
	struct crm_buf b = {0};
	size_t label = 0;

	for (size_t i = 0; i < rec->n; i++) {
		struct entry *e = &rec->entries[i];

		if (!rec_line_shown(opts, e))
			continue;
		if (e->kind == ENTRY_FIELD || e->kind == ENTRY_STRINGS)
			label = label > crm_display_width(e->name) ? label : crm_display_width(e->name);
		for (size_t k = 0; e->kind == ENTRY_MAP && k + 1 < e->nitems; k += 2) {
			size_t w = crm_display_width(e->name) + 1 + crm_display_width(e->items[k]);

			label = label > w ? label : w;
		}
	}
	for (size_t i = 0; i < rec->n; i++) {
		struct entry *e = &rec->entries[i];

		if (!rec_line_shown(opts, e))
			continue;
		if (e->kind == ENTRY_MAP) {
			for (size_t k = 0; k + 1 < e->nitems; k += 2) {
				char *v = table_text(e->items[k + 1]);

				crm_buf_reset(&b);
				crm_buf_addf(&b, "%s.%s", e->name, e->items[k]);
				fprintf(fp, "%s", b.data);
				pad(fp, label + COLUMN_GAP - crm_display_width(b.data));
				fprintf(fp, "%s\n", v);
				free(v);
			}
			continue;
		}
		fputs(e->name, fp);
		pad(fp, label + COLUMN_GAP - crm_display_width(e->name));
		if (e->kind == ENTRY_STRINGS) {
			rec_join(&b, e, ", ");
			fprintf(fp, "%s\n", b.data);
		} else {
			char *v = table_text(table_value(e->type, e->value));

			fprintf(fp, "%s\n", v);
			free(v);
		}
	}
	sub.columns = NULL;
	for (size_t i = 0; i < rec->n; i++) {
		struct entry *e = &rec->entries[i];
		struct crm_out *out;

		if (e->kind != ENTRY_TABLE || !e->nrows || !rec_selected(opts, e->name))
			continue;
		fprintf(fp, "\n%s:\n", e->name);
		if (crm_out_open(&out, fp, &sub, e->cols, e->ncols, NULL) != CRM_OK)
			continue;
		for (size_t r = 0; r < e->nrows; r++)
			crm_out_row(out, (const char *const *)e->rows[r]);
		crm_out_close(out);
	}
	free(b.data);
}

/* csv/tsv: one header line and one row of the record's scalar values;
 * lists are joined with ";", maps become "name.key" columns. */
static int rec_delimited(struct crm_rec *rec, FILE *fp, const struct crm_out_opts *opts,
			 struct crm_err *err)
{
	size_t n = 0, cap = rec->n;
	struct crm_column *cols;
	char **cells;
	struct crm_out_opts sub = *opts;
	struct crm_out *out;
	struct crm_buf b = {0};
	int rc;

	for (size_t i = 0; i < rec->n; i++)
		if (rec->entries[i].kind == ENTRY_MAP)
			cap += rec->entries[i].nitems / 2;
	cols = xcalloc(cap, sizeof *cols);
	cells = xcalloc(cap, sizeof *cells);
	for (size_t i = 0; i < rec->n; i++) {
		struct entry *e = &rec->entries[i];

		if (!rec_selected(opts, e->name) || e->kind == ENTRY_TABLE)
			continue;
		if (e->kind == ENTRY_MAP) {
			for (size_t k = 0; k + 1 < e->nitems; k += 2) {
				crm_buf_reset(&b);
				crm_buf_addf(&b, "%s.%s", e->name, e->items[k]);
				cols[n] = (struct crm_column){xstrdup(b.data), CRM_COL_TEXT};
				cells[n++] = xstrdup(e->items[k + 1]);
			}
			continue;
		}
		cols[n] = (struct crm_column){xstrdup(e->name), e->type};
		if (e->kind == ENTRY_STRINGS) {
			rec_join(&b, e, ";");
			cells[n++] = xstrdup(b.data);
		} else {
			cells[n++] = xstrdup(e->value);
		}
	}
	sub.columns = NULL;
	rc = crm_out_open(&out, fp, &sub, cols, n, err);
	if (rc == CRM_OK) {
		crm_out_row(out, (const char *const *)cells);
		rc = crm_out_close(out);
	}
	for (size_t i = 0; i < n; i++) {
		free((char *)cols[i].name);
		free(cells[i]);
	}
	free(cols);
	free(cells);
	free(b.data);
	return rc;
}

/* The nested table --columns names alone ("--columns lines"), or NULL. */
static struct entry *rec_only_table(struct crm_rec *rec, const struct crm_out_opts *opts)
{
	for (size_t i = 0; opts->columns && i < rec->n; i++)
		if (rec->entries[i].kind == ENTRY_TABLE &&
		    strcmp(rec->entries[i].name, opts->columns) == 0)
			return &rec->entries[i];
	return NULL;
}

/* A nested table as a row stream of its own, so that csv, tsv and ndjson
 * give a spreadsheet or a pipe a document's lines: header and rows. */
static int rec_table_stream(const struct entry *e, FILE *fp, const struct crm_out_opts *opts,
			    struct crm_err *err)
{
	struct crm_out_opts all = *opts;
	struct crm_out *out;
	int rc;

	all.columns = NULL;
	if ((rc = crm_out_open(&out, fp, &all, e->cols, e->ncols, err)) != CRM_OK)
		return rc;
	for (size_t r = 0; r < e->nrows; r++)
		crm_out_row(out, (const char *const *)e->rows[r]);
	return crm_out_close(out) == CRM_OK ? CRM_OK : crm_fail(err, CRM_EFAIL, "write error");
}

int crm_rec_write(struct crm_rec *rec, FILE *fp, const struct crm_out_opts *opts, struct crm_err *err)
{
	int rc = rec_check_columns(rec, opts, err);
	struct entry *e;
	cJSON *obj;

	if (rc != CRM_OK) {
		crm_rec_free(rec);
		return rc;
	}
	if (opts->format != CRM_FMT_TABLE && opts->format != CRM_FMT_JSON &&
	    (e = rec_only_table(rec, opts))) {
		rc = rec_table_stream(e, fp, opts, err);
		crm_rec_free(rec);
		return rc;
	}
	switch (opts->format) {
	case CRM_FMT_TABLE: rec_table(rec, fp, opts); break;
	case CRM_FMT_CSV:
	case CRM_FMT_TSV: rc = rec_delimited(rec, fp, opts, err); break;
	default:
		obj = rec_json(rec, opts);
		json_print(fp, obj);
		putc('\n', fp);
		cJSON_Delete(obj);
	}
	crm_rec_free(rec);
	if (fflush(fp) != 0 || ferror(fp))
		return crm_fail(err, CRM_EFAIL, "write error");
	return rc;
}
