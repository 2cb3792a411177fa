package io.sp4j;

/**
 * Why a socket refused a peer's connection or message. Each refusal closes the connection concerned
 * (never the socket), is counted in {@link Socket#refusals()} and is logged through the {@code
 * io.sp4j} {@link System.Logger}: a full budget or a limit reached at {@code WARNING}, a peer
 * breaking the rules at {@code DEBUG}; at most one line per reason and socket every ten seconds,
 * with the count since the last line.
 */
public enum Refusal {
  /**
   * A message needed memory beyond the receive budget ({@link Options#RECEIVE_BUDGET}, or the
   * process's): the connection was closed, or the message dropped and its connection closed.
   */
  RECEIVE_BUDGET,
  /** A message in progress got no bytes for {@link Options#RECEIVE_STALL_TIMEOUT}. */
  RECEIVE_STALLED,
  /** A message larger than {@link Options#RECEIVE_MAX_SIZE} (ws: after Close 1009). */
  MESSAGE_TOO_LARGE,
  /**
   * The peer broke the wire protocol: a bad frame, length, type byte or text (ws: after the Close).
   */
  PROTOCOL_ERROR,
  /** A connection arrived while {@link Options#MAX_CONNECTIONS} were open (ws: 503). */
  CONNECTION_LIMIT,
  /**
   * A connection arrived while {@link Options#MAX_HANDSHAKES} were in their handshake (ws: 503).
   */
  HANDSHAKE_LIMIT,
  /**
   * The opening handshake (ws upgrade, SP greeting) did not finish within {@link
   * Options#HANDSHAKE_TIMEOUT}.
   */
  HANDSHAKE_TIMEOUT,
  /**
   * The opening handshake was malformed, or asked for a path or protocol this socket does not
   * serve.
   */
  HANDSHAKE_INVALID
}
