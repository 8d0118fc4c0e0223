/* template.h — a small template engine for printable documents.
 *
 * A template is text with tags in double braces (a subset of Mustache with
 * width filters for plain-text layout):
 *
 *   {{name}}              the field's value; a dotted name (company.name)
 *                         descends into objects.  Unknown fields are empty.
 *   {{name|left:30}}      filters, applied left to right: left:N and right:N
 *   {{name|right:12}}     pad (on the right / on the left) or cut to display
 *                         width N (East Asian wide characters count 2; a cut
 *                         value ends in "…"); lines turns "\n" (a backslash
 *   {{name|lines}}        and an n, as crm config stores it) and real newlines
 *                         into line breaks (<br> in HTML).
 *   {{#name}}...{{/name}} an array: the block once per element, whose fields
 *                         are visible inside (outer fields still are); an
 *                         object: once, with its fields; anything else: once
 *                         when the value is not empty.
 *   {{^name}}...{{/name}} the block when the value is empty.
 *   {{! comment }}        nothing.
 *
 * Empty means missing, null, false, "", an empty array, or a number equal
 * to zero ("0.00"), so {{#discount}} hides a zero discount.  {{.}} is the
 * current element itself (for arrays of strings).  A line holding nothing
 * but a section, closing or comment tag (and blanks) leaves no line behind.
 *
 * In HTML mode every value is escaped (& < > " '); in text mode it is
 * written as it is. */
#ifndef CRM_TEMPLATE_H
#define CRM_TEMPLATE_H

#include <cjson/cJSON.h>

#include "err.h"
#include "text.h"

enum crm_tpl_mode { CRM_TPL_TEXT, CRM_TPL_HTML };

struct crm_tpl;

/* Parses text into *out.  name (a file name) is copied and used in error
 * messages: a syntax error (an unclosed tag or section, a mismatched
 * closing tag, an unknown filter or bad width) fails with CRM_EINVAL and
 * "NAME:LINE: what is wrong".  Free the template with crm_tpl_free. */
int crm_tpl_parse(struct crm_tpl **out, const char *name, const char *text,
		  enum crm_tpl_mode mode, struct crm_err *err);

/* Appends the template rendered with data (any cJSON value; normally an
 * object) to out.  Rendering itself cannot fail. */
void crm_tpl_render(const struct crm_tpl *tpl, const cJSON *data, struct crm_buf *out);

void crm_tpl_free(struct crm_tpl *tpl);

/* Parses, renders and frees in one call: CRM_OK, or CRM_EINVAL as
 * crm_tpl_parse (out is left alone then). */
int crm_tpl_expand(const char *name, const char *text, enum crm_tpl_mode mode,
		   const cJSON *data, struct crm_buf *out, struct crm_err *err);

#endif
