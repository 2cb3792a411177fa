package io.sp4j.transport.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.util.List;

/**
 * WS-FR-15, strictly: reads each frame header as it arrives, in front of the frame decoder, and
 * adds a data frame's length to the size of the message it continues. A message that would grow
 * past the receive limit is refused with Close 1009 before any of that frame's payload is
 * buffered, so a fragmented message never costs more than the limit. Bytes pass through
 * unchanged (as slices, header and payload apart); only a partial header is held back.
 */
final class FrameSizeGuard extends ByteToMessageDecoder {
  static final String REASON = "Message size exceeds limit.";

  private final long limit;
  private long payloadLeft; // payload bytes of the current frame still to pass on
  private long messageSize; // data bytes of the message being received, this frame included
  private boolean passThrough; // a header the decoder will refuse anyway: stop looking
  private boolean refused;

  /** @param limit largest message accepted, in bytes (≥ 0) */
  FrameSizeGuard(long limit) {
    this.limit = limit;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (in.isReadable()) {
      if (refused) {
        in.skipBytes(in.readableBytes());
        return;
      }
      if (passThrough) {
        out.add(in.readRetainedSlice(in.readableBytes()));
        return;
      }
      if (payloadLeft > 0) {
        int n = (int) Math.min(payloadLeft, in.readableBytes());
        out.add(in.readRetainedSlice(n));
        payloadLeft -= n;
        continue;
      }
      int start = in.readerIndex();
      if (in.readableBytes() < 2) {
        return;
      }
      int first = in.getUnsignedByte(start);
      int second = in.getUnsignedByte(start + 1);
      int length7 = second & 0x7f;
      int headerLength = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + ((second & 0x80) != 0 ? 4 : 0);
      if (in.readableBytes() < headerLength) {
        return;
      }
      long length = length7 == 126 ? in.getUnsignedShort(start + 2) : length7 == 127 ? in.getLong(start + 2) : length7;
      if (length < 0) {
        passThrough = true; // 64-bit length with its top bit set: the decoder answers 1002 (WS-FR-13)
        continue;
      }
      int opcode = first & 0x0f;
      if (opcode < 8) { // data: 0 continues a message, 1 and 2 start one
        messageSize = (opcode == 0 ? messageSize : 0) + length;
        if (messageSize > limit) {
          refuse(ctx, in);
          return;
        }
        if ((first & 0x80) != 0) {
          messageSize = 0;
        }
      }
      out.add(in.readRetainedSlice(headerLength));
      payloadLeft = length;
    }
  }

  /** Close 1009 through the encoder (before this handler), then TCP close (WS-CL-4). */
  private void refuse(ChannelHandlerContext ctx, ByteBuf in) {
    refused = true;
    in.skipBytes(in.readableBytes());
    ctx.writeAndFlush(new CloseWebSocketFrame(1009, REASON)).addListener(ChannelFutureListener.CLOSE);
  }
}
