/* store.c — opening, creating and migrating the SQLite store, and the small
 * helpers every domain module uses to run its statements. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "deal.h"
#include "money.h"
#include "search.h"
#include "store.h"
#include "validate.h"

extern const char crm_schema_sql[];

/* migrations[v] takes a database from version v to v + 1.  Version 0 is an
 * empty file: it gets the whole schema.  A later step runs its statements
 * here (what CREATE statements cannot say: new columns of existing tables),
 * then the part of schema.sql that begins with the line "-- @version v+1".
 * Whenever CRM_SCHEMA_VERSION goes up, add a step and such a part. */
static const char *const migrations[CRM_SCHEMA_VERSION] = {
	NULL, /* 0 → 1: the whole schema.sql */
	/* 1 → 2: sales work */
	"ALTER TABLE customer ADD COLUMN campaign TEXT;"
	"ALTER TABLE customer ADD COLUMN cadence INTEGER CHECK (cadence BETWEEN 1 AND 3650);",
	/* 2 → 3: products, documents, deliveries (new tables only) */
	"",
	/* 3 → 4: receivables (the new columns of doc are in schema.sql's part) */
	"",
	/* 4 → 5: after-sales service (product's new column is in schema.sql's part) */
	"",
};

#define BUSY_TIMEOUT_MS 5000

char *crm_store_default_path(struct crm_err *err)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	const char *fmt = "%s/crm/crm.db", *base = xdg;
	char *path;
	size_t n;

	if (!xdg || !*xdg) {
		if (!home || !*home) {
			crm_fail(err, CRM_EFAIL, "neither XDG_DATA_HOME nor HOME is set; use --db");
			return NULL;
		}
		fmt = "%s/.local/share/crm/crm.db";
		base = home;
	}
	n = strlen(base) + strlen(fmt) + 1;
	if (!(path = malloc(n)))
		return NULL;
	snprintf(path, n, fmt, base);
	return path;
}

/* mkdir -p for the directories above path, mode 0700. */
static int make_parent_dirs(const char *path, struct crm_err *err)
{
	char dir[PATH_MAX];
	size_t len = strlen(path);

	if (len >= sizeof dir)
		return crm_fail(err, CRM_EFAIL, "database path too long: %s", path);
	memcpy(dir, path, len + 1);
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			return crm_fail(err, CRM_EFAIL, "cannot create directory %s: %s", dir,
					strerror(errno));
		*p = '/';
	}
	return CRM_OK;
}

static void sql_now(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct crm_store *st = sqlite3_user_data(ctx);

	sqlite3_result_text(ctx, st->clock.now, -1, SQLITE_TRANSIENT);
}

static void sql_user(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct crm_store *st = sqlite3_user_data(ctx);

	sqlite3_result_text(ctx, st->user, -1, SQLITE_TRANSIENT);
}

