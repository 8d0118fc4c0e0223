/* search.c — the SQL functions that feed customer_fts, and the query builder.
 *
 * The trigram index finds any substring of three or more characters, and the
 * start of a word by a space and its first two letters.  Shorter terms of
 * Chinese, Japanese and Korean, and initials, are found through "units" (see
 * search.h) kept in the short column;
 * the query builder and crm_search_units split words the same way, so that
 * every term maps to something the index holds. */
#include <stdlib.h>
#include <string.h>

#include "search.h"

/* U+E000 ends every unit; U+E001 pads a one-character unit to three. */
#define UNIT_END "\xee\x80\x80"
#define UNIT_ONE "\xee\x80\x81"

/* A scratch buffer that outgrew this is freed after the call, so that one
 * huge note does not pin its memory for the life of the connection. */
#define SCRATCH_KEEP (64 * 1024)

/* A piece is a run of CJK or of other characters inside one word. */
struct piece {
	const char *s;
	size_t len;   /* bytes */
	size_t chars; /* code points */
	int cjk;
};

/* Finds the piece of folded text s[0..n) that starts at or after *pos and
 * moves *pos past it.  Returns 0 when there is none. */
static int next_piece(const char *s, size_t n, size_t *pos, struct piece *p)
{
	size_t i = *pos;
	uint32_t cp;
	int len;

	while (i < n && (unsigned char)s[i] <= ' ')
		i++;
	if (i >= n)
		return 0;
	p->s = s + i;
	p->chars = 0;
	len = crm_utf8_decode(s + i, n - i, &cp);
	p->cjk = crm_is_cjk(cp);
	do {
		i += (size_t)len;
		p->chars++;
		if (i >= n || (unsigned char)s[i] <= ' ')
			break;
		len = crm_utf8_decode(s + i, n - i, &cp);
	} while (crm_is_cjk(cp) == p->cjk);
	p->len = (size_t)(s + i - p->s);
	*pos = i;
	return 1;
}

/* Byte length of the first code point of s[0..n). */
static size_t char_len(const char *s, size_t n)
{
	uint32_t cp;

	return (size_t)crm_utf8_decode(s, n, &cp);
}

/* Appends the unit of the one or two characters c[0..len). */
static void add_unit(struct crm_buf *out, const char *c, size_t len, int chars)
{
	char unit[16]; /* two characters of up to 4 bytes, two markers of 3 */

	memcpy(unit, c, len);
	if (chars == 1) {
		memcpy(unit + len, UNIT_ONE, 3);
		len += 3;
	}
	memcpy(unit + len, UNIT_END, 3);
	crm_buf_add(out, unit, len + 3);
}

/* CJK words have no spaces, so any character or pair of characters may
 * start a term: index them all.  Other words get a unit for their first
 * letter only when they are in the name (with_initials); their two-letter
 * beginnings are found through the trigram " ab" of the name and body
 * columns, which begin with a space. */
static void piece_units(struct crm_buf *out, const struct piece *p, int with_initials)
{
	size_t i = 0, a, b;

	if (!p->cjk) {
		if (with_initials)
			add_unit(out, p->s, char_len(p->s, p->len), 1);
		return;
	}
	while (i < p->len) {
		a = char_len(p->s + i, p->len - i);
		add_unit(out, p->s + i, a, 1);
		if (i + a < p->len) {
			b = char_len(p->s + i + a, p->len - i - a);
			add_unit(out, p->s + i, a + b, 2);
		}
		i += a;
	}
}

static void add_units(struct crm_buf *out, const char *s, size_t n, int with_initials)
{
	struct piece p;
	size_t pos = 0;

	crm_buf_add(out, "", 0); /* out->data is a string even with no units */
	while (s && next_piece(s, n, &pos, &p))
		piece_units(out, &p, with_initials);
}

void crm_search_units(struct crm_buf *out, const char *s, size_t n)
{
	add_units(out, s, n, 1);
}

void crm_search_cjk_units(struct crm_buf *out, const char *s, size_t n)
{
	add_units(out, s, n, 0);
}

/* Appends prefix, s[0..n) and suffix as one FTS5 string: in double quotes,
 * with any double quote doubled, so that no term can be read as FTS5 syntax.
 * prefix and suffix hold no double quotes. */
static void add_fts_string(struct crm_buf *out, const char *prefix, const char *s, size_t n,
			   const char *suffix)
{
	const char *q;

	crm_buf_add(out, "\"", 1);
	crm_buf_adds(out, prefix);
	while ((q = memchr(s, '"', n))) {
		crm_buf_add(out, s, (size_t)(q - s) + 1);
		crm_buf_add(out, "\"", 1);
		n -= (size_t)(q - s) + 1;
		s = q + 1;
	}
	crm_buf_add(out, s, n);
	crm_buf_adds(out, suffix);
	crm_buf_add(out, "\"", 1);
}

static void add_condition(struct crm_buf *match, const struct piece *p)
{
	if (p->chars >= 3) {
		crm_buf_adds(match, "{name body} : ");
		add_fts_string(match, "", p->s, p->len, "");
	} else if (p->chars == 2 && !p->cjk) {
		/* the start of a word: a space and the two letters */
		crm_buf_adds(match, "{name body} : ");
		add_fts_string(match, " ", p->s, p->len, "");
	} else {
		crm_buf_adds(match, "short : ");
		add_fts_string(match, "", p->s, p->len, p->chars == 1 ? UNIT_ONE UNIT_END : UNIT_END);
	}
}

