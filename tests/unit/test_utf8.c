/* test_utf8.c - UTF-8 validation, decoding, encoding, sanitizing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "text/utf8.h"

static void utf8_decode_valid(void **state)
{
	uint32_t cp;

	assert_int_equal(utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(utf8_decode("\xC3\xA9", 2, &cp), 2);
	assert_int_equal(cp, 0xE9);
	assert_int_equal(utf8_decode("\xE2\x80\xAF", 3, &cp), 3);
	assert_int_equal(cp, 0x202F);
	assert_int_equal(utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
}

static void utf8_decode_invalid(void **state)
{
	assert_int_equal(utf8_decode("\xC0\xAF", 2, NULL), 0);     /* overlong */
	assert_int_equal(utf8_decode("\xED\xA0\x80", 3, NULL), 0); /* surrogate */
	assert_int_equal(utf8_decode("\xF4\x90\x80\x80", 4, NULL), 0);
	assert_int_equal(utf8_decode("\xC3", 1, NULL), 0);         /* truncated */
	assert_int_equal(utf8_decode("\x80", 1, NULL), 0);
	assert_int_equal(utf8_decode("\xFF", 1, NULL), 0);
}

static void utf8_validate_offset(void **state)
{
	assert_int_equal(utf8_validate("abc", 3), 3);
	assert_int_equal(utf8_validate("ab\xE9z", 4), 2);
	assert_int_equal(utf8_validate("\xC3\xA9t\xC3", 4), 3);
}

static void utf8_check_names_offset(void **state)
{
	assert_int_equal(utf8_check("x.txt", "ok\xFF", 3), CRIEUR_EUTF8);
	assert_non_null(strstr(err_detail(), "x.txt"));
	assert_non_null(strstr(err_detail(), "byte 2"));
	assert_int_equal(utf8_check("y.txt", "a\0b", 3), CRIEUR_EUTF8);
	assert_non_null(strstr(err_detail(), "NUL byte at byte 1"));
	assert_int_equal(utf8_check("z", "\xC3\xA9", 2), 0);
}

static void utf8_encode_roundtrip(void **state)
{
	static const uint32_t cps[] = { 0x41, 0xE9, 0x20AC, 0x1F600 };
	char buf[4];
	uint32_t back;

	for (size_t i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
		int n = utf8_encode(cps[i], buf);
		assert_int_equal(utf8_decode(buf, (size_t)n, &back), n);
		assert_int_equal(back, cps[i]);
	}
}

static void utf8_sanitize_replaces(void **state)
{
	size_t len, count;
	char *s = utf8_sanitize("a\xFF" "b", 3, &len, &count);

	assert_string_equal(s, "a\xEF\xBF\xBD" "b");
	assert_int_equal(count, 1);
	assert_int_equal(len, 5);
	free(s);
}

static void error_every_code_has_message(void **state)
{
	for (int c = 0; c > -CRIEUR_ERR_COUNT; c--)
		assert_string_not_equal(crieur_strerror(c), "unknown error");
	assert_string_equal(crieur_strerror(-CRIEUR_ERR_COUNT), "unknown error");
	assert_string_equal(crieur_strerror(1), "unknown error");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_decode_valid),
		cmocka_unit_test(utf8_decode_invalid),
		cmocka_unit_test(utf8_validate_offset),
		cmocka_unit_test(utf8_check_names_offset),
		cmocka_unit_test(utf8_encode_roundtrip),
		cmocka_unit_test(utf8_sanitize_replaces),
		cmocka_unit_test(error_every_code_has_message),
	};
	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
