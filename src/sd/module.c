/* module.c - the output module: commands in, replies, events and audio out. */
#include "sd/module.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/thread.h"
#include "base/util.h"
#include "sd/message.h"
#include "sd/names.h"
#include "sd/proto.h"
#include "sd/settings.h"
#include "sd/speak.h"
#include "speech/synth.h"
#include "speech/voice.h"
#include "text/utf8.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* Frames per 705 block: ~46 ms at 22050 Hz, small enough to stop fast. */
enum { BLOCK = 1024 };

struct job {
	enum sd_cmd_type type;
	char *text;
	size_t len;
	sd_settings set;
};

struct module {
	int out_fd;
	sd_config cfg;
	pthread_mutex_t out_lock;    /* one writer at a time */
	int out_failed;
	pthread_mutex_t lock;        /* the fields below */
	pthread_cond_t changed;
	struct job *job;             /* waiting for the worker */
	int busy;                    /* a message is being said */
	int quit;
	int stop, pause;             /* atomics, read while speaking */
	pthread_t thread;
	sd_settings set;
	pthread_mutex_t log_lock;    /* debug and log_level */
	FILE *debug;                 /* DEBUG ON file: everything */
	int log_level;
	sd_names *names[2];          /* fr, en (worker only) */
};

/* Log to stderr (speech-dispatcher keeps it) and the DEBUG file. */
static void logf_(struct module *m, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void logf_(struct module *m, int level, const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&m->log_lock);
	if (level <= m->log_level) {
		va_start(ap, fmt);
		fputs("sd_crieur: ", stderr);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
		va_end(ap);
	}
	if (m->debug) {
		va_start(ap, fmt);
		vfprintf(m->debug, fmt, ap);
		fputc('\n', m->debug);
		fflush(m->debug);
		va_end(ap);
	}
	pthread_mutex_unlock(&m->log_lock);
}

/* Replace the DEBUG file (NULL: none). */
static void set_debug(struct module *m, FILE *f)
{
	pthread_mutex_lock(&m->log_lock);
	if (m->debug)
		fclose(m->debug);
	m->debug = f;
	pthread_mutex_unlock(&m->log_lock);
}

/* Write all of buf[0..n) under the output lock. */
static int send_bytes(struct module *m, const char *buf, size_t n)
{
	int err = 0;

	pthread_mutex_lock(&m->out_lock);
	while (n && !m->out_failed) {
		ssize_t w = write(m->out_fd, buf, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			__atomic_store_n(&m->out_failed, 1, __ATOMIC_RELEASE);
			break;
		}
		buf += w;
		n -= (size_t)w;
	}
	err = m->out_failed ? CRIEUR_EIO : 0;
	pthread_mutex_unlock(&m->out_lock);
	return err;
}

/* One reply or event line (LF added). */
static int send_line(struct module *m, const char *line)
{
	strbuf sb;
	int err;

	sb_init(&sb);
	sb_adds(&sb, line);
	sb_addch(&sb, '\n');
	err = send_bytes(m, sb.buf, sb.len);
	sb_release(&sb);
	return err;
}

/* ---- the worker: one message at a time ---- */

static int should_stop(void *ctx)
{
	struct module *m = ctx;

	return __atomic_load_n(&m->stop, __ATOMIC_ACQUIRE);
}

static sd_names *names_for(struct module *m, const char *lang)
{
	int en = !strncmp(lang, "en", 2);

	if (!m->names[en] && sd_names_new(&m->names[en], lang))
		logf_(m, 1, "no key names for '%s': %s", lang, err_detail());
	return m->names[en];
}

/* Whether the message has symbols and no letter or digit ("?", "…"):
 * the normalizer would drop them all, so they are said by name. */
static int symbols_only(const sd_names *nm, const sd_message *msg)
{
	int some = 0;

	for (size_t i = 0; nm && i < msg->n; i++) {
		const sd_segment *s = &msg->seg[i];
		size_t blank = strspn(s->text, " \t\r\n");

		if (blank == s->len)
			continue;
		if (!sd_names_only_symbols(nm, s->text, s->len))
			return 0;
		some = 1;
	}
	return some;
}

