/* test_search.c — units, query building and the FTS5 index (lib/search.c). */
#include <stdlib.h>
#include <string.h>

#include "search.h"
#include "test.h"

#define END "\xee\x80\x80" /* U+E000 */
#define ONE "\xee\x80\x81" /* U+E001 */

static const char *units(const char *s)
{
	static struct crm_buf b;

	crm_buf_reset(&b);
	crm_search_units(&b, s, strlen(s));
	return b.data;
}

/* The match expression for query, or "error <code>: <message>". */
static const char *match(const char *query)
{
	static struct crm_buf b;
	struct crm_err err;
	int rc;

	crm_buf_reset(&b);
	rc = crm_search_match(query, &b, &err);
	if (rc != CRM_OK) {
		crm_buf_reset(&b);
		crm_buf_addf(&b, "error %d: %s", rc, err.msg);
	}
	return b.data;
}

#define MATCH(q, want) CHECK_STR(match(q), (want), "match " #q)

static const char *cjk_units(const char *s)
{
	static struct crm_buf b;

	crm_buf_reset(&b);
	crm_search_cjk_units(&b, s, strlen(s));
	return b.data;
}

static void test_units(void)
{
	CHECK_STR(units("王伟明 li smith"),
		  "王" ONE END "王伟" END "伟" ONE END "伟明" END "明" ONE END
		  "l" ONE END "s" ONE END,
		  "units of a name: CJK units and initials");
	CHECK_STR(cjk_units("王伟明 li smith"),
		  "王" ONE END "王伟" END "伟" ONE END "伟明" END "明" ONE END,
		  "units of a body: CJK units only");
	CHECK_STR(units("c00001王伟"),
		  "c" ONE END "王" ONE END "王伟" END "伟" ONE END,
		  "units of a word mixing CJK and other characters");
	CHECK_STR(units("x 김민수"),
		  "x" ONE END "김" ONE END "김민" END "민" ONE END "민수" END "수" ONE END,
		  "units of a one-letter word and Hangul");
	CHECK_STR(units(""), "", "no units for empty text");
	CHECK_STR(units("  "), "", "no units for spaces");
}

static void test_match(void)
{
	MATCH("王伟 smith li",
	      "short : \"王伟" END "\" AND {name body} : \"smith\" AND {name body} : \" li\"");
	MATCH("王", "short : \"王" ONE END "\"");
	MATCH("王伟明", "{name body} : \"王伟明\"");
	MATCH("ZÜRICH", "{name body} : \"zurich\"");
	MATCH("o'neil",
	      "short : \"o" ONE END "\" AND {name body} : \"neil\"");
	MATCH("王伟明c00001",
	      "{name body} : \"王伟明\" AND {name body} : \"c00001\"");
	MATCH("  Ｓｍｉｔｈ、 李 ",
	      "{name body} : \"smith\" AND short : \"李" ONE END "\"");
	MATCH("\"li\" OR x*", "{name body} : \" li\" AND {name body} : \" or\" AND "
			      "short : \"x" ONE END "\"");
	MATCH("", "error 4: nothing to search for in ''");
	MATCH("!!! --", "error 4: nothing to search for in '!!! --'");
	MATCH(NULL, "error 4: nothing to search for in ''");
}

static void test_match_appends(void)
{
	struct crm_buf b = {0};
	struct crm_err err;

	crm_buf_adds(&b, "x");
	CHECK_INT(crm_search_match("li", &b, &err), CRM_OK, "match succeeds");
	CHECK_STR(b.data, "x{name body} : \" li\"", "match appends to the buffer");
	CHECK_INT(crm_search_match("?", &b, &err), CRM_EINVAL, "match of ? fails");
	CHECK_STR(b.data, "x{name body} : \" li\"", "a failed match leaves the buffer alone");
	free(b.data);
}

/* Runs sql, which yields one text column, and joins the rows with ",". */
static const char *query_rows(sqlite3 *db, const char *sql, const char *param)
{
	static struct crm_buf b;
	sqlite3_stmt *stmt;
	const unsigned char *t;
	int rc;

	crm_buf_reset(&b);
	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return sqlite3_errmsg(db);
	if (param)
		sqlite3_bind_text(stmt, 1, param, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		t = sqlite3_column_text(stmt, 0);
		crm_buf_addf(&b, "%s%s", b.len ? "," : "", t ? (const char *)t : "NULL");
	}
	if (rc != SQLITE_DONE)
		crm_buf_addf(&b, "error: %s", sqlite3_errmsg(db));
	sqlite3_finalize(stmt);
	crm_buf_add(&b, "", 0);
	return b.data;
}

static const char *value(sqlite3 *db, const char *sql)
{
	return query_rows(db, sql, NULL);
}

