/* template.c — parses a template into a tree of text, field and section
 * nodes once, then renders the tree against a cJSON value.  Every syntax
 * error is found while parsing, so rendering cannot fail. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "template.h"

#define MAX_WIDTH 1000

enum node_kind { NODE_TEXT, NODE_FIELD, NODE_SECTION, NODE_INVERTED };
enum filter_kind { FILTER_LEFT, FILTER_RIGHT, FILTER_LINES };

struct filter {
	enum filter_kind kind;
	size_t width;
};

struct node {
	enum node_kind kind;
	char *text; /* TEXT: the bytes; the others: the field name */
	size_t len;
	struct filter *filters;
	size_t nfilters;
	int line;
	struct node *child; /* sections: the block */
	struct node *next;
};

struct crm_tpl {
	enum crm_tpl_mode mode;
	struct node *root;
};

/* An open section while parsing: where its block's next node goes. */
struct frame {
	struct node *section;
	struct node **tail;
};

struct parser {
	const char *name;
	struct frame *stack;
	size_t depth, cap;
	struct crm_err *err;
};

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p)
		abort();
	return p;
}

static char *xstrndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (!p)
		abort();
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static void free_nodes(struct node *n)
{
	while (n) {
		struct node *next = n->next;

		free_nodes(n->child);
		free(n->text);
		free(n->filters);
		free(n);
		n = next;
	}
}

void crm_tpl_free(struct crm_tpl *tpl)
{
	if (!tpl)
		return;
	free_nodes(tpl->root);
	free(tpl);
}

static struct node *append(struct parser *p, enum node_kind kind, const char *s, size_t len,
			   int line)
{
	struct frame *f = &p->stack[p->depth];
	struct node *n = xcalloc(1, sizeof *n);

	n->kind = kind;
	n->text = xstrndup(s, len);
	n->len = len;
	n->line = line;
	*f->tail = n;
	f->tail = &n->next;
	return n;
}

static int count_lines(const char *s, const char *end)
{
	int n = 0;

	for (; s < end; s++)
		n += *s == '\n';
	return n;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static int is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-' || c == '.';
}

/* A field name: "." alone, or dot-separated non-empty parts. */
static int valid_name(const char *s, size_t n)
{
	if (n == 1 && *s == '.')
		return 1;
	if (n == 0 || s[0] == '.' || s[n - 1] == '.')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!is_name_char(s[i]) || (s[i] == '.' && s[i + 1] == '.'))
			return 0;
	return 1;
}

/* Parses one filter "left:30" of s[0..n) into *f. */
static int parse_filter(struct parser *p, int line, const char *s, size_t n, struct filter *f)
{
	const char *colon;
	size_t name_len;
	char *end;
	long w;

	while (n && is_blank(s[n - 1]))
		n--;
	while (n && is_blank(*s))
		s++, n--;
	colon = memchr(s, ':', n);
	name_len = colon ? (size_t)(colon - s) : n;
	if (name_len == 5 && !strncmp(s, "lines", 5) && !colon) {
		f->kind = FILTER_LINES;
		return CRM_OK;
	}
	if ((name_len == 4 && !strncmp(s, "left", 4)) || (name_len == 5 && !strncmp(s, "right", 5))) {
		f->kind = *s == 'l' ? FILTER_LEFT : FILTER_RIGHT;
		if (!colon)
			return crm_fail(p->err, CRM_EINVAL, "%s:%d: filter '%.*s' needs a width: '%.*s:N'",
					p->name, line, (int)n, s, (int)n, s);
		w = strtol(colon + 1, &end, 10);
		if (colon + 1 == s + n || end != s + n || colon[1] < '0' || colon[1] > '9' || w < 1 ||
		    w > MAX_WIDTH)
			return crm_fail(p->err, CRM_EINVAL,
					"%s:%d: bad width '%.*s' in filter '%.*s' (1 to %d)", p->name,
					line, (int)(s + n - colon - 1), colon + 1, (int)n, s, MAX_WIDTH);
		f->width = (size_t)w;
		return CRM_OK;
	}
	return crm_fail(p->err, CRM_EINVAL,
			"%s:%d: unknown filter '%.*s' (filters: left:N, right:N, lines)", p->name, line,
			(int)n, s);
}

