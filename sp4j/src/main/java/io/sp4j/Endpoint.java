package io.sp4j;

/**
 * One {@link Socket#bind bound} or {@link Socket#connect connected} address of a socket.
 * Closing an endpoint (like {@code nn_shutdown}) closes its connections and, for a connected
 * one, stops reconnecting; the socket itself stays open. Closing twice does nothing.
 */
public interface Endpoint extends AutoCloseable {
  /** The URL as given to {@code bind} or {@code connect}. */
  String url();

  /**
   * The port actually bound: after binding port 0 the one the system chose. For a connected
   * endpoint the port of the URL. -1 where the transport has no ports ({@code inproc://}).
   */
  int port();

  /** Whether this endpoint listens ({@code bind}) rather than dials ({@code connect}). */
  boolean isBound();

  /** Whether {@link #close()} was called or the socket was closed. */
  boolean isClosed();

  @Override
  void close();
}
