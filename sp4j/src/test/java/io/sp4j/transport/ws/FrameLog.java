package io.sp4j.transport.ws;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.sp4j.Message;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The last handler behind a {@link FrameDecoder} in a test: writes down, in order, each message
 * (type and bytes), control frame (kind and payload) and error the decoder passes on, and releases
 * the frames.
 */
final class FrameLog extends ChannelInboundHandlerAdapter {
  /** One thing the decoder passed on; {@code code} is the close status of a CORRUPT entry. */
  record Entry(String kind, String hex, int size, int code) {
    boolean ends() {
      return kind.equals("CLOSE") || kind.equals("CORRUPT");
    }
  }

  final List<Entry> entries = new ArrayList<>();
  final List<Throwable> unexpected = new ArrayList<>();

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof Message message) {
        byte[] bytes = message.toWireBytes();
        entries.add(
            new Entry(
                message.type().map(Enum::name).orElse("UNTYPED"),
                HexFormat.of().formatHex(bytes),
                bytes.length,
                0));
      } else if (msg instanceof WebSocketFrame frame) {
        String kind =
            frame instanceof CloseWebSocketFrame
                ? "CLOSE"
                : frame
                    .getClass()
                    .getSimpleName()
                    .replace("WebSocketFrame", "")
                    .toUpperCase(java.util.Locale.ROOT);
        entries.add(
            new Entry(
                kind, ByteBufUtil.hexDump(frame.content()), frame.content().readableBytes(), 0));
      } else {
        unexpected.add(new AssertionError("the decoder passed on a " + msg.getClass().getName()));
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof CorruptedWebSocketFrameException corrupt) {
      entries.add(new Entry("CORRUPT", "", 0, corrupt.closeStatus().code()));
    } else {
      unexpected.add(cause);
    }
  }
}
