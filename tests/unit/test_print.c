/* test_print.c — printable documents: each default template rendered to
 * text and HTML for a hand-built record, compared byte for byte with the
 * files in tests/unit/data/; where templates are found, in which order;
 * --output; PDF through a stand-in renderer, and without one.
 *
 * The records' amounts are worked out by hand (doc.c's arithmetic):
 *   1  4 x 249.00 = 996.00, -10 % = 99.60, net 896.40, 19 % tax 170.32
 *   2  2.5 x 120.00 = 300.00, no discount, net 300.00, 19 % tax 57.00
 *   3  1 x 85.50 = 85.50, -7.5 % = 6.41 (6.4125), net 79.09, 7 % tax 5.54
 *   subtotal 1381.50, discount 106.01, tax 232.86, total 1508.35
 *
 * CRM_TEST_UPDATE=1 rewrites the expected files instead of comparing (then
 * read them before committing). */
#define _XOPEN_SOURCE 700
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "print.h"
#include "store.h"
#include "test.h"
#include "text.h"

#define DATA_DIR "tests/unit/data"

static char tmp[] = "/tmp/crm-test-print-XXXXXX";
static struct crm_store *st;

static const struct crm_column doc_fields[] = {
	{"kind", CRM_COL_TEXT},      {"number", CRM_COL_TEXT},        {"status", CRM_COL_TEXT},
	{"customer", CRM_COL_TEXT},  {"customer_name", CRM_COL_TEXT}, {"date", CRM_COL_TEXT},
	{"valid_until", CRM_COL_TEXT}, {"promised", CRM_COL_TEXT},    {"due", CRM_COL_TEXT},
	{"source", CRM_COL_TEXT},    {"ship_to", CRM_COL_TEXT},       {"note", CRM_COL_TEXT},
	{"subtotal", CRM_COL_MONEY}, {"discount", CRM_COL_MONEY},     {"tax", CRM_COL_MONEY},
	{"total", CRM_COL_MONEY},
};
static const struct crm_column doc_lines[] = {
	{"pos", CRM_COL_INT},           {"sku", CRM_COL_TEXT},     {"description", CRM_COL_TEXT},
	{"qty", CRM_COL_INT},           {"unit", CRM_COL_TEXT},    {"price", CRM_COL_MONEY},
	{"discount_rate", CRM_COL_INT}, {"gross", CRM_COL_MONEY},  {"discount", CRM_COL_MONEY},
	{"net", CRM_COL_MONEY},         {"tax_rate", CRM_COL_INT}, {"tax", CRM_COL_MONEY},
};
static const char *const lines[][12] = {
	{"1", "CHAIR-01", "Office chair <ergonomic>", "4", "pcs", "249.00", "10", "996.00", "99.60",
	 "896.40", "19", "170.32"},
	{"2", "DESK-L", "桌子 standing desk 王", "2.5", "m", "120.00", "0", "300.00", "0.00",
	 "300.00", "19", "57.00"},
	{"3", NULL, "Assembly and delivery to the 3rd floor, including removal of the packaging",
	 "1", "h", "85.50", "7.5", "85.50", "6.41", "79.09", "7", "5.54"},
};

/* A quote or invoice as crm_doc_show builds it. */
static struct crm_rec *doc_rec(const char *kind, const char *number, const char *status,
			       const char *valid_until, const char *due, const char *source)
{
	const char *values[] = {kind, number, status, "MUELLER", "Müller & Söhne GmbH", "2026-11-20",
				valid_until, NULL, due, source, "Hauptstraße 5, 80331 München, DE",
				"Prices in EUR.\nDelivery within two weeks of the order.",
				"1381.50", "106.01", "232.86", "1508.35"};
	struct crm_rec *rec = crm_rec_new();

	for (size_t i = 0; i < sizeof doc_fields / sizeof *doc_fields; i++)
		crm_rec_field(rec, doc_fields[i].name, doc_fields[i].type, values[i]);
	crm_rec_table(rec, "lines", doc_lines, 12);
	for (size_t i = 0; i < 3; i++)
		crm_rec_table_row(rec, "lines", lines[i]);
	return rec;
}

