package io.sp4j.nn;

import static io.sp4j.nn.Nn.AF_SP_RAW;
import static io.sp4j.nn.Nn.EINVAL;
import static io.sp4j.nn.Nn.NN_BUS;
import static io.sp4j.nn.Nn.NN_CMSG_FIRSTHDR;
import static io.sp4j.nn.Nn.NN_CMSG_NXTHDR;
import static io.sp4j.nn.Nn.NN_CMSG_SPACE;
import static io.sp4j.nn.Nn.NN_DONTWAIT;
import static io.sp4j.nn.Nn.NN_RCVTIMEO;
import static io.sp4j.nn.Nn.NN_REP;
import static io.sp4j.nn.Nn.NN_REQ;
import static io.sp4j.nn.Nn.NN_SNDTIMEO;
import static io.sp4j.nn.Nn.NN_SOL_SOCKET;
import static io.sp4j.nn.Nn.PROTO_SP;
import static io.sp4j.nn.Nn.SP_HDR;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes as an {@code nn_sendmsg} control buffer ({@link NnCmsgHdr}'s layout), used whole or
 * with a {@code msg_controllen} picked by the input's first byte: walking it with {@code
 * NN_CMSG_FIRSTHDR}/{@code NN_CMSG_NXTHDR} ends, moves forward, and finds only headers inside
 * {@code msg_controllen}; {@link NnCmsgHdr#at} at any offset gives a header or null; and a raw BUS
 * socket's {@code nn_sendmsg} sends the 1-byte body or fails with EINVAL. And the other way: {@code
 * nn_recvmsg} writes a raw REP's header (pipe id and a backtrace the input makes) into a control
 * buffer of any size as one whole SP_HDR message, or nothing if it does not fit, and the walk reads
 * it back (SP-RAW-2).
 */
class NnCmsgFuzzTest {
  private static final int NO_SOCKET = -1;
  private static int socket = NO_SOCKET;
  private static int rawReq = NO_SOCKET;
  private static int rawRep = NO_SOCKET;

  @AfterAll
  static void close() {
    for (int s : new int[] {socket, rawReq, rawRep}) {
      if (s != NO_SOCKET) {
        Nn.nn_close(s);
      }
    }
  }

  @FuzzTest(maxDuration = "10m")
  @Timeout(30)
  void controlBuffer(byte[] input) {
    byte[] control = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
    NnMsgHdr hdr = new NnMsgHdr(new byte[][] {{'x'}}, control);
    if (input.length > 0) {
      hdr.setControlLength(controlLength(input[0], control.length));
    }
    walk(hdr);
    for (int offset :
        new int[] {
          -1, 0, 1, control.length - 16, control.length, Integer.MAX_VALUE - 8, Integer.MAX_VALUE
        }) {
      NnCmsgHdr header = NnCmsgHdr.at(control, offset);
      if (header != null) {
        assertThat(header.data(control).length)
            .as("data of the header at %d", offset)
            .isLessThanOrEqualTo(control.length - offset - NnCmsgHdr.HEADER_SIZE);
      }
    }
    int sent = Nn.nn_sendmsg(socket(), hdr, NN_DONTWAIT);
    if (sent != 1) {
      assertThat(sent).as("nn_sendmsg's result").isEqualTo(-1);
      assertThat(Nn.nn_errno())
          .as("nn_sendmsg's errno: %s", Nn.nn_strerror(Nn.nn_errno()))
          .isEqualTo(EINVAL);
    }
  }

