package io.sp4j.transport.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.sp4j.transport.netty.HandshakeDecoder;
import java.time.Duration;

/**
 * The first handler of an accepted connection: reads the HTTP upgrade request (at most
 * {@link HttpHead#MAX_SIZE} bytes, within the handshake timeout), answers it, and on success
 * hands the channel to the listener its path routes to. Bytes after the request stay for the
 * frame decoder (WS-SV-22). Every refusal is a complete response followed by a close; a stalled
 * request is closed without one (WS-SV-18).
 */
final class ServerHandshakeHandler extends HandshakeDecoder {
  private final Handshake.Router router;
  private final Duration limit;

  ServerHandshakeHandler(Handshake.Router router) {
    this(router, Handshake.TIMEOUT);
  }

  /** @param limit how long the client has to send its whole request (WS-SV-18, WS-HS-13) */
  ServerHandshakeHandler(Handshake.Router router, Duration limit) {
    this.router = router;
    this.limit = limit;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    startDeadline(ctx, limit, ctx::close);
  }

  @Override
  protected void decodeHandshake(ChannelHandlerContext ctx, ByteBuf in) {
    int length = HttpHead.length(in, HttpHead.MAX_SIZE);
    if (length < 0) {
      if (in.readableBytes() > HttpHead.MAX_SIZE) {
        refuse(ctx, in, 400);
      }
      return;
    }
    HttpHead request;
    try {
      request = HttpHead.read(in, length);
    } catch (IllegalArgumentException e) {
      refuse(ctx, in, 400);
      return;
    }
    Handshake.Verdict verdict = Handshake.check(request, router);
    if (verdict.status() != 101) {
      refuse(ctx, in, verdict.status());
      return;
    }
    finish();
    ctx.write(Unpooled.wrappedBuffer(Handshake.switching(verdict.accept(), verdict.subprotocol())));
    WsConnection connection = verdict.listener().accepted(ctx.channel());
    if (connection == null) {
      // Refused by the socket (closed, or a PAIR that has its peer): WS-CL-8, plain TCP close.
      in.skipBytes(in.readableBytes());
      ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    Framing.install(ctx, connection);
    ctx.flush();
    ctx.pipeline().remove(this);
  }

  private void refuse(ChannelHandlerContext ctx, ByteBuf in, int status) {
    finish();
    in.skipBytes(in.readableBytes());
    ctx.writeAndFlush(Unpooled.wrappedBuffer(Handshake.error(status))).addListener(ChannelFutureListener.CLOSE);
  }
}
