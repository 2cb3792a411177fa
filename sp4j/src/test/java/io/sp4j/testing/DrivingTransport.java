package io.sp4j.testing;

import io.sp4j.spi.EndpointContext;
import io.sp4j.spi.IoDriver;
import io.sp4j.spi.SpAddress;
import io.sp4j.spi.Transport;
import io.sp4j.spi.TransportEndpoint;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A transport with no connections whose endpoints hand their socket an {@link IoDriver} (the one
 * {@link #offer} gives), and record the one the socket says it drives.
 */
public final class DrivingTransport implements Transport {
  public static final String SCHEME = "sp4j-driving";

  /** What each bind offers the socket. */
  public static volatile Supplier<IoDriver> offer = () -> null;

  /** The driver the socket answered each bind with, in order. */
  public static final List<IoDriver> ANSWERED = new CopyOnWriteArrayList<>();

  public DrivingTransport() {}

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public TransportEndpoint bind(SpAddress address, EndpointContext context) {
    ANSWERED.add(context.ioDriver(offer));
    return RecordingTransport.unconnected();
  }

  @Override
  public TransportEndpoint connect(SpAddress address, EndpointContext context) {
    throw new UnsupportedOperationException("listen only");
  }
}
