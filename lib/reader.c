/* reader.c — streaming record reader for imports (CSV, JSON array, NDJSON).
 *
 * Input is read in CHUNK_SIZE pieces, so memory stays flat however long the
 * file is.  CSV goes through libcsv's push parser: the records one chunk
 * produces are queued and handed out one at a time.  JSON first goes through
 * a small lexer of our own, which finds where each top-level object starts
 * and ends (so a huge array is parsed one element at a time) and wraps every
 * bare number in double quotes, so that cJSON sees a string and the digits
 * never pass through a double.
 *
 * Every record is built in buffers the reader reuses, so after the first few
 * records the hot path does no malloc of its own (cJSON still allocates its
 * tree, which is freed as soon as the record has been copied out). */
#include <csv.h>
#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reader.h"

/* Overridable so the tests can be run with tiny chunks to shake out bugs at
 * chunk boundaries; at least 3 so that a BOM fits in the first chunk. */
#ifndef CRM_READER_CHUNK_SIZE
#define CRM_READER_CHUNK_SIZE (64 * 1024)
#endif
#define CHUNK_SIZE ((size_t)CRM_READER_CHUNK_SIZE)
_Static_assert(CRM_READER_CHUNK_SIZE >= 3, "a chunk must hold a BOM");

/* cJSON refuses deeper nesting anyway; our own stack of open brackets needs
 * a bound, and no record we accept goes deeper than 3. */
#define JSON_MAX_DEPTH 1000

/* An offset that stands for a NULL value. */
#define NO_VALUE SIZE_MAX

struct buf {
	char *p;
	size_t len, cap;
};

/* A growable array of size_t, for offsets into a struct buf: offsets and not
 * pointers, because the buffer may move while a record is being built. */
struct offsets {
	size_t *v;
	size_t len, cap;
};

struct csv_row {
	size_t first, n; /* its cells: field_off[first .. first+n) */
	long line;
};

struct csv_state {
	struct csv_parser parser;
	int parser_ready;
	int finished;            /* csv_fini has run */
	struct buf header;       /* header names, each NUL-ended */
	const char **names;      /* pointers into header */
	size_t ncols;            /* 0 until the header has been read */
	struct buf cells;        /* text of the queued cells, each NUL-ended */
	struct offsets cell_off; /* where each queued cell starts in cells */
	struct csv_row *rows;    /* the queue of complete rows */
	size_t nrows, rows_cap, next_row;
	size_t row_first;        /* first cell of the row libcsv is still building */
	long row_line;           /* line that row starts on, 0 before it starts */
};

enum json_top {
	J_START,   /* before the opening '[' */
	J_FIRST,   /* after '[': an element or ']' */
	J_NEXT,    /* after ',': an element */
	J_IN_ELEM, /* inside an element */
	J_END      /* after the closing ']' */
};

struct json_state {
	enum json_top top; /* JSON array only */
	int started;       /* NDJSON: the current line has something on it */
	struct buf elem;   /* the current element, bare numbers quoted */
	struct offsets added_quotes; /* where we put quotes, to show errors as written */
	unsigned char stack[JSON_MAX_DEPTH]; /* open '{' and '[' in the element */
	int depth;
	int in_string, escape, in_number;
	size_t number_start;   /* offset in elem of the number being read */
	unsigned char prev;    /* last token outside strings: 0 at the start, '"'
				* after a string, '0' after a number, else the byte */
	long elem_line, string_line, array_line;
	struct buf text;       /* names and values of the record handed out */
	struct offsets fields; /* pairs of offsets into text: name, value */
};

struct crm_reader {
	FILE *fp;
	enum crm_reader_format format;
	char *chunk;
	size_t chunk_len, chunk_pos;
	int eof, started;
	long line; /* line of the byte being looked at */
	struct crm_err err;
	int err_code;
	int failed;   /* err is set; further reading stops */
	int reported; /* err has been returned: every later call returns it too */
	const char **values; /* handed out in crm_record */
	const char **names;  /* JSON only; CSV hands out the header's */
	size_t slots_cap;
	struct csv_state csv;
	struct json_state json;
};

/* --- errors and buffers ------------------------------------------------ */

/* Records the first error (a later one is a consequence of it) and returns
 * -1, so a failing path reads `return reader_fail(r, ...);`. */
