package io.sp4j.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The other tests run sp4j on the class path, where META-INF/services finds its services. Here a
 * forked JVM loads it as the named module {@code io.sp4j} (Netty beside it on the module path), so
 * that only module-info's {@code uses} and {@code provides} can find the socket provider and the
 * transports, and its exports let an application's code reach the API.
 */
class ModulePathTest {
  @Test
  void socketsOpenAndCarryMessagesWhenSp4jIsANamedModule() throws Exception {
    List<String> classPath =
        Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator, -1));
    String modulePath =
        classPath.stream()
            .filter(
                entry ->
                    entry.endsWith(Path.of("sp4j", "target", "classes").toString())
                        || entry.contains(
                            File.separator + "io" + File.separator + "netty" + File.separator))
            .collect(Collectors.joining(File.pathSeparator));
    String testClasses =
        classPath.stream()
            .filter(entry -> entry.endsWith("test-classes"))
            .findFirst()
            .orElseThrow();
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "--module-path",
                modulePath,
                "--add-modules",
                "ALL-MODULE-PATH",
                "-cp",
                testClasses,
                "-Dio.netty.leakDetection.level=paranoid",
                ModulePathMain.class.getName()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    boolean ended = process.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ended).as(output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output)
        .contains(
            "received inproc://module-path",
            "received tcp://127.0.0.1:",
            "received ws://127.0.0.1:")
        .doesNotContain("LEAK");
  }
}
