/* visit.c — crm visit: written by its helper. */
#include "cmd.h"

static int visit_todo(struct cli *cli, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_error(cli, 1, "not written yet");
}

const struct cmd visit_cmds[] = {
	{"list", visit_todo, "not written yet"},
	{NULL, NULL, NULL},
};
