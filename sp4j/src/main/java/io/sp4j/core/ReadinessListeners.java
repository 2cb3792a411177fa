package io.sp4j.core;

import io.sp4j.spi.Readiness;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The {@link Readiness} listeners of one socket. The socket reports each change with its lock held;
 * the listeners hear of it once that lock is released (locks never nest across sockets, so a
 * listener may look at other sockets), and once per release however much changed under it.
 */
final class ReadinessListeners {
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final AtomicBoolean noticeQueued = new AtomicBoolean();
  private final ReentrantLock socketLock;
  private final Consumer<Runnable> afterUnlock;
  private final Runnable notice = this::tellListeners;

  /**
   * @param socketLock the socket's lock
   * @param afterUnlock queues a task to run when the socket's lock is released
   */
  ReadinessListeners(ReentrantLock socketLock, Consumer<Runnable> afterUnlock) {
    this.socketLock = socketLock;
    this.afterUnlock = afterUnlock;
  }

  /** Adds {@code listener} until the returned handle runs. */
  Runnable add(Runnable listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Readiness may have changed: tells the listeners once the socket's lock is released. */
  void changed() {
    assert socketLock.isHeldByCurrentThread();
    if (!listeners.isEmpty() && noticeQueued.compareAndSet(false, true)) {
      afterUnlock.accept(notice);
    }
  }

  private void tellListeners() {
    assert !socketLock.isHeldByCurrentThread()
        : "readiness listeners run after the socket's lock is released";
    noticeQueued.set(false); // before telling: a change made meanwhile queues another notice
    for (Runnable listener : listeners) {
      listener.run();
    }
  }
}
