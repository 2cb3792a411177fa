package io.sp4j.nn.internal;

import static io.sp4j.nn.internal.NnConstants.AF_SP;
import static io.sp4j.nn.internal.NnConstants.NN_DONTWAIT;
import static io.sp4j.nn.internal.NnConstants.NN_PAIR;
import static org.assertj.core.api.Assertions.assertThat;

import io.sp4j.Errno;
import org.junit.jupiter.api.Test;

/** A runtime is an instance: its socket table, nn_term and errno are its own. */
class NnRuntimeTest {

  @Test
  void runtimesHaveTheirOwnTablesTermsAndErrnos() {
    NnRuntime first = new NnRuntime();
    NnRuntime second = new NnRuntime();
    int a = first.socket(AF_SP, NN_PAIR);
    int b = second.socket(AF_SP, NN_PAIR);
    assertThat(a).as("first runtime's lowest number").isZero();
    assertThat(b).as("second runtime's lowest number").isZero();

    first.term();
    assertThat(first.socket(AF_SP, NN_PAIR)).isEqualTo(-1);
    assertThat(first.errno()).isEqualTo(Errno.ETERM.number());
    assertThat(second.errno()).as("the second runtime's errno").isZero();
    assertThat(second.recv(b, new byte[1], NN_DONTWAIT))
        .as("the second runtime's socket is open")
        .isEqualTo(-1);
    assertThat(second.errno()).isEqualTo(Errno.EAGAIN.number());
    assertThat(second.close(b)).isZero();
    first.init();
    assertThat(first.socket(AF_SP, NN_PAIR)).isZero();
    assertThat(first.close(0)).isZero();
  }

  @Test
  void strerrorGivesNanomsgsTextOrTheCLibrarysForUnknownNumbers() {
    NnRuntime runtime = new NnRuntime();
    assertThat(runtime.strerror(Errno.ETIMEDOUT.number())).isEqualTo("Connection timed out");
    assertThat(runtime.strerror(0)).isEqualTo("Unknown error 0");
    assertThat(runtime.strerror(-7)).isEqualTo("Unknown error -7");
  }
}
