package io.sp4j.transport.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.sp4j.Errno;
import io.sp4j.Protocol;
import io.sp4j.SpException;
import io.sp4j.transport.netty.ChannelTime;
import io.sp4j.transport.netty.HandshakeDecoder;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The first handler of a {@code tcp://} or {@code ipc://} connection, dialed or accepted: sends
 * this socket's {@link Greeting} as soon as the channel is up, reads the peer's within the socket's
 * {@link io.sp4j.Options#HANDSHAKE_TIMEOUT} (TCP-3) and checks it (TCP-2). On success the {@link
 * Acceptor} makes the connection, which takes this handler's place (bytes already read after the
 * greeting go on to it); on any failure the channel is closed without a word, as nanomsg and NNG
 * do.
 */
public final class StreamHandshake extends HandshakeDecoder {
  /** Makes the connection once the greetings are exchanged (event loop). */
  @FunctionalInterface
  public interface Acceptor {
    /** Returns the connection, started, or {@code null} to close the channel. */
    StreamConnection accept(Channel channel, Protocol peer);
  }

  private final Protocol self;
  private final Duration timeout;
  private final Acceptor acceptor;
  private final Consumer<SpException> onFailure;
  private boolean started;

  /**
   * @param timeout how long the peer has to send its greeting
   * @param onFailure told why the handshake failed: ETIMEDOUT or EPROTO
   * @param time where the timeout is timed (its socket's)
   */
  public StreamHandshake(
      Protocol self,
      Duration timeout,
      Acceptor acceptor,
      Consumer<SpException> onFailure,
      ChannelTime time) {
    super(time);
    this.self = self;
    this.timeout = timeout;
    this.acceptor = acceptor;
    this.onFailure = onFailure;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      start(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    start(ctx);
    super.channelActive(ctx);
  }

  @SuppressWarnings(
      "FutureReturnValueIgnored") // a close is followed through closeFuture, not this future
  private void start(ChannelHandlerContext ctx) {
    if (started) {
      return;
    }
    started = true;
    startDeadline(
        ctx,
        timeout,
        () -> {
          onFailure.accept(
              new SpException(
                  Errno.ETIMEDOUT,
                  "no SP greeting from the peer within " + timeout.toMillis() + " ms"));
          ctx.close();
        });
    ctx.writeAndFlush(Unpooled.wrappedBuffer(Greeting.of(self)))
        .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
  }

  @Override
  @SuppressWarnings(
      "FutureReturnValueIgnored") // a close is followed through closeFuture, not this future
  protected void decodeHandshake(ChannelHandlerContext ctx, ByteBuf in) {
    if (in.readableBytes() < Greeting.SIZE) {
      return;
    }
    finish();
    Protocol peer = Greeting.read(in, self);
    if (peer == null) {
      onFailure.accept(
          new SpException(
              Errno.EPROTO, "the peer's SP greeting is malformed or names no peer of " + self));
    }
    StreamConnection connection = peer == null ? null : acceptor.accept(ctx.channel(), peer);
    if (connection == null) {
      in.skipBytes(in.readableBytes());
      ctx.close();
      return;
    }
    ctx.pipeline().addAfter(ctx.name(), "sp-connection", connection);
    ctx.pipeline().remove(this);
  }
}
