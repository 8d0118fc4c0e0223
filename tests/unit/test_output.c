/* test_output.c — every format of a row stream and of a record. */
#include <stdio.h>
#include <stdlib.h>

#include "output.h"
#include "test.h"

static const struct crm_column cols[] = {
	{"code", CRM_COL_TEXT}, {"name", CRM_COL_TEXT}, {"limit", CRM_COL_MONEY},
	{"n", CRM_COL_INT}, {"vip", CRM_COL_BOOL},
};
static const char *const rows[][5] = {
	{"C1", "Acme, \"the\" best\nco", "1500.50", "3", "1"},
	{"C2", "王伟明\ttab", NULL, "12", "0"},
};

/* Renders the two rows in fmt (with columns) and returns what was written. */
static char *render(enum crm_format fmt, const char *columns, int width, int *rc)
{
	struct crm_out_opts o = {.format = fmt, .columns = columns, .width = width};
	struct crm_out *out;
	struct crm_err err;
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	*rc = crm_out_open(&out, fp, &o, cols, 5, &err);
	if (*rc == CRM_OK) {
		for (int i = 0; i < 2; i++)
			crm_out_row(out, rows[i]);
		*rc = crm_out_close(out);
	} else {
		fputs(err.msg, fp);
	}
	fclose(fp);
	return text;
}

static void renders(enum crm_format fmt, const char *columns, int width, const char *want,
		    const char *what)
{
	int rc;
	char *got = render(fmt, columns, width, &rc);

	CHECK_STR(got, want, what);
	free(got);
}

/* The group of a row in the grouped-table test: its code's first letter. */
static const char *letter(void *arg, const char *const *cells)
{
	char *buf = arg;

	snprintf(buf, 16, "Group %c", cells[0][0]);
	return buf;
}

/* A grouped table: a title line and a table of its own per group, in the
 * order the rows come; other formats ignore the grouping. */
static void grouped(void)
{
	static const struct crm_column two[] = {{"code", CRM_COL_TEXT}, {"n", CRM_COL_INT}};
	static const char *const in[][2] = {{"A1", "5"}, {"A22", "7"}, {"B1", "123"}};
	char title[16], *text = NULL;
	struct crm_out_opts o = {.format = CRM_FMT_TABLE, .group = letter, .group_arg = title};
	struct crm_out *out;
	struct crm_err err;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	CHECK_INT(crm_out_open(&out, fp, &o, two, 2, &err), CRM_OK, "grouped open");
	for (int i = 0; i < 3; i++)
		crm_out_row(out, in[i]);
	CHECK_INT(crm_out_count(out), 3, "grouped count");
	CHECK_INT(crm_out_close(out), CRM_OK, "grouped close");
	fclose(fp);
	CHECK_STR(text,
		  "Group A\n"
		  "CODE  N\n"
		  "A1    5\n"
		  "A22   7\n"
		  "\n"
		  "Group B\n"
		  "CODE    N\n"
		  "B1    123\n",
		  "grouped table");
	free(text);

	text = NULL;
	fp = open_memstream(&text, &len);
	o.format = CRM_FMT_CSV;
	crm_out_open(&out, fp, &o, two, 2, &err);
	for (int i = 0; i < 3; i++)
		crm_out_row(out, in[i]);
	crm_out_close(out);
	fclose(fp);
	CHECK_STR(text, "code,n\nA1,5\nA22,7\nB1,123\n", "grouping leaves csv alone");
	free(text);

	text = NULL;
	fp = open_memstream(&text, &len);
	o.format = CRM_FMT_TABLE;
	crm_out_open(&out, fp, &o, two, 2, &err);
	CHECK_INT(crm_out_close(out), CRM_OK, "an empty grouped table");
	fclose(fp);
	CHECK_STR(text, "", "an empty grouped table prints nothing");
	free(text);
}

