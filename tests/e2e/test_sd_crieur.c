/* test_sd_crieur.c - build/sd_crieur driven over pipes as speech-dispatcher
 * drives it: every command, the order of replies and events, index marks
 * at their audio position, STOP and PAUSE mid-utterance, a 100 KB
 * message, malformed input; and the same protocol script against
 * Debian's sd_espeak-ng, which must get the same reply codes. */
#include "e2e.h"
#include "sd_peer.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static const char *module_bin(void)
{
	const char *b = getenv("SD_CRIEUR");

	return b && *b ? b : "build/sd_crieur";
}

/* What a message brought: every code in order, the audio, the marks. */
struct heard {
	int codes[8192];
	int n;
	short *audio;
	long samples;
	char marks[64][32];
	long mark_at[64];   /* samples of audio before each mark */
	int n_marks;
	int rate;
	double first_audio_ms;
};

static void hear(void *ctx, const struct sd_msg *m)
{
	struct heard *h = ctx;

	if (h->n < (int)ARRAY_LEN(h->codes))
		h->codes[h->n++] = m->code;
	if (m->code == 705 && m->audio) {
		if (!h->samples)
			h->first_audio_ms = m->ms;
		h->audio = realloc(h->audio, (size_t)(h->samples + m->samples) * sizeof(short));
		memcpy(h->audio + h->samples, m->audio, (size_t)m->samples * sizeof(short));
		h->samples += m->samples;
		h->rate = m->rate;
	}
	if (m->code == 700 && h->n_marks < 64) {
		snprintf(h->marks[h->n_marks], 32, "%.31s", m->text + 4);
		h->marks[h->n_marks][strcspn(h->marks[h->n_marks], "\n")] = '\0';
		h->mark_at[h->n_marks++] = h->samples;
	}
}

static void heard_release(struct heard *h)
{
	free(h->audio);
	memset(h, 0, sizeof(*h));
}

/* Expect the next message to have code; return its text. */
static void expect(struct sd_peer *p, int code)
{
	struct sd_msg m;

	assert_true(sd_peer_read(p, &m, 20000));
	if (m.code != code)
		fprintf(stderr, "expected %d, got '%s'\n", code, m.text);
	assert_int_equal(m.code, code);
	sd_msg_release(&m);
}

/* Start the module and bring it up as the server does. */
static void up(struct sd_peer *p, const char *module)
{
	assert_int_equal(sd_peer_start(p, module, NULL, scratch("module.log")), 0);
	sd_peer_send(p, "INIT\n");
	expect(p, 299);
	sd_peer_send(p, "AUDIO\naudio_output_method=server\n.\n");
	expect(p, 207);
	expect(p, 203);
}

/* Settings, then a message of type cmd (SPEAK, CHAR, KEY); everything
 * it brings until its end event goes to h. */
static void say(struct sd_peer *p, const char *lang, const char *cmd,
		const char *text, struct heard *h)
{
	memset(h, 0, sizeof(*h));
	sd_peer_set(p, lang);
	expect(p, 203);
	expect(p, 203);
	sd_peer_send(p, "%s\n", cmd);
	expect(p, 202);
	sd_peer_body(p, text);
	assert_true(sd_peer_until(p, 0, 60000, hear, h));
}

/* Only SET params (key=value lines), as a client changing one setting
 * does, then a message; what it brings to h. */
static void set_then_say(struct sd_peer *p, const char *params, const char *cmd,
			 const char *text, struct heard *h)
{
	memset(h, 0, sizeof(*h));
	sd_peer_send(p, "SET\n%s.\n", params);
	expect(p, 203);
	expect(p, 203);
	sd_peer_send(p, "%s\n", cmd);
	expect(p, 202);
	sd_peer_body(p, text);
	assert_true(sd_peer_until(p, 0, 60000, hear, h));
}

static void stop_module(struct sd_peer *p)
{
	assert_int_equal(sd_peer_stop(p, 1, 10000), 0);
}

