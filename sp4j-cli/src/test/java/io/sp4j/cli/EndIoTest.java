package io.sp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * spcat's program ends sp4j's I/O threads once its socket is closed (the JVM's exit would wait for
 * them), but only when the socket used them: an inproc-only run never starts them.
 */
@Timeout(30)
class EndIoTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "a network run, tcp://127.0.0.1:0, 0, 1",
    "a failed network run, tcp://127.0.0.1:not-a-port, 3, 1",
    "an inproc run, inproc://end-io, 0, 0"
  })
  void endsTheIoThreadsOnlyAfterARunThatUsedThem(String run, String url, int status, int ends) {
    AtomicInteger called = new AtomicInteger();
    assertThat(run(called, "--pull", "--bind", url, "--recv-timeout", "0")).isEqualTo(status);
    assertThat(called).hasValue(ends);
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
