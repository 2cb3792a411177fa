package io.sp4j.nn.internal;

import static io.sp4j.nn.internal.NnConstants.NN_POLLIN;
import static io.sp4j.nn.internal.NnConstants.NN_POLLOUT;

import io.sp4j.Errno;
import io.sp4j.spi.Readiness;
import io.sp4j.spi.Scheduler;
import io.sp4j.spi.Timeout;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * nn_poll on the sockets of one table. The caller sleeps until a socket tells it that its readiness
 * may have changed ({@link Readiness#watchReadiness}) or the timeout ends (a task of the sockets'
 * scheduler); it never wakes on a timer to look.
 */
final class NnPoller {
  /** {@link #await}: a watched socket is closed. */
  static final int CLOSED = -1;

  /** {@link #await}: the thread was interrupted. */
  static final int INTERRUPTED = -2;

  private final NnSocketTable table;
  private final NnErrors errors;
  private final Scheduler timers;

  /**
   * @param timers where the end of a timeout comes from (the sockets' scheduler, so a test's manual
   *     clock moves it too)
   */
  NnPoller(NnSocketTable table, NnErrors errors, Scheduler timers) {
    this.table = table;
    this.errors = errors;
    this.timers = timers;
  }

  /**
   * nn_poll: waits for the events of {@code entries} and sets {@code revents[i]} for each entry it
   * looked at; a call that fails before it waits leaves {@code revents} as it was.
   */
  int poll(NnPollEntry[] entries, int[] revents, int timeoutMs) {
    if (entries == null) {
      return errors.fail(Errno.EFAULT);
    }
    NnSocket[] sockets = new NnSocket[entries.length];
    Readiness[] watched = new Readiness[entries.length];
    int[] events = new int[entries.length];
    for (int i = 0; i < entries.length; i++) {
      if (entries[i] == null) {
        return errors.fail(Errno.EFAULT);
      }
      sockets[i] = table.find(entries[i].fd());
      if (sockets[i] == null) {
        return -1;
      }
      watched[i] = sockets[i].socket;
      events[i] = entries[i].events();
    }
    int ready = await(watched, events, revents, timeoutMs);
    if (ready == INTERRUPTED) {
      return errors.fail(Errno.EINTR);
    }
    if (ready == CLOSED) {
      for (NnSocket socket : sockets) {
        if (socket.socket.isClosed()) {
          return errors.fail(socket.closedErrno());
        }
      }
    }
    return ready;
  }

  /**
   * Waits until one of {@code sockets} is ready for the events of the same index in {@code events}
   * (negative {@code timeoutMs}: for ever) and sets each one's {@code revents}.
   *
   * @return the number of sockets with events, 0 on timeout, {@link #CLOSED} or {@link
   *     #INTERRUPTED}
   */
  int await(Readiness[] sockets, int[] events, int[] revents, int timeoutMs) {
    Semaphore changes = new Semaphore(0);
    Runnable changed = changes::release;
    Runnable[] unwatch = new Runnable[sockets.length];
    for (int i = 0; i < sockets.length; i++) {
      unwatch[i] = sockets[i].watchReadiness(changed);
    }
    AtomicBoolean timedOut = new AtomicBoolean(timeoutMs == 0);
    Timeout timeout =
        timeoutMs > 0
            ? timers.schedule(
                Duration.ofMillis(timeoutMs),
                () -> {
                  timedOut.set(true);
                  changes.release();
                })
            : null;
    try {
      while (true) {
        changes.drainPermits(); // a change from now on wakes the wait below
        int ready = check(sockets, events, revents);
        if (ready > 0) {
          return ready;
        }
        for (Readiness socket : sockets) {
          if (socket.isClosed()) {
            return CLOSED;
          }
        }
        if (timedOut.get()) {
          return 0; // looked once more after the timeout's end
        }
        changes.acquire();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return INTERRUPTED;
    } finally {
      if (timeout != null) {
        timeout.cancel();
      }
      for (Runnable handle : unwatch) {
        if (handle != null) {
          handle.run();
        }
      }
    }
  }

  /** Sets every socket's {@code revents}; the number of sockets with any. */
  private static int check(Readiness[] sockets, int[] events, int[] revents) {
    int ready = 0;
    for (int i = 0; i < sockets.length; i++) {
      int now = 0;
      if ((events[i] & NN_POLLIN) != 0 && sockets[i].readyToReceive()) {
        now |= NN_POLLIN;
      }
      if ((events[i] & NN_POLLOUT) != 0 && sockets[i].readyToSend()) {
        now |= NN_POLLOUT;
      }
      revents[i] = now;
      if (now != 0) {
        ready++;
      }
    }
    return ready;
  }
}
