package io.sp4j.spi;

import io.sp4j.Message;
import io.sp4j.Option;
import java.util.Set;

/**
 * One address scheme. A transport knows nothing of socket types: it gets the protocols from the
 * {@link EndpointContext} and hands established connections to {@link EndpointContext#attach}.
 *
 * <p>Transports are services: the socket core finds every {@code Transport} that a module {@code
 * provides} (or a {@code META-INF/services/io.sp4j.spi.Transport} entry names on the class path),
 * so an application adds a scheme by providing one. When two claim a scheme, the first found serves
 * it.
 */
public interface Transport {
  /** The scheme, e.g. {@code "inproc"}. */
  String scheme();

  /**
   * The options this transport reads from its endpoints' sockets: a socket accepts an option that
   * its protocol, the core or one of the transports declares.
   */
  default Set<Option<?>> options() {
    return Set.of();
  }

  /**
   * Refuses, when it is sent, a message that this transport could never put on the wire (e.g. a
   * TEXT message that is not UTF-8), whatever endpoint it would go to.
   *
   * @throws IllegalArgumentException if the message is not allowed
   */
  default void checkSend(Message message, Settings settings) {}

  /**
   * Starts listening.
   *
   * @throws IllegalArgumentException if the address is malformed
   * @throws io.sp4j.SpException e.g. EADDRINUSE
   */
  TransportEndpoint bind(SpAddress address, EndpointContext context);

  /**
   * Starts dialing; connecting and reconnecting happen in the background.
   *
   * @throws IllegalArgumentException if the address is malformed
   */
  TransportEndpoint connect(SpAddress address, EndpointContext context);
}