/* The pieces of a message: its segments, punctuation named or spelled;
 * a character or a key by its name.  *raise: a capital letter. */
static size_t message_pieces(struct module *m, const struct job *j,
			     const char *lang, sd_message *msg, strbuf *said,
			     sd_piece **pieces, int *raise)
{
	sd_names *nm = names_for(m, lang);
	size_t n;

	if (j->type == SD_CHAR || j->type == SD_KEY) {
		said[0].len = 0;
		if (nm && j->type == SD_CHAR)
			sd_names_char(nm, j->text, j->len, j->set.cap, &said[0], raise);
		else if (nm)
			sd_names_key(nm, j->text, j->len, j->set.cap, &said[0], raise);
		*pieces = xcalloc(1, sizeof(**pieces));
		(*pieces)[0] = (sd_piece){ sb_cstr(&said[0]), said[0].len, 1, NULL };
		return 1;
	}
	n = msg->n;
	*pieces = xcalloc(n, sizeof(**pieces));
	for (size_t i = 0; i < n; i++) {
		const sd_segment *s = &msg->seg[i];
		sd_piece *p = &(*pieces)[i];
		int punct = symbols_only(nm, msg) ? SD_PUNCT_ALL : j->set.punct;

		if (nm && j->set.spelling) {
			sd_names_spell(nm, s->text, s->len, j->set.cap, &said[i]);
			*p = (sd_piece){ sb_cstr(&said[i]), said[i].len, 1, s->mark };
		} else if (nm && punct != SD_PUNCT_NONE) {
			sd_names_punctuate(nm, s->text, s->len, punct, &said[i]);
			*p = (sd_piece){ sb_cstr(&said[i]), said[i].len, 0, s->mark };
		} else {
			*p = (sd_piece){ s->text, s->len, 0, s->mark };
		}
	}
	return n;
}

/* The message being said (worker only). */
struct saying {
	struct module *m;
	strbuf sb;          /* the event being written */
	long long sent;     /* frames of audio sent */
	int rate;
	int paused;         /* stopped at a mark for PAUSE */
	int failed;         /* the server is gone */
};

/* A mark reached (all the audio before it sent): 700; non-zero to stop
 * there, when PAUSE waits for a "__spd_" mark. */
static int on_mark(void *ctx, const char *name)
{
	struct saying *s = ctx;

	sb_reset(&s->sb);
	sd_format_mark(&s->sb, name);
	s->failed |= send_bytes(s->m, s->sb.buf, s->sb.len) != 0;
	if (__atomic_load_n(&s->m->pause, __ATOMIC_ACQUIRE) &&
	    !strncmp(name, "__spd_", 6))
		s->paused = 1;
	return s->paused || s->failed;
}

/* The speech's stop test (its context is the saying, as for on_mark). */
static int saying_stop(void *ctx)
{
	struct saying *s = ctx;

	return should_stop(s->m);
}

/* Read the speech to its end (or a stop) and send it as 705 blocks. */
static void stream(struct saying *s, sd_speech *sp)
{
	short block[BLOCK];
	long got = 0;

	while (!should_stop(s->m) && !s->failed &&
	       (got = sd_speech_read(sp, block, BLOCK)) > 0) {
		if (!s->sent)
			logf_(s->m, 3, "first audio");
		sb_reset(&s->sb);
		sd_format_audio(&s->sb, block, (size_t)got, s->rate);
		s->failed |= send_bytes(s->m, s->sb.buf, s->sb.len) != 0;
		s->sent += got;
	}
	if (got < 0)
		logf_(s->m, 1, "speech failed: %s", err_detail());
}

/* Start saying job j (not a sound icon): the voice the settings choose,
 * the message cut at its marks and named as the modes say. */
