/* validate.h — checks of user-typed values that several record types share. */
#ifndef CRM_VALIDATE_H
#define CRM_VALIDATE_H

/* local@domain.tld, no spaces. */
int crm_valid_email(const char *s);
/* Digits with + ( ) - . / x and spaces, at least three digits. */
int crm_valid_phone(const char *s);
/* True when s holds a control character (newlines and tabs allowed when
 * allow_newlines) — such text would break tables and CSV consumers. */
int crm_has_control(const char *s, int allow_newlines);
/* True when s holds a space or a control character. */
int crm_has_space_or_control(const char *s);

/* True when s is one or more ASCII digits: a record key that reads as an id. */
int crm_all_digits(const char *s);

#endif
