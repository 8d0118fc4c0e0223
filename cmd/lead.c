/* lead.c — crm lead. */
#include "cmd.h"

const struct cmd lead_cmds[] = {
	{NULL, NULL, NULL},
};
