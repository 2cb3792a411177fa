package io.sp4j.testing;

import io.sp4j.Message;
import io.sp4j.Option;
import io.sp4j.spi.EndpointContext;
import io.sp4j.spi.Settings;
import io.sp4j.spi.SpAddress;
import io.sp4j.spi.Transport;
import io.sp4j.spi.TransportEndpoint;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A transport that an application could add: found by the service loader through this test module's
 * {@code META-INF/services/io.sp4j.spi.Transport}, it declares an option of its own and records
 * what the socket core hands it.
 */
public final class RecordingTransport implements Transport {
  public static final String SCHEME = "sp4j-recording";
  public static final Option<String> TOKEN =
      Option.readWrite(
          "RECORDING_TOKEN", String.class, "none", token -> !token.isBlank(), "not blank");
  private static final byte[] REFUSED_BODY = {'n', 'o'};

  /** Token seen by each bind, in order. */
  public static final List<String> BOUND_WITH = new CopyOnWriteArrayList<>();

  public RecordingTransport() {}

  /** A body this transport refuses at send, whatever endpoint the message would take (a copy). */
  public static byte[] refusedBody() {
    return REFUSED_BODY.clone();
  }

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public Set<Option<?>> options() {
    return Set.of(TOKEN);
  }

  @Override
  public void checkSend(Message message, Settings settings) {
    if (java.util.Arrays.equals(message.body(), REFUSED_BODY)) {
      throw new IllegalArgumentException("refused by " + SCHEME);
    }
  }

  @Override
  public TransportEndpoint bind(SpAddress address, EndpointContext context) {
    BOUND_WITH.add(address.rest() + "=" + context.option(TOKEN));
    return unconnected();
  }

  /** An endpoint with no port and no connections, which closes at once. */
  static TransportEndpoint unconnected() {
    return new TransportEndpoint() {
      @Override
      public int port() {
        return -1;
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public TransportEndpoint connect(SpAddress address, EndpointContext context) {
    throw new UnsupportedOperationException("listen only");
  }
}
