package io.sp4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.spi.Backoff;
import io.sp4j.spi.EndpointContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WS-RC-1: reconnect waits start at RECONNECT_INTERVAL and double up to RECONNECT_INTERVAL_MAX. */
class BackoffTest {

  private static EndpointContext context(long ivl, long max) {
    return new FakeEndpointContext(Protocol.REQ)
        .with(Options.RECONNECT_INTERVAL, Duration.ofMillis(ivl))
        .with(Options.RECONNECT_INTERVAL_MAX, Duration.ofMillis(max));
  }

  @ParameterizedTest(name = "ivl {0}, max {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "100|0|100 100 100 100 100",
        "100|50|100 100 100 100 100",
        "100|100|100 100 100 100 100",
        "100|1000|100 200 400 800 1000 1000",
        "100|300|100 200 300 300",
        "0|0|0 0 0"
      })
  void waitsDoubleUpToTheMaximum(long ivl, long max, String expected) {
    Backoff backoff = new Backoff(context(ivl, max));
    List<String> waits = new ArrayList<>();
    for (int i = 0; i < expected.split(" ").length; i++) {
      waits.add(Long.toString(backoff.nextDelay().toMillis()));
    }
    assertThat(String.join(" ", waits)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "reset after {0} failures")
  @CsvSource({"1", "3", "6"})
  void aSuccessStartsAgainFromTheInterval(int failures) {
    Backoff backoff = new Backoff(context(100, 1000));
    for (int i = 0; i < failures; i++) {
      backoff.nextDelay();
    }
    backoff.reset();
    assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(200));
  }
}
