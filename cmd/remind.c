/* remind.c — crm remind. */
#include "cmd.h"

int remind_run(struct cli *cli, int argc, char **argv)
{
	return cli_error(cli, CRM_EFAIL, "not yet");
}
