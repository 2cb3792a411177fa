package io.sp4j;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A Scalability Protocols socket. Open one with {@link #open(Protocol)} (cooked: the protocol
 * manages headers, ids, resends and routing) or {@link #openRaw(Protocol)} (raw: the header is the
 * user's, as devices need). All methods are thread-safe.
 *
 * <p>Blocking calls wait according to {@link Options#SEND_TIMEOUT} and {@link
 * Options#RECEIVE_TIMEOUT}, on a lock that virtual threads can park on. {@link #close()} wakes
 * every waiting call with {@link SocketClosedException}.
 */
public interface Socket extends AutoCloseable {

  /** A cooked socket of the given protocol. */
  static Socket open(Protocol protocol) {
    return SocketProviders.FIRST.open(Objects.requireNonNull(protocol, "protocol"), false);
  }

  /** A raw socket of the given protocol. */
  static Socket openRaw(Protocol protocol) {
    return SocketProviders.FIRST.open(Objects.requireNonNull(protocol, "protocol"), true);
  }

  /** This socket's protocol. */
  Protocol protocol();

  /** Whether this socket is raw. */
  boolean isRaw();

  /**
   * Listens on {@code url}, e.g. {@code inproc://name}.
   *
   * @throws IllegalArgumentException if the URL is malformed (it names the wrong part)
   * @throws SpException EPROTONOSUPPORT for an unknown scheme, EADDRINUSE if already bound,
   *     ENAMETOOLONG if the URL is longer than 127 characters
   */
  Endpoint bind(String url);

  /**
   * Connects to {@code url}; the connection is made, and remade after a loss, in the background.
   *
   * @throws IllegalArgumentException if the URL is malformed (it names the wrong part)
   * @throws SpException EPROTONOSUPPORT for an unknown scheme, ENAMETOOLONG if the URL is longer
   *     than 127 characters
   */
  Endpoint connect(String url);

  /** Sends a body (not copied: do not change the array afterwards), waiting for room. */
  void send(byte[] body);

  /** Sends a message, waiting for room up to {@link Options#SEND_TIMEOUT}. */
  void send(Message message);

  /** Sends if it can be done at once; {@code false} if the socket would have to wait. */
  boolean trySend(Message message);

  /** Sends in the background; the future fails as {@link #send(Message)} would throw. */
  CompletableFuture<Void> sendAsync(Message message);

  /** Receives a message body, waiting up to {@link Options#RECEIVE_TIMEOUT}. */
  byte[] receive();

  /** Receives a message (raw sockets: with its header). */
  Message receiveMessage();

  /** A message if one is there now. */
  Optional<Message> tryReceive();

  /** Receives in the background; the future fails as {@link #receiveMessage()} would throw. */
  CompletableFuture<Message> receiveAsync();

  /**
   * Sets an option.
   *
   * @return this socket
   * @throws IllegalArgumentException for a value out of range or an option this socket lacks
   */
  <T> Socket set(Option<T> option, T value);

  /**
   * Reads an option.
   *
   * @throws IllegalArgumentException for an option this socket lacks or that cannot be read
   */
  <T> T get(Option<T> option);

  /**
   * How many connections and messages this socket refused since it opened, by reason (every reason
   * present, zero or not). A refusal closes the connection concerned, never the socket.
   */
  Map<Refusal, Long> refusals();

  /** Whether {@link #close()} was called. */
  boolean isClosed();

  /**
   * Closes the socket: its endpoints and connections, after sending what is queued for up to {@link
   * Options#LINGER}. Every waiting call fails with {@link SocketClosedException}. Idempotent.
   */
  @Override
  void close();
}
