/* test_chain.c - the speech chain factory (speech/chain.h): marks reported
 * where their audio is reached, stop mid-utterance and speak again, one
 * lexicon shared by chains (a first mention said once), options laid
 * over a script's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/error.h"
#include "speech/chain.h"
#include "unit/tmp_path.h"

/* Read the utterance to its end in blocks; its frames. */
static long long drain(speech_chain *c, long block)
{
	float buf[4096];
	long long total = 0;
	long got;

	assert_true(block <= 4096);
	while ((got = speech_chain_read(c, buf, block)) > 0)
		total += got;
	assert_int_equal(got, 0);
	return total;
}

struct marks {
	long long delivered;       /* frames read so far */
	char names[8][16];
	long long frame[8], at[8];
	int n;
};

static void on_mark(void *ctx, const char *name, long long frame)
{
	struct marks *m = ctx;

	assert_true(m->n < 8);
	snprintf(m->names[m->n], sizeof(m->names[0]), "%s", name);
	m->frame[m->n] = frame;
	m->at[m->n++] = m->delivered;
}

/* Each mark is reported once all the audio before it was read, and
 * before any after it: exactly at its frame. */
static void chain_marks_where_reached(void **state)
{
	static const char ssml[] = "<speak>Un, deux, trois, <mark name=\"four\"/>"
		"quatre, cinq.<mark name=\"six\"/> Six.</speak>";
	speech_chain_config cfg = { .fmt = { 44100, 2 }, .mode = SPEECH_SCREEN_READER };
	speech_options so = SPEECH_OPTIONS_INIT;
	struct marks m = { 0 };
	speech_chain *c;
	float buf[1000 * 2];
	long got;

	assert_int_equal(speech_chain_new(&c, &so, &cfg), 0);
	speech_chain_set_mark_callback(c, on_mark, &m);
	assert_int_equal(speech_chain_say(c, ssml, strlen(ssml), SPEECH_SSML), 0);
	while ((got = speech_chain_read(c, buf, 1000)) > 0)
		m.delivered += got;
	assert_int_equal(got, 0);
	assert_int_equal(m.n, 2);
	assert_string_equal(m.names[0], "four");
	assert_string_equal(m.names[1], "six");
	assert_int_equal(m.at[0], m.frame[0]);
	assert_int_equal(m.at[1], m.frame[1]);
	/* about a second of speech before each, and after the last */
	assert_true(m.frame[0] > 44100 / 2);
	assert_true(m.frame[1] > m.frame[0] + 44100 / 2);
	assert_true(m.delivered > m.frame[1] + 44100 / 4);
	speech_chain_free(c);
}

/* The stage view reads whole blocks and reports the marks too. */
static void chain_as_stage(void **state)
{
	static const char ssml[] = "<speak>Bonjour <mark name=\"m\"/>à tous.</speak>";
	speech_options so = SPEECH_OPTIONS_INIT;
	struct marks m = { 0 };
	speech_chain *c;
	audio_stage *s;
	float buf[512];
	long got;

	assert_int_equal(speech_chain_new(&c, &so, NULL), 0);
	s = speech_chain_stage(c);
	assert_int_equal(s->fmt.rate, 22050);
	assert_int_equal(s->fmt.channels, 1);
	speech_chain_set_mark_callback(c, on_mark, &m);
	assert_int_equal(speech_chain_say(c, ssml, strlen(ssml), 0), 0);
	while ((got = stage_read(s, buf, 512)) == 512)
		m.delivered += got;
	assert_true(got >= 0);
	assert_int_equal(m.n, 1);
	assert_true(m.frame[0] > 0 && m.frame[0] < m.delivered + got);
	stage_free(s);
}

struct stopper {
	speech_chain *c;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int go;
};

/* Stop the chain from another thread once told to. */
static void *stop_thread(void *arg)
{
	struct stopper *st = arg;

	pthread_mutex_lock(&st->lock);
	while (!st->go)
		pthread_cond_wait(&st->cond, &st->lock);
	pthread_mutex_unlock(&st->lock);
	speech_chain_stop(st->c);
	return NULL;
}

