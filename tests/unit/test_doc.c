/* test_doc.c — the line arithmetic of documents (rounding half away from
 * zero on the exact quotient, large values through __int128) and the
 * parsing and formatting of quantities and rates. */
#include <stdint.h>

#include "doc.h"
#include "test.h"

static void rounds(int64_t a, int64_t b, int64_t den, int64_t want, const char *what)
{
	int64_t v = -12345;

	CHECK_INT(crm_muldiv_round(a, b, den, &v), 0, what);
	CHECK_INT(v, want, what);
}

static void qty_ok(const char *s, int64_t want)
{
	struct crm_err err;
	int64_t v = -1;

	CHECK_INT(crm_qty_parse(s, &v, &err), CRM_OK, s);
	CHECK_INT(v, want, s);
}

static void qty_bad(const char *s)
{
	struct crm_err err = {""};
	char want[200];
	int64_t v = 0;

	snprintf(want, sizeof want,
		 "quantity '%s' is not a number greater than 0 with at most 3 decimals", s);
	CHECK_INT(crm_qty_parse(s, &v, &err), CRM_EINVAL, s);
	CHECK_STR(err.msg, want, s);
}

static void rate_ok(const char *s, int64_t want)
{
	struct crm_err err;
	int64_t v = -1;

	CHECK_INT(crm_rate_parse(s, "discount", &v, &err), CRM_OK, s);
	CHECK_INT(v, want, s);
}

static void rate_bad(const char *s)
{
	struct crm_err err = {""};
	char want[200];
	int64_t v = 0;

	snprintf(want, sizeof want,
		 "tax rate '%s' is not a percentage from 0 to 100 with at most 2 decimals", s);
	CHECK_INT(crm_rate_parse(s, "tax rate", &v, &err), CRM_EINVAL, s);
	CHECK_STR(err.msg, want, s);
}

static void line(int64_t qty, int64_t price, int64_t d, int64_t t, int64_t gross,
		 int64_t discount, int64_t net, int64_t tax, const char *what)
{
	struct crm_line_amounts a = {0};
	struct crm_err err;

	CHECK_INT(crm_line_compute(qty, price, d, t, &a, &err), CRM_OK, what);
	CHECK_INT(a.gross, gross, what);
	CHECK_INT(a.discount, discount, what);
	CHECK_INT(a.net, net, what);
	CHECK_INT(a.tax, tax, what);
	CHECK_INT(a.net, a.gross - a.discount, what);
}

