package io.sp4j.nn.internal;

import static io.sp4j.nn.Nn.NN_POLLIN;
import static io.sp4j.nn.Nn.NN_POLLOUT;

import io.sp4j.Errno;
import io.sp4j.spi.Readiness;
import io.sp4j.nn.NnPollFd;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * nn_poll on the sockets of one table. The caller sleeps until a socket tells it that its
 * readiness may have changed ({@link Readiness#watchReadiness}) or the timeout ends; it never
 * wakes on a timer to look.
 */
final class NnPoller {
  /** {@link #await}: a watched socket is closed. */
  static final int CLOSED = -1;
  /** {@link #await}: the thread was interrupted. */
  static final int INTERRUPTED = -2;

  private final NnSocketTable table;
  private final NnErrors errors;

  NnPoller(NnSocketTable table, NnErrors errors) {
    this.table = table;
    this.errors = errors;
  }

  int poll(NnPollFd[] fds, int timeoutMs) {
    if (fds == null) {
      return errors.fail(Errno.EFAULT);
    }
    NnSocket[] sockets = new NnSocket[fds.length];
    Readiness[] watched = new Readiness[fds.length];
    for (int i = 0; i < fds.length; i++) {
      if (fds[i] == null) {
        return errors.fail(Errno.EFAULT);
      }
      sockets[i] = table.find(fds[i].fd());
      if (sockets[i] == null) {
        return -1;
      }
      watched[i] = sockets[i].socket;
    }
    int ready = await(watched, fds, timeoutMs);
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
   * Waits until one of {@code sockets} is ready for the events its entry of {@code fds} asks for
   * (negative {@code timeoutMs}: for ever) and sets each entry's {@code revents}.
   *
   * @return the number of entries with events, 0 on timeout, {@link #CLOSED} or {@link #INTERRUPTED}
   */
  int await(Readiness[] sockets, NnPollFd[] fds, int timeoutMs) {
    Semaphore changes = new Semaphore(0);
    Runnable changed = changes::release;
    Runnable[] unwatch = new Runnable[sockets.length];
    for (int i = 0; i < sockets.length; i++) {
      unwatch[i] = sockets[i].watchReadiness(changed);
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMs));
    try {
      while (true) {
        changes.drainPermits(); // a change from now on wakes the wait below
        int ready = check(sockets, fds);
        if (ready > 0) {
          return ready;
        }
        for (Readiness socket : sockets) {
          if (socket.isClosed()) {
            return CLOSED;
          }
        }
        if (timeoutMs < 0) {
          changes.acquire();
        } else {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return 0;
          }
          changes.tryAcquire(left, TimeUnit.NANOSECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return INTERRUPTED;
    } finally {
      for (Runnable handle : unwatch) {
        if (handle != null) {
          handle.run();
        }
      }
    }
  }

  /** Sets every entry's {@code revents}; the number of entries with any. */
  private static int check(Readiness[] sockets, NnPollFd[] fds) {
    int ready = 0;
    for (int i = 0; i < fds.length; i++) {
      int events = 0;
      if ((fds[i].events() & NN_POLLIN) != 0 && sockets[i].readyToReceive()) {
        events |= NN_POLLIN;
      }
      if ((fds[i].events() & NN_POLLOUT) != 0 && sockets[i].readyToSend()) {
        events |= NN_POLLOUT;
      }
      fds[i].setRevents(events);
      if (events != 0) {
        ready++;
      }
    }
    return ready;
  }
}
