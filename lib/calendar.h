/* calendar.h — the working calendar and working-time arithmetic that service
 * levels are measured in.
 *
 * A calendar is the set of working weekdays, one daily window of working
 * hours (the same on every working day) and a list of holidays.  Times are
 * counted in seconds since 1970-01-01T00:00:00 of the local clock (the crm
 * clock has no time zone): crm_cal_time turns "YYYY-MM-DDTHH:MM:SS" into that
 * count.  These functions are pure: they read no configuration and no store. */
#ifndef CRM_CALENDAR_H
#define CRM_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "err.h"

#define CRM_CAL_MAX_HOLIDAYS 512

struct crm_calendar {
	unsigned days;  /* bit d set: weekday d works (0 Monday .. 6 Sunday) */
	int start, end; /* the working window, seconds after midnight, start < end */
	crm_day holidays[CRM_CAL_MAX_HOLIDAYS]; /* days off, in any order */
	size_t nholidays;
};

/* Parses "mon,tue,wed" (three-letter lowercase names, any order, no
 * repeats, at least one) into a weekday mask.  CRM_OK or CRM_EINVAL. */
int crm_cal_parse_days(const char *s, unsigned *mask, struct crm_err *err);

/* Parses "HH:MM-HH:MM" (the end after the start; 24:00 allowed as the
 * end) into seconds after midnight.  CRM_OK or CRM_EINVAL. */
int crm_cal_parse_hours(const char *s, int *start, int *end, struct crm_err *err);

/* Parses comma-separated ISO dates ("" for none) into cal's holidays.
 * CRM_OK or CRM_EINVAL naming the bad date (or too many). */
int crm_cal_parse_holidays(const char *s, struct crm_calendar *cal, struct crm_err *err);

/* 1 when day is a working day of cal: a working weekday, not a holiday. */
int crm_cal_is_working_day(const struct crm_calendar *cal, crm_day day);

/* Seconds since the epoch of a canonical local time "YYYY-MM-DDTHH:MM:SS";
 * CRM_OK or CRM_EINVAL. */
int crm_cal_time(const char *s, int64_t *t, struct crm_err *err);
/* Writes t as "YYYY-MM-DDTHH:MM:SS" into buf; returns buf. */
char *crm_cal_format(int64_t t, char buf[CRM_TIME_BUFSZ]);

/* The working seconds between a and b (0 when b is not after a): the parts
 * of [a, b) inside working windows of working days. */
int64_t crm_cal_between(const struct crm_calendar *cal, int64_t a, int64_t b);

/* The time at which secs working seconds have passed after t: t itself when
 * secs <= 0; an end that falls exactly on a window's end is that end
 * (17:00, not 09:00 the next working day).  -1 when the calendar has no
 * working day in the next fifty years. */
int64_t crm_cal_add(const struct crm_calendar *cal, int64_t t, int64_t secs);

/* A pause of a clock: [from, to); to is -1 while it lasts. */
struct crm_cal_pause {
	int64_t from, to;
};

/* When a clock started at start reaches secs working seconds, not counting
 * the pauses (in time order; a pause still lasting ends at now, so the
 * deadline it gives moves on as now does).  A pause that begins after the
 * clock has run out moves nothing.  -1 as crm_cal_add. */
int64_t crm_cal_deadline(const struct crm_calendar *cal, int64_t start, int64_t secs,
			 const struct crm_cal_pause *pauses, size_t npauses, int64_t now);

/* The working seconds a clock started at start ran until end, not counting
 * the pauses (in time order; one still lasting ends at end). */
int64_t crm_cal_elapsed(const struct crm_calendar *cal, int64_t start, int64_t end,
			const struct crm_cal_pause *pauses, size_t npauses);

#endif