/* Parses the inside of a tag, s[0..n) without the braces, into a node. */
static int parse_tag(struct parser *p, int line, const char *s, size_t n)
{
	char sigil = n ? *s : '\0';
	const char *bar, *name;
	size_t name_len;
	struct node *node;
	struct frame *top;

	if (sigil == '!')
		return CRM_OK;
	if (sigil == '#' || sigil == '^' || sigil == '/')
		s++, n--;
	bar = memchr(s, '|', n);
	name = s;
	name_len = bar ? (size_t)(bar - s) : n;
	while (name_len && is_blank(name[name_len - 1]))
		name_len--;
	while (name_len && is_blank(*name))
		name++, name_len--;
	if (!valid_name(name, name_len))
		return crm_fail(p->err, CRM_EINVAL, "%s:%d: bad field name '%.*s'", p->name, line,
				(int)name_len, name);
	if (bar && sigil && strchr("#^/", sigil))
		return crm_fail(p->err, CRM_EINVAL, "%s:%d: filters only go in a field: '{{%c%.*s}}'",
				p->name, line, sigil, (int)n, s);
	if (sigil == '/') {
		top = &p->stack[p->depth];
		if (p->depth == 0)
			return crm_fail(p->err, CRM_EINVAL, "%s:%d: '{{/%.*s}}' closes no section",
					p->name, line, (int)name_len, name);
		if (top->section->len != name_len || strncmp(top->section->text, name, name_len))
			return crm_fail(p->err, CRM_EINVAL,
					"%s:%d: '{{/%.*s}}' does not close '{{%c%s}}' of line %d",
					p->name, line, (int)name_len, name,
					top->section->kind == NODE_SECTION ? '#' : '^',
					top->section->text, top->section->line);
		p->depth--;
		return CRM_OK;
	}
	if (sigil == '#' || sigil == '^') {
		node = append(p, sigil == '#' ? NODE_SECTION : NODE_INVERTED, name, name_len, line);
		if (++p->depth == p->cap) {
			p->cap *= 2;
			p->stack = realloc(p->stack, p->cap * sizeof *p->stack);
			if (!p->stack)
				abort();
		}
		p->stack[p->depth] = (struct frame){node, &node->child};
		return CRM_OK;
	}
	node = append(p, NODE_FIELD, name, name_len, line);
	while (bar) {
		const char *f = bar + 1, *end = memchr(f, '|', (size_t)(s + n - f));
		size_t len = end ? (size_t)(end - f) : (size_t)(s + n - f);
		int rc;

		node->filters = realloc(node->filters, (node->nfilters + 1) * sizeof *node->filters);
		if (!node->filters)
			abort();
		if ((rc = parse_filter(p, line, f, len, &node->filters[node->nfilters])) != CRM_OK)
			return rc;
		node->nfilters++;
		bar = end;
	}
	return CRM_OK;
}

/* A section, closing or comment tag alone on its line (blanks around it)
 * takes the whole line with it: *line_start and *after get the bounds. */
static int standalone(const char *text, const char *open, const char *close,
		      const char **line_start, const char **after)
{
	const char *a = open, *b = close;

	if (!strchr("#^/!", open[2]) || !open[2])
		return 0;
	while (a > text && is_blank(a[-1]))
		a--;
	if (a > text && a[-1] != '\n')
		return 0;
	while (is_blank(*b))
		b++;
	if (*b != '\n' && *b != '\0')
		return 0;
	*line_start = a;
	*after = *b ? b + 1 : b;
	return 1;
}

int crm_tpl_parse(struct crm_tpl **out, const char *name, const char *text,
		  enum crm_tpl_mode mode, struct crm_err *err)
{
	struct parser p = {.name = name, .cap = 8, .err = err};
	struct crm_tpl *tpl = xcalloc(1, sizeof *tpl);
	const char *pos = text;
	int line = 1, rc = CRM_OK;

