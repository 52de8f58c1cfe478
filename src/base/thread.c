/* thread.c - thread scheduling helpers (thread.h). */
#define _GNU_SOURCE   /* gettid */
#include "base/thread.h"

#include <sys/resource.h>
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
