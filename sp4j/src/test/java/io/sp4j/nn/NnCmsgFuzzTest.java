package io.sp4j.nn;

import static io.sp4j.nn.Nn.AF_SP_RAW;
import static io.sp4j.nn.Nn.EINVAL;
import static io.sp4j.nn.Nn.NN_BUS;
import static io.sp4j.nn.Nn.NN_CMSG_FIRSTHDR;
import static io.sp4j.nn.Nn.NN_CMSG_NXTHDR;
import static io.sp4j.nn.Nn.NN_DONTWAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes as an {@code nn_sendmsg} control buffer ({@link NnCmsgHdr}'s layout), used whole or
 * with a {@code msg_controllen} picked by the input's first byte: walking it with
 * {@code NN_CMSG_FIRSTHDR}/{@code NN_CMSG_NXTHDR} ends, moves forward, and finds only headers
 * inside {@code msg_controllen}; {@link NnCmsgHdr#at} at any offset gives a header or null;
 * and a raw BUS socket's {@code nn_sendmsg} sends the 1-byte body or fails with EINVAL.
 */
class NnCmsgFuzzTest {
  private static int socket = -1;

  @AfterAll
  static void close() {
    if (socket >= 0) {
      Nn.nn_close(socket);
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
    for (int offset : new int[] {-1, 0, 1, control.length - 16, control.length, Integer.MAX_VALUE - 8, Integer.MAX_VALUE}) {
      NnCmsgHdr header = NnCmsgHdr.at(control, offset);
      if (header != null) {
        assertThat(header.data(control).length).as("data of the header at %d", offset)
            .isLessThanOrEqualTo(control.length - offset - NnCmsgHdr.HEADER_SIZE);
      }
    }
    int sent = Nn.nn_sendmsg(socket(), hdr, NN_DONTWAIT);
    if (sent != 1) {
      assertThat(sent).as("nn_sendmsg's result").isEqualTo(-1);
      assertThat(Nn.nn_errno()).as("nn_sendmsg's errno: %s", Nn.nn_strerror(Nn.nn_errno())).isEqualTo(EINVAL);
    }
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
      assertThat(at + NnCmsgHdr.HEADER_SIZE).as("header end within msg_controllen").isLessThanOrEqualTo(used);
      NnCmsgHdr header = NnCmsgHdr.at(control, at);
      assertThat(header).as("header at %d", at).isNotNull();
      header.data(control);
      previous = at;
      assertThat(++steps).as("headers walked").isLessThanOrEqualTo(control.length / NnCmsgHdr.HEADER_SIZE);
    }
  }

  private static int socket() {
    if (socket < 0) {
      socket = Nn.nn_socket(AF_SP_RAW, NN_BUS);
      assertThat(socket).as("nn_socket: %s", Nn.nn_strerror(Nn.nn_errno())).isGreaterThanOrEqualTo(0);
    }
    return socket;
  }
}
