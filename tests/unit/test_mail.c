/* test_mail.c — RFC 5322 dates and messages, RFC 2047 headers, mboxrd
 * quoting, and handing a message to a command.  The base64 texts were made
 * with Python's base64.b64encode of the UTF-8 bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mail.h"
#include "test.h"

static void date_is(const char *tz, const char *local, const char *want)
{
	char buf[CRM_MAIL_DATE_BUFSZ];
	struct crm_err err = {""};

	setenv("TZ", tz, 1);
	tzset();
	CHECK_INT(crm_mail_date(local, buf, &err), CRM_OK, local);
	CHECK_STR(buf, want, want);
}

static void header_is(const char *what, const char *value, const char *want)
{
	struct crm_buf b = {0};

	crm_mail_header(&b, "Subject", value);
	CHECK_STR(b.data, want, what);
	free(b.data);
}

/* Every line of a header stays within 78 characters. */
static int lines_fit(const char *s)
{
	size_t n;

	for (; *s; s += n + (s[n] == '\n'))
		if ((n = strcspn(s, "\n")) > 78)
			return 0;
	return 1;
}

static void dates(void)
{
	char buf[CRM_MAIL_DATE_BUFSZ];
	struct crm_err err = {""};

	date_is("UTC", "2026-11-22T09:30:00", "Sun, 22 Nov 2026 09:30:00 +0000");
	date_is("UTC", "2024-02-29T00:00:00", "Thu, 29 Feb 2024 00:00:00 +0000");
	date_is("UTC", "1969-12-31T23:59:59", "Wed, 31 Dec 1969 23:59:59 +0000");
	/* POSIX TZ strings need no zone files: Central Europe in winter and in
	 * summer, the US east coast, India (+5:30) and a west half-hour zone */
	date_is("CET-1CEST,M3.5.0,M10.5.0/3", "2026-11-22T09:30:00",
		"Sun, 22 Nov 2026 09:30:00 +0100");
	date_is("CET-1CEST,M3.5.0,M10.5.0/3", "2026-07-01T12:00:00",
		"Wed, 1 Jul 2026 12:00:00 +0200");
	date_is("EST5EDT,M3.2.0,M11.1.0", "2026-11-22T09:30:00",
		"Sun, 22 Nov 2026 09:30:00 -0500");
	date_is("IST-5:30", "2026-11-22T09:30:00", "Sun, 22 Nov 2026 09:30:00 +0530");
	date_is("NST3:30", "2026-11-22T09:30:00", "Sun, 22 Nov 2026 09:30:00 -0330");
	setenv("TZ", "UTC", 1);
	tzset();
	CHECK_INT(crm_mail_date("2026-11-22", buf, &err), CRM_EINVAL, "a date is not a timestamp");
	CHECK_STR(err.msg, "'2026-11-22' is not a time (YYYY-MM-DDTHH:MM[:SS])", "its message");
}

static void headers(void)
{
	struct crm_buf b = {0};

	header_is("ASCII as it is", "crm reminders for ann, 2026-11-22 (3 items)",
		  "Subject: crm reminders for ann, 2026-11-22 (3 items)\n");
	header_is("UTF-8 as an encoded-word", "Grüße", "Subject: =?UTF-8?B?R3LDvMOfZQ==?=\n");
	/* 47 bytes: the first word takes 36 of them, cut after "2026-11-2" */
	header_is("a long subject in two words", "crm reminders for jürgen, 2026-11-22 (2 items)",
		  "Subject: =?UTF-8?B?Y3JtIHJlbWluZGVycyBmb3IgasO8cmdlbiwgMjAyNi0xMS0y?=\n"
		  " =?UTF-8?B?MiAoMiBpdGVtcyk=?=\n");
	/* 20 two-byte letters: 18 fit a word, a sequence is never split */
	header_is("two-byte letters", "üüüüüüüüüüüüüüüüüüüü",
		  "Subject: =?UTF-8?B?w7zDvMO8w7zDvMO8w7zDvMO8w7zDvMO8w7zDvMO8w7zDvMO8?=\n"
		  " =?UTF-8?B?w7zDvA==?=\n");
	/* 13 three-byte euro signs: 12 in the first word, one in the second */
	header_is("three-byte letters", "€€€€€€€€€€€€€",
		  "Subject: =?UTF-8?B?4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs4oKs?=\n"
		  " =?UTF-8?B?4oKs?=\n");
	/* a line end cannot start a new header field */
	header_is("a line end", "a\nb", "Subject: =?UTF-8?B?YQpi?=\n");
	/* text that looks like an encoded-word is encoded, so it reads as typed */
	header_is("an encoded-word look-alike", "=?x?", "Subject: =?UTF-8?B?PT94Pw==?=\n");
	crm_mail_header(&b, "Subject", "ééééééééééééééééééééééééééééééééééééééééééééééééééééé"
				       "éééééééééééééééééééééééééééééééééééééééééééééé");
	CHECK(lines_fit(b.data), "a long encoded header is folded to short lines");
	free(b.data);
}

