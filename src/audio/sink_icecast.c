/* sink_icecast.c - an Icecast source: a ring, a sender thread, libshout. */
#include "audio/sink_icecast.h"
#include "audio/encode_mp3.h"
#include "audio/encode_opus.h"
#include "base/error.h"
#include "base/util.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <shout/shout.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#define IDLE_S 0.3

enum { STOP_GRACE_S = 2, TITLE_QUEUE = 8, PROBE_MAX_S = 4, REFUSED_MAX_S = 30, OPUS_DELAY_MS = 200 };

int icecast_url_parse(const char *url, icecast_url *out)
{
	const char *p = url, *at, *slash, *colon;
	size_t n;

	memset(out, 0, sizeof(*out));
	if (strncmp(p, "icecast://", 10))
		goto bad;
	p += 10;
	slash = strchr(p, '/');
	if (!slash || !slash[1])
		goto bad;
	at = memchr(p, '@', (size_t)(slash - p));
	if (at) {
		if (memchr(p, ':', (size_t)(at - p)))
			return err_set(CRIEUR_EINVAL, "'%s': no password in the URL; "
				       "use password_file or CRIEUR_ICECAST_PASSWORD",
				       "icecast://...");
		if ((n = (size_t)(at - p)) == 0 || n >= sizeof(out->user))
			goto bad;
		memcpy(out->user, p, n);
		p = at + 1;
	} else {
		strcpy(out->user, "source");
	}
	colon = memchr(p, ':', (size_t)(slash - p));
	n = (size_t)((colon ? colon : slash) - p);
	if (n == 0 || n >= sizeof(out->host))
		goto bad;
	memcpy(out->host, p, n);
	out->port = 8000;
	if (colon) {
		char *end;
		long port = strtol(colon + 1, &end, 10);

		if (end != slash || port < 1 || port > 65535)
			goto bad;
		out->port = (int)port;
	}
	if (strlen(slash) >= sizeof(out->mount) || strpbrk(slash, " \t\r\n?#"))
		goto bad;
	strcpy(out->mount, slash);
	return 0;
bad:
	return err_set(CRIEUR_EINVAL, "'%s' is not an Icecast URL "
		       "(icecast://[user@]host[:port]/mount)", url);
}

enum icecast_format icecast_format_for_mount(const char *mount)
{
	const char *dot = strrchr(mount, '.');

	if (dot && !strcasecmp(dot, ".mp3"))
		return ICECAST_MP3;
	if (dot && (!strcasecmp(dot, ".opus") || !strcasecmp(dot, ".ogg")))
		return ICECAST_OPUS;
	return ICECAST_AUTO;
}

int icecast_password(const char *path, char **out)
{
	char line[512];
	struct stat st;
	FILE *f;

	*out = NULL;
	if (!path) {
		const char *env = getenv("CRIEUR_ICECAST_PASSWORD");

		if (!env || !*env)
			return err_set(CRIEUR_EINVAL, "no Icecast password: set "
				       "password_file or CRIEUR_ICECAST_PASSWORD");
		*out = xstrdup(env);
		return 0;
	}
	if (!(f = fopen(path, "r")))
		return err_set(errno == ENOENT ? CRIEUR_ENOENT : CRIEUR_EIO,
			       "cannot read '%s': %s", path, strerror(errno));
	if (fstat(fileno(f), &st) == 0 && (st.st_mode & 077)) {
		fclose(f);
		return err_set(CRIEUR_EINVAL, "'%s' is readable by others "
			       "(mode %03o): run chmod 600 '%s'", path,
			       (unsigned)(st.st_mode & 0777), path);
	}
	if (!fgets(line, sizeof(line), f))
		line[0] = '\0';
	fclose(f);
	line[strcspn(line, "\r\n")] = '\0';
	if (!line[0])
		return err_set(CRIEUR_EINVAL, "'%s' holds no password", path);
	*out = xstrdup(line);
	return 0;
}

struct title_at {
	long long at;   /* the frame (count written) it starts at */
	char *text;
};

