/* test_icecast.c - Icecast URLs, mount formats, the password's sources
 * and permissions, and the Ogg Opus page stream (chaining). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audio/encode_opus.h"
#include "audio/sink_icecast.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "unit/tmp_path.h"

static void url_parse_good(void **state)
{
	icecast_url u;

	assert_int_equal(icecast_url_parse("icecast://radio.example:8010/news.mp3",
					   &u), 0);
	assert_string_equal(u.user, "source");
	assert_string_equal(u.host, "radio.example");
	assert_int_equal(u.port, 8010);
	assert_string_equal(u.mount, "/news.mp3");
	assert_int_equal(icecast_url_parse("icecast://dj@127.0.0.1/live", &u), 0);
	assert_string_equal(u.user, "dj");
	assert_int_equal(u.port, 8000);
	assert_string_equal(u.mount, "/live");
}

static void url_parse_bad(void **state)
{
	static const char *const bad[] = {
		"http://h:8000/m.mp3", "icecast://h:8000", "icecast://h:8000/",
		"icecast://:8000/m", "icecast://h:0/m", "icecast://h:70000/m",
		"icecast://h:80x/m", "icecast://@h/m", "icecast://h/m m",
	};
	icecast_url u;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(icecast_url_parse(bad[i], &u), CRIEUR_EINVAL);
		assert_non_null(strstr(err_detail(), "not an Icecast URL"));
	}
	/* a password in the URL is refused, and not echoed */
	assert_int_equal(icecast_url_parse("icecast://source:hunter2@h/m.mp3", &u),
			 CRIEUR_EINVAL);
	assert_null(strstr(err_detail(), "hunter2"));
	assert_non_null(strstr(err_detail(), "CRIEUR_ICECAST_PASSWORD"));
}

static void mount_formats(void **state)
{
	assert_int_equal(icecast_format_for_mount("/a.mp3"), ICECAST_MP3);
	assert_int_equal(icecast_format_for_mount("/a.OGG"), ICECAST_OPUS);
	assert_int_equal(icecast_format_for_mount("/a.opus"), ICECAST_OPUS);
	assert_int_equal(icecast_format_for_mount("/live"), ICECAST_AUTO);
}

/* Write text to path with mode. */
static void put_file(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(path, mode), 0);
}

static void password_sources(void **state)
{
	const char *p = tmp_path("pw");
	char *pw = NULL;

	put_file(p, "s3cret\n", 0600);
	assert_int_equal(icecast_password(p, &pw), 0);
	assert_string_equal(pw, "s3cret");
	free(pw);
	put_file(p, "s3cret\n", 0640);   /* group-readable: refused, as ssh */
	assert_int_equal(icecast_password(p, &pw), CRIEUR_EINVAL);
	assert_null(pw);
	assert_non_null(strstr(err_detail(), "chmod 600"));
	put_file(p, "s3cret\n", 0604);
	assert_int_equal(icecast_password(p, &pw), CRIEUR_EINVAL);
	put_file(p, "\n", 0600);
	assert_int_equal(icecast_password(p, &pw), CRIEUR_EINVAL);
	unlink(p);
	assert_int_equal(icecast_password(p, &pw), CRIEUR_ENOENT);
	setenv("CRIEUR_ICECAST_PASSWORD", "from-env", 1);
	assert_int_equal(icecast_password(NULL, &pw), 0);
	assert_string_equal(pw, "from-env");
	free(pw);
	unsetenv("CRIEUR_ICECAST_PASSWORD");
	assert_int_equal(icecast_password(NULL, &pw), CRIEUR_EINVAL);
	assert_non_null(strstr(err_detail(), "CRIEUR_ICECAST_PASSWORD"));
}

static int collect(void *ctx, const unsigned char *p, size_t n)
{
	sb_add(ctx, (const char *)p, n);
	return 0;
}

/* Occurrences of needle in the n bytes at hay. */
static int count(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	int c = 0;

	for (size_t i = 0; i + k <= n; i++)
		c += !memcmp(hay + i, needle, k);
	return c;
}

/* Chaining starts a new logical stream: headers and the new title. */
static void opus_stream_chains(void **state)
{
	audio_format fmt = { 48000, 1 };
	opus_options opt = { .bitrate = 32, .track_lufs = NAN };
	float buf[4800];
	opus_stream *s;
	id3_tag *tag;
	strbuf sb;

	assert_int_equal(id3_new(&tag), 0);
	for (int i = 0; i < 4800; i++)
		buf[i] = 0.3f * (float)sin(i * 0.05);
	sb_init(&sb);
	assert_int_equal(opus_stream_new(&s, fmt, &opt, 100, collect, &sb), 0);
	id3_set(tag, "TIT2", "First item");
	assert_int_equal(opus_stream_chain(s, tag), 0);
	for (int k = 0; k < 5; k++)
		assert_int_equal(opus_stream_write(s, buf, 4800), 0);
	id3_set(tag, "TIT2", "Second item");
	assert_int_equal(opus_stream_chain(s, tag), 0);
	for (int k = 0; k < 5; k++)
		assert_int_equal(opus_stream_write(s, buf, 4800), 0);
	assert_int_equal(opus_stream_drain(s), 0);
	assert_int_equal(count(sb.buf, sb.len, "OpusHead"), 2);
	assert_int_equal(count(sb.buf, sb.len, "TITLE=First item"), 1);
	assert_int_equal(count(sb.buf, sb.len, "TITLE=Second item"), 1);
	opus_stream_free(s);
	id3_free(tag);
	sb_release(&sb);
	/* bad settings */
	fmt.channels = 3;
	assert_int_equal(opus_stream_new(&s, fmt, &opt, 0, collect, &sb),
			 CRIEUR_EINVAL);
	fmt.channels = 1;
	opt.bitrate = 2;
	assert_int_equal(opus_stream_new(&s, fmt, &opt, 0, collect, &sb),
			 CRIEUR_EINVAL);
}

/* A sink for a mount with no extension and no format is refused. */
static void sink_needs_format(void **state)
{
	icecast_options o = { .url = "icecast://127.0.0.1:1/live" };
	audio_format fmt = { 44100, 1 };
	audio_sink *s;

	setenv("CRIEUR_ICECAST_PASSWORD", "x", 1);
	assert_int_equal(icecast_sink_open(&s, fmt, &o), CRIEUR_EINVAL);
	assert_null(s);
	assert_non_null(strstr(err_detail(), ".mp3, .opus or .ogg"));
	unsetenv("CRIEUR_ICECAST_PASSWORD");
	o.url = "icecast://127.0.0.1:1/live.mp3";
	assert_int_equal(icecast_sink_open(&s, fmt, &o), CRIEUR_EINVAL);
	assert_non_null(strstr(err_detail(), "no Icecast password"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(url_parse_good),
		cmocka_unit_test(url_parse_bad),
		cmocka_unit_test(mount_formats),
		cmocka_unit_test(password_sources),
		cmocka_unit_test(opus_stream_chains),
		cmocka_unit_test(sink_needs_format),
	};

	return cmocka_run_group_tests_name("icecast", tests, NULL, NULL);
}