/* A delivery as crm_delivery_show builds it. */
static struct crm_rec *delivery_rec(void)
{
	static const struct crm_column fields[] = {
		{"number", CRM_COL_TEXT},        {"order", CRM_COL_TEXT}, {"customer", CRM_COL_TEXT},
		{"customer_name", CRM_COL_TEXT}, {"date", CRM_COL_TEXT},  {"ship_to", CRM_COL_TEXT},
		{"tracking", CRM_COL_TEXT},      {"note", CRM_COL_TEXT},
	};
	static const struct crm_column cols[] = {
		{"pos", CRM_COL_INT}, {"sku", CRM_COL_TEXT}, {"description", CRM_COL_TEXT},
		{"qty", CRM_COL_INT}, {"unit", CRM_COL_TEXT},
	};
	static const char *const values[] = {"DN-2026-00003", "SO-2026-00003", "MUELLER",
					     "Müller & Söhne GmbH", "2026-11-22",
					     "Hauptstraße 5, 80331 München, DE",
					     "1Z999AA10123456784", NULL};
	static const char *const rows[][5] = {
		{"1", "CHAIR-01", "Office chair <ergonomic>", "4", "pcs"},
		{"2", "DESK-L", "桌子 standing desk 王", "1.5", "m"},
	};
	struct crm_rec *rec = crm_rec_new();

	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		crm_rec_field(rec, fields[i].name, fields[i].type, values[i]);
	crm_rec_table(rec, "lines", cols, 5);
	for (size_t i = 0; i < 2; i++)
		crm_rec_table_row(rec, "lines", rows[i]);
	return rec;
}

static struct crm_rec *rec_of(const char *kind)
{
	if (!strcmp(kind, "quote"))
		return doc_rec("quote", "Q-2026-00042", "sent", "2026-12-20", NULL, NULL);
	if (!strcmp(kind, "invoice"))
		return doc_rec("invoice", "INV-2026-00007", "issued", NULL, "2026-12-20",
			       "SO-2026-00003");
	return delivery_rec();
}

static char *read_all(const char *path)
{
	FILE *fp = fopen(path, "rb");
	struct crm_buf b = {0};
	char chunk[4096];
	size_t n;

	if (!fp)
		return NULL;
	crm_buf_adds(&b, "");
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		crm_buf_add(&b, chunk, n);
	fclose(fp);
	return b.data;
}

static void write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");

	if (fp) {
		fputs(text, fp);
		fclose(fp);
	}
}

static char *path_of(const char *a, const char *b)
{
	struct crm_buf p = {0};

	crm_buf_addf(&p, "%s/%s", a, b);
	return p.data;
}

/* Prints rec as kind with o into memory: *rc and the text (or the error). */
static char *print_to_memory(const char *kind, const struct crm_print_opts *o, int *rc)
{
	struct crm_rec *rec = rec_of(kind);
	struct crm_err err = {""};
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	*rc = crm_print(st, kind, rec, o, fp, &err);
	if (*rc != CRM_OK)
		fputs(err.msg, fp);
	fclose(fp);
	crm_rec_free(rec);
	return text;
}

static void prints(const char *kind, const struct crm_print_opts *o, int want_rc,
		   const char *want, const char *what)
{
	int rc;
	char *got = print_to_memory(kind, o, &rc);

	CHECK_INT(rc, want_rc, what);
	CHECK_STR(got, want, what);
	free(got);
}

/* The default template of kind in format, against DATA_DIR/KIND.EXT. */
static void default_template(const char *kind, enum crm_print_format fmt)
{
	struct crm_print_opts o = {.format = fmt};
	const char *ext = fmt == CRM_PRINT_TEXT ? "txt" : "html";
	struct crm_buf what = {0}, file = {0};
	char *want, *got;
	int rc;

	crm_buf_addf(&file, DATA_DIR "/%s.%s", kind, ext);
	crm_buf_addf(&what, "the default %s.%s renders as %s", kind, ext, file.data);
	got = print_to_memory(kind, &o, &rc);
	if (getenv("CRM_TEST_UPDATE") && rc == CRM_OK)
		write_text(file.data, got);
	want = read_all(file.data);
	CHECK_INT(rc, CRM_OK, what.data);
	CHECK_STR(got, want ? want : "(no file)", what.data);
	free(want);
	free(got);
	free(what.data);
	free(file.data);
}

static void defaults(void)
{
	static const char *const kinds[] = {"quote", "delivery", "invoice"};

	for (size_t i = 0; i < 3; i++) {
		default_template(kinds[i], CRM_PRINT_TEXT);
		default_template(kinds[i], CRM_PRINT_HTML);
	}
}

