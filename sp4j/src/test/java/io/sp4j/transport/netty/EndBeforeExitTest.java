package io.sp4j.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A process about to exit ends the I/O threads at once (the JVM's exit would otherwise wait for
 * them in their native selector calls), and that deliberate end is not logged as a failure. In a
 * JVM of its own, since the group lives for the process.
 */
class EndBeforeExitTest {

  @Test
  void endsEveryIoThreadWithoutLoggingAFailure() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    EndBeforeExitMain.class.getName()))
            .redirectErrorStream(true)
            .start();
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the program ends").isTrue();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(output)
          .doesNotContain("started: 0")
          .contains("alive after: 0")
          .doesNotContain("I/O thread ended");
    } finally {
      process.destroyForcibly();
    }
  }
}