/* The protocol script both modules are driven with: codes other than
 * 700 and 705 (marks and audio differ by nature), as a string. */
static void script_codes(const char *module, char *out, size_t cap)
{
	struct sd_peer p;
	struct heard h;
	size_t o = 0;
	int codes[256], n = 0;
	static const char *const lines[] = {
		"SPEAK\n<speak>Bonjour. <mark name=\"__spd_id_0\"/>Le 20/11 à 14h30.</speak>\n.\n",
		"CHAR\n,\n.\n", "KEY\ncontrol_alt_delete\n.\n", "KEY\nspace\n.\n",
	};
	static const char *const errors[] = {
		"SET\nrate=500\n.\n", "SET\nrate\n.\n", "SET\nvolume=-20\n.\n",
		"FOO\n", "SPEAK\n\n.\n", "CHAR\na\nb\n.\n",
		"AUDIO\naudio_output_method=alsa\n.\n", "DEBUG\n",
		"LOGLEVEL\nlog_level=3\n.\n", "LIST VOICES\n",
	};

	up(&p, module);
	codes[n++] = 299;
	codes[n++] = 207;
	codes[n++] = 203;
	for (size_t i = 0; i < ARRAY_LEN(lines); i++) {
		sd_peer_set(&p, "fr");
		sd_peer_write(&p, lines[i], strlen(lines[i]));
		memset(&h, 0, sizeof(h));
		assert_true(sd_peer_until(&p, 0, 60000, hear, &h));
		for (int k = 0; k < h.n; k++)
			if (h.codes[k] != 700 && h.codes[k] != 705 && n < 256)
				codes[n++] = h.codes[k];
		heard_release(&h);
	}
	for (size_t i = 0; i < ARRAY_LEN(errors); i++) {
		struct sd_msg m;
		int multi = strchr(errors[i], '\n') != strrchr(errors[i], '\n') ||
			!strncmp(errors[i], "SET", 3);

		sd_peer_write(&p, errors[i], strlen(errors[i]));
		for (int k = 0; k < 1 + (multi && strncmp(errors[i], "FOO", 3)); k++) {
			assert_true(sd_peer_read(&p, &m, 20000));
			codes[n++] = m.code;
			sd_msg_release(&m);
		}
	}
	sd_peer_send(&p, "QUIT\n");
	expect(&p, 210);
	codes[n++] = 210;
	assert_int_equal(sd_peer_stop(&p, 0, 10000), 0);
	for (int k = 0; k < n; k++)
		o += (size_t)snprintf(out + o, cap - o, "%d ", codes[k]);
}

static void same_replies_as_sd_espeak_ng(void **state)
{
	char ours[4096], theirs[4096];

	if (access(SD_ESPEAK_NG, X_OK))
		skip();
	script_codes(module_bin(), ours, sizeof(ours));
	script_codes(SD_ESPEAK_NG, theirs, sizeof(theirs));
	assert_string_equal(ours, theirs);
	/* and what they are: INIT, AUDIO, then per message SET, SPEAK... */
	assert_int_equal(strncmp(ours, "299 207 203 203 203 202 200 701 702 ", 36), 0);
}

/* No event between a command and its reply; 701 first, audio, 702 last. */
static void events_in_order(void **state)
{
	struct sd_peer p;
	struct heard h;

	up(&p, module_bin());
	say(&p, "fr", "SPEAK", "<speak>Bonjour à tous.</speak>", &h);
	assert_true(h.n >= 4);
	assert_int_equal(h.codes[0], 200);
	assert_int_equal(h.codes[1], 701);
	for (int k = 2; k < h.n - 1; k++)
		assert_int_equal(h.codes[k], 705);
	assert_int_equal(h.codes[h.n - 1], 702);
	assert_int_equal(h.rate, 22050);
	assert_true(h.samples > 22050 / 2);   /* half a second of speech at least */
	heard_release(&h);
	stop_module(&p);
}