__attribute__((format(printf, 3, 4))) static int reader_fail(struct crm_reader *r, int code,
							      const char *fmt, ...)
{
	char msg[sizeof r->err.msg];
	va_list ap;

	if (r->failed)
		return -1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	r->err_code = crm_fail(&r->err, code, "%s", msg);
	r->failed = 1;
	return -1;
}

static int out_of_memory(struct crm_reader *r)
{
	return reader_fail(r, CRM_EFAIL, "out of memory");
}

/* Makes room for extra more bytes in b. */
static int buf_reserve(struct crm_reader *r, struct buf *b, size_t extra)
{
	size_t want;
	char *p;

	if (b->cap - b->len >= extra)
		return 0;
	if (extra > SIZE_MAX / 4 - b->len)
		return out_of_memory(r);
	want = b->cap ? b->cap : 256;
	while (want - b->len < extra)
		want *= 2;
	p = realloc(b->p, want);
	if (!p)
		return out_of_memory(r);
	b->p = p;
	b->cap = want;
	return 0;
}

/* Appends n bytes and a NUL to b; *at gets the offset they start at. */
static int buf_add_text(struct crm_reader *r, struct buf *b, const char *s, size_t n, size_t *at)
{
	if (buf_reserve(r, b, n + 1) < 0)
		return -1;
	*at = b->len;
	if (n)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len++] = '\0';
	return 0;
}

/* Returns array grown to hold at least need items of elsize bytes (array
 * itself if it already does) and updates *cap; NULL when out of memory. */
static void *grow_array(struct crm_reader *r, void *array, size_t *cap, size_t need, size_t elsize)
{
	size_t want = *cap ? *cap : 16;
	void *p;

	if (need <= *cap && array)
		return array;
	while (want < need) {
		if (want > SIZE_MAX / 2 / elsize) {
			out_of_memory(r);
			return NULL;
		}
		want *= 2;
	}
	p = realloc(array, want * elsize);
	if (!p) {
		out_of_memory(r);
		return NULL;
	}
	*cap = want;
	return p;
}

static int offsets_push(struct crm_reader *r, struct offsets *o, size_t value)
{
	if (o->len == o->cap) {
		size_t *v = grow_array(r, o->v, &o->cap, o->len + 1, sizeof *v);

		if (!v)
			return -1;
		o->v = v;
	}
	o->v[o->len++] = value;
	return 0;
}

/* Makes the names and values arrays handed out hold n fields. */
static int ensure_slots(struct crm_reader *r, size_t n)
{
	size_t cap = r->slots_cap;
	const char **values, **names;

	values = grow_array(r, r->values, &cap, n, sizeof *values);
	if (!values)
		return -1;
	r->values = values;
	cap = r->slots_cap;
	names = grow_array(r, r->names, &cap, n, sizeof *names);
	if (!names)
		return -1;
	r->names = names;
	r->slots_cap = cap;
	return 0;
}

/* Reads the next piece of input into r->chunk, dropping a UTF-8 BOM at the
 * very start.  Returns 1 when bytes were read, 0 at the end of the input,
 * -1 on a read error. */
static int read_chunk(struct crm_reader *r)
{
	size_t n;

	if (r->eof)
		return 0;
	errno = 0;
	n = fread(r->chunk, 1, CHUNK_SIZE, r->fp);
	if (ferror(r->fp))
		return reader_fail(r, CRM_EFAIL, "read error: %s", strerror(errno ? errno : EIO));
	if (n < CHUNK_SIZE)
		r->eof = 1;
	r->chunk_len = n;
	r->chunk_pos = 0;
	if (!r->started && n >= 3 && memcmp(r->chunk, "\xEF\xBB\xBF", 3) == 0)
		r->chunk_pos = 3;
	r->started = 1;
	return n > 0;
}

/* --- CSV --------------------------------------------------------------- */

/* libcsv callback: one cell of the row being built. */
static void csv_on_cell(void *s, size_t len, void *data)
{
	struct crm_reader *r = data;
	struct csv_state *c = &r->csv;
	size_t at;

	if (r->failed)
		return;
	/* A row that began on a line break ending the previous row (a lone CR)
	 * had no content when its line was fed; it starts on this line. */
	if (!c->row_line)
		c->row_line = r->line;
	if (buf_add_text(r, &c->cells, s, len, &at) == 0)
		offsets_push(r, &c->cell_off, at);
}

