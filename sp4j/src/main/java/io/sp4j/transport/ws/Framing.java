package io.sp4j.transport.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;

/**
 * Puts RFC 6455 framing after a finished handshake: Netty's frame encoder and decoder (masking
 * rules, RSV bits, reserved opcodes, control-frame rules, minimal lengths, the per-frame size
 * limit checked from the frame header: WS-FR-7 … WS-FR-15) with {@link FrameSizeGuard} in front
 * of the decoder for the limit across fragments, its UTF-8 validator for text
 * (1007, across fragments: WS-FR-16), then the {@link WsConnection}.
 */
final class Framing {
  /** The TLS handler of a {@code wss://} connection, first in its pipeline. */
  static final String TLS = "tls";
  static final String ENCODER = "ws-encoder";
  static final String SIZE_GUARD = "ws-size-guard";
  static final String DECODER = "ws-decoder";
  static final String UTF8 = "ws-utf8";
  static final String CONNECTION = "ws-connection";

  private Framing() {}

  /** Adds the framing handlers after {@code handshake}'s handler, which the caller then removes. */
  static void install(ChannelHandlerContext handshake, WsConnection connection) {
    ChannelPipeline pipeline = handshake.pipeline();
    boolean client = connection.isClient();
    WebSocketDecoderConfig config = WebSocketDecoderConfig.newBuilder()
        .expectMaskedFrames(!client)
        .allowMaskMismatch(false)
        .allowExtensions(false)
        .closeOnProtocolViolation(true)
        .withUTF8Validator(true)
        .maxFramePayloadLength(connection.maxMessageSize() < 0 ? Integer.MAX_VALUE : connection.maxMessageSize())
        .build();
    pipeline.addAfter(handshake.name(), ENCODER, new WebSocket08FrameEncoder(client));
    String beforeDecoder = ENCODER;
    if (connection.maxMessageSize() >= 0) {
      pipeline.addAfter(ENCODER, SIZE_GUARD, new FrameSizeGuard(connection.maxMessageSize()));
      beforeDecoder = SIZE_GUARD;
    }
    pipeline.addAfter(beforeDecoder, DECODER, new Decoder(config));
    pipeline.addAfter(DECODER, UTF8, new Utf8FrameValidator(true));
    pipeline.addAfter(UTF8, CONNECTION, connection);
  }

  /**
   * Netty's decoder, except that a Close frame's code and reason are checked by
   * {@link WsConnection} (which answers 1002 where Netty would only drop the connection, and
   * accepts only the codes of WS-CL-1).
   */
  static final class Decoder extends WebSocket08FrameDecoder {
    Decoder(WebSocketDecoderConfig config) {
      super(config);
    }

    @Override
    protected void checkCloseFrameBody(ChannelHandlerContext ctx, ByteBuf buffer) {
      // checked by WsConnection
    }
  }
}
