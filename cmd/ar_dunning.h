/* ar_dunning.h — crm ar dunning (cmd/ar_dunning.c), until it moves into
 * cmd/ar.c. */
#ifndef CRM_AR_DUNNING_H
#define CRM_AR_DUNNING_H
#include "cmd.h"
int ar_dunning(struct cli *cli, int argc, char **argv);
#endif
