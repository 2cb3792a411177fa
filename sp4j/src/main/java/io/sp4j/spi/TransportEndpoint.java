package io.sp4j.spi;

/** A transport's listener or dialer, as the socket core holds it. */
public interface TransportEndpoint {
  /** The bound port (for dialers the URL's), or -1 where the transport has none. */
  int port();

  /**
   * Why the latest connect attempt failed, or {@code null} (see {@link
   * io.sp4j.Endpoint#lastConnectFailure()}).
   */
  default io.sp4j.SpException lastFailure() {
    return null;
  }

  /** Stops listening or dialing and closes the endpoint's connections. Idempotent. */
  void close();
}