/* crm_money(minor units) → exact decimal text, for the audit log. */
static void sql_money(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct crm_store *st = sqlite3_user_data(ctx);
	char buf[CRM_MONEY_BUFSZ];

	if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
		return;
	crm_money_format(sqlite3_value_int64(argv[0]), st->money_decimals, buf);
	sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

/* crm_config(key) → the setting's value, else its default (config.c's
 * registry), else NULL: so that SQL reads settings as C does. */
static void sql_config(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *key = sqlite3_value_text(argv[0]);
	char *v = key ? crm_config_value(sqlite3_user_data(ctx), (const char *)key) : NULL;

	(void)argc;
	if (v)
		sqlite3_result_text(ctx, v, -1, free);
}

static int register_functions(struct crm_store *st)
{
	int rc = sqlite3_create_function(st->db, "crm_now", 0, SQLITE_UTF8, st, sql_now, NULL, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(st->db, "crm_user", 0, SQLITE_UTF8, st, sql_user,
					     NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(st->db, "crm_money", 1,
					     SQLITE_UTF8 | SQLITE_DETERMINISTIC, st, sql_money,
					     NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(st->db, "crm_config", 1, SQLITE_UTF8, st, sql_config,
					     NULL, NULL);
	if (rc == SQLITE_OK)
		rc = crm_search_register(st->db);
	if (rc == SQLITE_OK)
		rc = crm_stage_register(st);
	return rc;
}

int crm_store_error(struct crm_store *st, int rc, struct crm_err *err)
{
	const char *msg = sqlite3_errmsg(st->db);

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return crm_fail(err, CRM_EBUSY, "database is busy (%s); try again", st->path);
	case SQLITE_CONSTRAINT:
		return crm_fail(err, CRM_EINVAL, "%s", msg);
	default:
		return crm_fail(err, CRM_EFAIL, "database error: %s", msg);
	}
}

int crm_store_prepare(struct crm_store *st, const char *sql, sqlite3_stmt **stmt,
		      struct crm_err *err)
{
	int rc = sqlite3_prepare_v2(st->db, sql, -1, stmt, NULL);

	return rc == SQLITE_OK ? CRM_OK : crm_store_error(st, rc, err);
}

int crm_store_run(struct crm_store *st, sqlite3_stmt *stmt, struct crm_err *err)
{
	int rc = sqlite3_step(stmt);

	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}

const char *crm_store_cell(struct crm_store *st, sqlite3_stmt *stmt, int c, enum crm_coltype t,
			   char buf[CRM_MONEY_BUFSZ])
{
	switch (sqlite3_column_type(stmt, c)) {
	case SQLITE_NULL:
		return NULL;
	case SQLITE_INTEGER:
		if (t == CRM_COL_MONEY)
			return crm_money_format(sqlite3_column_int64(stmt, c), st->money_decimals,
						buf);
		/* fall through */
	default:
		return (const char *)sqlite3_column_text(stmt, c);
	}
}

int crm_store_stream(struct crm_store *st, sqlite3_stmt *stmt, int first,
		     const struct crm_column *cols, size_t ncols, struct crm_out *out,
		     struct crm_err *err)
{
	const char *cells[ncols];
	char money[ncols][CRM_MONEY_BUFSZ];
	int rc;

	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (size_t i = 0; i < ncols; i++)
			cells[i] = crm_store_cell(st, stmt, first + (int)i, cols[i].type, money[i]);
		if (crm_out_row(out, cells) != CRM_OK)
			return crm_fail(err, CRM_EFAIL, "write error");
	}
	return rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}

int crm_store_list(struct crm_store *st, sqlite3_stmt *stmt, const struct crm_column *cols,
		   size_t ncols, struct crm_out *out, struct crm_err *err)
{
	int rc = crm_store_stream(st, stmt, 0, cols, ncols, out, err);

	sqlite3_finalize(stmt);
	return rc;
}

int crm_store_find(struct crm_store *st, const char *by_id, const char *by_code,
		   const char *key, const char *noun, int64_t *id, struct crm_err *err)
{
	int digits = crm_all_digits(key);
	sqlite3_stmt *stmt;
	int rc;

	if (!digits && !by_code)
		return crm_fail(err, CRM_ENOTFOUND, "no %s '%s'", noun, key);
	if ((rc = crm_store_prepare(st, digits ? by_id : by_code, &stmt, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		*id = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	if (rc == SQLITE_ROW)
		return CRM_OK;
	return rc == SQLITE_DONE ? crm_fail(err, CRM_ENOTFOUND, "no %s '%s'", noun, key)
				 : crm_store_error(st, rc, err);
}

int crm_store_rec_table(struct crm_store *st, sqlite3_stmt *stmt, struct crm_rec *rec,
			const char *name, const struct crm_column *cols, size_t ncols,
			struct crm_err *err)
{
	const char *cells[ncols];
	char money[ncols][CRM_MONEY_BUFSZ];
	int rc;

	crm_rec_table(rec, name, cols, ncols);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (size_t i = 0; i < ncols; i++)
			cells[i] = crm_store_cell(st, stmt, (int)i, cols[i].type, money[i]);
		crm_rec_table_row(rec, name, cells);
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}

int crm_store_date(struct crm_store *st, const char *s, char buf[CRM_DATE_BUFSZ],
		   struct crm_err *err)
{
	crm_day day;
	int rc;

	*buf = '\0';
	if (!s)
		return CRM_OK;
	if ((rc = crm_date_parse(s, st->clock.today, &day, err)) == CRM_OK)
		crm_date_format(day, buf);
	return rc;
}

int crm_store_int(struct crm_store *st, const char *sql, int64_t arg, int64_t *out,
		  struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st, sql, &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, arg);
	*out = 0;
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		*out = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}

void crm_bind_named_text(sqlite3_stmt *stmt, const char *name, const char *text)
{
	int i = sqlite3_bind_parameter_index(stmt, name);

	if (i)
		crm_bind_text(stmt, i, text);
}

void crm_bind_named_int(sqlite3_stmt *stmt, const char *name, int64_t v)
{
	int i = sqlite3_bind_parameter_index(stmt, name);

	if (i)
		sqlite3_bind_int64(stmt, i, v);
}

int crm_bind_text(sqlite3_stmt *stmt, int i, const char *text)
{
	return text ? sqlite3_bind_text(stmt, i, text, -1, SQLITE_TRANSIENT)
		    : sqlite3_bind_null(stmt, i);
}

/* Runs one or more statements with no parameters. */
static int exec(struct crm_store *st, const char *sql, struct crm_err *err)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? CRM_OK : crm_store_error(st, rc, err);
}

static int pragma_int(struct crm_store *st, const char *sql, int *out, struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st, sql, &stmt, err);

	if (rc != CRM_OK)
		return rc;
	rc = sqlite3_step(stmt);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : 0;
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}

int crm_store_version(struct crm_store *st)
{
	int v = 0;

	pragma_int(st, "PRAGMA user_version", &v, NULL);
	return v;
}

int crm_store_begin(struct crm_store *st, struct crm_err *err)
{
	return exec(st, "BEGIN IMMEDIATE", err);
}

int crm_store_commit(struct crm_store *st, struct crm_err *err)
{
	int rc = exec(st, "COMMIT", err);

	if (rc != CRM_OK)
		crm_store_rollback(st);
	return rc;
}

int crm_store_end(struct crm_store *st, int rc, struct crm_err *err)
{
	if (rc == CRM_OK)
		return crm_store_commit(st, err);
	crm_store_rollback(st);
	return rc;
}

void crm_store_rollback(struct crm_store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Runs the part of schema.sql that a database reaching `version` gets: from
 * the line "-- @version N" to the next such line or the end. */
static int exec_schema_part(struct crm_store *st, int version, struct crm_err *err)
{
	char marker[32], *part;
	const char *start, *end;
	int rc;

	snprintf(marker, sizeof marker, "\n-- @version %d ", version);
	if (!(start = strstr(crm_schema_sql, marker)))
		return crm_fail(err, CRM_EFAIL, "schema.sql has no part for version %d", version);
	end = strstr(start + 1, "\n-- @version ");
	if (!(part = strndup(start, end ? (size_t)(end - start) : strlen(start))))
		return crm_fail(err, CRM_EFAIL, "out of memory");
	rc = exec(st, part, err);
	free(part);
	return rc;
}

/* Brings the schema from version `from` to CRM_SCHEMA_VERSION inside the
 * caller's transaction. */
static int apply_migrations(struct crm_store *st, int from, struct crm_err *err)
{
	char sql[64];
	int rc = CRM_OK;

	if (from == 0) /* an empty file: the whole schema is the newest version */
		rc = exec(st, crm_schema_sql, err);
	for (int v = from ? from : CRM_SCHEMA_VERSION; v < CRM_SCHEMA_VERSION && rc == CRM_OK; v++)
		if ((rc = exec(st, migrations[v], err)) == CRM_OK)
			rc = exec_schema_part(st, v + 1, err);
	if (rc == CRM_OK && from == 0) {
		snprintf(sql, sizeof sql, "PRAGMA application_id = %d", CRM_APPLICATION_ID);
		rc = exec(st, sql, err);
	}
	if (rc == CRM_OK) {
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", CRM_SCHEMA_VERSION);
		rc = exec(st, sql, err);
	}
	return rc;
}

int crm_store_migrate(struct crm_store *st, int *from, struct crm_err *err)
{
	int rc, version;

	if ((rc = crm_store_begin(st, err)) != CRM_OK)
		return rc;
	/* Read the version again under the write lock: another crm may have
	 * migrated the file meanwhile. */
	if ((rc = pragma_int(st, "PRAGMA user_version", &version, err)) == CRM_OK &&
	    version < CRM_SCHEMA_VERSION)
		rc = apply_migrations(st, version, err);
	if (rc != CRM_OK) {
		crm_store_rollback(st);
		return rc;
	}
	if (from)
		*from = version;
	return crm_store_commit(st, err);
}

/* Refuses files that are not crm databases or that a newer crm wrote. */
static int check_identity(struct crm_store *st, int *version, struct crm_err *err)
{
	int app_id, rc, tables;

	if ((rc = pragma_int(st, "PRAGMA application_id", &app_id, err)) != CRM_OK ||
	    (rc = pragma_int(st, "PRAGMA user_version", version, err)) != CRM_OK)
		return rc == CRM_EBUSY ? rc
				       : crm_fail(err, CRM_EFAIL, "%s is not a crm database",
						  st->path);
	if (app_id == CRM_APPLICATION_ID) {
		if (*version > CRM_SCHEMA_VERSION)
			return crm_fail(err, CRM_EFAIL,
					"%s has schema version %d, newer than this crm "
					"understands (%d); upgrade crm",
					st->path, *version, CRM_SCHEMA_VERSION);
		return CRM_OK;
	}
	if (app_id == 0 && *version == 0 &&
	    pragma_int(st, "SELECT count(*) FROM sqlite_schema", &tables, err) == CRM_OK &&
	    tables == 0)
		return CRM_OK;
	return crm_fail(err, CRM_EFAIL, "%s is not a crm database", st->path);
}

/* Connection settings that do not persist in the file. */
static int configure_connection(struct crm_store *st, struct crm_err *err)
{
	const char *timeout = getenv("CRM_BUSY_TIMEOUT");
	int ms = timeout && *timeout ? atoi(timeout) : BUSY_TIMEOUT_MS;

	sqlite3_busy_timeout(st->db, ms);
	sqlite3_extended_result_codes(st->db, 1);
	if (register_functions(st) != SQLITE_OK)
		return crm_store_error(st, SQLITE_ERROR, err);
	return exec(st, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL", err);
}

/* Switching to WAL fails at once when another crm holds a lock (SQLite does
 * not wait where waiting could deadlock), as happens when several start on a
 * new file together: retry for as long as the busy timeout. */
static int set_wal(struct crm_store *st, struct crm_err *err)
{
	const char *timeout = getenv("CRM_BUSY_TIMEOUT");
	int ms = timeout && *timeout ? atoi(timeout) : BUSY_TIMEOUT_MS, rc;

	while ((rc = sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL)) !=
		       SQLITE_OK &&
	       (rc & 0xff) == SQLITE_BUSY && ms > 0) {
		sqlite3_sleep(10);
		ms -= 10;
	}
	return rc == SQLITE_OK ? CRM_OK : crm_store_error(st, rc, err);
}

int crm_store_open(struct crm_store **out, const char *path, const char *user,
		   const struct crm_clock *clock, int flags, struct crm_err *err)
{
	struct crm_store *st = calloc(1, sizeof *st);
	int rc, version, sqlflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW;
	mode_t old_mask;

	if (!st)
		return crm_fail(err, CRM_EFAIL, "out of memory");
	/* Statement journals (a write with triggers keeps one per statement)
	 * stay in memory: on disk they doubled the time of an import.  Sorts
	 * and other temporary data still spill to disk, so a list of a million
	 * customers runs in a few megabytes.  Possible only before SQLite
	 * initializes; later calls fail harmlessly. */
	sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, -1);
	st->path = path;
	st->user = user;
	st->clock = *clock;
	st->money_decimals = 2;
	if (flags & CRM_OPEN_CREATE) {
		if ((rc = make_parent_dirs(path, err)) != CRM_OK)
			goto fail;
		sqlflags |= SQLITE_OPEN_CREATE;
	}
	/* The database, its -wal and its -shm hold customer data: owner only. */
	old_mask = umask(077);
	rc = sqlite3_open_v2(path, &st->db, sqlflags, NULL);
	umask(old_mask);
	if (rc != SQLITE_OK) {
		rc = crm_fail(err, rc == SQLITE_CANTOPEN ? CRM_ENOTFOUND : CRM_EFAIL,
			      "cannot open database %s: %s", path,
			      st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto fail;
	}
	/* The first pragma reads the file: one that is not SQLite fails there. */
	if ((rc = configure_connection(st, err)) != CRM_OK) {
		if ((sqlite3_errcode(st->db) & 0xff) == SQLITE_NOTADB)
			rc = crm_fail(err, CRM_EFAIL, "%s is not a crm database", path);
		goto fail;
	}
	/* One read transaction, so that the identity is read from one snapshot
	 * even while another crm is creating the file. */
	if ((rc = exec(st, "BEGIN", err)) == CRM_OK) {
		rc = check_identity(st, &version, err);
		crm_store_rollback(st);
	}
	if (rc != CRM_OK)
		goto fail;
	if (version == 0 && (rc = set_wal(st, err)) != CRM_OK)
		goto fail;
	if (version < CRM_SCHEMA_VERSION && (version == 0 || !(flags & CRM_OPEN_NOMIGRATE)) &&
	    (rc = crm_store_migrate(st, NULL, err)) != CRM_OK)
		goto fail;
	*out = st;
	return CRM_OK;
fail:
	crm_store_close(st);
	return rc;
}

void crm_store_close(struct crm_store *st)
{
	if (!st)
		return;
	sqlite3_close_v2(st->db);
	free(st);
}

int crm_store_check(struct crm_store *st, void (*cb)(void *arg, const char *problem),
		    void *arg, int *problems, struct crm_err *err)
{
	static const char sql[] =
		"SELECT integrity_check FROM pragma_integrity_check "
		"WHERE integrity_check <> 'ok' "
		/* rowid is NULL in a WITHOUT ROWID table (customer_tag) */
		"UNION ALL SELECT 'foreign key: ' || \"table\" || ifnull(' row ' || rowid, '') || "
		"' refers to a missing ' || parent FROM pragma_foreign_key_check";
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st, sql, &stmt, err);

	*problems = 0;
	if (rc != CRM_OK)
		return rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		(*problems)++;
		if (cb)
			cb(arg, (const char *)sqlite3_column_text(stmt, 0));
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}

int crm_store_backup(struct crm_store *st, const char *dest, struct crm_err *err)
{
	sqlite3 *copy = NULL;
	sqlite3_backup *bk;
	mode_t old_mask;
	int rc, fd;

	/* Create the file ourselves so that an existing one is never overwritten
	 * and the copy is private from its first byte. */
	old_mask = umask(077);
	fd = open(dest, O_WRONLY | O_CREAT | O_EXCL, 0600);
	umask(old_mask);
	if (fd < 0)
		return crm_fail(err, errno == EEXIST ? CRM_EINVAL : CRM_EFAIL,
				"cannot create %s: %s", dest, strerror(errno));
	close(fd);
	rc = sqlite3_open_v2(dest, &copy, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK && (bk = sqlite3_backup_init(copy, "main", st->db, "main"))) {
		while ((rc = sqlite3_backup_step(bk, 256)) == SQLITE_OK ||
		       rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(10);
		sqlite3_backup_finish(bk);
	}
	if (rc != SQLITE_DONE) {
		crm_fail(err, CRM_EFAIL, "backup to %s failed: %s", dest,
			 copy ? sqlite3_errmsg(copy) : "out of memory");
		sqlite3_close(copy);
		unlink(dest);
		return CRM_EFAIL;
	}
	sqlite3_close(copy);
	return CRM_OK;
}

char *crm_config_get(struct crm_store *st, const char *key)
{
	sqlite3_stmt *stmt;
	char *value = NULL;

	if (crm_store_prepare(st, "SELECT value FROM config WHERE key = ?", &stmt, NULL) != CRM_OK)
		return NULL;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		value = strdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return value;
}

int crm_config_set(struct crm_store *st, const char *key, const char *value,
		   struct crm_err *err)
{
	sqlite3_stmt *stmt;
	int rc = crm_store_prepare(st,
				   "INSERT INTO config (key, value) VALUES (?1, ?2) "
				   "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
				   &stmt, err);

	if (rc != CRM_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? CRM_OK : crm_store_error(st, rc, err);
}
