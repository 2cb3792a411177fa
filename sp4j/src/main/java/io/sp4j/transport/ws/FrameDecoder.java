package io.sp4j.transport.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.sp4j.Message;
import io.sp4j.MessageType;
import io.sp4j.Refusal;
import io.sp4j.transport.netty.InboundGuard;
import io.sp4j.transport.netty.PartialMessage;

/**
 * RFC 6455 frames in, whole SP messages out. Each frame header is checked as soon as it has arrived
 * (RSV bits, reserved opcodes, masking as the side expects, minimal length encodings, control
 * frames final and at most 125 bytes, continuation only inside a fragmented message: 1002; a
 * message growing past the receive limit: 1009, before any of that frame's payload is kept, WS-FR-7
 * … WS-FR-15). A data frame's payload is copied (and unmasked 8 bytes at a time) straight from the
 * channel's buffers into the connection's {@link PartialMessage}, whose array grows with the bytes
 * that arrive, not with the lengths the headers announce, and which the {@link InboundGuard} holds
 * to the receive budget and the stall timeout at the end of each read. A text message must be UTF-8
 * when whole (1007, WS-FR-16).
 *
 * <p>Passes on a {@link Message} (typed TEXT or BINARY) per data message and Netty's control frame
 * objects for Ping, Pong and Close; a protocol error writes the Close, closes the channel and tells
 * the next handler with a {@link CorruptedWebSocketFrameException}. Nothing after a Close or an
 * error is read.
 */
final class FrameDecoder extends ChannelInboundHandlerAdapter {
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  /** The reason sent with 1009. */
  static final String TOO_BIG = "Message size exceeds limit.";

  private final boolean expectMasked;
  private final long limit; // largest message, Long.MAX_VALUE for none
  private final InboundGuard guard;
  private final PartialMessage data; // the data message being assembled

  // The header being read.
  private final byte[] head = new byte[14];
  private int headFilled;
  // The frame whose payload is being read.
  private boolean inPayload;
  private boolean fin;
  private int opcode;
  private boolean masked;
  private int mask;
  private int phase;
  private long payloadLeft;
  private byte[] control; // a control frame's payload
  private int controlFilled;
  private MessageType type; // of the data message being assembled
  private boolean done; // a Close was passed on, or a protocol error

