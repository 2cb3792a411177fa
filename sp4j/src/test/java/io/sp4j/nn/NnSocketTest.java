package io.sp4j.nn;

import static io.sp4j.nn.Nn.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.sp4j.BlockedCall;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * nn_socket, nn_close, endpoints, nn_term, errors and symbols (nanomsg tests/emfile.c, term.c,
 * symbol.c).
 */
class NnSocketTest {
  private final List<Integer> open = new ArrayList<>();

  @AfterEach
  void closeAll() {
    open.forEach(Nn::nn_close);
    nn_init();
  }

  private int socket(int domain, int protocol) {
    int s = nn_socket(domain, protocol);
    assertThat(s).as("nn_socket: %s", nn_strerror(nn_errno())).isGreaterThanOrEqualTo(0);
    open.add(s);
    return s;
  }

  private static void assertFails(int rc, int errno) {
    assertThat(rc).isEqualTo(-1);
    assertThat(nn_errno()).as(nn_strerror(nn_errno())).isEqualTo(errno);
  }

  @ParameterizedTest(name = "socket of protocol {0} opens cooked and raw")
  @ValueSource(
      ints = {
        NN_PAIR,
        NN_PUB,
        NN_SUB,
        NN_REQ,
        NN_REP,
        NN_PUSH,
        NN_PULL,
        NN_SURVEYOR,
        NN_RESPONDENT,
        NN_BUS
      })
  void everyProtocolOpens(int protocol) {
    int cooked = socket(AF_SP, protocol);
    int raw = socket(AF_SP_RAW, protocol);
    int[] value = new int[1];
    assertThat(nn_getsockopt(raw, NN_SOL_SOCKET, NN_DOMAIN, value)).isZero();
    assertThat(value[0]).isEqualTo(AF_SP_RAW);
    assertThat(nn_getsockopt(cooked, NN_SOL_SOCKET, NN_PROTOCOL, value)).isZero();
    assertThat(value[0]).isEqualTo(protocol);
  }

  @ParameterizedTest(name = "nn_socket({0}, {1}) fails with errno {2}")
  @CsvSource({"0, 16, 97", "3, 16, 97", "1, 0, 22", "1, 17, 22", "2, 1600, 22"})
  void badSocketArguments(int domain, int protocol, int errno) {
    assertFails(nn_socket(domain, protocol), errno);
  }

  @Test
  void lowestFreeNumberIsReused() {
    int a = socket(AF_SP, NN_PAIR);
    int b = socket(AF_SP, NN_PAIR);
    assertThat(nn_close(a)).isZero();
    open.remove((Integer) a);
    assertThat(socket(AF_SP, NN_PAIR)).isEqualTo(a);
    assertThat(b).isNotEqualTo(a);
  }

  @Test
  void emfileAt512Sockets() {
    int i = 0;
    for (; i < NN_MAX_SOCKETS + 1; i++) {
      int s = nn_socket(AF_SP, NN_PAIR);
      if (s < 0) {
        assertThat(nn_errno()).isEqualTo(EMFILE);
        break;
      }
      open.add(s);
    }
    assertThat(i).isEqualTo(NN_MAX_SOCKETS);
  }

  @ParameterizedTest(name = "nn_close({0}) of a socket never opened is EBADF")
  @ValueSource(ints = {-1, 511, 512, 100000})
  void closeBadSocket(int s) {
    assertFails(nn_close(s), EBADF);
  }

  @Test
  void doubleCloseAndUseAfterClose() {
    int s = nn_socket(AF_SP, NN_PAIR);
    assertThat(nn_close(s)).isZero();
    assertFails(nn_close(s), EBADF);
    assertFails(nn_send(s, new byte[] {1}, 0), EBADF);
    assertFails(nn_recv(s, new byte[1], 0), EBADF);
    assertFails(nn_bind(s, "inproc://x"), EBADF);
    assertFails(nn_setsockopt(s, NN_SOL_SOCKET, NN_LINGER, 0), EBADF);
    assertFails(nn_getsockopt(s, NN_SOL_SOCKET, NN_LINGER, new int[1]), EBADF);
  }

  @ParameterizedTest(name = "bind to \"{0}\" fails with errno {1}")
  @CsvSource({
    "inproc, 22",
    "foo://bar, 93",
    "tcp://127.0.0.1, 22",
    "ipc://, 22",
    "ws://127.0.0.1:notaport/x, 22"
  })
  void badAddresses(String addr, int errno) {
    int s = socket(AF_SP, NN_PAIR);
    assertFails(nn_bind(s, addr), errno);
    assertFails(nn_connect(s, addr), errno);
  }

  @Test
  void addressTooLong() {
    int s = socket(AF_SP, NN_PAIR);
    String addr = "inproc://" + "a".repeat(NN_SOCKADDR_MAX);
    assertFails(nn_bind(s, addr), ENAMETOOLONG);
    assertFails(nn_connect(s, addr), ENAMETOOLONG);
  }

