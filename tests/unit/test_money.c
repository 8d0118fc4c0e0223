/* test_money.c — exact decimal money. */
#include <stdint.h>

#include "money.h"
#include "test.h"

static void parses(const char *s, int decimals, int64_t want)
{
	struct crm_err err;
	int64_t v = -1;
	int rc = crm_money_parse(s, decimals, &v, &err);

	CHECK_INT(rc, CRM_OK, s);
	CHECK_INT(v, want, s);
}

static void refuses(const char *s, int decimals, const char *msg)
{
	struct crm_err err = {""};
	int64_t v = 0;

	CHECK_INT(crm_money_parse(s, decimals, &v, &err), CRM_EINVAL, s);
	CHECK_STR(err.msg, msg, s);
}

static void formats(int64_t v, int decimals, const char *want)
{
	char buf[CRM_MONEY_BUFSZ];

	CHECK_STR(crm_money_format(v, decimals, buf), want, want);
}

int main(void)
{
	parses("1234.50", 2, 123450);
	parses("1234.5", 2, 123450);
	parses("1234", 2, 123400);
	parses("0.01", 2, 1);
	parses(".5", 2, 50);
	parses("-3", 2, -300);
	parses("+7.25", 2, 725);
	parses("-0.05", 2, -5);
	parses("12", 0, 12);
	parses("92233720368547758.07", 2, INT64_MAX);
	parses("-92233720368547758.07", 2, -INT64_MAX);
	refuses("1.234", 2, "amount '1.234' has more than 2 decimals");
	refuses("1.5", 0, "amount '1.5' has more than 0 decimals");
	refuses("92233720368547758.08", 2, "amount '92233720368547758.08' is too large");
	refuses("99999999999999999999", 2, "amount '99999999999999999999' is too large");
	refuses("", 2, "empty amount");
	refuses("abc", 2, "'abc' is not an amount");
	refuses("1,234.50", 2, "'1,234.50' is not an amount");
	refuses("12.3.4", 2, "'12.3.4' is not an amount");
	refuses("-", 2, "'-' is not an amount");
	refuses(".", 2, "'.' is not an amount");
	refuses("1e3", 2, "'1e3' is not an amount");
	refuses(" 12", 2, "' 12' is not an amount");
	formats(123450, 2, "1234.50");
	formats(5, 2, "0.05");
	formats(-5, 2, "-0.05");
	formats(-123456, 2, "-1234.56");
	formats(0, 2, "0.00");
	formats(42, 0, "42");
	formats(INT64_MAX, 2, "92233720368547758.07");
	formats(INT64_MIN, 2, "-92233720368547758.08");
	formats(1, 3, "0.001");
	return test_done();
}
