package io.sp4j.transport.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.sp4j.Refusal;
import io.sp4j.transport.netty.ChannelTime;
import io.sp4j.transport.netty.HandshakeDecoder;
import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * The first handler of an accepted connection: reads the HTTP upgrade request (at most {@link
 * HttpHead#MAX_SIZE} bytes, within the handshake timeout), answers it, and on success hands the
 * channel to the listener its path routes to. Bytes after the request stay for the frame decoder
 * (WS-SV-22). Every refusal is a complete response followed by a close; a stalled request is closed
 * without one (WS-SV-18). A listener at its {@link io.sp4j.Options#MAX_CONNECTIONS} answers 503
 * before upgrading. Each refusal is counted: on the listener the request reached, else on the port.
 */
final class ServerHandshakeHandler extends HandshakeDecoder {
  private final Handshake.Router router;
  private final Duration limit;
  private final BiConsumer<Refusal, String> portRefusals;

  ServerHandshakeHandler(Handshake.Router router) {
    this(router, Handshake.TIMEOUT, (reason, detail) -> {}, ChannelTime.EVENT_LOOP);
  }

  /**
   * @param limit how long the client has to send its whole request (WS-SV-18, WS-HS-13)
   * @param portRefusals counts refusals of requests that reached no listener
   * @param time where the limit is timed (the port's first socket's time)
   */
  ServerHandshakeHandler(
      Handshake.Router router,
      Duration limit,
      BiConsumer<Refusal, String> portRefusals,
      ChannelTime time) {
    super(time);
    this.router = router;
    this.limit = limit;
    this.portRefusals = portRefusals;
  }

  @Override
  @SuppressWarnings(
      "FutureReturnValueIgnored") // a close is followed through closeFuture, not this future
  public void handlerAdded(ChannelHandlerContext ctx) {
    startDeadline(
        ctx,
        limit,
        () -> {
          portRefusals.accept(
              Refusal.HANDSHAKE_TIMEOUT,
              ctx.channel().remoteAddress()
                  + ": no whole upgrade request within "
                  + limit.toMillis()
                  + " ms");
          ctx.close();
        });
  }

  @Override
  protected void decodeHandshake(ChannelHandlerContext ctx, ByteBuf in) {
    int length = HttpHead.length(in, HttpHead.MAX_SIZE);
    if (length < 0) {
      if (in.readableBytes() > HttpHead.MAX_SIZE) {
        refuse(ctx, in, 400, null, "a request head over " + HttpHead.MAX_SIZE + " bytes");
      }
      return;
    }
    HttpHead request;
    try {
      request = HttpHead.read(in, length);
    } catch (IllegalArgumentException e) {
      refuse(ctx, in, 400, null, "a malformed request head: " + e.getMessage());
      return;
    }
    Handshake.Verdict verdict = Handshake.check(request, router);
    if (verdict.status() != 101) {
      refuse(
          ctx,
          in,
          verdict.status(),
          verdict.listener(),
          "'" + request.startLine() + "' answered " + verdict.status());
      return;
    }
    Refusal full = verdict.listener().admit(ctx.channel());
    if (full != null) {
      finish();
      in.skipBytes(in.readableBytes());
      verdict.listener().refused(full, ctx.channel().remoteAddress() + ": answered 503");
      ctx.writeAndFlush(Unpooled.wrappedBuffer(Handshake.error(503)))
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    finish();
    ctx.write(Unpooled.wrappedBuffer(Handshake.switching(verdict.accept(), verdict.subprotocol())))
        .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
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

  /** Answers {@code status} and closes; counted on {@code listener}, or on the port when null. */
  private void refuse(
      ChannelHandlerContext ctx, ByteBuf in, int status, WsListener listener, String what) {
    String detail = ctx.channel().remoteAddress() + ": " + what;
    if (listener != null) {
      listener.refused(Refusal.HANDSHAKE_INVALID, detail);
    } else {
      portRefusals.accept(Refusal.HANDSHAKE_INVALID, detail);
    }
    finish();
    in.skipBytes(in.readableBytes());
    ctx.writeAndFlush(Unpooled.wrappedBuffer(Handshake.error(status)))
        .addListener(ChannelFutureListener.CLOSE);
  }
}
