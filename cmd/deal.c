/* deal.c — crm deal. */
#include "cmd.h"

const struct cmd deal_cmds[] = {
	{NULL, NULL, NULL},
};
