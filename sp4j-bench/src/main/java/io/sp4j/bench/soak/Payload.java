package io.sp4j.bench.soak;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * The bodies the soak sends, checkable by whoever receives them. From {@link #HEADER} bytes up: a
 * CRC-32C of the rest, the sending session's id, the message's sequence number, then pseudo-random
 * bytes. Shorter bodies (down to empty) have no room for a checksum: byte {@code i} of a body of
 * {@code n} bytes is {@code n * 7 + i}, so damage or truncation still shows.
 */
final class Payload {
  /** Bytes taken by the checksum, session id and sequence number. */
  static final int HEADER = 4 + 8 + 8;

  private Payload() {}

  static byte[] make(int size, long session, long sequence) {
    byte[] body = new byte[size];
    if (size < HEADER) {
      for (int i = 0; i < size; i++) {
        body[i] = shortByte(size, i);
      }
      return body;
    }
    ByteBuffer buffer = ByteBuffer.wrap(body);
    buffer.position(4);
    buffer.putLong(session).putLong(sequence);
    SplittableRandom random = new SplittableRandom(session * 31 + sequence);
    while (buffer.remaining() >= 8) {
      buffer.putLong(random.nextLong());
    }
    while (buffer.hasRemaining()) {
      buffer.put((byte) random.nextInt());
    }
    buffer.putInt(0, crc(body));
    return body;
  }

  /** Whether {@code body} is one that {@link #make} could have made, undamaged. */
  static boolean isIntact(byte[] body) {
    int size = body.length;
    if (size < HEADER) {
      for (int i = 0; i < size; i++) {
        if (body[i] != shortByte(size, i)) {
          return false;
        }
      }
      return true;
    }
    return ByteBuffer.wrap(body).getInt(0) == crc(body);
  }

  private static byte shortByte(int size, int index) {
    return (byte) (size * 7 + index);
  }

  private static int crc(byte[] body) {
    CRC32C crc = new CRC32C();
    crc.update(body, 4, body.length - 4);
    return (int) crc.getValue();
  }
}
