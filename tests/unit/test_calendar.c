/* test_calendar.c — working days, hours, holidays and pauses.  The calendar
 * is Monday to Friday, 09:00-17:00, with Christmas Day 2026 (a Friday) off.
 * 2026-11-22 is a Sunday, 2026-11-23 a Monday. */
#include "calendar.h"
#include "test.h"

static struct crm_calendar cal;

static int64_t t(const char *s)
{
	int64_t v = 0;

	crm_cal_time(s, &v, NULL);
	return v;
}

static void add(const char *from, long hours_x60, const char *want, const char *what)
{
	char buf[CRM_TIME_BUFSZ];

	CHECK_STR(crm_cal_format(crm_cal_add(&cal, t(from), hours_x60 * 60), buf), want, what);
}

static void between(const char *a, const char *b, long minutes, const char *what)
{
	CHECK_INT(crm_cal_between(&cal, t(a), t(b)), minutes * 60, what);
}

static void bad(int rc, const char *msg, const char *want)
{
	CHECK_INT(rc, CRM_EINVAL, want);
	CHECK_STR(msg, want, want);
}

int main(void)
{
	struct crm_err err = {""};
	struct crm_calendar c2;
	struct crm_cal_pause p[2];
	char buf[CRM_TIME_BUFSZ];
	unsigned mask;
	int64_t guard;
	int s, e;

	CHECK_INT(crm_cal_parse_days("mon,tue,wed,thu,fri", &cal.days, &err), CRM_OK, "days");
	CHECK_INT(cal.days, 0x1f, "mon..fri is bits 0-4");
	CHECK_INT(crm_cal_parse_hours("09:00-17:00", &cal.start, &cal.end, &err), CRM_OK, "hours");
	CHECK_INT(cal.start, 9 * 3600, "start");
	CHECK_INT(cal.end, 17 * 3600, "end");
	CHECK_INT(crm_cal_parse_holidays("2026-12-25", &cal, &err), CRM_OK, "holidays");
	CHECK_INT(cal.nholidays, 1, "one holiday");

	/* parsing refuses */
	bad(crm_cal_parse_days("mon,mon", &mask, &err), err.msg,
	    "'mon' is not a weekday (mon,tue,...,sun; each once)");
	bad(crm_cal_parse_days("monday", &mask, &err), err.msg,
	    "'monday' is not a weekday (mon,tue,...,sun; each once)");
	bad(crm_cal_parse_days("", &mask, &err), err.msg, "no working days in ''");
	bad(crm_cal_parse_days("mon,", &mask, &err), err.msg, "'mon,' ends with a comma");
	CHECK_INT(crm_cal_parse_days("sun,sat", &mask, &err), CRM_OK, "weekend days");
	CHECK_INT(mask, 0x60, "sat and sun are bits 5 and 6");
	bad(crm_cal_parse_hours("17:00-09:00", &s, &e, &err), err.msg,
	    "'17:00-09:00' is not working hours (such as 09:00-17:00)");
	bad(crm_cal_parse_hours("9:00-17:00", &s, &e, &err), err.msg,
	    "'9:00-17:00' is not working hours (such as 09:00-17:00)");
	bad(crm_cal_parse_hours("09:00-24:01", &s, &e, &err), err.msg,
	    "'09:00-24:01' is not working hours (such as 09:00-17:00)");
	CHECK_INT(crm_cal_parse_hours("00:00-24:00", &s, &e, &err), CRM_OK, "all day");
	CHECK_INT(e, 86400, "24:00 ends the day");
	bad(crm_cal_parse_holidays("2026-02-30", &c2, &err), err.msg,
	    "'2026-02-30' is not a date (YYYY-MM-DD)");
	CHECK_INT(crm_cal_parse_holidays("", &c2, &err), CRM_OK, "no holidays");
	CHECK_INT(c2.nholidays, 0, "none");

	/* time text round trip, before the epoch too */
	CHECK_STR(crm_cal_format(t("2026-11-22T09:30:00"), buf), "2026-11-22T09:30:00", "round trip");
	CHECK_STR(crm_cal_format(t("1969-12-31T23:59:59"), buf), "1969-12-31T23:59:59",
		  "before the epoch");
	CHECK_INT(crm_cal_time("2026-11-22 09:30", &guard, NULL), CRM_EINVAL, "not canonical");

	CHECK(crm_cal_is_working_day(&cal, (crm_day)(t("2026-11-23T00:00:00") / 86400)), "monday works");
	CHECK(!crm_cal_is_working_day(&cal, (crm_day)(t("2026-11-22T00:00:00") / 86400)), "sunday off");
	CHECK(!crm_cal_is_working_day(&cal, (crm_day)(t("2026-12-25T00:00:00") / 86400)), "holiday off");

	/* add: within a day, across a night, a weekend, a holiday */
	add("2026-11-23T09:30:00", 60, "2026-11-23T10:30:00", "one hour on a monday morning");
	add("2026-11-23T16:00:00", 60, "2026-11-23T17:00:00", "ending at closing time stays that day");
	add("2026-11-23T16:00:00", 61, "2026-11-24T09:01:00", "one minute more is the next morning");
	add("2026-11-23T18:00:00", 480, "2026-11-24T17:00:00", "from the evening: the next whole day");
	add("2026-11-23T07:00:00", 30, "2026-11-23T09:30:00", "before opening: counts from 09:00");
	add("2026-11-22T09:30:00", 60, "2026-11-23T10:00:00", "from a sunday: monday morning");
	add("2026-11-27T16:00:00", 240, "2026-11-30T12:00:00", "friday 1h, monday 3h");
	add("2026-11-21T12:00:00", 480, "2026-11-23T17:00:00", "saturday noon: all of monday");
	add("2026-12-24T15:00:00", 240, "2026-12-28T11:00:00",
	    "thursday 2h, christmas friday and the weekend off, monday 2h");
	add("2026-11-23T10:00:00", 40 * 60, "2026-11-30T10:00:00", "40 hours is one working week");
	add("2026-11-23T10:00:00", 0, "2026-11-23T10:00:00", "zero is the start itself");
	add("2026-11-22T10:00:00", 0, "2026-11-22T10:00:00", "zero on a sunday too");

	/* between */
	between("2026-11-23T09:30:00", "2026-11-23T10:30:00", 60, "one hour");
	between("2026-11-23T08:00:00", "2026-11-23T18:00:00", 480, "a whole day, not the edges");
	between("2026-11-23T16:00:00", "2026-11-24T10:00:00", 120, "across a night");
	between("2026-11-27T16:00:00", "2026-11-30T12:00:00", 240, "across a weekend");
	between("2026-12-24T15:00:00", "2026-12-28T11:00:00", 240, "across a holiday");
	between("2026-11-22T10:00:00", "2026-11-22T12:00:00", 0, "sunday counts nothing");
	between("2026-11-24T10:00:00", "2026-11-23T10:00:00", 0, "backwards is zero");
	between("2026-11-23T09:00:00", "2026-12-07T09:00:00", 80 * 60, "two weeks");

	/* deadlines with pauses: 8 working hours from monday 10:00 is tuesday 10:00 */
	CHECK_STR(crm_cal_format(crm_cal_deadline(&cal, t("2026-11-23T10:00:00"), 8 * 3600, NULL, 0,
						  0), buf),
		  "2026-11-24T10:00:00", "no pause");
	/* paused monday 12:00-15:00 (3h): 3h later, tuesday 13:00 */
	p[0].from = t("2026-11-23T12:00:00");
	p[0].to = t("2026-11-23T15:00:00");
	CHECK_STR(crm_cal_format(crm_cal_deadline(&cal, t("2026-11-23T10:00:00"), 8 * 3600, p, 1, 0),
				 buf),
		  "2026-11-24T13:00:00", "a 3h pause moves the deadline 3h");
	/* paused monday 16:00 to wednesday 10:00: 1h of monday ran before it
	 * (10:00-16:00 is 6h), 2h remain from wednesday 10:00 */
	p[0].from = t("2026-11-23T16:00:00");
	p[0].to = t("2026-11-25T10:00:00");
	CHECK_STR(crm_cal_format(crm_cal_deadline(&cal, t("2026-11-23T10:00:00"), 8 * 3600, p, 1, 0),
				 buf),
		  "2026-11-25T12:00:00", "a pause over a night");
	/* a pause over a weekend, friday 15:00 to monday 11:00, from friday 10:00 */
	p[0].from = t("2026-11-27T15:00:00");
	p[0].to = t("2026-11-30T11:00:00");
	CHECK_STR(crm_cal_format(crm_cal_deadline(&cal, t("2026-11-27T10:00:00"), 8 * 3600, p, 1, 0),
				 buf),
		  "2026-11-30T14:00:00", "a pause over a weekend: 5h friday, 3h from 11:00");
	/* a pause still lasting ends now */
	p[0].from = t("2026-11-23T12:00:00");
	p[0].to = -1;
	CHECK_STR(crm_cal_format(crm_cal_deadline(&cal, t("2026-11-23T10:00:00"), 8 * 3600, p, 1,
						  t("2026-11-23T14:00:00")), buf),
		  "2026-11-24T12:00:00", "an open pause moves the deadline with now");
	/* a pause after the clock ran out moves nothing */
	p[0].from = t("2026-11-24T12:00:00");
	p[0].to = t("2026-11-25T12:00:00");
	CHECK_STR(crm_cal_format(crm_cal_deadline(&cal, t("2026-11-23T10:00:00"), 8 * 3600, p, 1, 0),
				 buf),
		  "2026-11-24T10:00:00", "a late pause changes nothing");
	/* two pauses: 11-12 and 13-14 monday */
	p[0].from = t("2026-11-23T11:00:00");
	p[0].to = t("2026-11-23T12:00:00");
	p[1].from = t("2026-11-23T13:00:00");
	p[1].to = t("2026-11-23T14:00:00");
	CHECK_STR(crm_cal_format(crm_cal_deadline(&cal, t("2026-11-23T10:00:00"), 8 * 3600, p, 2, 0),
				 buf),
		  "2026-11-24T12:00:00", "two pauses add up");
	CHECK_INT(crm_cal_elapsed(&cal, t("2026-11-23T10:00:00"), t("2026-11-23T17:00:00"), p, 2),
		  5 * 3600, "elapsed leaves the pauses out");
	CHECK_INT(crm_cal_elapsed(&cal, t("2026-11-23T10:00:00"), t("2026-11-23T13:30:00"), p, 2),
		  2 * 3600, "elapsed ending inside the second pause: 10-11 and 12-13");
	CHECK_INT(crm_cal_elapsed(&cal, t("2026-11-23T10:00:00"), t("2026-11-23T11:30:00"), p, 2),
		  3600, "elapsed ending inside a pause");
	p[1].to = -1;
	CHECK_INT(crm_cal_elapsed(&cal, t("2026-11-23T10:00:00"), t("2026-11-24T17:00:00"), p, 2),
		  2 * 3600, "a lasting pause stops the clock");

	/* a calendar without any working time left gives up */
	c2 = cal;
	c2.days = 1; /* mondays only */
	c2.nholidays = 0;
	CHECK_STR(crm_cal_format(crm_cal_add(&c2, t("2026-11-24T10:00:00"), 3600), buf),
		  "2026-11-30T10:00:00", "mondays only: next monday");
	return test_done();
}