static int start(struct saying *s, const struct job *j, sd_message *msg,
		 strbuf **said, sd_piece **pieces, sd_speech **sp)
{
	struct module *m = s->m;
	const char *lang;
	size_t n;
	voice v;
	int raise = 0, err;

	if ((err = sd_settings_voice(&j->set, m->cfg.default_voice, &v, &lang)))
		return err;
	sd_message_parse(msg, j->type == SD_SPEAK ? j->text : "",
			 j->type == SD_SPEAK ? j->len : 0);
	*said = xcalloc(msg->n, sizeof(**said));
	n = message_pieces(m, j, lang, msg, *said, pieces, &raise);
	if (raise)   /* a capital letter, said higher */
		v.pitch = v.pitch + 25 > 100 ? 100 : v.pitch + 25;
	if ((err = sd_speech_open(sp, &v, lang, *pieces, n, saying_stop,
				  on_mark, s)))
		return err;
	s->rate = sd_speech_rate(*sp);
	logf_(m, 3, "%s: %zu bytes, voice %s, language %s",
	      j->type == SD_SPEAK ? "SPEAK" : j->type == SD_CHAR ? "CHAR" : "KEY",
	      j->len, v.name, lang);
	return 0;
}

/* Say one message: 701, audio and marks, then 702, 703 or 704. */
static void say(struct module *m, struct job *j)
{
	struct saying s = { .m = m };
	sd_message msg = { 0 };
	strbuf *said = NULL;
	sd_piece *pieces = NULL;
	sd_speech *sp = NULL;
	const char *end;

	sb_init(&s.sb);
	send_line(m, "701 BEGIN");
	if (j->type == SD_SOUND_ICON) {   /* the server plays it */
		sb_addf(&s.sb, "706-%s\n706 ICON\n", j->text);
		send_bytes(m, s.sb.buf, s.sb.len);
	} else if (start(&s, j, &msg, &said, &pieces, &sp)) {
		logf_(m, 1, "cannot speak: %s", err_detail());
	} else {
		stream(&s, sp);
	}
	end = __atomic_load_n(&m->stop, __ATOMIC_ACQUIRE) ? "703 STOP" :
		s.paused || __atomic_load_n(&m->pause, __ATOMIC_ACQUIRE) ?
		"704 PAUSE" : "702 END";
	logf_(m, 3, "%s after %lld frames", end, s.sent);
	/* idle before the end event: the server may send the next message
	 * as soon as it has it (the worker takes it after the clean-up) */
	pthread_mutex_lock(&m->lock);
	m->busy = 0;
	pthread_cond_broadcast(&m->changed);
	pthread_mutex_unlock(&m->lock);
	send_line(m, end);
	sd_speech_free(sp);
	free(pieces);
	for (size_t i = 0; said && i < msg.n; i++)
		sb_release(&said[i]);
	free(said);
	sb_release(&s.sb);
	sd_message_release(&msg);
}

static void *worker(void *arg)
{
	struct module *m = arg;

	pthread_mutex_lock(&m->lock);
	for (;;) {
		struct job *j;

		while (!m->job && !m->quit)
			pthread_cond_wait(&m->changed, &m->lock);
		if (!m->job)
			break;
		j = m->job;
		m->job = NULL;
		pthread_mutex_unlock(&m->lock);
		say(m, j);
		free(j->text);
		free(j);
		pthread_mutex_lock(&m->lock);
	}
	pthread_mutex_unlock(&m->lock);
	return NULL;
}

/* ---- commands ---- */

/* Wait (at most ~2 s) for a stopping message to end; 1 when idle. */
static int wait_idle(struct module *m)
{
	int idle;

	pthread_mutex_lock(&m->lock);
	for (int i = 0; m->busy && __atomic_load_n(&m->stop, __ATOMIC_ACQUIRE) &&
	     i < 400; i++)
		thread_cond_wait_ms(&m->changed, &m->lock, 5);
	idle = !m->busy;
	pthread_mutex_unlock(&m->lock);
	return idle;
}

