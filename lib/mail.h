/* mail.h — writing mail: RFC 5322 messages, RFC 2047 encoded headers, mboxrd
 * files, and handing a message to sendmail.
 *
 * Messages use LF line ends, as mbox files and `sendmail -t` expect; the
 * body is UTF-8 sent as 8bit.  Times come from the crm clock (a local
 * timestamp such as CRM_NOW) and the TZ offset the C library gives for it,
 * so a fixed clock and TZ give the same bytes every run. */
#ifndef CRM_MAIL_H
#define CRM_MAIL_H

#include <stddef.h>
#include <stdio.h>

#include "err.h"
#include "text.h"

/* "Sun, 22 Nov 2026 09:30:00 +0100" plus NUL, with room to spare. */
#define CRM_MAIL_DATE_BUFSZ 40

/* Writes the RFC 5322 date-time of a local timestamp "YYYY-MM-DDTHH:MM:SS"
 * into buf, with the offset of the local time zone (TZ) at that moment.
 * CRM_OK, or CRM_EINVAL for a timestamp that is not one. */
int crm_mail_date(const char *local, char buf[CRM_MAIL_DATE_BUFSZ], struct crm_err *err);

/* Appends the header field "Name: value" and its line end to b.  A value
 * with any byte outside printable ASCII (UTF-8 text, control characters) is
 * written as RFC 2047 encoded-words (=?UTF-8?B?...?=), each under 76
 * characters and never splitting a UTF-8 sequence, folded onto continuation
 * lines; other values are written as they are. */
void crm_mail_header(struct crm_buf *b, const char *name, const char *value);

/* One plain-text message.  All fields are borrowed; subject may be any
 * UTF-8 text; body is UTF-8 text with LF line ends. */
struct crm_mail {
	const char *from, *to, *subject, *date, *message_id;
	const char *body;
};

/* Appends the whole message to b: Date, From, To, Subject, Message-ID,
 * MIME-Version, Content-Type (text/plain; charset=utf-8),
 * Content-Transfer-Encoding (8bit) and Auto-Submitted (auto-generated, so
 * that vacation responders stay quiet), a blank line, then the body, which
 * gets a final line end if it lacks one. */
void crm_mail_format(struct crm_buf *b, const struct crm_mail *m);

/* Writes msg[0..len) to fp as one mboxrd entry: the separator line
 * "From SENDER Sun Nov 22 09:30:00 2026" (local is the timestamp), the
 * message with every line that matches /^>*From / quoted by one more '>',
 * and a blank line.  CRM_OK, or CRM_EFAIL after a write error. */
int crm_mail_mbox_write(FILE *fp, const char *sender, const char *local, const char *msg,
			size_t len, struct crm_err *err);

/* Pipes msg[0..len) to the shell command `command` (run by sh -c, e.g.
 * "sendmail -t -i") and waits for it.  CRM_OK when it took the whole message
 * and exited 0; CRM_EFAIL naming the command and its exit status otherwise. */
int crm_mail_send(const char *command, const char *msg, size_t len, struct crm_err *err);

#endif
