package io.sp4j.transport.netty;

import io.netty.util.concurrent.EventExecutor;

/** For tests that wait until a thread is blocked in a socket call, whichever way it waits. */
public final class BlockedThreads {
  private BlockedThreads() {}

  /**
   * Whether {@code thread} waits: parked (on its call's condition, or on a lock), or running an
   * event loop, as a blocked call does with caller-driven I/O.
   */
  public static boolean waits(Thread thread) {
    Thread.State state = thread.getState();
    if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
      return true;
    }
    for (EventExecutor loop : EventLoops.group()) {
      if (loop instanceof DrivenLoop && loop.inEventLoop(thread)) {
        return true;
      }
    }
    return false;
  }
}
