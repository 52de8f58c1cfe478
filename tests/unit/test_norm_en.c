/* test_norm_en.c - English number expanders (numbers_en). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/strbuf.h"
#include "text/normalize.h"
#include "text/numbers_en.h"

/* Check one expander call on a fresh buffer. */
#define EXPECT(want, call) do { \
		strbuf sb_; \
		sb_init(&sb_); \
		{ strbuf *out = &sb_; call; } \
		assert_string_equal(sb_cstr(&sb_), want); \
		sb_release(&sb_); \
	} while (0)

#define CARD(d, f) en_cardinal(out, d, strlen(d), f)
#define ORD(d) en_ordinal(out, d, strlen(d), 0)

static void numbers_en_cardinal(void **state)
{
	EXPECT("zero", CARD("0", 0));
	EXPECT("zero", CARD("", 0));
	EXPECT("seven", CARD("007", 0));
	EXPECT("thirteen", CARD("13", 0));
	EXPECT("twenty-three", CARD("23", 0));
	EXPECT("one hundred", CARD("100", EN_AND));
	EXPECT("one hundred twenty-three", CARD("123", 0));
	EXPECT("one hundred and twenty-three", CARD("123", EN_AND));
	EXPECT("nine thousand", CARD("9000", EN_AND));
	EXPECT("eighteen thousand and eighty-one", CARD("18081", EN_AND));
	/* EN_AND ("en", "en-GB"): British, in every group; 0 ("en-US"): none */
	EXPECT("one hundred and twenty-three thousand four hundred and fifty-six",
	       CARD("123456", EN_AND));
	EXPECT("one hundred twenty-three thousand four hundred fifty-six",
	       CARD("123456", 0));
	EXPECT("one million", CARD("1000000", EN_AND));
	EXPECT("one hundred and twenty-three million one hundred and "
	       "twenty-three thousand", CARD("123123000", EN_AND));
	EXPECT("one hundred and twenty-three million and twelve",
	       CARD("123000012", EN_AND));
	EXPECT("one hundred twenty-three million one hundred twenty-three "
	       "thousand", CARD("123123000", 0));
	EXPECT("five trillion", CARD("5000000000000", 0));
	EXPECT("one quintillion", CARD("1000000000000000000", 0));
}

static void numbers_en_cardinal_long_digits(void **state)
{
	EXPECT("one two three four five six seven eight nine zero one two "
	       "three four five six seven eight nine zero one two",
	       CARD("1234567890123456789012", 0));
	EXPECT("forty-two", en_cardinal_u(out, 42, 0));
	EXPECT("eighteen quintillion four hundred forty-six quadrillion seven "
	       "hundred forty-four trillion seventy-three billion seven hundred "
	       "nine million five hundred fifty-one thousand six hundred "
	       "fifteen", en_cardinal_u(out, UINT64_MAX, 0));
}

static void numbers_en_ordinal(void **state)
{
	EXPECT("zeroth", ORD("0"));
	EXPECT("first", ORD("1"));
	EXPECT("second", ORD("2"));
	EXPECT("third", ORD("3"));
	EXPECT("fifth", ORD("5"));
	EXPECT("ninth", ORD("9"));
	EXPECT("eleventh", ORD("11"));
	EXPECT("twelfth", ORD("12"));
	EXPECT("twentieth", ORD("20"));
	EXPECT("twenty-first", ORD("21"));
	EXPECT("one hundredth", ORD("100"));
	EXPECT("one hundred twenty-first", ORD("121"));
	EXPECT("one thousandth", ORD("1000"));
	EXPECT("nine millionth", ORD("9000000"));
	EXPECT("twenty-second", en_ordinal_u(out, 22, 0));
	EXPECT("one hundred twenty-first", en_ordinal(out, "121", 3, 0));
	EXPECT("one hundred and twenty-first", en_ordinal(out, "121", 3, EN_AND));
}

static void numbers_en_year(void **state)
{
	EXPECT("nineteen ninety-nine", en_year(out, 1999, EN_AND));
	EXPECT("two thousand five", en_year(out, 2005, 0));
	EXPECT("two thousand and five", en_year(out, 2005, EN_AND));
	EXPECT("twenty twenty-three", en_year(out, 2023, EN_AND));
	EXPECT("nineteen hundred", en_year(out, 1900, EN_AND));
	EXPECT("two thousand", en_year(out, 2000, EN_AND));
	EXPECT("one thousand", en_year(out, 1000, EN_AND));
	EXPECT("fifteen oh six", en_year(out, 1506, EN_AND));
	EXPECT("eleven fifty-five", en_year(out, 1155, EN_AND));
	EXPECT("twenty ten", en_year(out, 2010, EN_AND));
	EXPECT("three forty", en_year(out, 340, EN_AND));
	EXPECT("sixty-six", en_year(out, 66, EN_AND));
	EXPECT("twelve thousand three hundred forty-five", en_year(out, 12345, 0));
	EXPECT("twelve thousand three hundred and forty-five",
	       en_year(out, 12345, EN_AND));
}

