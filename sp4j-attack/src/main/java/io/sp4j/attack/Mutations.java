package io.sp4j.attack;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * What a garbage connection sends: random bytes, or valid traffic (the opening and one request)
 * broken in one way: bit flips, a truncation, a doubled or impossible length field, and over ws
 * frames with reserved opcodes, RSV bits, unminimal or top-bit lengths, no mask, oversized or
 * fragmented control frames, stray continuations, text that is not UTF-8. Deterministic for a given
 * {@link Random}.
 */
public final class Mutations {
  /** One connection's bytes and what kind of garbage they are. */
  @SuppressWarnings(
      "ArrayRecordComponent") // written once to a connection, never compared or hashed
  public record Garbage(String kind, byte[] bytes) {}

  private static final List<String> STREAM_KINDS =
      List.of(
          "random",
          "flipped-opening",
          "flipped-message",
          "truncated",
          "doubled-length",
          "huge-length");
  private static final List<String> WS_KINDS =
      List.of(
          "random",
          "flipped-opening",
          "flipped-message",
          "truncated",
          "bad-opcode",
          "rsv-bits",
          "unminimal-length",
          "top-bit-length",
          "unmasked",
          "big-control",
          "fragmented-control",
          "stray-continuation",
          "bad-utf8-text");

  private Mutations() {}

  /** The kinds sent over {@code scheme}. */
  public static List<String> kinds(Scheme scheme) {
    return scheme == Scheme.TCP ? STREAM_KINDS : WS_KINDS;
  }

  /** A random kind of garbage for {@code target}. */
  public static Garbage next(Random rnd, AttackAddress target) {
    List<String> kinds = kinds(target.scheme());
    String kind = kinds.get(rnd.nextInt(kinds.size()));
    return new Garbage(kind, bytes(kind, rnd, target));
  }

  static byte[] bytes(String kind, Random rnd, AttackAddress target) {
    Scheme scheme = target.scheme();
    byte[] opening = target.opening();
    int mask = rnd.nextInt();
    byte[] request = request(rnd);
    byte[] message = scheme.message(request, mask);
    return switch (kind) {
      case "random" -> randomBytes(rnd, 1 + rnd.nextInt(16 * 1024));
      case "flipped-opening" -> SpWire.concat(flipBits(rnd, opening), message);
      case "flipped-message" -> SpWire.concat(opening, flipBits(rnd, message));
      case "truncated" ->
          SpWire.concat(opening, Arrays.copyOf(message, rnd.nextInt(message.length)));
      case "doubled-length" -> SpWire.concat(opening, SpWire.length(request.length), message);
      case "huge-length" -> SpWire.concat(opening, SpWire.length(hugeLength(rnd)), request);
      case "bad-opcode" ->
          frameAfter(opening, 0x80 | pick(rnd, 3, 4, 5, 6, 7, 11, 12, 13, 14, 15), request, mask);
      case "rsv-bits" -> frameAfter(opening, 0x82 | (1 + rnd.nextInt(7)) << 4, request, mask);
      case "unminimal-length" -> SpWire.concat(opening, unminimal(request, mask));
      case "top-bit-length" -> SpWire.concat(opening, topBitLength(mask), request);
      case "unmasked" ->
          SpWire.concat(opening, new byte[] {(byte) 0x82, (byte) request.length}, request);
      case "big-control" ->
          frameAfter(
              opening, 0x80 | pick(rnd, 8, 9, 10), randomBytes(rnd, 126 + rnd.nextInt(200)), mask);
      case "fragmented-control" -> frameAfter(opening, pick(rnd, 8, 9, 10), new byte[4], mask);
      case "stray-continuation" -> frameAfter(opening, 0x80, request, mask);
      case "bad-utf8-text" ->
          frameAfter(
              opening,
              0x81,
              SpWire.concat(
                  SpWire.requestHeader(1),
                  "caf\u00e9 ".getBytes(StandardCharsets.UTF_8),
                  new byte[] {(byte) 0xc3, 0x28, (byte) 0xff}),
              mask);
      default -> throw new IllegalArgumentException("no garbage kind " + kind);
    };
  }

  /** A REQ request: an id with its top bit set and a short random body. */
  private static byte[] request(Random rnd) {
    return SpWire.concat(
        SpWire.requestHeader(rnd.nextInt() & 0x7fffffff), randomBytes(rnd, rnd.nextInt(256)));
  }

  private static byte[] frameAfter(byte[] opening, int finOpcode, byte[] payload, int mask) {
    return SpWire.concat(opening, SpWire.frame(finOpcode, payload, mask));
  }

  /** A short payload announced with the 64-bit length form, which RFC 6455 forbids. */
  private static byte[] unminimal(byte[] payload, int mask) {
    byte[] head = new byte[14];
    head[0] = (byte) 0x82;
    head[1] = (byte) (0x80 | 127);
    System.arraycopy(SpWire.length(payload.length), 0, head, 2, 8);
    System.arraycopy(SpWire.frameHeader(0x82, 0, mask), 2, head, 10, 4);
    return SpWire.concat(head, SpWire.masked(payload, mask, 0));
  }

  /** A frame header whose 64-bit length has its top bit set. */
  private static byte[] topBitLength(int mask) {
    byte[] head = SpWire.frameHeader(0x82, 1L << 40, mask);
    head[2] |= (byte) 0x80;
    return head;
  }

  /** A length no one should allocate for: past the limit, past 2^31, or with the top bit set. */
  private static long hugeLength(Random rnd) {
    return switch (rnd.nextInt(3)) {
      case 0 -> (1 << 20) + 1 + rnd.nextInt(1 << 20);
      case 1 -> (1L << 31) + rnd.nextInt(1 << 20);
      default -> rnd.nextLong() | Long.MIN_VALUE;
    };
  }

  private static byte[] flipBits(Random rnd, byte[] bytes) {
    byte[] out = bytes.clone();
    int flips = 1 + rnd.nextInt(8);
    for (int i = 0; i < flips; i++) {
      int at = rnd.nextInt(out.length);
      out[at] ^= (byte) (1 << rnd.nextInt(8));
    }
    return out;
  }

  private static byte[] randomBytes(Random rnd, int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }

  private static int pick(Random rnd, int... choices) {
    return choices[rnd.nextInt(choices.length)];
  }
}
