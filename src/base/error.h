/* error.h - crieur's error codes and their messages.
 *
 * Every library function that can fail returns an int: 0 on success, one of
 * the negative codes below on failure.  The function that detects a failure
 * records a one-line detail with err_set() (what failed, the subject quoted,
 * file:line where input is at fault); the command layer prints it.  The
 * detail is per thread (an err_ctx carries it to another thread).  Library
 * code never exits the process.
 *
 * Constructors too: int x_new(T **out, ...) puts the object in *out and
 * returns 0, or returns a code with *out NULL; the caller passes the code
 * on (it never invents one).  A stage constructor that takes ownership of
 * its source frees it when it fails. */
#ifndef CRIEUR_ERROR_H
#define CRIEUR_ERROR_H

#include <signal.h>
#include <stdatomic.h>

enum crieur_err {
	CRIEUR_OK = 0,
	CRIEUR_ENOMEM = -1,   /* out of memory */
	CRIEUR_EIO = -2,      /* reading or writing a file failed */
	CRIEUR_ENOENT = -3,   /* a file or directory does not exist */
	CRIEUR_EINVAL = -4,   /* a bad argument or option value */
	CRIEUR_EUTF8 = -5,    /* input is not valid UTF-8 */
	CRIEUR_EEMPTY = -6,   /* input has nothing to say */
	CRIEUR_EFORMAT = -7,  /* malformed input file (syntax) */
	CRIEUR_EVOICE = -8,   /* unknown or broken voice */
	CRIEUR_ESYNTH = -9,   /* eSpeak NG failed */
	CRIEUR_EENCODE = -10, /* the audio encoder failed */
	CRIEUR_EDEVICE = -11, /* the audio device failed or is absent */
	CRIEUR_EINTR = -12,   /* interrupted by a signal */
	CRIEUR_ERESAMPLE = -13, /* the resampler failed */
	CRIEUR_ENET = -14,    /* a stream server could not be reached */
	CRIEUR_ERR_COUNT = 15 /* number of codes, including CRIEUR_OK */
};

/* The fixed message of a code ("out of memory"); never NULL. */
const char *crieur_strerror(int code);

/* Record a detail message for the calling thread and return code.  The
 * format is printf's; the message should say what failed and quote the
 * subject: "cannot open 'x.wav': No such file or directory". */
int err_set(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The last detail recorded by this thread, or crieur_strerror() of the
 * last code when none was given.  Valid until the next err_set(). */
const char *err_detail(void);

/* Forget the recorded detail. */
void err_clear(void);

/* An error carried from the thread where it happened to the one that
 * reports it: its code and its detail, kept whole. */
typedef struct err_ctx {
	int code;                /* 0: none */
	char detail[1024];
} err_ctx;

/* Keep code and this thread's detail in e; returns code. */
int err_keep(err_ctx *e, int code);

/* Record e's detail on this thread; returns its code (0: none). */
int err_raise(const err_ctx *e);

/* Set (to the signal number) by crieur_interrupt(), from the command
 * layer's SIGINT/SIGTERM handler; long operations poll it and fail with
 * CRIEUR_EINTR. */
extern volatile sig_atomic_t crieur_interrupted;

/* When it was set (CLOCK_MONOTONIC, ns; 0: not yet): live playback
 * measures how fast it stopped from there. */
extern _Atomic long long crieur_interrupted_ns;

/* Note signal sig and when it came: async-signal-safe, for a handler. */
void crieur_interrupt(int sig);

#endif