/* Each mark comes in order, after exactly the audio of the text before it. */
static void marks_at_their_audio_position(void **state)
{
	struct sd_peer p;
	struct heard whole, first, second;

	up(&p, module_bin());
	say(&p, "fr", "SPEAK", "<speak>Première phrase. <mark name=\"__spd_id_0\"/>"
	    "Deuxième phrase, un peu plus longue. <mark name=\"__spd_id_1\"/>"
	    "Fin.</speak>", &whole);
	say(&p, "fr", "SPEAK", "<speak>Première phrase. </speak>", &first);
	say(&p, "fr", "SPEAK", "<speak>Deuxième phrase, un peu plus longue. </speak>",
	    &second);
	assert_int_equal(whole.n_marks, 2);
	assert_string_equal(whole.marks[0], "__spd_id_0");
	assert_string_equal(whole.marks[1], "__spd_id_1");
	/* within 5 ms (eSpeak NG's state between messages moves a few samples) */
	assert_true(labs(whole.mark_at[0] - first.samples) < 110);
	assert_true(labs(whole.mark_at[1] - whole.mark_at[0] - second.samples) < 110);
	assert_true(whole.samples > whole.mark_at[1] + 22050 / 10);   /* "Fin." */
	heard_release(&whole);
	heard_release(&first);
	heard_release(&second);
	stop_module(&p);
}

/* A long text of n sentences, each followed by a mark. */
static char *long_text(int n)
{
	size_t cap = (size_t)n * 160 + 32, o = 0;
	char *t = malloc(cap);

	o += (size_t)snprintf(t, cap, "<speak>");
	for (int i = 0; i < n; i++)
		o += (size_t)snprintf(t + o, cap - o, "Voici la phrase numéro %d, "
				      "lue par le module de crieur. "
				      "<mark name=\"__spd_id_%d\"/>", i + 1, i);
	snprintf(t + o, cap - o, "</speak>");
	return t;
}

/* Send a message and wait for its first audio. */
static void start_long(struct sd_peer *p, const char *text, struct heard *h)
{
	memset(h, 0, sizeof(*h));
	sd_peer_set(p, "fr");
	expect(p, 203);
	expect(p, 203);
	sd_peer_send(p, "SPEAK\n");
	expect(p, 202);
	sd_peer_body(p, text);
	assert_true(sd_peer_until(p, 705, 20000, hear, h));
}

static void stop_mid_utterance(void **state)
{
	struct sd_peer p;
	struct heard h;
	char *text = long_text(40);
	double sent;

	up(&p, module_bin());
	start_long(&p, text, &h);
	sent = sd_now_ms();
	sd_peer_send(&p, "STOP\n");
	assert_true(sd_peer_until(&p, 0, 10000, hear, &h));
	assert_int_equal(h.codes[h.n - 1], 703);
	assert_true(sd_now_ms() - sent < 2000);   /* generous: a loaded machine */
	assert_true(h.samples < 22050 * 30);       /* far from the 40 sentences */
	heard_release(&h);
	/* the module speaks again at once */
	say(&p, "fr", "SPEAK", "<speak>Encore.</speak>", &h);
	assert_int_equal(h.codes[h.n - 1], 702);
	heard_release(&h);
	stop_module(&p);
	free(text);
}

static void pause_at_a_mark(void **state)
{
	struct sd_peer p;
	struct heard h;
	char *text = long_text(40);

	up(&p, module_bin());
	start_long(&p, text, &h);
	sd_peer_send(&p, "PAUSE\n");
	assert_true(sd_peer_until(&p, 0, 20000, hear, &h));
	assert_int_equal(h.codes[h.n - 1], 704);
	assert_int_equal(h.codes[h.n - 2], 700);   /* stopped right at a mark */
	assert_true(h.n_marks >= 1 && h.n_marks < 40);
	for (int i = 0; i < h.n_marks; i++) {
		char want[32];
		snprintf(want, sizeof(want), "__spd_id_%d", i);
		assert_string_equal(h.marks[i], want);
	}
	assert_int_equal(h.mark_at[h.n_marks - 1], h.samples);   /* no audio after */
	heard_release(&h);
	stop_module(&p);
	free(text);
}

