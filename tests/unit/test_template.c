/* test_template.c — the template engine of printable documents: every tag,
 * escaping, the width filters with wide characters, and syntax errors with
 * their line numbers. */
#include <cjson/cJSON.h>
#include <stdlib.h>

#include "template.h"
#include "test.h"

static const char *data_json =
	"{\"number\": \"Q-2026-00001\", \"customer_name\": \"Müller & Söhne <GmbH>\","
	" \"note\": \"\", \"total\": 1234.50, \"discount\": 0.00, \"tax\": 19, \"paid\": null,"
	" \"ok\": true, \"no\": false, \"quote\": \"it's \\\"x\\\"\","
	" \"company\": {\"name\": \"ACME\", \"address\": \"Main St 1\\\\n10115 Berlin\"},"
	" \"tags\": [\"a\", \"b\"], \"empty\": [],"
	" \"lines\": [{\"pos\": 1, \"description\": \"Widget\", \"net\": 10.00, \"discount\": 0},"
	"             {\"pos\": 2, \"description\": \"王伟明的椅子\", \"net\": 5.50, \"discount\": 1.25}]}";

static cJSON *data;

/* Renders text in mode and compares with want. */
static void renders(const char *text, enum crm_tpl_mode mode, const char *want, const char *what)
{
	struct crm_buf out = {0};
	struct crm_err err = {""};
	int rc = crm_tpl_expand("t.txt", text, mode, data, &out, &err);

	CHECK_STR(rc == CRM_OK ? out.data : err.msg, want, what);
	free(out.data);
}

static void text_is(const char *text, const char *want, const char *what)
{
	renders(text, CRM_TPL_TEXT, want, what);
}

/* Parsing text fails with the message want. */
static void refuses(const char *text, const char *want, const char *what)
{
	struct crm_tpl *tpl = NULL;
	struct crm_err err = {""};
	int rc = crm_tpl_parse(&tpl, "quote.txt", text, CRM_TPL_TEXT, &err);

	CHECK_INT(rc, CRM_EINVAL, what);
	CHECK_STR(err.msg, want, what);
	crm_tpl_free(tpl);
}

static void fields(void)
{
	text_is("", "", "an empty template renders nothing");
	text_is("no tags\n", "no tags\n", "text without tags is copied");
	text_is("Quote {{number}}.", "Quote Q-2026-00001.", "a field");
	text_is("{{ number }}", "Q-2026-00001", "blanks inside the braces");
	text_is("{{company.name}}", "ACME", "a dotted name descends into an object");
	text_is("[{{nope}}][{{company.nope}}][{{number.x}}][{{paid}}]", "[][][][]",
		"unknown fields, unknown keys, a scalar's key and null are empty");
	text_is("{{total}} {{tax}}", "1234.5 19", "numbers");
	text_is("{{ok}} {{no}}", "yes no", "booleans");
	text_is("{{company}}{{lines}}", "", "objects and arrays have no text");
	text_is("{{customer_name}}", "Müller & Söhne <GmbH>", "text mode writes values raw");
	text_is("a {b} }} {c", "a {b} }} {c", "single braces and a stray }} are text");
	text_is("{{! a comment }}x{{!another}}", "x", "comments render nothing");
}

static void escaping(void)
{
	renders("<b>{{customer_name}}</b>", CRM_TPL_HTML,
		"<b>Müller &amp; Söhne &lt;GmbH&gt;</b>", "html mode escapes & < >");
	renders("{{quote}}", CRM_TPL_HTML, "it&#39;s &quot;x&quot;", "html mode escapes quotes");
	renders("<p>{{company.address|lines}}</p>", CRM_TPL_HTML, "<p>Main St 1<br>\n10115 Berlin</p>",
		"lines makes <br> in html");
	text_is("{{company.address|lines}}", "Main St 1\n10115 Berlin", "lines in text");
	text_is("{{company.address}}", "Main St 1\\n10115 Berlin",
		"without lines a \\n stays as it is");
}

