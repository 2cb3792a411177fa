package io.sp4j.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The target program: it serves, it measures itself, and it refuses what it does not know. */
class AttackTargetTest {
  @RegisterExtension final Targets targets = new Targets();

  @Test
  void echoesRequestsAndReportsItsNumbers() {
    TargetProcess target = targets.sp4j(Scheme.TCP, "RECEIVE_MAX_SIZE=65536");
    assertThat(WellBehavedClient.probe(target.address().url(), 2, Duration.ofSeconds(5)))
        .isEqualTo(2);
    assertThat(target.stats())
        .containsKeys("heap", "direct", "fds", "threads", "rss", "osThreads")
        .allSatisfy((key, value) -> assertThat(value).as(key).isNotNegative());
    assertThat(target.problems()).isEmpty();
  }

  @Test
  void anUnknownOptionStopsItWithAClearMessage() {
    assertThatThrownBy(
            () ->
                TargetProcess.sp4j(Scheme.TCP, List.of("NO_SUCH_OPTION=1"), TargetProcess.Jvm.TEST))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exit 2")
        .hasMessageContaining("unknown option NO_SUCH_OPTION");
  }

  @Test
  void portZeroIsReplacedByThePortBound() {
    assertThat(AttackTarget.withPort("ws://127.0.0.1:0/x", 4242))
        .isEqualTo("ws://127.0.0.1:4242/x");
    assertThat(AttackTarget.withPort("tcp://127.0.0.1:0", 4242)).isEqualTo("tcp://127.0.0.1:4242");
  }
}
