package io.sp4j.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.sp4j.Message;

/**
 * How one transport puts a message on the wire, for its connection's {@link Outbox}. A message the
 * transport can encode in place ({@link #gatheredSize} at least 0) shares one pooled buffer with
 * the rest of its burst, so a burst of small messages is one channel write; any other goes on its
 * own ({@link #write}). Called on the channel's event loop only.
 */
public interface FrameEncoder {
  /** Writes {@code message}'s frames to {@code channel} on their own, without flushing. */
  void write(Message message, Channel channel);

  /**
   * How many bytes {@link #encodeInto} writes for {@code message}, or -1 to send it with {@link
   * #write} on its own (the default).
   */
  default int gatheredSize(Message message) {
    return -1;
  }

  /**
   * Writes {@code message}'s frames into {@code out}, which has room for {@link #gatheredSize}
   * bytes.
   */
  default void encodeInto(Message message, ByteBuf out) {
    throw new UnsupportedOperationException("gatheredSize said no");
  }
}
