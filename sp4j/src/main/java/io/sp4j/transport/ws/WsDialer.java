package io.sp4j.transport.ws;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.sp4j.Options;
import io.sp4j.core.Backoff;
import io.sp4j.core.EndpointContext;
import io.sp4j.core.PipeEvents;
import io.sp4j.core.Timeout;
import io.sp4j.core.TransportEndpoint;

/**
 * A connect to a {@code ws://} URL: one connection at a time, made again after a refused
 * connect, a failed handshake or a lost connection, waiting {@link Backoff} between attempts
 * (WS-RC-1).
 */
final class WsDialer implements TransportEndpoint {
  private final WsAddress address;
  private final EndpointContext context;
  private final String subprotocol;
  private final Backoff backoff;
  private Channel channel;
  private WsConnection connection;
  private Timeout retry;
  private boolean closed;
  private volatile Handshake.Failure lastFailure;

  WsDialer(WsAddress address, EndpointContext context) {
    this.address = address;
    this.context = context;
    this.subprotocol = Handshake.subprotocol(context.protocol().peer());
    this.backoff = new Backoff(context);
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

  /** One attempt; called with no socket lock held. */
  void connect() {
    synchronized (this) {
      retry = null;
      if (closed || channel != null) {
        return;
      }
    }
    Bootstrap bootstrap = new Bootstrap()
        .group(EventLoops.group())
        .channel(EventLoops.socketChannel())
        .option(ChannelOption.TCP_NODELAY, context.option(Options.TCP_NODELAY))
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Handshake.TIMEOUT.toMillis())
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast("ws-handshake", new ClientHandshakeHandler(WsDialer.this));
          }
        });
    ChannelFuture connecting = bootstrap.connect(address.host(), address.port());
    Channel ch = connecting.channel();
    synchronized (this) {
      if (closed) {
        ch.close();
        return;
      }
      channel = ch;
    }
    connecting.addListener(f -> {
      if (!f.isSuccess()) {
        ch.close();
      }
    });
    ch.closeFuture().addListener(f -> lost(ch));
  }

  /** The handshake succeeded (on the event loop): offers the connection to the socket. */
  WsConnection established(Channel ch) {
    synchronized (this) {
      if (closed || channel != ch) {
        return null;
      }
    }
    WsConnection made = new WsConnection(ch, true, WsTransport.settings(context, ch), () -> { });
    PipeEvents events = context.attach(made, context.protocol().peer());
    if (events == null) {
      return null;
    }
    made.start(events);
    boolean closeNow;
    synchronized (this) {
      lastFailure = null;
      backoff.reset();
      connection = made;
      closeNow = closed;
    }
    if (closeNow) {
      made.close();
    }
    return made;
  }

  void handshakeFailed(Handshake.Failure failure) {
    lastFailure = failure;
  }

  private void lost(Channel ch) {
    synchronized (this) {
      if (channel != ch) {
        return;
      }
      channel = null;
      connection = null;
      if (!closed && retry == null) {
        retry = context.timers().schedule(backoff.nextDelay(), this::connect);
      }
    }
  }

  @Override
  public int port() {
    return address.port();
  }

  @Override
  public void close() {
    Channel ch;
    WsConnection open;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (retry != null) {
        retry.cancel();
        retry = null;
      }
      ch = channel;
      open = connection;
    }
    if (open != null) {
      open.close();
    } else if (ch != null) {
      ch.close();
    }
  }

  @Override
  public String toString() {
    return "ws dialer to " + address.url();
  }
}
