package io.sp4j.attack;

import io.sp4j.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The bytes a client peer puts on the wire, built by hand so that an attack can send any part of
 * them, or a broken version: the SP greeting (TCP-1), the WebSocket upgrade request, masked RFC
 * 6455 frames, 8-byte SP lengths. No I/O.
 */
public final class SpWire {
  private SpWire() {}

  /** The 8-byte greeting of a socket of {@code self}: {@code 00 'S' 'P' 00 <proto> 00 00}. */
  public static byte[] greeting(Protocol self) {
    int n = self.number();
    return new byte[] {0, 'S', 'P', 0, (byte) (n >> 8), (byte) n, 0, 0};
  }

  /** Whether {@code bytes} are an SP greeting (magic and reserved bytes right). */
  public static boolean isGreeting(byte[] bytes) {
    return bytes.length == 8
        && bytes[0] == 0
        && bytes[1] == 'S'
        && bytes[2] == 'P'
        && bytes[3] == 0
        && bytes[6] == 0
        && bytes[7] == 0;
  }

  /**
   * The upgrade request a client of a {@code server} socket sends (the header order nanomsg and NNG
   * use), with a fresh random key.
   */
  public static byte[] upgradeRequest(String hostPort, Protocol server) {
    byte[] key = new byte[16];
    ThreadLocalRandom.current().nextBytes(key);
    return ("GET / HTTP/1.1\r\n"
            + "Host: "
            + hostPort
            + "\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: "
            + Base64.getEncoder().encodeToString(key)
            + "\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "Sec-WebSocket-Protocol: "
            + server.wireName()
            + ".sp.nanomsg.org\r\n"
            + "\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  /** An SP length prefix: {@code length} as 8 bytes big-endian. */
  public static byte[] length(long length) {
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) length;
      length >>>= 8;
    }
    return b;
  }

  /**
   * A client frame header: first byte {@code finOpcode} (FIN, RSV and opcode bits as given), the
   * mask bit, the shortest length encoding, the 4-byte mask.
   */
  public static byte[] frameHeader(int finOpcode, long length, int mask) {
    int extra = length < 126 ? 0 : length < 65536 ? 2 : 8;
    byte[] h = new byte[2 + extra + 4];
    h[0] = (byte) finOpcode;
    h[1] = (byte) (0x80 | (extra == 0 ? (int) length : extra == 2 ? 126 : 127));
    for (int i = 0; i < extra; i++) {
      h[2 + i] = (byte) (length >>> (8 * (extra - 1 - i)));
    }
    putMask(h, 2 + extra, mask);
    return h;
  }

  /** A whole masked client frame. */
  public static byte[] frame(int finOpcode, byte[] payload, int mask) {
    return concat(frameHeader(finOpcode, payload.length, mask), masked(payload, mask, 0));
  }

  /** {@code plain} masked as payload bytes starting at {@code offset} of a frame (RFC 6455 5.3). */
  public static byte[] masked(byte[] plain, int mask, long offset) {
    byte[] out = new byte[plain.length];
    for (int i = 0; i < plain.length; i++) {
      int shift = 8 * (3 - (int) ((offset + i) & 3));
      out[i] = (byte) (plain[i] ^ (mask >>> shift));
    }
    return out;
  }

  /** A REQ request's SP header: a 4-byte request id with its top bit set. */
  public static byte[] requestHeader(int id) {
    int word = id | 0x80000000;
    return new byte[] {
      (byte) (word >>> 24), (byte) (word >>> 16), (byte) (word >>> 8), (byte) word
    };
  }

  public static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] all = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }

  private static void putMask(byte[] h, int at, int mask) {
    h[at] = (byte) (mask >>> 24);
    h[at + 1] = (byte) (mask >>> 16);
    h[at + 2] = (byte) (mask >>> 8);
    h[at + 3] = (byte) mask;
  }
}