	tpl->mode = mode;
	p.stack = xcalloc(p.cap, sizeof *p.stack);
	p.stack[0] = (struct frame){NULL, &tpl->root};
	for (;;) {
		const char *open = strstr(pos, "{{"), *close, *text_end, *next;
		int tag_line;

		if (!open) {
			if (*pos)
				append(&p, NODE_TEXT, pos, strlen(pos), line);
			break;
		}
		tag_line = line + count_lines(pos, open);
		close = strstr(open + 2, "}}");
		if (!close) {
			rc = crm_fail(err, CRM_EINVAL, "%s:%d: unclosed tag '{{' (no '}}')", name,
				      tag_line);
			break;
		}
		close += 2;
		if (!standalone(text, open, close, &text_end, &next)) {
			text_end = open;
			next = close;
		}
		if (text_end > pos)
			append(&p, NODE_TEXT, pos, (size_t)(text_end - pos), line);
		if ((rc = parse_tag(&p, tag_line, open + 2, (size_t)(close - 2 - open - 2))) != CRM_OK)
			break;
		line = tag_line + count_lines(open, next);
		pos = next;
	}
	if (rc == CRM_OK && p.depth > 0) {
		struct node *s = p.stack[p.depth].section;

		rc = crm_fail(err, CRM_EINVAL, "%s:%d: unclosed section '{{%c%s}}' (no '{{/%s}}')",
			      name, s->line, s->kind == NODE_SECTION ? '#' : '^', s->text, s->text);
	}
	free(p.stack);
	if (rc != CRM_OK) {
		crm_tpl_free(tpl);
		return rc;
	}
	*out = tpl;
	return CRM_OK;
}

/* ---- rendering ---- */

/* The values a name is looked up in, innermost first. */
struct scope {
	const cJSON *value;
	const struct scope *up;
};

static const cJSON *lookup(const struct scope *sc, const char *name)
{
	const char *dot = strchr(name, '.');
	size_t first = dot ? (size_t)(dot - name) : strlen(name);
	const cJSON *v = NULL;
	char key[256];

	if (!strcmp(name, "."))
		return sc->value;
	if (first >= sizeof key)
		return NULL;
	memcpy(key, name, first);
	key[first] = '\0';
	for (; sc && !v; sc = sc->up)
		if (cJSON_IsObject(sc->value))
			v = cJSON_GetObjectItemCaseSensitive(sc->value, key);
	while (v && dot) {
		const char *part = dot + 1;

		dot = strchr(part, '.');
		first = dot ? (size_t)(dot - part) : strlen(part);
		if (first >= sizeof key || !cJSON_IsObject(v))
			return NULL;
		memcpy(key, part, first);
		key[first] = '\0';
		v = cJSON_GetObjectItemCaseSensitive(v, key);
	}
	return v;
}

/* "0", "-0.00", "+0.0": a number equal to zero. */
static int zero_number(const char *s)
{
	int digits = 0;

	if (*s == '-' || *s == '+')
		s++;
	for (; *s; s++) {
		if (*s == '0')
			digits++;
		else if (*s != '.')
			return 0;
	}
	return digits > 0;
}

static int not_empty(const cJSON *v)
{
	if (!v || cJSON_IsNull(v) || cJSON_IsFalse(v))
		return 0;
	if (cJSON_IsString(v))
		return v->valuestring && *v->valuestring;
	if (cJSON_IsRaw(v))
		return v->valuestring && *v->valuestring && !zero_number(v->valuestring);
	if (cJSON_IsNumber(v))
		return v->valuedouble != 0;
	if (cJSON_IsArray(v))
		return cJSON_GetArraySize(v) > 0;
	return 1;
}

/* The text of a scalar value; objects and arrays have none. */
static void value_text(const cJSON *v, struct crm_buf *b)
{
	crm_buf_adds(b, "");
	if (!v)
		return;
	if ((cJSON_IsString(v) || cJSON_IsRaw(v)) && v->valuestring)
		crm_buf_adds(b, v->valuestring);
	else if (cJSON_IsTrue(v))
		crm_buf_adds(b, "yes");
	else if (cJSON_IsFalse(v))
		crm_buf_adds(b, "no");
	else if (cJSON_IsNumber(v) && v->valuedouble == (double)(long long)v->valuedouble)
		crm_buf_addf(b, "%lld", (long long)v->valuedouble);
	else if (cJSON_IsNumber(v))
		crm_buf_addf(b, "%.17g", v->valuedouble);
}

static void pad(struct crm_buf *b, size_t n)
{
	while (n-- > 0)
		crm_buf_add(b, " ", 1);
}

