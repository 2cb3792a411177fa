package io.sp4j.attack;

import io.sp4j.Protocol;
import java.util.Locale;

/**
 * The transports the attacks speak, with what a peer sends first and how it frames a message. Every
 * address is on the loopback.
 */
public enum Scheme {
  /** SP over TCP: an 8-byte greeting each way, then 8-byte big-endian lengths. */
  TCP,
  /** SP over WebSocket: an HTTP/1.1 upgrade naming the server's protocol, then masked frames. */
  WS;

  /** The URL scheme, {@code tcp} or {@code ws}. */
  public String prefix() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code <scheme>://127.0.0.1:<port>} (port 0 = a free one, for sp4j). */
  public String url(int port) {
    return prefix() + "://127.0.0.1:" + port;
  }

  /** What a client of a {@code server} socket sends first: the greeting or the upgrade request. */
  public byte[] opening(Protocol server, int port) {
    return this == TCP
        ? SpWire.greeting(server.peer())
        : SpWire.upgradeRequest("127.0.0.1:" + port, server);
  }

  /**
   * The bytes that announce a message of {@code length} bytes and carry none of it: the 8-byte
   * length, or a masked binary frame's header (14 bytes for lengths over 65535).
   */
  public byte[] announce(long length, int mask) {
    return this == TCP ? SpWire.length(length) : SpWire.frameHeader(0x82, length, mask);
  }

  /** A whole message carrying {@code payload} (SP header and body). */
  public byte[] message(byte[] payload, int mask) {
    return this == TCP
        ? SpWire.concat(SpWire.length(payload.length), payload)
        : SpWire.frame(0x82, payload, mask);
  }

  /** Bytes of an announced payload as they go on the wire from {@code offset} on (ws: masked). */
  public byte[] payloadBytes(byte[] plain, long offset, int mask) {
    return this == TCP ? plain.clone() : SpWire.masked(plain, mask, offset);
  }

  /** The scheme of a URL. */
  public static Scheme of(String url) {
    return valueOf(url.substring(0, url.indexOf("://")).toUpperCase(Locale.ROOT));
  }
}
