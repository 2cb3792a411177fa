package io.sp4j.bench.soak;

import io.sp4j.SocketClosedException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every flow of one process shares: its counters, its pacing thread, the settings, and the
 * numbering of sessions (the process id in the top half, so that ids differ between processes).
 */
record Load(Tally tally, Pacer pacer, LoadSettings settings, AtomicLong sessions) {
  static Load create(String name, LoadSettings settings) {
    Tally tally = new Tally();
    Pacer pacer =
        new Pacer(
            name,
            e -> {
              if (!(e instanceof SocketClosedException)) { // a step racing its session's close
                tally.error(name + " step: " + e);
              }
            });
    return new Load(tally, pacer, settings, new AtomicLong(ProcessHandle.current().pid() << 32));
  }

  long nextSession() {
    return sessions.incrementAndGet();
  }
}