static void draft_invoice(void)
{
	struct crm_print_opts o = {.format = CRM_PRINT_TEXT};
	struct crm_rec *rec = doc_rec("invoice", NULL, "draft", NULL, NULL, NULL);
	struct crm_err err;
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	CHECK_INT(crm_print(st, "invoice", rec, &o, fp, &err), CRM_OK, "a draft invoice prints");
	fclose(fp);
	CHECK(strstr(text, "\nDRAFT INVOICE\n") != NULL, "a draft invoice says so");
	CHECK(strstr(text, "Due:") == NULL, "without a due date there is no due line");
	free(text);
	crm_rec_free(rec);
}

/* $XDG_CONFIG_HOME, ~/.config, crm_print_datadir, built in — in that order;
 * --template before all of them. */
static void lookup(void)
{
	struct crm_print_opts o = {.format = CRM_PRINT_TEXT};
	char *xdg = path_of(tmp, "xdg"), *home = path_of(tmp, "home"),
	     *data = path_of(tmp, "share"), *mine = path_of(tmp, "mine.txt"), *text, *name;
	char *xdg_file = path_of(xdg, "crm/templates/quote.txt"),
	     *home_file = path_of(home, ".config/crm/templates/quote.txt"),
	     *data_file = path_of(data, "quote.txt"), *builtin = read_all(DATA_DIR "/quote.txt");
	struct crm_buf dirs = {0}, want = {0};
	struct crm_err err = {""};

	crm_buf_addf(&dirs, "mkdir -p %s/crm/templates %s/.config/crm/templates %s", xdg, home, data);
	CHECK_INT(system(dirs.data), 0, "make the template directories");
	write_text(xdg_file, "xdg {{number}}\n");
	write_text(home_file, "home {{number}}\n");
	write_text(data_file, "share {{number}}\n");
	write_text(mine, "mine {{number}} {{company.name}} {{today}}\n");
	crm_print_datadir = data;
	setenv("HOME", home, 1);
	setenv("XDG_CONFIG_HOME", xdg, 1);

	prints("quote", &o, CRM_OK, "xdg Q-2026-00042\n", "$XDG_CONFIG_HOME/crm/templates first");
	CHECK_INT(crm_print_template("quote", "txt", &text, &name, &err), CRM_OK,
		  "crm_print_template finds it");
	CHECK_STR(name, xdg_file, "and says where");
	CHECK_STR(text, "xdg {{number}}\n", "and reads it");
	free(text);
	free(name);
	o.template_path = mine;
	prints("quote", &o, CRM_OK, "mine Q-2026-00042 ACME Office Supplies Ltd 2026-11-22\n",
	       "--template before everything; it sees company.* and today");
	o.template_path = NULL;
	unlink(xdg_file);
	prints("quote", &o, CRM_OK, "share Q-2026-00042\n",
	       "with XDG_CONFIG_HOME set, ~/.config is not read");
	setenv("XDG_CONFIG_HOME", "relative/dir", 1);
	prints("quote", &o, CRM_OK, "home Q-2026-00042\n",
	       "a relative XDG_CONFIG_HOME is ignored: ~/.config/crm/templates");
	unsetenv("XDG_CONFIG_HOME");
	prints("quote", &o, CRM_OK, "home Q-2026-00042\n", "~/.config/crm/templates without XDG");
	unlink(home_file);
	prints("quote", &o, CRM_OK, "share Q-2026-00042\n", "then the installed templates");
	unlink(data_file);
	prints("quote", &o, CRM_OK, builtin ? builtin : "", "then the built-in one");
	CHECK_INT(crm_print_template("quote", "html", &text, &name, &err), CRM_OK,
		  "crm_print_template finds the built-in html");
	CHECK_STR(name, "built-in quote.html", "and names it");
	CHECK_STR(text, crm_print_builtin("quote.html"), "with its text");
	free(text);
	free(name);
	CHECK(crm_print_builtin("nope.txt") == NULL, "no built-in for an unknown file");
	CHECK_INT(crm_print_template("offer", "txt", &text, &name, &err), CRM_ENOTFOUND,
		  "an unknown kind has no template");
	CHECK_STR(err.msg, "no template 'offer.txt'", "and says which file it looked for");
	CHECK_INT(crm_print_template("../x", "txt", &text, &name, &err), CRM_ENOTFOUND,
		  "a kind is a plain name");

	write_text(mine, "line 1\n{{#lines}}\n{{description|wide:3}}\n{{/lines}}\n");
	o.template_path = mine;
	crm_buf_addf(&want, "%s:3: unknown filter 'wide:3' (filters: left:N, right:N, lines)",
		     mine);
	prints("quote", &o, CRM_EINVAL, want.data, "a syntax error names the file and line");
	crm_buf_reset(&want);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	write_text(xdg_file, "{{#lines}}\n");
	crm_buf_addf(&want, "%s:1: unclosed section '{{#lines}}' (no '{{/lines}}')", xdg_file);
	o.template_path = NULL;
	prints("quote", &o, CRM_EINVAL, want.data, "so does one found by lookup");
	unlink(xdg_file);
	unsetenv("XDG_CONFIG_HOME");
	crm_buf_reset(&want);
	o.template_path = "/nonexistent/quote.txt";
	prints("quote", &o, CRM_EFAIL,
	       "cannot read template '/nonexistent/quote.txt': No such file or directory",
	       "a missing --template file");
	crm_print_datadir = "";

	free(xdg);
	free(home);
	free(data);
	free(mine);
	free(xdg_file);
	free(home_file);
	free(data_file);
	free(builtin);
	free(dirs.data);
	free(want.data);
}

