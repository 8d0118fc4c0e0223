/* text.h — UTF-8 text folding for search and duplicate detection.
 *
 * Folding makes "Müller", "MULLER" and "muller" the same key: letters are
 * lowercased and stripped of diacritics (Latin, Greek, Cyrillic, Vietnamese),
 * a few letters that do not decompose are spelled out (ß→ss, æ→ae, ø→o,
 * ł→l, đ→d, þ→th, œ→oe), fullwidth ASCII becomes ASCII, and every run of
 * characters that is not a letter or digit becomes one space.  CJK ideographs,
 * Hangul and Kana are kept as they are.  Invalid UTF-8 bytes are dropped.
 * Nothing here depends on the locale. */
#ifndef CRM_TEXT_H
#define CRM_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Growable byte buffer; all text functions append to one.  A zeroed struct is
 * an empty buffer; free data with free(). data is always NUL-terminated once
 * anything was appended. */
struct crm_buf {
	char *data;
	size_t len, cap;
};

/* Appends n bytes / a string / a formatted string.  Abort on out of memory. */
void crm_buf_add(struct crm_buf *b, const char *s, size_t n);
void crm_buf_adds(struct crm_buf *b, const char *s);
void crm_buf_addf(struct crm_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void crm_buf_reset(struct crm_buf *b);

/* Appends the folded form of s[0..n) to out: lowercase, no diacritics, runs
 * of non-alphanumerics collapsed to a single space, no leading or trailing
 * space.  A NULL s appends nothing. */
void crm_fold(struct crm_buf *out, const char *s, size_t n);

/* Decodes one UTF-8 code point from s[0..n); returns its length in bytes
 * (1..4) and stores it in *cp, or returns 1 and stores 0xFFFD for an
 * invalid sequence. n must be > 0. */
int crm_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Appends code point cp encoded as UTF-8. */
void crm_utf8_encode(struct crm_buf *b, uint32_t cp);

/* True for code points of scripts written without spaces between words:
 * CJK ideographs, Hangul syllables and jamo, Hiragana, Katakana. */
int crm_is_cjk(uint32_t cp);

/* Terminal display width of s (East Asian wide and fullwidth characters
 * count 2, combining marks 0, everything else 1). */
size_t crm_display_width(const char *s);

/* Length in bytes of the longest prefix of s whose display width is at most
 * width; never splits a UTF-8 sequence. */
size_t crm_display_prefix(const char *s, size_t width);

#endif
