package io.sp4j.transport.stream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.sp4j.Message;
import io.sp4j.Refusal;
import io.sp4j.transport.netty.InboundGuard;
import io.sp4j.transport.netty.PartialMessage;
import java.util.function.Consumer;

/**
 * Reads {@code tcp://} and {@code ipc://} messages from a connection's bytes: an optional type byte
 * (ipc: anything but {@code 0x01} closes the connection, IPC-2), an 8-byte big-endian length, then
 * that many bytes (TCP-4).
 *
 * <p>The length is checked against the receive limit as soon as it has arrived, before any of the
 * payload is kept: too large, and the connection closes with nothing delivered. The payload is
 * copied as it arrives into an array that grows with it ({@link PartialMessage}, held to the
 * receive budget and the stall timeout by the {@link InboundGuard}), so memory follows what the
 * peer sent, never what it announced. Event loop only.
 */
final class StreamDecoder {
  private final Channel channel;
  private final InboundGuard inbound;
  private final boolean typed;
  private final int maxMessageSize;
  private final int prefixSize;
  private final Consumer<Message> out;
  private final byte[] prefix; // the prefix being read; the payload goes into inbound.message()
  private int prefixFilled;
  private boolean failed;

  /**
   * @param maxMessageSize receive limit in bytes, -1 for none
   * @param out where whole messages go
   */
  StreamDecoder(
      Channel channel,
      InboundGuard inbound,
      boolean typed,
      int maxMessageSize,
      Consumer<Message> out) {
    this.channel = channel;
    this.inbound = inbound;
    this.typed = typed;
    this.maxMessageSize = maxMessageSize;
    this.prefixSize = typed ? 9 : 8;
    this.prefix = new byte[prefixSize];
    this.out = out;
  }

  /** Decodes what {@code in} holds (not released here); nothing more after a refusal. */
  void decode(ByteBuf in) {
    assert channel.eventLoop().inEventLoop();
    PartialMessage message = inbound.message();
    while (!failed && in.isReadable()) {
      if (!message.inProgress()) {
        int take = Math.min(prefixSize - prefixFilled, in.readableBytes());
        in.readBytes(prefix, prefixFilled, take);
        prefixFilled += take;
        if (prefixFilled == prefixSize) {
          prefixFilled = 0;
          startPayload();
        }
      } else {
        int take = (int) Math.min(message.expected() - message.filled(), in.readableBytes());
        byte[] into = message.room(take, in.readableBytes());
        in.readBytes(into, message.filled(), take);
        message.advance(take);
        if (message.isComplete()) {
          out.accept(Message.of(message.finish()));
        }
      }
    }
    if (!failed && !inbound.afterRead()) {
      failed = true;
    }
  }

  /**
   * A length prefix has arrived: checked against the receive limit before anything is kept for the
   * payload, which then gets memory only as it arrives ({@link PartialMessage}).
   */
  private void startPayload() {
    if (typed && prefix[0] != StreamFrameEncoder.IPC_MESSAGE) {
      fail(
          Refusal.PROTOCOL_ERROR,
          "message type byte " + (prefix[0] & 0xff) + ", not " + StreamFrameEncoder.IPC_MESSAGE);
      return;
    }
    long length = 0;
    for (int i = prefixSize - 8; i < prefixSize; i++) {
      length = length << 8 | (prefix[i] & 0xff);
    }
    if (length < 0
        || length > Integer.MAX_VALUE - 8
        || (maxMessageSize >= 0 && length > maxMessageSize)) {
      fail(
          Refusal.MESSAGE_TOO_LARGE,
          "a message of "
              + Long.toUnsignedString(length)
              + " bytes, over the limit of "
              + (maxMessageSize >= 0 ? maxMessageSize : Integer.MAX_VALUE - 8));
      return;
    }
    PartialMessage message = inbound.message();
    message.begin(length, true);
    if (length == 0) {
      out.accept(Message.of(message.finish()));
    }
  }

  /** A protocol error: nothing more is read, and the connection closes without a word. */
  private void fail(Refusal reason, String what) {
    failed = true;
    inbound.refuse(reason, what);
  }

  /** The connection is gone: nothing more is read. */
  void stop() {
    failed = true;
  }
}