int main(void)
{
	char buf[CRM_MONEY_BUFSZ];
	struct crm_err err;
	struct crm_line_amounts a;
	int64_t v;

	/* ---- rounding: half away from zero on the exact quotient ---- */
	rounds(1, 1, 2, 1, "0.5 rounds up to 1");
	rounds(-1, 1, 2, -1, "-0.5 rounds down to -1");
	rounds(3, 1, 2, 2, "1.5 rounds to 2");
	rounds(5, 1, 2, 3, "2.5 rounds to 3 (not to even)");
	rounds(-5, 1, 2, -3, "-2.5 rounds to -3");
	rounds(4999, 1, 10000, 0, "0.4999 rounds to 0");
	rounds(5000, 1, 10000, 1, "0.5000 rounds to 1");
	rounds(-4999, 1, 10000, 0, "-0.4999 rounds to 0");
	rounds(-5000, 1, 10000, -1, "-0.5000 rounds to -1");
	rounds(1, 499, 1000, 0, "0.499 rounds to 0");
	rounds(1, 500, 1000, 1, "0.500 rounds to 1");
	rounds(0, 123, 1000, 0, "zero stays zero");
	rounds(7, 3, 1, 21, "a divisor of 1 is exact");
	/* 9223372036854775807 * 1000 overflows int64 but not __int128 */
	rounds(INT64_MAX, 1000, 1000, INT64_MAX, "INT64_MAX * 1000 / 1000 through __int128");
	rounds(INT64_MAX, 5, 10, INT64_C(4611686018427387904),
	       "INT64_MAX * 5 / 10 = ...903.5 rounds up");
	rounds(INT64_MIN, 1, 1, INT64_MIN, "INT64_MIN / 1");
	rounds(INT64_C(3037000500), INT64_C(3037000500), 1000, INT64_C(9223372037000250),
	       "a product beyond int64 divided back into range");
	CHECK_INT(crm_muldiv_round(INT64_MAX, 2, 1, &v), -1, "INT64_MAX * 2 does not fit");
	CHECK_INT(crm_muldiv_round(INT64_MAX, 1001, 1000, &v), -1,
		  "INT64_MAX * 1.001 does not fit");

	/* ---- lines (by hand) ---- */
	/* 2.5 x 12.50 = 31.25; 10 % = 3.125 -> 3.13; net 28.12; 19 % = 5.3428 -> 5.34 */
	line(2500, 1250, 1000, 1900, 3125, 313, 2812, 534, "2.5 x 12.50, 10 %, 19 %");
	/* 1.125 x 3.33 = 3.74625 -> 3.75; no discount; 7.5 % = 0.28125 -> 0.28 */
	line(1125, 333, 0, 750, 375, 0, 375, 28, "1.125 x 3.33, 7.5 %");
	/* 0.001 x 0.50 = 0.0005 -> 0.00 (half of a cent is 0.05 of a minor unit: 0) */
	line(1, 50, 0, 0, 0, 0, 0, 0, "0.001 x 0.50 rounds to 0");
	/* 0.001 x 5.00 = 0.005 -> 0.01 (exactly half: away from zero) */
	line(1, 500, 0, 0, 1, 0, 1, 0, "0.001 x 5.00 is half a cent: 0.01");
	/* 3 x 0.15 = 0.45; 12.25 % = 0.055125 -> 0.06; net 0.39; 19 % = 0.0741 -> 0.07 */
	line(3000, 15, 1225, 1900, 45, 6, 39, 7, "3 x 0.15, 12.25 %, 19 %");
	/* 100 % discount: nothing left, no tax */
	line(2000, 999, 10000, 1900, 1998, 1998, 0, 0, "100 % discount");
	/* 7 x 0.99 = 6.93; 33.33 % = 2.309769 -> 2.31; net 4.62; 100 % tax = 4.62 */
	line(7000, 99, 3333, 10000, 693, 231, 462, 462, "33.33 % discount, 100 % tax");
	/* a large line: 1,000,000 x 92,233,720,368.55 = 9,223,372,036,855,000,000
	 * minor units, more than INT64_MAX (...854,775,807) */
	CHECK_INT(crm_line_compute(INT64_C(1000000000), INT64_C(9223372036855), 0, 0, &a, &err),
		  CRM_EINVAL, "a line beyond int64 is refused");
	CHECK_STR(err.msg, "line amount too large", "its message");
	/* 1,000,000 x 9,000,000,000.00 = 9e17 minor units, but qty * price =
	 * 9e20 needs __int128 before the division; 0.01 % discount and tax */
	line(INT64_C(1000000000), INT64_C(900000000000), 1, 1, INT64_C(900000000000000000),
	     INT64_C(90000000000000), INT64_C(899910000000000000), INT64_C(89991000000000),
	     "a line whose product needs __int128");

	/* ---- quantities ---- */
	qty_ok("2", 2000);
	qty_ok("2.5", 2500);
	qty_ok("0.001", 1);
	qty_ok("1.125", 1125);
	qty_ok("+3", 3000);
	qty_bad("0");
	qty_bad("0.000");
	qty_bad("-1");
	qty_bad("1.2345");
	qty_bad("");
	qty_bad("abc");
	qty_bad("1,5");
	qty_bad("99999999999999999999");

	/* ---- rates ---- */
	rate_ok("19", 1900);
	rate_ok("7.5", 750);
	rate_ok("12.25", 1225);
	rate_ok("0", 0);
	rate_ok("100", 10000);
	rate_bad("100.01");
	rate_bad("101");
	rate_bad("-1");
	rate_bad("-0");
	rate_bad("1.005");
	rate_bad("x");
	rate_bad("");

	/* ---- formatting: no trailing zeros ---- */
	CHECK_STR(crm_qty_format(2500, buf), "2.5", "qty 2.5");
	CHECK_STR(crm_qty_format(3000, buf), "3", "qty 3");
	CHECK_STR(crm_qty_format(1125, buf), "1.125", "qty 1.125");
	CHECK_STR(crm_qty_format(1, buf), "0.001", "qty 0.001");
	CHECK_STR(crm_qty_format(10000, buf), "10", "qty 10 keeps its zero");
	CHECK_STR(crm_qty_format(1020, buf), "1.02", "qty 1.02");
	CHECK_STR(crm_qty_format(INT64_MAX, buf), "9223372036854775.807", "qty INT64_MAX");
	CHECK_STR(crm_rate_format(1900, buf), "19", "rate 19");
	CHECK_STR(crm_rate_format(750, buf), "7.5", "rate 7.5");
	CHECK_STR(crm_rate_format(1225, buf), "12.25", "rate 12.25");
	CHECK_STR(crm_rate_format(0, buf), "0", "rate 0");
	CHECK_STR(crm_rate_format(10000, buf), "100", "rate 100");
	return test_done();
}
