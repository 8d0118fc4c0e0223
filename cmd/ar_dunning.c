/* ar_dunning.c — stub until helper D writes crm ar dunning. */
#include "ar_dunning.h"
int ar_dunning(struct cli *cli, int argc, char **argv) { (void)argc; (void)argv; return cli_error(cli, 1, "not written yet"); }
