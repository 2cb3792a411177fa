package io.sp4j.core;

import io.sp4j.spi.Scheduler;
import io.sp4j.spi.Timeout;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One timer thread for the whole process, started on first use and ended after a second idle, so
 * that no thread outlives the sockets that needed it.
 */
final class SharedTimers implements Scheduler {
  public static final SharedTimers INSTANCE = new SharedTimers();

  private final ScheduledThreadPoolExecutor executor;

  private SharedTimers() {
    executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "sp4j-timer");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    executor.setKeepAliveTime(1, TimeUnit.SECONDS);
    executor.allowCoreThreadTimeOut(true);
  }

  @Override
  public Timeout schedule(Duration delay, Runnable task) {
    ScheduledFuture<?> future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }
}
