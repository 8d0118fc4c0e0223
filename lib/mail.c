/* mail.c — RFC 5322 messages, RFC 2047 headers, mboxrd, sendmail. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "date.h"
#include "mail.h"

static const char *const weekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
				     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* The parts of a local timestamp, and its day of the week (0 = Sunday). */
struct stamp {
	int year, month, day, hour, min, sec, wday;
};

static int parse_stamp(const char *local, struct stamp *s, struct crm_err *err)
{
	char canon[CRM_TIME_BUFSZ];
	int rc = crm_time_parse(local, canon, err);

	if (rc != CRM_OK)
		return rc;
	sscanf(canon, "%4d-%2d-%2dT%2d:%2d:%2d", &s->year, &s->month, &s->day, &s->hour, &s->min,
	       &s->sec);
	/* 1970-01-01, day 0, was a Thursday */
	s->wday = (int)(((crm_day_from_civil(s->year, s->month, s->day) % 7) + 11) % 7);
	return CRM_OK;
}

/* Seconds east of UTC of the local time zone at that local time. */
static long utc_offset(const struct stamp *s)
{
	struct tm tm = {0}, local;
	time_t t;

	tm.tm_year = s->year - 1900;
	tm.tm_mon = s->month - 1;
	tm.tm_mday = s->day;
	tm.tm_hour = s->hour;
	tm.tm_min = s->min;
	tm.tm_sec = s->sec;
	tm.tm_isdst = -1;
	if ((t = mktime(&tm)) == (time_t)-1 || !localtime_r(&t, &local))
		return 0;
	return local.tm_gmtoff;
}

int crm_mail_date(const char *local, char buf[CRM_MAIL_DATE_BUFSZ], struct crm_err *err)
{
	struct stamp s;
	long off;
	int rc = parse_stamp(local, &s, err);

	if (rc != CRM_OK)
		return rc;
	off = utc_offset(&s);
	snprintf(buf, CRM_MAIL_DATE_BUFSZ, "%s, %d %s %04d %02d:%02d:%02d %c%02ld%02ld",
		 weekdays[s.wday], s.day, months[s.month - 1], s.year, s.hour, s.min, s.sec,
		 off < 0 ? '-' : '+', (off < 0 ? -off : off) / 3600,
		 (off < 0 ? -off : off) / 60 % 60);
	return CRM_OK;
}

static void base64(struct crm_buf *b, const unsigned char *s, size_t n)
{
	static const char digits[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

	for (size_t i = 0; i < n; i += 3) {
		unsigned long v = (unsigned long)s[i] << 16;
		char out[4];

		if (i + 1 < n)
			v |= (unsigned long)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		out[0] = digits[v >> 18 & 63];
		out[1] = digits[v >> 12 & 63];
		out[2] = i + 1 < n ? digits[v >> 6 & 63] : '=';
		out[3] = i + 2 < n ? digits[v & 63] : '=';
		crm_buf_add(b, out, 4);
	}
}

/* Plain ASCII without control characters, and nothing that a reader would
 * take for an encoded-word, goes into a header as it is. */
static int needs_encoding(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p >= 0x7f)
			return 1;
	return strstr(s, "=?") != NULL;
}

/* At most this many bytes of text per encoded-word: 36 bytes are 48 base64
 * characters, 60 with "=?UTF-8?B?" and "?=", so even the first word, after
 * a field name, stays within the 78 characters a line should keep to. */
#define WORD_BYTES 36