/* --output writes the file whole, mode from the umask, and nothing on out. */
static void output_file(void)
{
	char *out = path_of(tmp, "quote.html"), *want = read_all(DATA_DIR "/quote.html"), *got;
	struct crm_print_opts o = {.format = CRM_PRINT_HTML, .output_path = out};
	struct stat sb;
	mode_t mask = umask(022);

	prints("quote", &o, CRM_OK, "", "--output: nothing on standard output");
	got = read_all(out);
	CHECK_STR(got, want, "--output: the file holds the document");
	CHECK(stat(out, &sb) == 0 && (sb.st_mode & 0777) == 0644, "--output: mode 0644 (umask 022)");
	free(got);
	o.output_path = "/nonexistent/dir/quote.html";
	prints("quote", &o, CRM_EFAIL,
	       "cannot write '/nonexistent/dir/quote.html': No such file or directory",
	       "--output in a missing directory");
	umask(mask);
	free(out);
	free(want);
}

/* PDF through $CRM_PDF (a script that copies its input), and without any. */
static void pdf(void)
{
	char *script = path_of(tmp, "fakepdf"), *out = path_of(tmp, "quote.pdf"),
	     *empty = path_of(tmp, "empty"), *html = read_all(DATA_DIR "/quote.html"), *got;
	struct crm_print_opts o = {.format = CRM_PRINT_PDF, .output_path = out};
	const char *path = getenv("PATH");
	char *saved_path = strdup(path ? path : "/usr/bin:/bin");
	char *fake = path_of(empty, "weasyprint");
	struct crm_buf want = {0}, dirs = {0};
	struct crm_rec *rec;
	struct crm_err err = {""};
	FILE *fp;
	int fd, rc;

	write_text(script, "#!/bin/sh\n# a stand-in pdf renderer: copies its input\n"
			   "if [ \"$1\" = - ]; then cat; else cat >\"$1\"; fi\n");
	chmod(script, 0755);
	setenv("CRM_PDF", script, 1);
	prints("quote", &o, CRM_OK, "", "pdf: nothing on standard output with --output");
	got = read_all(out);
	CHECK_STR(got, html, "pdf: the renderer gets the html and writes the --output file");
	free(got);

	o.output_path = NULL;
	fp = tmpfile();
	fputs("before\n", fp);
	rec = rec_of("quote");
	rc = crm_print(st, "quote", rec, &o, fp, &err);
	CHECK_INT(rc, CRM_OK, "pdf to standard output that is not a terminal");
	fflush(fp);
	rewind(fp);
	crm_buf_adds(&want, "before\n");
	crm_buf_adds(&want, html);
	got = calloc(want.len + 2, 1);
	got[fread(got, 1, want.len + 1, fp)] = '\0';
	CHECK_STR(got, want.data, "pdf: the renderer writes on the same file, after what was there");
	free(got);
	fclose(fp);

	prints("quote", &o, CRM_EUSAGE, "pdf goes to a file: use --output FILE",
	       "pdf into a stream without a file descriptor");

	/* a terminal */
	if ((fd = posix_openpt(O_RDWR | O_NOCTTY)) >= 0 && grantpt(fd) == 0 && unlockpt(fd) == 0) {
		int tty = open(ptsname(fd), O_RDWR | O_NOCTTY);
		FILE *term = tty >= 0 ? fdopen(tty, "w") : NULL;

		CHECK(term != NULL, "open a pseudo-terminal");
		if (term) {
			CHECK_INT(crm_print(st, "quote", rec, &o, term, &err), CRM_EUSAGE,
				  "pdf to a terminal is refused");
			CHECK_STR(err.msg, "will not write pdf to a terminal; use --output FILE",
				  "and says what to do");
			fclose(term);
		}
	}
	if (fd >= 0)
		close(fd);
	crm_rec_free(rec);

	o.output_path = out;
	write_text(out, "old\n");
	setenv("CRM_PDF", "false", 1);
	prints("quote", &o, CRM_EFAIL, "pdf renderer 'false' failed (exit status 1)",
	       "a failing renderer");
	got = read_all(out);
	CHECK_STR(got, "old\n", "a failing renderer leaves --output as it was");
	free(got);
	unsetenv("CRM_PDF");
	mkdir(empty, 0700);
	setenv("PATH", empty, 1);
	prints("quote", &o, CRM_EFAIL,
	       "no pdf renderer: install weasyprint (apt-get install weasyprint) or set CRM_PDF",
	       "no renderer: the message names the package");
	setenv("CRM_PDF", "", 1);
	prints("quote", &o, CRM_EFAIL,
	       "no pdf renderer: install weasyprint (apt-get install weasyprint) or set CRM_PDF",
	       "an empty CRM_PDF is no renderer");
	unsetenv("CRM_PDF");
	write_text(fake, "#!/bin/sh\n[ \"$1\" = - ] && cat >\"$2\"\n");
	chmod(fake, 0755);
	crm_buf_addf(&dirs, "%s:/usr/bin:/bin", empty);
	setenv("PATH", dirs.data, 1);
	prints("quote", &o, CRM_OK, "", "weasyprint from PATH, run as 'weasyprint - OUTPUT'");
	got = read_all(out);
	CHECK_STR(got, html, "weasyprint got the html");
	free(got);
	setenv("PATH", saved_path, 1);
	free(saved_path);
	free(script);
	free(out);
	free(empty);
	free(fake);
	free(html);
	free(want.data);
	free(dirs.data);
}

