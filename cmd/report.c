/* report.c — crm report. */
#include "cmd.h"

const struct cmd report_cmds[] = {
	{NULL, NULL, NULL},
};
