/* calendar.c — working days, working hours, holidays, and time counted in
 * them. */
#include <stdio.h>
#include <string.h>

#include "calendar.h"

#define DAY_SECS 86400
/* crm_cal_add gives up after this many days without enough working time, so
 * a calendar whose every day is a holiday cannot loop for ever. */
#define ADD_HORIZON_DAYS (366 * 50)

static const char *const weekday_names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

/* 0 Monday .. 6 Sunday; day 0 (1970-01-01) was a Thursday. */
static int weekday(crm_day day)
{
	int w = (int)((day + 3) % 7);

	return w < 0 ? w + 7 : w;
}

int crm_cal_parse_days(const char *s, unsigned *mask, struct crm_err *err)
{
	const char *p = s;

	*mask = 0;
	while (*p) {
		size_t n = strcspn(p, ","), d;

		for (d = 0; d < 7 && !(n == 3 && !strncmp(p, weekday_names[d], 3)); d++)
			;
		if (d == 7 || (*mask & (1u << d)))
			return crm_fail(err, CRM_EINVAL,
					"'%.*s' is not a weekday (mon,tue,...,sun; each once)",
					(int)n, p);
		*mask |= 1u << d;
		p += n;
		if (*p == ',' && *++p == '\0')
			return crm_fail(err, CRM_EINVAL, "'%s' ends with a comma", s);
	}
	if (!*mask)
		return crm_fail(err, CRM_EINVAL, "no working days in '%s'", s);
	return CRM_OK;
}

int crm_cal_parse_hours(const char *s, int *start, int *end, struct crm_err *err)
{
	if (strlen(s) != 11 || s[5] != '-' || (*start = crm_clock_minutes(s, 1) * 60) < 0 ||
	    (*end = crm_clock_minutes(s + 6, 1) * 60) < 0 || *start >= *end ||
	    *start == DAY_SECS)
		return crm_fail(err, CRM_EINVAL, "'%s' is not working hours (such as 09:00-17:00)",
				s);
	return CRM_OK;
}

int crm_cal_parse_holidays(const char *s, struct crm_calendar *cal, struct crm_err *err)
{
	const char *p = s;

	cal->nholidays = 0;
	while (*p) {
		size_t n = strcspn(p, ",");
		char date[16];
		crm_day d;

		if (n >= sizeof date || (snprintf(date, sizeof date, "%.*s", (int)n, p),
					 crm_date_parse_iso(date, &d, NULL) != CRM_OK))
			return crm_fail(err, CRM_EINVAL, "'%.*s' is not a date (YYYY-MM-DD)",
					(int)n, p);
		if (cal->nholidays == CRM_CAL_MAX_HOLIDAYS)
			return crm_fail(err, CRM_EINVAL, "more than %d holidays",
					CRM_CAL_MAX_HOLIDAYS);
		cal->holidays[cal->nholidays++] = d;
		p += n;
		if (*p == ',' && *++p == '\0')
			return crm_fail(err, CRM_EINVAL, "'%s' ends with a comma", s);
	}
	return CRM_OK;
}

int crm_cal_is_working_day(const struct crm_calendar *cal, crm_day day)
{
	if (!(cal->days & (1u << weekday(day))))
		return 0;
	for (size_t i = 0; i < cal->nholidays; i++)
		if (cal->holidays[i] == day)
			return 0;
	return 1;
}

int crm_cal_time(const char *s, int64_t *t, struct crm_err *err)
{
	char date[CRM_DATE_BUFSZ];
	int h, m, sec;
	crm_day d;

	if (!s || strlen(s) != 19 || s[10] != 'T' ||
	    sscanf(s + 11, "%2d:%2d:%2d", &h, &m, &sec) != 3 || h > 23 || m > 59 || sec > 59)
		return crm_fail(err, CRM_EINVAL, "'%s' is not a time (YYYY-MM-DDTHH:MM:SS)",
				s ? s : "");
	snprintf(date, sizeof date, "%.10s", s);
	if (crm_date_parse_iso(date, &d, NULL) != CRM_OK)
		return crm_fail(err, CRM_EINVAL, "'%s' is not a time (YYYY-MM-DDTHH:MM:SS)", s);
	*t = (int64_t)d * DAY_SECS + h * 3600 + m * 60 + sec;
	return CRM_OK;
}

/* The day t falls on (floor division: times before 1970 too). */
static crm_day day_of(int64_t t)
{
	return (crm_day)(t >= 0 ? t / DAY_SECS : -((-t + DAY_SECS - 1) / DAY_SECS));
}

char *crm_cal_format(int64_t t, char buf[CRM_TIME_BUFSZ])
{
	crm_day d = day_of(t);
	int64_t s = t - (int64_t)d * DAY_SECS;
	char tmp[64]; /* roomy, so the compiler sees no truncation */
	int y, mo, da;

	crm_day_to_civil(d, &y, &mo, &da);
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, da,
		 (int)(s / 3600), (int)(s / 60 % 60), (int)(s % 60));
	memcpy(buf, tmp, CRM_TIME_BUFSZ - 1);
	buf[CRM_TIME_BUFSZ - 1] = '\0';
	return buf;
}

static int64_t max64(int64_t a, int64_t b) { return a > b ? a : b; }
static int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }

int64_t crm_cal_between(const struct crm_calendar *cal, int64_t a, int64_t b)
{
	int64_t sum = 0;

	for (crm_day d = day_of(a); b > a && d <= day_of(b); d++) {
		int64_t base = (int64_t)d * DAY_SECS;
		int64_t from = max64(a, base + cal->start), to = min64(b, base + cal->end);

		if (to > from && crm_cal_is_working_day(cal, d))
			sum += to - from;
	}
	return sum;
}

int64_t crm_cal_add(const struct crm_calendar *cal, int64_t t, int64_t secs)
{
	crm_day first = day_of(t);

	if (secs <= 0)
		return t;
	for (crm_day d = first; d - first < ADD_HORIZON_DAYS; d++) {
		int64_t base = (int64_t)d * DAY_SECS;
		int64_t from = max64(t, base + cal->start), end = base + cal->end;

		if (from >= end || !crm_cal_is_working_day(cal, d))
			continue;
		if (secs <= end - from)
			return from + secs;
		secs -= end - from;
	}
	return -1;
}

int64_t crm_cal_deadline(const struct crm_calendar *cal, int64_t start, int64_t secs,
			 const struct crm_cal_pause *pauses, size_t npauses, int64_t now)
{
	int64_t cursor = start, remaining = secs;

	for (size_t i = 0; i < npauses; i++) {
		int64_t from = max64(pauses[i].from, cursor);
		int64_t used = crm_cal_between(cal, cursor, from);

		if (used >= remaining)
			return crm_cal_add(cal, cursor, remaining);
		remaining -= used;
		cursor = max64(pauses[i].to < 0 ? now : pauses[i].to, from);
	}
	return crm_cal_add(cal, cursor, remaining);
}

int64_t crm_cal_elapsed(const struct crm_calendar *cal, int64_t start, int64_t end,
			const struct crm_cal_pause *pauses, size_t npauses)
{
	int64_t cursor = start, sum = 0;

	for (size_t i = 0; i < npauses && cursor < end; i++) {
		int64_t from = min64(max64(pauses[i].from, cursor), end);

		sum += crm_cal_between(cal, cursor, from);
		cursor = max64(pauses[i].to < 0 ? end : pauses[i].to, from);
	}
	return sum + crm_cal_between(cal, cursor, end);
}