struct ice {
	audio_sink base;
	icecast_options opt;
	enum icecast_format format;
	int bitrate;
	char *where;            /* icecast://user@host:port/mount, for messages */
	char *station;
	shout_t *shout;

	pthread_mutex_t mu;
	pthread_cond_t cv;      /* data, room, state changes */
	float *ring;
	long cap;               /* frames */
	long long head, tail;   /* frames written, frames taken */
	struct title_at titles[TITLE_QUEUE];
	int n_titles;
	int finishing, stopping, thread_started, exited;
	int cancelled;          /* the sender was cancelled: its shout_t is
				 * mid-connection, and any libshout call on
				 * it may block again: it is left alone */
	double last_write;      /* now_s() of the last write() */
	double hold_until;      /* now_s() before which the ring waits */
	long long first_ns;     /* CLOCK_MONOTONIC of the first frame taken
				 * after the hold (0: not yet) */
	icecast_stats stats;

	/* the sender's own */
	pthread_t th;
	float *block_buf;       /* one block (a member: a cancelled sender
				 * leaks nothing) */
	mp3_stream *mp3;
	opus_stream *opus;
	char *title;            /* as now playing */
	int title_dirty;
	int sent_err;
	double retry_at, backoff;
	int last_fail;          /* the last failure's shout error, 0: none */
	err_ctx fail;           /* and its message (the sender's; read by
				 * finish() once the sender is joined) */
	struct timespec drop_clock;
};

static pthread_once_t shout_once = PTHREAD_ONCE_INIT;

/* libshout 2.4 (up to 2.4.6, Debian's) frees a shout_t only while it is
 * connected (shout_free() tests its connection the wrong way round), so
 * a closed one cannot be freed.  Closed ones are kept here for the next
 * sink instead: memory stays bounded by the sinks open at once. */
static struct {
	pthread_mutex_t mu;
	shout_t *idle[8];
	int n;
	/* those of cancelled senders, mid-connection: any libshout call on
	 * them may block, so they are only kept (a hung server at exit) */
	shout_t *abandoned[8];
	int n_abandoned;
} pool = { PTHREAD_MUTEX_INITIALIZER, { 0 }, 0, { 0 }, 0 };

static shout_t *shout_take(void)
{
	shout_t *sh = NULL;

	pthread_once(&shout_once, shout_init);
	pthread_mutex_lock(&pool.mu);
	if (pool.n)
		sh = pool.idle[--pool.n];
	pthread_mutex_unlock(&pool.mu);
	return sh ? sh : shout_new();
}

/* Give back a closed shout_t, or keep an abandoned one. */
static void shout_give(shout_t *sh, int abandoned)
{
	if (!sh)
		return;
	pthread_mutex_lock(&pool.mu);
	if (abandoned) {
		if (pool.n_abandoned < (int)ARRAY_SIZE(pool.abandoned))
			pool.abandoned[pool.n_abandoned++] = sh;
	} else if (pool.n < (int)ARRAY_SIZE(pool.idle))
		pool.idle[pool.n++] = sh;
	else
		shout_free(sh);
	pthread_mutex_unlock(&pool.mu);
}

/* The network calls that may block for long (a host that does not
 * answer, a peer that stops reading) are the only places where the
 * sender can be cancelled (stop(), when it does not end in time). */
static int blocking_call_open(struct ice *s)
{
	int e, old;

	pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old);
	e = shout_open(s->shout);
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
	return e;
}

