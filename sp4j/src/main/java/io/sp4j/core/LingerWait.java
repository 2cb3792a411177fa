package io.sp4j.core;

import io.sp4j.spi.Scheduler;
import io.sp4j.spi.Timeout;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The end of a socket's close: it waits, without the socket's lock, up to LINGER for its
 * connections to write what was queued. The deadline is a timer on the socket's scheduler, so the
 * wait follows the socket's time, not the wall clock. The connections close themselves at their own
 * deadline; the socket only stops waiting for them.
 */
final class LingerWait {
  private LingerWait() {}

  /** Returns once every write in {@code writes} is done or {@code linger} has passed. */
  static void await(List<CompletableFuture<Void>> writes, Duration linger, Scheduler scheduler) {
    CompletableFuture<Void> written =
        CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0]));
    if (written.isDone() || linger.isZero()) {
      return;
    }
    CompletableFuture<Void> deadline = new CompletableFuture<>();
    Timeout timer = scheduler.schedule(linger, () -> deadline.complete(null));
    try {
      CompletableFuture.anyOf(written, deadline).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // close() does not throw: the caller sees the flag
    } catch (ExecutionException e) {
      // all are done, one of them by failing: nothing left to wait for
    } finally {
      timer.cancel();
    }
  }
}
