/* task.c — crm task. */
#include "cmd.h"

const struct cmd task_cmds[] = {
	{NULL, NULL, NULL},
};
