package io.sp4j.bench.soak;

import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** Opens the soak's sockets with their options; binding and connecting are the caller's. */
final class SoakSockets {
  /** How long a REQ or PAIR client waits for its answer before it counts an error. */
  static final Duration ANSWER_WAIT = Duration.ofSeconds(30);

  /**
   * How long a PAIR client waits before it sends its message again. PAIR never resends, so a
   * message on a connection that goes away before its echo comes back (cut by churn, or refused
   * because the server still holds the session's predecessor, PAIR taking one peer) would otherwise
   * leave the client waiting for good. The report counts these; the log says why.
   */
  static final Duration PAIR_RESEND = Duration.ofSeconds(5);

  private SoakSockets() {}

  /** The server's socket of a pattern: raw for the BUS hub, cooked otherwise. */
  static Socket server(
      Pattern pattern, Transport transport, SSLContext serving, LoadSettings settings) {
    Socket socket =
        pattern == Pattern.BUS ? Socket.openRaw(Protocol.BUS) : Socket.open(pattern.server);
    if (transport == Transport.WSS) {
      socket.set(Options.TLS_CONTEXT, serving);
    }
    if (pattern == Pattern.SURVEY) {
      socket.set(Options.SURVEY_DEADLINE, Duration.ofMillis(settings.surveyMillis / 2));
    }
    return socket;
  }

  /** A client's socket of a pattern. */
  static Socket client(Pattern pattern, Transport transport, SSLContext trusting) {
    Socket socket = Socket.open(pattern.client);
    if (transport == Transport.WSS) {
      socket.set(Options.TLS_CONTEXT, trusting);
    }
    switch (pattern) {
      case REQ_REP -> socket.set(Options.RECEIVE_TIMEOUT, ANSWER_WAIT);
      case PAIR -> socket.set(Options.RECEIVE_TIMEOUT, PAIR_RESEND);
      case PUB_SUB -> socket.set(Options.SUBSCRIBE, new byte[0]);
      default -> {}
    }
    return socket;
  }
}
