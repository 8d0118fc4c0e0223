/* ar.c — crm ar: receipts and their settlement, refunds, reversals and
 * write-offs, ageing, open items, statements, dunning, credit control. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ar.h"
#include "ar_dunning.h"
#include "ar_parts.h"
#include "cmd.h"

static int ar_todo(struct cli *cli, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_error(cli, 1, "not written yet");
}
#define ar_receipt ar_todo
#define ar_apply ar_todo
#define ar_reverse ar_todo
#define ar_writeoff ar_todo
#define ar_refund ar_todo
#define ar_receipts ar_todo

const struct cmd ar_cmds[] = {
	{"receipt", ar_receipt, "record a receipt and settle invoices with it (or import them)"},
	{"apply", ar_apply, "settle open invoices with a customer's unapplied credit"},
	{"reverse", ar_reverse, "reverse a receipt or refund (a bounced payment)"},
	{"writeoff", ar_writeoff, "write off what is left open on an invoice"},
	{"refund", ar_refund, "pay a customer's unapplied credit back"},
	{"receipts", ar_receipts, "list receipts and refunds, or their totals by method, clerk, month"},
	{"open", ar_open, "open invoices and unapplied credit, item by item"},
	{"aging", ar_aging, "who owes what and for how long, as of any day"},
	{"statement", ar_statement, "a customer's account: opening balance, movements, running balance"},
	{"dunning", ar_dunning, "send overdue customers the letter of the level they reached"},
	{"credit", ar_credit, "customers over their credit limit"},
	{"concentration", ar_concentration, "each customer's share of receivables, the 80/20 line"},
	{NULL, NULL, NULL},
};
