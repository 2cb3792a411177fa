package io.sp4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.sp4j.nn.Nn;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Errno}: nanomsg's error names with nn.h's numbers on Linux (ErrnoInteropTest checks them
 * against libnanomsg).
 */
class ErrnoTest {
  /**
   * nanomsg 1.1.5's error symbols: Linux's errno.h numbers, and nn.h's NN_HAUSNUMERO + 53 and + 54.
   */
  private static final Map<String, Integer> NN_H =
      Map.ofEntries(
          Map.entry("EINTR", 4),
          Map.entry("EBADF", 9),
          Map.entry("EAGAIN", 11),
          Map.entry("ENOMEM", 12),
          Map.entry("EACCES", 13),
          Map.entry("EFAULT", 14),
          Map.entry("ENODEV", 19),
          Map.entry("EINVAL", 22),
          Map.entry("EMFILE", 24),
          Map.entry("ENAMETOOLONG", 36),
          Map.entry("EPROTO", 71),
          Map.entry("ENOTSOCK", 88),
          Map.entry("EMSGSIZE", 90),
          Map.entry("ENOPROTOOPT", 92),
          Map.entry("EPROTONOSUPPORT", 93),
          Map.entry("ENOTSUP", 95),
          Map.entry("EAFNOSUPPORT", 97),
          Map.entry("EADDRINUSE", 98),
          Map.entry("EADDRNOTAVAIL", 99),
          Map.entry("ENETDOWN", 100),
          Map.entry("ENETUNREACH", 101),
          Map.entry("ENETRESET", 102),
          Map.entry("ECONNABORTED", 103),
          Map.entry("ECONNRESET", 104),
          Map.entry("ENOBUFS", 105),
          Map.entry("ENOTCONN", 107),
          Map.entry("ETIMEDOUT", 110),
          Map.entry("ECONNREFUSED", 111),
          Map.entry("EHOSTUNREACH", 113),
          Map.entry("EINPROGRESS", 115),
          Map.entry("ETERM", 156384712 + 53),
          Map.entry("EFSM", 156384712 + 54));

  @Test
  void namesAreNanomsgsErrorSymbols() {
    assertThat(Arrays.stream(Errno.values()).map(Errno::name))
        .containsExactlyInAnyOrderElementsOf(NN_H.keySet());
  }

  @ParameterizedTest(name = "{0} has nn.h's number and is found by it")
  @EnumSource(Errno.class)
  void numberIsNnHs(Errno errno) {
    assertThat(errno.number()).isEqualTo(NN_H.get(errno.name()));
    assertThat(Errno.fromNumber(errno.number())).contains(errno);
  }

  @ParameterizedTest(name = "{0}: Nn.{0} is its number")
  @EnumSource(Errno.class)
  void facadeConstantIsTheNumber(Errno errno) throws ReflectiveOperationException {
    assertThat(Nn.class.getField(errno.name()).getInt(null)).isEqualTo(errno.number());
  }

  @Test
  void nanomsgsOwnErrorsSitAboveHausnumero() {
    assertThat(Errno.ETERM.number()).isEqualTo(Nn.NN_HAUSNUMERO + 53);
    assertThat(Errno.EFSM.number()).isEqualTo(Nn.NN_HAUSNUMERO + 54);
    assertThat(Errno.ETERM.message()).isEqualTo("Nanomsg library was terminated");
    assertThat(Errno.EFSM.message()).isEqualTo("Operation cannot be performed in this state");
  }

  @Test
  void numbersAndTextsAreDistinct() {
    assertThat(Arrays.stream(Errno.values()).map(Errno::number).collect(Collectors.toSet()))
        .hasSize(Errno.values().length);
    assertThat(Arrays.stream(Errno.values()).map(Errno::message).collect(Collectors.toSet()))
        .hasSize(Errno.values().length);
  }

  @ParameterizedTest(name = "number {0} names no error")
  @ValueSource(
      ints = {
        0,
        -1,
        1,
        3,
        10,
        116,
        12345,
        Nn.NN_HAUSNUMERO,
        Nn.NN_HAUSNUMERO + 55,
        Integer.MAX_VALUE,
        Integer.MIN_VALUE
      })
  void unknownNumberIsEmpty(int number) {
    assertThat(Errno.fromNumber(number)).isEmpty();
  }

  @Test
  void anExceptionNeedsARealErrno() {
    assertThatNullPointerException()
        .isThrownBy(() -> new SpException(null, "no errno"))
        .withMessageContaining("errno");
    assertThatNullPointerException()
        .isThrownBy(() -> new SpException(null, "no errno", new RuntimeException()));
    assertThat(new SpException(Errno.EPROTO, "bad peer").errno()).isSameAs(Errno.EPROTO);
  }

  @Test
  void exceptionTypesCarryTheirErrno() {
    assertThat(SocketClosedException.closed().errno()).isSameAs(Errno.EBADF);
    assertThat(new SpTimeoutException("late").errno()).isSameAs(Errno.ETIMEDOUT);
    assertThat(ProtocolStateException.wrongState("not now").errno()).isSameAs(Errno.EFSM);
    assertThat(ProtocolStateException.unsupported("never").errno()).isSameAs(Errno.ENOTSUP);
  }
}
