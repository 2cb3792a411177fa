package io.sp4j.transport.ws;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.sp4j.Errno;
import io.sp4j.Message;
import io.sp4j.MessageType;
import io.sp4j.Option;
import io.sp4j.Options;
import io.sp4j.SpException;
import io.sp4j.spi.EndpointContext;
import io.sp4j.spi.Settings;
import io.sp4j.spi.SpAddress;
import io.sp4j.spi.Transport;
import io.sp4j.spi.TransportEndpoint;
import io.sp4j.transport.netty.BufferSizes;
import io.sp4j.transport.netty.ConnectionOptions;
import io.sp4j.transport.netty.InboundLimits;
import io.sp4j.transport.netty.Recent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * {@code ws://host[:port][/path][?query]}: SP over WebSocket (RFC 6455), wire-compatible with
 * nanomsg and NNG. Listeners of one process share a port by path; dialers reconnect. {@code wss://}
 * is the same inside TLS ({@link Options#TLS_CONTEXT}), default port 443.
 */
public final class WsTransport implements Transport {

  private static final Set<Option<?>> OPTIONS =
      ConnectionOptions.with(
          Options.TCP_NODELAY,
          Options.WS_MESSAGE_TYPE,
          Options.WS_SERVER_CLOSE_FRAME,
          Options.WS_FRAGMENT_SIZE);
  private static final Set<Option<?>> SECURE_OPTIONS =
      ConnectionOptions.with(
          Options.TCP_NODELAY,
          Options.WS_MESSAGE_TYPE,
          Options.WS_SERVER_CLOSE_FRAME,
          Options.WS_FRAGMENT_SIZE,
          Options.TLS_CONTEXT);

  private final boolean secure;
  private final Object lock = new Object();

  @GuardedBy("lock")
  private final Map<String, WsServer> servers = new HashMap<>();

  /** {@code ws://}, made by the service loader (or a test). */
  public WsTransport() {
    this(false);
  }

  WsTransport(boolean secure) {
    this.secure = secure;
  }

  @Override
  public String scheme() {
    return secure ? "wss" : "ws";
  }

  @Override
  public Set<Option<?>> options() {
    return secure ? SECURE_OPTIONS : OPTIONS;
  }

  /**
   * A TEXT message (by its own type or the socket's WS_MESSAGE_TYPE) must be UTF-8 (RFC 6455 5.6).
   */
  @Override
  public void checkSend(Message message, Settings settings) {
    MessageType type = message.type().orElse(null); // no lambda: this runs on every send
    if (type == null) {
      type = settings.get(Options.WS_MESSAGE_TYPE);
    }
    if (type == MessageType.TEXT && !Utf8.isValid(message.body())) {
      throw new IllegalArgumentException("message: a TEXT message's body must be valid UTF-8");
    }
  }

  @Override
  public TransportEndpoint bind(SpAddress address, EndpointContext context) {
    WsAddress ws = WsAddress.parse(address, true);
    InetAddress ip = ws.anyHost() ? null : resolve(ws);
    String route = ws.hasPath() ? WsAddress.routeKey(ws.path()) : null;
    SSLContext tls = context.option(Options.TLS_CONTEXT);
    if (secure && tls == null) {
      throw new IllegalArgumentException(
          "address '"
              + address.url()
              + "': a wss listener needs Options.TLS_CONTEXT, a context with its certificate");
    }
    synchronized (lock) {
      WsServer server = ws.port() == 0 ? null : servers.get(key(ip, ws.port()));
      if (server == null) {
        InetSocketAddress socketAddress =
            ip == null ? new InetSocketAddress(ws.port()) : new InetSocketAddress(ip, ws.port());
        // A port shared by several listeners takes the TLS context, handshake timeout and limits of
        // the first.
        server = WsServer.start(socketAddress, address.url(), secure ? tls : null, context, lock);
        servers.put(key(ip, server.port()), server);
      }
      WsListener listener = new WsListener(this, server, route, context);
      if (!server.add(listener)) {
        throw new SpException(
            Errno.EADDRINUSE,
            "address '"
                + address.url()
                + "': "
                + (route == null
                    ? "this port is already bound without a path"
                    : "path " + route + " is already bound"));
      }
      return listener;
    }
  }

  @Override
  public TransportEndpoint connect(SpAddress address, EndpointContext context) {
    WsDialer dialer = new WsDialer(WsAddress.parse(address, false), context);
    dialer.connect();
    return dialer;
  }

  /** A listener closed: drops its route, and the server once no route is left. */
  void unbind(WsListener listener) {
    synchronized (lock) {
      WsServer server = listener.server();
      server.remove(listener);
      if (server.isEmpty()) {
        servers.values().remove(server);
        server.close();
      }
    }
  }

  private static final Recent<WsConnection.Settings, WsConnection.Settings> RECENT_SETTINGS =
      new Recent<>();

  /**
   * The settings a new connection takes from its socket; also sets its TCP options (TCP_NODELAY,
   * SO_SNDBUF and SO_RCVBUF from the send and receive buffer sizes).
   */
  static WsConnection.Settings settings(EndpointContext context, Channel channel) {
    int sendBuffer = context.option(Options.SEND_BUFFER);
    channel.config().setOption(ChannelOption.TCP_NODELAY, context.option(Options.TCP_NODELAY));
    BufferSizes.apply(channel, sendBuffer, context.option(Options.RECEIVE_BUFFER)); // WS-OPT-6
    return RECENT_SETTINGS.get(
        new WsConnection.Settings(
            context.option(Options.RECEIVE_MAX_SIZE),
            sendBuffer,
            context.option(Options.WS_MESSAGE_TYPE),
            context.option(Options.WS_SERVER_CLOSE_FRAME),
            context.option(Options.WS_FRAGMENT_SIZE),
            InboundLimits.of(context)),
        Function.identity());
  }

  private static String key(InetAddress ip, int port) {
    return (ip == null ? "*" : ip.getHostAddress()) + "|" + port;
  }

  private static InetAddress resolve(WsAddress ws) {
    try {
      return InetAddress.getByName(ws.host());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "address '" + ws.url() + "': host '" + ws.host() + "' is unknown", e);
    }
  }
}
