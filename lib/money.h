/* money.h — exact decimal money in integer minor units.
 *
 * Amounts never pass through floating point: "1234.50" is read as the
 * integer 123450 (two decimals) and written back digit by digit. */
#ifndef CRM_MONEY_H
#define CRM_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

/* Longest text crm_money_format writes, with its NUL. */
#define CRM_MONEY_BUFSZ 32

/* Parses s ("1234.50", "-3", "+0.5", "1234.5") into minor units with the
 * given number of decimals (0..6).  Rejects more fraction digits than the
 * currency has ("1.234" for two decimals), empty text, stray characters,
 * and values outside int64.  Returns CRM_OK or CRM_EINVAL with err set. */
int crm_money_parse(const char *s, int decimals, int64_t *out, struct crm_err *err);

/* Writes v as an exact decimal with `decimals` fraction digits into buf
 * (at least CRM_MONEY_BUFSZ bytes) and returns buf. */
char *crm_money_format(int64_t v, int decimals, char *buf);

#endif
