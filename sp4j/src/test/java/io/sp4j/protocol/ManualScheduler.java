package io.sp4j.protocol;

import io.sp4j.spi.Scheduler;
import io.sp4j.spi.Timeout;
import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A scheduler driven by the test: nothing runs until {@link #advance}, which runs the tasks that
 * fall due, in time order (ties in scheduling order), including ones scheduled while advancing.
 * Cancelled tasks never run.
 */
final class ManualScheduler implements Scheduler {
  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>(Comparator.comparingLong((Task t) -> t.due).thenComparingLong(t -> t.sequence));
  private long nowNanos;
  private long nextSequence;

  @Override
  public Timeout schedule(Duration delay, Runnable task) {
    Task scheduled = new Task(nowNanos + delay.toNanos(), nextSequence++, task);
    tasks.add(scheduled);
    return scheduled;
  }

  /** Moves the clock forward by {@code step}, running every task that falls due on the way. */
  void advance(Duration step) {
    long target = nowNanos + step.toNanos();
    while (!tasks.isEmpty() && tasks.peek().due <= target) {
      Task task = tasks.poll();
      nowNanos = task.due;
      task.action.run();
    }
    nowNanos = target;
  }

  void advanceMillis(long millis) {
    advance(Duration.ofMillis(millis));
  }

  /** Time since the scheduler was made. */
  Duration now() {
    return Duration.ofNanos(nowNanos);
  }

  /** Tasks scheduled and neither run nor cancelled. */
  int pending() {
    return tasks.size();
  }

  private final class Task implements Timeout {
    final long due;
    final long sequence;
    final Runnable action;

    Task(long due, long sequence, Runnable action) {
      this.due = due;
      this.sequence = sequence;
      this.action = action;
    }

    @Override
    public void cancel() {
      tasks.remove(this);
    }
  }
}