int main(void)
{
	struct crm_out_opts o = {.format = CRM_FMT_CSV};
	struct crm_err err;
	struct crm_rec *rec;
	char *text = NULL;
	size_t len = 0;
	FILE *fp;
	int rc;

	grouped();
	renders(CRM_FMT_CSV, NULL, 0,
		"code,name,limit,n,vip\n"
		"C1,\"Acme, \"\"the\"\" best\nco\",1500.50,3,1\n"
		"C2,王伟明\ttab,,12,0\n",
		"csv quotes only what needs it");
	renders(CRM_FMT_TSV, NULL, 0,
		"code\tname\tlimit\tn\tvip\n"
		"C1\tAcme, \"the\" best\\nco\t1500.50\t3\t1\n"
		"C2\t王伟明\\ttab\t\t12\t0\n",
		"tsv escapes tabs and newlines");
	renders(CRM_FMT_JSON, NULL, 0,
		"[\n{\"code\":\"C1\",\"name\":\"Acme, \\\"the\\\" best\\nco\",\"limit\":1500.50,"
		"\"n\":3,\"vip\":true},\n"
		"{\"code\":\"C2\",\"name\":\"王伟明\\ttab\",\"limit\":null,\"n\":12,\"vip\":false}\n]\n",
		"json: money as an exact number");
	renders(CRM_FMT_NDJSON, "n,code", 0,
		"{\"n\":3,\"code\":\"C1\"}\n{\"n\":12,\"code\":\"C2\"}\n",
		"ndjson with --columns picks and orders");
	renders(CRM_FMT_TABLE, NULL, 0,
		"CODE  NAME                   LIMIT   N  VIP\n"
		"C1    Acme, \"the\" best co  1500.50   3  yes\n"
		"C2    王伟明 tab                    12  no\n",
		"table aligns, right-aligns numbers, counts wide characters twice");
	renders(CRM_FMT_TABLE, "code,name", 14,
		"CODE  NAME\n"
		"C1    Acme, \"…\n"
		"C2    王伟明 …\n",
		"table truncates to the terminal width");
	renders(CRM_FMT_CSV, "code,nope", 0,
		"unknown column 'nope' (columns: code, name, limit, n, vip)",
		"unknown column refused");

	/* An empty stream: csv keeps its header, json is an empty array. */
	fp = open_memstream(&text, &len);
	{
		struct crm_out *out;

		crm_out_open(&out, fp, &o, cols, 2, &err);
		crm_out_close(out);
		o.format = CRM_FMT_JSON;
		crm_out_open(&out, fp, &o, cols, 2, &err);
		crm_out_close(out);
		o.format = CRM_FMT_CSV;
		crm_out_open(&out, fp, &o, cols, 2, &err);
		crm_out_discard(out);
	}
	fclose(fp);
	CHECK_STR(text, "code,name\n[]\n", "empty csv and json; a discarded stream writes nothing");
	free(text);

	/* A record. */
	for (int f = 0; f < 3; f++) {
		static const enum crm_format fmts[] = {CRM_FMT_TABLE, CRM_FMT_CSV, CRM_FMT_JSON};
		static const char *const want[] = {
			"code      C1\nlimit     10.00\ntags      a, b\nfield.k1  v1\n\n"
			"contacts:\nCODE  N\nx     1\n",
			"code,limit,empty,tags,field.k1\nC1,10.00,,a;b,v1\n",
			"{\"code\":\"C1\",\"limit\":10.00,\"empty\":null,\"tags\":[\"a\",\"b\"],"
			"\"field\":{\"k1\":\"v1\"},\"contacts\":[{\"code\":\"x\",\"n\":1}]}\n"};
		static const struct crm_column sub[] = {{"code", CRM_COL_TEXT}, {"n", CRM_COL_INT}};
		const char *tags[] = {"a", "b"}, *row[] = {"x", "1"};

		text = NULL;
		fp = open_memstream(&text, &len);
		rec = crm_rec_new();
		crm_rec_field(rec, "code", CRM_COL_TEXT, "C1");
		crm_rec_field(rec, "limit", CRM_COL_MONEY, "10.00");
		crm_rec_field(rec, "empty", CRM_COL_TEXT, NULL);
		crm_rec_strings(rec, "tags", tags, 2);
		crm_rec_map(rec, "field");
		crm_rec_map_put(rec, "field", "k1", "v1");
		crm_rec_table(rec, "contacts", sub, 2);
		crm_rec_table_row(rec, "contacts", row);
		o.format = fmts[f];
		rc = crm_rec_write(rec, fp, &o, &err);
		fclose(fp);
		CHECK_INT(rc, CRM_OK, "record written");
		CHECK_STR(text, want[f], "record rendering");
		free(text);
	}
	return test_done();
}
