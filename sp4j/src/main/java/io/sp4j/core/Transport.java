package io.sp4j.core;

/**
 * One address scheme. A transport knows nothing of socket types: it gets the protocols from the
 * {@link EndpointContext} and hands established connections to {@link EndpointContext#attach}.
 */
public interface Transport {
  /** The scheme, e.g. {@code "inproc"}. */
  String scheme();

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
