package io.sp4j.core;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import io.sp4j.spi.Scheduler;
import io.sp4j.spi.Timeout;
import java.time.Duration;

/**
 * A socket's timers for its protocol engine and its waiting calls: each task runs with the socket's
 * lock held, never after it was cancelled (cancels come under the lock, so a task that already
 * waits for the lock sees them) and never once the socket has closed ({@link #stop}). The time
 * itself comes from the scheduler the socket was given.
 */
final class LockedTimers implements Scheduler {
  private final SocketLock lock;
  private final Scheduler scheduler;

  @GuardedBy("lock")
  private boolean stopped;

  LockedTimers(SocketLock lock, Scheduler scheduler) {
    this.lock = lock;
    this.scheduler = scheduler;
  }

  @Override
  public Timeout schedule(Duration delay, Runnable task) {
    LockedTimer timer = new LockedTimer(task);
    timer.delegate = scheduler.schedule(delay, timer::fire);
    return timer;
  }

  /** The socket closed: no task runs from now on. */
  void stop() {
    lock.lock();
    try {
      stopped = true;
    } finally {
      lock.unlock();
    }
  }

  private final class LockedTimer implements Timeout {
    private final Runnable task;
    private volatile Timeout delegate;

    @GuardedBy("lock")
    private boolean done;

    LockedTimer(Runnable task) {
      this.task = task;
    }

    void fire() {
      lock.lock();
      try {
        if (done || stopped) {
          return;
        }
        done = true;
        task.run();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void cancel() {
      lock.lock();
      try {
        done = true;
      } finally {
        lock.unlock();
      }
      Timeout scheduled = delegate;
      if (scheduled != null) {
        scheduled.cancel();
      }
    }
  }
}
