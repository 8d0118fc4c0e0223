/* date.c — civil dates as day numbers (Howard Hinnant's algorithms), user
 * date expressions, and the crm clock. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"

crm_day crm_day_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (crm_day)(era * 146097 + doe - 719468);
}

void crm_day_to_civil(crm_day day, int *y, int *m, int *d)
{
	int z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int crm_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Reads exactly n digits at s into *v. */
static int read_digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

/* Parses "YYYY-MM-DD" at the start of s; returns the length read or -1. */
static int scan_iso_date(const char *s, int *y, int *m, int *d)
{
	if (read_digits(s, 4, y) || s[4] != '-' || read_digits(s + 5, 2, m) || s[7] != '-' ||
	    read_digits(s + 8, 2, d))
		return -1;
	if (*y < 1 || *m < 1 || *m > 12 || *d < 1 || *d > crm_days_in_month(*y, *m))
		return -1;
	return 10;
}

int crm_date_parse_iso(const char *s, crm_day *out, struct crm_err *err)
{
	int y, m, d;

	if (!s || scan_iso_date(s, &y, &m, &d) != 10 || s[10] != '\0')
		return crm_fail(err, CRM_EINVAL, "'%s' is not a date (YYYY-MM-DD)", s ? s : "");
	*out = crm_day_from_civil(y, m, d);
	return CRM_OK;
}

const char *crm_weekday(crm_day day)
{
	static const char *const names[] = {"Thursday", "Friday", "Saturday", "Sunday",
					    "Monday", "Tuesday", "Wednesday"};

	/* day 0, 1970-01-01, was a Thursday */
	return names[((day % 7) + 7) % 7];
}

crm_day crm_day_add_months(crm_day day, int n)
{
	int y, m, d, months;

	crm_day_to_civil(day, &y, &m, &d);
	months = y * 12 + (m - 1) + n;
	y = months / 12;
	m = months % 12 + 1;
	if (d > crm_days_in_month(y, m))
		d = crm_days_in_month(y, m);
	return crm_day_from_civil(y, m, d);
}

/* "+7d", "-2w", "+1m", "+1y", "+3": an offset from today. */
static int parse_offset(const char *s, crm_day today, crm_day *out)
{
	char *end;
	long n;

	if (s[0] != '+' && s[0] != '-')
		return -1;
	if (s[1] < '0' || s[1] > '9')
		return -1;
	n = strtol(s, &end, 10);
	if (n > 100000 || n < -100000)
		return -1;
	if (*end && end[1])
		return -1;
	switch (*end) {
	case '\0':
	case 'd': *out = today + (crm_day)n; break;
	case 'w': *out = today + (crm_day)(7 * n); break;
	case 'm': *out = crm_day_add_months(today, (int)n); break;
	case 'y': *out = crm_day_add_months(today, (int)(12 * n)); break;
	default: return -1;
	}
	return 0;
}

int crm_date_parse(const char *s, crm_day today, crm_day *out, struct crm_err *err)
{
	if (!s || !*s)
		return crm_fail(err, CRM_EINVAL, "empty date");
	if (strcmp(s, "today") == 0)
		*out = today;
	else if (strcmp(s, "tomorrow") == 0)
		*out = today + 1;
	else if (strcmp(s, "yesterday") == 0)
		*out = today - 1;
	else if (parse_offset(s, today, out) == 0)
		;
	else if (crm_date_parse_iso(s, out, NULL) != CRM_OK)
		return crm_fail(err, CRM_EINVAL,
				"'%s' is not a date (YYYY-MM-DD, today, tomorrow, +7d, -2w, +1m)", s);
	return CRM_OK;
}

/* Writes v as exactly `width` digits (the date parts are always in range). */
static char *put_digits(char *p, int v, int width)
{
	for (int i = width - 1; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + v % 10);
	return p + width;
}