static void sections(void)
{
	text_is("{{#lines}}{{pos}}:{{description}}/{{number}};{{/lines}}",
		"1:Widget/Q-2026-00001;2:王伟明的椅子/Q-2026-00001;",
		"an array repeats its block; outer fields stay visible");
	text_is("{{#lines}}{{discount}},{{/lines}}{{discount}}", "0,1.25,0",
		"inner fields hide outer ones of the same name");
	text_is("{{#empty}}x{{/empty}}{{^empty}}none{{/empty}}", "none",
		"an empty array: the inverted block");
	text_is("{{^lines}}none{{/lines}}", "", "a non-empty array hides the inverted block");
	text_is("{{#tags}}<{{.}}>{{/tags}}", "<a><b>", "{{.}} is the element");
	text_is("{{#company}}{{name}}{{/company}}", "ACME", "an object section shows its fields");
	text_is("{{#number}}n={{number}}{{/number}}{{^number}}no number{{/number}}",
		"n=Q-2026-00001", "a non-empty scalar shows the block");
	text_is("{{#note}}note{{/note}}{{^note}}no note{{/note}}", "no note",
		"an empty string is empty");
	text_is("{{#paid}}x{{/paid}}{{^paid}}null{{/paid}}", "null", "null is empty");
	text_is("{{#nope}}x{{/nope}}{{^nope}}missing{{/nope}}", "missing", "missing is empty");
	text_is("{{#no}}x{{/no}}{{^no}}false{{/no}}{{#ok}}true{{/ok}}", "falsetrue",
		"false is empty, true is not");
	text_is("{{#discount}}d{{/discount}}{{^discount}}zero{{/discount}}", "zero",
		"a zero amount is empty");
	text_is("{{#lines}}{{#discount}}-{{discount}}{{/discount}}{{^discount}}-{{/discount}}|"
		"{{/lines}}",
		"-|-1.25|", "a section on each element's field");
	text_is("{{#company.name}}[{{company.name}}]{{/company.name}}", "[ACME]",
		"a section on a dotted name");
	text_is("{{#lines}}{{#tags}}{{pos}}{{.}} {{/tags}}{{/lines}}", "1a 1b 2a 2b ",
		"nested sections see every outer scope");
}

static void standalone_lines(void)
{
	text_is("Lines:\n{{#lines}}\n  {{pos}} {{description}}\n{{/lines}}\nEnd\n",
		"Lines:\n  1 Widget\n  2 王伟明的椅子\nEnd\n",
		"a section tag alone on its line leaves no line");
	text_is("  {{#note}}  \nx\n\t{{/note}}\n{{^note}}\r\nempty\n{{/note}}",
		"empty\n", "blanks and a CR around a standalone tag go with it");
	text_is("{{! comment }}\nA\n  {{! indented comment }}\nB", "A\nB",
		"a comment alone on its line leaves no line");
	text_is("x {{#ok}}\ny\n{{/ok}} z\n", "x \ny\n z\n",
		"a tag with text beside it keeps its line");
	text_is("{{number}}\n", "Q-2026-00001\n", "a field alone on its line keeps the line");
	text_is("{{#ok}}\n{{/ok}}", "", "standalone tags at the start and the end");
}

static void filters(void)
{
	text_is("[{{number|left:15}}]", "[Q-2026-00001   ]", "left pads on the right");
	text_is("[{{number|right:15}}]", "[   Q-2026-00001]", "right pads on the left");
	text_is("[{{number|left:12}}]", "[Q-2026-00001]", "exactly the width");
	text_is("[{{number|left:6}}]", "[Q-202…]", "left cuts with an ellipsis");
	text_is("[{{number|right:6}}]", "[Q-202…]", "right cuts too");
	text_is("[{{number|left:1}}]", "[…]", "width 1");
	text_is("[{{nope|left:3}}|{{nope|right:3}}]", "[   |   ]", "an empty field is padded");
	text_is("{{#lines}}[{{description|left:14}}]{{/lines}}",
		"[Widget        ][王伟明的椅子  ]", "wide characters count 2 when padding");
	text_is("{{#lines}}[{{description|right:13}}]{{/lines}}",
		"[       Widget][ 王伟明的椅子]", "right-aligned wide characters");
	text_is("{{#lines}}[{{description|left:6}}]{{/lines}}", "[Widget][王伟… ]",
		"a cut never splits a wide character: a space fills the gap");
	text_is("{{#lines}}[{{description|right:6}}]{{/lines}}", "[Widget][ 王伟…]",
		"the gap goes on the left for right");
	text_is("[{{customer_name|left:8}}]", "[Müller …]", "accented letters count 1");
	text_is("[{{company.address|left:12}}]", "[Main St 1\\n…]", "the raw \\n counts 2");
	text_is("[{{company.address|lines|left:12}}]", "[Main St 1 1…]",
		"filters chain; a cut value is one line");
	text_is("[{{ total | right:8 }}]", "[  1234.5]", "blanks around a filter");
	renders("[{{customer_name|left:23}}]", CRM_TPL_HTML, "[Müller &amp; Söhne &lt;GmbH&gt;  ]",
		"html escapes after padding");
}

