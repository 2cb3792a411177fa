package io.sp4j.bench.scale;

import java.util.ArrayList;
import java.util.List;

/** Command lines of the processes the runner starts. */
final class ChildCommand {
  private ChildCommand() {}

  static List<String> with(List<String> command, String... more) {
    List<String> all = new ArrayList<>(command);
    all.addAll(List.of(more));
    return all;
  }

  /** This JVM's java, class path and {@code --java-opts} (or SCALE_JAVA_OPTS), then the role. */
  static List<String> java(ScaleOptions o, String role) {
    List<String> c = new ArrayList<>();
    c.add(ProcessHandle.current().info().command().orElse("java"));
    String opts =
        o.text(
            "java-opts",
            System.getenv()
                .getOrDefault(
                    "SCALE_JAVA_OPTS",
                    "-XX:+UseParallelGC -Xmx2g -XX:-UsePerfData -Dio.netty.leakDetection.level=disabled"
                        + " -Djava.util.concurrent.ForkJoinPool.common.parallelism=2"));
    for (String opt : opts.trim().split("\\s+")) {
      if (!opt.isEmpty()) {
        c.add(opt);
      }
    }
    c.add("-cp");
    c.add(System.getProperty("java.class.path"));
    c.add(Roles.class.getName());
    c.add(role);
    return c;
  }
}
