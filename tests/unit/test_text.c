/* test_text.c — buffers, UTF-8, folding and display width (lib/text.c). */
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "text.h"

/* Folds s into a fresh buffer; the result lives until the next call. */
static const char *fold(const char *s)
{
	static struct crm_buf b;

	crm_buf_reset(&b);
	crm_fold(&b, s, s ? strlen(s) : 0);
	return b.data;
}

#define FOLD(in, want) CHECK_STR(fold(in), (want), "fold " #in)

static void test_buf(void)
{
	struct crm_buf b = {0};
	int i;

	crm_buf_add(&b, "", 0);
	CHECK_STR(b.data, "", "an empty append still gives a string");
	crm_buf_adds(&b, "ab");
	crm_buf_add(&b, "cdef", 2);
	crm_buf_addf(&b, "-%d-%s", 42, "x");
	CHECK_STR(b.data, "abcd-42-x", "add, adds and addf append");
	CHECK_INT(b.len, 9, "len counts the bytes");
	for (i = 0; i < 100; i++)
		crm_buf_addf(&b, "%08d", i);
	CHECK_INT(b.len, 9 + 800, "addf grows the buffer");
	CHECK_STR(b.data + b.len - 8, "00000099", "addf writes past the first capacity");
	crm_buf_reset(&b);
	CHECK_STR(b.data, "", "reset empties the buffer");
	CHECK_INT(b.len, 0, "reset sets len to 0");
	free(b.data);
}

static void test_utf8(void)
{
	static const uint32_t cps[] = {0x41, 0xE9, 0x7FF, 0x800, 0x4E2D, 0xFFFD, 0x10000, 0x1F600,
				       0x10FFFF};
	struct crm_buf b = {0};
	uint32_t cp;
	size_t i, at = 0;
	int ok = 1, len;

	for (i = 0; i < sizeof cps / sizeof cps[0]; i++)
		crm_utf8_encode(&b, cps[i]);
	CHECK_STR(b.data, "A\xc3\xa9\xdf\xbf\xe0\xa0\x80\xe4\xb8\xad\xef\xbf\xbd\xf0\x90\x80\x80"
			  "\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf",
		  "encode writes UTF-8");
	for (i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		len = crm_utf8_decode(b.data + at, b.len - at, &cp);
		ok = ok && cp == cps[i];
		at += (size_t)len;
	}
	CHECK(ok && at == b.len, "decode reads back what encode wrote");
	free(b.data);

	len = crm_utf8_decode("\xff", 1, &cp);
	CHECK(len == 1 && cp == 0xFFFD, "a stray byte is invalid");
	len = crm_utf8_decode("\xe4\xb8", 2, &cp);
	CHECK(len == 1 && cp == 0xFFFD, "a truncated sequence is invalid");
	len = crm_utf8_decode("\xe4\xb8\xad", 2, &cp);
	CHECK(len == 1 && cp == 0xFFFD, "a sequence longer than n is invalid");
	len = crm_utf8_decode("\xc0\xaf", 2, &cp);
	CHECK(len == 1 && cp == 0xFFFD, "an overlong form is invalid");
	len = crm_utf8_decode("\xed\xa0\x80", 3, &cp);
	CHECK(len == 1 && cp == 0xFFFD, "an encoded surrogate is invalid");
	len = crm_utf8_decode("\xf4\x90\x80\x80", 4, &cp);
	CHECK(len == 1 && cp == 0xFFFD, "a code point past U+10FFFF is invalid");
	len = crm_utf8_decode("\xef\xbf\xbd", 3, &cp);
	CHECK(len == 3 && cp == 0xFFFD, "a real U+FFFD decodes with length 3");
}

static void test_fold_latin(void)
{
	FOLD("Müller", "muller");
	FOLD("MÜLLER", "muller");
	FOLD("Mu\xcc\x88ller", "muller"); /* u + combining diaeresis */
	FOLD("ÅNGSTRÖM Ærø", "angstrom aero");
	FOLD("Nguyễn Văn", "nguyen van");
	FOLD("ĐẶNG Thị Ánh", "dang thi anh");
	FOLD("Straße STRASSE", "strasse strasse");
	FOLD("Łódź", "lodz");
	FOLD("Þórður Œuvre Øster", "thordur oeuvre oster");
	FOLD("Ħal Tarxien ŧ", "hal tarxien t");
	FOLD("Iıİ", "iii");
	FOLD("Çağrı Şahin", "cagri sahin");
	FOLD("François Ñúñez", "francois nunez");
	FOLD("ǅorđe ﬁnance", "dzorde finance");
}

