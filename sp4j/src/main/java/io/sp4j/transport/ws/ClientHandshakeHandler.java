package io.sp4j.transport.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import io.sp4j.Errno;
import io.sp4j.transport.netty.HandshakeDecoder;
import java.time.Duration;

/**
 * The first handler of a dialed connection: sends the upgrade request, reads the answer (at most
 * {@link HttpHead#MAX_SIZE} bytes, within {@link io.sp4j.Options#HANDSHAKE_TIMEOUT}) and checks it;
 * on success hands the channel to the dialer. Bytes after the answer stay for the frame decoder
 * (WS-HS-12). On any failure the channel is closed, and the dialer tries again later.
 */
final class ClientHandshakeHandler extends HandshakeDecoder {
  private final WsDialer dialer;
  private final String key;

  ClientHandshakeHandler(WsDialer dialer) {
    this(dialer, Handshake.newKey());
  }

  /**
   * @param key the Sec-WebSocket-Key to send: fresh per attempt (WS-HS-4); fixed only by tests
   */
  ClientHandshakeHandler(WsDialer dialer, String key) {
    super(dialer.time());
    this.dialer = dialer;
    this.key = key;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    Duration limit = dialer.handshakeTimeout();
    startDeadline(
        ctx,
        limit,
        () ->
            fail(
                ctx,
                new Handshake.Failure(Errno.ETIMEDOUT, "no handshake answer within " + limit)));
    SslHandler tls = ctx.pipeline().get(SslHandler.class);
    if (tls != null) {
      // The request below waits inside the SslHandler until TLS is up; a TLS failure is the
      // handshake's failure (an untrusted or misnamed certificate, a plain ws:// server).
      tls.handshakeFuture()
          .addListener(
              f -> {
                if (!f.isSuccess() && !isFinished()) {
                  fail(
                      ctx,
                      new Handshake.Failure(
                          Errno.EPROTO, "TLS handshake failed: " + f.cause().getMessage()));
                }
              });
    }
    ctx.writeAndFlush(
            Unpooled.wrappedBuffer(Handshake.request(dialer.address(), dialer.subprotocol(), key)))
        .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    super.channelActive(ctx);
  }

  @Override
  @SuppressWarnings(
      "FutureReturnValueIgnored") // a close is followed through closeFuture, not this future
  protected void decodeHandshake(ChannelHandlerContext ctx, ByteBuf in) {
    int length = HttpHead.length(in, HttpHead.MAX_SIZE);
    if (length < 0) {
      if (in.readableBytes() > HttpHead.MAX_SIZE) {
        fail(
            ctx,
            new Handshake.Failure(
                Errno.EPROTO, "handshake answer longer than " + HttpHead.MAX_SIZE + " bytes"));
        in.skipBytes(in.readableBytes());
      }
      return;
    }
    Handshake.Failure failure;
    try {
      failure = Handshake.checkResponse(HttpHead.read(in, length), key, dialer.subprotocol());
    } catch (IllegalArgumentException e) {
      failure =
          new Handshake.Failure(Errno.EPROTO, "malformed handshake answer: " + e.getMessage());
    }
    if (failure != null) {
      in.skipBytes(in.readableBytes());
      fail(ctx, failure);
      return;
    }
    finish();
    WsConnection connection = dialer.established(ctx.channel());
    if (connection == null) {
      in.skipBytes(in.readableBytes());
      ctx.close();
      return;
    }
    Framing.install(ctx, connection);
    ctx.pipeline().remove(this);
  }

  @SuppressWarnings(
      "FutureReturnValueIgnored") // a close is followed through closeFuture, not this future
  private void fail(ChannelHandlerContext ctx, Handshake.Failure failure) {
    finish();
    dialer.handshakeFailed(failure);
    ctx.close();
  }
}
