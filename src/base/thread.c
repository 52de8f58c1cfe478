/* thread.c - thread scheduling helpers (thread.h). */
#define _GNU_SOURCE   /* SCHED_IDLE */
#include "base/thread.h"

#include <pthread.h>
#include <sched.h>

void thread_background(void)
{
#ifdef SCHED_IDLE
	struct sched_param sp = { 0 };

	pthread_setschedparam(pthread_self(), SCHED_IDLE, &sp);
#endif
}
