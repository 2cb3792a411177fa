package io.sp4j.transport.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;

/**
 * Puts RFC 6455 framing after a finished handshake: {@link FrameDecoder} for every check of WS-FR-7
 * … WS-FR-16 (the limit across fragments included), then the {@link WsConnection}, which writes
 * every frame itself (data frames in place, control frames as {@link ControlFrames}).
 */
final class Framing {
  /** The TLS handler of a {@code wss://} connection, first in its pipeline. */
  static final String TLS = "tls";

  static final String DECODER = "ws-decoder";
  static final String CONNECTION = "ws-connection";

  private Framing() {}

  /** Adds the framing handlers after {@code handshake}'s handler, which the caller then removes. */
  static void install(ChannelHandlerContext handshake, WsConnection connection) {
    ChannelPipeline pipeline = handshake.pipeline();
    boolean client = connection.isClient();
    pipeline.addAfter(
        handshake.name(),
        DECODER,
        new FrameDecoder(!client, connection.maxMessageSize(), connection.inbound()));
    pipeline.addAfter(DECODER, CONNECTION, connection);
  }
}
