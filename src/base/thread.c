/* thread.c - thread scheduling helpers (thread.h). */
#define _GNU_SOURCE   /* gettid */
#include "base/thread.h"

#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

void thread_background(void)
{
#ifdef __linux__
	/* On Linux the nice value belongs to the thread (and is inherited
	 * by the threads it creates).  10, not 19 or SCHED_IDLE: under load
	 * from other processes the thread still gets about a tenth of a
	 * core, so work that someone waits for at last cannot starve. */
	setpriority(PRIO_PROCESS, (id_t)gettid(), 10);
#endif
}

void thread_cond_wait_ms(pthread_cond_t *cond, pthread_mutex_t *mutex, long ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += ms % 1000 * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_cond_timedwait(cond, mutex, &ts);
}
