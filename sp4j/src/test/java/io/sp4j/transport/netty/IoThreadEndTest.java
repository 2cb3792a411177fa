package io.sp4j.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The last line of containment: if an I/O thread ends anyway, calls on the sockets fail with a
 * clear ETERM instead of waiting for ever, and no new endpoint starts on a broken group; and a
 * process about to exit can end them on purpose. Each in a JVM of its own, since the group lives
 * for the process.
 */
class IoThreadEndTest {

  @Test
  void anEndedIoThreadFailsWaitingAndNewCallsWithEterm() throws Exception {
    assertThat(outputOfOwnJvm(IoThreadEndMain.class))
        .contains("receive ETERM", "bind ETERM", "connect ETERM", "send ETERM")
        .contains("an sp4j I/O thread ended");
  }

  /**
   * A process about to exit ends the I/O threads at once (the JVM's exit would otherwise wait for
   * them in their native selector calls), and that deliberate end is not logged as a failure.
   */
  @Test
  void endingBeforeExitEndsEveryIoThreadWithoutLoggingAFailure() throws Exception {
    assertThat(outputOfOwnJvm(EndBeforeExitMain.class))
        .doesNotContain("started: 0")
        .contains("alive after: 0", "blocked receive ended: ETERM")
        .doesNotContain("I/O thread ended");
  }

  /** Runs {@code main} in a JVM of its own and returns what it printed on stdout and stderr. */
  private static String outputOfOwnJvm(Class<?> main) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String callerIo =
        "-Dio.sp4j.callerIo=" + Boolean.getBoolean("io.sp4j.callerIo"); // this JVM's mode
    Process process =
        new ProcessBuilder(
                List.of(
                    java, callerIo, "-cp", System.getProperty("java.class.path"), main.getName()))
            .redirectErrorStream(true)
            .start();
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the program ends").isTrue();
      return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      process.destroyForcibly();
    }
  }
}