/* s padded or cut to display width w: on one line, cut values end in "…". */
static void fit(struct crm_buf *b, const char *s, size_t w, int right)
{
	struct crm_buf one = {0};
	size_t dw, len;

	crm_buf_adds(&one, s);
	for (char *p = one.data; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	dw = crm_display_width(one.data);
	crm_buf_reset(b);
	crm_buf_adds(b, "");
	if (dw > w) {
		len = crm_display_prefix(one.data, w - 1);
		dw = crm_display_width(one.data) - crm_display_width(one.data + len);
		if (right)
			pad(b, w - 1 - dw);
		crm_buf_add(b, one.data, len);
		crm_buf_adds(b, "…");
		if (!right)
			pad(b, w - 1 - dw);
	} else {
		if (right)
			pad(b, w - dw);
		crm_buf_adds(b, one.data);
		if (!right)
			pad(b, w - dw);
	}
	free(one.data);
}

/* "\n" (backslash, n) becomes a newline; real newlines stay. */
static void split_lines(struct crm_buf *b, const char *s)
{
	crm_buf_reset(b);
	crm_buf_adds(b, "");
	for (; *s; s++) {
		if (s[0] == '\\' && s[1] == 'n') {
			crm_buf_add(b, "\n", 1);
			s++;
		} else if (*s != '\r') {
			crm_buf_add(b, s, 1);
		}
	}
}

static void html_escape(struct crm_buf *out, const char *s, int breaks)
{
	for (; *s; s++)
		switch (*s) {
		case '&': crm_buf_adds(out, "&amp;"); break;
		case '<': crm_buf_adds(out, "&lt;"); break;
		case '>': crm_buf_adds(out, "&gt;"); break;
		case '"': crm_buf_adds(out, "&quot;"); break;
		case '\'': crm_buf_adds(out, "&#39;"); break;
		case '\n':
			crm_buf_adds(out, breaks ? "<br>\n" : "\n");
			break;
		default: crm_buf_add(out, s, 1);
		}
}

static void render_field(const struct crm_tpl *tpl, const struct node *n, const struct scope *sc,
			 struct crm_buf *out)
{
	struct crm_buf val = {0}, tmp = {0};
	int breaks = 0;

	value_text(lookup(sc, n->text), &val);
	for (size_t i = 0; i < n->nfilters; i++) {
		const struct filter *f = &n->filters[i];

		if (f->kind == FILTER_LINES) {
			split_lines(&tmp, val.data);
			breaks = 1;
		} else {
			fit(&tmp, val.data, f->width, f->kind == FILTER_RIGHT);
		}
		struct crm_buf swap = val;
		val = tmp;
		tmp = swap;
	}
	if (tpl->mode == CRM_TPL_HTML)
		html_escape(out, val.data, breaks);
	else
		crm_buf_adds(out, val.data);
	free(val.data);
	free(tmp.data);
}

static void render_nodes(const struct crm_tpl *tpl, const struct node *n, const struct scope *sc,
			 struct crm_buf *out)
{
	for (; n; n = n->next) {
		const cJSON *v;

		switch (n->kind) {
		case NODE_TEXT: crm_buf_add(out, n->text, n->len); break;
		case NODE_FIELD: render_field(tpl, n, sc, out); break;
		case NODE_INVERTED:
			if (!not_empty(lookup(sc, n->text)))
				render_nodes(tpl, n->child, sc, out);
			break;
		case NODE_SECTION:
			v = lookup(sc, n->text);
			if (!not_empty(v))
				break;
			if (cJSON_IsArray(v)) {
				const cJSON *e;

				cJSON_ArrayForEach(e, v)
				{
					struct scope inner = {e, sc};

					render_nodes(tpl, n->child, &inner, out);
				}
			} else {
				struct scope inner = {v, sc};

				render_nodes(tpl, n->child, &inner, out);
			}
			break;
		}
	}
}

void crm_tpl_render(const struct crm_tpl *tpl, const cJSON *data, struct crm_buf *out)
{
	struct scope top = {data, NULL};

	crm_buf_adds(out, "");
	render_nodes(tpl, tpl->root, &top, out);
}

int crm_tpl_expand(const char *name, const char *text, enum crm_tpl_mode mode,
		   const cJSON *data, struct crm_buf *out, struct crm_err *err)
{
	struct crm_tpl *tpl;
	int rc = crm_tpl_parse(&tpl, name, text, mode, err);

	if (rc != CRM_OK)
		return rc;
	crm_tpl_render(tpl, data, out);
	crm_tpl_free(tpl);
	return CRM_OK;
}
