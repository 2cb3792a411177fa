package io.sp4j.transport.ws;

import io.sp4j.Option;
import io.sp4j.spi.EndpointContext;
import io.sp4j.spi.SpAddress;
import io.sp4j.spi.Transport;
import io.sp4j.spi.TransportEndpoint;
import java.util.Set;

/**
 * {@code wss://}: the WebSocket transport inside TLS. A class of its own because the service loader
 * makes each provider through a no-argument constructor.
 */
public final class WssTransport implements Transport {
  private final WsTransport secure = new WsTransport(true);

  /** Made by the service loader (or a test). */
  public WssTransport() {}

  @Override
  public String scheme() {
    return secure.scheme();
  }

  @Override
  public Set<Option<?>> options() {
    return secure.options();
  }

  @Override
  public TransportEndpoint bind(SpAddress address, EndpointContext context) {
    return secure.bind(address, context);
  }

  @Override
  public TransportEndpoint connect(SpAddress address, EndpointContext context) {
    return secure.connect(address, context);
  }
}
