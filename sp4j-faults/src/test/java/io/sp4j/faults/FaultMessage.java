package io.sp4j.faults;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * One message of the fault tests, as ASCII text: {@code <sender>:<seq>:<payload>:<crc32>}. The
 * payload's length and letters follow from the sender and the sequence number: 1 to {@value
 * #MAX_PAYLOAD} bytes (so many messages span two TCP segments), and every {@value #LARGE_EVERY}th
 * message {@value #LARGE_PAYLOAD} bytes (dozens of segments, and two ws frames, so a fault often
 * strikes in the middle of one). The CRC-32 covers everything before it: a record damaged, cut
 * short or glued to another no longer checks out.
 *
 * @param sender the sending peer's id (no colon)
 * @param seq the sender's sequence number, from 1
 */
record FaultMessage(String sender, long seq) {
  static final int MAX_PAYLOAD = 2000;
  static final int LARGE_EVERY = 25;

  /** Over the 64 KiB of a ws frame, so sent as two fragments. */
  static final int LARGE_PAYLOAD = 70_000;

  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

  FaultMessage {
    if (sender.isEmpty() || sender.indexOf(':') >= 0 || sender.indexOf(' ') >= 0) {
      throw new IllegalArgumentException(
          "sender: a non-empty id without ':' or ' ', got '" + sender + "'");
    }
  }

  /** The message body. */
  String encode() {
    String head = sender + ':' + seq + ':' + payload();
    return head + ':' + crcHex(head);
  }

  /** The record {@code body} carries, or empty if it is not one whole, undamaged record. */
  static Optional<FaultMessage> parse(String body) {
    int crcColon = body.lastIndexOf(':');
    int first = body.indexOf(':');
    int second = first < 0 ? -1 : body.indexOf(':', first + 1);
    if (first <= 0 || second < 0 || crcColon <= second) {
      return Optional.empty();
    }
    String head = body.substring(0, crcColon);
    if (!crcHex(head).equals(body.substring(crcColon + 1))) {
      return Optional.empty();
    }
    long seq;
    try {
      seq = Long.parseLong(body.substring(first + 1, second));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (seq < 1) {
      return Optional.empty();
    }
    FaultMessage record = new FaultMessage(body.substring(0, first), seq);
    // The checksum could match a well-formed record of the wrong content only by a bug in the
    // sender; comparing the payload too makes the record fully determined by (sender, seq).
    return record.payload().equals(body.substring(second + 1, crcColon))
        ? Optional.of(record)
        : Optional.empty();
  }

  private String payload() {
    int length =
        seq % LARGE_EVERY == 0
            ? LARGE_PAYLOAD
            : 1 + Math.floorMod(seq * 733 + sender.hashCode(), MAX_PAYLOAD);
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(
          LETTERS.charAt(Math.floorMod(seq * 31 + i * 7L + sender.hashCode(), LETTERS.length())));
    }
    return sb.toString();
  }

  private static String crcHex(String text) {
    CRC32 crc = new CRC32();
    crc.update(text.getBytes(StandardCharsets.US_ASCII));
    return String.format("%08x", crc.getValue());
  }
}
