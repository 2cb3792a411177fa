package io.sp4j.transport.netty;

import io.sp4j.spi.IoDriver;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Who runs one {@link DrivenLoop}: a thread blocked in a socket call whose connections are on it
 * ({@link #drive}), or else its fallback thread, so that I/O goes on when no call waits (a listener
 * accepting, messages arriving before anyone receives, a send from a thread that then does
 * something else).
 *
 * <p>The fallback takes the loop when no calling thread has started to drive it for a grace period
 * ({@link #GRACE_NANOS}; it looks twice, so within one to two periods), at once when a calling
 * thread was turned away and parks (it must be delivered to), and for a shutdown. It runs the loop
 * until a calling thread asks for it, with a task queued on the loop: the race-free way to wake a
 * thread blocked in epoll or a selector. Work queued while nobody runs the loop (an outbox's drain)
 * waits for the next thread that runs it: in a request-reply, the sender's own next receive, so a
 * burst of sends is written as one; otherwise the fallback, within two grace periods.
 *
 * <p>Virtual threads never drive: a blocking epoll wait would pin their carrier. They park, and the
 * fallback runs the loop for them.
 */
final class LoopDriver implements IoDriver {
  /**
   * How long the fallback leaves the loop to calling threads after one last started to drive it:
   * also the most an unowned send waits, twice over (measured in the report of this change).
   */
  static final long GRACE_NANOS = Long.getLong("io.sp4j.callerIo.graceNanos", 250_000);

  /** The longest a calling thread blocks in one step, so that it sees an interrupt that soon. */
  private static final long STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  /** How often a thread that waits for the fallback to leave the loop checks who has it. */
  private static final long HANDOVER_CHECK_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

  private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

  private final DrivenLoop loop;

  /** Calling threads that wait for the fallback to leave the loop. */
  private final AtomicInteger wanting = new AtomicInteger();

  /** Calling threads turned away, parked until another thread's I/O delivers to them. */
  private final AtomicInteger parked = new AtomicInteger();

  private volatile Thread fallback;

  private volatile boolean fallbackOwns;

  /** Drives started by calling threads; written by the loop's owner only. */
  private volatile long drives;

  LoopDriver(DrivenLoop loop) {
    this.loop = loop;
  }

  DrivenLoop loop() {
    return loop;
  }

  /** Starts the fallback on a thread of {@code threads} (which names it). */
  void startFallback(Executor threads) {
    threads.execute(this::runFallback);
  }

  @Override
  public boolean drive(BooleanSupplier done) {
    if (isVirtual(Thread.currentThread()) || loop.inEventLoop() || !acquire()) {
      parked.incrementAndGet();
      LockSupport.unpark(fallback);
      return false;
    }
    try {
      drives++; // the owner's alone: no lost update
      while (!done.getAsBoolean()
          && !Thread.currentThread().isInterrupted()
          && !loop.isShuttingDown()) {
        loop.runOnce(STEP_NANOS);
      }
      return true;
    } finally {
      loop.release();
      if (parked.get() > 0 || loop.isShuttingDown()) {
        LockSupport.unpark(fallback); // someone must go on running the loop
      }
    }
  }

  @Override
  public void stopWaiting() {
    parked.decrementAndGet();
  }

  @Override
  public void wakeup() {
    loop.wakeup();
  }

  /**
   * The loop for a calling thread: at once if free; from the fallback by asking it to leave; not if
   * another calling thread drives it (that one delivers to this one).
   */
  private boolean acquire() {
    if (loop.tryAcquire()) {
      return true;
    }
    if (!fallbackOwns) {
      return false;
    }
    wanting.incrementAndGet();
    try {
      loop.wakeup();
      while (!loop.tryAcquire(HANDOVER_CHECK_NANOS)) {
        if (!fallbackOwns) {
          return false; // another calling thread took it
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      wanting.decrementAndGet();
    }
  }

  private void runFallback() {
    fallback = Thread.currentThread();
    long seen = -1;
    while (!loop.isTerminated()) {
      long now = drives;
      boolean needed = now == seen || parked.get() > 0 || loop.isShuttingDown();
      seen = now;
      if (needed && (wanting.get() == 0 || loop.isShuttingDown()) && loop.tryAcquire()) {
        runUntilWanted();
      } else {
        LockSupport.parkNanos(this, GRACE_NANOS);
      }
    }
  }

  private void runUntilWanted() {
    assert loop.inEventLoop();
    fallbackOwns = true;
    try {
      while ((wanting.get() == 0 || loop.isShuttingDown()) && !loop.isTerminated()) {
        loop.runOnce(Long.MAX_VALUE);
      }
    } finally {
      fallbackOwns = false;
      loop.release();
    }
  }

  /** Whether {@code thread} is virtual; {@code false} on a JDK without virtual threads (17). */
  static boolean isVirtual(Thread thread) {
    if (IS_VIRTUAL == null) {
      return false;
    }
    try {
      return (boolean) IS_VIRTUAL.invokeExact(thread);
    } catch (Throwable e) {
      throw new IllegalStateException("Thread.isVirtual failed", e);
    }
  }

  private static MethodHandle isVirtualHandle() {
    try {
      return MethodHandles.publicLookup()
          .findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
    } catch (NoSuchMethodException | IllegalAccessException beforeJdk21) {
      return null;
    }
  }
}
