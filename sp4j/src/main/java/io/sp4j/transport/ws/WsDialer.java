package io.sp4j.transport.ws;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.sp4j.Options;
import io.sp4j.core.EndpointContext;
import io.sp4j.transport.netty.EventLoops;
import io.sp4j.transport.netty.ReconnectingDialer;

/**
 * A connect to a {@code ws://} URL, redialed by {@link ReconnectingDialer} after a refused
 * connect, a failed handshake or a lost connection (WS-RC-1).
 */
final class WsDialer extends ReconnectingDialer {
  private final WsAddress address;
  private final String subprotocol;
  private volatile Handshake.Failure lastFailure;

  WsDialer(WsAddress address, EndpointContext context) {
    super(context);
    this.address = address;
    this.subprotocol = Handshake.subprotocol(context.protocol().peer());
  }

  WsAddress address() {
    return address;
  }

  /** What the client asks for: the server's protocol, i.e. this socket's peer (WS-HS-3). */
  String subprotocol() {
    return subprotocol;
  }

  /** Why the last handshake failed, or {@code null}. */
  Handshake.Failure lastFailure() {
    return lastFailure;
  }

  @Override
  protected ChannelFuture dial() {
    Bootstrap bootstrap = new Bootstrap()
        .group(EventLoops.group())
        .channel(EventLoops.socketChannel())
        .option(ChannelOption.TCP_NODELAY, context().option(Options.TCP_NODELAY))
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Handshake.TIMEOUT.toMillis())
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast("ws-handshake", new ClientHandshakeHandler(WsDialer.this));
          }
        });
    return bootstrap.connect(address.host(), address.port());
  }

  /** The handshake succeeded (on the event loop): offers the connection to the socket. */
  WsConnection established(Channel ch) {
    if (!isCurrent(ch)) {
      return null;
    }
    EndpointContext context = context();
    WsConnection made = offer(ch, new WsConnection(ch, true, WsTransport.settings(context, ch), () -> { }),
        context.protocol().peer());
    if (made != null) {
      lastFailure = null;
    }
    return made;
  }

  void handshakeFailed(Handshake.Failure failure) {
    lastFailure = failure;
  }

  @Override
  public int port() {
    return address.port();
  }

  @Override
  public String toString() {
    return "ws dialer to " + address.url();
  }
}