static void speak_100_kb(void **state)
{
	struct sd_peer p;
	struct heard h;
	char *text = long_text(1400);

	assert_true(strlen(text) > 100000);
	up(&p, module_bin());
	start_long(&p, text, &h);
	assert_true(sd_peer_until(&p, 700, 20000, hear, &h));   /* marks flow */
	sd_peer_send(&p, "STOP\n");
	assert_true(sd_peer_until(&p, 0, 10000, hear, &h));
	assert_int_equal(h.codes[h.n - 1], 703);
	heard_release(&h);
	stop_module(&p);
	free(text);
}

static void malformed_input_answered(void **state)
{
	struct sd_peer p;
	struct heard h;

	up(&p, module_bin());
	sd_peer_send(&p, "BONJOUR\n");
	expect(&p, 300);
	sd_peer_send(&p, "SET\nrate=fast\n.\n");
	expect(&p, 203);
	expect(&p, 303);
	sd_peer_send(&p, "SET\nlanguage=de\n.\n");
	expect(&p, 203);
	expect(&p, 303);
	sd_peer_send(&p, "SET\n=3\n.\n");
	expect(&p, 203);
	expect(&p, 302);
	sd_peer_send(&p, "SPEAK\nbad \xff\xfe bytes\n.\n");
	expect(&p, 202);
	expect(&p, 301);
	sd_peer_send(&p, "KEY\nx\ny\n.\n");
	expect(&p, 202);
	expect(&p, 305);
	sd_peer_send(&p, "AUDIO\naudio_output_method=pulse\n.\n");
	expect(&p, 207);
	expect(&p, 303);
	sd_peer_send(&p, "DEBUG ON\n");
	expect(&p, 302);
	sd_peer_send(&p, "LIST VOICES de\n");
	expect(&p, 304);
	sd_peer_send(&p, "STOP\nPAUSE\n");   /* nothing to stop: no reply */
	say(&p, "fr", "SPEAK", "Toujours là.", &h);
	assert_int_equal(h.codes[h.n - 1], 702);
	assert_true(h.samples > 0);
	heard_release(&h);
	/* a SPEAK whose final dot never comes, then the end of input */
	sd_peer_send(&p, "SPEAK\n");
	expect(&p, 202);
	sd_peer_send(&p, "texte sans fin\n");
	assert_int_equal(sd_peer_stop(&p, 0, 10000), 0);
}

/* How alike two messages' audio is (e2e.h's pcm_likeness), 0 when their
 * lengths differ by more than 1%.  eSpeak NG keeps a little state from
 * one message to the next, so the same text may come out a few samples
 * longer or shorter. */
static double likeness(const struct heard *a, const struct heard *b)
{
	if (labs(a->samples - b->samples) > (a->samples + b->samples) / 200 ||
	    a->samples < 2200)
		return 0;
	return pcm_likeness(a->audio, a->samples, b->audio, b->samples, NULL);
}

static void assert_same_audio(const struct heard *a, const struct heard *b)
{
	double l = likeness(a, b);

	if (l < 0.97)
		fprintf(stderr, "likeness %.3f (%ld and %ld samples)\n", l,
			a->samples, b->samples);
	assert_true(l >= 0.97);
}

/* `kind text` and the French or English words for it sound the same. */
static void same_as_words(struct sd_peer *p, const char *lang,
			  const char *kind, const char *text, const char *words)
{
	struct heard a, b;

	say(p, lang, kind, text, &a);
	say(p, lang, "SPEAK", words, &b);
	assert_same_audio(&a, &b);
	heard_release(&a);
	heard_release(&b);
}

