package io.sp4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A blocking socket call started on its own daemon thread, recording how it ended, so a test can
 * wait until it is parked in the socket ({@link #isWaiting()}) and then check its outcome within
 * a deadline instead of sleeping.
 */
final class BlockedCall {
  static final Duration DEADLINE = Duration.ofSeconds(5);

  private final Thread thread;
  private final CompletableFuture<Object> outcome = new CompletableFuture<>();

  private BlockedCall(String name, Callable<?> call) {
    this.thread = new Thread(() -> {
      try {
        outcome.complete(call.call());
      } catch (Throwable t) {
        outcome.completeExceptionally(t);
      }
    }, "test-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  static BlockedCall start(String name, Callable<?> call) {
    return new BlockedCall(name, call);
  }

  static BlockedCall start(String name, Runnable call) {
    return new BlockedCall(name, () -> {
      call.run();
      return "returned";
    });
  }

  /** Parked in the socket (a lock or condition wait). */
  boolean isWaiting() {
    Thread.State state = thread.getState();
    return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
  }

  void assertEndedWith(Class<? extends Throwable> type) {
    assertThat(outcome).as(thread.getName()).failsWithin(DEADLINE)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(type);
  }

  void assertReturned(Object expected) {
    assertThat(outcome).as(thread.getName()).succeedsWithin(DEADLINE).isEqualTo(expected);
  }
}
