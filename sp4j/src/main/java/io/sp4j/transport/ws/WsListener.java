package io.sp4j.transport.ws;

import io.netty.channel.Channel;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Refusal;
import io.sp4j.spi.EndpointContext;
import io.sp4j.spi.PipeEvents;
import io.sp4j.spi.TransportEndpoint;
import io.sp4j.transport.netty.Admission;
import io.sp4j.transport.netty.ChannelConnection;
import io.sp4j.transport.netty.EventLoops;
import io.sp4j.transport.netty.OpenChannels;

/**
 * One socket's bind on a {@link WsServer}: one path of it, or every path; at most {@link
 * Options#MAX_CONNECTIONS} upgraded connections at once.
 */
final class WsListener implements TransportEndpoint {
  private final WsTransport transport;
  private final WsServer server;
  private final String routeKey;
  private final EndpointContext context;
  private final OpenChannels channels = new OpenChannels();
  private final Admission admission;
  private final Runnable unwatch;
  private volatile boolean closed;

  /**
   * @param routeKey the path it serves ({@link WsAddress#routeKey} form), or {@code null} for all
   */
  WsListener(WsTransport transport, WsServer server, String routeKey, EndpointContext context) {
    this.transport = transport;
    this.server = server;
    this.routeKey = routeKey;
    this.context = context;
    this.admission = new Admission(context.option(Options.MAX_CONNECTIONS), Integer.MAX_VALUE);
    this.unwatch = EventLoops.watchIoThreads(context::failed);
  }

  /** A request routed here may be upgraded: counted until its channel closes; else the refusal. */
  Refusal admit(Channel channel) {
    return admission.admitConnection(channel);
  }

  /** Counts a refusal on this listener's socket. */
  void refused(Refusal reason, String detail) {
    context.refused(reason, detail);
  }

  WsServer server() {
    return server;
  }

  /** The path served, or {@code null} when it serves every path. */
  String routeKey() {
    return routeKey;
  }

  Protocol protocol() {
    return context.protocol();
  }

  /**
   * A request routed here was answered 101 (on the channel's event loop): makes the connection and
   * offers it to the socket.
   *
   * @return the connection, or {@code null} if the socket refused it (the caller closes)
   */
  WsConnection accepted(Channel channel) {
    assert channel.eventLoop().inEventLoop();
    if (closed) {
      return null;
    }
    WsConnection connection =
        new WsConnection(channel, false, WsTransport.settings(context, channel), () -> {});
    channels.add(channel);
    PipeEvents events = context.attach(connection, context.protocol().peer());
    if (events == null) {
      channels.remove(channel);
      return null;
    }
    connection.start(events);
    return connection;
  }

  @Override
  public int port() {
    return server == null ? -1 : server.port();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    unwatch.run();
    if (transport != null) {
      transport.unbind(this);
    }
    ChannelConnection.closeAll(channels.list());
  }

  @Override
  public String toString() {
    return "ws listener on port "
        + port()
        + (routeKey == null ? " (every path)" : " path " + routeKey);
  }
}
