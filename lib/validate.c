/* validate.c — checks of user-typed values that several record types share. */
#include <ctype.h>
#include <string.h>

#include "validate.h"

int crm_has_space_or_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7f)
			return 1;
	return 0;
}

int crm_has_control(const char *s, int allow_newlines)
{
	for (; *s; s++) {
		int newline = *s == '\n' || *s == '\r' || *s == '\t';

		if (((unsigned char)*s < ' ' && !(allow_newlines && newline)) || *s == 0x7f)
			return 1;
	}
	return 0;
}

int crm_valid_email(const char *s)
{
	const char *at = strchr(s, '@');

	return at && at > s && !strchr(at + 1, '@') && strchr(at + 1, '.') && at[1] != '.' &&
	       s[strlen(s) - 1] != '.' && !crm_has_space_or_control(s);
}

int crm_valid_phone(const char *s)
{
	int digits = 0;

	for (; *s; s++) {
		if (isdigit((unsigned char)*s))
			digits++;
		else if (!strchr("+ ()-./x", *s))
			return 0;
	}
	return digits >= 3;
}

int crm_all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}