static void formats(void)
{
	enum crm_print_format f = CRM_PRINT_TEXT;

	CHECK(crm_print_format_parse("html", &f) == 0 && f == CRM_PRINT_HTML, "format html");
	CHECK(crm_print_format_parse("pdf", &f) == 0 && f == CRM_PRINT_PDF, "format pdf");
	CHECK(crm_print_format_parse("text", &f) == 0 && f == CRM_PRINT_TEXT, "format text");
	CHECK(crm_print_format_parse("txt", &f) == -1, "no format txt");
}

static int setup(void)
{
	static const char *const company[][2] = {
		{"company.name", "ACME Office Supplies Ltd"},
		{"company.address", "Main Street 1\\n10115 Berlin\\nGermany"},
		{"company.email", "sales@acme.example"},
		{"company.phone", "+49 30 1234567"},
		{"company.tax_id", "DE123456789"},
		{"company.bank", "IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX"},
	};
	struct crm_clock clock;
	struct crm_err err;
	char *db;
	int rc;

	if (!mkdtemp(tmp))
		return -1;
	unsetenv("CRM_NOW");
	unsetenv("CRM_PDF");
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", tmp, 1);
	crm_print_datadir = "";
	db = path_of(tmp, "crm.db");
	rc = crm_clock_init(&clock, "2026-11-22", &err);
	if (rc == CRM_OK)
		rc = crm_store_open(&st, db, "ann", &clock, CRM_OPEN_CREATE, &err);
	free(db);
	for (size_t i = 0; rc == CRM_OK && i < sizeof company / sizeof *company; i++)
		rc = crm_config_put(st, company[i][0], company[i][1], &err);
	if (rc != CRM_OK)
		printf("# %s\n", err.msg);
	return rc;
}

int main(void)
{
	struct crm_buf rm = {0};

	CHECK_INT(setup(), CRM_OK, "a store with the company settings");
	if (!st)
		return test_done();
	formats();
	defaults();
	draft_invoice();
	lookup();
	output_file();
	pdf();
	crm_store_close(st);
	crm_buf_addf(&rm, "rm -rf %s", tmp);
	if (system(rm.data) != 0)
		printf("# could not remove %s\n", tmp);
	free(rm.data);
	return test_done();
}
