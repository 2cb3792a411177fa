package io.sp4j;

import java.util.Optional;

/**
 * One {@link Socket#bind bound} or {@link Socket#connect connected} address of a socket. Closing an
 * endpoint (like {@code nn_shutdown}) closes its connections and, for a connected one, stops
 * reconnecting; the socket itself stays open. Closing twice does nothing.
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

  /**
   * For a connected endpoint, why its latest attempt to connect failed, until an attempt succeeds:
   * an {@link SpException} whose {@link SpException#errno() errno} is {@link Errno#ECONNREFUSED}
   * (connection refused, HTTP 404 or 405), {@link Errno#EACCES} (HTTP 401 or 403), {@link
   * Errno#ETIMEDOUT} (no connection or handshake in time) or {@link Errno#EPROTO} (any other
   * refusal or a broken handshake, TLS included). Empty before the first failure, after a success,
   * and for bound endpoints and transports without such failures.
   */
  default Optional<SpException> lastConnectFailure() {
    return Optional.empty();
  }

  /** Whether {@link #close()} was called or the socket was closed. */
  boolean isClosed();

  @Override
  void close();
}
