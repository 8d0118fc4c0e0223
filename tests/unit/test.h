/* test.h — a tiny TAP harness for the C unit tests of libcrm.
 *
 * Each check prints "ok N - what" or "not ok N - what" with the file and line
 * of the failure; test_done() prints the plan and returns the exit status. */
#ifndef CRM_TEST_H
#define CRM_TEST_H

#include <stdio.h>
#include <string.h>

static int test_count, test_failed;

static inline void test_result(int ok, const char *file, int line, const char *what)
{
	test_count++;
	if (!ok)
		test_failed++;
	printf("%s %d - %s\n", ok ? "ok" : "not ok", test_count, what);
	if (!ok)
		printf("#   failed at %s:%d\n", file, line);
}

#define CHECK(cond, what) test_result(!!(cond), __FILE__, __LINE__, (what))

#define CHECK_STR(got, want, what)                                                            \
	do {                                                                                  \
		const char *g_ = (got), *w_ = (want);                                         \
		int ok_ = g_ && w_ ? strcmp(g_, w_) == 0 : g_ == w_;                          \
		test_result(ok_, __FILE__, __LINE__, (what));                                 \
		if (!ok_)                                                                     \
			printf("#   got:  '%s'\n#   want: '%s'\n", g_ ? g_ : "(null)",         \
			       w_ ? w_ : "(null)");                                           \
	} while (0)

#define CHECK_INT(got, want, what)                                                            \
	do {                                                                                  \
		long long g_ = (long long)(got), w_ = (long long)(want);                      \
		test_result(g_ == w_, __FILE__, __LINE__, (what));                            \
		if (g_ != w_)                                                                 \
			printf("#   got:  %lld\n#   want: %lld\n", g_, w_);                      \
	} while (0)

static inline int test_done(void)
{
	printf("1..%d\n", test_count);
	return test_failed ? 1 : 0;
}

#endif
