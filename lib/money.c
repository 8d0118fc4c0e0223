/* money.c — exact decimal money in integer minor units. */
#include <stdint.h>
#include <string.h>

#include "money.h"


/* Accumulates one digit into *acc (non-negative), refusing int64 overflow. */
static int add_digit(int64_t *acc, int digit)
{
	if (*acc > (INT64_MAX - digit) / 10)
		return -1;
	*acc = *acc * 10 + digit;
	return 0;
}

int crm_money_parse(const char *s, int decimals, int64_t *out, struct crm_err *err)
{
	const char *p = s;
	int64_t v = 0;
	int neg = 0, ndigits = 0, nfrac = 0;

	if (!s || !*s)
		return crm_fail(err, CRM_EINVAL, "empty amount");
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	for (; *p >= '0' && *p <= '9'; p++, ndigits++)
		if (add_digit(&v, *p - '0'))
			return crm_fail(err, CRM_EINVAL, "amount '%s' is too large", s);
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++, nfrac++) {
			if (nfrac >= decimals)
				return crm_fail(err, CRM_EINVAL,
						"amount '%s' has more than %d decimal%s", s,
						decimals, decimals == 1 ? "" : "s");
			if (add_digit(&v, *p - '0'))
				return crm_fail(err, CRM_EINVAL, "amount '%s' is too large", s);
		}
		if (nfrac == 0 && ndigits == 0)
			return crm_fail(err, CRM_EINVAL, "'%s' is not an amount", s);
	}
	if (*p || ndigits + nfrac == 0)
		return crm_fail(err, CRM_EINVAL, "'%s' is not an amount", s);
	for (; nfrac < decimals; nfrac++)
		if (v > INT64_MAX / 10)
			return crm_fail(err, CRM_EINVAL, "amount '%s' is too large", s);
		else
			v *= 10;
	*out = neg ? -v : v;
	return CRM_OK;
}

char *crm_money_format(int64_t v, int decimals, char *buf)
{
	char digits[CRM_MONEY_BUFSZ];
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	int n = 0, i, o = 0;

	do {
		digits[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	while (n <= decimals)
		digits[n++] = '0';
	if (v < 0)
		buf[o++] = '-';
	for (i = n - 1; i >= decimals; i--)
		buf[o++] = digits[i];
	if (decimals > 0) {
		buf[o++] = '.';
		for (; i >= 0; i--)
			buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}