static void test_fold_scripts(void)
{
	FOLD("ΣΩΚΡΆΤΗΣ", "σωκρατησ");
	FOLD("Σωκράτης", "σωκρατησ");
	FOLD("ΆΈΉΊΌΎΏ ϊΰ", "αεηιουω ιυ");
	FOLD("ПЁТР Иванов", "петр иванов");
	FOLD("ЖУКОВ", "жуков");
	FOLD("ԱՐԱՄ", "արամ");
	FOLD("ＡＢＣ１２３！ｘｙｚ", "abc123 xyz");
	FOLD("王伟明", "王伟明");
	FOLD("김민수", "김민수");
	FOLD("やまだ タロウ", "やまだ タロウ");
	FOLD("佐々木", "佐々木");
	FOLD("ジョン・スミス", "ジョン スミス");
	FOLD("東京都、渋谷区。", "東京都 渋谷区");
	FOLD("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ タロウ");
	FOLD("\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8", "각"); /* conjoining jamo */
	FOLD("\xe3\x81\x8b\xe3\x82\x99", "が");             /* か + voiced mark */
	FOLD("محمد علي", "محمد علي");
	FOLD("שָׁלוֹם", "שלום");
	FOLD("สมชาย", "สมชาย");
	FOLD("नमस्ते", "नमस्ते");
}

static void test_fold_separators(void)
{
	FOLD("  --O'Neil,  (Smith)!! ", "o neil smith");
	FOLD("a.b@c-d.example", "a b c d example");
	FOLD("+1 (555) 010-2000", "1 555 010 2000");
	FOLD("tab\tnew\nline", "tab new line");
	FOLD("a\xe3\x80\x80" "b", "a b");      /* ideographic space */
	FOLD("a\xc2\xa0\xe2\x80\x94" "b", "a b"); /* no-break space, em dash */
	FOLD("a😀b", "a b");
	FOLD("ab\xff" "cd\xc3", "abcd");
	FOLD("ab\xed\xa0\x80" "cd", "abcd");
	FOLD("a\xee\x80\x80" "b\xee\x80\x81" "c\xef\xa3\xbf", "a b c");
	FOLD("Mül\xc2\xad" "ler", "muller");   /* soft hyphen */
	FOLD("a\xe2\x80\x8b" "b", "ab");       /* zero width space */
	FOLD("!!! ...", "");
	FOLD("", "");
	FOLD(NULL, "");
}

static void test_fold_buffer(void)
{
	struct crm_buf b = {0};
	const char *samples[] = {"Müller ÅNGSTRÖM", "ΣΩΚΡΆΤΗΣ", "ﾔﾏﾀﾞ", "ǅ ß Æ", "王伟明 c00001"};
	size_t i;
	int ok = 1;

	crm_buf_adds(&b, "x|");
	crm_fold(&b, "  Zürich ", 9);
	CHECK_STR(b.data, "x|zurich", "fold appends, with no leading or trailing space");
	crm_fold(&b, "Å", 1); /* half of a UTF-8 sequence */
	CHECK_STR(b.data, "x|zurich", "a cut sequence appends nothing");

	for (i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		crm_buf_reset(&b);
		crm_fold(&b, samples[i], strlen(samples[i]));
		ok = ok && strcmp(fold(b.data), b.data) == 0;
	}
	CHECK(ok, "folding folded text changes nothing");
	free(b.data);
}

static void test_cjk(void)
{
	CHECK(crm_is_cjk(0x738B), "王 is CJK");
	CHECK(crm_is_cjk(0xAE40), "김 is CJK");
	CHECK(crm_is_cjk(0x304B), "か is CJK");
	CHECK(crm_is_cjk(0x30AB), "カ is CJK");
	CHECK(crm_is_cjk(0x20BB7), "𠮷 is CJK");
	CHECK(!crm_is_cjk('a'), "a is not CJK");
	CHECK(!crm_is_cjk(0xE9), "é is not CJK");
	CHECK(!crm_is_cjk(0x0E2A), "Thai is not CJK");
}

static void test_width(void)
{
	CHECK_INT(crm_display_width("王伟"), 4, "width of 王伟");
	CHECK_INT(crm_display_width("abc"), 3, "width of abc");
	CHECK_INT(crm_display_width("e\xcc\x81"), 1, "width of e + combining acute");
	CHECK_INT(crm_display_width("é"), 1, "width of precomposed é");
	CHECK_INT(crm_display_width("김민수"), 6, "width of Hangul");
	CHECK_INT(crm_display_width("ＡＢ"), 4, "width of fullwidth letters");
	CHECK_INT(crm_display_width("ﾔﾏﾀﾞ"), 4, "width of halfwidth katakana");
	CHECK_INT(crm_display_width("\xe1\x84\x80\xe1\x85\xa1"), 2, "width of conjoining jamo");
	CHECK_INT(crm_display_width(""), 0, "width of the empty string");

	CHECK_INT(crm_display_prefix("王伟", 3), 3, "prefix stops before a wide character");
	CHECK_INT(crm_display_prefix("王伟", 4), 6, "prefix takes what fits");
	CHECK_INT(crm_display_prefix("王伟", 1), 0, "prefix can be empty");
	CHECK_INT(crm_display_prefix("abc", 2), 2, "prefix of ASCII");
	CHECK_INT(crm_display_prefix("abc", 10), 3, "prefix of a short string is all of it");
	CHECK_INT(crm_display_prefix("e\xcc\x81x", 1), 3, "prefix keeps a combining mark");
	CHECK_INT(crm_display_prefix("aé", 1), 1, "prefix does not split é");
}

int main(void)
{
	test_buf();
	test_utf8();
	test_fold_latin();
	test_fold_scripts();
	test_fold_separators();
	test_fold_buffer();
	test_cjk();
	test_width();
	return test_done();
}
