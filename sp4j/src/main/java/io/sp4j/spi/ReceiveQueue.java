package io.sp4j.spi;

import io.sp4j.Message;

/**
 * The messages a socket has received and not yet handed to the application, as a protocol sees
 * them: the socket fills the queue, the protocol takes from it.
 */
public interface ReceiveQueue {
  /** The next message by receive priority, or null if none. */
  Message poll();

  boolean isEmpty();
}
