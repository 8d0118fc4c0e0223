/* config.c — crm config: get, set, unset, list, keys. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "config.h"

static int config_get(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm config get KEY",
		"Prints a setting: its stored value, else its default (exit 3 when it has neither).",
		NULL};
	char *value;
	int rc = cli_args(cli, argc, argv, usage, 1);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	/* an unknown key is a typo, not an unset value */
	if (!crm_config_known(argv[optind]))
		return cli_error(cli, CRM_EINVAL, "unknown setting '%s' (see 'crm config keys')",
				 argv[optind]);
	if ((rc = cli_store(cli)) != CRM_OK)
		return rc;
	if (!(value = crm_config_value(cli->st, argv[optind])))
		return cli_error(cli, CRM_ENOTFOUND, "'%s' is not set", argv[optind]);
	printf("%s\n", value);
	free(value);
	return 0;
}

static int config_set(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm config set KEY VALUE",
		"Stores a setting; 'crm config keys' lists the keys and what they take.", NULL};
	struct crm_err err;
	int rc = cli_args(cli, argc, argv, usage, 2);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = cli_store(cli)) != CRM_OK)
		return rc;
	if ((rc = crm_config_put(cli->st, argv[optind], argv[optind + 1], &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

static int config_unset(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm config unset KEY",
		"Removes a setting, so that its default applies again.", NULL};
	struct crm_err err;
	int rc = cli_args(cli, argc, argv, usage, 1);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = cli_store(cli)) != CRM_OK)
		return rc;
	if ((rc = crm_config_unset(cli->st, argv[optind], &err)) != CRM_OK)
		return cli_fail(cli, rc, &err);
	return 0;
}

static int config_list(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm config list [PREFIX]",
		"Lists the stored settings (those whose key starts with PREFIX).", NULL};
	struct crm_out *out;
	struct crm_err err;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", NULL)) != -1)
		return cli_usage(usage, c != 'h');
	if (argc - optind > 1)
		return cli_usage(usage, 1);
	if ((rc = cli_store(cli)) ||
	    (rc = cli_out_open(cli, &out, crm_config_columns, crm_config_ncolumns, NULL)))
		return rc;
	if ((rc = crm_config_list(cli->st, argc > optind ? argv[optind] : NULL, out, &err)))
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

static int config_keys(struct cli *cli, int argc, char **argv)
{
	static const char *const usage[] = {"crm config keys",
		"Lists every setting crm knows, with its default and what it does;",
		"'*' stands for a name (a stage, a tier, a rep).", NULL};
	struct crm_out *out;
	struct crm_err err;
	int rc = cli_args(cli, argc, argv, usage, 0);

	if (rc)
		return rc == CLI_DONE ? 0 : rc;
	if ((rc = cli_out_open(cli, &out, crm_config_key_columns, crm_config_key_ncolumns, NULL)))
		return rc;
	if ((rc = crm_config_keys(out, &err)))
		cli_fail(cli, rc, &err);
	return cli_out_close(cli, out, rc);
}

const struct cmd config_cmds[] = {
	{"get", config_get, "print a setting"},
	{"set", config_set, "change a setting"},
	{"unset", config_unset, "remove a setting, back to its default"},
	{"list", config_list, "list the stored settings"},
	{"keys", config_keys, "list every setting crm knows"},
	{NULL, NULL, NULL},
};
