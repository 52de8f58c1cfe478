/* thread.h - thread helpers. */
#ifndef CRIEUR_THREAD_H
#define CRIEUR_THREAD_H

/* pthread_cond_timedwait() for at most ms milliseconds from now (the
 * mutex held, as for pthread_cond_wait); callers loop on their condition. */
#include <pthread.h>
void thread_cond_wait_ms(pthread_cond_t *cond, pthread_mutex_t *mutex, long ms);

#endif
