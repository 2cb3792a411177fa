package io.sp4j;

import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * The socket options. Durations are {@link Duration}s, sizes are bytes. Setting a value outside an
 * option's range, or an option the socket's type does not have, throws {@link
 * IllegalArgumentException} naming the option and what it allows.
 */
public final class Options {
  private Options() {}

  private static final String NON_NEGATIVE = "allowed: a duration ≥ 0";
  private static final String NON_NEGATIVE_OR_NULL =
      "allowed: a duration ≥ 0, or null to wait forever";
  private static final String POSITIVE = "allowed: a duration > 0";

  /** How long a receive waits; {@code null} (the default) waits forever, zero never waits. */
  public static final Option<Duration> RECEIVE_TIMEOUT =
      Option.readWrite(
          "RECEIVE_TIMEOUT", Duration.class, null, Options::nonNegative, NON_NEGATIVE_OR_NULL);

  /** How long a send waits for room; {@code null} (the default) waits forever, zero never waits. */
  public static final Option<Duration> SEND_TIMEOUT =
      Option.readWrite(
          "SEND_TIMEOUT", Duration.class, null, Options::nonNegative, NON_NEGATIVE_OR_NULL);

  /** How long {@code close()} keeps sending what is still queued. Default 1 s. */
  public static final Option<Duration> LINGER =
      Option.readWrite(
          "LINGER", Duration.class, Duration.ofSeconds(1), Options::nonNegative, NON_NEGATIVE);

  /** SUB: deliver messages whose body starts with this prefix (empty = every message). Counted. */
  public static final Option<byte[]> SUBSCRIBE =
      Option.writeOnly("SUBSCRIBE", byte[].class, "allowed: a byte prefix, on SUB sockets");

  /** SUB: take back one {@link #SUBSCRIBE} of this exact prefix. */
  public static final Option<byte[]> UNSUBSCRIBE =
      Option.writeOnly("UNSUBSCRIBE", byte[].class, "allowed: a subscribed prefix, on SUB sockets");

  /** REQ: resend the pending request when no reply came within this time. Default 60 s. */
  public static final Option<Duration> RESEND_INTERVAL =
      Option.readWrite(
          "RESEND_INTERVAL", Duration.class, Duration.ofSeconds(60), Options::positive, POSITIVE);

  /** SURVEYOR: how long responses to a survey are accepted. Default 1 s. */
  public static final Option<Duration> SURVEY_DEADLINE =
      Option.readWrite(
          "SURVEY_DEADLINE", Duration.class, Duration.ofSeconds(1), Options::positive, POSITIVE);

  /** Wait between a lost or failed connection and the next attempt. Default 100 ms. */
  public static final Option<Duration> RECONNECT_INTERVAL =
      Option.readWrite(
          "RECONNECT_INTERVAL",
          Duration.class,
          Duration.ofMillis(100),
          Options::nonNegative,
          NON_NEGATIVE);

  /**
   * Upper bound of the reconnect wait: when above {@link #RECONNECT_INTERVAL}, the wait doubles on
   * each failed attempt up to this. Zero (the default) keeps the wait constant.
   */
  public static final Option<Duration> RECONNECT_INTERVAL_MAX =
      Option.readWrite(
          "RECONNECT_INTERVAL_MAX",
          Duration.class,
          Duration.ZERO,
          Options::nonNegative,
          NON_NEGATIVE);

  /** Largest message accepted from a peer, in bytes; -1 = no limit. Default 1 MiB. */
  public static final Option<Integer> RECEIVE_MAX_SIZE =
      Option.readWrite(
          "RECEIVE_MAX_SIZE",
          Integer.class,
          1024 * 1024,
          v -> v >= -1,
          "allowed: -1 (no limit) or a size ≥ 0");

  /**
   * Bytes a connection may have queued for sending. Default 128 KiB. {@code ws://} connections made
   * afterwards also take it as their SO_SNDBUF.
   */
  public static final Option<Integer> SEND_BUFFER =
      Option.readWrite("SEND_BUFFER", Integer.class, 128 * 1024, v -> v > 0, "allowed: a size > 0");