/* After `settings`, `kind text` sounds like the French `words` said
 * without them.  The reference is said twice: eSpeak NG's intonation
 * carries a little from the message before, so the second one comes
 * after the same text as what it is compared with. */
static void set_same_as_words(struct sd_peer *p, const char *settings,
			      const char *kind, const char *text,
			      const char *words)
{
	struct heard a, b;

	say(p, "fr", "SPEAK", words, &b);
	heard_release(&b);
	say(p, "fr", "SPEAK", words, &b);
	if (settings)
		set_then_say(p, settings, kind, text, &a);
	else
		say(p, "fr", kind, text, &a);
	assert_same_audio(&a, &b);
	heard_release(&a);
	heard_release(&b);
}

static void char_key_and_punctuation_names(void **state)
{
	struct sd_peer p;
	struct heard a, b;

	up(&p, module_bin());
	same_as_words(&p, "fr", "CHAR", ",", "virgule");
	say(&p, "fr", "CHAR", ",", &a);
	say(&p, "fr", "SPEAK", "point", &b);   /* the measure tells words apart */
	assert_true(likeness(&a, &b) < 0.9);
	heard_release(&a);
	heard_release(&b);
	same_as_words(&p, "fr", "KEY", "shift_left", "majuscule flèche gauche");
	same_as_words(&p, "en", "KEY", "enter", "enter");
	/* a capital said as such with cap_let_recogn spell; spelling mode */
	set_same_as_words(&p, "cap_let_recogn=spell\n", "CHAR", "A",
			  "a majuscule");
	set_same_as_words(&p, "spelling_mode=on\n", "SPEAK", "b 2",
			  "b, espace, 2");
	/* a message of punctuation alone is said by name, in any mode */
	set_same_as_words(&p, NULL, "SPEAK", "<speak>?</speak>",
			  "point d'interrogation?");
	/* punctuation said in mode all, not in mode none */
	set_same_as_words(&p, "punctuation_mode=all\n", "SPEAK", "Oui, non !",
			  "Oui virgule, non point d'exclamation!");
	stop_module(&p);
}

/* Rate, volume and voice change the audio as they should. */
static void settings_change_the_voice(void **state)
{
	struct sd_peer p;
	struct heard base, fast, soft;
	double e0 = 0, e1 = 0;

	up(&p, module_bin());
	say(&p, "fr", "SPEAK", "Bonjour, voici les nouvelles.", &base);
	set_then_say(&p, "rate=60\n", "SPEAK", "Bonjour, voici les nouvelles.", &fast);
	set_then_say(&p, "rate=0\nvolume=-50\n", "SPEAK", "Bonjour, voici les nouvelles.", &soft);
	assert_true(fast.samples < base.samples * 0.8);
	for (long i = 0; i < base.samples; i++)
		e0 += (double)base.audio[i] * base.audio[i];
	for (long i = 0; i < soft.samples; i++)
		e1 += (double)soft.audio[i] * soft.audio[i];
	assert_true(e1 < e0 * 0.6 && e1 > e0 * 0.05);   /* quieter, still there */
	heard_release(&base);
	heard_release(&fast);
	heard_release(&soft);
	stop_module(&p);
}

