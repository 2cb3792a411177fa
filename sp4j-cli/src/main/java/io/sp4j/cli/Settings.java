package io.sp4j.cli;

import io.sp4j.Protocol;
import java.util.List;

/**
 * What a valid spcat command line asks for. Times are in seconds, as typed; a negative time means
 * "not given" (nanocat's convention).
 *
 * @param protocol the socket type
 * @param binds addresses to listen on, in order (each listened on before any dial)
 * @param connects addresses to dial, in order
 * @param sendTimeout seconds a send may wait, or negative for ever
 * @param receiveTimeout seconds a receive may wait, or negative for ever
 * @param subscriptions SUB prefixes (none: every message)
 * @param delay seconds to wait after connecting, before the first send
 * @param interval seconds between sends, or negative to send once
 * @param data the message to send, or null
 * @param format how received messages are printed
 * @param verbosity -v count less -q count
 * @param text whether to send WebSocket text frames
 */
@SuppressWarnings(
    "ArrayRecordComponent") // the parsed command line, read once, never compared or hashed
record Settings(
    Protocol protocol,
    List<String> binds,
    List<String> connects,
    float sendTimeout,
    float receiveTimeout,
    List<byte[]> subscriptions,
    float delay,
    float interval,
    byte[] data,
    EchoFormat format,
    int verbosity,
    boolean text) {

  Settings {
    binds = List.copyOf(binds);
    connects = List.copyOf(connects);
    subscriptions = List.copyOf(subscriptions);
  }

  boolean hasData() {
    return data != null;
  }

  boolean sendsRepeatedly() {
    return interval >= 0;
  }

  /** Whether an address needs sp4j's I/O threads: any but inproc://. */
  boolean usesNetwork() {
    for (List<String> urls : List.of(binds, connects)) {
      for (String url : urls) {
        if (!url.startsWith("inproc://")) {
          return true;
        }
      }
    }
    return false;
  }
}
