package io.sp4j.bench.soak;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the load's periodic steps on one thread: sends at a rate, churn, samples. Steps must not
 * block for long (they use trySend and the asynchronous calls). A step that throws is reported and
 * keeps its schedule (a scheduled executor would silently drop it).
 */
final class Pacer implements AutoCloseable {
  private final ScheduledThreadPoolExecutor executor;
  private final Consumer<RuntimeException> onFailure;

  Pacer(String name, Consumer<RuntimeException> onFailure) {
    this.onFailure = onFailure;
    this.executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread thread = new Thread(r, name);
              thread.setDaemon(true);
              return thread;
            });
    // Churned sessions cancel their steps: without this the queue would keep every one.
    executor.setRemoveOnCancelPolicy(true);
  }

  /**
   * Runs {@code step} {@code perSecond} times a second, starting at a random point of the first
   * period. The future is for a caller that cancels the schedule early; failures go to the pacer's
   * handler, not to it.
   */
  @CanIgnoreReturnValue
  ScheduledFuture<?> atRate(double perSecond, Runnable step) {
    long periodNanos = Math.max(1, (long) (1e9 / perSecond));
    return every(periodNanos, ThreadLocalRandom.current().nextLong(periodNanos), step);
  }

  /**
   * Runs {@code step} every {@code periodNanos}, the first time after {@code firstNanos} (see
   * {@link #atRate}).
   */
  @CanIgnoreReturnValue
  ScheduledFuture<?> every(long periodNanos, long firstNanos, Runnable step) {
    return executor.scheduleAtFixedRate(
        () -> {
          try {
            step.run();
          } catch (RuntimeException e) {
            onFailure.accept(e);
          }
        },
        firstNanos,
        periodNanos,
        TimeUnit.NANOSECONDS);
  }

  /** Stops the schedule and waits (30 s at most) for a step under way to finish. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