static void list_voices_and_sound_icon(void **state)
{
	struct sd_peer p;
	struct sd_msg m;
	struct heard h;

	up(&p, module_bin());
	sd_peer_send(&p, "LIST VOICES\n");
	assert_true(sd_peer_read(&p, &m, 20000));
	assert_int_equal(m.code, 200);
	assert_non_null(strstr(m.text, "200-fr-anchor\tfr\tnone\n"));
	assert_non_null(strstr(m.text, "200-en-anchor\ten\tnone\n"));
	assert_non_null(strstr(m.text, "200-fr-be-anchor\tfr-BE\tnone\n"));
	assert_non_null(strstr(m.text, "\n200 OK VOICE LIST SENT"));
	sd_msg_release(&m);
	sd_peer_send(&p, "LIST VOICES en\n");
	assert_true(sd_peer_read(&p, &m, 20000));
	assert_string_equal(m.text, "200-en-anchor\ten\tnone\n"
			    "200-en-us-anchor\ten-US\tnone\n200 OK VOICE LIST SENT");
	sd_msg_release(&m);
	say(&p, "fr", "SOUND_ICON", "message", &h);
	assert_int_equal(h.n, 4);
	assert_int_equal(h.codes[1], 701);
	assert_int_equal(h.codes[2], 706);
	assert_int_equal(h.codes[3], 702);
	heard_release(&h);
	sd_peer_send(&p, "DEBUG ON %s\n", scratch("debug.log"));
	expect(&p, 200);
	sd_peer_send(&p, "DEBUG OFF\n");
	expect(&p, 200);
	stop_module(&p);
}

static void bad_config_file_named(void **state)
{
	struct run_result r;

	run(&r, "printf 'CrieurDefaultVoice \"fr-anchor\"\\nCrieurVolume 3\\n' > %s && "
	    "%s %s < /dev/null", scratch("bad.conf"), module_bin(), scratch("bad.conf"));
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "bad.conf:2: unknown option 'CrieurVolume'"));
	run(&r, "printf 'CrieurDefaultVoice en-anchor\\n' > %s && printf 'INIT\\nQUIT\\n' | %s %s",
	    scratch("good.conf"), module_bin(), scratch("good.conf"));
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "voice en-anchor\n299 OK LOADED SUCCESSFULLY\n210 OK QUIT\n"));
}

/* make install-sd puts the module and its configuration where Debian's
 * speech-dispatcher looks, under DESTDIR; the installed pair starts. */
static void install_where_speech_dispatcher_looks(void **state)
{
	struct run_result r;
	char b[512];
	const char *root = scratch("root");

	snprintf(b, sizeof(b), "%s", module_bin());
	*strrchr(b, '/') = '\0';   /* the build directory */
	run(&r, "make -s install-sd B=%s DESTDIR=%s PREFIX=/usr libexecdir=/usr/lib "
	    "sysconfdir=/etc", b, root);
	assert_int_equal(r.status, 0);
	run(&r, "printf 'INIT\\nQUIT\\n' | %s/usr/lib/speech-dispatcher-modules/sd_crieur "
	    "%s/etc/speech-dispatcher/modules/crieur.conf", root, root);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "voice fr-anchor\n299 OK LOADED SUCCESSFULLY\n"));
	/* a second install keeps the (edited) configuration */
	run(&r, "echo 'CrieurDefaultVoice en-anchor' > %s/etc/speech-dispatcher/modules/crieur.conf"
	    " && make -s install-sd B=%s DESTDIR=%s PREFIX=/usr libexecdir=/usr/lib "
	    "sysconfdir=/etc && cat %s/etc/speech-dispatcher/modules/crieur.conf",
	    root, b, root, root);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "CrieurDefaultVoice en-anchor\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_replies_as_sd_espeak_ng),
		cmocka_unit_test(events_in_order),
		cmocka_unit_test(marks_at_their_audio_position),
		cmocka_unit_test(stop_mid_utterance),
		cmocka_unit_test(pause_at_a_mark),
		cmocka_unit_test(speak_100_kb),
		cmocka_unit_test(malformed_input_answered),
		cmocka_unit_test(char_key_and_punctuation_names),
		cmocka_unit_test(settings_change_the_voice),
		cmocka_unit_test(list_voices_and_sound_icon),
		cmocka_unit_test(bad_config_file_named),
		cmocka_unit_test(install_where_speech_dispatcher_looks),
	};
	return e2e_done(cmocka_run_group_tests_name("sd_crieur", tests,
						    NULL, NULL));
}
