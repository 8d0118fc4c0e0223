/* stage.c — the configured deal stages and the SQL functions that read them. */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "deal.h"

/* A setting that is a whole number in lo..hi, or fallback. */
static int config_int(struct crm_store *st, const char *stage, const char *what, int lo, int hi,
		      int fallback)
{
	char key[128], *v, *end;
	long n;

	snprintf(key, sizeof key, "deal.stage.%s.%s", stage, what);
	if (!(v = crm_config_value(st, key)))
		return fallback;
	n = strtol(v, &end, 10);
	if (*end || end == v || n < lo || n > hi)
		n = fallback;
	free(v);
	return (int)n;
}

static int stage_fill(struct crm_store *st, struct crm_stage *s, const char *name, size_t n)
{
	if (!(s->name = strndup(name, n)))
		return CRM_EFAIL;
	s->probability = config_int(st, s->name, "probability", 0, 100, 0);
	s->stall = config_int(st, s->name, "stall", 1, 3650, 0);
	return CRM_OK;
}

int crm_stages_load(struct crm_store *st, struct crm_stages *out, struct crm_err *err)
{
	char *list = crm_config_value(st, "deal.stages");
	size_t cap = 1;

	out->v = NULL;
	out->n = 0;
	if (!list)
		return crm_fail(err, CRM_EFAIL, "out of memory");
	for (const char *p = list; *p; p++)
		cap += *p == ',';
	if (!(out->v = calloc(cap, sizeof *out->v))) {
		free(list);
		return crm_fail(err, CRM_EFAIL, "out of memory");
	}
	/* set values were normalized by crm config ("a,b,c"); empty items are
	 * skipped all the same */
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",");

		if (n && stage_fill(st, &out->v[out->n++], p, n) != CRM_OK) {
			free(list);
			crm_stages_free(out);
			return crm_fail(err, CRM_EFAIL, "out of memory");
		}
		p += n + (p[n] == ',');
	}
	free(list);
	return CRM_OK;
}

void crm_stages_free(struct crm_stages *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].name);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

int crm_stages_index(const struct crm_stages *s, const char *name)
{
	for (size_t i = 0; name && i < s->n; i++)
		if (strcmp(s->v[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* The stages as the SQL functions see them: loaded once and reused for as
 * long as nothing changed in the database.  sqlite3_total_changes64 moves
 * with every write of this connection (inside a transaction too), and the
 * pager's data version with every commit of another; a `crm config set` in
 * the same process therefore never leaves stale stages behind. */
struct stage_cache {
	struct crm_store *st;
	int refs; /* one per registered function */
	int loaded;
	sqlite3_int64 changes;
	unsigned int version;
	struct crm_stages stages;
};

static unsigned int data_version(sqlite3 *db)
{
	unsigned int v = 0;

	sqlite3_file_control(db, "main", SQLITE_FCNTL_DATA_VERSION, &v);
	return v;
}

static const struct crm_stages *cached_stages(struct stage_cache *c)
{
	sqlite3 *db = c->st->db;
	sqlite3_int64 changes = sqlite3_total_changes64(db);
	unsigned int version = data_version(db);

	if (c->loaded && c->changes == changes && c->version == version)
		return &c->stages;
	crm_stages_free(&c->stages);
	c->loaded = crm_stages_load(c->st, &c->stages, NULL) == CRM_OK;
	c->changes = changes;
	c->version = version;
	return c->loaded ? &c->stages : NULL;
}

enum stage_fn { FN_PROBABILITY, FN_STALL, FN_ORDER };

static void stage_function(sqlite3_context *ctx, sqlite3_value *arg, enum stage_fn fn)
{
	struct stage_cache *c = sqlite3_user_data(ctx);
	const char *name = (const char *)sqlite3_value_text(arg);
	const struct crm_stages *s;
	int i;

	if (!name)
		return; /* NULL in, NULL out */
	if (!(s = cached_stages(c))) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	i = crm_stages_index(s, name);
	if (fn == FN_ORDER) {
		if (i >= 0)
			sqlite3_result_int(ctx, i + 1);
		return;
	}
	if (i >= 0) {
		if (fn == FN_PROBABILITY)
			sqlite3_result_int(ctx, s->v[i].probability);
		else if (s->v[i].stall)
			sqlite3_result_int(ctx, s->v[i].stall);
		return;
	}
	/* a stage no longer configured keeps whatever settings it still has */
	if (fn == FN_PROBABILITY)
		sqlite3_result_int(ctx, config_int(c->st, name, "probability", 0, 100, 0));
	else if ((i = config_int(c->st, name, "stall", 1, 3650, 0)))
		sqlite3_result_int(ctx, i);
}

static void sql_probability(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	stage_function(ctx, argv[0], FN_PROBABILITY);
}

static void sql_stall(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	stage_function(ctx, argv[0], FN_STALL);
}

static void sql_order(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	stage_function(ctx, argv[0], FN_ORDER);
}

static void cache_release(void *p)
{
	struct stage_cache *c = p;

	if (--c->refs == 0) {
		crm_stages_free(&c->stages);
		free(c);
	}
}

int crm_stage_register(struct crm_store *st)
{
	static const struct {
		const char *name;
		void (*fn)(sqlite3_context *, int, sqlite3_value **);
	} fns[] = {
		{"crm_stage_probability", sql_probability},
		{"crm_stage_stall", sql_stall},
		{"crm_stage_order", sql_order},
	};
	struct stage_cache *c = calloc(1, sizeof *c);
	int rc = SQLITE_OK;

	if (!c)
		return SQLITE_NOMEM;
	c->st = st;
	c->refs = 1; /* held while registering, so a failure cannot free it early */
	for (size_t i = 0; i < sizeof fns / sizeof *fns && rc == SQLITE_OK; i++) {
		c->refs++;
		/* not deterministic: the answer changes with the configuration */
		rc = sqlite3_create_function_v2(st->db, fns[i].name, 1, SQLITE_UTF8, c, fns[i].fn,
						NULL, NULL, cache_release);
	}
	cache_release(c);
	return rc;
}
