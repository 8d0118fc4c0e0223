/* test_reader.c — unit tests of the streaming record reader (lib/reader.c). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reader.h"
#include "test.h"

/* The reader's chunk size: some inputs below are laid out so that a tricky
 * byte falls exactly on a chunk boundary. */
#define CHUNK (64 * 1024)

/* A growable string for building inputs and expected outputs. */
struct str {
	char *p;
	size_t len, cap;
};

static void str_add(struct str *s, const char *t, size_t n)
{
	if (s->len + n + 1 > s->cap) {
		s->cap = (s->len + n + 1) * 2;
		s->p = realloc(s->p, s->cap);
		if (!s->p)
			abort();
	}
	memcpy(s->p + s->len, t, n);
	s->len += n;
	s->p[s->len] = '\0';
}

static void str_printf(struct str *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void str_printf(struct str *s, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	str_add(s, tmp, (size_t)n);
}

static void str_repeat(struct str *s, char ch, size_t n)
{
	while (n--)
		str_add(s, &ch, 1);
}

/* A stream holding n bytes of data, as an import would get from a file. */
static FILE *stream_of(const char *data, size_t n)
{
	FILE *fp = tmpfile();

	if (!fp || fwrite(data, 1, n, fp) != n || fseek(fp, 0, SEEK_SET) != 0)
		abort();
	return fp;
}

/* Reads every record of input and renders them one a line as
 * "LINE|name=value|name=(null)", ending with "error: MSG" after a failure.
 * The caller frees the result. */
static char *render_n(enum crm_reader_format format, const char *input, size_t n)
{
	struct crm_reader *r;
	struct crm_record rec;
	struct crm_err err;
	struct str out = {0};
	FILE *fp = stream_of(input, n);
	size_t i;
	int got;

	str_add(&out, "", 0);
	if (crm_reader_open(&r, fp, format, &err) != CRM_OK) {
		str_printf(&out, "open: %s\n", err.msg);
		fclose(fp);
		return out.p;
	}
	while ((got = crm_reader_next(r, &rec, &err)) == 1) {
		str_printf(&out, "%ld", rec.line);
		for (i = 0; i < rec.nfields; i++) {
			str_printf(&out, "|%s=", rec.names[i]);
			if (rec.values[i])
				str_add(&out, rec.values[i], strlen(rec.values[i]));
			else
				str_add(&out, "(null)", 6);
		}
		str_add(&out, "\n", 1);
	}
	if (got < 0)
		str_printf(&out, "error: %s\n", err.msg);
	crm_reader_close(r);
	fclose(fp);
	return out.p;
}

static char *render(enum crm_reader_format format, const char *input)
{
	return render_n(format, input, strlen(input));
}

#define CHECK_READ(format, input, want, what)                                                 \
	do {                                                                                  \
		char *got_ = render((format), (input));                                       \
		CHECK_STR(got_, (want), (what));                                              \
		free(got_);                                                                   \
	} while (0)

/* --- CSV --------------------------------------------------------------- */

static void test_csv_basics(void)
{
	CHECK_READ(CRM_READ_CSV,
		   "code,name,note\n"
		   "C1,\"Acme, Inc.\",\"say \"\"hi\"\"\"\n"
		   "C2,\"two\nlines\",x\n"
		   "C3,Bolt,\n",
		   "2|code=C1|name=Acme, Inc.|note=say \"hi\"\n"
		   "3|code=C2|name=two\nlines|note=x\n"
		   "5|code=C3|name=Bolt|note=\n",
		   "csv: quoted commas, doubled quotes, newline inside quotes, line numbers");
	CHECK_READ(CRM_READ_CSV, "a,b\r\n1,\"x\r\ny\"\r\n2,z\r\n",
		   "2|a=1|b=x\r\ny\n"
		   "4|a=2|b=z\n",
		   "csv: CRLF line ends, CRLF inside quotes kept");
	CHECK_READ(CRM_READ_CSV, "\xEF\xBB\xBF" "code,name\nC1,Acme\n", "2|code=C1|name=Acme\n",
		   "csv: a UTF-8 BOM before the header is dropped");
	CHECK_READ(CRM_READ_CSV, "a,b,c\n1\n1,2\n\"\"\n", "2|a=1|b=(null)|c=(null)\n"
						     "3|a=1|b=2|c=(null)\n"
						     "4|a=|b=(null)|c=(null)\n",
		   "csv: short rows leave the missing cells NULL");
	CHECK_READ(CRM_READ_CSV, "\n\na,b\n\n1,2\n   \n\r\n\t\n3,4\n\n", "5|a=1|b=2\n"
								     "9|a=3|b=4\n",
		   "csv: empty and blank lines are skipped, lines still counted");
	CHECK_READ(CRM_READ_CSV, "a,b\n1,2", "2|a=1|b=2\n", "csv: last row without a line end");
	CHECK_READ(CRM_READ_CSV, "a,b\n1,\"x\"", "2|a=1|b=x\n",
		   "csv: last row ends in a quoted cell without a line end");
	CHECK_READ(CRM_READ_CSV, "", "", "csv: empty input has no records");
	CHECK_READ(CRM_READ_CSV, "a,b\n", "", "csv: a header alone has no records");
	CHECK_READ(CRM_READ_CSV, "a,b\n1,2\r3,4\n", "2|a=1|b=2\n2|a=3|b=4\n",
		   "csv: a lone CR ends a row but not a line");
	CHECK_READ(CRM_READ_CSV, "code, name\n C1 ,\" Acme \" \n", "2|code=C1|name= Acme \n",
		   "csv: blanks around unquoted cells are trimmed (libcsv), quoted ones kept");
	CHECK_READ(CRM_READ_CSV, "amount,n\n1234.50,0012\n", "2|amount=1234.50|n=0012\n",
		   "csv: numbers stay text");
}

static void test_csv_errors(void)
{
	CHECK_READ(CRM_READ_CSV, "a,b,c,d\n1,2,3,4\n1,2,3,4,5\n6,7\n",
		   "2|a=1|b=2|c=3|d=4\n"
		   "error: line 3: 5 cells but the header has 4\n",
		   "csv: a row longer than the header is an error");
	CHECK_READ(CRM_READ_CSV, "a,b\n1,2\n3,\"x\"y\n5,6\n",
		   "2|a=1|b=2\n"
		   "error: line 3: error parsing data while strict checking enabled\n",
		   "csv: text after a closing quote is an error, rows before it come out");
	CHECK_READ(CRM_READ_CSV, "a,b\n1,ab\"c\n",
		   "error: line 2: error parsing data while strict checking enabled\n",
		   "csv: a quote inside an unquoted cell is an error");
	CHECK_READ(CRM_READ_CSV, "a,b\n1,2\n\n3,\"open\nmore\n",
		   "2|a=1|b=2\n"
		   "error: line 4: unterminated quoted field\n",
		   "csv: an unterminated quote names the line the row starts on");
	CHECK_READ(CRM_READ_CSV, "a,b\n1,\"x\ny\nz\",\"p\"q\n",
		   "error: line 2: error parsing data while strict checking enabled\n",
		   "csv: a parse error inside a multi-line row names its first line");
	CHECK_READ(CRM_READ_CSV, "code,name,code\n", "error: line 1: duplicate column 'code'\n",
		   "csv: duplicate column in the header");
	CHECK_READ(CRM_READ_CSV, "code,,name\n", "error: line 1: empty column name in the header\n",
		   "csv: empty column name in the header");
	CHECK_READ(CRM_READ_CSV, "\n\na,a\n", "error: line 3: duplicate column 'a'\n",
		   "csv: header errors name the header's line");
}

/* After an error, every later call returns the same error. */
static void test_error_is_sticky(void)
{
	const char *in = "a\n1,2\n3\n";
	FILE *fp = stream_of(in, strlen(in));
	struct crm_reader *r;
	struct crm_record rec;
	struct crm_err err;

	CHECK_INT(crm_reader_open(&r, fp, CRM_READ_CSV, &err), CRM_OK, "sticky: open");
	CHECK_INT(crm_reader_next(r, &rec, &err), -1, "sticky: first call fails");
	CHECK_STR(err.msg, "line 2: 2 cells but the header has 1", "sticky: first message");
	strcpy(err.msg, "");
	CHECK_INT(crm_reader_next(r, &rec, &err), -1, "sticky: second call fails too");
	CHECK_STR(err.msg, "line 2: 2 cells but the header has 1", "sticky: same message");
	CHECK_INT(rec.nfields, 0, "sticky: no fields on failure");
	crm_reader_close(r);
	fclose(fp);
}

static void test_read_error(void)
{
	FILE *fp = fopen("/dev/null", "w"); /* reading it fails with EBADF */
	struct crm_reader *r;
	struct crm_record rec;
	struct crm_err err;
	char want[128];

	snprintf(want, sizeof want, "read error: %s", strerror(EBADF));
	CHECK_INT(crm_reader_open(&r, fp, CRM_READ_CSV, &err), CRM_OK, "read error: open");
	CHECK_INT(crm_reader_next(r, &rec, &err), -1, "read error: csv next fails");
	CHECK_STR(err.msg, want, "read error: csv message");
	crm_reader_close(r);
	CHECK_INT(crm_reader_open(&r, fp, CRM_READ_JSON, &err), CRM_OK, "read error: open json");
	CHECK_INT(crm_reader_next(r, &rec, &err), -1, "read error: json next fails");
	CHECK_STR(err.msg, want, "read error: json message");
	crm_reader_close(r);
	fclose(fp);
	crm_reader_close(NULL);
}

/* Closing in the middle of the input frees everything (LSan checks). */
static void test_close_early(void)
{
	struct str in = {0};
	struct crm_reader *r;
	struct crm_record rec;
	struct crm_err err;
	FILE *fp;
	int i;

	str_add(&in, "a,b\n", 4);
	for (i = 0; i < 10000; i++)
		str_printf(&in, "%d,\"x\ny\"\n", i);
	str_add(&in, "1,\"", 3);
	str_repeat(&in, 'z', CHUNK);
	fp = stream_of(in.p, in.len);
	CHECK_INT(crm_reader_open(&r, fp, CRM_READ_CSV, &err), CRM_OK, "close early: open");
	CHECK_INT(crm_reader_next(r, &rec, &err), 1, "close early: a record");
	CHECK_STR(rec.values[1], "x\ny", "close early: its value");
	crm_reader_close(r);
	fclose(fp);
	free(in.p);
}

/* A 100 KiB cell spans two chunks; the row after it keeps its line. */
static void test_csv_big_cell(void)
{
	struct str in = {0}, want = {0}, big = {0};
	char *got;

	str_repeat(&big, 'x', 50 * 1024);
	str_add(&big, "\"\"\n,", 4);
	str_repeat(&big, 'y', 50 * 1024);
	str_add(&in, "id,blob,after\n1,\"", 17);
	str_add(&in, big.p, big.len);
	str_add(&in, "\",end\n2,small,z\n", 16);
	str_printf(&want, "2|id=1|blob=");
	str_add(&want, big.p, big.len - 4 - 50 * 1024);
	str_add(&want, "\"\n,", 3);
	str_repeat(&want, 'y', 50 * 1024);
	str_add(&want, "|after=end\n4|id=2|blob=small|after=z\n", 37);
	got = render_n(CRM_READ_CSV, in.p, in.len);
	CHECK(in.len > CHUNK, "csv big cell: input is bigger than a chunk");
	CHECK(got && strcmp(got, want.p) == 0, "csv big cell: 100 KiB cell across chunks");
	free(got);
	free(in.p);
	free(want.p);
	free(big.p);
}

/* Puts the tricky part of a row exactly on the first chunk boundary. */
static void check_csv_at_boundary(const char *tail, const char *want_tail, const char *what)
{
	struct str in = {0}, want = {0};
	size_t pad;
	char *got;

	str_add(&in, "a,b\n1,", 6);
	pad = CHUNK - in.len - 2 - (strlen(tail) / 2);
	str_add(&in, "\"", 1);
	str_repeat(&in, 'p', pad);
	str_add(&in, tail, strlen(tail));
	str_add(&in, "\r\n2,after\n", 10);
	str_printf(&want, "2|a=1|b=");
	str_repeat(&want, 'p', pad);
	str_printf(&want, "%s\n%d|a=2|b=after\n", want_tail, 3 + (strchr(tail, '\n') != NULL));
	got = render_n(CRM_READ_CSV, in.p, in.len);
	CHECK(got && strcmp(got, want.p) == 0, what);
	free(got);
	free(in.p);
	free(want.p);
}

static void test_csv_boundaries(void)
{
	check_csv_at_boundary("\"\"\"", "\"", "csv boundary: a doubled quote split across chunks");
	check_csv_at_boundary("x\r\ny\"", "x\r\ny", "csv boundary: a CRLF inside quotes split");
	check_csv_at_boundary("x\"\r", "x", "csv boundary: a CRLF row end split");
	check_csv_at_boundary("\"", "", "csv boundary: a closing quote at the end of a chunk");
}

/* Many rows of every shape, so that chunk boundaries fall everywhere. */
static void test_csv_many_rows(void)
{
	struct str in = {0}, want = {0};
	long line = 2;
	int i;
	char *got;

	str_add(&in, "id,name,note\n", 13);
	for (i = 0; i < 20000; i++) {
		const char *end = i % 2 ? "\r\n" : "\n";

		if (i % 7 == 0) {
			str_printf(&in, "%d,\"n, \"\"%d\"\"\",\"l1\nl2\"%s", i, i, end);
			str_printf(&want, "%ld|id=%d|name=n, \"%d\"|note=l1\nl2\n", line, i, i);
			line += 2;
		} else if (i % 5 == 0) {
			str_printf(&in, "%d%s\n", i, end);
			str_printf(&want, "%ld|id=%d|name=(null)|note=(null)\n", line, i);
			line += 2;
		} else {
			str_printf(&in, "%d,plain %d,%s", i, i, end);
			str_printf(&want, "%ld|id=%d|name=plain %d|note=\n", line, i, i);
			line++;
		}
	}
	got = render_n(CRM_READ_CSV, in.p, in.len);
	CHECK(in.len > 4 * CHUNK, "csv many rows: input spans several chunks");
	CHECK(got && strcmp(got, want.p) == 0, "csv many rows: every row and line number");
	free(got);
	free(in.p);
	free(want.p);
}

/* --- JSON -------------------------------------------------------------- */

static void test_json_values(void)
{
	CHECK_READ(CRM_READ_JSON,
		   "[\n"
		   "  {\"code\": \"C1\", \"name\": \"say \\\"hi\\\" \\\\ caf\\u00e9 \\ud83d\\ude00\",\n"
		   "   \"amount\": 1234.50, \"delta\": -0.5, \"big\": 1e3, \"huge\": 12345678901234567890,\n"
		   "   \"zero\": 0, \"exp\": -1.25E+2, \"vip\": true, \"off\": false, \"fax\": null,\n"
		   "   \"fields\": {\"region\": \"north\", \"score\": 7, \"gone\": null},\n"
		   "   \"tags\": [\"a\", \"b c\", 3, 4.0], \"none\": []},\n"
		   "  {\"code\": \"C2\"}, {}\n"
		   "]\n",
		   "2|code=C1|name=say \"hi\" \\ caf\xC3\xA9 \xF0\x9F\x98\x80|amount=1234.50|delta=-0.5"
		   "|big=1e3|huge=12345678901234567890|zero=0|exp=-1.25E+2|vip=true|off=false"
		   "|fax=(null)|fields.region=north|fields.score=7|fields.gone=(null)"
		   "|tags=a;b c;3;4.0|none=\n"
		   "7|code=C2\n"
		   "7\n",
		   "json: strings, exact numbers, booleans, null, nested object, array");
	CHECK_READ(CRM_READ_JSON, "\xEF\xBB\xBF[{\"a\":\"1\"}]", "1|a=1\n", "json: a BOM is dropped");
	CHECK_READ(CRM_READ_JSON, "[]", "", "json: empty array");
	CHECK_READ(CRM_READ_JSON, " \n [ \n ] \n", "", "json: empty array with blanks");
	CHECK_READ(CRM_READ_JSON, "", "", "json: empty input has no records");
	CHECK_READ(CRM_READ_JSON, "[{\"s\":\"[{,]}\\\"1\"},{\"n\":[1,[]]}]",
		   "1|s=[{,]}\"1\n"
		   "error: line 1: field 'n': nested arrays are not supported\n",
		   "json: brackets and commas inside strings do not end an element");
}

static void test_ndjson(void)
{
	CHECK_READ(CRM_READ_NDJSON,
		   "{\"id\": 1, \"name\": \"a\"}\n"
		   "\n"
		   "   \r\n"
		   "{\"id\": 2.50, \"tags\": [\"x\"]}\r\n"
		   "{\"id\": -3}",
		   "1|id=1|name=a\n"
		   "4|id=2.50|tags=x\n"
		   "5|id=-3\n",
		   "ndjson: one object a line, blank lines skipped, CRLF, no final newline");
	CHECK_READ(CRM_READ_NDJSON, "", "", "ndjson: empty input");
	CHECK_READ(CRM_READ_NDJSON, "\n\n", "", "ndjson: blank lines only");
}

static void test_json_errors(void)
{
	CHECK_READ(CRM_READ_JSON, "[{\"a\":1},\n 2]", "1|a=1\nerror: line 2: expected an object\n",
		   "json: a non-object element");
	CHECK_READ(CRM_READ_JSON, "[{\"contacts\": [{\"n\": \"x\"}]}]",
		   "error: line 1: field 'contacts': arrays of objects are not supported\n",
		   "json: an array of objects");
	CHECK_READ(CRM_READ_JSON, "[{\"a\": {\"b\": {\"c\": 1}}}]",
		   "error: line 1: field 'a.b': objects nested more than one level are not supported\n",
		   "json: an object two levels down");
	CHECK_READ(CRM_READ_JSON, "[{\"a\": {\"b\": [1]}}]",
		   "error: line 1: field 'a.b': arrays inside nested objects are not supported\n",
		   "json: an array in a nested object");
	CHECK_READ(CRM_READ_JSON, "[{\"t\": [\"x\", null]}]",
		   "error: line 1: field 't': nulls inside arrays are not supported\n",
		   "json: a null in an array");
	CHECK_READ(CRM_READ_JSON, "[{\"a\":1}] x",
		   "1|a=1\nerror: line 1: invalid JSON: unexpected 'x' after the array\n",
		   "json: garbage after the array");
	CHECK_READ(CRM_READ_JSON, "[{\"a\":1},\n",
		   "1|a=1\nerror: line 1: invalid JSON: unterminated array\n", "json: unterminated array");
	CHECK_READ(CRM_READ_JSON, "[{\"a\":1}", "error: line 1: invalid JSON: unterminated array\n",
		   "json: unterminated array after an element");
	CHECK_READ(CRM_READ_JSON, "[\n{\"a\":\"x\n", "error: line 2: invalid JSON: unterminated string\n",
		   "json: unterminated string");
	CHECK_READ(CRM_READ_JSON, "[\n\n{\"a\":1,\n", "error: line 3: invalid JSON: unterminated object\n",
		   "json: unterminated object");
	CHECK_READ(CRM_READ_JSON, "[\n{\n\"a\": 1,\n\"b\": }\n]",
		   "error: line 4: invalid JSON near '}'\n", "json: cJSON's error names its line");
	CHECK_READ(CRM_READ_JSON, "[{\"a\":1 \"b\":-2}]", "error: line 1: invalid JSON near '\"b\":-2}'\n",
		   "json: the message shows numbers as written, without added quotes");
	CHECK_READ(CRM_READ_JSON, "[{\"a\":1,}]", "error: line 1: invalid JSON\n",
		   "json: trailing comma in an object");
	CHECK_READ(CRM_READ_JSON, "[{\"a\":tru}]", "error: line 1: invalid JSON near 'tru}'\n",
		   "json: a bad literal");
	CHECK_READ(CRM_READ_JSON, "[{\"a\":\"\\ud83d\"}]",
		   "error: line 1: invalid JSON near '\\ud83d\"}'\n", "json: a lone surrogate");
	CHECK_READ(CRM_READ_JSON, "[{\"a\":01}]", "error: line 1: invalid JSON: bad number '01'\n",
		   "json: a leading zero");
	CHECK_READ(CRM_READ_JSON, "[{\"a\":1.}]", "error: line 1: invalid JSON: bad number '1.'\n",
		   "json: a number ending in a point");
	CHECK_READ(CRM_READ_JSON, "[{\"a\":-}]", "error: line 1: invalid JSON: bad number '-'\n",
		   "json: a lone minus");
	CHECK_READ(CRM_READ_JSON, "[{\"a\":1e}]", "error: line 1: invalid JSON: bad number '1e'\n",
		   "json: an exponent without digits");
	CHECK_READ(CRM_READ_JSON, "[{1:2}]", "error: line 1: invalid JSON: unexpected '1'\n",
		   "json: a number as a key");
	CHECK_READ(CRM_READ_JSON, "[{\"a\":[1}]", "error: line 1: invalid JSON: unexpected '}'\n",
		   "json: mismatched brackets");
	CHECK_READ(CRM_READ_JSON, "[{\"a\":1},]", "1|a=1\nerror: line 1: invalid JSON: unexpected ']'\n",
		   "json: trailing comma in the array");
	CHECK_READ(CRM_READ_JSON, "[,{\"a\":1}]", "error: line 1: invalid JSON: unexpected ','\n",
		   "json: leading comma in the array");
	CHECK_READ(CRM_READ_JSON, "{\"a\":1}",
		   "error: line 1: invalid JSON: expected an array of objects\n",
		   "json: an object where the array should be");
	CHECK_READ(CRM_READ_JSON, "\n\x01", "error: line 2: invalid JSON: expected an array of objects\n",
		   "json: a control byte where the array should be");
	CHECK_READ(CRM_READ_JSON, "[{\"a\":1}]\n\n]",
		   "1|a=1\nerror: line 3: invalid JSON: unexpected ']' after the array\n",
		   "json: a second closing bracket");
	CHECK_READ(CRM_READ_NDJSON, "{\"a\":1}\n[1]\n", "1|a=1\nerror: line 2: expected an object\n",
		   "ndjson: an array line");
	CHECK_READ(CRM_READ_NDJSON, "{\"a\":\"x}\n{\"a\":1}\n",
		   "error: line 1: invalid JSON: unterminated string\n", "ndjson: unterminated string");
	CHECK_READ(CRM_READ_NDJSON, "\n{\"a\":1} x\n", "error: line 2: invalid JSON near 'x'\n",
		   "ndjson: garbage after the object");
	CHECK_READ(CRM_READ_NDJSON, "{\"a\":\n1}\n", "error: line 1: invalid JSON\n",
		   "ndjson: an object may not span lines");
	CHECK_READ(CRM_READ_NDJSON, "1 2\n", "error: line 1: invalid JSON: unexpected '2'\n",
		   "ndjson: two numbers");
	CHECK_READ(CRM_READ_NDJSON, "{\"a\":1}\n{\"a\":2", "1|a=1\nerror: line 2: invalid JSON\n",
		   "ndjson: an unterminated object on the last line");
}

/* Many objects, so that chunk boundaries fall inside strings, escapes and
 * numbers; one 100 KiB string spans chunks on its own. */
static void test_json_many(int ndjson)
{
	struct str in = {0};
	int i;
	struct crm_reader *r;
	struct crm_record rec;
	struct crm_err err;
	FILE *fp;
	long line;
	int ok = 1, count = 0;

	if (!ndjson)
		str_add(&in, "[\n", 2);
	for (i = 0; i < 6000; i++) {
		size_t pad = i == 3000 ? 100 * 1024 : (size_t)(i % 13);

		str_printf(&in, "{\"id\": %d, \"amount\": -%d.%02d, \"note\": \"q\\\"%d\\\\\\u00e9\",", i, i,
			   i % 100, i);
		str_add(&in, " \"pad\": \"", 9);
		str_repeat(&in, 'p', pad);
		str_printf(&in, "\", \"f\": {\"k\": 1}, \"t\": [%d, 2e%d]}", i, i % 9);
		str_add(&in, ndjson || i == 5999 ? "\n" : ",\n", ndjson || i == 5999 ? 1 : 2);
	}
	if (!ndjson)
		str_add(&in, "]\n", 2);
	CHECK(in.len > 4 * CHUNK, ndjson ? "ndjson many: spans chunks" : "json many: spans chunks");

	fp = stream_of(in.p, in.len);
	if (crm_reader_open(&r, fp, ndjson ? CRM_READ_NDJSON : CRM_READ_JSON, &err) != CRM_OK)
		abort();
	line = ndjson ? 1 : 2;
	while (crm_reader_next(r, &rec, &err) == 1) {
		char id[32], amount[32], note[64], t[64];
		size_t pad = count == 3000 ? 100 * 1024 : (size_t)(count % 13), k;

		snprintf(id, sizeof id, "%d", count);
		snprintf(amount, sizeof amount, "-%d.%02d", count, count % 100);
		snprintf(note, sizeof note, "q\"%d\\\xC3\xA9", count);
		snprintf(t, sizeof t, "%d;2e%d", count, count % 9);
		ok = ok && rec.line == line && rec.nfields == 6 && strcmp(rec.names[0], "id") == 0 &&
		     strcmp(rec.values[0], id) == 0 && strcmp(rec.values[1], amount) == 0 &&
		     strcmp(rec.values[2], note) == 0 && strlen(rec.values[3]) == pad &&
		     strcmp(rec.names[4], "f.k") == 0 && strcmp(rec.values[4], "1") == 0 &&
		     strcmp(rec.names[5], "t") == 0 && strcmp(rec.values[5], t) == 0;
		for (k = 0; ok && k < pad; k++)
			ok = rec.values[3][k] == 'p';
		if (!ok) {
			printf("# record %d (line %ld) is wrong\n", count, rec.line);
			break;
		}
		count++;
		line++;
	}
	CHECK(ok && count == 6000, ndjson ? "ndjson many: every object" : "json many: every object");
	crm_reader_close(r);
	fclose(fp);
	free(in.p);
}

/* Puts the tricky bytes of an element exactly on the first chunk boundary. */
static void check_json_at_boundary(const char *before, const char *after, const char *want,
				   const char *what)
{
	struct str in = {0};
	const char *tail;
	char *got;

	str_add(&in, "[{\"pad\": \"", 10);
	str_repeat(&in, 'p', CHUNK - in.len - 3 - strlen(before));
	str_add(&in, "\", ", 3);
	str_add(&in, before, strlen(before));
	str_add(&in, after, strlen(after));
	str_add(&in, "}]", 2);
	got = render_n(CRM_READ_JSON, in.p, in.len);
	tail = got && strlen(got) > strlen(want) ? got + strlen(got) - strlen(want) : "";

	CHECK(strcmp(tail, want) == 0 && strncmp(got, "1|pad=ppp", 9) == 0, what);
	if (strcmp(tail, want) != 0)
		printf("# got: ...%s\n", got ? got + (strlen(got) > 40 ? strlen(got) - 40 : 0) : "");
	free(got);
	free(in.p);
}

static void test_json_boundaries(void)
{
	check_json_at_boundary("\"n\": 12", "34.50", "|n=1234.50\n", "json boundary: a number split");
	check_json_at_boundary("\"n\": \"a\\", "\"b\"", "|n=a\"b\n", "json boundary: an escape split");
	check_json_at_boundary("\"n\": \"\\ud83d", "\\ude00\"", "|n=\xF0\x9F\x98\x80\n",
			       "json boundary: a surrogate pair split");
	check_json_at_boundary("\"n\": 7", "", "|n=7\n", "json boundary: a number ends the chunk");
}

int main(void)
{
	test_csv_basics();
	test_csv_errors();
	test_error_is_sticky();
	test_read_error();
	test_close_early();
	test_csv_big_cell();
	test_csv_boundaries();
	test_csv_many_rows();
	test_json_values();
	test_ndjson();
	test_json_errors();
	test_json_many(0);
	test_json_many(1);
	test_json_boundaries();
	return test_done();
}