/* libcsv callback: the end of a row, queued for crm_reader_next. */
static void csv_on_row(int term, void *data)
{
	struct crm_reader *r = data;
	struct csv_state *c = &r->csv;
	struct csv_row *rows = c->rows;

	(void)term;
	if (r->failed)
		return;
	if (c->nrows == c->rows_cap) {
		rows = grow_array(r, c->rows, &c->rows_cap, c->nrows + 1, sizeof *rows);
		if (!rows)
			return;
		c->rows = rows;
	}
	c->rows[c->nrows].first = c->row_first;
	c->rows[c->nrows].n = c->cell_off.len - c->row_first;
	c->rows[c->nrows].line = c->row_line;
	c->nrows++;
	c->row_first = c->cell_off.len;
	c->row_line = 0;
}

/* Once every queued row has been handed out, moves the cells of the row
 * libcsv is still building (split across chunks) to the front, so the
 * buffers never hold more than about one chunk. */
static void csv_compact(struct csv_state *c)
{
	size_t first = c->row_first, base = c->cells.len, i;

	if (first < c->cell_off.len)
		base = c->cell_off.v[first];
	if (base && base < c->cells.len)
		memmove(c->cells.p, c->cells.p + base, c->cells.len - base);
	c->cells.len -= base;
	for (i = first; i < c->cell_off.len; i++)
		c->cell_off.v[i - first] = c->cell_off.v[i] - base;
	c->cell_off.len -= first;
	c->row_first = 0;
	c->nrows = c->next_row = 0;
}

static int is_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

static int csv_parse_error(struct crm_reader *r)
{
	char msg[128];
	size_t i;

	snprintf(msg, sizeof msg, "%s", csv_strerror(csv_error(&r->csv.parser)));
	for (i = 0; msg[i]; i++)
		msg[i] = (char)tolower((unsigned char)msg[i]);
	return reader_fail(r, CRM_EINVAL, "line %ld: %s", r->csv.row_line ? r->csv.row_line : r->line,
			   msg);
}

/* Feeds one chunk to libcsv a line at a time: libcsv does not say where a
 * row starts, and blank lines never reach its callbacks, so the line a row
 * starts on is the line of the first piece with content fed while no row
 * was open. */
static int csv_feed(struct crm_reader *r)
{
	struct csv_state *c = &r->csv;
	const char *p = r->chunk + r->chunk_pos, *end = r->chunk + r->chunk_len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl + 1 : end) - p);

		if (!c->row_line && !is_blank(p, n))
			c->row_line = r->line;
		if (csv_parse(&c->parser, p, n, csv_on_cell, csv_on_row, r) != n)
			return csv_parse_error(r);
		if (r->failed)
			return -1;
		if (nl)
			r->line++;
		p += n;
	}
	r->chunk_pos = r->chunk_len;
	return 0;
}

/* At the end of the input: flushes the last row, which may lack a line end. */
static int csv_finish(struct crm_reader *r)
{
	struct csv_state *c = &r->csv;

	c->finished = 1;
	if (csv_fini(&c->parser, csv_on_cell, csv_on_row, r) != 0)
		return reader_fail(r, CRM_EINVAL, "line %ld: unterminated quoted field", c->row_line);
	return r->failed ? -1 : 0;
}

/* Reads another chunk into the queue: 0 when done, -1 with r->err set. */
static int csv_refill(struct crm_reader *r)
{
	int got;

	csv_compact(&r->csv);
	got = read_chunk(r);
	if (got < 0)
		return -1;
	if (got == 0)
		return csv_finish(r);
	return csv_feed(r);
}

