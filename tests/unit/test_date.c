/* test_date.c — ISO dates, date expressions and the clock. */
#include <stdlib.h>

#include "date.h"
#include "test.h"

static crm_day iso(const char *s)
{
	crm_day d = 0;

	crm_date_parse_iso(s, &d, NULL);
	return d;
}

static void expr(const char *s, const char *today, const char *want)
{
	char buf[CRM_DATE_BUFSZ];
	struct crm_err err = {""};
	crm_day d = 0;
	int rc = crm_date_parse(s, iso(today), &d, &err);

	CHECK_INT(rc, CRM_OK, s);
	CHECK_STR(crm_date_format(d, buf), want, s);
}

static void bad(const char *s, const char *msg)
{
	struct crm_err err = {""};
	crm_day d;

	CHECK_INT(crm_date_parse(s, 0, &d, &err), CRM_EINVAL, s);
	CHECK_STR(err.msg, msg, s);
}

int main(void)
{
	char buf[CRM_TIME_BUFSZ];
	struct crm_clock clock;
	struct crm_err err = {""};

	/* weekdays, before and after the epoch (a Thursday) */
	CHECK_STR(crm_weekday(0), "Thursday", "1970-01-01");
	CHECK_STR(crm_weekday(-1), "Wednesday", "1969-12-31");
	CHECK_STR(crm_weekday(-7), "Thursday", "1969-12-25");
	CHECK_STR(crm_weekday(iso("2026-11-22")), "Sunday", "2026-11-22");
	CHECK_STR(crm_weekday(iso("2026-11-23")), "Monday", "2026-11-23");
	CHECK_STR(crm_weekday(iso("2000-02-29")), "Tuesday", "2000-02-29");
	CHECK_STR(crm_weekday(iso("1900-01-01")), "Monday", "1900-01-01");

	CHECK_INT(iso("1970-01-01"), 0, "epoch is day 0");
	CHECK_INT(iso("2000-03-01") - iso("2000-02-28"), 2, "2000 is a leap year");
	CHECK_INT(iso("1900-03-01") - iso("1900-02-28"), 1, "1900 is not");
	CHECK_INT(iso("1969-12-31"), -1, "days before the epoch are negative");
	expr("2026-11-22", "2026-01-01", "2026-11-22");
	expr("today", "2026-11-22", "2026-11-22");
	expr("tomorrow", "2026-12-31", "2027-01-01");
	expr("yesterday", "2026-03-01", "2026-02-28");
	expr("+7d", "2026-11-22", "2026-11-29");
	expr("-2w", "2026-11-22", "2026-11-08");
	expr("+3", "2026-11-22", "2026-11-25");
	expr("+1m", "2026-01-31", "2026-02-28");
	expr("+1m", "2028-01-31", "2028-02-29");
	expr("-1m", "2026-03-31", "2026-02-28");
	expr("+13m", "2026-11-30", "2027-12-30");
	expr("+1y", "2028-02-29", "2029-02-28");
	expr("-12m", "2026-01-15", "2025-01-15");
	bad("2026-02-30", "'2026-02-30' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)");
	bad("2026-13-01", "'2026-13-01' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)");
	bad("22.11.2026", "'22.11.2026' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)");
	bad("+7x", "'+7x' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)");
	bad("+d", "'+d' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)");
	bad("2026-11-22x", "'2026-11-22x' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)");
	bad("", "empty date");
	CHECK_INT(crm_time_parse("2026-11-22 09:30", buf, &err), CRM_OK, "time without seconds");
	CHECK_STR(buf, "2026-11-22T09:30:00", "time is canonical");
	CHECK_INT(crm_time_parse("2026-11-22T24:00:00", buf, &err), CRM_EINVAL, "hour 24 refused");

	/* The clock ignores the time zone when it is fixed. */
	setenv("TZ", "Pacific/Kiritimati", 1);
	setenv("CRM_NOW", "2026-11-22T23:59:59", 1);
	unsetenv("CRM_TODAY");
	CHECK_INT(crm_clock_init(&clock, NULL, &err), CRM_OK, "clock from CRM_NOW");
	CHECK_STR(clock.now, "2026-11-22T23:59:59", "now from CRM_NOW");
	CHECK_STR(crm_date_format(clock.today, buf), "2026-11-22", "today from CRM_NOW");
	unsetenv("CRM_NOW");
	setenv("CRM_TODAY", "2026-02-01", 1);
	CHECK_INT(crm_clock_init(&clock, NULL, &err), CRM_OK, "clock from CRM_TODAY");
	CHECK_STR(clock.now, "2026-02-01T00:00:00", "now at midnight of CRM_TODAY");
	CHECK_INT(crm_clock_init(&clock, "2026-05-05", &err), CRM_OK, "--today wins");
	CHECK_STR(crm_date_format(clock.today, buf), "2026-05-05", "today from --today");
	setenv("CRM_NOW", "soon", 1);
	CHECK_INT(crm_clock_init(&clock, NULL, &err), CRM_EINVAL, "bad CRM_NOW refused");
	CHECK_STR(err.msg, "CRM_NOW 'soon' is not a time (YYYY-MM-DDTHH:MM:SS)", "names the value");

	/* times of day */
	CHECK_INT(crm_clock_minutes("00:00", 0), 0, "midnight");
	CHECK_INT(crm_clock_minutes("23:59", 0), 1439, "a minute to midnight");
	CHECK_INT(crm_clock_minutes("09:30-17:00", 0), 570, "the first five characters");
	CHECK_INT(crm_clock_minutes("24:00", 0), -1, "24:00 is no time of day");
	CHECK_INT(crm_clock_minutes("24:00", 1), 1440, "but ends a working day");
	CHECK_INT(crm_clock_minutes("24:01", 1), -1, "24:01");
	CHECK_INT(crm_clock_minutes("12:60", 0), -1, "12:60");
	CHECK_INT(crm_clock_minutes("9:30", 0), -1, "one digit");
	CHECK_INT(crm_time_of_day_check("09:30", &err), CRM_OK, "09:30");
	CHECK_INT(crm_time_of_day_check("09:30:00", &err), CRM_EINVAL, "seconds");
	CHECK_STR(err.msg, "'09:30:00' is not a time of day (HH:MM)", "names the value");
	return test_done();
}
