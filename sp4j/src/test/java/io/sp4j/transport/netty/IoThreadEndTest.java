package io.sp4j.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The last line of containment: if an I/O thread ends anyway, calls on the sockets fail with a
 * clear ETERM instead of waiting for ever, and no new endpoint starts on a broken group. In a JVM
 * of its own, since the group lives for the process.
 */
class IoThreadEndTest {

  @Test
  void anEndedIoThreadFailsWaitingAndNewCallsWithEterm() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    IoThreadEndMain.class.getName()))
            .redirectErrorStream(true)
            .start();
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the program ends").isTrue();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(output)
          .contains("receive ETERM", "bind ETERM", "connect ETERM", "send ETERM")
          .contains("an sp4j I/O thread ended");
    } finally {
      process.destroyForcibly();
    }
  }
}
