/* survey.c — crm survey: written by its helper. */
#include "cmd.h"

static int survey_todo(struct cli *cli, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_error(cli, 1, "not written yet");
}

const struct cmd survey_cmds[] = {
	{"list", survey_todo, "not written yet"},
	{NULL, NULL, NULL},
};
