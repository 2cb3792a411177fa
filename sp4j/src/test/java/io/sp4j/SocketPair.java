package io.sp4j;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Two sockets joined over {@code inproc://}: {@link #bound()} listens on a name no other test uses,
 * {@link #connected()} dials it. An inproc connect to a bound name links before it returns, so the
 * pipe is up on both sides when {@link #open} returns. More sockets can join the same name with
 * {@link #connectAnother}; {@link #close()} closes them all. Every socket gets send and receive
 * timeouts of {@link #PATIENCE} unless it has its own (see {@link #patient}).
 */
public final class SocketPair implements AutoCloseable {
  /** Bounds every blocking receive a test makes, so a missing message fails instead of hanging. */
  public static final Duration PATIENCE = Duration.ofSeconds(5);

  private static final AtomicInteger NEXT = new AtomicInteger();

  private final String url;
  private final Socket bound;
  private final Socket connected;
  private final Endpoint listener;
  private final Endpoint dialer;
  private final List<Socket> others = new ArrayList<>();

  private SocketPair(
      String url, Socket bound, Socket connected, Endpoint listener, Endpoint dialer) {
    this.url = url;
    this.bound = bound;
    this.connected = connected;
    this.listener = listener;
    this.dialer = dialer;
  }

  /** An {@code inproc://} address that no other test (or other call) gets. */
  public static String uniqueUrl() {
    return "inproc://sp4j-test-" + NEXT.incrementAndGet();
  }

  /** Cooked sockets: {@code bindSide} listens, {@code connectSide} dials. */
  public static SocketPair open(Protocol bindSide, Protocol connectSide) {
    return open(Socket.open(bindSide), Socket.open(connectSide));
  }

  /** Raw sockets: {@code bindSide} listens, {@code connectSide} dials. */
  public static SocketPair openRaw(Protocol bindSide, Protocol connectSide) {
    return open(Socket.openRaw(bindSide), Socket.openRaw(connectSide));
  }

  /** Cooked or raw, as {@code raw} says. */
  public static SocketPair open(Protocol bindSide, Protocol connectSide, boolean raw) {
    return raw ? openRaw(bindSide, connectSide) : open(bindSide, connectSide);
  }

  /**
   * Joins two sockets the caller opened (and configured); takes them over, closing both if the bind
   * or connect fails.
   */
  public static SocketPair open(Socket bindSide, Socket connectSide) {
    String url = uniqueUrl();
    try {
      patient(bindSide);
      patient(connectSide);
      Endpoint listener = bindSide.bind(url);
      Endpoint dialer = connectSide.connect(url);
      return new SocketPair(url, bindSide, connectSide, listener, dialer);
    } catch (RuntimeException e) {
      bindSide.close();
      connectSide.close();
      throw e;
    }
  }

  public String url() {
    return url;
  }

  public Socket bound() {
    return bound;
  }

  public Socket connected() {
    return connected;
  }

  /** The bound socket's endpoint for {@link #url()}. */
  public Endpoint listener() {
    return listener;
  }

  /** The connected socket's endpoint for {@link #url()}. */
  public Endpoint dialer() {
    return dialer;
  }

  /** One more socket dialing the bound one; closed with the pair. */
  public Socket connectAnother(Protocol protocol) {
    return connectAnother(Socket.open(protocol), s -> {});
  }

  /** {@code socket}, configured, then dialing the bound one; closed with the pair. */
  public Socket connectAnother(Socket socket, Consumer<Socket> configure) {
    others.add(socket);
    configure.accept(socket);
    patient(socket);
    socket.connect(url);
    return socket;
  }

  @Override
  public void close() {
    others.forEach(Socket::close);
    connected.close();
    bound.close();
  }

  /** A UTF-8 body. */
  public static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A body as UTF-8 text. */
  public static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Receives a body as UTF-8 text. */
  public static String receiveText(Socket socket) {
    return text(socket.receive());
  }

  /**
   * Bounds the socket's blocking calls by {@link #PATIENCE} where they were unbounded, so that a
   * missing message fails the test with {@link SpTimeoutException} instead of hanging it.
   */
  public static Socket patient(Socket socket) {
    if (socket.get(Options.RECEIVE_TIMEOUT) == null) {
      socket.set(Options.RECEIVE_TIMEOUT, PATIENCE);
    }
    if (socket.get(Options.SEND_TIMEOUT) == null) {
      socket.set(Options.SEND_TIMEOUT, PATIENCE);
    }
    return socket;
  }
}