void crm_mail_header(struct crm_buf *b, const char *name, const char *value)
{
	size_t len = strlen(value), pos = 0;

	crm_buf_addf(b, "%s: ", name);
	if (!needs_encoding(value)) {
		crm_buf_addf(b, "%s\n", value);
		return;
	}
	while (pos < len || pos == 0) {
		size_t end = pos;

		while (end < len) {
			uint32_t cp;
			int n = crm_utf8_decode(value + end, len - end, &cp);

			if (end + (size_t)n - pos > WORD_BYTES)
				break;
			end += (size_t)n;
		}
		if (pos)
			crm_buf_adds(b, "\n ");
		crm_buf_adds(b, "=?UTF-8?B?");
		base64(b, (const unsigned char *)value + pos, end - pos);
		crm_buf_adds(b, "?=");
		if (end == pos) /* empty value */
			break;
		pos = end;
	}
	crm_buf_adds(b, "\n");
}

void crm_mail_format(struct crm_buf *b, const struct crm_mail *m)
{
	size_t n = strlen(m->body);

	crm_mail_header(b, "Date", m->date);
	crm_mail_header(b, "From", m->from);
	crm_mail_header(b, "To", m->to);
	crm_mail_header(b, "Subject", m->subject);
	crm_mail_header(b, "Message-ID", m->message_id);
	crm_buf_adds(b, "MIME-Version: 1.0\n"
			"Content-Type: text/plain; charset=utf-8\n"
			"Content-Transfer-Encoding: 8bit\n"
			"Auto-Submitted: auto-generated\n"
			"\n");
	crm_buf_add(b, m->body, n);
	if (n && m->body[n - 1] != '\n')
		crm_buf_adds(b, "\n");
}

/* Does the line at p (up to end) read ">*From "?  mboxrd quotes those. */
static int from_line(const char *p, const char *end)
{
	while (p < end && *p == '>')
		p++;
	return end - p >= 5 && memcmp(p, "From ", 5) == 0;
}

int crm_mail_mbox_write(FILE *fp, const char *sender, const char *local, const char *msg,
			size_t len, struct crm_err *err)
{
	const char *p = msg, *end = msg + len;
	struct stamp s;
	int rc = parse_stamp(local, &s, err);

	if (rc != CRM_OK)
		return rc;
	/* the date as asctime(3) writes it: "Sun Nov  2 09:30:00 2026" */
	fprintf(fp, "From %s %s %s %2d %02d:%02d:%02d %04d\n", sender, weekdays[s.wday],
		months[s.month - 1], s.day, s.hour, s.min, s.sec, s.year);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *next = nl ? nl + 1 : end;

		if (from_line(p, next))
			putc('>', fp);
		fwrite(p, 1, (size_t)(next - p), fp);
		if (!nl)
			putc('\n', fp);
		p = next;
	}
	putc('\n', fp);
	if (ferror(fp))
		return crm_fail(err, CRM_EFAIL, "write error: %s", strerror(errno));
	return CRM_OK;
}

int crm_mail_send(const char *command, const char *msg, size_t len, struct crm_err *err)
{
	struct sigaction ignore = {0}, old;
	FILE *pipe;
	int status, wrote;

	fflush(NULL); /* the command shares our stdout and stderr */
	if (!(pipe = popen(command, "w")))
		return crm_fail(err, CRM_EFAIL, "cannot run '%s': %s", command, strerror(errno));
	/* a command that exits early must not kill us with SIGPIPE: the write
	 * fails instead, and its exit status says why */
	ignore.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ignore, &old);
	wrote = fwrite(msg, 1, len, pipe) == len && fflush(pipe) == 0;
	status = pclose(pipe);
	sigaction(SIGPIPE, &old, NULL);
	if (status == -1)
		return crm_fail(err, CRM_EFAIL, "'%s': %s", command, strerror(errno));
	if (WIFSIGNALED(status))
		return crm_fail(err, CRM_EFAIL, "'%s' was killed by signal %d", command,
				WTERMSIG(status));
	if (WEXITSTATUS(status) != 0)
		return crm_fail(err, CRM_EFAIL, "'%s' failed with exit status %d", command,
				WEXITSTATUS(status));
	if (!wrote)
		return crm_fail(err, CRM_EFAIL, "'%s' did not read the whole message", command);
	return CRM_OK;
}
