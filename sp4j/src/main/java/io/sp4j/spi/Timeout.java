package io.sp4j.spi;

/** A scheduled task that may still be cancelled. */
@FunctionalInterface
public interface Timeout {
  /** Cancels the task if it has not run yet. Idempotent. */
  void cancel();
}
