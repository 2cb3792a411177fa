package io.sp4j.spi;

import io.sp4j.Message;

/**
 * One live connection to one peer, as a protocol sees it. Every method is called with the owning
 * socket's lock held and never blocks.
 */
public interface Pipe {
  /** The pipe's id within its socket: 31 bits, never reused while the socket lives. */
  int id();

  /** Send priority captured from the endpoint, 1 (highest) to 16. */
  int sendPriority();

  /** Receive priority captured from the endpoint, 1 (highest) to 16. */
  int receivePriority();

  /** Whether {@link #send} would take a message now. */
  boolean isWritable();

  /**
   * Hands a message to the connection.
   *
   * @return {@code false}, keeping nothing, if the pipe cannot take it now or is closed
   */
  boolean send(Message message);

  /** Stops reading from the peer until {@link #resumeReading()}: the receive queue is full. */
  void suspendReading();

  /** Reads from the peer again. */
  void resumeReading();

  /**
   * Whether the peer is remote (a network connection), so that what it sends is held to the
   * socket's receive budget; in-process pipes are bounded by their senders.
   */
  default boolean isRemote() {
    return false;
  }

  /** Closes the connection, e.g. because the peer broke the protocol. Idempotent. */
  void close();
}
