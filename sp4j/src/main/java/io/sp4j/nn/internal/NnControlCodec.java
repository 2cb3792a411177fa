package io.sp4j.nn.internal;

import static io.sp4j.nn.internal.NnCmsgLayout.space;
import static io.sp4j.nn.internal.NnConstants.NN_WS;
import static io.sp4j.nn.internal.NnConstants.NN_WS_MSG_TYPE;
import static io.sp4j.nn.internal.NnConstants.NN_WS_MSG_TYPE_BINARY;
import static io.sp4j.nn.internal.NnConstants.NN_WS_MSG_TYPE_TEXT;
import static io.sp4j.nn.internal.NnConstants.PROTO_SP;
import static io.sp4j.nn.internal.NnConstants.SP_HDR;

import io.sp4j.MessageType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The control messages of {@code nn_sendmsg} and {@code nn_recvmsg} ({@link NnCmsgLayout}): what a
 * send's control buffer asks for, and the bytes a receive's control buffer gets. Pure: bytes in,
 * values out; no sockets, no state.
 */
final class NnControlCodec {
  /**
   * What a send's control messages ask for: the first SP_HDR's header and the first
   * NN_WS_MSG_TYPE's type, each {@code null} when absent.
   */
  record Control(byte[] header, MessageType type) {}

  /**
   * Reads the control messages of {@code control} (may be {@code null}) up to {@code controlLength}
   * ({@code msg_controllen}).
   *
   * @throws IllegalArgumentException (EINVAL) for an SP_HDR or NN_WS_MSG_TYPE that is malformed
   */
  Control read(byte[] control, int controlLength) {
    byte[] header = null;
    MessageType type = null;
    for (int at = NnCmsgLayout.first(control, controlLength);
        at >= 0;
        at = NnCmsgLayout.next(control, controlLength, at)) {
      int level = NnCmsgLayout.levelAt(control, at);
      int cmsgType = NnCmsgLayout.typeAt(control, at);
      if (level == PROTO_SP && cmsgType == SP_HDR && header == null) {
        header = spHeader(dataAt(control, at));
      } else if (level == NN_WS && cmsgType == NN_WS_MSG_TYPE && type == null) {
        byte[] data = dataAt(control, at);
        if (data.length < 1) {
          throw new IllegalArgumentException("NN_WS_MSG_TYPE: no data");
        }
        type = wsType(data[0]);
      }
    }
    return new Control(header, type);
  }

  private static byte[] dataAt(byte[] control, int offset) {
    return NnCmsgLayout.data(control, offset, NnCmsgLayout.lengthAt(control, offset));
  }

  /** SP_HDR's data: a little-endian size_t length, then that many header bytes. */
  private byte[] spHeader(byte[] data) {
    if (data.length < 8) {
      throw new IllegalArgumentException("SP_HDR: no size_t length");
    }
    long length = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    if (length < 0 || length > data.length - 8) {
      throw new IllegalArgumentException("SP_HDR: length past the data");
    }
    return Arrays.copyOfRange(data, 8, 8 + (int) length);
  }

  private MessageType wsType(int value) {
    return switch (value) {
      case NN_WS_MSG_TYPE_TEXT -> MessageType.TEXT;
      case NN_WS_MSG_TYPE_BINARY -> MessageType.BINARY;
      default ->
          throw new IllegalArgumentException(
              "NN_WS_MSG_TYPE: " + value + " is neither TEXT nor BINARY");
    };
  }

  /**
   * Writes a received message's control messages into {@code control}: SP_HDR with {@code header},
   * then NN_WS_MSG_TYPE if {@code type} is not {@code null}; each only whole, within the first
   * {@code room} bytes.
   *
   * @return the bytes written ({@code msg_controllen})
   */
  int write(byte[] header, MessageType type, byte[] control, int room) {
    byte[] spHdr = new byte[8 + header.length];
    ByteBuffer.wrap(spHdr).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
    System.arraycopy(header, 0, spHdr, 8, header.length);
    if (space(spHdr.length) > room) {
      return 0;
    }
    int at = NnCmsgLayout.write(control, 0, PROTO_SP, SP_HDR, spHdr);
    if (type == null) {
      return at;
    }
    byte[] wsType = {
      (byte) (type == MessageType.TEXT ? NN_WS_MSG_TYPE_TEXT : NN_WS_MSG_TYPE_BINARY)
    };
    return at + space(wsType.length) > room
        ? at
        : NnCmsgLayout.write(control, at, NN_WS, NN_WS_MSG_TYPE, wsType);
  }
}
