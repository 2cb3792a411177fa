package io.sp4j.transport.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;

/**
 * Puts RFC 6455 framing after a finished handshake: Netty's frame encoder for the control frames
 * (data frames are written in place by {@link WsConnection}), {@link FrameDecoder} for every check
 * of WS-FR-7 … WS-FR-16 (the limit across fragments included), then the {@link WsConnection}.
 */
final class Framing {
  /** The TLS handler of a {@code wss://} connection, first in its pipeline. */
  static final String TLS = "tls";

  static final String ENCODER = "ws-encoder";
  static final String DECODER = "ws-decoder";
  static final String CONNECTION = "ws-connection";

  private Framing() {}

  /** Adds the framing handlers after {@code handshake}'s handler, which the caller then removes. */
  static void install(ChannelHandlerContext handshake, WsConnection connection) {
    ChannelPipeline pipeline = handshake.pipeline();
    boolean client = connection.isClient();
    pipeline.addAfter(handshake.name(), ENCODER, new WebSocket08FrameEncoder(client));
    pipeline.addAfter(
        ENCODER,
        DECODER,
        new FrameDecoder(!client, connection.maxMessageSize(), connection.inbound()));
    pipeline.addAfter(DECODER, CONNECTION, connection);
  }
}