static void message(void)
{
	struct crm_mail m = {"crm@shop.example", "ann@shop.example", "Hi", "Sun, 22 Nov 2026 "
		"09:30:00 +0000", "<1@shop.example>", "line one\nline two"};
	struct crm_buf b = {0};

	crm_mail_format(&b, &m);
	CHECK_STR(b.data,
		  "Date: Sun, 22 Nov 2026 09:30:00 +0000\n"
		  "From: crm@shop.example\n"
		  "To: ann@shop.example\n"
		  "Subject: Hi\n"
		  "Message-ID: <1@shop.example>\n"
		  "MIME-Version: 1.0\n"
		  "Content-Type: text/plain; charset=utf-8\n"
		  "Content-Transfer-Encoding: 8bit\n"
		  "Auto-Submitted: auto-generated\n"
		  "\n"
		  "line one\nline two\n",
		  "a message, the body's last line ended");
	free(b.data);
}

static void mbox(void)
{
	static const char msg[] = "Subject: x\n\nFrom here\n>From there\n>>From afar\nFromage\n"
				  " From indented\nlast From line";
	struct crm_err err = {""};
	char *text = NULL;
	size_t size;
	FILE *fp = open_memstream(&text, &size);

	CHECK_INT(crm_mail_mbox_write(fp, "crm@shop.example", "2026-11-02T07:05:09", msg,
				      strlen(msg), &err),
		  CRM_OK, "mbox write");
	fclose(fp);
	CHECK_STR(text,
		  "From crm@shop.example Mon Nov  2 07:05:09 2026\n"
		  "Subject: x\n\n>From here\n>>From there\n>>>From afar\nFromage\n"
		  " From indented\nlast From line\n\n",
		  "mboxrd: separator line, >From quoting, a blank line after");
	free(text);
}

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *s = calloc(1, 4096);

	if (fp && s)
		s[fread(s, 1, 4095, fp)] = 0;
	if (fp)
		fclose(fp);
	return s;
}

static void send(void)
{
	char dir[] = "/tmp/crm-test-mail.XXXXXX", cmd[256], path[200], *got, *big;
	struct crm_err err = {""};
	size_t nbig = 1 << 20;

	if (!mkdtemp(dir)) {
		CHECK(0, "mkdtemp");
		return;
	}
	snprintf(path, sizeof path, "%s/msg", dir);
	snprintf(cmd, sizeof cmd, "cat > '%s'", path);
	CHECK_INT(crm_mail_send(cmd, "To: a@b.example\n\nhi\n", 20, &err), CRM_OK, "send to cat");
	got = slurp(path);
	CHECK_STR(got, "To: a@b.example\n\nhi\n", "the command read the message");
	free(got);
	remove(path);
	remove(dir);

	CHECK_INT(crm_mail_send("cat >/dev/null; exit 75", "x\n", 2, &err), CRM_EFAIL,
		  "a failing command");
	CHECK_STR(err.msg, "'cat >/dev/null; exit 75' failed with exit status 75", "its message");
	CHECK_INT(crm_mail_send("kill -TERM $$", "x\n", 2, &err), CRM_EFAIL, "a killed command");
	CHECK_STR(err.msg, "'kill -TERM $$' was killed by signal 15", "its message");
	/* a command that leaves without reading: no SIGPIPE, an error */
	big = malloc(nbig);
	memset(big, 'x', nbig);
	CHECK_INT(crm_mail_send("exit 0", big, nbig, &err), CRM_EFAIL, "a command that reads nothing");
	CHECK_STR(err.msg, "'exit 0' did not read the whole message", "its message");
	free(big);
}

int main(void)
{
	dates();
	headers();
	message();
	mbox();
	send();
	return test_done();
}
