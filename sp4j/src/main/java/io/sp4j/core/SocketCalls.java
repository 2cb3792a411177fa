package io.sp4j.core;

import io.sp4j.Message;
import io.sp4j.Options;
import io.sp4j.SocketClosedException;
import io.sp4j.SpException;
import io.sp4j.spi.ProtocolEngine;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * What a socket's users call on its protocol engine: send and receive, each blocking, as a try or
 * asynchronous (calls that have to wait go in line in {@link Waiters}, one line each way), and
 * whether calls may go on at all: the socket is open, closed, or failed by its transport.
 */
final class SocketCalls {
  private final SocketLock lock;

  /** Called with the lock held only. */
  private final ProtocolEngine engine;

  private final SocketOptions options;
  private final ReadinessListeners readiness;
  private final Waiters<Message, Boolean> sends;
  private final Waiters<Void, Message> receives;
  private volatile SpException
      failure; // the transport can no longer work: every call fails with it

  private volatile boolean closed; // set under the lock, read under it by ensureOpen (asserted)

  SocketCalls(
      SocketLock lock,
      ProtocolEngine engine,
      SocketOptions options,
      LockedTimers timers,
      ReadinessListeners readiness,
      SocketDriver driver) {
    this.lock = lock;
    this.engine = engine;
    this.options = options;
    this.readiness = readiness;
    this.sends =
        new Waiters<>(
            lock,
            timers,
            this::ensureOpen,
            readiness::changed,
            "send: no peer could take the message within ",
            message -> engine.send(message) ? Boolean.TRUE : null,
            () -> options.get(Options.SEND_TIMEOUT),
            driver);
    this.receives =
        new Waiters<>(
            lock,
            timers,
            this::ensureOpen,
            readiness::changed,
            "receive: no message within ",
            nothing -> engine.receive(),
            () -> options.get(Options.RECEIVE_TIMEOUT),
            driver);
  }

  // Each call takes the lock once: what it calls under it asserts the lock instead of taking it
  // again, as C1 (which spperf runs) inlines none of a re-entrant lock's calls.

  void send(Message message) {
    lock.lock(); // one lock for the checks, the option and the send
    try {
      checkSendable(message);
      sends.await(message);
    } finally {
      lock.unlock();
    }
  }

  boolean trySend(Message message) {
    lock.lock();
    try {
      checkSendable(message);
      return sends.tryNow(message) != null;
    } finally {
      lock.unlock();
    }
  }

  CompletableFuture<Void> sendAsync(Message message) {
    lock.lock();
    try {
      checkSendable(message);
      return sends.start(message, sent -> null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    } finally {
      lock.unlock();
    }
  }

  /** Open, and no transport refuses the message (a ws text message must be UTF-8, say). */
  private void checkSendable(Message message) {
    ensureOpen();
    Transports.checkSend(message, options);
  }

  Message receive() {
    lock.lock();
    try {
      ensureOpen();
      return receives.await(null);
    } finally {
      lock.unlock();
    }
  }

  Optional<Message> tryReceive() {
    lock.lock();
    try {
      ensureOpen();
      return Optional.ofNullable(receives.tryNow(null));
    } finally {
      lock.unlock();
    }
  }

  CompletableFuture<Message> receiveAsync() {
    lock.lock();
    try {
      ensureOpen();
      return receives.start(null, Function.identity());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    } finally {
      lock.unlock();
    }
  }

  boolean readyToSend() {
    return openAnd(engine::canSend);
  }

  boolean readyToReceive() {
    return openAnd(engine::hasMessage);
  }

  private boolean openAnd(BooleanSupplier ready) {
    lock.lock();
    try {
      return !closed && ready.getAsBoolean();
    } finally {
      lock.unlock();
    }
  }

  /** Room or a message may have come, or a timer changed what calls can do: the lines move on. */
  void wake() {
    assert lock.isHeldByCurrentThread();
    receives.serve();
    sends.serve();
    readiness.changed();
  }

  /**
   * Lock held: throws what every call fails with once the socket is closed or its transport failed.
   */
  void ensureOpen() {
    assert lock.isHeldByCurrentThread();
    if (closed) {
      throw SocketClosedException.closed();
    }
    SpException broken = failure;
    if (broken != null) {
      throw new SpException(broken.errno(), broken.getMessage(), broken);
    }
  }

  boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  /** Calls end and fail from now on; returns whether this call closed the socket. */
  boolean close() {
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      closed = true;
      endWaiting(SocketClosedException.closed());
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The transport cannot work any more: waiting calls end and every call fails with {@code cause}.
   */
  void fail(SpException cause) {
    lock.lock();
    try {
      if (closed || failure != null) {
        return;
      }
      failure = cause;
      endWaiting(cause);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Every waiting call fails: asynchronous ones with {@code cause}, blocking ones as {@link
   * #ensureOpen} says.
   */
  private void endWaiting(SpException cause) {
    assert lock.isHeldByCurrentThread();
    sends.failAll(cause);
    receives.failAll(cause);
    readiness.changed();
  }
}
