package io.sp4j.core;

import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A socket's one lock, and the work that has to wait until it is released. A thread holding it
 * never calls into user code or into another socket (no thread ever holds two sockets' locks): such
 * work is queued with {@link #afterUnlock} and runs when the thread's outermost hold ends. Virtual
 * threads park on it without pinning.
 */
final class SocketLock extends ReentrantLock {
  private static final long serialVersionUID = 1L;

  /** Only the holder touches it (asserted). */
  private final transient ArrayDeque<Runnable> deferred = new ArrayDeque<>();

  /** Runs {@code task} once this thread releases the lock, or at once if it does not hold it. */
  void afterUnlock(Runnable task) {
    if (isHeldByCurrentThread()) {
      deferred.addLast(task);
    } else {
      task.run();
    }
  }

  /** Releases one hold; the last hold's release runs what {@link #afterUnlock} queued. */
  @Override
  public void unlock() {
    if (deferred.isEmpty() || getHoldCount() != 1) { // the cheaper test first: C1 inlines neither
      super.unlock(); // throws if not held
      return;
    }
    Runnable[] tasks = deferred.toArray(new Runnable[0]);
    deferred.clear();
    super.unlock();
    for (Runnable task : tasks) {
      task.run();
    }
  }

  /**
   * Whether work waits for the release: a thread must not park on one of the lock's conditions
   * then, as the wait releases the lock without running it.
   */
  boolean hasDeferred() {
    assert isHeldByCurrentThread();
    return !deferred.isEmpty();
  }
}
