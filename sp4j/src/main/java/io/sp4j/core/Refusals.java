package io.sp4j.core;

import io.sp4j.Refusal;
import io.sp4j.spi.Clock;
import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One socket's refusals: counted by reason, and logged without letting a flood of them flood the
 * log: the first of each reason at once, later ones as one line with their count at most every
 * {@link #LOG_INTERVAL_NANOS}. Thread-safe; called from event loops and timers.
 */
final class Refusals {
  static final long LOG_INTERVAL_NANOS = 10_000_000_000L;
  private static final System.Logger LOG = System.getLogger("io.sp4j");
  private static final Refusal[] REASONS = Refusal.values();

  private final String owner;
  private final Clock clock;
  private final AtomicLongArray counts = new AtomicLongArray(REASONS.length);
  private final AtomicLongArray logged =
      new AtomicLongArray(REASONS.length); // count at the last line
  private final AtomicLongArray loggedAt =
      new AtomicLongArray(REASONS.length); // nanos of the last line
  private final System.Logger log;

  /**
   * @param owner names the socket in log lines
   * @param clock the socket's clock, for the interval between lines
   */
  Refusals(String owner, Clock clock) {
    this(owner, clock, LOG);
  }

  Refusals(String owner, Clock clock, System.Logger log) {
    this.owner = owner;
    this.clock = clock;
    this.log = log;
  }

  void count(Refusal reason, String detail) {
    int i = reason.ordinal();
    long count = counts.incrementAndGet(i);
    Level level = isCapacity(reason) ? Level.WARNING : Level.DEBUG;
    if (!log.isLoggable(level)) {
      return;
    }
    long now = clock.nanoTime();
    long last = loggedAt.get(i);
    long previous = logged.get(i);
    boolean first = previous == 0;
    if ((first || now - last >= LOG_INTERVAL_NANOS) && logged.compareAndSet(i, previous, count)) {
      loggedAt.set(i, now);
      long since = count - previous;
      log.log(
          level,
          "{0} refused ({1}): {2}{3}",
          owner,
          reason,
          printable(detail),
          since > 1
              ? " (" + since + " such refusals since the last line, " + count + " in all)"
              : "");
    }
  }

  /** Longest detail logged: a peer chooses much of it (a request line, say). */
  static final int DETAIL_MAX = 200;

  /** The detail as one safe line: control characters shown as '?', cut at {@link #DETAIL_MAX}. */
  static String printable(String detail) {
    StringBuilder line = new StringBuilder(Math.min(detail.length(), DETAIL_MAX + 1));
    for (int i = 0; i < detail.length() && i < DETAIL_MAX; i++) {
      char c = detail.charAt(i);
      line.append(Character.isISOControl(c) ? '?' : c);
    }
    return detail.length() > DETAIL_MAX ? line.append('…').toString() : line.toString();
  }

  Map<Refusal, Long> snapshot() {
    Map<Refusal, Long> snapshot = new EnumMap<>(Refusal.class);
    for (Refusal reason : REASONS) {
      snapshot.put(reason, counts.get(reason.ordinal()));
    }
    return snapshot;
  }

  /**
   * The server is at a limit, which its operator should hear of, rather than a peer misbehaving.
   */
  private static boolean isCapacity(Refusal reason) {
    return reason == Refusal.RECEIVE_BUDGET
        || reason == Refusal.CONNECTION_LIMIT
        || reason == Refusal.HANDSHAKE_LIMIT;
  }
}