/* Stopped from another thread mid-utterance, reads end at once; the
 * next say() speaks afresh. */
static void chain_stop_and_speak_again(void **state)
{
	static const char text[] = "Une longue phrase, qui continue encore et "
		"encore, pour que la parole soit en cours quand on l'arrête, "
		"et qui dure bien plus de deux secondes.";
	speech_options so = SPEECH_OPTIONS_INIT;
	struct stopper st = { 0 };
	long long alone, after;
	float buf[256];
	pthread_t th;
	long got;

	assert_int_equal(speech_chain_new(&st.c, &so, &(speech_chain_config){
		.mode = SPEECH_SCREEN_READER }), 0);
	pthread_mutex_init(&st.lock, NULL);
	pthread_cond_init(&st.cond, NULL);
	assert_int_equal(speech_chain_say(st.c, text, strlen(text), 0), 0);
	alone = drain(st.c, 256);
	assert_true(alone > 22050 * 2);

	assert_int_equal(speech_chain_say(st.c, text, strlen(text), 0), 0);
	assert_int_equal(speech_chain_read(st.c, buf, 256), 256);
	/* speaking: another say() must wait */
	assert_int_equal(speech_chain_say(st.c, "x", 1, 0), CRIEUR_EINVAL);
	assert_int_equal(pthread_create(&th, NULL, stop_thread, &st), 0);
	pthread_mutex_lock(&st.lock);
	st.go = 1;
	pthread_cond_signal(&st.cond);
	pthread_mutex_unlock(&st.lock);
	pthread_join(th, NULL);
	after = 0;
	while ((got = speech_chain_read(st.c, buf, 256)) > 0)
		after += got;
	assert_int_equal(got, 0);
	assert_int_equal(after, 0);   /* nothing more once stopped */

	assert_int_equal(speech_chain_say(st.c, text, strlen(text), 0), 0);
	/* whole again (eSpeak NG keeps a little state from the utterance
	 * before: a few tens of milliseconds of pause) */
	assert_true(llabs(drain(st.c, 256) - alone) < 22050 / 10);
	speech_chain_free(st.c);
	pthread_mutex_destroy(&st.lock);
	pthread_cond_destroy(&st.cond);
}

/* Frames of text said by a new chain. */
static long long say_frames(const speech_options *so, speech_lexicons *lx,
			    const char *text)
{
	speech_chain_config cfg = { .lexicons = lx };
	speech_chain *c;
	long long n;

	assert_int_equal(speech_chain_new(&c, so, &cfg), 0);
	assert_int_equal(speech_chain_say(c, text, strlen(text), 0), 0);
	n = drain(c, 4096);
	speech_chain_free(c);
	return n;
}

/* Chains that share the lexicons say a first-mention expansion once;
 * restarting forgets it. */
static void chain_shared_lexicons(void **state)
{
	const char *path = tmp_path("chain.lex");
	speech_options so = SPEECH_OPTIONS_INIT;
	speech_lexicons *lx;
	long long first, again, restarted, own;
	FILE *f = fopen(path, "w");

	fprintf(f, "CRIX\tKrix\texpand \"Comité des radios indépendantes\"\n");
	fclose(f);
	so.lexicons[so.n_lexicons++] = path;
	assert_int_equal(speech_lexicons_new(&lx, &so), 0);
	first = say_frames(&so, lx, "Le CRIX.");
	again = say_frames(&so, lx, "Le CRIX.");
	speech_lexicons_restart(lx);
	restarted = say_frames(&so, lx, "Le CRIX.");
	own = say_frames(&so, NULL, "Le CRIX.");
	assert_true(first > again + 22050 / 2);
	assert_true(llabs(restarted - first) < 22050 / 10);
	assert_true(llabs(own - first) < 22050 / 10);
	speech_lexicons_free(lx);
	remove(path);
}

