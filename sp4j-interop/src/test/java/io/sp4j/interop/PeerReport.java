package io.sp4j.interop;

/** The report lines the C peers print (see {@code src/test/c/peer_common.h}). */
final class PeerReport {
  private PeerReport() {}

  static final String READY = "ready";
  static final String DROPPED = "dropped";

  /** The line a C peer prints for a received message with this body and WebSocket opcode. */
  static String received(byte[] body, int opcode) {
    return String.format("recv len=%d type=%d fnv=%08x", body.length, opcode, fnv1a(body));
  }

  /** 32-bit FNV-1a, as the C peers compute it. */
  static int fnv1a(byte[] data) {
    int h = 0x811c9dc5;
    for (byte b : data) {
      h ^= b & 0xff;
      h *= 16777619;
    }
    return h;
  }
}
