package io.sp4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.LockSupport;

/**
 * A blocking socket call started on its own daemon thread, recording how it ended, so a test can
 * wait until it is parked on the socket's condition ({@link #isWaiting()}) and then check its
 * outcome within a deadline instead of sleeping.
 */
public final class BlockedCall {
  public static final Duration DEADLINE = Duration.ofSeconds(5);

  private final Thread thread;
  private final CompletableFuture<Object> outcome = new CompletableFuture<>();

  private BlockedCall(String name, Callable<?> call) {
    this.thread =
        new Thread(
            () -> {
              try {
                outcome.complete(call.call());
              } catch (Throwable t) {
                outcome.completeExceptionally(t);
              }
            },
            "test-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  public static BlockedCall start(String name, Callable<?> call) {
    return new BlockedCall(name, call);
  }

  public static BlockedCall start(String name, Runnable call) {
    return new BlockedCall(
        name,
        () -> {
          call.run();
          return "returned";
        });
  }

  /** Parked on the socket's condition (its lock released): a signal from now on wakes it. */
  public boolean isWaiting() {
    return parkedOnCondition(thread);
  }

  /**
   * Whether {@code thread} is parked in {@link java.util.concurrent.locks.Condition#await} (the
   * socket's send or receive wait: the calls tests block in wait on nothing else). Its state alone
   * (WAITING) cannot tell that from a thread still queued for the socket's lock. The blocker can: a
   * thread queued for a lock is parked with the lock's synchronizer as blocker, while await sets
   * the condition as blocker only after the thread has joined the condition's queue and released
   * the lock, so a signal from then on reaches it. Platform and virtual threads alike; no hook in
   * the socket needed.
   */
  public static boolean parkedOnCondition(Thread thread) {
    Thread.State state = thread.getState();
    return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
        && LockSupport.getBlocker(thread) instanceof AbstractQueuedSynchronizer.ConditionObject;
  }

  public void assertEndedWith(Class<? extends Throwable> type) {
    assertThat(outcome)
        .as(thread.getName())
        .failsWithin(DEADLINE)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(type);
  }

  public void assertReturned(Object expected) {
    assertThat(outcome).as(thread.getName()).succeedsWithin(DEADLINE).isEqualTo(expected);
  }
}