/* All the samples of text said by voice, in a new chain. */
static float *say_all(const char *voice_name, const char *text, long long *n)
{
	speech_options so = SPEECH_OPTIONS_INIT;
	speech_chain *c;
	float *all = NULL;
	long long cap = 0;
	long got;

	so.voice = voice_name;
	*n = 0;
	assert_int_equal(speech_chain_new(&c, &so, NULL), 0);
	assert_int_equal(speech_chain_say(c, text, strlen(text), 0), 0);
	do {
		if (*n + 4096 > cap)
			all = realloc(all, (size_t)(cap = 2 * cap + 4096) * sizeof(float));
		got = speech_chain_read(c, all + *n, 4096);
		*n += got > 0 ? got : 0;
	} while (got > 0);
	speech_chain_free(c);
	return all;
}

static volatile int drawing;

/* Another library's thread reseeding and drawing from rand(). */
static void *draw_rand(void *arg)
{
	unsigned seed = (unsigned)time(NULL);

	while (drawing) {
		srand(seed++);
		for (int i = 0; i < 1000; i++)
			(void)rand();
	}
	return NULL;
}

/* In a child process (the same history of eSpeak NG as its siblings:
 * it carries a little state from one utterance to the next), say text
 * with voice_name, another thread drawing from rand() if draw, and write
 * the samples to path. */
