/* case.c — crm case: written by its helper. */
#include "cmd.h"

static int case_todo(struct cli *cli, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_error(cli, 1, "not written yet");
}

const struct cmd case_cmds[] = {
	{"list", case_todo, "not written yet"},
	{NULL, NULL, NULL},
};
