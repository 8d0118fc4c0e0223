/* rma.c — crm rma: written by its helper. */
#include "cmd.h"

static int rma_todo(struct cli *cli, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_error(cli, 1, "not written yet");
}

const struct cmd rma_cmds[] = {
	{"list", rma_todo, "not written yet"},
	{NULL, NULL, NULL},
};
