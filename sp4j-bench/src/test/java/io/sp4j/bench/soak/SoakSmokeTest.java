package io.sp4j.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak for 15 s of load (about 30 s with its processes' start) with a sample a second and a
 * churn step every half second: its server and client start as child JVMs on this class path, every
 * check of the load passes, the samples are written and the report has its verdicts and charts. A
 * soak this short says nothing about flatness, so no verdict's value is asserted, only that it is
 * there.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SoakSmokeTest {

  @TempDir Path dir;

  @Test
  void aShortSoakChecksEveryMessageAndWritesSamplesAndAReport() throws Exception {
    Path work = dir.resolve("work");
    Path report = dir.resolve("reports").resolve("smoke-soak");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status =
        Soak.execute(
            new String[] {
              "run",
              "--seconds",
              "15",
              "--warmup-seconds",
              "4",
              "--sample-seconds",
              "1",
              "--churn-ms",
              "500",
              "--work",
              work.toString(),
              "--report",
              report.toString(),
              "--label",
              "smoke"
            },
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String output = bytes.toString(StandardCharsets.UTF_8);
    assertThat(status).as(output).isZero();

    CsvTable server = CsvTable.read(work.resolve(ServerLog.FILE));
    CsvTable clients = CsvTable.read(work.resolve(ClientLog.NETWORK_FILE));
    CsvTable inproc = CsvTable.read(work.resolve(ClientLog.INPROC_FILE));
    assertThat(server.size()).as("server samples").isGreaterThanOrEqualTo(10);
    assertThat(Arrays.stream(server.column("heap_after_gc")).min().orElseThrow())
        .as("heap")
        .isPositive();
    assertThat(Arrays.stream(server.column("fds")).min().orElseThrow()).as("fds").isPositive();
    assertThat(clients.sum("errors") + inproc.sum("errors") + server.sum("errors"))
        .as("failed checks; see %s", work)
        .isZero();
    assertThat(clients.sum("received")).as("network clients' messages").isPositive();
    assertThat(inproc.sum("received")).as("inproc clients' messages").isPositive();
    assertThat(server.sum("received")).as("server's messages").isPositive();
    assertThat(clients.sum("cut") + inproc.sum("cut")).as("abrupt closes").isPositive();
    assertThat(clients.sum("raw_cuts")).as("raw cuts").isPositive();

    String markdown = Files.readString(report.resolveSibling("smoke-soak.md"));
    for (String series :
        new String[] {
          "heap used after GC",
          "heap committed",
          "Netty pooled heap arenas (part of the heap)",
          "direct, JDK buffer pool",
          "direct, Netty pooled allocator",
          "RSS",
          "open fds",
          "open connections",
          "live threads",
          "server sockets",
          "network clients",
          "inproc clients"
        }) {
      assertThat(markdown)
          .containsPattern(
              "(?m)^- "
                  + Pattern.quote(series)
                  + ": \\*\\*(flat|NOT FLAT)\\*\\* \\(start .+, end .+; slope .+; (growth|drift) ≤ .+\\)$");
    }
    assertThat(markdown)
        .contains(
            "- errors (failed checks): **none**",
            "- Netty leak reports (`LEAK:` in the logs): **none**",
            "## Setup",
            "## Totals");
    for (String chart :
        new String[] {"heap", "direct", "rss", "fds", "threads", "traffic", "errors", "load"}) {
      Path svg = report.resolveSibling("smoke-soak-" + chart + ".svg");
      assertThat(markdown).contains("](smoke-soak-" + chart + ".svg)");
      assertThat(Files.readString(svg)).startsWith("<svg ").contains("<polyline");
    }
  }
}
