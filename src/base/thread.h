/* thread.h - thread scheduling helpers. */
#ifndef CRIEUR_THREAD_H
#define CRIEUR_THREAD_H

/* Run the calling thread, and the threads it creates from now on, only
 * on CPU time nothing else wants (Linux SCHED_IDLE): background work,
 * such as measuring a bulletin while it is encoded, then never slows the
 * thread on the critical path.  Does nothing where that is not
 * available. */
void thread_background(void);

#endif
