/* test_pipeline.c - build, play and say share one speech chain: the same
 * items give the same speech, sample for sample, whichever command says
 * them.  The items use a script's lexicon (with a first-mention
 * `expand`, said once per bulletin) and a quote voice.  Played audio is
 * captured through the ALSA file plugin (e2e.h capture_home()).
 *
 * Tolerance: 1 step of 16 bits, for rounding alone: the renderer keeps
 * speech in a 16-bit spill (x 32768) and writes through libsndfile
 * (x 32767); played audio goes through PortAudio's and ALSA's float to
 * 16-bit conversion.  Both sides are resampled by the same chain
 * (libsoxr MQ), so even at 44.1 kHz there is nothing else to allow for. */
#include "e2e.h"

#define ITEM1 "Le CRIX se réunit ce soir. Son président a dit : « Nous serons prêts. »"
#define ITEM2 "Le CRIX publiera un communiqué demain matin."
#define EXPANSION "Comité des radios indépendantes"

/* The scripts, lexicon and item files, in scratch/pipe. */
static void write_inputs(void)
{
	struct run_result r;
	FILE *f;

	run(&r, "mkdir -p %s", scratch("pipe"));
	f = fopen(scratch("pipe/crix.lex"), "w");
	fprintf(f, "CRIX\tKrix\texpand \"" EXPANSION "\"\n");
	fclose(f);
	f = fopen(scratch("pipe/items.txt"), "w");
	fprintf(f, ITEM1 "\n" ITEM2 "\n");
	fclose(f);
	f = fopen(scratch("pipe/item1.txt"), "w");
	fprintf(f, ITEM1 "\n");
	fclose(f);
	f = fopen(scratch("pipe/item2.txt"), "w");
	fprintf(f, ITEM2 "\n");
	fclose(f);
	/* the same items, with and without the script's pronunciation */
	f = fopen(scratch("pipe/plain.yaml"), "w");
	fprintf(f, "loudness: none\noutput: { samplerate: 22050, channels: 1 }\n"
		"items:\n  - file: item1.txt\n  - file: item2.txt\n");
	fclose(f);
	f = fopen(scratch("pipe/script.yaml"), "w");
	fprintf(f, "lexicons: crix.lex\nquote_voice: fr-anchor-f\n"
		"loudness: none\noutput: { samplerate: 22050, channels: 1 }\n"
		"items:\n  - file: item1.txt\n  - file: item2.txt\n");
	fclose(f);
}

/* The binary's absolute path (the tests cd into scratch/pipe). */
static const char *bin(void)
{
	static char path[1024];
	char cwd[768];

	if (crieur_bin()[0] == '/')
		return crieur_bin();
	if (!path[0] && getcwd(cwd, sizeof(cwd)))
		snprintf(path, sizeof(path), "%s/%s", cwd, crieur_bin());
	return path;
}

/* Run a crieur command line whose audio goes to the capture device. */
static void play_captured(const char *home, const char *args)
{
	struct run_result r;

	run(&r, "rm -f %s/captured.wav; cd %s && XDG_CACHE_HOME=%s "
	    "ALSA_CONFIG_PATH=%s/asound.conf %s %s", home, scratch("pipe"),
	    scratch("cache"), home, bin(), args);
	if (r.status)
		fail_msg("crieur %s: status %d: %s", args, r.status, r.err);
}

/* Run crieur in scratch/pipe; it must succeed. */
static void crieur_ok(const char *args)
{
	struct run_result r;

	run(&r, "cd %s && %s %s", scratch("pipe"), bin(), args);
	if (r.status)
		fail_msg("crieur %s: status %d: %s", args, r.status, r.err);
}