static void say_in_child(const char *voice_name, const char *text, int draw,
			 const char *path)
{
	pid_t pid = fork();
	int status;

	assert_true(pid >= 0);
	if (pid == 0) {
		pthread_t th;
		long long n;
		float *all;
		FILE *f;

		drawing = draw;
		if (draw && pthread_create(&th, NULL, draw_rand, NULL))
			_exit(2);
		all = say_all(voice_name, text, &n);
		drawing = 0;
		if (draw)
			pthread_join(th, NULL);
		f = fopen(path, "wb");
		_exit(f && fwrite(all, sizeof(float), (size_t)n, f) == (size_t)n &&
		      !fclose(f) ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* eSpeak NG's breath noise (the fr-anchor-f voice, from rand()) comes out
 * the same whatever other threads do with rand(). */
static void chain_same_noise_whatever_else_draws(void **state)
{
	static const char text[] = "Nous serons prêts, a dit la présidente.";
	char a[256], b[256];
	char cmd[1024];

	snprintf(a, sizeof(a), "%s", tmp_path("quiet.f32"));
	snprintf(b, sizeof(b), "%s", tmp_path("drawn.f32"));
	say_in_child("fr-anchor-f", text, 0, a);
	say_in_child("fr-anchor-f", text, 1, b);
	snprintf(cmd, sizeof(cmd), "test $(stat -c %%s %s) -gt 88200 && cmp -s %s %s",
		 a, a, b);
	assert_int_equal(system(cmd), 0);
	remove(a);
	remove(b);
}

/* In a child (the same history of eSpeak NG for both), text read by a
 * bulletin's chain, to a file or not (to_file), in blocks of 3001 frames
 * (a size that divides neither the batches nor the rings), its samples
 * written to path. */
static void bulletin_in_child(const char *text, int to_file, const char *path)
{
	pid_t pid = fork();
	int status;

	assert_true(pid >= 0);
	if (pid == 0) {
		speech_chain_config cfg = { .fmt = { 44100, 1 },
					    .mode = SPEECH_BULLETIN,
					    .to_file = to_file };
		speech_options so = SPEECH_OPTIONS_INIT;
		speech_chain *c;
		float buf[3001];
		FILE *f = fopen(path, "wb");
		long got;

		if (!f || speech_chain_new(&c, &so, &cfg) ||
		    speech_chain_say(c, text, strlen(text), 0))
			_exit(2);
		while ((got = speech_chain_read(c, buf, 3001)) > 0)
			if (fwrite(buf, sizeof(float), (size_t)got, f) != (size_t)got)
				_exit(3);
		speech_chain_free(c);
		_exit(got == 0 && !fclose(f) ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* A bulletin's chain read into a file (to_file: a 2 s ring, the reader
 * woken per second of audio) says the same samples as one read as it
 * plays (a 1 s ring, per quarter second), through several wraps of
 * both rings. */
static void chain_to_file_same_samples(void **state)
{
	static const char text[] = "Le conseil municipal a voté hier soir le "
		"budget de la commune pour l'année prochaine. Les écoles, les "
		"routes et la bibliothèque en auront la plus grande part, a "
		"précisé le maire à la fin de la séance.";
	char a[256], b[256];
	char cmd[1024];

	snprintf(a, sizeof(a), "%s", tmp_path("played.f32"));
	snprintf(b, sizeof(b), "%s", tmp_path("to-file.f32"));
	bulletin_in_child(text, 0, a);
	bulletin_in_child(text, 1, b);
	/* more than 6 s (three wraps of the 2 s ring), the same bytes */
	snprintf(cmd, sizeof(cmd), "test $(stat -c %%s %s) -gt %d && cmp -s %s %s",
		 a, 44100 * 6 * 4, a, b);
	assert_int_equal(system(cmd), 0);
	remove(a);
	remove(b);
}

/* A bad lexicon line or an unknown voice: the chain is not made. */
static void chain_errors(void **state)
{
	const char *path = tmp_path("bad.lex");
	speech_options so = SPEECH_OPTIONS_INIT;
	speech_chain *c = (speech_chain *)1;
	FILE *f = fopen(path, "w");

	fprintf(f, "KFOR\tspel\n");
	fclose(f);
	so.voice = "no-such-voice";
	assert_int_equal(speech_chain_new(&c, &so, NULL), CRIEUR_EVOICE);
	assert_null(c);
	so.voice = NULL;
	so.quote_voice = "no-such-voice";
	assert_int_equal(speech_chain_new(&c, &so, NULL), CRIEUR_EVOICE);
	so.quote_voice = NULL;
	so.lexicons[so.n_lexicons++] = path;
	assert_int_equal(speech_chain_new(&c, &so, NULL), CRIEUR_EFORMAT);
	assert_non_null(strstr(err_detail(), "bad.lex:1:"));
	so.n_lexicons = 0;
	assert_int_equal(speech_chain_new(&c, &so, NULL), 0);
	assert_int_equal(speech_chain_say(c, "<speak>oops", 11, 0), CRIEUR_EFORMAT);
	assert_non_null(strstr(err_detail(), "the text:"));
	assert_int_equal(speech_chain_read(c, (float[1]){ 0 }, 1), 0);
	speech_chain_free(c);
	speech_chain_free(NULL);
	remove(path);
}

/* Text the chain refuses (not UTF-8, or blank) takes no memory:
 * statement_from_text() kept the copy and its name when it refused them,
 * and speech_chain_say() (as `say --lines` for a bad line) returned
 * without releasing them.  The heap's size is glibc's; under
 * AddressSanitizer LeakSanitizer reports the copies at exit. */
static void chain_refused_text_takes_no_memory(void **state)
{
	speech_options so = SPEECH_OPTIONS_INIT;
	speech_chain *c;
	size_t before;

	assert_int_equal(speech_chain_new(&c, &so, NULL), 0);
	assert_int_equal(speech_chain_say(c, "ab\xC3(", 4, 0), CRIEUR_EUTF8);
	before = mallinfo2().uordblks;
	for (int i = 0; i < 1000; i++) {
		assert_int_equal(speech_chain_say(c, "ab\xC3(", 4, 0), CRIEUR_EUTF8);
		assert_int_equal(speech_chain_say(c, " \n", 2, 0), CRIEUR_EEMPTY);
	}
	print_message("heap after 2000 refused texts: %+ld bytes\n",
		      (long)(mallinfo2().uordblks - before));
	assert_true(mallinfo2().uordblks < before + 16 * 1024);
	speech_chain_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(chain_marks_where_reached),
		cmocka_unit_test(chain_as_stage),
		cmocka_unit_test(chain_to_file_same_samples),
		cmocka_unit_test(chain_stop_and_speak_again),
		cmocka_unit_test(chain_shared_lexicons),
		cmocka_unit_test(chain_same_noise_whatever_else_draws),
		cmocka_unit_test(chain_errors),
		cmocka_unit_test(chain_refused_text_takes_no_memory),
	};
	return cmocka_run_group_tests_name("chain", tests, NULL, NULL);
}
