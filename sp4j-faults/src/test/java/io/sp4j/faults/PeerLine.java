package io.sp4j.faults;

/**
 * The lines a {@link FaultPeer} prints: the time ({@link System#nanoTime()}), a kind word, then its
 * fields, separated by single spaces (a message body, always last, is {@link FaultMessage} text
 * without spaces). The kinds below are described without the time.
 */
enum PeerLine {
  /** The socket is open and the peer takes commands. */
  READY,
  /** {@code bound <url>}: the socket listens there. */
  BOUND,
  /** {@code connecting <url>}: the socket dials there, and redials, in the background. */
  CONNECTING,
  /** {@code sent <seq>}: a PUSH, PUB or REQ handed message {@code seq} to its socket. */
  SENT,
  /** {@code reply <seq> <replier> <body>}: a REQ got this reply to its request {@code seq}. */
  REPLY,
  /**
   * {@code timeout <seq>}: a REQ got no reply to request {@code seq} in {@link FaultPeer#PATIENCE}.
   */
  TIMEOUT,
  /** {@code got <body>}: a PULL, SUB or REP received this message. */
  GOT,
  /** {@code stopped <last seq>}: the sender stopped after this message (0: it sent none). */
  STOPPED,
  /** {@code error <text>}: something the tests never expect. */
  ERROR;

  /** The word that starts the line. */
  String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
