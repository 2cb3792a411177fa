package io.sp4j.transport.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The control frames sp4j sends (Close, Pong) as wire bytes, masked when a client sends them. A
 * connection writes them straight to its channel, so it needs no encoder handler of its own: one
 * handler and its context less on every connection.
 */
final class ControlFrames {
  private static final int CLOSE = 0x8;
  private static final int PONG = 0xA;

  private ControlFrames() {}

  /** A Close with {@code code} and {@code reason} (at most 123 bytes of UTF-8). */
  static ByteBuf close(ByteBufAllocator alloc, boolean masked, int code, String reason) {
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    byte[] payload = new byte[2 + text.length];
    payload[0] = (byte) (code >>> 8);
    payload[1] = (byte) code;
    System.arraycopy(text, 0, payload, 2, text.length);
    return frame(alloc, masked, CLOSE, payload);
  }

  /** A Pong carrying {@code payload} (a Ping's, at most 125 bytes), which it releases. */
  static ByteBuf pong(ByteBufAllocator alloc, boolean masked, ByteBuf payload) {
    try {
      return frame(alloc, masked, PONG, ByteBufUtil.getBytes(payload));
    } finally {
      payload.release();
    }
  }

  private static ByteBuf frame(ByteBufAllocator alloc, boolean masked, int opcode, byte[] payload) {
    if (payload.length > 125) {
      throw new IllegalArgumentException("a control frame payload of " + payload.length + " bytes");
    }
    ByteBuf out = alloc.buffer(WireFrames.headerSize(payload.length, masked) + payload.length);
    int mask = masked ? ThreadLocalRandom.current().nextInt() : 0;
    WireFrames.writeHeader(out, 0x80 | opcode, payload.length, masked, mask);
    if (masked) {
      WireFrames.writeMasked(out, payload, 0, payload.length, mask, 0);
    } else {
      out.writeBytes(payload);
    }
    return out;
  }
}