  /**
   * Bytes the socket may hold received but not yet taken. Default 128 KiB. {@code ws://}
   * connections made afterwards also take it as their SO_RCVBUF.
   */
  public static final Option<Integer> RECEIVE_BUFFER =
      Option.readWrite(
          "RECEIVE_BUFFER", Integer.class, 128 * 1024, v -> v > 0, "allowed: a size > 0");

  /** Most hops (header words) a request or survey may carry before it is dropped. Default 8. */
  public static final Option<Integer> MAX_TTL =
      Option.readWrite("MAX_TTL", Integer.class, 8, v -> v >= 1 && v <= 255, "allowed: 1 to 255");

  /** Priority of endpoints added afterwards when sending: 1 (highest) to 16. Default 8. */
  public static final Option<Integer> SEND_PRIORITY =
      Option.readWrite(
          "SEND_PRIORITY", Integer.class, 8, v -> v >= 1 && v <= 16, "allowed: 1 (highest) to 16");

  /** Priority of endpoints added afterwards when receiving: 1 (highest) to 16. Default 8. */
  public static final Option<Integer> RECEIVE_PRIORITY =
      Option.readWrite(
          "RECEIVE_PRIORITY",
          Integer.class,
          8,
          v -> v >= 1 && v <= 16,
          "allowed: 1 (highest) to 16");

  /**
   * TCP_NODELAY on the socket's TCP connections ({@code ws://}, {@code tcp://}) made afterwards.
   * Default {@code true}: sp4j flushes whole bursts, so Nagle's algorithm would only add delay.
   */
  public static final Option<Boolean> TCP_NODELAY =
      Option.readWrite("TCP_NODELAY", Boolean.class, true, v -> true, "allowed: true or false");

  /**
   * {@code ws://}: the frame type of sent messages that carry no {@link Message#type()} of their
   * own, taken by each connection when it is made. Default {@link MessageType#BINARY}; with {@link
   * MessageType#TEXT} a message whose body is not valid UTF-8 cannot be sent.
   */
  public static final Option<MessageType> WS_MESSAGE_TYPE =
      Option.readWrite(
          "WS_MESSAGE_TYPE",
          MessageType.class,
          MessageType.BINARY,
          v -> true,
          "allowed: BINARY or TEXT");

  /**
   * {@code wss://}: the TLS context of connections made afterwards. A listener needs one with key
   * material (its certificate); a dialer uses it for trust and, without one, the JVM's default
   * context. A dialer checks that the server's certificate names the URL's host. Default {@code
   * null}.
   */
  public static final Option<SSLContext> TLS_CONTEXT =
      Option.readWrite(
          "TLS_CONTEXT",
          SSLContext.class,
          null,
          v -> true,
          "allowed: an SSLContext, or null for the JVM's default (dialing only)");

  /**
   * How long either side of a new connection waits for the other's half of the opening handshake
   * ({@code ws://}, {@code wss://}: the HTTP upgrade; {@code tcp://}, {@code ipc://}: the SP
   * greeting) before it closes the connection ({@link Refusal#HANDSHAKE_TIMEOUT}); a dialer also
   * bounds its TCP connect by it, then counts a failed attempt and dials again. Taken by endpoints
   * made afterwards. Default 5 s.
   */
  public static final Option<Duration> HANDSHAKE_TIMEOUT =
      Option.readWrite(
          "HANDSHAKE_TIMEOUT", Duration.class, Duration.ofSeconds(5), Options::positive, POSITIVE);

  /**
   * {@code ws://}, {@code wss://}: whether a listener's connection closed locally (socket, endpoint
   * or protocol close) says goodbye with a Close frame 1000 before the TCP close, as NNG does.
   * Default {@code false}: a plain TCP close, because a nanomsg dialer that receives any Close
   * frame never reconnects. Dialers always send Close 1000. Taken by connections accepted
   * afterwards.
   */
  public static final Option<Boolean> WS_SERVER_CLOSE_FRAME =
      Option.readWrite(
          "WS_SERVER_CLOSE_FRAME", Boolean.class, false, v -> true, "allowed: true or false");

  /**
   * ws: the largest frame payload sent; longer messages go in fragments of this size. Default 64
   * KiB; at most 1 MiB, the largest frame NNG accepts. Taken by connections made afterwards.
   */
  public static final Option<Integer> WS_FRAGMENT_SIZE =
      Option.readWrite(
          "WS_FRAGMENT_SIZE",
          Integer.class,
          65536,
          v -> v >= 1024 && v <= 1024 * 1024,
          "allowed: 1024 to 1048576 bytes");

