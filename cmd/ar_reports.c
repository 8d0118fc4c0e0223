/* ar_reports.c — stubs until helper R writes the report verbs. */
#include "ar_parts.h"
static int todo(struct cli *cli) { return cli_error(cli, 1, "not written yet"); }
int ar_aging(struct cli *cli, int argc, char **argv) { (void)argc; (void)argv; return todo(cli); }
int ar_open(struct cli *cli, int argc, char **argv) { (void)argc; (void)argv; return todo(cli); }
int ar_statement(struct cli *cli, int argc, char **argv) { (void)argc; (void)argv; return todo(cli); }
int ar_credit(struct cli *cli, int argc, char **argv) { (void)argc; (void)argv; return todo(cli); }
int ar_concentration(struct cli *cli, int argc, char **argv) { (void)argc; (void)argv; return todo(cli); }