/* Takes the first row as the names of the columns. */
static int csv_set_header(struct crm_reader *r, const struct csv_row *row)
{
	struct csv_state *c = &r->csv;
	size_t i, k, at, cap = 0;
	const char **names;

	for (i = 0; i < row->n; i++) {
		const char *name = c->cells.p + c->cell_off.v[row->first + i];

		if (!*name)
			return reader_fail(r, CRM_EINVAL, "line %ld: empty column name in the header",
					   row->line);
		for (k = 0; k < i; k++)
			if (strcmp(name, c->cells.p + c->cell_off.v[row->first + k]) == 0)
				return reader_fail(r, CRM_EINVAL, "line %ld: duplicate column '%s'",
						   row->line, name);
		if (buf_add_text(r, &c->header, name, strlen(name), &at) < 0)
			return -1;
	}
	names = grow_array(r, NULL, &cap, row->n, sizeof *names);
	if (!names)
		return -1;
	c->names = names;
	if (ensure_slots(r, row->n) < 0)
		return -1;
	for (i = 0, at = 0; i < row->n; i++) {
		c->names[i] = c->header.p + at;
		at += strlen(c->names[i]) + 1;
	}
	c->ncols = row->n;
	return 0;
}

static int csv_hand_out(struct crm_reader *r, const struct csv_row *row, struct crm_record *rec)
{
	struct csv_state *c = &r->csv;
	size_t i;

	if (row->n > c->ncols)
		return reader_fail(r, CRM_EINVAL, "line %ld: %zu cells but the header has %zu",
				   row->line, row->n, c->ncols);
	for (i = 0; i < c->ncols; i++)
		r->values[i] = i < row->n ? c->cells.p + c->cell_off.v[row->first + i] : NULL;
	rec->nfields = c->ncols;
	rec->names = c->names;
	rec->values = r->values;
	rec->line = row->line;
	return 1;
}

static int csv_next(struct crm_reader *r, struct crm_record *rec)
{
	struct csv_state *c = &r->csv;

	for (;;) {
		if (c->next_row < c->nrows) {
			const struct csv_row *row = &c->rows[c->next_row++];

			if (c->ncols)
				return csv_hand_out(r, row, rec);
			if (csv_set_header(r, row) < 0)
				return -1;
			continue;
		}
		/* An error met while filling the queue waits until the rows
		 * before it have been handed out. */
		if (r->failed)
			return -1;
		if (c->finished)
			return 0;
		csv_refill(r);
	}
}

/* --- JSON: our lexer --------------------------------------------------- */

