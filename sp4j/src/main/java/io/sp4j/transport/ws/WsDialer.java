package io.sp4j.transport.ws;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.sp4j.Errno;
import io.sp4j.MessageType;
import io.sp4j.Options;
import io.sp4j.SpException;
import io.sp4j.spi.EndpointContext;
import io.sp4j.transport.netty.ChannelTime;
import io.sp4j.transport.netty.EventLoops;
import io.sp4j.transport.netty.ReconnectingDialer;
import java.net.InetSocketAddress;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * A connect to a {@code ws://} URL, redialed by {@link ReconnectingDialer} after a refused connect,
 * a failed handshake or a lost connection (WS-RC-1). For {@code wss://} a TLS handler comes first;
 * the WebSocket handshake and framing inside it are the same.
 */
final class WsDialer extends ReconnectingDialer {
  private final WsAddress address;
  private final String subprotocol;

  /** The socket's message type when the dialer was made, kept across reconnects (WS-OPT-2). */
  private final MessageType messageType;

  private volatile Handshake.Failure lastFailure;

  WsDialer(WsAddress address, EndpointContext context) {
    super(context);
    this.address = address;
    this.subprotocol = Handshake.subprotocol(context.protocol().peer());
    this.messageType = context.option(Options.WS_MESSAGE_TYPE);
  }

  WsAddress address() {
    return address;
  }

  /** What the client asks for: the server's protocol, i.e. this socket's peer (WS-HS-3). */
  String subprotocol() {
    return subprotocol;
  }

  /** How long the handshake (and the TCP connect before it) may take (WS-HS-13). */
  /** The time its connections keep: its socket's. */
  ChannelTime time() {
    return ChannelTime.of(context());
  }

  Duration handshakeTimeout() {
    return context().option(Options.HANDSHAKE_TIMEOUT);
  }

  /** Why the latest attempt failed (WS-HS-14), or {@code null} once one succeeded. */
  @Override
  public SpException lastFailure() {
    Handshake.Failure failure = lastFailure;
    return failure == null ? null : new SpException(failure.errno(), failure.message());
  }

  @Override
  protected ChannelFuture dial() {
    SSLContext tls;
    try {
      tls =
          !address.secure()
              ? null
              : context().option(Options.TLS_CONTEXT) != null
                  ? context().option(Options.TLS_CONTEXT)
                  : SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("wss: the JVM has no default TLS context", e);
    }
    Bootstrap bootstrap =
        EventLoops.clientBootstrap(EventLoops.socketChannel(), context())
            .option(ChannelOption.TCP_NODELAY, context().option(Options.TCP_NODELAY))
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(Integer.MAX_VALUE, handshakeTimeout().toMillis()))
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    if (tls != null) {
                      ch.pipeline().addLast(Framing.TLS, Framing.tls(clientEngine(tls)));
                    }
                    ch.pipeline()
                        .addLast("ws-handshake", new ClientHandshakeHandler(WsDialer.this));
                  }
                });
    InetSocketAddress remote = new InetSocketAddress(address.host(), address.port());
    ChannelFuture connecting =
        address.localHost() == null
            ? bootstrap.connect(remote)
            : bootstrap.connect(remote, new InetSocketAddress(address.localHost(), 0)); // WS-URL-14
    connecting.addListener(
        f -> {
          if (!f.isSuccess()) {
            Throwable cause = f.cause();
            handshakeFailed(
                new Handshake.Failure(
                    cause instanceof ConnectTimeoutException ? Errno.ETIMEDOUT : Errno.ECONNREFUSED,
                    "cannot connect to " + address.url() + ": " + cause.getMessage()));
          }
        });
    return connecting;
  }

  /** A client-mode engine that checks that the server's certificate names the URL's host. */
  private SSLEngine clientEngine(SSLContext tls) {
    SSLEngine engine = tls.createSSLEngine(address.host(), address.port());
    engine.setUseClientMode(true);
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    engine.setSSLParameters(parameters);
    return engine;
  }

  /** The handshake succeeded (on the event loop): offers the connection to the socket. */
  WsConnection established(Channel ch) {
    assert ch.eventLoop().inEventLoop();
    if (!isCurrent(ch)) {
      return null;
    }
    EndpointContext context = context();
    WsConnection made =
        offer(
            ch,
            new WsConnection(
                ch, true, WsTransport.settings(context, ch).withMessageType(messageType), () -> {}),
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
