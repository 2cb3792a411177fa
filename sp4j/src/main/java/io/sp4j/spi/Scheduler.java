package io.sp4j.spi;

import java.time.Duration;

/**
 * Timers for protocols and transports. The socket core's scheduler runs each task with the socket's
 * lock held and only while the socket is open; tests use a manual one.
 */
@FunctionalInterface
public interface Scheduler {
  /** Runs {@code task} once after {@code delay}. */
  Timeout schedule(Duration delay, Runnable task);
}
