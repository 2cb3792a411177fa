package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.core.FakeEndpointContext;
import io.sp4j.transport.InboundLimitsContract;
import io.sp4j.transport.netty.ChannelConnection;
import org.junit.jupiter.api.Test;

/**
 * The inbound limits on ws:// frames, server side: a masked binary frame announces the message
 * (mask key 0, so the payload bytes go on the wire as they are).
 */
class WsInboundLimitsTest extends InboundLimitsContract {

  @Override
  protected ChannelConnection install(EmbeddedChannel channel, FakeEndpointContext context) {
    WsConnection connection =
        new WsConnection(channel, false, WsTransport.settings(context, channel), () -> {});
    channel
        .pipeline()
        .addLast(
            new FrameDecoder(true, context.option(Options.RECEIVE_MAX_SIZE), connection.inbound()),
            connection);
    connection.start(context.attach(connection, Protocol.PUSH));
    return connection;
  }

  @Override
  protected byte[] announce(long length) {
    return announce(length, 0x82);
  }

  @Override
  protected long largestAnnounceable() {
    return Integer.MAX_VALUE - 8;
  }

  /** A message in 1 KiB frames: the array doubles, it does not grow frame by frame. */
  @Test
  void aMessageInManySmallFramesCostsAFewCopiesNotOneAFrame() {
    EmbeddedChannel channel = new EmbeddedChannel();
    try {
      install(channel, context);
      byte[] body = new byte[1024 * 1024];
      new java.util.Random(7).nextBytes(body);
      long before = allocated();
      for (int at = 0, frame = 1024; at < body.length; at += frame) {
        int first = at == 0 ? 0x02 : 0x00;
        int fin = at + frame == body.length ? 0x80 : 0;
        channel.writeInbound(
            Unpooled.wrappedBuffer(
                announce(frame, fin | first), java.util.Arrays.copyOfRange(body, at, at + frame)));
      }
      assertThat(allocated() - before)
          .as("bytes allocated for 1 MiB in 1,024 frames")
          .isLessThan(16L << 20);
      assertThat(context.delivered).hasSize(1);
      assertThat(context.delivered.get(0).body()).isEqualTo(body);
    } finally {
      channel.finishAndReleaseAll();
    }
  }

  private static long allocated() {
    return ((com.sun.management.ThreadMXBean)
            java.lang.management.ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  private static byte[] announce(long length, int firstByte) {
    ByteBuf header = Unpooled.buffer();
    WireFrames.writeHeader(header, firstByte, length, true, 0);
    return ByteBufUtil.getBytes(header);
  }
}
