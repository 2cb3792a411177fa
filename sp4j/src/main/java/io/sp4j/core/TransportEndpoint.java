package io.sp4j.core;

/** A transport's listener or dialer, as the socket core holds it. */
public interface TransportEndpoint {
  /** The bound port (for dialers the URL's), or -1 where the transport has none. */
  int port();

  /** Stops listening or dialing and closes the endpoint's connections. Idempotent. */
  void close();
}
