/* db.c — crm db: init, check, backup, migrate. */
#include <stdio.h>

#include "cmd.h"

static int db_init(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm db init",
		"Creates the database (and its directory) if it does not exist yet.", NULL};
	int rc = cli_args(cli, argc, argv, usage, 0);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = cli_store(cli)) != CRM_OK)
		return rc;
	printf("%s\n", cli->db_path);
	cli_note(cli, "database ready, schema version %d", crm_store_version(cli->st));
	return 0;
}

static void print_problem(void *arg, const char *problem)
{
	(void)arg;
	printf("%s\n", problem);
}

static int db_check(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm db check",
		"Checks the database's integrity and foreign keys; prints each problem.", NULL};
	struct crm_err err;
	int rc = cli_args(cli, argc, argv, usage, 0), problems;

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = cli_store(cli)) != CRM_OK)
		return rc;
	if ((rc = crm_store_check(cli->st, print_problem, NULL, &problems, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	if (problems)
		return cli_error(cli, CRM_EFAIL, "%d problem%s found in %s", problems,
				 problems == 1 ? "" : "s", cli->db_path);
	cli_note(cli, "ok: %s", cli->db_path);
	return 0;
}

static int db_backup(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm db backup FILE",
		"Copies the live database to FILE (which must not exist) with SQLite's online "
		"backup.", NULL};
	struct crm_err err;
	int rc = cli_args(cli, argc, argv, usage, 1);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = cli_store(cli)) != CRM_OK)
		return rc;
	if ((rc = crm_store_backup(cli->st, argv[optind], &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	cli_note(cli, "backed up %s to %s", cli->db_path, argv[optind]);
	return 0;
}

static int db_migrate(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm db migrate",
		"Brings an older database's schema up to this crm's version.", NULL};
	struct crm_err err;
	int rc = cli_args(cli, argc, argv, usage, 0), from;

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	cli->open_flags = CRM_OPEN_NOMIGRATE;
	if ((rc = cli_store(cli)) != CRM_OK)
		return rc;
	if ((rc = crm_store_migrate(cli->st, &from, &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	if (from == CRM_SCHEMA_VERSION)
		cli_note(cli, "schema is up to date (version %d)", from);
	else
		cli_note(cli, "migrated schema from version %d to %d", from, CRM_SCHEMA_VERSION);
	return 0;
}

const struct cmd db_cmds[] = {
	{"init", db_init, "create the database if it does not exist"},
	{"check", db_check, "check integrity and foreign keys"},
	{"backup", db_backup, "copy the live database to a file"},
	{"migrate", db_migrate, "bring an older schema up to date"},
	{NULL, NULL, NULL},
};
