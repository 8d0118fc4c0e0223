/* agenda.c — crm agenda. */
#include "cmd.h"

int agenda_run(struct cli *cli, int argc, char **argv)
{
	return cli_error(cli, CRM_EFAIL, "not yet");
}
