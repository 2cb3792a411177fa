package io.sp4j.transport.tcp;

import io.sp4j.core.EndpointContext;
import io.sp4j.core.SpAddress;
import io.sp4j.core.Transport;
import io.sp4j.core.TransportEndpoint;
import io.sp4j.transport.netty.EventLoops;
import io.sp4j.transport.stream.StreamDialer;
import io.sp4j.transport.stream.StreamListener;

/**
 * {@code tcp://host:port}: SP over TCP, wire-compatible with nanomsg and NNG: 8-byte greetings,
 * then messages behind 8-byte lengths. Listeners accept any number of peers; dialers reconnect.
 */
public final class TcpTransport implements Transport {
  public static final TcpTransport INSTANCE = new TcpTransport();

  private TcpTransport() {}

  @Override
  public String scheme() {
    return "tcp";
  }

  @Override
  public TransportEndpoint bind(SpAddress address, EndpointContext context) {
    TcpAddress tcp = TcpAddress.parse(address, true);
    return StreamListener.start(tcp.bindAddress(), EventLoops.serverChannel(), false, context, address.url(), () -> { });
  }

  @Override
  public TransportEndpoint connect(SpAddress address, EndpointContext context) {
    TcpAddress tcp = TcpAddress.parse(address, false);
    var remote = tcp.remoteAddress();
    StreamDialer dialer = new StreamDialer(address.url(), () -> remote, tcp.localAddress(),
        EventLoops.socketChannel(), false, tcp.port(), context);
    dialer.connect();
    return dialer;
  }
}