/* Connection state changes, under the lock (stats are read elsewhere). */
static void set_connected(struct ice *s, int connected)
{
	pthread_mutex_lock(&s->mu);
	s->stats.connected = connected;
	if (connected)
		s->stats.connects++;
	pthread_mutex_unlock(&s->mu);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void event(struct ice *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void event(struct ice *s, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (!s->opt.event)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	s->opt.event(s->opt.event_ctx, msg);
}

/* Encoder output: to the server, or nowhere while disconnected. */
static int send_bytes(void *ctx, const unsigned char *p, size_t n)
{
	struct ice *s = ctx;
	int e, old;

	if (!n || s->sent_err || !s->stats.connected)
		return 0;

	pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old);
	e = shout_send(s->shout, p, n);
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
	if (e != SHOUTERR_SUCCESS) {
		s->sent_err = shout_get_errno(s->shout);
		return 0;   /* noted; the sender closes the connection */
	}
	pthread_mutex_lock(&s->mu);
	s->stats.sent_bytes += (long long)n;
	pthread_mutex_unlock(&s->mu);
	return 0;
}

/* A one-frame tag (title, artist) for an Ogg stream's OpusTags. */
static int chain_title(struct ice *s)
{
	id3_tag *tag;
	int err = id3_new(&tag);

	if (err)
		return err;
	if (s->title)
		id3_set(tag, "TIT2", s->title);
	if (s->station)
		id3_set(tag, "TPE1", s->station);
	err = opus_stream_chain(s->opus, tag);
	id3_free(tag);
	return err;
}

/* Start a fresh encoder for a new connection. */
static int encoder_start(struct ice *s)
{
	mp3_options mo = { .bitrate = s->bitrate, .quality = 5 };
	/* complexity 5 and DTX: a third of the CPU of complexity 10 on
	 * speech (tests/bench/stream.sh), no audible loss at 32 kbit/s */
	opus_options oo = { .bitrate = s->bitrate, .track_lufs = NAN,
			    .complexity = 5, .dtx = 1 };
	int err;

	mp3_stream_free(s->mp3);
	opus_stream_free(s->opus);
	s->mp3 = NULL;
	s->opus = NULL;
	if (s->format == ICECAST_MP3)
		return mp3_stream_new(&s->mp3, s->base.fmt, &mo, send_bytes, s);
	if ((err = opus_stream_new(&s->opus, s->base.fmt, &oo, OPUS_DELAY_MS,
				   send_bytes, s)))
		return err;
	s->title_dirty = 0;
	return chain_title(s);   /* the first stream's tags */
}

static void free_metadata(void *m)
{
	shout_metadata_free(m);
}

/* Send the title as MP3 metadata (Ogg: chain, see apply_title). */
static void mp3_title(struct ice *s)
{
	shout_metadata_t *m = shout_metadata_new();
	int bad, old;

	if (!m)
		return;
	/* a server that hangs may keep the request until stop() cancels
	 * the sender: m is freed then too */
	pthread_cleanup_push(free_metadata, m);
	pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old);
	bad = shout_metadata_add(m, "song", s->title ? s->title : "") ||
	      shout_set_metadata_utf8(s->shout, m);
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
	pthread_cleanup_pop(0);
	if (bad)
		event(s, "%s: cannot set the title: %s", s->where,
		      shout_get_error(s->shout));
	shout_metadata_free(m);
}

static void apply_title(struct ice *s)
{
	if (!s->title_dirty || !s->stats.connected)
		return;
	s->title_dirty = 0;
	if (s->format == ICECAST_MP3)
		mp3_title(s);
	else if (chain_title(s))
		event(s, "%s: cannot chain the new title: %s", s->where,
		      err_detail());
}

/* Schedule the next attempt after a failure of class `refused`. */
static void schedule_retry(struct ice *s, int refused)
{
	double cap = refused ? REFUSED_MAX_S : PROBE_MAX_S;

	s->backoff = s->backoff <= 0 ? 1 : s->backoff * 2;
	if (s->backoff > cap)
		s->backoff = cap;
	s->retry_at = now_s() + s->backoff;
}