static void build_play_say_same_speech(void **state)
{
	char home[256], cap[300];
	long built, item1, item2_alone, d;

	snprintf(home, sizeof(home), "%s", capture_home());   /* scratch() rotates */
	write_inputs();
	snprintf(cap, sizeof(cap), "%s/captured.wav", home);
	crieur_ok("build -q script.yaml -o built.wav");

	/* play: the script's lexicons and quote voice, as build */
	play_captured(home, "play script.yaml");
	assert_same_speech(cap, scratch("pipe/built.wav"), 1);
	/* play: the same from the command line */
	play_captured(home, "play --lexicon crix.lex --quote-voice fr-anchor-f "
		      "plain.yaml");
	assert_same_speech(cap, scratch("pipe/built.wav"), 1);

	/* say, line by line on the device: one lexicon for the lines too */
	play_captured(home, "say --lines --lexicon crix.lex --quote-voice "
		      "fr-anchor-f < items.txt");
	assert_same_speech(cap, scratch("pipe/built.wav"), 1);

	/* say to a file: the first item, as the bulletin starts (at 0) */
	crieur_ok("say --samplerate 22050 --lexicon crix.lex --quote-voice "
		  "fr-anchor-f -f item1.txt -o item1.wav");
	d = start_diff(scratch("pipe/item1.wav"), scratch("pipe/built.wav"));
	assert_true(d >= 0 && d <= 1);
	/* the quote voice is heard: without it, another speech */
	crieur_ok("say --samplerate 22050 --lexicon crix.lex -f item1.txt "
		  "-o noquote.wav");
	d = start_diff(scratch("pipe/noquote.wav"), scratch("pipe/built.wav"));
	assert_true(d < 0 || d > 1000);

	/* the expansion is said once per bulletin: alone, the second item
	 * says it (a second and more); in the bulletin it does not */
	crieur_ok("say --samplerate 22050 --lexicon crix.lex -f item2.txt "
		  "-o item2.wav");
	built = nonzero_count(scratch("pipe/built.wav"));
	item1 = nonzero_count(scratch("pipe/item1.wav"));
	item2_alone = nonzero_count(scratch("pipe/item2.wav"));
	print_message("speech samples: bulletin %ld, item 1 %ld, item 2 alone "
		      "%ld\n", built, item1, item2_alone);
	assert_true(item2_alone - (built - item1) > 22050);

	/* at 44.1 kHz, resampled by the same chain: still the same */
	crieur_ok("build -q --samplerate 44100 script.yaml -o built44.wav");
	crieur_ok("say --lexicon crix.lex --quote-voice fr-anchor-f "
		  "-f item1.txt -o item1-44.wav");
	d = start_diff(scratch("pipe/item1-44.wav"), scratch("pipe/built44.wav"));
	assert_true(d >= 0 && d <= 1);
	run(&(struct run_result){ 0 }, "rm -f %s", cap);
}

/* say --ssml on the device plays what it writes to a file, <audio>
 * clips included; a mark is no pause. */
static void say_ssml_live_and_to_file(void **state)
{
	char home[256], cap[300], args[1024], cwd[512];
	struct run_result r;
	long with_clip, without;

	snprintf(home, sizeof(home), "%s", capture_home());
	write_inputs();
	snprintf(cap, sizeof(cap), "%s/captured.wav", home);
	snprintf(args, sizeof(args), "say --ssml '<speak>Bonjour, <mark name=\"a\"/>"
		 "voici le <say-as interpret-as=\"characters\">CRIX</say-as>."
		 "<break time=\"400ms\"/><audio src=\"%s/samples/jingles/sting.flac\"/>"
		 "Fin.</speak>'", getcwd(cwd, sizeof(cwd)));
	play_captured(home, args);
	strcat(args, " --samplerate 22050 -o ssml.wav");
	crieur_ok(args);
	assert_same_speech(cap, scratch("pipe/ssml.wav"), 1);
	with_clip = nonzero_count(scratch("pipe/ssml.wav"));
	crieur_ok("say --ssml '<speak>Bonjour, <mark name=\"a\"/>voici le <say-as "
		  "interpret-as=\"characters\">CRIX</say-as>.<break time=\"400ms\"/>"
		  "Fin.</speak>' --samplerate 22050 -o noclip.wav");
	without = nonzero_count(scratch("pipe/noclip.wav"));
	print_message("speech samples: %ld with the clip, %ld without\n",
		      with_clip, without);
	assert_true(with_clip - without > 22050 / 5);
	/* malformed SSML on the device: an error with line and column */
	run(&r, "ALSA_CONFIG_PATH=%s/asound.conf %s say --ssml '<speak>oops'",
	    home, crieur_bin());
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "malformed SSML"));
	run(&r, "rm -f %s", cap);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(build_play_say_same_speech),
		cmocka_unit_test(say_ssml_live_and_to_file),
	};
	return e2e_done(cmocka_run_group_tests_name("e2e_pipeline", tests, NULL,
						    NULL));
}