static void errors(void)
{
	refuses("Quote\n{{#lines}}\n{{pos}}\n", "quote.txt:2: unclosed section '{{#lines}}' (no '{{/lines}}')",
		"an unclosed section names its line");
	refuses("a\nb\n{{^note}}\n{{#lines}}{{/lines}}",
		"quote.txt:3: unclosed section '{{^note}}' (no '{{/note}}')",
		"an unclosed inverted section");
	refuses("{{#lines}}\n\n{{/line}}", "quote.txt:3: '{{/line}}' does not close '{{#lines}}' of line 1",
		"a mismatched closing tag");
	refuses("x\n{{/lines}}", "quote.txt:2: '{{/lines}}' closes no section", "a stray closing tag");
	refuses("x\ny {{number\n", "quote.txt:2: unclosed tag '{{' (no '}}')", "an unclosed tag");
	refuses("\n\n\n{{number|center:3}}",
		"quote.txt:4: unknown filter 'center:3' (filters: left:N, right:N, lines)",
		"an unknown filter");
	refuses("{{number|left}}", "quote.txt:1: filter 'left' needs a width: 'left:N'",
		"a width filter without a width");
	refuses("{{number|left:0}}", "quote.txt:1: bad width '0' in filter 'left:0' (1 to 1000)",
		"width 0");
	refuses("{{number|right:x}}", "quote.txt:1: bad width 'x' in filter 'right:x' (1 to 1000)",
		"a width that is no number");
	refuses("{{number|left:-3}}", "quote.txt:1: bad width '-3' in filter 'left:-3' (1 to 1000)",
		"a negative width");
	refuses("{{number|left:1001}}",
		"quote.txt:1: bad width '1001' in filter 'left:1001' (1 to 1000)", "too wide");
	refuses("{{number|left:3x}}", "quote.txt:1: bad width '3x' in filter 'left:3x' (1 to 1000)",
		"a width with junk after it");
	refuses("{{number|lines:2}}",
		"quote.txt:1: unknown filter 'lines:2' (filters: left:N, right:N, lines)",
		"lines takes no argument");
	refuses("{{number|}}", "quote.txt:1: unknown filter '' (filters: left:N, right:N, lines)",
		"an empty filter");
	refuses("{{#lines|left:3}}{{/lines}}", "quote.txt:1: filters only go in a field: '{{#lines|left:3}}'",
		"no filters on a section");
	refuses("a{{}}", "quote.txt:1: bad field name ''", "an empty tag");
	refuses("{{a..b}}", "quote.txt:1: bad field name 'a..b'", "an empty part in a name");
	refuses("{{{number}}}", "quote.txt:1: bad field name '{number'", "triple braces");
	refuses("{{#}}{{/}}", "quote.txt:1: bad field name ''", "a section without a name");
	refuses("{{! comment\nover lines }}\n\n{{#x}}", "quote.txt:4: unclosed section '{{#x}}' (no '{{/x}}')",
		"lines are counted through a comment");
}

/* One parse renders many times, with different data. */
static void reuse(void)
{
	struct crm_tpl *tpl;
	struct crm_err err;
	struct crm_buf out = {0};
	cJSON *other = cJSON_Parse("{\"number\": \"Q-2\"}");

	CHECK_INT(crm_tpl_parse(&tpl, "t", "<{{number}}>", CRM_TPL_TEXT, &err), CRM_OK, "parse once");
	crm_tpl_render(tpl, data, &out);
	crm_tpl_render(tpl, other, &out);
	crm_tpl_render(tpl, NULL, &out);
	CHECK_STR(out.data, "<Q-2026-00001><Q-2><>", "render appends, with any data");
	crm_tpl_free(tpl);
	cJSON_Delete(other);
	free(out.data);
}

int main(void)
{
	data = cJSON_Parse(data_json);
	CHECK(data != NULL, "the test data parses");
	fields();
	escaping();
	sections();
	standalone_lines();
	filters();
	errors();
	reuse();
	cJSON_Delete(data);
	return test_done();
}
