package io.sp4j.nn.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sp4j.Errno;
import io.sp4j.SocketClosedException;
import io.sp4j.SpException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The facade's errno: per thread, set only by a failure, and one explicit rule for exceptions. */
class NnErrorsTest {
  private final NnErrors errors = new NnErrors();

  @Test
  void errnoIsTheLastFailuresNumberOnThisThreadOnly() throws Exception {
    assertThat(errors.errno()).as("before any failure").isZero();
    assertThat(errors.fail(Errno.EFSM)).isEqualTo(-1);
    assertThat(errors.errno()).isEqualTo(Errno.EFSM.number());
    assertThat(errors.<byte[]>failNull(Errno.EAGAIN)).isNull();
    assertThat(errors.errno()).isEqualTo(Errno.EAGAIN.number());
    assertThat(CompletableFuture.supplyAsync(errors::errno).get(5, TimeUnit.SECONDS))
        .as("another thread's")
        .isZero();
  }

  @Test
  void anSpExceptionGivesItsOwnErrno() {
    assertThat(errors.of(new SpException(Errno.ECONNREFUSED, "refused")))
        .isSameAs(Errno.ECONNREFUSED);
    assertThat(errors.of(SocketClosedException.closed())).isSameAs(Errno.EBADF);
  }

  @Test
  void aBadArgumentIsEinvalAndAMissingOneEfault() {
    assertThat(errors.of(new IllegalArgumentException("bad"))).isSameAs(Errno.EINVAL);
    assertThat(errors.of(new NumberFormatException("bad number"))).isSameAs(Errno.EINVAL);
    assertThat(errors.of(new NullPointerException("missing"))).isSameAs(Errno.EFAULT);
  }

  @Test
  void anyOtherExceptionIsThrownOnNotCalledEinval() {
    IllegalStateException fault = new IllegalStateException("a fault in sp4j");
    assertThatThrownBy(() -> errors.of(fault)).isSameAs(fault);
    UnsupportedOperationException unsupported = new UnsupportedOperationException();
    assertThatThrownBy(() -> errors.of(unsupported)).isSameAs(unsupported);
  }
}
