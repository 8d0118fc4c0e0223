/* ar_parts.h — the receivables report verbs (cmd/ar_reports.c), until they
 * move into cmd/ar.c. */
#ifndef CRM_AR_PARTS_H
#define CRM_AR_PARTS_H
#include "cmd.h"
int ar_aging(struct cli *cli, int argc, char **argv);
int ar_open(struct cli *cli, int argc, char **argv);
int ar_statement(struct cli *cli, int argc, char **argv);
int ar_credit(struct cli *cli, int argc, char **argv);
int ar_concentration(struct cli *cli, int argc, char **argv);
#endif