static void test_sql_functions(sqlite3 *db)
{
	CHECK_STR(value(db, "SELECT crm_fold('Ærø, Zürich!')"), "aero zurich", "crm_fold in SQL");
	CHECK_STR(value(db, "SELECT crm_fold(NULL) IS NULL"), "1", "crm_fold(NULL) is NULL");
	CHECK_STR(value(db, "SELECT crm_fold(12.5)"), "12 5", "crm_fold of a number");
	CHECK_STR(value(db, "SELECT crm_fold('...') = ''"), "1", "crm_fold of punctuation is ''");
	CHECK_STR(value(db, "SELECT crm_short('li x', 'ab 北京') = 'l" ONE END "x" ONE END
			    "北" ONE END "北京" END "京" ONE END "'"),
		  "1", "crm_short in SQL");
	CHECK_STR(value(db, "SELECT crm_short(NULL, 'x') IS NULL"), "1", "crm_short(NULL) is NULL");
	CHECK_STR(value(db, "SELECT crm_short('x', NULL) = 'x" ONE END "'"), "1",
		  "crm_short of a NULL body");
	CHECK_STR(value(db, "SELECT crm_digits('+1 (555) 010-2000')"), "15550102000",
		  "crm_digits keeps the digits");
	CHECK_STR(value(db, "SELECT crm_digits('n/a') IS NULL"), "1",
		  "crm_digits of no digits is NULL");
	CHECK_STR(value(db, "SELECT crm_digits(NULL) IS NULL"), "1", "crm_digits(NULL) is NULL");
	CHECK_STR(value(db, "SELECT crm_digits('١٢3')"), "3", "crm_digits keeps ASCII digits only");
	CHECK_STR(value(db, "SELECT count(*) FROM (SELECT crm_fold(printf('%.*c', 100000, 'A')) "
			    "AS f) WHERE length(f) = 100000 AND f GLOB 'a*a'"),
		  "1", "crm_fold of a long text");
}

static const char *const schema =
	"CREATE VIRTUAL TABLE customer_fts USING fts5(name, body, short, tokenize='trigram');"
	"CREATE TABLE doc (id INTEGER PRIMARY KEY, name TEXT, body TEXT);"
	"INSERT INTO doc VALUES (1, '王伟明 C00001', 'Zürich'), (2, '김민수 C00002', 'Seoul'),"
	"  (3, 'John O''Neil-Smith C00003', 'London +44 20 7946 0000'),"
	"  (4, '王明 C00004', 'Beijing'), (5, 'Ærø Bådeværft C00005', 'Ærøskøbing');"
	"INSERT INTO customer_fts (rowid, name, body, short)"
	"  SELECT id, n, b, crm_short(n, b)"
	"  FROM (SELECT id, ' ' || crm_fold(name) AS n, ' ' || crm_fold(body) AS b FROM doc);";

static const char *find(sqlite3 *db, const char *query)
{
	static struct crm_err err;
	struct crm_buf m = {0};
	const char *rows;

	if (crm_search_match(query, &m, &err) != CRM_OK)
		return err.msg;
	rows = query_rows(db, "SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?1 "
			      "ORDER BY rowid", m.data);
	free(m.data);
	return rows;
}

#define FIND(q, want) CHECK_STR(find(db, q), (want), "search " #q)

static void test_index(sqlite3 *db)
{
	char *msg = NULL;

	CHECK_INT(sqlite3_exec(db, schema, NULL, NULL, &msg), SQLITE_OK, "index the customers");
	if (msg)
		printf("# %s\n", msg);
	sqlite3_free(msg);
	FIND("王伟", "1");
	FIND("伟明", "1");
	FIND("王", "1,4");
	FIND("明", "1,4");
	FIND("王伟明", "1");
	FIND("伟王", "");
	FIND("明王", "");
	FIND("zurich", "1");
	FIND("ZÜR", "1");
	FIND("Zürich 王", "1");
	FIND("민수", "2");
	FIND("김", "2");
	FIND("c0000", "1,2,3,4,5");
	FIND("C00003", "3");
	FIND("o'neil", "3");
	FIND("neil smith", "3");
	FIND("sm", "3");
	FIND("s", "3");
	FIND("se", "2");
	FIND("lo", "3");
	FIND("mi", "");
	FIND("79460000", "");
	FIND("7946", "3");
	FIND("aero", "5");
	FIND("AERØSKØBING", "5");
	FIND("ae", "5");
	FIND("badevaerft", "5");
	FIND("beijing london", "");
}

int main(void)
{
	sqlite3 *db;

	test_units();
	test_match();
	test_match_appends();
	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		return 1;
	CHECK_INT(crm_search_register(db), SQLITE_OK, "register the search functions");
	CHECK_INT(crm_search_register(db), SQLITE_OK, "registering twice replaces them");
	test_sql_functions(db);
	test_index(db);
	sqlite3_close(db);
	return test_done();
}
