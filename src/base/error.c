/* error.c - error codes, messages and the per-thread detail. */
#include "base/error.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

static const char *const messages[CRIEUR_ERR_COUNT] = {
	[0] = "success",
	[-CRIEUR_ENOMEM] = "out of memory",
	[-CRIEUR_EIO] = "input/output error",
	[-CRIEUR_ENOENT] = "no such file",
	[-CRIEUR_EINVAL] = "invalid argument",
	[-CRIEUR_EUTF8] = "invalid UTF-8",
	[-CRIEUR_EEMPTY] = "nothing to say",
	[-CRIEUR_EFORMAT] = "malformed input",
	[-CRIEUR_EVOICE] = "unknown voice",
	[-CRIEUR_ESYNTH] = "speech synthesis failed",
	[-CRIEUR_EENCODE] = "audio encoding failed",
	[-CRIEUR_EDEVICE] = "audio device error",
	[-CRIEUR_EINTR] = "interrupted",
	[-CRIEUR_ERESAMPLE] = "resampling failed",
	[-CRIEUR_ENET] = "stream server unreachable",
};

static _Thread_local char detail[1024];

volatile sig_atomic_t crieur_interrupted;
_Atomic long long crieur_interrupted_ns;

void crieur_interrupt(int sig)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);   /* async-signal-safe */
	atomic_store(&crieur_interrupted_ns,
		     (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
	crieur_interrupted = sig;
}

const char *crieur_strerror(int code)
{
	if (code > 0 || code <= -CRIEUR_ERR_COUNT || !messages[-code])
		return "unknown error";
	return messages[-code];
}

int err_set(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	return code;
}

const char *err_detail(void)
{
	return detail[0] ? detail : "unknown error";
}

void err_clear(void)
{
	detail[0] = '\0';
}

int err_keep(err_ctx *e, int code)
{
	e->code = code;
	snprintf(e->detail, sizeof(e->detail), "%s", err_detail());
	return code;
}

int err_raise(const err_ctx *e)
{
	return e->code ? err_set(e->code, "%s", e->detail) : 0;
}
