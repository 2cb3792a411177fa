package io.sp4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sp4j.spi.Clock;
import io.sp4j.spi.Scheduler;
import io.sp4j.spi.Timeout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A clock and a scheduler that the test moves: time stands still until {@link #advance}, which runs
 * the tasks that fall due, in time order (ties in scheduling order), including ones scheduled while
 * advancing; cancelled tasks never run. One fixture for protocol engines (as their scheduler) and
 * for whole sockets (as their clock and scheduler, {@code io.sp4j.core.ManualTimeSockets}).
 *
 * <p>Thread-safe: sockets schedule from their callers' threads. Tasks run on the thread that
 * advances, outside this object's monitor (a socket's task takes the socket's lock, and a caller
 * holding that lock may be scheduling meanwhile). One thread advances at a time.
 */
public final class ManualTime implements Clock, Scheduler {
  /** How long a timer set on another thread may take to appear. */
  private static final Duration SETTLE = Duration.ofSeconds(10);

  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>(
          Comparator.comparingLong((Task t) -> t.due).thenComparingLong(t -> t.sequence));
  private long nowNanos;
  private long nextSequence;

  @Override
  public synchronized long nanoTime() {
    return nowNanos;
  }

  @Override
  public synchronized Timeout schedule(Duration delay, Runnable task) {
    Task scheduled = new Task(nowNanos + delay.toNanos(), nextSequence++, task);
    tasks.add(scheduled);
    return scheduled;
  }

  /** Moves the clock forward by {@code step}, running every task that falls due on the way. */
  public void advance(Duration step) {
    long target;
    synchronized (this) {
      target = nowNanos + step.toNanos();
    }
    while (true) {
      Task due;
      synchronized (this) {
        due = tasks.peek();
        if (due == null || due.due > target) {
          nowNanos = target;
          return;
        }
        tasks.poll();
        nowNanos = due.due;
      }
      due.action.run();
    }
  }

  public void advanceMillis(long millis) {
    advance(Duration.ofMillis(millis));
  }

  /**
   * Waits until the one pending task is due in {@code due} (sockets set timers on their I/O
   * threads, so it may come a little later), moves the clock to a nanosecond before it and checks
   * that it still waits, then moves on and runs it.
   */
  public void passTheDeadline(Duration due) {
    await()
        .atMost(SETTLE)
        .untilAsserted(() -> assertThat(dueIn()).as("pending tasks").containsExactly(due));
    advance(due.minusNanos(1));
    assertThat(dueIn()).as("a nanosecond before the deadline").containsExactly(Duration.ofNanos(1));
    advance(Duration.ofNanos(1));
  }

  /** Time since this was made. */
  public synchronized Duration now() {
    return Duration.ofNanos(nowNanos);
  }

  /** Tasks scheduled and neither run nor cancelled. */
  public synchronized int pending() {
    return tasks.size();
  }

  /** How long from now each pending task is due, soonest first. */
  public synchronized List<Duration> dueIn() {
    List<Task> sorted = new ArrayList<>(tasks);
    sorted.sort(tasks.comparator());
    List<Duration> waits = new ArrayList<>();
    for (Task task : sorted) {
      waits.add(Duration.ofNanos(task.due - nowNanos));
    }
    return waits;
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
      synchronized (ManualTime.this) {
        tasks.remove(this);
      }
    }
  }
}