/* SPEAK, CHAR, KEY, SOUND_ICON with their body. */
static void cmd_speak(struct module *m, const sd_cmd *c)
{
	struct job *j;
	size_t bad;

	if (c->truncated || !c->len) {
		logf_(m, 2, c->len ? "message over %d bytes" : "empty message", SD_BODY_MAX);
		send_line(m, SD_ERR_CANT_SPEAK);
		return;
	}
	if (c->type != SD_SPEAK && c->lines > 1) {
		send_line(m, SD_ERR_MULTILINE);
		return;
	}
	if ((bad = utf8_validate(c->text, c->len)) < c->len ||
	    memchr(c->text, '\0', c->len)) {
		logf_(m, 1, "message is not valid UTF-8 (byte %zu)", bad);
		send_line(m, SD_ERR_CANT_SPEAK);
		return;
	}
	if (!wait_idle(m)) {
		logf_(m, 1, "SPEAK while speaking");
		send_line(m, SD_ERR_CANT_SPEAK);
		return;
	}
	j = xcalloc(1, sizeof(*j));
	j->type = c->type;
	j->text = xstrndup(c->text, c->len);
	j->len = c->len;
	j->set = m->set;
	__atomic_store_n(&m->stop, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&m->pause, 0, __ATOMIC_RELEASE);
	send_line(m, SD_OK_SPEAKING);   /* before the worker's 701 */
	pthread_mutex_lock(&m->lock);
	m->job = j;
	m->busy = 1;
	pthread_cond_broadcast(&m->changed);
	pthread_mutex_unlock(&m->lock);
}

/* SET: every parameter applied that is good; 302/303 otherwise. */
static void cmd_set(struct module *m, const sd_cmd *c)
{
	int bad = 0;

	for (size_t i = 0; i < c->n_params; i++)
		if (sd_settings_set(&m->set, c->params[i].key, c->params[i].value)) {
			logf_(m, 1, "SET: bad %s=%s", c->params[i].key,
			      c->params[i].value);
			bad = 1;
		}
	send_line(m, c->syntax ? SD_ERR_SYNTAX : bad ? SD_ERR_PARAM : SD_OK_SETTINGS);
}

/* AUDIO: only audio_output_method=server (the audio comes back as 705). */
static void cmd_audio(struct module *m, const sd_cmd *c)
{
	int bad = 0;

	for (size_t i = 0; i < c->n_params; i++)
		if (strcmp(c->params[i].key, "audio_output_method") ||
		    strcmp(c->params[i].value, "server")) {
			logf_(m, 1, "AUDIO: %s=%s refused: sd_crieur sends its "
			      "audio to the server", c->params[i].key,
			      c->params[i].value);
			bad = 1;
		}
	send_line(m, c->syntax ? SD_ERR_SYNTAX : bad ? SD_ERR_PARAM : SD_OK_AUDIO);
}

static void cmd_loglevel(struct module *m, const sd_cmd *c)
{
	int bad = 0;

	for (size_t i = 0; i < c->n_params; i++) {
		char *end;
		long l = strtol(c->params[i].value, &end, 10);

		if (strcmp(c->params[i].key, "log_level") || *end || l < 0 || l > 5)
			bad = 1;
		else {
			pthread_mutex_lock(&m->log_lock);
			m->log_level = (int)l > m->cfg.log_level ? (int)l :
				m->cfg.log_level;   /* the configuration is a floor */
			pthread_mutex_unlock(&m->log_lock);
		}
	}
	send_line(m, c->syntax ? SD_ERR_SYNTAX : bad ? SD_ERR_PARAM : SD_OK_LOGLEVEL);
}

