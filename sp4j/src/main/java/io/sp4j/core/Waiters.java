package io.sp4j.core;

import io.sp4j.Errno;
import io.sp4j.SpException;
import io.sp4j.SpTimeoutException;
import io.sp4j.spi.IoDriver;
import io.sp4j.spi.Scheduler;
import io.sp4j.spi.Timeout;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.locks.Condition;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The calls of one direction (sends waiting for room, or receives waiting for a message) that have
 * to wait, blocking and asynchronous alike, served in the order they came. A call first tries at
 * once when no one waits before it; otherwise it joins the queue, and {@link #serve} (run whenever
 * the socket may have room or a message) tries for the first in line until one still has to wait. A
 * call's timeout is a timer on the socket's {@link LockedTimers}, so it runs on the socket's
 * scheduler and nothing here reads a clock.
 *
 * <p>A blocking call parks on a condition of its own; an asynchronous one's future completes on
 * {@link #COMPLETIONS}, never under the socket's lock, so that no user code runs there.
 *
 * @param <A> what a call brings: the message to send, or nothing for a receive
 * @param <T> what a call gets: the message received, or {@link Boolean#TRUE} for a send taken
 */
final class Waiters<A, T> {
  /** Completes asynchronous calls away from transport threads and the socket's lock. */
  private static final Executor COMPLETIONS = ForkJoinPool.commonPool();

  private final SocketLock lock;
  private final Scheduler timers;
  private final Runnable ensureOpen;
  private final Runnable moved;
  private final String timedOut;
  private final Function<A, T> attempt;
  private final Supplier<Duration> timeout;
  private final Supplier<IoDriver> driver;

  /**
   * The socket's lock guards it: every method here runs under that lock, which its caller holds
   * (asserted; Error Prone's GuardedBy cannot see that the caller's lock is this one).
   */
  private final ArrayDeque<Waiter> queue = new ArrayDeque<>();

  /**
   * @param timers runs each task under {@code lock} (the socket's {@link LockedTimers})
   * @param ensureOpen throws what calls fail with once the socket is closed or failed
   * @param moved a call got its turn (the socket's readiness may have changed); lock held
   * @param timedOut the timeout's message, the timeout itself follows
   * @param attempt tries a call under the lock; {@code null} when it has to wait
   * @param timeout how long a call may wait (forever if {@code null}), read only when one must
   * @param driver what runs the socket's I/O, which a blocking call drives while it waits; none
   *     ({@code null}): it parks
   */
  Waiters(
      SocketLock lock,
      Scheduler timers,
      Runnable ensureOpen,
      Runnable moved,
      String timedOut,
      Function<A, T> attempt,
      Supplier<Duration> timeout,
      Supplier<IoDriver> driver) {
    this.attempt = attempt;
    this.timeout = timeout;
    this.driver = driver;
    this.lock = lock;
    this.timers = timers;
    this.ensureOpen = ensureOpen;
    this.moved = moved;
    this.timedOut = timedOut;
  }

  /** A blocking call, lock held: returns what the attempt gave once it gave something, or fails. */
  T await(A argument) {
    assert lock.isHeldByCurrentThread();
    T now = tryFirst(argument);
    if (now != null) {
      return now;
    }
    Duration timeout = this.timeout.get();
    if (timeout != null && timeout.compareTo(Duration.ZERO) <= 0) {
      throw timeoutException(timeout);
    }
    Blocking waiter = new Blocking(argument);
    enqueue(waiter, timeout);
    assert !lock.hasDeferred() : "work queued for the release would wait as long as this call";
    IoDriver turnedAway = driveUntilTurn(waiter);
    try {
      while (waiter.state == State.WAITING) {
        waiter.turn.await();
      }
    } catch (InterruptedException e) {
      if (waiter.state == State.WAITING) {
        dequeue(waiter);
        Thread.currentThread().interrupt();
        throw new SpException(Errno.EINTR, "interrupted while waiting", e);
      }
      Thread.currentThread().interrupt(); // the call ended anyway: keep the flag for the caller
    } finally {
      if (turnedAway != null) {
        turnedAway.stopWaiting();
      }
    }
    return waiter.outcome(timeout);
  }

  /**
   * Runs the socket's I/O on this thread until the call got its turn (or the driver stopped: an
   * interrupt, a shutdown), with the lock released meanwhile, as an event loop's thread holds none.
   * Returns the driver if it turned this thread away (another drives): the call then parks as
   * without one, and must tell the driver when it ends.
   */
  private IoDriver driveUntilTurn(Blocking waiter) {
    assert lock.getHoldCount() == 1 : "a call holds its socket's lock once";
    IoDriver io = driver.get();
    if (io == null) {
      return null;
    }
    waiter.driving = io;
    lock.unlock();
    boolean drove;
    try {
      drove = io.drive(waiter::ended);
    } finally {
      lock.lock();
      waiter.driving = null;
    }
    return drove ? null : io;
  }

  /**
   * An asynchronous call, lock held: the future completes with what the attempt gave, mapped by
   * {@code result}, or fails after the timeout.
   */
  <R> CompletableFuture<R> start(A argument, Function<T, R> result) {
    assert lock.isHeldByCurrentThread();
    T now = tryFirst(argument);
    if (now != null) {
      return CompletableFuture.completedFuture(result.apply(now));
    }
    Async<R> waiter = new Async<>(argument, result);
    enqueue(waiter, timeout.get());
    return waiter.future;
  }

  /** Lock held: gives the calls in line their turn, in order, until one has to wait again. */
  void serve() {
    assert lock.isHeldByCurrentThread();
    while (!queue.isEmpty()) {
      Waiter first = queue.peekFirst();
      if (first.abandoned()) {
        dequeue(first);
        continue;
      }
      T got;
      try {
        got = attempt.apply(first.argument);
      } catch (RuntimeException e) {
        dequeue(first);
        first.threw(e);
        continue;
      }
      if (got == null) {
        return;
      }
      dequeue(first);
      moved.run();
      first.got(got);
    }
  }

  /**
   * Lock held: the socket closed or failed, every call in line fails ({@code cause} for
   * asynchronous ones).
   */
  void failAll(SpException cause) {
    assert lock.isHeldByCurrentThread();
    while (!queue.isEmpty()) {
      Waiter waiter = queue.peekFirst();
      dequeue(waiter);
      waiter.failed(cause);
    }
  }

  /** A try call, lock held: what the attempt gives now, {@code null} if it would have to wait. */
  T tryNow(A argument) {
    assert lock.isHeldByCurrentThread();
    T now = attempt.apply(argument);
    if (now != null) {
      moved.run();
    }
    return now;
  }

  /** A call tries at once only if no one waits before it: first come, first served. */
  private T tryFirst(A argument) {
    return queue.isEmpty() ? tryNow(argument) : null;
  }

  private void enqueue(Waiter waiter, Duration timeout) {
    queue.addLast(waiter);
    if (timeout != null) {
      waiter.deadline = timers.schedule(timeout, () -> expire(waiter, timeout));
    }
  }

  /** A timer task, under the lock. */
  private void expire(Waiter waiter, Duration timeout) {
    assert lock.isHeldByCurrentThread() : "the socket's timers run under its lock";
    if (queue.remove(waiter)) {
      waiter.timedOut(timeout);
    }
  }

  private void dequeue(Waiter waiter) {
    queue.remove(waiter);
    if (waiter.deadline != null) {
      waiter.deadline.cancel();
    }
  }

  private SpTimeoutException timeoutException(Duration timeout) {
    return new SpTimeoutException(timedOut + timeout);
  }

  private enum State {
    WAITING,
    GOT,
    THREW,
    TIMED_OUT,
    FAILED
  }

  /**
   * One waiting call; it ends by one of its methods, once it has left the queue. Its state is the
   * socket lock's: only the methods above, which hold it, touch it (asserted where it counts).
   */
  private abstract class Waiter {
    final A argument;

    Timeout deadline;

    Waiter(A argument) {
      this.argument = argument;
    }

    /** The caller no longer waits (an asynchronous call's future was completed or cancelled). */
    abstract boolean abandoned();

    abstract void got(T result);

    abstract void threw(RuntimeException e);

    abstract void timedOut(Duration timeout);

    abstract void failed(SpException cause);
  }

  /**
   * A blocking call: parked on its own condition until its outcome is set. Exceptions are made on
   * the caller's thread, so that their stack traces show the call.
   */
  private final class Blocking extends Waiter {
    final Condition turn = lock.newCondition();

    /** Volatile: a thread driving I/O for the call reads it without the lock. */
    volatile State state = State.WAITING;

    /** The driver this call's thread runs meanwhile: an end it did not cause must wake it. */
    IoDriver driving;

    T result;

    RuntimeException error;

    Blocking(A argument) {
      super(argument);
    }

    @Override
    boolean abandoned() {
      return false;
    }

    private void end(State outcome) {
      assert lock.isHeldByCurrentThread();
      state = outcome;
      turn.signal();
      if (driving != null) {
        driving.wakeup();
      }
    }

    /** Read without the lock, by the I/O driver. */
    boolean ended() {
      return state != State.WAITING;
    }

    @Override
    void got(T value) {
      result = value;
      end(State.GOT);
    }

    @Override
    void threw(RuntimeException e) {
      error = e;
      end(State.THREW);
    }

    @Override
    void timedOut(Duration timeout) {
      end(State.TIMED_OUT);
    }

    @Override
    void failed(SpException cause) {
      end(State.FAILED);
    }

    /** On the caller's thread: the result, or the exception the call ends with. */
    T outcome(Duration timeout) {
      assert lock.isHeldByCurrentThread();
      return switch (state) {
        case GOT -> result;
        case THREW -> throw error;
        case TIMED_OUT -> throw timeoutException(timeout);
        default -> {
          ensureOpen.run();
          throw new IllegalStateException("a call failed on an open socket");
        }
      };
    }
  }

  /** An asynchronous call: its future completes on {@link #COMPLETIONS}. */
  private final class Async<R> extends Waiter {
    final CompletableFuture<R> future = new CompletableFuture<>();
    final Function<T, R> result;

    Async(A argument, Function<T, R> result) {
      super(argument);
      this.result = result;
    }

    @Override
    boolean abandoned() {
      return future.isDone();
    }

    @Override
    void got(T value) {
      COMPLETIONS.execute(() -> future.complete(result.apply(value)));
    }

    @Override
    void threw(RuntimeException e) {
      COMPLETIONS.execute(() -> future.completeExceptionally(e));
    }

    @Override
    void timedOut(Duration timeout) {
      COMPLETIONS.execute(() -> future.completeExceptionally(timeoutException(timeout)));
    }

    @Override
    void failed(SpException cause) {
      COMPLETIONS.execute(() -> future.completeExceptionally(cause));
    }
  }
}
