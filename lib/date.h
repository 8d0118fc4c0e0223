/* date.h — ISO 8601 calendar dates as day numbers, and the crm clock.
 *
 * A date is an int32 count of days since 1970-01-01 in the proleptic
 * Gregorian calendar; arithmetic on it never consults the time zone. */
#ifndef CRM_DATE_H
#define CRM_DATE_H

#include <stdint.h>

#include "err.h"

typedef int32_t crm_day;

/* "YYYY-MM-DD" plus NUL. */
#define CRM_DATE_BUFSZ 11
/* "YYYY-MM-DDTHH:MM:SS" plus NUL. */
#define CRM_TIME_BUFSZ 20

/* Day number of a valid civil date; the caller checks validity first. */
crm_day crm_day_from_civil(int y, int m, int d);
/* Civil date of a day number. */
void crm_day_to_civil(crm_day day, int *y, int *m, int *d);
/* Days in month m (1..12) of year y. */
int crm_days_in_month(int y, int m);

/* Parses a strict ISO date "YYYY-MM-DD" (year 1..9999).  CRM_OK or CRM_EINVAL. */
int crm_date_parse_iso(const char *s, crm_day *out, struct crm_err *err);

/* Parses what a user may type for a date, relative to `today`: an ISO date,
 * "today", "tomorrow", "yesterday", or an offset "+7d", "-2w", "+1m", "+1y"
 * (a bare "+3" means days).  Month and year offsets clamp to the month's
 * last day: 2026-01-31 +1m is 2026-02-28.  CRM_OK or CRM_EINVAL. */
int crm_date_parse(const char *s, crm_day today, crm_day *out, struct crm_err *err);

/* Adds n months to day, clamping to the end of the target month. */
crm_day crm_day_add_months(crm_day day, int n);

/* The English name of day's day of the week ("Monday"). */
const char *crm_weekday(crm_day day);

/* Writes day as "YYYY-MM-DD" into buf (CRM_DATE_BUFSZ bytes); returns buf. */
char *crm_date_format(crm_day day, char *buf);

/* The time of day "HH:MM" in the first five characters of s as minutes
 * after midnight: 00:00 to 23:59, and 24:00 too when end_of_day (the end
 * of a working day); -1 for anything else. */
int crm_clock_minutes(const char *s, int end_of_day);

/* Checks that s is exactly a time of day "HH:MM" (00:00 to 23:59):
 * CRM_OK or CRM_EINVAL "'S' is not a time of day (HH:MM)". */
int crm_time_of_day_check(const char *s, struct crm_err *err);

/* Parses a local timestamp "YYYY-MM-DDTHH:MM[:SS]" (a space may stand for
 * the T) and writes its canonical "YYYY-MM-DDTHH:MM:SS" form into buf.
 * CRM_OK or CRM_EINVAL. */
int crm_time_parse(const char *s, char buf[CRM_TIME_BUFSZ], struct crm_err *err);

/* The clock every command reads.  today and now come from CRM_TODAY and
 * CRM_NOW (or --today) when set, so reports and tests are reproducible;
 * otherwise from the local wall clock. */
struct crm_clock {
	crm_day today;
	char now[CRM_TIME_BUFSZ];
};

/* Fills clock from today_text (may be NULL: then $CRM_TODAY) and $CRM_NOW,
 * falling back to the local time.  When only a date is fixed, now is that
 * date at 00:00:00; when only now is fixed, today is its date.
 * CRM_OK or CRM_EINVAL naming the bad value. */
int crm_clock_init(struct crm_clock *clock, const char *today_text, struct crm_err *err);

#endif
