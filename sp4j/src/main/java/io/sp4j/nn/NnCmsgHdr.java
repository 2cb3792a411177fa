package io.sp4j.nn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One control message in a control buffer, read with {@link #at(byte[], int)}. The layout is
 * nanomsg's on 64-bit Linux, little-endian: {@code size_t cmsg_len} (8 bytes), {@code int
 * cmsg_level}, {@code int cmsg_type}, then the data at {@link Nn#NN_CMSG_DATA} (offset + 16);
 * the next message starts at offset + {@code NN_CMSG_ALIGN(cmsg_len)}.
 *
 * @param offset where the message starts in the buffer
 * @param length {@code cmsg_len}: header plus data, without the padding after it
 * @param level {@code cmsg_level}, e.g. {@link Nn#PROTO_SP} or {@link Nn#NN_WS}
 * @param type {@code cmsg_type}, e.g. {@link Nn#SP_HDR} or {@link Nn#NN_WS_MSG_TYPE}
 */
public record NnCmsgHdr(int offset, long length, int level, int type) {
  /** Bytes of the header before the data. */
  public static final int HEADER_SIZE = 16;

  /** The control message at {@code offset}, or {@code null} if no whole header fits there. */
  public static NnCmsgHdr at(byte[] control, int offset) {
    Objects.requireNonNull(control, "control");
    if (offset < 0 || offset > control.length - HEADER_SIZE) { // not offset + 16: it overflows near MAX_VALUE
      return null;
    }
    ByteBuffer buf = ByteBuffer.wrap(control).order(ByteOrder.LITTLE_ENDIAN);
    return new NnCmsgHdr(offset, buf.getLong(offset), buf.getInt(offset + 8), buf.getInt(offset + 12));
  }

  /**
   * Writes a control message at {@code offset}: header, {@code data}, and zero padding up to
   * {@link Nn#NN_CMSG_SPACE}.
   *
   * @return the offset after it
   * @throws IndexOutOfBoundsException if it does not fit
   */
  public static int write(byte[] control, int offset, int level, int type, byte[] data) {
    int space = Nn.NN_CMSG_SPACE(data.length);
    Objects.checkFromIndexSize(offset, space, control.length);
    ByteBuffer buf = ByteBuffer.wrap(control).order(ByteOrder.LITTLE_ENDIAN);
    buf.putLong(offset, Nn.NN_CMSG_LEN(data.length));
    buf.putInt(offset + 8, level);
    buf.putInt(offset + 12, type);
    System.arraycopy(data, 0, control, offset + HEADER_SIZE, data.length);
    Arrays.fill(control, offset + HEADER_SIZE + data.length, offset + space, (byte) 0);
    return offset + space;
  }

  /** The number of data bytes ({@code cmsg_len} − 16), at most {@code Integer.MAX_VALUE}. */
  public int dataLength() {
    return (int) Math.min(Integer.MAX_VALUE, length - HEADER_SIZE);
  }

  /** A copy of the data bytes (cut short at the end of {@code control}); empty past its end. */
  public byte[] data(byte[] control) {
    long from = Math.min(control.length, (long) offset + HEADER_SIZE);
    long to = Math.min(control.length, from + Math.max(0, length - HEADER_SIZE));
    return Arrays.copyOfRange(control, (int) from, (int) Math.max(from, to));
  }
}
