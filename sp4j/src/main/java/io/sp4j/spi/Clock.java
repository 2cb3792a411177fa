package io.sp4j.spi;

/**
 * Monotonic time for deadlines. The socket core reads time only through this, so that tests can run
 * timeouts, resends and lingers on a clock they advance by hand.
 */
@FunctionalInterface
public interface Clock {
  /** The system's monotonic clock. */
  Clock SYSTEM = System::nanoTime;

  /** Nanoseconds from an arbitrary origin; only differences mean anything. */
  long nanoTime();
}