  @Test
  void bindTwiceIsEaddrinuseAndShutdownFreesIt() {
    int a = socket(AF_SP, NN_PAIR);
    int b = socket(AF_SP, NN_PAIR);
    int eid = nn_bind(a, "inproc://nn-inuse");
    assertThat(eid).isPositive();
    assertFails(nn_bind(b, "inproc://nn-inuse"), EADDRINUSE);
    assertThat(nn_shutdown(a, eid)).isZero();
    assertFails(nn_shutdown(a, eid), EINVAL);
    assertFails(nn_shutdown(a, 12345), EINVAL);
    assertThat(nn_bind(b, "inproc://nn-inuse")).isPositive();
  }

  @Test
  void termWakesBlockedCallsWithEtermThenSocketsAreGone() throws Exception {
    int s = nn_socket(AF_SP, NN_PAIR);
    int u = nn_socket(AF_SP, NN_PUSH); // no peer: a send waits for one
    List<BlockedCall> calls =
        List.of(
            BlockedCall.start("nn-term-receiver-1", () -> outcome(nn_recv(s, new byte[3], 0))),
            BlockedCall.start("nn-term-receiver-2", () -> outcome(nn_recv(s, new byte[3], 0))),
            BlockedCall.start("nn-term-sender", () -> outcome(nn_send(u, new byte[] {1}, 0))));
    // Parked on their sockets' conditions, not merely WAITING (which a thread queued for the lock
    // is too).
    Awaitility.await()
        .atMost(BlockedCall.DEADLINE)
        .until(() -> calls.stream().allMatch(BlockedCall::isWaiting));
    int t = nn_socket(AF_SP, NN_PAIR);
    nn_term();
    for (BlockedCall call : calls) {
      call.assertReturned(List.of(-1, ETERM));
    }
    assertFails(nn_recv(s, new byte[3], 0), EBADF);
    assertFails(nn_close(t), EBADF);
    assertFails(nn_socket(AF_SP, NN_PAIR), ETERM);
    nn_init();
    assertThat(socket(AF_SP, NN_PAIR)).isGreaterThanOrEqualTo(0);
  }

  /** A call's return code and the errno it left, read on the thread that made it. */
  private static List<Integer> outcome(int rc) {
    return List.of(rc, nn_errno());
  }

  @ParameterizedTest(name = "errno {0} reads \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "156384766|Operation cannot be performed in this state",
        "156384765|Nanomsg library was terminated",
        "9|Bad file descriptor",
        "110|Connection timed out",
        "22|Invalid argument",
        "0|Unknown error 0",
        "12345|Unknown error 12345"
      })
  void strerror(int errno, String text) {
    assertThat(nn_strerror(errno)).isEqualTo(text);
  }

  @Test
  void everyErrnoHasText() {
    for (int errno :
        new int[] {
          EBADF,
          EINTR,
          EAGAIN,
          EACCES,
          EFAULT,
          ENODEV,
          EINVAL,
          EMFILE,
          ENAMETOOLONG,
          EMSGSIZE,
          ENOPROTOOPT,
          EPROTONOSUPPORT,
          ENOTSUP,
          EAFNOSUPPORT,
          EADDRINUSE,
          EADDRNOTAVAIL,
          ETIMEDOUT,
          ECONNREFUSED,
          EFSM,
          ETERM
        }) {
      assertThat(nn_strerror(errno)).as("errno %d", errno).doesNotStartWith("Unknown");
    }
    assertThat(EFSM).isEqualTo(156384766);
    assertThat(ETERM).isEqualTo(156384765);
  }

  @Test
  void symbolsEnumerateUntilNull() {
    assertThat(nn_symbol(-1, null)).isNull();
    assertThat(nn_errno()).isEqualTo(EINVAL);
    assertThat(nn_symbol_info(-1)).isNull();
    assertThat(nn_symbol(2000, null)).isNull();
    assertThat(nn_errno()).isEqualTo(EINVAL);
    int[] value = new int[1];
    assertThat(nn_symbol(6, value)).isNotNull();
    assertThat(value[0]).isNotZero();
    int count = 0;
    boolean sawLinger = false;
    for (int i = 0; i < 1000; i++) {
      String name = nn_symbol(i, value);
      if (name == null) {
        assertThat(nn_errno()).isEqualTo(EINVAL);
        break;
      }
      NnSymbolProperties info = nn_symbol_info(i);
      assertThat(info.name()).isEqualTo(name);
      assertThat(info.value()).isEqualTo(value[0]);
      if (name.equals("NN_LINGER")) {
        sawLinger = true;
        assertThat(info.ns()).isEqualTo(NN_NS_SOCKET_OPTION);
        assertThat(info.type()).isEqualTo(NN_TYPE_INT);
        assertThat(info.unit()).isEqualTo(NN_UNIT_MILLISECONDS);
      }
      if (name.equals("EFSM")) {
        assertThat(info.value()).isEqualTo(EFSM);
        assertThat(info.ns()).isEqualTo(NN_NS_ERROR);
      }
      count++;
    }
    assertThat(sawLinger).isTrue();
    assertThat(nn_symbol_info(count)).isNull();
  }
}
