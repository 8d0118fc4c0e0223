/* err.c — filling a struct crm_err. */
#include <stdarg.h>
#include <stdio.h>

#include "err.h"

int crm_fail(struct crm_err *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
	}
	return code;
}
