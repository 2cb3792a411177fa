package io.sp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * spcat's program ends sp4j's I/O threads once its socket is closed (the JVM's exit would wait for
 * them), but only when the socket used them: an inproc-only run never starts them.
 */
@Timeout(30)
class EndIoTest {

  @Test
  void aNetworkRunEndsTheIoThreadsOnceItsSocketIsClosed() {
    AtomicInteger ends = new AtomicInteger();
    int status = run(ends, "--pull", "--bind", "tcp://127.0.0.1:0", "--recv-timeout", "0");
    assertThat(status).isZero();
    assertThat(ends).hasValue(1);
  }

  @Test
  void aFailedNetworkRunEndsThemToo() {
    AtomicInteger ends = new AtomicInteger();
    int status = run(ends, "--pull", "--bind", "tcp://127.0.0.1:not-a-port", "--recv-timeout", "0");
    assertThat(status).isEqualTo(CliFailure.SOCKET);
    assertThat(ends).hasValue(1);
  }

  @Test
  void anInprocRunLeavesThemAlone() {
    AtomicInteger ends = new AtomicInteger();
    int status = run(ends, "--pull", "--bind", "inproc://end-io", "--recv-timeout", "0");
    assertThat(status).isZero();
    assertThat(ends).hasValue(0);
  }

  private static int run(AtomicInteger ends, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    return SpCat.run(
        args,
        InputStream.nullInputStream(),
        new ByteArrayOutputStream(),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Pacer.SYSTEM,
        ends::incrementAndGet);
  }
}
