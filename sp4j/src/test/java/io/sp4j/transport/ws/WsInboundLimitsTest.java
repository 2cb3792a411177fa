package io.sp4j.transport.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.core.FakeEndpointContext;
import io.sp4j.transport.InboundLimitsContract;
import io.sp4j.transport.netty.ChannelConnection;

/**
 * The inbound limits on ws:// frames, server side: a masked binary frame announces the message
 * (mask key 0, so the payload bytes go on the wire as they are).
 */
class WsInboundLimitsTest extends InboundLimitsContract {

  @Override
  protected ChannelConnection install(EmbeddedChannel channel, FakeEndpointContext context) {
    WsConnection connection = new WsConnection(channel, false, WsTransport.settings(context, channel), () -> { });
    channel.pipeline().addLast(new WebSocket08FrameEncoder(false),
        new FrameDecoder(true, context.option(Options.RECEIVE_MAX_SIZE), connection.inbound()), connection);
    connection.start(context.attach(connection, Protocol.PUSH));
    return connection;
  }

  @Override
  protected byte[] announce(long length) {
    ByteBuf header = Unpooled.buffer();
    WireFrames.writeHeader(header, 0x82, length, true, 0);
    return ByteBufUtil.getBytes(header);
  }

  @Override
  protected long largestAnnounceable() {
    return Integer.MAX_VALUE - 8;
  }
}