static void numbers_en_decade(void **state)
{
	EXPECT("nineteen nineties", en_decade(out, 1990));
	EXPECT("nineteen tens", en_decade(out, 1910));
	EXPECT("two thousands", en_decade(out, 2000));
	EXPECT("twenty twenties", en_decade(out, 2020));
	EXPECT("nineteen hundreds", en_decade(out, 1900));
	EXPECT("eighties", en_decade(out, 80));
}

static void numbers_en_decimal_fraction(void **state)
{
	EXPECT("three point one four", en_decimal(out, "3", 1, "14", 2, 0));
	EXPECT("point five", en_decimal(out, "", 0, "5", 1, 0));
	EXPECT("zero point zero zero four",
	       en_decimal(out, "0", 1, "004", 3, 0));
	EXPECT("one half", en_fraction(out, 1, 2, EN_AND));
	EXPECT("three quarters", en_fraction(out, 3, 4, EN_AND));
	EXPECT("two thirds", en_fraction(out, 2, 3, EN_AND));
	EXPECT("seven over one", en_fraction(out, 7, 1, EN_AND));
	EXPECT("one third", en_fraction(out, 1, 3, EN_AND));
	EXPECT("five eighths", en_fraction(out, 5, 8, EN_AND));
	EXPECT("thirty-one thirty-seconds", en_fraction(out, 31, 32, EN_AND));
	EXPECT("five halves", en_fraction(out, 5, 2, EN_AND));
}

static void numbers_en_minutes_digits(void **state)
{
	EXPECT("", en_minutes(out, 0));
	EXPECT("oh five", en_minutes(out, 5));
	EXPECT("forty-five", en_minutes(out, 45));
	EXPECT("zero zero four", en_digits(out, "004", 3));
}

static void numbers_en_roman(void **state)
{
	assert_int_equal(en_roman_value("III", 3), 3);
	assert_int_equal(en_roman_value("IV", 2), 4);
	assert_int_equal(en_roman_value("VIII", 4), 8);
	assert_int_equal(en_roman_value("XL", 2), 40);
	assert_int_equal(en_roman_value("LVII", 4), 57);
	assert_int_equal(en_roman_value("MCMXCIX", 7), 1999);
	assert_int_equal(en_roman_value("IIII", 4), 0);
	assert_int_equal(en_roman_value("IC", 2), 0);
	assert_int_equal(en_roman_value("VX", 2), 0);
	assert_int_equal(en_roman_value("ABC", 3), 0);
	assert_int_equal(en_roman_value("", 0), 0);
	assert_int_equal(en_roman_value("iv", 2), 0);
}

static void numbers_en_spacing(void **state)
{
	EXPECT("(one", { sb_adds(out, "("); CARD("1", 0); });
	EXPECT("covid-nineteen", { sb_adds(out, "covid-"); CARD("19", 0); });
	EXPECT("at seven", { sb_adds(out, "at"); CARD("7", 0); });
}

