/* err.h — status codes and error messages shared by every libcrm function.
 *
 * A libcrm function that can fail returns one of the CRM_* codes below and, on
 * failure, fills a struct crm_err the caller owns.  The message is lowercase,
 * has no full stop, and names the value that was wrong (git's rule); the
 * caller prefixes it with "crm: <group> <verb>: " and prints it. */
#ifndef CRM_ERR_H
#define CRM_ERR_H

enum crm_status {
	CRM_OK = 0,
	CRM_EFAIL = 1,     /* I/O or database failure */
	CRM_EUSAGE = 2,    /* bad command line */
	CRM_ENOTFOUND = 3, /* no such record */
	CRM_EINVAL = 4,    /* invalid input or conflict */
	CRM_EBUSY = 5      /* database busy past the timeout */
};

struct crm_err {
	char msg[1024];
};

/* Fills err->msg from a printf format and returns code, so that a failing
 * path reads `return crm_fail(err, CRM_EINVAL, "bad date '%s'", s);`.
 * err may be NULL. */
int crm_fail(struct crm_err *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