static void try_connect(struct ice *s)
{
	int e;

	if (now_s() < s->retry_at)
		return;
	e = blocking_call_open(s);
	if (e == SHOUTERR_SUCCESS || e == SHOUTERR_CONNECTED) {
		set_connected(s, 1);
		s->backoff = 0;
		s->last_fail = 0;
		s->sent_err = 0;
		event(s, "%s: connected", s->where);
		if (encoder_start(s)) {
			event(s, "%s: encoder: %s", s->where, err_detail());
			shout_close(s->shout);
			set_connected(s, 0);
			schedule_retry(s, 1);
			return;
		}
		s->title_dirty = s->format == ICECAST_MP3 && s->title;
		return;
	}
	schedule_retry(s, e != SHOUTERR_NOCONNECT);
	if (e != s->last_fail)   /* say it once, not at every retry */
		event(s, "%s: %s: %s; retrying (every %g s at most)", s->where,
		      e == SHOUTERR_NOCONNECT ? "cannot connect (server down?)" :
		      e == SHOUTERR_NOLOGIN ? "the server refused the source "
		      "(wrong password, or the mount in use)" : "cannot connect",
		      shout_get_error(s->shout),
		      e == SHOUTERR_NOCONNECT ? (double)PROBE_MAX_S :
		      (double)REFUSED_MAX_S);
	s->last_fail = e;
	err_keep(&s->fail, err_set(CRIEUR_ENET, "%s", shout_get_error(s->shout)));
	shout_close(s->shout);
}

static void disconnect(struct ice *s, const char *why)
{
	event(s, "%s: connection lost (%s); reconnecting", s->where, why);
	shout_close(s->shout);
	set_connected(s, 0);
	s->sent_err = 0;
	s->last_fail = 0;
	s->backoff = 0;
	s->retry_at = now_s() + 0.2;
}

/* Disconnected: consume n frames at the audio's pace (dropped). */
static void drop_paced(struct ice *s, long n)
{
	struct timespec now;
	double ahead;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (s->drop_clock.tv_sec < now.tv_sec - 1 ||
	    (s->drop_clock.tv_sec == 0 && s->drop_clock.tv_nsec == 0))
		s->drop_clock = now;
	s->drop_clock.tv_nsec += (long)((double)n / s->base.fmt.rate * 1e9);
	s->drop_clock.tv_sec += s->drop_clock.tv_nsec / 1000000000L;
	s->drop_clock.tv_nsec %= 1000000000L;
	ahead = (s->drop_clock.tv_sec - now.tv_sec) +
		(s->drop_clock.tv_nsec - now.tv_nsec) / 1e9;
	if (ahead > 0)
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &s->drop_clock, NULL);
}

/* Take up to max frames from the ring into buf, with the title that
 * starts within them; waits up to 0.2 s for a full block.  Returns the
 * frames taken, -1 to stop; *idle is set when nothing was written for
 * IDLE_S (the writer is between texts or not started). */
static long take(struct ice *s, float *buf, long max, int *done, int *idle)
{
	int ch = s->base.fmt.channels;
	struct timespec until;
	long n;

	pthread_mutex_lock(&s->mu);
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_nsec += 200000000L;
	until.tv_sec += until.tv_nsec / 1000000000L;
	until.tv_nsec %= 1000000000L;
	while (s->head - s->tail < max && !s->finishing && !s->stopping &&
	       !(s->hold_until > 0))
		if (pthread_cond_timedwait(&s->cv, &s->mu, &until) == ETIMEDOUT)
			break;
	if (s->stopping) {
		pthread_mutex_unlock(&s->mu);
		return -1;
	}
	if (s->hold_until > 0 && now_s() < s->hold_until) {
		/* pre-roll: what is written waits for its instant */
		*done = 0;
		*idle = 1;
		pthread_mutex_unlock(&s->mu);
		return 0;
	}
	n = s->head - s->tail < max ? (long)(s->head - s->tail) : max;
	if (n > 0 && s->hold_until > 0) {
		struct timespec ts;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		s->first_ns = ts.tv_sec * 1000000000LL + ts.tv_nsec;
		s->hold_until = 0;
	}
	for (long i = 0; i < n; i++) {
		long at = (long)((s->tail + i) % s->cap);
		memcpy(buf + i * ch, s->ring + at * ch, sizeof(float) * (size_t)ch);
	}
	while (s->n_titles && s->titles[0].at <= s->tail + n) {
		free(s->title);
		s->title = s->titles[0].text;
		s->title_dirty = 1;
		memmove(s->titles, s->titles + 1,
			--s->n_titles * sizeof(s->titles[0]));
	}
	s->tail += n;
	*done = s->finishing && s->head == s->tail;
	*idle = now_s() - s->last_write > IDLE_S;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
	return n;
}