  /**
   * Byte 0: the receiving control buffer's size (0 to 127); byte 1: hop words in the backtrace (0
   * to 7); then the backtrace's bytes (top bits set as a backtrace needs) and what the control
   * buffer holds before the call.
   */
  @FuzzTest(maxDuration = "10m")
  @Timeout(30)
  void receivedControlData(byte[] input) {
    ByteBuffer in = ByteBuffer.wrap(input);
    byte[] control = new byte[in.hasRemaining() ? in.get() & 0x7f : 0];
    int hops = in.hasRemaining() ? (in.get() & 0xff) % 8 : 0;
    byte[] backtrace = new byte[4 * (hops + 1)];
    in.get(backtrace, 0, Math.min(backtrace.length, in.remaining()));
    for (int word = 0; word <= hops; word++) {
      backtrace[4 * word] =
          (byte) (word == hops ? backtrace[4 * word] | 0x80 : backtrace[4 * word] & 0x7f);
    }
    in.get(control, 0, Math.min(control.length, in.remaining()));

    byte[] spHdr = spHdr(backtrace);
    byte[] sendControl = new byte[NN_CMSG_SPACE(spHdr.length)];
    NnCmsgHdr.write(sendControl, 0, PROTO_SP, SP_HDR, spHdr);
    connectRawPair();
    assertThat(Nn.nn_sendmsg(rawReq, new NnMsgHdr(new byte[][] {{'b'}}, sendControl), 0))
        .as("raw REQ nn_sendmsg: %s", Nn.nn_strerror(Nn.nn_errno()))
        .isEqualTo(1);
    NnMsgHdr received = new NnMsgHdr(new byte[][] {new byte[1]}, control);
    assertThat(Nn.nn_recvmsg(rawRep, received, 0))
        .as("raw REP nn_recvmsg: %s", Nn.nn_strerror(Nn.nn_errno()))
        .isEqualTo(1);

    int space =
        NN_CMSG_SPACE(8 + 4 + backtrace.length); // SP_HDR: size_t length, pipe id, backtrace
    if (control.length < space) {
      assertThat(received.controlLength()).as("control bytes written without room").isZero();
      return;
    }
    assertThat(received.controlLength()).as("control bytes written").isEqualTo(space);
    walk(received);
    NnCmsgHdr header = NnCmsgHdr.at(control, NN_CMSG_FIRSTHDR(received));
    assertThat(header.level()).isEqualTo(PROTO_SP);
    assertThat(header.type()).isEqualTo(SP_HDR);
    byte[] data = header.data(control);
    assertThat(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong(0))
        .as("SP header length")
        .isEqualTo(4 + backtrace.length);
    assertThat(Arrays.copyOfRange(data, 12, data.length))
        .as("backtrace after the pipe id")
        .isEqualTo(backtrace);
    assertThat(NN_CMSG_NXTHDR(received, 0)).as("a second control message").isEqualTo(-1);
  }

  /** SP_HDR's data: the header's length as a little-endian size_t, then the header. */
  private static byte[] spHdr(byte[] header) {
    return ByteBuffer.allocate(8 + header.length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putLong(header.length)
        .put(header)
        .array();
  }

  /** A raw REQ connected to a raw REP over inproc, each waiting at most 5 s. */
  private static void connectRawPair() {
    if (rawReq != NO_SOCKET) {
      return;
    }
    rawRep = Nn.nn_socket(AF_SP_RAW, NN_REP);
    rawReq = Nn.nn_socket(AF_SP_RAW, NN_REQ);
    for (int s : new int[] {rawRep, rawReq}) {
      assertThat(Nn.nn_setsockopt(s, NN_SOL_SOCKET, NN_RCVTIMEO, 5000)).isZero();
      assertThat(Nn.nn_setsockopt(s, NN_SOL_SOCKET, NN_SNDTIMEO, 5000)).isZero();
    }
    assertThat(Nn.nn_bind(rawRep, "inproc://nn-cmsg-fuzz")).isPositive();
    assertThat(Nn.nn_connect(rawReq, "inproc://nn-cmsg-fuzz")).isPositive();
  }

  /** Byte 0 picks msg_controllen: the buffer's length (most values) or a boundary around it. */
  private static int controlLength(byte pick, int length) {
    return switch (pick & 0x0f) {
      case 1 -> 0;
      case 2 -> 15;
      case 3 -> 16;
      case 4 -> Math.max(0, length - 1);
      case 5 -> length + 1;
      case 6 -> length + 16;
      case 7 -> Integer.MAX_VALUE;
      default -> length;
    };
  }

  private static void walk(NnMsgHdr hdr) {
    byte[] control = hdr.control();
    int used = Math.max(0, Math.min(hdr.controlLength(), control.length));
    int previous = -1;
    int steps = 0;
    for (int at = NN_CMSG_FIRSTHDR(hdr); at >= 0; at = NN_CMSG_NXTHDR(hdr, at)) {
      assertThat(at).as("next header after %d", previous).isGreaterThan(previous);
      assertThat(at + NnCmsgHdr.HEADER_SIZE)
          .as("header end within msg_controllen")
          .isLessThanOrEqualTo(used);
      NnCmsgHdr header = NnCmsgHdr.at(control, at);
      assertThat(header).as("header at %d", at).isNotNull();
      header.data(control);
      previous = at;
      assertThat(++steps)
          .as("headers walked")
          .isLessThanOrEqualTo(control.length / NnCmsgHdr.HEADER_SIZE);
    }
  }

  private static int socket() {
    if (socket == NO_SOCKET) {
      socket = Nn.nn_socket(AF_SP_RAW, NN_BUS);
      assertThat(socket)
          .as("nn_socket: %s", Nn.nn_strerror(Nn.nn_errno()))
          .isGreaterThanOrEqualTo(0);
    }
    return socket;
  }
}
