package io.sp4j.spi;

import io.sp4j.Message;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * What a transport gives the socket core for one established connection (after the SP handshake).
 * The core calls these with its socket's lock held: none may block, and none may take another
 * socket's lock (defer such work with {@link PipeEvents#afterUnlock(Runnable)}).
 */
public interface Connection {
  /** Whether a write now would not overfill the connection's send buffer. */
  boolean isWritable();

  /** Queues a message for the peer; ownership passes to the connection. */
  void write(Message message);

  /** Stops delivering received messages until {@link #resumeReading()}. */
  void suspendReading();

  /** Delivers received messages again. */
  void resumeReading();

  /** Closes the connection. Idempotent. */
  void close();

  /**
   * Closes the connection after writing what is queued for it, taking at most {@code linger} for
   * that (the socket's close honours {@link io.sp4j.Options#LINGER} this way). Idempotent; it does
   * not block.
   *
   * @return completes when what was queued is written or the connection is gone; by default at
   *     once, for transports with nothing to wait for
   */
  default CompletableFuture<Void> close(Duration linger) {
    close();
    return CompletableFuture.completedFuture(null);
  }

  /** Whether the peer is across a network (held to the receive budget); in-process ones say no. */
  default boolean isRemote() {
    return true;
  }

  /** The peer's address for logs and statistics. */
  String remoteAddress();
}