/* Encode and send n frames (connected). */
static void send_frames(struct ice *s, const float *buf, long n)
{
	int err = s->format == ICECAST_MP3 ? mp3_stream_write(s->mp3, buf, n) :
		  opus_stream_write(s->opus, buf, n);

	if (err)
		event(s, "%s: encoder: %s", s->where, err_detail());
	if (s->sent_err)
		disconnect(s, shout_get_error(s->shout));
	else if (!s->opt.unpaced)
		shout_sync(s->shout);
}

/* n frames of what plays while nothing is written. */
static void fill(struct ice *s, float *buf, long n)
{
	long got = s->opt.fill ? stage_read(s->opt.fill, buf, n) : 0;

	if (got < 0)
		got = 0;
	memset(buf + got * s->base.fmt.channels, 0,
	       sizeof(float) * (size_t)((n - got) * s->base.fmt.channels));
}

static void *sender(void *arg)
{
	struct ice *s = arg;
	long block = s->base.fmt.rate / 50;   /* 20 ms */
	float *buf = s->block_buf;
	int done = 0, idle, old;
	sigset_t pipe;

	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
	/* a write to a server that has gone fails with EPIPE here, rather
	 * than killing the process (libshout does not ask MSG_NOSIGNAL) */
	sigemptyset(&pipe);
	sigaddset(&pipe, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe, NULL);

	while (!done) {
		long n = take(s, buf, block, &done, &idle);

		if (n < 0)
			break;
		if (!s->stats.connected)
			try_connect(s);
		apply_title(s);
		if (n < block && !done && idle && !s->opt.unpaced) {
			/* keep the stream alive */
			fill(s, buf + n * s->base.fmt.channels, block - n);
			n = block;
		}
		if (n > 0 && s->stats.connected)
			send_frames(s, buf, n);
		else if (n > 0)
			drop_paced(s, n);
	}
	if (done && s->stats.connected) {
		if (s->mp3)
			mp3_stream_drain(s->mp3);
		if (s->opus)
			opus_stream_drain(s->opus);
	}
	if (s->stats.connected)
		shout_close(s->shout);
	set_connected(s, 0);
	pthread_mutex_lock(&s->mu);
	s->exited = 1;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
	return NULL;
}

static int ice_write(audio_sink *self, const float *buf, long frames)
{
	struct ice *s = (struct ice *)self;
	int ch = self->fmt.channels;

	pthread_mutex_lock(&s->mu);
	s->last_write = now_s();
	while (frames > 0) {
		long room = s->cap - (long)(s->head - s->tail), n;

		if (room == 0 && s->opt.nonblocking) {
			s->stats.dropped_frames += frames;
			break;
		}
		if (room == 0) {
			struct timespec until;

			if (crieur_interrupted) {
				pthread_mutex_unlock(&s->mu);
				return err_set(CRIEUR_EINTR, "interrupted");
			}
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_nsec += 100000000L;
			until.tv_sec += until.tv_nsec / 1000000000L;
			until.tv_nsec %= 1000000000L;
			pthread_cond_timedwait(&s->cv, &s->mu, &until);
			continue;
		}
		n = frames < room ? frames : room;
		for (long i = 0; i < n; i++) {
			long at = (long)((s->head + i) % s->cap);
			memcpy(s->ring + at * ch, buf + i * ch,
			       sizeof(float) * (size_t)ch);
		}
		s->head += n;
		buf += n * ch;
		frames -= n;
		pthread_cond_broadcast(&s->cv);
	}
	pthread_mutex_unlock(&s->mu);
	return 0;
}

