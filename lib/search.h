/* search.h — the customer search index: folding for FTS5 and query building.
 *
 * The index (table customer_fts in schema.sql) is an FTS5 trigram table with
 * three columns, kept up to date by triggers that call the SQL functions
 * registered here:
 *   name   ' ' || crm_fold(name || ' ' || code)
 *   body   ' ' || crm_fold() of email, phone, crm_digits(phone), city, note and
 *          the customer's contacts
 *   short  crm_short(name, body): "units" that let terms of one or two
 *          characters be found through the trigram index, which by itself
 *          matches nothing shorter than three characters.
 * Folded text has one space between words, so with the leading space every
 * word of name and body begins with a space.
 *
 * A unit is exactly three code points: two characters and U+E000 (a bigram),
 * or one character, U+E001 and U+E000 (a unigram).  Each word of the folded
 * text is split into runs of CJK (crm_is_cjk) and other characters:
 *   - a CJK run gives the unigram of every character and the bigram of every
 *     adjacent pair, so "王伟" and "伟" are found anywhere inside "王伟明";
 *   - any other run of the name gives the unigram of its first character (its
 *     initial); of the body, nothing.
 * Query terms are folded and split the same way:
 *   - three or more characters: a trigram substring match on name and body;
 *   - two non-CJK characters: the start of a word, " ab" on name and body
 *     ("li" finds "Lindqvist", not "Ali");
 *   - two CJK characters: the unit "ab"+U+E000 on short;
 *   - one character: the unigram unit "a"+U+E001+U+E000 on short, so a
 *     letter finds the initials of the name, a CJK character any occurrence.
 * Since user text is folded first, and folding drops private-use characters,
 * U+E000 and U+E001 appear only in units.
 *
 * An archived customer's short column also holds the unit U+E002 U+E002
 * U+E000, so that a search leaves archived customers out with an FTS5 NOT
 * (a short doclist) instead of looking up every match's row. */
#ifndef CRM_SEARCH_H
#define CRM_SEARCH_H

#include <sqlite3.h>

#include "err.h"
#include "text.h"

/* The unit marking an archived customer, UTF-8. */
#define CRM_SEARCH_ARCHIVED_UNIT "\xEE\x80\x82\xEE\x80\x82\xEE\x80\x80"

/* Registers crm_fold(text), crm_short(name, body) and crm_digits(text) (all
 * deterministic, NULL in → NULL out) and the FTS5 ranking function
 * crm_rank(customer_fts) (lower is better: a term found in the name counts
 * 10, in the units 5, elsewhere 1) on db.  Returns an SQLite result code. */
int crm_search_register(sqlite3 *db);

/* Appends the units of folded name text s[0..n) to out: CJK units and
 * initials.  crm_search_cjk_units: CJK units only, as for the body. */
void crm_search_units(struct crm_buf *out, const char *s, size_t n);
void crm_search_cjk_units(struct crm_buf *out, const char *s, size_t n);

/* Builds the FTS5 MATCH expression for the user's query: each
 * whitespace-separated term is folded, split like the index splits words, and
 * turned into a quoted FTS5 string on the right columns; terms are ANDed.
 * Returns CRM_OK, or CRM_EINVAL ("nothing to search for in '...'") when the
 * query folds to nothing. */
int crm_search_match(const char *query, struct crm_buf *match, struct crm_err *err);

#endif
