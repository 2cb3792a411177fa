package io.sp4j.transport.tcp;

import io.sp4j.Option;
import io.sp4j.Options;
import io.sp4j.spi.EndpointContext;
import io.sp4j.spi.SpAddress;
import io.sp4j.spi.Transport;
import io.sp4j.spi.TransportEndpoint;
import io.sp4j.transport.netty.ConnectionOptions;
import io.sp4j.transport.netty.EventLoops;
import io.sp4j.transport.stream.StreamDialer;
import io.sp4j.transport.stream.StreamListener;
import java.util.Set;

/**
 * {@code tcp://host:port}: SP over TCP, wire-compatible with nanomsg and NNG: 8-byte greetings,
 * then messages behind 8-byte lengths. Listeners accept any number of peers; dialers reconnect.
 */
public final class TcpTransport implements Transport {
  private static final Set<Option<?>> OPTIONS = ConnectionOptions.with(Options.TCP_NODELAY);

  /** Made by the service loader (or a test); holds no state of its own. */
  public TcpTransport() {}

  @Override
  public String scheme() {
    return "tcp";
  }

  @Override
  public Set<Option<?>> options() {
    return OPTIONS;
  }

  @Override
  public TransportEndpoint bind(SpAddress address, EndpointContext context) {
    TcpAddress tcp = TcpAddress.parse(address, true);
    return StreamListener.start(
        tcp.bindAddress(), EventLoops.serverChannel(), false, context, address.url(), () -> {});
  }

  @Override
  public TransportEndpoint connect(SpAddress address, EndpointContext context) {
    TcpAddress tcp = TcpAddress.parse(address, false);
    var remote = tcp.remoteAddress();
    StreamDialer dialer =
        new StreamDialer(
            address.url(),
            () -> remote,
            tcp.localAddress(),
            EventLoops.socketChannel(),
            false,
            tcp.port(),
            context);
    dialer.connect();
    return dialer;
  }
}