/* "YYYY-MM-DD", then "THH:MM:SS" when with_time. */
static void format_stamp(char *buf, int y, int m, int d, int with_time, int hh, int mm, int ss)
{
	char *p = put_digits(buf, y, 4);

	*p++ = '-';
	p = put_digits(p, m, 2);
	*p++ = '-';
	p = put_digits(p, d, 2);
	if (with_time) {
		*p++ = 'T';
		p = put_digits(p, hh, 2);
		*p++ = ':';
		p = put_digits(p, mm, 2);
		*p++ = ':';
		p = put_digits(p, ss, 2);
	}
	*p = '\0';
}

char *crm_date_format(crm_day day, char *buf)
{
	int y, m, d;

	crm_day_to_civil(day, &y, &m, &d);
	format_stamp(buf, y % 10000, m, d, 0, 0, 0, 0);
	return buf;
}

int crm_time_parse(const char *s, char buf[CRM_TIME_BUFSZ], struct crm_err *err)
{
	int y, m, d, hh, mm, ss = 0;

	if (!s || scan_iso_date(s, &y, &m, &d) != 10 || (s[10] != 'T' && s[10] != ' ') ||
	    read_digits(s + 11, 2, &hh) || s[13] != ':' || read_digits(s + 14, 2, &mm))
		goto bad;
	if (s[16] == ':') {
		if (read_digits(s + 17, 2, &ss) || s[19] != '\0')
			goto bad;
	} else if (s[16] != '\0') {
		goto bad;
	}
	if (hh > 23 || mm > 59 || ss > 59)
		goto bad;
	format_stamp(buf, y, m, d, 1, hh, mm, ss);
	return CRM_OK;
bad:
	return crm_fail(err, CRM_EINVAL, "'%s' is not a time (YYYY-MM-DDTHH:MM[:SS])", s ? s : "");
}

int crm_clock_init(struct crm_clock *clock, const char *today_text, struct crm_err *err)
{
	const char *now_env = getenv("CRM_NOW");
	time_t t = time(NULL);
	struct tm tm;
	char day[CRM_DATE_BUFSZ];
	crm_day wall;
	int rc;

	localtime_r(&t, &tm);
	wall = crm_day_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	if (!today_text || !*today_text)
		today_text = getenv("CRM_TODAY");
	if (now_env && *now_env) {
		if (crm_time_parse(now_env, clock->now, NULL) != CRM_OK)
			return crm_fail(err, CRM_EINVAL,
					"CRM_NOW '%s' is not a time (YYYY-MM-DDTHH:MM:SS)", now_env);
		memcpy(day, clock->now, 10);
		day[10] = '\0';
		crm_date_parse_iso(day, &clock->today, NULL);
	} else {
		format_stamp(clock->now, (tm.tm_year + 1900) % 10000, tm.tm_mon + 1, tm.tm_mday, 1,
			     tm.tm_hour, tm.tm_min, tm.tm_sec % 60);
		clock->today = wall;
	}
	if (today_text && *today_text) {
		if ((rc = crm_date_parse(today_text, wall, &clock->today, err)) != CRM_OK)
			return rc;
		if (!(now_env && *now_env)) {
			crm_date_format(clock->today, clock->now);
			strcpy(clock->now + 10, "T00:00:00");
		}
	}
	return CRM_OK;
}

int crm_clock_minutes(const char *s, int end_of_day)
{
	int h, m;

	for (int i = 0; i < 5; i++)
		if (i == 2 ? s[i] != ':' : !isdigit((unsigned char)s[i]))
			return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && (m || !end_of_day)))
		return -1;
	return h * 60 + m;
}

int crm_time_of_day_check(const char *s, struct crm_err *err)
{
	if (strlen(s) != 5 || crm_clock_minutes(s, 0) < 0)
		return crm_fail(err, CRM_EINVAL, "'%s' is not a time of day (HH:MM)", s);
	return CRM_OK;
}
