/* store.h — the SQLite store: opening, creating, migrating, checking,
 * backing up, and the transaction and statement helpers every domain uses.
 *
 * A store is one SQLite database opened with foreign keys on, WAL, a busy
 * timeout and the crm SQL functions registered (crm_now, crm_user and the
 * search functions the schema's triggers call).  The schema (schema.sql) is
 * compiled in; PRAGMA user_version is its version. */
#ifndef CRM_STORE_H
#define CRM_STORE_H

#include <sqlite3.h>

#include "date.h"
#include "err.h"
#include "money.h"
#include "output.h"

/* PRAGMA application_id of a crm database: "CRM1". */
#define CRM_APPLICATION_ID 0x43524d31
/* The schema version this build writes. */
#define CRM_SCHEMA_VERSION 5

struct crm_store {
	sqlite3 *db;
	const char *path;
	const char *user;   /* recorded in the audit log with every change */
	struct crm_clock clock;
	int money_decimals; /* fraction digits of the currency, 2 by default */
};

enum crm_open_flags {
	CRM_OPEN_CREATE = 1,  /* create the file (and its directory) if missing */
	CRM_OPEN_NOMIGRATE = 2 /* leave an older schema as it is (db migrate does it) */
};

/* The default database path: $XDG_DATA_HOME/crm/crm.db, or
 * $HOME/.local/share/crm/crm.db.  Returns a malloc'd string the caller frees,
 * or NULL with err set when neither variable is set. */
char *crm_store_default_path(struct crm_err *err);

/* Opens (and with CRM_OPEN_CREATE creates, mode 0600, with a 0700 directory)
 * the database at path.  A new database gets the whole schema; an older one is
 * migrated forward in one transaction unless CRM_OPEN_NOMIGRATE; a newer one,
 * or a file that is not a crm database, is refused.  path and user must
 * outlive the store.  On success *out is set and must be closed with
 * crm_store_close. */
int crm_store_open(struct crm_store **out, const char *path, const char *user,
		   const struct crm_clock *clock, int flags, struct crm_err *err);
void crm_store_close(struct crm_store *st);

/* Schema version of the open database (PRAGMA user_version). */
int crm_store_version(struct crm_store *st);

/* Migrates the database to CRM_SCHEMA_VERSION; *from receives the version it
 * had.  CRM_OK when nothing was to do too. */
int crm_store_migrate(struct crm_store *st, int *from, struct crm_err *err);

/* Runs PRAGMA integrity_check and foreign_key_check; each problem found is
 * passed to cb (which may be NULL) and counted in *problems. */
int crm_store_check(struct crm_store *st, void (*cb)(void *arg, const char *problem),
		    void *arg, int *problems, struct crm_err *err);

/* Copies the live database to dest with the online backup API; dest must
 * not exist.  The copy is created mode 0600. */
int crm_store_backup(struct crm_store *st, const char *dest, struct crm_err *err);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK.  begin maps a lock held past the busy
 * timeout to CRM_EBUSY. rollback is safe to call when no transaction is open. */
int crm_store_begin(struct crm_store *st, struct crm_err *err);
int crm_store_commit(struct crm_store *st, struct crm_err *err);
void crm_store_rollback(struct crm_store *st);
/* Ends the transaction a write opened: commits when rc is CRM_OK, else rolls
 * back; returns the outcome (rc, or the commit's failure). */
int crm_store_end(struct crm_store *st, int rc, struct crm_err *err);

/* Prepares sql on the store's connection; on failure fills err. */
int crm_store_prepare(struct crm_store *st, const char *sql, sqlite3_stmt **stmt,
		      struct crm_err *err);

/* Turns the SQLite result code rc of the last call on the connection into a
 * CRM status with a message: busy → CRM_EBUSY, constraint → CRM_EINVAL,
 * anything else → CRM_EFAIL. */
int crm_store_error(struct crm_store *st, int rc, struct crm_err *err);

/* Steps stmt, a statement that returns no rows, to its end and finalizes
 * it; CRM_OK, or the failure as crm_store_error makes it. */
int crm_store_run(struct crm_store *st, sqlite3_stmt *stmt, struct crm_err *err);

/* Text of result column c of the current row of stmt, for a cell of type t:
 * NULL for SQL NULL, an integer of a money column (minor units) as an exact
 * decimal written into buf.  The text lives until the next step. */
const char *crm_store_cell(struct crm_store *st, sqlite3_stmt *stmt, int c, enum crm_coltype t,
			   char buf[CRM_MONEY_BUFSZ]);

/* Streams every remaining row of stmt to out: result column first + i is
 * cols[i].  The caller still owns (and finalizes) stmt.  CRM_EFAIL "write
 * error" when out fails. */
int crm_store_stream(struct crm_store *st, sqlite3_stmt *stmt, int first,
		     const struct crm_column *cols, size_t ncols, struct crm_out *out,
		     struct crm_err *err);

/* crm_store_stream from the first result column, then finalizes stmt: the
 * end of every list function. */
int crm_store_list(struct crm_store *st, sqlite3_stmt *stmt, const struct crm_column *cols,
		   size_t ncols, struct crm_out *out, struct crm_err *err);

/* Adds every remaining row of stmt as rows of table name of rec (cols
 * describe its columns, the first result column first), then finalizes
 * stmt: the nested tables of every show. */
int crm_store_rec_table(struct crm_store *st, sqlite3_stmt *stmt, struct crm_rec *rec,
			const char *name, const struct crm_column *cols, size_t ncols,
			struct crm_err *err);

/* Resolves a record's key to its id: by_id (one parameter, the id) when key
 * is all digits, else by_code (one parameter, the key; NULL for records
 * that have no code).  CRM_ENOTFOUND "no NOUN 'KEY'" when there is none. */
int crm_store_find(struct crm_store *st, const char *by_id, const char *by_code,
		   const char *key, const char *noun, int64_t *id, struct crm_err *err);

/* Parses the date expression s ("2026-11-22", "today", "+7d" ...) on the
 * store's clock into buf as YYYY-MM-DD; s NULL leaves buf "" (an open end
 * of a period).  CRM_OK or crm_date_parse's CRM_EINVAL. */
int crm_store_date(struct crm_store *st, const char *s, char buf[CRM_DATE_BUFSZ],
		   struct crm_err *err);

/* One integer from sql with one parameter (arg): the first column of its
 * first row, 0 when it returns none.  CRM_OK or the store's error. */
int crm_store_int(struct crm_store *st, const char *sql, int64_t arg, int64_t *out,
		  struct crm_err *err);

/* Bind a named parameter (":asof") when stmt has it; a statement built
 * from optional parts may lack some.  Text NULL binds NULL. */
void crm_bind_named_text(sqlite3_stmt *stmt, const char *name, const char *text);
void crm_bind_named_int(sqlite3_stmt *stmt, const char *name, int64_t v);

/* Binds text to parameter i, as NULL when text is NULL. */
int crm_bind_text(sqlite3_stmt *stmt, int i, const char *text);

/* Reads and writes config values (table config).  get returns a malloc'd
 * copy or NULL when unset. */
char *crm_config_get(struct crm_store *st, const char *key);
int crm_config_set(struct crm_store *st, const char *key, const char *value,
		   struct crm_err *err);

#endif
