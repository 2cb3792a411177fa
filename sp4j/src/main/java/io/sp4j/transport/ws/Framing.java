package io.sp4j.transport.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import javax.net.ssl.SSLEngine;

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

  /**
   * The TLS handler of a {@code wss://} connection. Its own handshake timer (Netty's, 10 s on the
   * event loop's clock) is off: the connection's {@code HANDSHAKE_TIMEOUT}, on its socket's time,
   * covers TLS and the upgrade together, whatever value it has.
   */
  static SslHandler tls(SSLEngine engine) {
    SslHandler handler = new SslHandler(engine);
    handler.setHandshakeTimeoutMillis(0);
    return handler;
  }

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
