package io.sp4j.transport.netty;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who may write to a connection's socket now (see {@link ChannelConnection}): nobody in
 * particular (FREE), a sending thread making one non-blocking write (CALLER), the event loop
 * through Netty (LOOP), or nobody ever again (CLOSED). Starts with the event loop. The event
 * loop's waits last no longer than a sender's one write.
 */
final class WriteOwner {
  private static final int FREE = 0;
  private static final int CALLER = 1;
  private static final int LOOP = 2;
  private static final int CLOSED = 3;
  private final AtomicInteger state = new AtomicInteger(LOOP);

  /** A sender: takes the socket for one write if nobody has it. */
  boolean takeForCaller() {
    return state.compareAndSet(FREE, CALLER);
  }

  /** The sender with the socket: done, the whole message went out. */
  void callerDone() {
    state.set(FREE);
  }

  /** The sender with the socket: the event loop takes over (a rest to write, or a failure). */
  void callerHandsToLoop() {
    state.set(LOOP);
  }

  /** Event loop: whether it holds the socket. */
  boolean loopHolds() {
    return state.get() == LOOP;
  }

  /** Event loop, holding it: senders may write directly again. */
  void loopReleases() {
    state.compareAndSet(LOOP, FREE);
  }

  /** Event loop: takes the socket, waiting while a sender makes its one write. */
  void takeForLoop() {
    for (int spins = 0; ; spins++) {
      int now = state.get();
      if (now == LOOP || now == CLOSED || now == FREE && state.compareAndSet(FREE, LOOP)) {
        return;
      }
      pause(spins);
    }
  }

  /** Event loop: no sender writes directly from now on (waiting out one that is). */
  void close() {
    for (int spins = 0; ; spins++) {
      int now = state.get();
      if (now == CLOSED || now != CALLER && state.compareAndSet(now, CLOSED)) {
        return;
      }
      pause(spins);
    }
  }

  private static void pause(int spins) {
    if (spins < 100) {
      Thread.onSpinWait();
    } else {
      Thread.yield();
    }
  }
}