int crm_search_match(const char *query, struct crm_buf *match, struct crm_err *err)
{
	struct crm_buf folded = {0};
	struct piece p;
	size_t start = match->len, pos = 0;

	if (!query)
		query = "";
	crm_fold(&folded, query, strlen(query));
	while (next_piece(folded.data, folded.len, &pos, &p)) {
		if (match->len > start)
			crm_buf_adds(match, " AND ");
		add_condition(match, &p);
	}
	free(folded.data);
	if (match->len == start)
		return crm_fail(err, CRM_EINVAL, "nothing to search for in '%s'", query);
	return CRM_OK;
}

/* The argument as UTF-8, or NULL after setting the result (NULL for a NULL
 * argument, an error when SQLite is out of memory). */
static const char *arg_text(sqlite3_context *ctx, sqlite3_value *v, size_t *n)
{
	const char *s;

	if (sqlite3_value_type(v) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return NULL;
	}
	s = (const char *)sqlite3_value_text(v);
	if (!s) {
		sqlite3_result_error_nomem(ctx);
		return NULL;
	}
	*n = (size_t)sqlite3_value_bytes(v);
	return s;
}

/* Returns the scratch buffer as the result.  SQLite copies it, usually into
 * a register it already holds, so a bulk import allocates nothing per row
 * here; the buffer is reused by the next call on this connection. */
static void result_scratch(sqlite3_context *ctx, struct crm_buf *b)
{
	sqlite3_result_text64(ctx, b->data, b->len, SQLITE_TRANSIENT, SQLITE_UTF8);
	if (b->cap > SCRATCH_KEEP) {
		free(b->data);
		memset(b, 0, sizeof *b);
	}
}

static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct crm_buf *b = sqlite3_user_data(ctx);
	size_t n;
	const char *s = arg_text(ctx, argv[0], &n);

	if (!s)
		return;
	crm_buf_reset(b);
	crm_fold(b, s, n);
	result_scratch(ctx, b);
}

/* crm_short(name, body): the units of both columns (initials from the name
 * only).  A NULL body counts as empty. */
static void sql_short(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct crm_buf *b = sqlite3_user_data(ctx);
	size_t n, nbody = 0;
	const char *s = arg_text(ctx, argv[0], &n), *body;

	if (!s)
		return;
	body = sqlite3_value_type(argv[1]) == SQLITE_NULL ? NULL
							   : (const char *)sqlite3_value_text(argv[1]);
	if (body)
		nbody = (size_t)sqlite3_value_bytes(argv[1]);
	crm_buf_reset(b);
	crm_search_units(b, s, n);
	crm_search_cjk_units(b, body, nbody);
	result_scratch(ctx, b);
}

/* Phone numbers are searched by their digits alone, whatever the spacing
 * and punctuation they were typed with. */
static void sql_digits(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct crm_buf *b = sqlite3_user_data(ctx);
	size_t n, i, from;
	const char *s = arg_text(ctx, argv[0], &n);

	if (!s)
		return;
	crm_buf_reset(b);
	for (i = 0; i < n; i = from) {
		while (i < n && (s[i] < '0' || s[i] > '9'))
			i++;
		for (from = i; from < n && s[from] >= '0' && s[from] <= '9'; from++)
			;
		crm_buf_add(b, s + i, from - i);
	}
	if (b->len == 0)
		sqlite3_result_null(ctx);
	else
		result_scratch(ctx, b);
}

static void scratch_free(void *p)
{
	struct crm_buf *b = p;

	free(b->data);
	free(b);
}

/* Each function gets its own scratch buffer: SQLite frees it with the
 * function (connection closed, function redefined), and since a connection
 * runs one statement step at a time, no lock is needed. */
static int register_function(sqlite3 *db, const char *name, int nargs,
			     void (*fn)(sqlite3_context *, int, sqlite3_value **))
{
	struct crm_buf *scratch = calloc(1, sizeof *scratch);

	if (!scratch)
		return SQLITE_NOMEM;
	/* On failure SQLite calls scratch_free itself. */
	return sqlite3_create_function_v2(db, name, nargs,
					  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
					  scratch, fn, NULL, NULL, scratch_free);
}

/* crm_rank(customer_fts): how well a row matches, lower is better.  Each
 * term counts by the best column it was found in: the name (and code) 10,
 * the units of short words 5, the rest 1.  Unlike bm25 it needs no column
 * sizes, which cost a lookup per matching row: a broad term matching a
 * hundred thousand customers is ranked in a fraction of bm25's time. */
static void fts_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
		     int argc, sqlite3_value **argv)
{
	static const int weight[] = {10, 1, 5}; /* name, body, short */
	int nphrase = api->xPhraseCount(fts), score = 0;

	for (int p = 0; p < nphrase; p++) {
		Fts5PhraseIter it;
		int col, best = 0;

		if (api->xPhraseFirstColumn(fts, p, &it, &col) != SQLITE_OK)
			break;
		for (; col >= 0; api->xPhraseNextColumn(fts, &it, &col))
			if (col < 3 && weight[col] > best)
				best = weight[col];
		score += best;
	}
	sqlite3_result_int(ctx, -score);
}

/* The FTS5 API of db, through the documented "SELECT fts5(?)" handshake. */
static fts5_api *fts5_api_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *stmt;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	return api;
}

static int register_sql_functions(sqlite3 *db)
{
	int rc = register_function(db, "crm_fold", 1, sql_fold);

	if (rc == SQLITE_OK)
		rc = register_function(db, "crm_short", 2, sql_short);
	if (rc == SQLITE_OK)
		rc = register_function(db, "crm_digits", 1, sql_digits);
	return rc;
}

int crm_search_register(sqlite3 *db)
{
	fts5_api *fts5 = fts5_api_of(db);

	if (!fts5 || fts5->xCreateFunction(fts5, "crm_rank", NULL, fts_rank, NULL) != SQLITE_OK)
		return SQLITE_ERROR;
	return register_sql_functions(db);
}

