package io.sp4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scale runner at a tiny scale (10 subscribers, 20 idle connections), sp4j only: its roles
 * start as child JVMs on this class path and it prints its lines. A benchmark is not a test, so
 * only the format and the counts that cannot depend on speed are checked.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ScaleSmokeTest {

  @Test
  void runsBothMeasurementsAtTinyScaleAndPrintsTheirLines() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int status =
        Scale.run(
            new String[] {
              "all",
              "--subs",
              "10",
              "--messages",
              "200",
              "--conns",
              "20",
              "--batch",
              "7",
              "--settle-ms",
              "200"
            },
            out);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(status).as(text).isZero();
    assertThat(text)
        .containsPattern(
            "(?m)^fanout pub=sp4j subs=10 size=64 sent=200 send_s=[0-9.]+ delivered=[0-9]+ of 2000"
                + " drop=[0-9.]+% span_s=[0-9.]+ rate=[0-9]+ msg/s per_sub_min=[0-9]+ per_sub_max=[0-9]+ pub_cpu_s=[0-9.]+$");
    assertThat(text)
        .containsPattern(
            "(?m)^idle server=sp4j conns=20 established=20 heap=[0-9]+->[0-9]+ \\(-?[0-9]+ B/conn\\)"
                + " direct_alloc=.* direct_netty=.* direct_pool=.* rss=[0-9]+->[0-9]+ \\(-?[0-9]+ B/conn\\)$");
    assertThat(text).doesNotContain("pub=nanomsg", "server=nanomsg");
  }

  @Test
  void unknownCommandPrintsUsage() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status =
        Scale.run(new String[] {"nope"}, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(1);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("usage: scale ");
  }

  @Test
  void roleWithoutItsArgumentsPrintsUsage() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status =
        Scale.run(
            new String[] {"subs", "ws://127.0.0.1:1"},
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(1);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("usage: scale ");
  }
}
