package io.sp4j.transport.stream;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.sp4j.Errno;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.SpException;
import io.sp4j.spi.EndpointContext;
import io.sp4j.transport.netty.ChannelTime;
import io.sp4j.transport.netty.EventLoops;
import io.sp4j.transport.netty.ReconnectingDialer;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.function.Supplier;

/** A connect to a {@code tcp://} or {@code ipc://} address, redialed with backoff. */
public final class StreamDialer extends ReconnectingDialer {
  /** Longest a connect may take before it counts as failed. */
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  private final String url;
  private final Supplier<SocketAddress> remote;
  private final SocketAddress local;
  private final Class<? extends Channel> channelClass;
  private final boolean typed;
  private final int port;
  private volatile SpException lastFailure;

  /**
   * @param remote the address to dial, asked again on every attempt (so names are resolved anew)
   * @param local the local address to dial from, or {@code null}
   * @param port what {@link #port()} reports, -1 for none
   */
  public StreamDialer(
      String url,
      Supplier<SocketAddress> remote,
      SocketAddress local,
      Class<? extends Channel> channelClass,
      boolean typed,
      int port,
      EndpointContext context) {
    super(context);
    this.url = url;
    this.remote = remote;
    this.local = local;
    this.channelClass = channelClass;
    this.typed = typed;
    this.port = port;
  }

  @Override
  protected ChannelFuture dial() {
    Bootstrap bootstrap =
        EventLoops.clientBootstrap(channelClass, context())
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline()
                        .addLast(
                            "sp-handshake",
                            new StreamHandshake(
                                context().protocol(),
                                context().option(Options.HANDSHAKE_TIMEOUT),
                                StreamDialer.this::established,
                                failure -> lastFailure = failure,
                                ChannelTime.of(context())));
                  }
                });
    SocketAddress to = remote.get();
    if (to instanceof InetSocketAddress) {
      bootstrap.option(ChannelOption.TCP_NODELAY, context().option(Options.TCP_NODELAY));
    }
    ChannelFuture connecting = local == null ? bootstrap.connect(to) : bootstrap.connect(to, local);
    connecting.addListener(
        f -> {
          Throwable cause = f.cause();
          if (cause != null) {
            lastFailure =
                new SpException(
                    cause instanceof ConnectTimeoutException ? Errno.ETIMEDOUT : Errno.ECONNREFUSED,
                    "cannot connect to " + url + ": " + cause.getMessage(),
                    cause);
          }
        });
    return connecting;
  }

  /** The greetings were exchanged (event loop): offers the connection to the socket. */
  private StreamConnection established(Channel ch, Protocol peer) {
    assert ch.eventLoop().inEventLoop();
    if (!isCurrent(ch)) {
      return null;
    }
    StreamConnection made =
        offer(ch, StreamOptions.connection(context(), ch, typed, () -> {}), peer);
    if (made != null) {
      lastFailure = null;
    }
    return made;
  }

  @Override
  public SpException lastFailure() {
    return lastFailure;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String toString() {
    return "dialer to " + url;
  }
}