/* DEBUG ON FILE | DEBUG OFF */
static void cmd_debug(struct module *m, const sd_cmd *c)
{
	char *line = xstrdup(c->line), *save = NULL;
	char *w = strtok_r(line, " ", &save);
	char *on = w ? strtok_r(NULL, " ", &save) : NULL;
	char *file = on ? strtok_r(NULL, " ", &save) : NULL;

	if (!w || strcmp(w, "DEBUG") || !on || (strcmp(on, "ON") && strcmp(on, "OFF")) ||
	    (!strcmp(on, "ON") && !file)) {
		send_line(m, SD_ERR_SYNTAX);
	} else if (!strcmp(on, "OFF")) {
		set_debug(m, NULL);
		send_line(m, "200 OK DEBUGGING OFF");
	} else {
		FILE *f = fopen(file, "a");
		if (!f) {
			send_line(m, SD_ERR_DEBUG_FILE);
		} else {
			set_debug(m, f);
			send_line(m, "200 OK DEBUGGING ON");
		}
	}
	free(line);
}

struct voice_list {
	strbuf sb;
	const char *lang, *variant;
	int count;
};

static void list_voice(const voice *v, void *ctx)
{
	struct voice_list *l = ctx;
	size_t k = strcspn(v->language, "-");

	if (l->lang && strcasecmp(l->lang, v->language) &&
	    (strlen(l->lang) != k || strncasecmp(l->lang, v->language, k)))
		return;
	if (l->variant && strcasecmp(l->variant, "none"))
		return;
	sb_addf(&l->sb, "200-%s\t%s\tnone\n", v->name, v->language);
	l->count++;
}

/* LIST VOICES [language [variant]] */
static void cmd_list_voices(struct module *m, const sd_cmd *c)
{
	char *line = xstrdup(c->line + strlen("LIST VOICES")), *save = NULL;
	struct voice_list l = { .lang = strtok_r(line, " ", &save) };

	sb_init(&l.sb);
	l.variant = l.lang ? strtok_r(NULL, " ", &save) : NULL;
	voice_each_builtin(list_voice, &l);
	sb_adds(&l.sb, l.count ? SD_OK_VOICES "\n" : SD_ERR_VOICES "\n");
	send_bytes(m, l.sb.buf, l.sb.len);
	sb_release(&l.sb);
	free(line);
}

static void cmd_init(struct module *m)
{
	int rate = synth_engine_init();
	voice v;
	strbuf sb;

	sb_init(&sb);
	if (rate < 0 || voice_load(&v, m->cfg.default_voice))
		sb_addf(&sb, "399-%s\n" SD_ERR_INIT "\n", err_detail());
	else
		sb_addf(&sb, "299-crieur: eSpeak NG %s, voice %s\n" SD_OK_INIT "\n",
			synth_engine_version(), v.name);
	send_bytes(m, sb.buf, sb.len);
	sb_release(&sb);
}

/* Handle one command event; 1 after QUIT. */
static int dispatch(struct module *m, const sd_cmd *c)
{
	if (c->phase == SD_PHASE_START) {
		send_line(m, sd_ack(c->type));
		return 0;
	}
	logf_(m, 4, "command '%s'", c->line);
	switch (c->type) {
	case SD_INIT: cmd_init(m); break;
	case SD_SPEAK: case SD_CHAR: case SD_KEY: case SD_SOUND_ICON:
		cmd_speak(m, c);
		break;
	case SD_STOP:
		__atomic_store_n(&m->stop, 1, __ATOMIC_RELEASE);
		break;
	case SD_PAUSE:
		__atomic_store_n(&m->pause, 1, __ATOMIC_RELEASE);
		break;
	case SD_SET: cmd_set(m, c); break;
	case SD_AUDIO: cmd_audio(m, c); break;
	case SD_LOGLEVEL: cmd_loglevel(m, c); break;
	case SD_DEBUG: cmd_debug(m, c); break;
	case SD_LIST_VOICES: cmd_list_voices(m, c); break;
	case SD_QUIT: return 1;
	case SD_UNKNOWN: send_line(m, SD_ERR_UNKNOWN); break;
	}
	return 0;
}