static int is_json_space(unsigned char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

static int is_number_char(unsigned char ch)
{
	return (ch >= '0' && ch <= '9') || ch == '-' || ch == '+' || ch == '.' || ch == 'e' ||
	       ch == 'E';
}

static int is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int is_json_number(const char *s, size_t n)
{
	size_t i = 0;

	if (i < n && s[i] == '-')
		i++;
	if (i < n && s[i] == '0')
		i++;
	else if (i < n && is_digit(s[i]))
		while (i < n && is_digit(s[i]))
			i++;
	else
		return 0;
	if (i < n && s[i] == '.') {
		if (++i == n || !is_digit(s[i]))
			return 0;
		while (i < n && is_digit(s[i]))
			i++;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		if (++i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i == n || !is_digit(s[i]))
			return 0;
		while (i < n && is_digit(s[i]))
			i++;
	}
	return i == n;
}

/* Shows a byte in a message: 'x', or its code when it does not print. */
static const char *show_byte(unsigned char ch, char out[16])
{
	if (ch >= 0x20 && ch < 0x7f)
		snprintf(out, 16, "'%c'", ch);
	else
		snprintf(out, 16, "byte 0x%02x", ch);
	return out;
}

static int json_unexpected(struct crm_reader *r, unsigned char ch)
{
	char shown[16];

	return reader_fail(r, CRM_EINVAL, "line %ld: invalid JSON: unexpected %s", r->line,
			   show_byte(ch, shown));
}

/* Space in elem was reserved when the chunk was read: every input byte
 * makes at most two bytes of output. */
static void elem_put(struct json_state *j, char ch)
{
	j->elem.p[j->elem.len++] = ch;
}

static int elem_put_added_quote(struct crm_reader *r)
{
	struct json_state *j = &r->json;

	if (offsets_push(r, &j->added_quotes, j->elem.len) < 0)
		return -1;
	elem_put(j, '"');
	return 0;
}

static void json_begin_element(struct crm_reader *r)
{
	struct json_state *j = &r->json;

	j->elem.len = 0;
	j->added_quotes.len = 0;
	j->depth = 0;
	j->in_string = j->escape = j->in_number = 0;
	j->prev = 0;
	j->elem_line = r->line;
}

/* A number may only stand where a value does: at the start, after ':', or
 * after '[' or ',' inside an array.  Anywhere else (a key) it is an error
 * that quoting would otherwise hide from cJSON. */
static int json_open_number(struct crm_reader *r, unsigned char ch)
{
	struct json_state *j = &r->json;
	int in_array = j->depth > 0 && j->stack[j->depth - 1] == '[';

	if (j->prev && j->prev != ':' && !((j->prev == '[' || j->prev == ',') && in_array))
		return json_unexpected(r, ch);
	if (elem_put_added_quote(r) < 0)
		return -1;
	j->number_start = j->elem.len;
	j->in_number = 1;
	elem_put(j, (char)ch);
	return 0;
}

static int json_close_number(struct crm_reader *r)
{
	struct json_state *j = &r->json;
	const char *s = j->elem.p + j->number_start;
	size_t n = j->elem.len - j->number_start;

	j->in_number = 0;
	if (!is_json_number(s, n))
		return reader_fail(r, CRM_EINVAL, "line %ld: invalid JSON: bad number '%.*s'", r->line,
				   n > 40 ? 40 : (int)n, s);
	j->prev = '0';
	return elem_put_added_quote(r);
}

static int json_bracket(struct crm_reader *r, unsigned char ch)
{
	struct json_state *j = &r->json;

	if (ch == '{' || ch == '[') {
		if (j->depth == JSON_MAX_DEPTH)
			return reader_fail(r, CRM_EINVAL, "line %ld: invalid JSON: nested too deeply",
					   r->line);
		j->stack[j->depth++] = ch;
		return 0;
	}
	if (!j->depth || j->stack[j->depth - 1] != (ch == '}' ? '{' : '['))
		return json_unexpected(r, ch);
	j->depth--;
	return 0;
}

/* Copies one byte of an element into elem, quoting bare numbers.  Tracks
 * strings and their escapes (a quote or bracket inside a string means
 * nothing) and the open brackets, so the caller can tell where the element
 * ends. */
static int json_lex(struct crm_reader *r, unsigned char ch)
{
	struct json_state *j = &r->json;

	if (j->in_string) {
		if (j->escape)
			j->escape = 0;
		else if (ch == '\\')
			j->escape = 1;
		else if (ch == '"') {
			j->in_string = 0;
			j->prev = '"';
		}
		if (ch == '\n')
			r->line++;
		elem_put(j, (char)ch);
		return 0;
	}
	if (j->in_number) {
		if (is_number_char(ch)) {
			elem_put(j, (char)ch);
			return 0;
		}
		if (json_close_number(r) < 0)
			return -1;
	}
	if (ch == '-' || (ch >= '0' && ch <= '9'))
		return json_open_number(r, ch);
	if (ch == '"') {
		j->in_string = 1;
		j->string_line = r->line;
	} else if (ch == '{' || ch == '[' || ch == '}' || ch == ']') {
		if (json_bracket(r, ch) < 0)
			return -1;
	} else if (ch == '\n') {
		r->line++;
	}
	if (!is_json_space(ch) && ch != '"')
		j->prev = ch;
	elem_put(j, (char)ch);
	return 0;
}

/* --- JSON: one element through cJSON ----------------------------------- */

/* Appends name, or prefix "." name, to text as a new field. */
static int json_add_name(struct crm_reader *r, const char *prefix, const char *name)
{
	struct json_state *j = &r->json;
	size_t plen = prefix ? strlen(prefix) + 1 : 0, nlen = strlen(name);

	if (buf_reserve(r, &j->text, plen + nlen + 1) < 0 ||
	    offsets_push(r, &j->fields, j->text.len) < 0)
		return -1;
	if (prefix) {
		memcpy(j->text.p + j->text.len, prefix, plen - 1);
		j->text.p[j->text.len + plen - 1] = '.';
	}
	memcpy(j->text.p + j->text.len + plen, name, nlen + 1);
	j->text.len += plen + nlen + 1;
	return 0;
}

/* The text of a scalar: numbers reach us as strings, thanks to the lexer. */
static const char *json_scalar_text(const cJSON *v)
{
	if (cJSON_IsString(v))
		return v->valuestring;
	if (cJSON_IsTrue(v))
		return "true";
	if (cJSON_IsFalse(v))
		return "false";
	return NULL;
}

static int json_add_value(struct crm_reader *r, const char *s)
{
	struct json_state *j = &r->json;
	size_t at = NO_VALUE;

	if (s && buf_add_text(r, &j->text, s, strlen(s), &at) < 0)
		return -1;
	return offsets_push(r, &j->fields, at);
}

/* An array of scalars becomes one value, its items joined with ';'. */
static int json_add_array(struct crm_reader *r, const cJSON *array, long line)
{
	struct json_state *j = &r->json;
	const cJSON *item;
	size_t at = j->text.len, n;

	for (item = array->child; item; item = item->next) {
		const char *s = json_scalar_text(item);

		if (cJSON_IsObject(item) || cJSON_IsArray(item) || !s)
			return reader_fail(r, CRM_EINVAL, "line %ld: field '%s': %s are not supported",
					   line, array->string,
					   cJSON_IsObject(item)  ? "arrays of objects"
					   : cJSON_IsArray(item) ? "nested arrays"
								 : "nulls inside arrays");
		n = strlen(s);
		if (buf_reserve(r, &j->text, n + 2) < 0)
			return -1;
		if (item != array->child)
			j->text.p[j->text.len++] = ';';
		memcpy(j->text.p + j->text.len, s, n);
		j->text.len += n;
	}
	if (buf_reserve(r, &j->text, 1) < 0)
		return -1;
	j->text.p[j->text.len++] = '\0';
	return offsets_push(r, &j->fields, at);
}

/* A nested object {"k": "v"} under key "field" becomes "field.k"; it may
 * hold scalars only. */
static int json_add_object(struct crm_reader *r, const cJSON *object, long line)
{
	const cJSON *m;

	for (m = object->child; m; m = m->next) {
		if (cJSON_IsObject(m) || cJSON_IsArray(m))
			return reader_fail(r, CRM_EINVAL, "line %ld: field '%s.%s': %s are not supported",
					   line, object->string, m->string,
					   cJSON_IsObject(m) ? "objects nested more than one level"
							     : "arrays inside nested objects");
		if (json_add_name(r, object->string, m->string) < 0 ||
		    json_add_value(r, json_scalar_text(m)) < 0)
			return -1;
	}
	return 0;
}

static int json_build(struct crm_reader *r, const cJSON *root, struct crm_record *rec)
{
	struct json_state *j = &r->json;
	const cJSON *m;
	size_t i, n;

	j->text.len = 0;
	j->fields.len = 0;
	for (m = root->child; m; m = m->next) {
		int rc;

		if (cJSON_IsObject(m))
			rc = json_add_object(r, m, j->elem_line);
		else if (json_add_name(r, NULL, m->string) < 0)
			rc = -1;
		else if (cJSON_IsArray(m))
			rc = json_add_array(r, m, j->elem_line);
		else
			rc = json_add_value(r, json_scalar_text(m));
		if (rc < 0)
			return -1;
	}
	n = j->fields.len / 2;
	if (ensure_slots(r, n) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		size_t value = j->fields.v[2 * i + 1];

		r->names[i] = j->text.p + j->fields.v[2 * i];
		r->values[i] = value == NO_VALUE ? NULL : j->text.p + value;
	}
	rec->nfields = n;
	rec->names = r->names;
	rec->values = r->values;
	rec->line = j->elem_line;
	return 1;
}

/* Reports where cJSON stopped, showing the input as written: the quotes
 * the lexer added around numbers are left out. */
static int json_syntax_error(struct crm_reader *r, const char *end)
{
	struct json_state *j = &r->json;
	size_t pos = end ? (size_t)(end - j->elem.p) : 0, i, q = 0, n = 0;
	long line = j->elem_line;
	char near[24];

	for (i = 0; i < pos && i < j->elem.len; i++)
		line += j->elem.p[i] == '\n';
	while (q < j->added_quotes.len && j->added_quotes.v[q] < pos)
		q++;
	for (i = pos; i < j->elem.len && n < 20 && j->elem.p[i] != '\n' && j->elem.p[i] != '\r'; i++) {
		if (q < j->added_quotes.len && j->added_quotes.v[q] == i) {
			q++;
			continue;
		}
		near[n++] = j->elem.p[i];
	}
	near[n] = '\0';
	if (!n)
		return reader_fail(r, CRM_EINVAL, "line %ld: invalid JSON", line);
	return reader_fail(r, CRM_EINVAL, "line %ld: invalid JSON near '%s'", line, near);
}

/* Parses the element in elem and hands it out as a record. */
static int json_emit(struct crm_reader *r, struct crm_record *rec)
{
	struct json_state *j = &r->json;
	const char *end = NULL;
	cJSON *root;
	int rc;

	/* Trailing blanks would only push an error at the end to a later line. */
	while (j->elem.len && is_json_space((unsigned char)j->elem.p[j->elem.len - 1]))
		j->elem.len--;
	j->elem.p[j->elem.len] = '\0';
	/* The length counts the NUL: cJSON's check for trailing garbage wants it. */
	root = cJSON_ParseWithLengthOpts(j->elem.p, j->elem.len + 1, &end, 1);
	if (!root)
		return json_syntax_error(r, end);
	if (!cJSON_IsObject(root))
		rc = reader_fail(r, CRM_EINVAL, "line %ld: expected an object", j->elem_line);
	else
		rc = json_build(r, root, rec);
	cJSON_Delete(root);
	return rc;
}

/* --- JSON array and NDJSON framing ------------------------------------- */

/* The bytes of an array between its elements: '[' ',' ']' and blanks. */
static int jarray_punctuation(struct crm_reader *r, unsigned char ch)
{
	struct json_state *j = &r->json;
	char shown[16];

	switch (j->top) {
	case J_START:
		if (ch != '[')
			return reader_fail(r, CRM_EINVAL,
					   "line %ld: invalid JSON: expected an array of objects",
					   r->line);
		j->array_line = r->line;
		j->top = J_FIRST;
		return 0;
	case J_FIRST:
	case J_NEXT:
		if (ch == ']' && j->top == J_FIRST) {
			j->top = J_END;
			return 0;
		}
		if (ch == ',' || ch == ']')
			return json_unexpected(r, ch);
		json_begin_element(r);
		j->top = J_IN_ELEM;
		return json_lex(r, ch);
	case J_END:
		return reader_fail(r, CRM_EINVAL, "line %ld: invalid JSON: unexpected %s after the array",
				   r->line, show_byte(ch, shown));
	case J_IN_ELEM:
		break;
	}
	return 0;
}

/* Scans the chunk for the end of the next element of the array.  Returns
 * 1 when one is complete in elem, 0 when the chunk ran out first. */
static int jarray_scan(struct crm_reader *r)
{
	struct json_state *j = &r->json;

	while (r->chunk_pos < r->chunk_len) {
		unsigned char ch = (unsigned char)r->chunk[r->chunk_pos++];

		if (j->top != J_IN_ELEM) {
			if (ch == '\n')
				r->line++;
			else if (!is_json_space(ch) && jarray_punctuation(r, ch) < 0)
				return -1;
			continue;
		}
		if (!j->depth && !j->in_string && (ch == ',' || ch == ']')) {
			if (j->in_number && json_close_number(r) < 0)
				return -1;
			j->top = ch == ',' ? J_NEXT : J_END;
			return 1;
		}
		if (json_lex(r, ch) < 0)
			return -1;
	}
	return 0;
}

static int jarray_eof(struct crm_reader *r)
{
	struct json_state *j = &r->json;

	if (j->top == J_START || j->top == J_END)
		return 0;
	if (j->top == J_IN_ELEM && j->in_string)
		return reader_fail(r, CRM_EINVAL, "line %ld: invalid JSON: unterminated string",
				   j->string_line);
	if (j->top == J_IN_ELEM && j->depth)
		return reader_fail(r, CRM_EINVAL, "line %ld: invalid JSON: unterminated %s",
				   j->elem_line, j->stack[0] == '{' ? "object" : "array");
	return reader_fail(r, CRM_EINVAL, "line %ld: invalid JSON: unterminated array",
			   j->array_line);
}

/* Ends an NDJSON line: 1 when it held an element, 0 when it was blank. */
static int ndjson_end_line(struct crm_reader *r)
{
	struct json_state *j = &r->json;

	if (!j->started)
		return 0;
	j->started = 0;
	if (j->in_string)
		return reader_fail(r, CRM_EINVAL, "line %ld: invalid JSON: unterminated string",
				   j->string_line);
	if (j->in_number && json_close_number(r) < 0)
		return -1;
	return 1;
}

/* Scans the chunk for the end of the next non-blank line. */
static int ndjson_scan(struct crm_reader *r)
{
	struct json_state *j = &r->json;

	while (r->chunk_pos < r->chunk_len) {
		unsigned char ch = (unsigned char)r->chunk[r->chunk_pos++];

		if (ch == '\n') {
			int got = ndjson_end_line(r);

			r->line++;
			if (got)
				return got;
			continue;
		}
		if (!j->started) {
			if (is_json_space(ch))
				continue;
			json_begin_element(r);
			j->started = 1;
		}
		if (json_lex(r, ch) < 0)
			return -1;
	}
	return 0;
}

static int json_next(struct crm_reader *r, struct crm_record *rec)
{
	struct json_state *j = &r->json;
	int got;

	for (;;) {
		if (r->chunk_pos == r->chunk_len) {
			got = read_chunk(r);
			if (got < 0)
				return -1;
			if (got == 0) {
				got = r->format == CRM_READ_NDJSON ? ndjson_end_line(r) : jarray_eof(r);
				return got > 0 ? json_emit(r, rec) : got;
			}
			/* Each byte makes at most two of elem, plus a closing
			 * quote and the NUL for cJSON. */
			if (buf_reserve(r, &j->elem, 2 * (r->chunk_len - r->chunk_pos) + 2) < 0)
				return -1;
		}
		got = r->format == CRM_READ_NDJSON ? ndjson_scan(r) : jarray_scan(r);
		if (got > 0)
			return json_emit(r, rec);
		if (got < 0)
			return -1;
	}
}

/* --- the API ----------------------------------------------------------- */

int crm_reader_open(struct crm_reader **out, FILE *fp, enum crm_reader_format format,
		    struct crm_err *err)
{
	struct crm_reader *r;

	*out = NULL;
	if (format != CRM_READ_CSV && format != CRM_READ_JSON && format != CRM_READ_NDJSON)
		return crm_fail(err, CRM_EUSAGE, "unknown input format %d", (int)format);
	r = calloc(1, sizeof *r);
	if (!r || !(r->chunk = malloc(CHUNK_SIZE))) {
		free(r);
		return crm_fail(err, CRM_EFAIL, "out of memory");
	}
	r->fp = fp;
	r->format = format;
	r->line = 1;
	if (format == CRM_READ_CSV) {
		/* Strict: a stray quote is an error, not data.  Cells are
		 * copied with their length, so CSV_APPEND_NULL is not needed. */
		if (csv_init(&r->csv.parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
			crm_reader_close(r);
			return crm_fail(err, CRM_EFAIL, "out of memory");
		}
		r->csv.parser_ready = 1;
		csv_set_blk_size(&r->csv.parser, 4096);
	}
	*out = r;
	return CRM_OK;
}

int crm_reader_next(struct crm_reader *r, struct crm_record *rec, struct crm_err *err)
{
	int got;

	memset(rec, 0, sizeof *rec);
	if (!r->reported) {
		got = r->format == CRM_READ_CSV ? csv_next(r, rec) : json_next(r, rec);
		if (got >= 0)
			return got;
		memset(rec, 0, sizeof *rec);
		r->reported = 1;
	}
	crm_fail(err, r->err_code, "%s", r->err.msg);
	return -1;
}

void crm_reader_close(struct crm_reader *r)
{
	if (!r)
		return;
	if (r->csv.parser_ready)
		csv_free(&r->csv.parser);
	free(r->csv.header.p);
	free(r->csv.names);
	free(r->csv.cells.p);
	free(r->csv.cell_off.v);
	free(r->csv.rows);
	free(r->json.elem.p);
	free(r->json.added_quotes.v);
	free(r->json.text.p);
	free(r->json.fields.v);
	free(r->names);
	free(r->values);
	free(r->chunk);
	free(r);
}