/* Stop the sender: after the ring is sent (drain) or at once.  A sender
 * stuck in the network (a host that does not answer, a peer that stops
 * reading) is cancelled after STOP_GRACE_S (plus the ring's length when
 * draining): no hang on exit. */
static void stop(struct ice *s, int drain)
{
	double grace = STOP_GRACE_S + (drain ? (double)s->cap / s->base.fmt.rate : 0);
	struct timespec until;
	int cancel = 0;

	if (!s->thread_started)
		return;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += (time_t)grace;
	pthread_mutex_lock(&s->mu);
	if (drain)
		s->finishing = 1;
	else
		s->stopping = 1;
	pthread_cond_broadcast(&s->cv);
	while (!s->exited && !cancel)
		cancel = pthread_cond_timedwait(&s->cv, &s->mu, &until) == ETIMEDOUT;
	pthread_mutex_unlock(&s->mu);
	if (cancel && !s->exited) {
		pthread_cancel(s->th);
		s->cancelled = 1;
	}
	pthread_join(s->th, NULL);
	s->thread_started = 0;
}

static int ice_finish(audio_sink *self)
{
	struct ice *s = (struct ice *)self;

	stop(s, 1);
	if (!s->stats.connects)
		return err_set(CRIEUR_ENET, "%s: never connected (%s): nothing "
			       "was streamed", s->where,
			       s->fail.code ? s->fail.detail : "no attempt");
	return 0;
}

static void ice_abort(audio_sink *self)
{
	stop((struct ice *)self, 0);
}

static void ice_free(audio_sink *self)
{
	struct ice *s = (struct ice *)self;

	stop(s, 0);
	for (int i = 0; i < s->n_titles; i++)
		free(s->titles[i].text);
	mp3_stream_free(s->mp3);
	opus_stream_free(s->opus);
	shout_give(s->shout, s->cancelled);
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->cv);
	stage_free(s->opt.fill);
	free(s->ring);
	free(s->block_buf);
	free(s->title);
	free(s->where);
	free(s->station);
	free(s);
}

void icecast_sink_set_title(audio_sink *self, const char *title)
{
	icecast_sink_set_title_at(self, -1, title);
}

