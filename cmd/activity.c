/* activity.c — crm activity. */
#include "cmd.h"

const struct cmd activity_cmds[] = {
	{NULL, NULL, NULL},
};
