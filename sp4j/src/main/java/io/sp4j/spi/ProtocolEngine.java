package io.sp4j.spi;

import io.sp4j.Message;
import io.sp4j.Option;
import java.util.Set;

/**
 * The pure logic of one SP socket type: which pipe a message goes to, which header it gets, what is
 * dropped. No I/O, no threads, no clock: the socket core calls every method with the socket's lock
 * held, and timers go through {@link ProtocolContext#scheduler()}.
 */
public interface ProtocolEngine {
  /** The protocol-specific options this engine handles (e.g. SUBSCRIBE). */
  default Set<Option<?>> options() {
    return Set.of();
  }

  /** Sets one of {@link #options()}; the value is already validated. */
  default <T> void setOption(Option<T> option, T value) {
    throw new IllegalArgumentException(option + ": not an option of this socket type");
  }

  /** Reads one of {@link #options()}. */
  default <T> T getOption(Option<T> option) {
    throw new IllegalArgumentException(option + ": not an option of this socket type");
  }

  /**
   * A new connection to a peer of the right protocol.
   *
   * @return {@code false} to refuse it (the core then closes it), e.g. a second PAIR peer
   */
  boolean addPipe(Pipe pipe);

  /** The pipe is gone. Idempotent, never blocks; messages it already delivered stay queued. */
  void removePipe(Pipe pipe);

  /** The pipe can take messages again. */
  void pipeWritable(Pipe pipe);

  /**
   * A message arrived on {@code pipe}, header and body still joined in the body.
   *
   * @return the message to queue for the user (header split off as the protocol wants), or {@code
   *     null} to drop it
   */
  Message received(Pipe pipe, Message message);

  /**
   * Sends a user's message.
   *
   * @return {@code false} if the socket would have to wait for a pipe
   * @throws io.sp4j.ProtocolStateException if sending is not allowed now
   * @throws IllegalArgumentException if the message does not fit the socket (e.g. a header on a
   *     cooked socket)
   */
  boolean send(Message message);

  /**
   * Takes the next message for the user from {@link ProtocolContext#receiveQueue()}.
   *
   * @return {@code null} if there is none now
   * @throws io.sp4j.ProtocolStateException if receiving is not allowed now
   * @throws io.sp4j.SpTimeoutException if a survey's deadline passed
   */
  Message receive();

  /**
   * Whether {@link #receive()} would hand out a message now (nn_poll's NN_POLLIN). Engines that
   * cannot tell say {@code false}: a poller then never reports them readable.
   */
  default boolean hasMessage() {
    return false;
  }

  /**
   * Whether {@link #send(Message)} would take a message now without waiting (nn_poll's NN_POLLOUT).
   * Engines that cannot tell say {@code false}.
   */
  default boolean canSend() {
    return false;
  }

  /** The socket is closing: cancel timers, forget state. */
  default void close() {}
}
