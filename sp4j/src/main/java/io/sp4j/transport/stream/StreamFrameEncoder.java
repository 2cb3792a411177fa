package io.sp4j.transport.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.sp4j.Message;
import io.sp4j.transport.netty.FrameEncoder;

/**
 * A message as {@code tcp://} and {@code ipc://} send it: an 8-byte big-endian length, then header
 * and body (TCP-4); over {@code ipc://} the type byte {@code 0x01} first (IPC-1). Small messages
 * are written in place into a burst's shared buffer; up to {@link #COPY_LIMIT} one goes alone in
 * one pooled direct buffer; larger ones wrap their arrays (no copy).
 */
final class StreamFrameEncoder implements FrameEncoder {
  /** The only message type byte of {@code ipc://}. */
  static final byte IPC_MESSAGE = 1;

  /** Largest payload gathered with other messages into one shared buffer. */
  static final int GATHER_MAX = 8192;

  /** Messages up to this size are copied into one buffer; larger ones are written in place. */
  private static final int COPY_LIMIT = 64 * 1024;

  private final boolean typed;
  private final int prefixSize;

  /**
   * @param typed whether each message starts with the {@code ipc://} type byte
   */
  StreamFrameEncoder(boolean typed) {
    this.typed = typed;
    this.prefixSize = typed ? 9 : 8;
  }

  @Override
  public int gatheredSize(Message message) {
    int length = message.header().length + message.body().length;
    return length <= GATHER_MAX ? prefixSize + length : -1;
  }

  @Override
  public void encodeInto(Message message, ByteBuf out) {
    writePrefix(out, message.header().length + message.body().length);
    out.writeBytes(message.header()).writeBytes(message.body());
  }

  @Override
  @SuppressWarnings(
      "FutureReturnValueIgnored") // the void promise: a failed write goes to exceptionCaught
  public void write(Message message, Channel channel) {
    assert channel.eventLoop().inEventLoop();
    byte[] header = message.header();
    byte[] body = message.body();
    long length = (long) header.length + body.length;
    if (length <= COPY_LIMIT) {
      // One pooled direct buffer, so the kernel write needs no further copy.
      ByteBuf frame = channel.alloc().directBuffer(prefixSize + (int) length);
      encodeInto(message, frame);
      channel.write(frame, channel.voidPromise());
      return;
    }
    ByteBuf head = Unpooled.buffer(prefixSize, prefixSize);
    writePrefix(head, length);
    ByteBuf frame =
        header.length == 0
            ? Unpooled.wrappedBuffer(head, Unpooled.wrappedBuffer(body))
            : Unpooled.wrappedBuffer(
                head, Unpooled.wrappedBuffer(header), Unpooled.wrappedBuffer(body));
    channel.write(frame, channel.voidPromise());
  }

  private void writePrefix(ByteBuf out, long length) {
    if (typed) {
      out.writeByte(IPC_MESSAGE);
    }
    out.writeLong(length);
  }
}
