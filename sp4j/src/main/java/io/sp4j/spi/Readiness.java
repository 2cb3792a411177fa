package io.sp4j.spi;

/**
 * What a waiter on several sockets ({@code nn_poll}) needs from each: whether it can receive or
 * send now without waiting, and word when that may have changed.
 */
public interface Readiness {
  /** Whether a receive would get a message now without waiting; {@code false} once closed. */
  boolean readyToReceive();

  /** Whether a send would be taken now without waiting; {@code false} once closed. */
  boolean readyToSend();

  /** Whether the socket is closed. */
  boolean isClosed();

  /**
   * Calls {@code listener} whenever readiness may have changed (a message or room arrived, a pipe
   * came or went, a timer fired, a send or receive moved the protocol on, the socket closed or
   * failed), until the returned handle runs. The listener runs on the thread that made the change,
   * after it released the socket's lock; it may look at any socket, but must not block. A call may
   * come with nothing changed, or after the handle ran.
   */
  Runnable watchReadiness(Runnable listener);
}
