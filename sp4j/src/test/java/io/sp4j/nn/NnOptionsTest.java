package io.sp4j.nn;

import static io.sp4j.nn.Nn.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** nn_setsockopt and nn_getsockopt (nanomsg tests/sockopt?.c behaviour, spec §5). */
class NnOptionsTest {
  private final List<Integer> open = new ArrayList<>();

  @AfterEach
  void closeAll() {
    open.forEach(Nn::nn_close);
  }

  private int socket(int domain, int protocol) {
    int s = nn_socket(domain, protocol);
    assertThat(s).isGreaterThanOrEqualTo(0);
    open.add(s);
    return s;
  }

  private static void assertFails(int rc, int errno) {
    assertThat(rc).isEqualTo(-1);
    assertThat(nn_errno()).as(nn_strerror(nn_errno())).isEqualTo(errno);
  }

  private static int get(int s, int level, int option) {
    int[] value = new int[1];
    assertThat(nn_getsockopt(s, level, option, value)).as(nn_strerror(nn_errno())).isZero();
    return value[0];
  }

  @ParameterizedTest(name = "option {1} at level {0} defaults to {2}")
  @CsvSource({
    "0, 1, 0", "0, 2, 131072", "0, 3, 131072", "0, 4, -1", "0, 5, -1", "0, 6, 100", "0, 7, 0",
    "0, 8, 8", "0, 9, 8", "0, 14, 1", "0, 16, 1048576", "0, 17, 8", "-4, 1, 2", "-3, 1, 1"
  })
  void defaults(int level, int option, int expected) {
    assertThat(get(socket(AF_SP, NN_PAIR), level, option)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "option {1} at level {0} set to {2} reads back")
  @CsvSource({
    "0, 1, 250", "0, 2, 4096", "0, 3, 8192", "0, 4, 1500", "0, 5, 0", "0, 6, 10", "0, 7, 1000",
    "0, 8, 1", "0, 9, 16", "0, 14, 0", "0, 16, -1", "0, 17, 255", "-4, 1, 1", "-3, 1, 0"
  })
  void setThenGet(int level, int option, int value) {
    int s = socket(AF_SP, NN_PAIR);
    assertThat(nn_setsockopt(s, level, option, value)).as(nn_strerror(nn_errno())).isZero();
    assertThat(get(s, level, option)).isEqualTo(value);
  }

  @Test
  void negativeTimeoutsMeanForever() {
    int s = socket(AF_SP, NN_PAIR);
    assertThat(nn_setsockopt(s, NN_SOL_SOCKET, NN_RCVTIMEO, -7)).isZero();
    assertThat(get(s, NN_SOL_SOCKET, NN_RCVTIMEO)).isEqualTo(-1);
  }

  @ParameterizedTest(name = "option {1} at level {0} rejects {2} with EINVAL")
  @CsvSource({
    "0, 2, 0",
    "0, 3, -1",
    "0, 6, -1",
    "0, 7, -5",
    "0, 8, 0",
    "0, 9, 17",
    "0, 14, 2",
    "0, 16, -2",
    "0, 17, 0",
    "0, 17, 256",
    "-4, 1, 3",
    "-3, 1, 2"
  })
  void outOfRangeIsEinval(int level, int option, int value) {
    assertFails(nn_setsockopt(socket(AF_SP, NN_PAIR), level, option, value), EINVAL);
  }

  @ParameterizedTest(name = "option {1} at level {0} on PAIR is ENOPROTOOPT")
  @CsvSource({
    "0, 99", "0, 10", "0, 11", "33, 1", "48, 1", "98, 1", "-1, 1", "-2, 1", "-4, 2", "-3, 2",
    "1000, 1"
  })
  void unknownOrWrongLevelIsEnoprotoopt(int level, int option) {
    int s = socket(AF_SP, NN_PAIR);
    assertFails(nn_setsockopt(s, level, option, 1), ENOPROTOOPT);
    assertFails(nn_getsockopt(s, level, option, new int[1]), ENOPROTOOPT);
  }

  @Test
  void readOnlyOptions() {
    int s = socket(AF_SP_RAW, NN_BUS);
    assertFails(nn_setsockopt(s, NN_SOL_SOCKET, NN_DOMAIN, AF_SP), ENOPROTOOPT);
    assertFails(nn_setsockopt(s, NN_SOL_SOCKET, NN_PROTOCOL, NN_PAIR), ENOPROTOOPT);
    assertThat(get(s, NN_SOL_SOCKET, NN_DOMAIN)).isEqualTo(AF_SP_RAW);
    assertThat(get(s, NN_SOL_SOCKET, NN_PROTOCOL)).isEqualTo(NN_BUS);
  }

  @Test
  void protocolOptionsOnTheirSockets() {
    int req = socket(AF_SP, NN_REQ);
    assertThat(get(req, NN_REQ, NN_REQ_RESEND_IVL)).isEqualTo(60000);
    assertThat(nn_setsockopt(req, NN_REQ, NN_REQ_RESEND_IVL, 100)).isZero();
    assertThat(get(req, NN_REQ, NN_REQ_RESEND_IVL)).isEqualTo(100);
    assertFails(nn_setsockopt(req, NN_REQ, NN_REQ_RESEND_IVL, 0), EINVAL);
    int surveyor = socket(AF_SP, NN_SURVEYOR);
    assertThat(get(surveyor, NN_SURVEYOR, NN_SURVEYOR_DEADLINE)).isEqualTo(1000);
    assertFails(
        nn_setsockopt(socket(AF_SP_RAW, NN_REQ), NN_REQ, NN_REQ_RESEND_IVL, 100), ENOPROTOOPT);
    int sub = socket(AF_SP, NN_SUB);
    assertThat(nn_setsockopt(sub, NN_SUB, NN_SUB_SUBSCRIBE, new byte[0])).isZero();
    assertFails(
        nn_setsockopt(sub, NN_SOL_SOCKET, NN_SUB_SUBSCRIBE + 100, new byte[0]), ENOPROTOOPT);
  }

  @Test
  void intOptionsAsBytesNeedFourLittleEndianBytes() {
    int s = socket(AF_SP, NN_PAIR);
    byte[] le = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 1234).array();
    assertThat(nn_setsockopt(s, NN_SOL_SOCKET, NN_SNDTIMEO, le)).isZero();
    assertThat(get(s, NN_SOL_SOCKET, NN_SNDTIMEO)).isEqualTo(1234);
    assertFails(nn_setsockopt(s, NN_SOL_SOCKET, NN_SNDTIMEO, new byte[2]), EINVAL);
    assertFails(nn_setsockopt(s, NN_SOL_SOCKET, NN_SNDTIMEO, new byte[8]), EINVAL);
    assertFails(nn_setsockopt(s, NN_SOL_SOCKET, NN_SNDFD, le), ENOPROTOOPT);
    byte[] out = new byte[4];
    int[] length = new int[1];
    assertThat(nn_getsockopt(s, NN_SOL_SOCKET, NN_SNDTIMEO, out, length)).isZero();
    assertThat(length[0]).isEqualTo(4);
    assertThat(out).isEqualTo(le);
  }

  @Test
  void socketNameDefaultsToTheNumber() {
    int s = socket(AF_SP, NN_PAIR);
    byte[] buf = new byte[64];
    int[] length = new int[1];
    assertThat(nn_getsockopt(s, NN_SOL_SOCKET, NN_SOCKET_NAME, buf, length)).isZero();
    assertThat(new String(buf, 0, length[0], StandardCharsets.US_ASCII))
        .isEqualTo(Integer.toString(s));
    assertThat(
            nn_setsockopt(
                s, NN_SOL_SOCKET, NN_SOCKET_NAME, "hub".getBytes(StandardCharsets.US_ASCII)))
        .isZero();
    assertThat(nn_getsockopt(s, NN_SOL_SOCKET, NN_SOCKET_NAME, buf, length)).isZero();
    assertThat(new String(buf, 0, length[0], StandardCharsets.US_ASCII)).isEqualTo("hub");
    assertFails(nn_setsockopt(s, NN_SOL_SOCKET, NN_SOCKET_NAME, new byte[64]), EINVAL);
    assertFails(nn_getsockopt(s, NN_SOL_SOCKET, NN_SOCKET_NAME, new int[1]), EINVAL);
  }
}
