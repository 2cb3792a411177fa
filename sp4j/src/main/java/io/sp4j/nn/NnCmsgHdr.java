package io.sp4j.nn;

import io.sp4j.nn.internal.NnCmsgLayout;

/**
 * One control message in a control buffer, read with {@link #at(byte[], int)}. The layout is
 * nanomsg's on 64-bit Linux, little-endian: {@code size_t cmsg_len} (8 bytes), {@code int
 * cmsg_level}, {@code int cmsg_type}, then the data at {@link Nn#NN_CMSG_DATA} (offset + 16); the
 * next message starts at offset + {@code NN_CMSG_ALIGN(cmsg_len)}.
 *
 * @param offset where the message starts in the buffer
 * @param length {@code cmsg_len}: header plus data, without the padding after it
 * @param level {@code cmsg_level}, e.g. {@link Nn#PROTO_SP} or {@link Nn#NN_WS}
 * @param type {@code cmsg_type}, e.g. {@link Nn#SP_HDR} or {@link Nn#NN_WS_MSG_TYPE}
 */
public record NnCmsgHdr(int offset, long length, int level, int type) {
  /** Bytes of the header before the data. */
  public static final int HEADER_SIZE = NnCmsgLayout.HEADER_SIZE;

  /** The control message at {@code offset}, or {@code null} if no whole header fits there. */
  public static NnCmsgHdr at(byte[] control, int offset) {
    if (!NnCmsgLayout.headerFits(control, offset)) {
      return null;
    }
    return new NnCmsgHdr(
        offset,
        NnCmsgLayout.lengthAt(control, offset),
        NnCmsgLayout.levelAt(control, offset),
        NnCmsgLayout.typeAt(control, offset));
  }

  /**
   * Writes a control message at {@code offset}: header, {@code data}, and zero padding up to {@link
   * Nn#NN_CMSG_SPACE}.
   *
   * @return the offset after it
   * @throws IndexOutOfBoundsException if it does not fit
   */
  public static int write(byte[] control, int offset, int level, int type, byte[] data) {
    return NnCmsgLayout.write(control, offset, level, type, data);
  }

  /** The number of data bytes ({@code cmsg_len} − 16), at most {@code Integer.MAX_VALUE}. */
  public int dataLength() {
    return (int) Math.min(Integer.MAX_VALUE, length - HEADER_SIZE);
  }

  /** A copy of the data bytes (cut short at the end of {@code control}); empty past its end. */
  public byte[] data(byte[] control) {
    return NnCmsgLayout.data(control, offset, length);
  }
}
