package io.sp4j.nn.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * The layout of control messages in a control buffer, nanomsg's on 64-bit Linux, little-endian:
 * {@code size_t cmsg_len} (8 bytes), {@code int cmsg_level}, {@code int cmsg_type}, then the data;
 * the next message starts {@code cmsg_len} rounded up to 8 bytes later. Only what the buffer and
 * its length in use ({@code msg_controllen}) say: no sockets, no state. The facade's {@code
 * NN_CMSG_*} helpers and {@code NnCmsgHdr} are this, and so is the runtime's codec.
 */
public final class NnCmsgLayout {
  /** Bytes of the header before the data. */
  public static final int HEADER_SIZE = 16;

  private NnCmsgLayout() {}

  /** {@code len} rounded up to the 8-byte alignment of control messages. */
  public static int align(int len) {
    return (len + 7) & ~7;
  }

  /** Bytes a control message with {@code len} data bytes takes, padding included. */
  public static int space(int len) {
    return HEADER_SIZE + align(len);
  }

  /** The {@code cmsg_len} of a control message with {@code len} data bytes. */
  public static int length(int len) {
    return HEADER_SIZE + len;
  }

  /** Offset of the data of the control message at {@code offset}. */
  public static int dataOffset(int offset) {
    return offset + HEADER_SIZE;
  }

  /** Whether a whole header fits at {@code offset} in {@code control}. */
  public static boolean headerFits(byte[] control, int offset) {
    Objects.requireNonNull(control, "control");
    return offset >= 0
        && offset <= control.length - HEADER_SIZE; // not offset + 16: it overflows near MAX_VALUE
  }

  /** {@code cmsg_len} of the message at {@code offset}, whose header must fit. */
  public static long lengthAt(byte[] control, int offset) {
    return order(control).getLong(offset);
  }

  /** {@code cmsg_level} of the message at {@code offset}, whose header must fit. */
  public static int levelAt(byte[] control, int offset) {
    return order(control).getInt(offset + 8);
  }

  /** {@code cmsg_type} of the message at {@code offset}, whose header must fit. */
  public static int typeAt(byte[] control, int offset) {
    return order(control).getInt(offset + 12);
  }

  /**
   * A copy of the data of a message at {@code offset} with {@code cmsg_len} {@code length} (cut
   * short at the end of {@code control}); empty past its end.
   */
  public static byte[] data(byte[] control, int offset, long length) {
    long from = Math.min(control.length, (long) offset + HEADER_SIZE);
    long to = Math.min(control.length, from + Math.max(0, length - HEADER_SIZE));
    return Arrays.copyOfRange(control, (int) from, (int) Math.max(from, to));
  }

  /** Offset of the first control message, or -1 if there is none. */
  public static int first(byte[] control, int controlLength) {
    // msg_controllen past the buffer's end counts only up to the end, as in next().
    return control != null && Math.min(controlLength, control.length) >= HEADER_SIZE ? 0 : -1;
  }

  /** Offset of the control message after the one at {@code offset}, or -1 if there is none. */
  public static int next(byte[] control, int controlLength, int offset) {
    if (control == null || !headerFits(control, offset)) {
      return -1;
    }
    int used = Math.min(controlLength, control.length);
    long length = lengthAt(control, offset);
    // A message that runs past msg_controllen is the last; checked before aligning its length,
    // which near Long.MAX_VALUE wrapped to an offset of 0 and walked the buffer forever.
    if (length < HEADER_SIZE || length > used - offset) {
      return -1;
    }
    long next = offset + ((length + 7) & ~7L);
    return next + HEADER_SIZE > used ? -1 : (int) next;
  }

  /**
   * Writes a control message at {@code offset}: header, {@code data}, and zero padding up to {@link
   * #space}.
   *
   * @return the offset after it
   * @throws IndexOutOfBoundsException if it does not fit
   */
  public static int write(byte[] control, int offset, int level, int type, byte[] data) {
    int space = space(data.length);
    Objects.checkFromIndexSize(offset, space, control.length);
    order(control)
        .putLong(offset, length(data.length))
        .putInt(offset + 8, level)
        .putInt(offset + 12, type);
    System.arraycopy(data, 0, control, dataOffset(offset), data.length);
    Arrays.fill(control, dataOffset(offset) + data.length, offset + space, (byte) 0);
    return offset + space;
  }

  private static ByteBuffer order(byte[] control) {
    return ByteBuffer.wrap(control).order(ByteOrder.LITTLE_ENDIAN);
  }
}