  /**
   * @param maxMessageSize receive limit in bytes, -1 for none
   * @param guard the connection's unfinished message and its limits
   */
  FrameDecoder(boolean expectMasked, int maxMessageSize, InboundGuard guard) {
    this.expectMasked = expectMasked;
    this.limit = maxMessageSize < 0 ? Long.MAX_VALUE : maxMessageSize;
    this.guard = guard;
    this.data = guard.message();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf in)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      while (!done && in.isReadable()) {
        if (!inPayload) {
          if (!readHeader(ctx, in)) {
            break;
          }
        } else {
          readPayload(ctx, in);
        }
      }
      if (!done && !guard.afterRead()) {
        done = true;
      }
    } finally {
      in.release();
    }
  }

  /** Returns false when more bytes are needed (or the frame was refused). */
  private boolean readHeader(ChannelHandlerContext ctx, ByteBuf in) {
    if (headFilled < 2) {
      int n = Math.min(2 - headFilled, in.readableBytes());
      in.readBytes(head, headFilled, n);
      headFilled += n;
      if (headFilled < 2) {
        return false;
      }
    }
    int first = head[0] & 0xff;
    int second = head[1] & 0xff;
    int length7 = second & 0x7f;
    boolean hasMask = (second & 0x80) != 0;
    int headerLength = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + (hasMask ? 4 : 0);
    if (headFilled < headerLength) {
      int n = Math.min(headerLength - headFilled, in.readableBytes());
      in.readBytes(head, headFilled, n);
      headFilled += n;
      if (headFilled < headerLength) {
        return false;
      }
    }
    headFilled = 0;
    fin = (first & 0x80) != 0;
    opcode = first & 0x0f;
    masked = hasMask;
    if ((first & 0x70) != 0) {
      return fail(ctx, 1002, "RSV bits set without an extension");
    }
    if (masked != expectMasked) {
      return fail(ctx, 1002, expectMasked ? "unmasked client frame" : "masked server frame");
    }
    long length;
    if (length7 == 126) {
      length = ((long) (head[2] & 0xff) << 8) | (head[3] & 0xff);
      if (length < 126) {
        return fail(ctx, 1002, "length not minimally encoded");
      }
    } else if (length7 == 127) {
      length = 0;
      for (int i = 2; i < 10; i++) {
        length = length << 8 | (head[i] & 0xff);
      }
      if (length < 0) {
        return fail(ctx, 1002, "64-bit length with its top bit set");
      }
      if (length < 65536) {
        return fail(ctx, 1002, "length not minimally encoded");
      }
    } else {
      length = length7;
    }
    if (masked) {
      int at = headerLength - 4;
      mask =
          (head[at] & 0xff) << 24
              | (head[at + 1] & 0xff) << 16
              | (head[at + 2] & 0xff) << 8
              | (head[at + 3] & 0xff);
    }
    phase = 0;
    payloadLeft = length;
    if (opcode >= 8) {
      if (opcode > 10) {
        return fail(ctx, 1002, "reserved control opcode");
      }
      if (!fin) {
        return fail(ctx, 1002, "fragmented control frame");
      }
      if (length > 125) {
        return fail(ctx, 1002, "control frame over 125 bytes");
      }
      if (opcode == 8 && length == 1) {
        return fail(ctx, 1002, "close frame with a 1-byte payload");
      }
      control = new byte[(int) length];
      controlFilled = 0;
    } else {
      if (opcode > 2) {
        return fail(ctx, 1002, "reserved data opcode");
      }
      if (opcode == 0 && !data.inProgress()) {
        return fail(ctx, 1002, "continuation without a message");
      }
      if (opcode != 0 && data.inProgress()) {
        return fail(ctx, 1002, "new message inside a fragmented one");
      }
      long total = (opcode == 0 ? data.expected() : 0) + length;
      if (total > limit || total > MAX_ARRAY) {
        return fail(ctx, 1009, TOO_BIG);
      }
      if (opcode != 0) {
        type = opcode == 1 ? MessageType.TEXT : MessageType.BINARY;
        data.begin(length, fin); // memory comes as the payload does
      } else {
        data.extend(length, fin);
      }
    }
    inPayload = true;
    if (length == 0) {
      frameDone(ctx);
    }
    return true;
  }

  private void readPayload(ChannelHandlerContext ctx, ByteBuf in) {
    int n = (int) Math.min(payloadLeft, in.readableBytes());
    if (opcode >= 8) {
      phase = WireFrames.readUnmasked(in, control, controlFilled, n, masked, mask, phase);
      controlFilled += n;
    } else {
      byte[] into = data.room(n, n);
      phase = WireFrames.readUnmasked(in, into, data.filled(), n, masked, mask, phase);
      data.advance(n);
    }
    payloadLeft -= n;
    if (payloadLeft == 0) {
      frameDone(ctx);
    }
  }

  private void frameDone(ChannelHandlerContext ctx) {
    inPayload = false;
    if (opcode >= 8) {
      ByteBuf content = Unpooled.wrappedBuffer(control);
      control = null;
      if (opcode == 8) {
        done = true; // what follows a Close is not read (the connection answers and closes)
        ctx.fireChannelRead(new CloseWebSocketFrame(true, 0, content));
      } else if (opcode == 9) {
        ctx.fireChannelRead(new PingWebSocketFrame(content));
      } else {
        ctx.fireChannelRead(new PongWebSocketFrame(content));
      }
      return;
    }
    if (!fin) {
      return;
    }
    byte[] bytes = data.finish();
    MessageType messageType = type;
    if (messageType == MessageType.TEXT && !Utf8.isValid(bytes)) {
      fail(ctx, 1007, "invalid UTF-8 text");
      return;
    }
    ctx.fireChannelRead(Message.of(bytes).withType(messageType));
  }

  /** WS-CL-4: Close with the code, then TCP close; the connection hears of it. Returns false. */
  private boolean fail(ChannelHandlerContext ctx, int code, String reason) {
    done = true;
    control = null;
    guard.count(
        code == 1009 ? Refusal.MESSAGE_TOO_LARGE : Refusal.PROTOCOL_ERROR,
        "ws close " + code + ": " + reason);
    ctx.writeAndFlush(ControlFrames.close(ctx.alloc(), !expectMasked, code, reason))
        .addListener(ChannelFutureListener.CLOSE);
    ctx.fireExceptionCaught(
        new CorruptedWebSocketFrameException(WebSocketCloseStatus.valueOf(code), reason));
    return false;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    done = true;
    data.discard();
    control = null;
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    data.discard();
    control = null;
  }
}