int sd_module_run(int in_fd, int out_fd, const sd_config *cfg)
{
	struct module *m = xcalloc(1, sizeof(*m));
	sd_reader *r;
	char buf[65536];
	int quit = 0, err;

	if ((err = sd_reader_new(&r))) {
		free(m);
		return err;
	}
	m->out_fd = out_fd;
	m->cfg = *cfg;
	m->log_level = cfg->log_level;
	sd_settings_init(&m->set);
	pthread_mutex_init(&m->out_lock, NULL);
	pthread_mutex_init(&m->log_lock, NULL);
	pthread_mutex_init(&m->lock, NULL);
	pthread_cond_init(&m->changed, NULL);
	if (pthread_create(&m->thread, NULL, worker, m)) {
		free(m);
		sd_reader_free(r);
		return err_set(CRIEUR_ESYNTH, "cannot start a thread");
	}
	while (!quit && !__atomic_load_n(&m->out_failed, __ATOMIC_ACQUIRE)) {
		const sd_cmd *c;
		ssize_t got = read(in_fd, buf, sizeof(buf));

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		sd_reader_push(r, buf, (size_t)got);
		while (!quit && sd_reader_next(r, &c))
			quit = dispatch(m, c);
	}
	__atomic_store_n(&m->stop, 1, __ATOMIC_RELEASE);
	pthread_mutex_lock(&m->lock);
	m->quit = 1;
	pthread_cond_broadcast(&m->changed);
	pthread_mutex_unlock(&m->lock);
	pthread_join(m->thread, NULL);
	if (quit)
		send_line(m, SD_OK_QUIT);
	err = m->out_failed ? err_set(CRIEUR_EIO, "the server is gone") : 0;
	set_debug(m, NULL);
	sd_names_free(m->names[0]);
	sd_names_free(m->names[1]);
	pthread_mutex_destroy(&m->out_lock);
	pthread_mutex_destroy(&m->log_lock);
	pthread_mutex_destroy(&m->lock);
	pthread_cond_destroy(&m->changed);
	sd_reader_free(r);
	free(m);
	return err;
}

/* ---- configuration ---- */

int sd_config_load(sd_config *c, const char *path)
{
	char *data, *line, *next;
	size_t len;
	int err, n = 0;

	memset(c, 0, sizeof(*c));
	snprintf(c->default_voice, sizeof(c->default_voice), "fr-anchor");
	c->log_level = 1;
	if (!path)
		return 0;
	if ((err = read_file(path, &data, &len)))
		return err;
	for (line = data; line && !err; line = next) {
		char key[64], value[256];
		int k;

		n++;
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		while (*line == ' ' || *line == '\t' || *line == '\r')
			line++;
		if (!*line || *line == '#')
			continue;
		k = sscanf(line, "%63s \"%255[^\"]\"", key, value);
		if (k < 2)
			k = sscanf(line, "%63s %255s", key, value);
		if (k < 2)
			err = err_set(CRIEUR_EFORMAT, "%s:%d: expected 'Option value'", path, n);
		else if (!strcmp(key, "CrieurDefaultVoice"))
			snprintf(c->default_voice, sizeof(c->default_voice), "%.63s", value);
		else if (!strcmp(key, "CrieurLogLevel") && value[0] >= '0' &&
			 value[0] <= '5' && !value[1])
			c->log_level = value[0] - '0';
		else if (!strcmp(key, "CrieurLogLevel"))
			err = err_set(CRIEUR_EFORMAT, "%s:%d: CrieurLogLevel must be "
				      "0 to 5, not '%s'", path, n, value);
		else
			err = err_set(CRIEUR_EFORMAT, "%s:%d: unknown option '%s'",
				      path, n, key);
	}
	free(data);
	if (!err) {
		voice v;
		if (voice_load(&v, c->default_voice))
			err = err_set(CRIEUR_EVOICE, "%s: CrieurDefaultVoice: %s",
				      path, err_detail());
	}
	return err;
}
