package io.sp4j.transport.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.sp4j.Message;
import io.sp4j.MessageType;
import io.sp4j.transport.netty.FrameEncoder;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A message as data frames ({@link WireFrames}): one frame, or fragments of the fragment size
 * ({@link io.sp4j.Options#WS_FRAGMENT_SIZE}, WS-FR-4). Client frames are masked, so each payload is
 * copied anyway: every client message is written in place, 8 bytes masked at a time. A server
 * writes small messages in place (a burst shares one pooled buffer) and wraps the arrays of large
 * ones instead of copying them.
 */
final class WsFrameEncoder implements FrameEncoder {
  /** Largest server payload copied into a gathered buffer rather than wrapped. */
  static final int GATHER_MAX = 8192;

  private final boolean client;
  private final WsConnection.Settings settings;

  WsFrameEncoder(boolean client, WsConnection.Settings settings) {
    this.client = client;
    this.settings = settings;
  }

  /**
   * The type a message goes as: its own, else the socket's; text only if header and body are UTF-8.
   */
  private MessageType sendType(Message message) {
    MessageType type = message.type().orElse(settings.messageType());
    if (type == MessageType.TEXT && !Utf8.isValid(message.header(), message.body())) {
      // The body was checked on send; an SP header (e.g. a request id) can still make the
      // whole invalid, and a peer would close the connection (1007) for it.
      type = MessageType.BINARY;
    }
    return type;
  }

  /**
   * Every frame of the message, headers included, as {@link #encodeInto} writes them; -1 to wrap.
   */
  @Override
  public int gatheredSize(Message message) {
    long size = (long) message.header().length + message.body().length;
    if (!client && size > GATHER_MAX) {
      return -1;
    }
    int fragment = settings.fragmentSize();
    long frames = Math.max(1, (size + fragment - 1) / fragment);
    long total = size + frames * WireFrames.headerSize(Math.min(size, fragment), client);
    return total > Integer.MAX_VALUE - 8 ? -1 : (int) total;
  }

  @Override
  public void encodeInto(Message message, ByteBuf out) {
    boolean text = sendType(message) == MessageType.TEXT;
    byte[] header = message.header();
    byte[] body = message.body();
    int size = header.length + body.length;
    int offset = 0;
    do {
      int length = Math.min(settings.fragmentSize(), size - offset);
      boolean last = offset + length == size;
      int opcode = offset == 0 ? (text ? 1 : 2) : 0;
      int mask = client ? ThreadLocalRandom.current().nextInt() : 0;
      WireFrames.writeHeader(out, (last ? 0x80 : 0) | opcode, length, client, mask);
      // The frame's payload: the part of header ++ body in [offset, offset + length).
      int phase = 0;
      int end = offset + length;
      if (offset < header.length) {
        int n = Math.min(end, header.length) - offset;
        phase = put(out, header, offset, n, mask, phase);
      }
      if (end > header.length) {
        int from = Math.max(offset, header.length) - header.length;
        put(out, body, from, end - header.length - from, mask, phase);
      }
      offset = end;
    } while (offset < size);
  }

  private int put(ByteBuf out, byte[] src, int offset, int length, int mask, int phase) {
    if (client) {
      return WireFrames.writeMasked(out, src, offset, length, mask, phase);
    }
    out.writeBytes(src, offset, length);
    return phase;
  }

  /** A large server message: headers written, the arrays wrapped (no copy). */
  @Override
  @SuppressWarnings(
      "FutureReturnValueIgnored") // the void promise: a failed write goes to exceptionCaught
  public void write(Message message, Channel channel) {
    assert channel.eventLoop().inEventLoop();
    boolean text = sendType(message) == MessageType.TEXT;
    byte[] header = message.header();
    ByteBuf payload =
        header.length == 0
            ? Unpooled.wrappedBuffer(message.body())
            : Unpooled.wrappedBuffer(header, message.body());
    int size = payload.readableBytes();
    try {
      int offset = 0;
      do {
        int length = Math.min(settings.fragmentSize(), size - offset);
        boolean last = offset + length == size;
        ByteBuf head = channel.alloc().directBuffer(WireFrames.headerSize(length, false));
        WireFrames.writeHeader(
            head, (last ? 0x80 : 0) | (offset == 0 ? (text ? 1 : 2) : 0), length, false, 0);
        channel.write(head, channel.voidPromise());
        channel.write(payload.retainedSlice(offset, length), channel.voidPromise());
        offset += length;
      } while (offset < size);
    } finally {
      payload.release();
    }
  }
}