/* One written line and what the English normalizer must say. */
static const struct {
	const char *in, *want;
} en_cases[] = {
	{ "a Q&A session", "a Q and A- session" },
	{ "$5.2 million", "five point two million dollars" },
	{ "$1,234.56", "one thousand two hundred and thirty-four dollars and fifty-six cents" },
	{ "a $3 billion deal", "a three billion dollar deal" },
	{ "€1.2bn", "one point two billion euros" },
	{ "£1.20", "one pound and twenty pence" },
	{ "in 1999", "in nineteen ninety-nine" },
	{ "the 1990s", "the nineteen nineties" },
	{ "the '90s", "the nineties" },
	{ "3:45 p.m.", "three forty-five PM." },
	/* the marker in every form is written "AM"/"PM" (said as letters) */
	{ "1 a.m.", "one AM." },
	{ "01:00 am", "one AM" },
	{ "1:00a.m. on Friday", "one AM on Friday" },
	{ "at 7:30pm, we left", "at seven thirty PM, we left" },
	{ "9 A.M. The talks", "nine AM. The talks" },
	/* an abbreviation's full stop at a sentence's end stays one, so
	 * that the two sentences do not run together */
	{ "at 7 p.m. Then rain", "at seven PM. Then rain" },
	{ "on 12 Dec. The next day", "on the twelfth of December. The next day" },
	{ "in Albany, N.Y. Then he", "in Albany, New York. Then he" },
	{ "on Dec. 12 and Jan. 5", "on December twelfth and January fifth" },
	/* a bare v between two sides is versus */
	{ "Liverpool v Everton", "Liverpool versus Everton" },
	{ "the 5 v 5 format", "the five versus five format" },
	{ "he said v is", "he said v is" },
	/* a year after a quarter or a half of it, whatever follows */
	{ "H1 2024 results", "H one twenty twenty-four results" },
	{ "Q5 2024 people", "Q five two thousand and twenty-four people" },
	/* a unit's own full stop inside the sentence is not said as one */
	{ "sentenced to 12 yrs. in prison", "sentenced to twelve years in prison" },
	{ "a 6 in. blade", "a six inch blade" },
	{ "he is 5 ft. 10 in. tall", "he is five feet ten inches tall" },
	{ "ran 10 km. Smith won", "ran ten kilometers. Smith won" },
	{ "rained 6 in the morning", "rained six in the morning" },
	{ "Call 555-0123 now", "Call five five five, zero one two three now" },
	{ "Phone 555-7341", "Phone five five five, seven three four one" },
	{ "about 400-1200 people", "about four hundred to one thousand two hundred people" },
	{ "from 9am-5pm", "from nine AM to five PM" },
	/* run-together words of an address said apart */
	{ "pressoffice@bbc.co.uk", "press office at bbc dot co dot U.K." },
	{ "at 14:00", "at fourteen hundred" },
	/* a fraction of a second makes a race time; durations skip noughts */
	{ "in 1:55.3", "in one minute fifty-five point three seconds" },
	{ "in 2:00:35", "in two hours and thirty-five seconds" },
	{ "Nov. 20, 2023", "November twentieth, twenty twenty-three" },
	{ "20 November 2023", "the twentieth of November twenty twenty-three" },
	{ "11/20/2023", "November twentieth twenty twenty-three" },
	{ "120 km/h", "one hundred and twenty kilometers per hour" },
	{ "1 km", "one kilometer" },
	{ "-5°C", "minus five degrees Celsius" },
	{ "85 m²", "eighty-five square meters" },
	{ "1/2", "one half" },
	{ "3/4", "three quarters" },
	{ "Charles III", "Charles the third" },
	{ "World War II", "World War two" },
	{ "Sam and I", "Sam and I" },
	{ "the CIA", "the CIA" },
	{ "Dr. Smith", "Doctor Smith" },
	{ "Main St.", "Main Street." },
	{ "St. Louis", "Saint Louis" },
	{ "No. 5", "number five" },
	{ "NATO", "Nato" },
	{ "G20", "G twenty" },
	{ "F-16", "F sixteen" },
	{ "2023-24", "twenty twenty-three to twenty-four" },
	{ "18-25 years", "eighteen to twenty-five years" },
	{ "won 3-1", "won three-one" },
	{ "555-123-4567", "five five five, one two three, four five six seven" },
	{ "a@b.com", "a at b dot com" },
	{ "5%", "five percent" },
	{ "1st, 2nd, 21st", "first, second, twenty-first" },
	{ "May I", "May I" },
};

/* The English normalizer says each case as expected. */
static void norm_en_table(void **state)
{
	normalizer *n;
	strbuf out;

	assert_int_equal(norm_new(&n, "en"), 0);
	sb_init(&out);
	for (size_t k = 0; k < sizeof(en_cases) / sizeof(en_cases[0]); k++) {
		sb_reset(&out);
		assert_int_equal(norm_line(n, en_cases[k].in, strlen(en_cases[k].in), &out), 0);
		if (strcmp(sb_cstr(&out), en_cases[k].want))
			print_message("'%s': got '%s'\n", en_cases[k].in, sb_cstr(&out));
		assert_string_equal(sb_cstr(&out), en_cases[k].want);
	}
	sb_release(&out);
	norm_free(n);
}

/* Odd input gives bounded, sensible output and never fails. */
static void norm_en_bad_input(void **state)
{
	normalizer *n;
	strbuf out;
	char big[3001];

	assert_int_equal(norm_new(&n, "en"), 0);
	sb_init(&out);
	memset(big, '7', 3000);
	big[3000] = '\0';
	assert_int_equal(norm_line(n, big, 3000, &out), 0);
	assert_non_null(strstr(sb_cstr(&out), "seven seven seven"));
	static const char *const odd[] = { "", "$", "$.", "1/0", "0/0", "12:99",
		"99/99/9999", "1:59.", "59:59:59.9999", "0:00.0", "+", "-", ".", "MMMMCM", "I.", "#", "@", "1,", "1.", "-.5",
		"$1,000,000,000,000,000,000,000,000", "\xCC\x81\xCC\x81",
		"3,0111111111111111111111111111111111111111111111111111111111111111111100ce" };
	for (size_t k = 0; k < sizeof(odd) / sizeof(odd[0]); k++) {
		sb_reset(&out);
		assert_int_equal(norm_line(n, odd[k], strlen(odd[k]), &out), 0);
	}
	sb_release(&out);
	norm_free(n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(numbers_en_cardinal),
		cmocka_unit_test(numbers_en_cardinal_long_digits),
		cmocka_unit_test(numbers_en_ordinal),
		cmocka_unit_test(numbers_en_year),
		cmocka_unit_test(numbers_en_decade),
		cmocka_unit_test(numbers_en_decimal_fraction),
		cmocka_unit_test(numbers_en_minutes_digits),
		cmocka_unit_test(numbers_en_roman),
		cmocka_unit_test(numbers_en_spacing),
		cmocka_unit_test(norm_en_table),
		cmocka_unit_test(norm_en_bad_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
