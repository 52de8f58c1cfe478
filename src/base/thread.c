/* thread.c - thread helpers (thread.h). */
#include "base/thread.h"

#include <time.h>

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