void icecast_sink_set_title_at(audio_sink *self, long long at, const char *title)
{
	struct ice *s = (struct ice *)self;
	size_t n = (s->station ? strlen(s->station) + 5 : 0) + strlen(title) + 1;
	char *t = xcalloc(1, n);

	snprintf(t, n, "%s%s%s", s->station ? s->station : "",
		 s->station ? " \xE2\x80\x94 " : "", title);
	pthread_mutex_lock(&s->mu);
	if (s->n_titles == TITLE_QUEUE) {   /* keep the newest */
		free(s->titles[0].text);
		memmove(s->titles, s->titles + 1, --s->n_titles * sizeof(s->titles[0]));
	}
	s->titles[s->n_titles].at = at < s->head ? s->head : at;
	s->titles[s->n_titles++].text = t;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

void icecast_sink_hold_until(audio_sink *self, long long mono_ns)
{
	struct ice *s = (struct ice *)self;
	struct timespec ts;
	double at;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	at = now_s() + (mono_ns - (ts.tv_sec * 1000000000LL + ts.tv_nsec)) / 1e9;
	pthread_mutex_lock(&s->mu);
	s->hold_until = at;
	s->first_ns = 0;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

long long icecast_sink_started_ns(audio_sink *self)
{
	struct ice *s = (struct ice *)self;
	long long t;

	pthread_mutex_lock(&s->mu);
	t = s->first_ns;
	pthread_mutex_unlock(&s->mu);
	return t;
}

long long icecast_sink_written(audio_sink *self)
{
	struct ice *s = (struct ice *)self;
	long long h;

	pthread_mutex_lock(&s->mu);
	h = s->head;
	pthread_mutex_unlock(&s->mu);
	return h;
}

int icecast_sink_drain(audio_sink *self, int (*give_up)(void *ctx), void *ctx)
{
	struct ice *s = (struct ice *)self;
	/* a sender stuck in the network (a hung server) may never empty the
	 * ring: give up after its length and a grace */
	double until = now_s() + (double)s->cap / s->base.fmt.rate + STOP_GRACE_S;
	int err = 0;

	pthread_mutex_lock(&s->mu);
	while (s->head != s->tail && !s->exited) {
		struct timespec t;

		if (crieur_interrupted || (give_up && give_up(ctx))) {
			err = err_set(CRIEUR_EINTR, "interrupted");
			break;
		}
		if (now_s() > until) {
			s->stats.dropped_frames += s->head - s->tail;
			s->tail = s->head;
			err = err_set(CRIEUR_ENET, "%s: the server stopped taking "
				      "the stream (what was left was dropped)",
				      s->where);
			break;
		}
		clock_gettime(CLOCK_REALTIME, &t);
		t.tv_nsec += 50000000L;
		t.tv_sec += t.tv_nsec / 1000000000L;
		t.tv_nsec %= 1000000000L;
		pthread_cond_timedwait(&s->cv, &s->mu, &t);
	}
	pthread_mutex_unlock(&s->mu);
	return err;
}

void icecast_sink_cut(audio_sink *self, int fade_ms)
{
	struct ice *s = (struct ice *)self;
	int ch = self->fmt.channels;
	long keep = (long)((long long)self->fmt.rate * fade_ms / 1000);

	pthread_mutex_lock(&s->mu);
	if (s->hold_until > 0)   /* nothing aired yet: nothing to fade */
		keep = 0;
	if (keep > (long)(s->head - s->tail))
		keep = (long)(s->head - s->tail);
	for (long i = 0; i < keep; i++) {
		long at = (long)((s->tail + i) % s->cap);
		float g = 1.0f - (float)(i + 1) / (float)keep;

		for (int c = 0; c < ch; c++)
			s->ring[at * ch + c] *= g;
	}
	s->head = s->tail + keep;
	s->hold_until = 0;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

void icecast_sink_set_nonblocking(audio_sink *self, int nonblocking)
{
	struct ice *s = (struct ice *)self;

	pthread_mutex_lock(&s->mu);
	s->opt.nonblocking = nonblocking;
	pthread_mutex_unlock(&s->mu);
}

int icecast_sink_wait_connected(audio_sink *self, int timeout_ms)
{
	double until = now_s() + timeout_ms / 1000.0;
	struct timespec ts = { 0, 20000000L };

	icecast_stats st;

	for (;;) {
		icecast_sink_stats(self, &st);
		if (st.connected || now_s() >= until || crieur_interrupted)
			return st.connected;
		nanosleep(&ts, NULL);
	}
}

void icecast_sink_stats(audio_sink *self, icecast_stats *st)
{
	struct ice *s = (struct ice *)self;

	pthread_mutex_lock(&s->mu);
	*st = s->stats;
	pthread_mutex_unlock(&s->mu);
}

/* libshout set-up for url; the parameters never change after. */
static int configure(struct ice *s, const icecast_url *u, const char *password)
{
	char num[16];
	shout_t *sh;
	int bad;

	sh = s->shout = shout_take();
	if (!sh)
		return err_set(CRIEUR_ENOMEM, "cannot start libshout");
	bad = shout_set_host(sh, u->host) | shout_set_port(sh, (unsigned short)u->port);
	bad |= shout_set_user(sh, u->user) | shout_set_password(sh, password);
	bad |= shout_set_mount(sh, u->mount) | shout_set_protocol(sh, SHOUT_PROTOCOL_HTTP);
	bad |= shout_set_agent(sh, "crieur");
	bad |= shout_set_content_format(sh, s->format == ICECAST_MP3 ?
					SHOUT_FORMAT_MP3 : SHOUT_FORMAT_OGG,
					SHOUT_USAGE_AUDIO, NULL);
	/* every field, as a pooled shout_t keeps the last sink's */
	bad |= shout_set_meta(sh, SHOUT_META_NAME, s->opt.name ? s->opt.name :
			      "crieur");
	bad |= shout_set_meta(sh, SHOUT_META_DESCRIPTION, s->opt.description ?
			      s->opt.description : "");
	bad |= shout_set_meta(sh, SHOUT_META_GENRE, s->opt.genre ? s->opt.genre :
			      "News");
	bad |= shout_set_meta(sh, SHOUT_META_URL, s->opt.url_info ?
			      s->opt.url_info : "");
	snprintf(num, sizeof(num), "%d", s->bitrate);
	bad |= shout_set_audio_info(sh, SHOUT_AI_BITRATE, num);
	snprintf(num, sizeof(num), "%d", s->base.fmt.rate);
	bad |= shout_set_audio_info(sh, SHOUT_AI_SAMPLERATE, num);
	snprintf(num, sizeof(num), "%d", s->base.fmt.channels);
	bad |= shout_set_audio_info(sh, SHOUT_AI_CHANNELS, num);
	if (bad)
		return err_set(CRIEUR_EINVAL, "%s: libshout refuses the settings: %s",
			       s->where, shout_get_error(sh));
	return 0;
}

/* The format, bitrate and a trial encoder (so bad settings fail now). */
static int check_format(struct ice *s, const icecast_url *u)
{
	enum icecast_format f = s->opt.format ? s->opt.format :
				icecast_format_for_mount(u->mount);
	int err;

	if (f == ICECAST_AUTO)
		return err_set(CRIEUR_EINVAL, "%s: cannot tell the format from "
			       "the mount: end it in .mp3, .opus or .ogg, or set "
			       "the format", s->where);
	s->format = f;
	s->bitrate = s->opt.bitrate ? s->opt.bitrate :
		     (f == ICECAST_MP3 ? 64 : 32) * s->base.fmt.channels;
	err = encoder_start(s);
	mp3_stream_free(s->mp3);
	opus_stream_free(s->opus);
	s->mp3 = NULL;
	s->opus = NULL;
	return err;
}

/* The password given, or from its file or the environment. */
static int get_password(const icecast_options *opt, char **out)
{
	if (!opt->password)
		return icecast_password(opt->password_file, out);
	*out = xstrdup(opt->password);
	return 0;
}

int icecast_sink_open(audio_sink **out, audio_format fmt,
		      const icecast_options *opt)
{
	struct ice *s;
	icecast_url u;
	char *password = NULL, where[700];
	int err, buffer_ms = opt->buffer_ms ? opt->buffer_ms : ICECAST_BUFFER_MS;

	*out = NULL;
	if ((err = icecast_url_parse(opt->url, &u))) {
		stage_free(opt->fill);
		return err;
	}
	snprintf(where, sizeof(where), "icecast://%s@%s:%d%s", u.user, u.host,
		 u.port, u.mount);
	s = xcalloc(1, sizeof(*s));
	s->opt = *opt;
	s->base.fmt = fmt;
	s->where = xstrdup(where);
	s->station = opt->station ? xstrdup(opt->station) : NULL;
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	s->base.write = ice_write;
	s->base.finish = ice_finish;
	s->base.abort = ice_abort;
	s->base.free = ice_free;
	if ((err = check_format(s, &u)) ||
	    (err = get_password(opt, &password)) ||
	    (err = configure(s, &u, password))) {
		free(password);
		ice_free(&s->base);
		return err;
	}
	free(password);
	s->cap = (long)((long long)fmt.rate * buffer_ms / 1000);
	s->ring = xcalloc((size_t)s->cap * fmt.channels, sizeof(float));
	s->block_buf = xcalloc((size_t)(fmt.rate / 50) * fmt.channels, sizeof(float));
	if (pthread_create(&s->th, NULL, sender, s)) {
		ice_free(&s->base);
		return err_set(CRIEUR_ENOMEM, "cannot start the Icecast sender");
	}
	s->thread_started = 1;
	*out = &s->base;
	return 0;
}
