package io.sp4j.spi;

import io.sp4j.Options;
import java.time.Duration;

/**
 * Reconnect waits: {@link Options#RECONNECT_INTERVAL} at first, doubling on each failed attempt up
 * to {@link Options#RECONNECT_INTERVAL_MAX} when that is larger; back to the start after a
 * connection succeeds. The intervals are the socket's when the endpoint was made (so reading them
 * never needs the socket's lock). Not thread-safe.
 */
public final class Backoff {
  private final Duration base;
  private final Duration max;
  private Duration next;

  public Backoff(EndpointContext context) {
    this.base = context.option(Options.RECONNECT_INTERVAL);
    this.max = context.option(Options.RECONNECT_INTERVAL_MAX);
  }

  /** The wait before the next attempt; each call moves further along. */
  public Duration nextDelay() {
    Duration delay = next == null ? base : next;
    next = max.compareTo(base) > 0 ? min(delay.multipliedBy(2), max) : base;
    return delay;
  }

  /** A connection succeeded: start again from the base interval. */
  public void reset() {
    next = null;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
