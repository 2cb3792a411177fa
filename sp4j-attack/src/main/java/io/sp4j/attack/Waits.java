package io.sp4j.attack;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waiting for a condition with a deadline, without failing when it does not come: the caller
 * reports or asserts what it finds. Polls in the calling thread.
 */
public final class Waits {
  private static final Duration POLL = Duration.ofMillis(50);

  private Waits() {}

  /** Whether {@code condition} became true within {@code max}, looking every 50 ms. */
  public static boolean until(BooleanSupplier condition, Duration max) {
    return until(condition, max, POLL);
  }

  /** Whether {@code condition} became true within {@code max}, looking every {@code poll}. */
  public static boolean until(BooleanSupplier condition, Duration max, Duration poll) {
    try {
      Awaitility.await()
          .atMost(max)
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .pollInterval(poll)
          .until(condition::getAsBoolean);
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }
}
