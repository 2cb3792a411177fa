package io.sp4j.bench.soak;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one process's load did, counted from many threads. {@link #error} also writes what went
 * wrong to stderr (the process's log): the first {@value #ERRORS_SHOWN} errors in full, then every
 * thousandth, so a broken run stays readable; {@link #note} does the same for events that are no
 * errors but may want explaining.
 */
final class Tally {
  private static final int ERRORS_SHOWN = 20;

  /** The counters, in the order of their CSV columns. */
  enum Count {
    SENT,
    RECEIVED,
    BYTES_SENT,
    BYTES_RECEIVED,
    /** A send that found no room (a full pipe, or no peer): skipped, not an error. */
    FULL,
    /** A PAIR echo meant for the session's predecessor (churn): intact, not an error. */
    STALE,
    /** A PAIR message sent again after {@link SoakSockets#PAIR_RESEND} without its echo. */
    RESENT,
    ERRORS,
    /** Client sockets opened, closed with their linger, closed with LINGER 0. */
    OPENED,
    CLOSED,
    CUT,
    /** Raw connections dropped in the middle of a message or handshake. */
    RAW_CUTS;

    String column() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Filled once here and only read after, so threads share it without a lock. */
  private final Map<Count, LongAdder> counts = new EnumMap<>(Count.class);

  private final AtomicLong errorsSeen = new AtomicLong();
  private final AtomicLong notesSeen = new AtomicLong();

  Tally() {
    for (Count count : Count.values()) {
      counts.put(count, new LongAdder());
    }
  }

  void add(Count count, long n) {
    counts.get(count).add(n);
  }

  void increment(Count count) {
    add(count, 1);
  }

  void sent(int bytes) {
    increment(Count.SENT);
    add(Count.BYTES_SENT, bytes);
  }

  void received(int bytes) {
    increment(Count.RECEIVED);
    add(Count.BYTES_RECEIVED, bytes);
  }

  void error(String what) {
    increment(Count.ERRORS);
    long n = errorsSeen.incrementAndGet();
    if (n <= ERRORS_SHOWN || n % 1000 == 0) {
      System.err.println("soak error #" + n + ": " + what);
    }
  }

  /**
   * Writes something worth knowing that is not an error (why a PAIR sent again, say) to stderr: the
   * first {@value #ERRORS_SHOWN}, then every thousandth.
   */
  void note(String what) {
    long n = notesSeen.incrementAndGet();
    if (n <= ERRORS_SHOWN || n % 1000 == 0) {
      System.err.println("soak note #" + n + ": " + what);
    }
  }

  long get(Count count) {
    return counts.get(count).sum();
  }
}