  /**
   * Bytes this socket's peers may make it hold in messages they have begun but not finished, and in
   * received messages beyond {@link #RECEIVE_BUFFER} (what back-pressure could not stop in time). A
   * message that would need more closes its connection ({@link Refusal#RECEIVE_BUDGET}). Every
   * socket also draws from the process's budget, the system property {@code io.sp4j.receiveBudget}
   * (bytes, {@code 64m}, or a share of the heap such as {@code 25%}; default a quarter of the
   * maximum heap). Default -1: only the process's budget applies.
   */
  public static final Option<Long> RECEIVE_BUDGET =
      Option.readWrite(
          "RECEIVE_BUDGET",
          Long.class,
          -1L,
          v -> v == -1 || v > 0,
          "allowed: -1 (only the process budget) or a size > 0");

  /**
   * How long a message whose first bytes have arrived may go without more of them before its
   * connection closes ({@link Refusal#RECEIVE_STALLED}); time while this socket itself holds off
   * reading (its receive queue full) does not count. {@code null} waits forever, as nanomsg and NNG
   * do. Default 30 s: SP sends every message whole and at once, so a pause in the middle of one
   * means a broken path or a peer holding memory on purpose, while half a minute outlasts the
   * stalls of a working mobile or congested link. Taken by connections made afterwards.
   */
  public static final Option<Duration> RECEIVE_STALL_TIMEOUT =
      Option.readWriteOrNull(
          "RECEIVE_STALL_TIMEOUT",
          Duration.class,
          Duration.ofSeconds(30),
          Options::positive,
          "allowed: a duration > 0, or null to wait forever");

  /**
   * Listeners: most connections open at once on one bound endpoint, handshaking ones included;
   * another is refused at once ({@code ws://}: 503 before the upgrade; {@code tcp://}, {@code
   * ipc://}: closed), {@link Refusal#CONNECTION_LIMIT}. Default 10,000; keep it below the process's
   * file descriptor limit. Taken by endpoints bound afterwards.
   */
  public static final Option<Integer> MAX_CONNECTIONS =
      Option.readWrite(
          "MAX_CONNECTIONS", Integer.class, 10_000, v -> v >= 1, "allowed: a count ≥ 1");

  /**
   * Listeners: most connections in their opening handshake (ws upgrade, SP greeting) at once;
   * another is refused at once ({@code ws://}: 503; {@code tcp://}, {@code ipc://}: closed), {@link
   * Refusal#HANDSHAKE_LIMIT}. With {@link #HANDSHAKE_TIMEOUT} it bounds what half-open connections
   * can hold. Default 1,000. A {@code ws://} port shared by several sockets takes it from the first
   * bound. Taken by endpoints bound afterwards.
   */
  public static final Option<Integer> MAX_HANDSHAKES =
      Option.readWrite("MAX_HANDSHAKES", Integer.class, 1000, v -> v >= 1, "allowed: a count ≥ 1");

  /**
   * Listeners: the listen backlog, connections the kernel completes before sp4j accepts them.
   * Default 4,096 (the kernel caps it at {@code net.core.somaxconn}): a burst of thousands of
   * connects is accepted without SYN retries. Taken by endpoints bound afterwards.
   */
  public static final Option<Integer> LISTEN_BACKLOG =
      Option.readWrite("LISTEN_BACKLOG", Integer.class, 4096, v -> v >= 1, "allowed: a count ≥ 1");

  /** The socket's protocol (read-only). */
  public static final Option<Protocol> PROTOCOL = Option.readOnly("PROTOCOL", Protocol.class);

  /** The protocol of the peers this socket accepts (read-only). */
  public static final Option<Protocol> PEER_PROTOCOL =
      Option.readOnly("PEER_PROTOCOL", Protocol.class);

  /** Whether the socket is raw (read-only). */
  public static final Option<Boolean> RAW = Option.readOnly("RAW", Boolean.class);

  private static boolean nonNegative(Duration d) {
    return !d.isNegative();
  }

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }
}
