package io.sp4j.spi;

import io.sp4j.Message;
import java.util.List;

/**
 * What a transport calls on the socket side of a connection. Each call takes the socket's lock, so
 * a transport must not call them while holding another socket's lock.
 */
public interface PipeEvents {
  /** A whole message arrived from the peer (header and body still joined in the body). */
  void deliver(Message message);

  /**
   * Several whole messages, in arrival order, as one call: the socket takes its lock and wakes its
   * waiting receivers once for all of them. The list is read during the call only (the transport
   * reuses it).
   */
  default void deliverAll(List<Message> messages) {
    for (Message message : messages) {
      deliver(message);
    }
  }

  /** The connection can take messages again after {@link Connection#isWritable()} was false. */
  void writable();

  /** The connection is gone. Idempotent. */
  void closed();

  /**
   * Runs {@code task} as soon as the socket's lock is released by the current thread (at once if it
   * is not held): how a transport reaches another socket without nesting locks.
   */
  void afterUnlock(Runnable task);
}
