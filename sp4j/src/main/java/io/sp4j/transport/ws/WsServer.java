package io.sp4j.transport.ws;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.sp4j.Options;
import io.sp4j.Refusal;
import io.sp4j.SpException;
import io.sp4j.spi.EndpointContext;
import io.sp4j.transport.netty.Admission;
import io.sp4j.transport.netty.ChannelTime;
import io.sp4j.transport.netty.EventLoops;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * One listening TCP port shared by every {@link WsListener} bound to it (the NNG model): exact
 * paths first, then the listener bound without a path (the nanomsg model), else 404. Routes change
 * under {@link WsTransport}'s lock; the event loop reads them without it.
 *
 * <p>The port takes its handshake timeout, handshake limit and listen backlog from the first socket
 * bound to it. A connection beyond {@link io.sp4j.Options#MAX_HANDSHAKES} still in their upgrade is
 * answered 503 at once; refusals made before a request reaches a listener count on the port's
 * catch-all listener, else on any listener of the port.
 */
final class WsServer implements Handshake.Router {
  private final Channel serverChannel;
  private final int port;

  /** {@link WsTransport}'s lock, under which routes change. */
  private final Object routesLock;

  private final Map<String, WsListener> routes = new ConcurrentHashMap<>();
  private final Admission admission; // its handshaking channels; upgraded ones are listeners'
  private volatile WsListener catchAll;

  private WsServer(Channel serverChannel, Object routesLock, Admission admission) {
    this.serverChannel = serverChannel;
    this.admission = admission;
    this.routesLock = routesLock;
    this.port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /**
   * Starts listening.
   *
   * @param tls the TLS context for {@code wss://}, or {@code null} for plain {@code ws://}
   * @param first the socket side of the first listener, whose options the port takes
   * @param routesLock the transport's lock, held whenever a route is added or removed
   * @throws SpException EADDRINUSE if the port is taken, EADDRNOTAVAIL if the address is not local
   */
  static WsServer start(
      InetSocketAddress address,
      String url,
      SSLContext tls,
      EndpointContext first,
      Object routesLock) {
    Duration handshakeTimeout = first.option(Options.HANDSHAKE_TIMEOUT);
    ChannelTime time = ChannelTime.of(first);
    Admission admission = new Admission(Integer.MAX_VALUE, first.option(Options.MAX_HANDSHAKES));
    WsServer[] self = new WsServer[1];
    ServerBootstrap bootstrap =
        EventLoops.serverBootstrap(
                EventLoops.serverChannel(), address, first.option(Options.LISTEN_BACKLOG), first)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  @SuppressWarnings(
                      "FutureReturnValueIgnored") // a close is followed through closeFuture, not
                  // this future
                  protected void initChannel(Channel child) {
                    WsServer server = self[0];
                    if (server == null) {
                      child.close();
                      return;
                    }
                    if (tls != null) {
                      SSLEngine engine = tls.createSSLEngine();
                      engine.setUseClientMode(false);
                      child.pipeline().addLast(Framing.TLS, Framing.tls(engine));
                    }
                    if (admission.admitHandshake(child) != null) {
                      server.refused(
                          Refusal.HANDSHAKE_LIMIT,
                          child.remoteAddress()
                              + ": "
                              + admission.handshaking()
                              + " connections in their upgrade");
                      child
                          .writeAndFlush(Unpooled.wrappedBuffer(Handshake.error(503)))
                          .addListener(ChannelFutureListener.CLOSE);
                      return;
                    }
                    ServerHandshakeHandler handshake =
                        new ServerHandshakeHandler(server, handshakeTimeout, server::refused, time);
                    handshake.whenFinished(() -> admission.handshakeDone(child));
                    child.pipeline().addLast("ws-handshake", handshake);
                  }
                });
    self[0] = new WsServer(EventLoops.bind(bootstrap, address, url), routesLock, admission);
    return self[0];
  }

  /** Counts a refusal made before a request reached a listener (see the class comment). */
  void refused(Refusal reason, String detail) {
    WsListener counter = catchAll;
    if (counter == null) {
      counter = routes.values().stream().findAny().orElse(null);
    }
    if (counter != null) {
      counter.refused(reason, detail);
    }
  }

  /** Longest a close waits for the port to be free to bind again. */
  private static final Duration RELEASE_WAIT = Duration.ofSeconds(1);

  int port() {
    return port;
  }

  @Override
  public WsListener route(String pathKey) {
    WsListener exact = routes.get(pathKey);
    return exact != null ? exact : catchAll;
  }

  /** Adds a listener's route; false if that path (or the catch-all) is taken. */
  boolean add(WsListener listener) {
    assert Thread.holdsLock(routesLock);
    if (listener.routeKey() == null) {
      if (catchAll != null) {
        return false;
      }
      catchAll = listener;
      return true;
    }
    return routes.putIfAbsent(listener.routeKey(), listener) == null;
  }

  void remove(WsListener listener) {
    assert Thread.holdsLock(routesLock);
    if (listener.routeKey() == null) {
      if (catchAll == listener) {
        catchAll = null;
      }
    } else {
      routes.remove(listener.routeKey(), listener);
    }
  }

  boolean isEmpty() {
    return catchAll == null && routes.isEmpty();
  }

  /**
   * Stops listening and closes every connection still in its handshake; upgraded ones are their
   * listener's to close (after their queued messages, with the goodbye it chose). Off the event
   * loop it waits for the port to be released, so that binding it again right away works.
   */
  @SuppressWarnings(
      "FutureReturnValueIgnored") // a close is followed through closeFuture, not this future
  void close() {
    EventLoops.closeAndRelease(serverChannel, RELEASE_WAIT);
    for (Channel child : admission.handshakingChannels()) {
      child.close();
    }
  }
}
