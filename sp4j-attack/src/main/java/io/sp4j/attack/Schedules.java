package io.sp4j.attack;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** What a periodic task's future tells: a task that throws ends its schedule without a word. */
final class Schedules {
  private Schedules() {}

  /** What ended {@code task} by throwing, or {@code null} if it did not (or was cancelled). */
  static Throwable thrown(Future<?> task) {
    if (task == null || !task.isDone() || task.isCancelled()) {
      return null;
    }
    try {
      task.get();
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
