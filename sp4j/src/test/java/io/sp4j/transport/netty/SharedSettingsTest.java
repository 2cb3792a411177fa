package io.sp4j.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Refusal;
import io.sp4j.core.FakeEndpointContext;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What every connection of a socket would otherwise copy is one instance while the socket's
 * settings hold, and a new one once they change: idle connections cost no settings of their own.
 */
class SharedSettingsTest {
  private final FakeEndpointContext context = new FakeEndpointContext(Protocol.PULL);

  @Test
  void recentGivesBackTheEqualValueMadeBefore() {
    Recent<String, String> recent = new Recent<>();
    String first = new String("a");
    assertThat(recent.get(first, Function.identity())).isSameAs(first);
    assertThat(recent.get(new String("a"), Function.identity())).isSameAs(first);
    String other = new String("b");
    assertThat(recent.get(other, Function.identity())).isSameAs(other);
  }

  @Test
  void connectionsOfOneSocketShareTheirInboundLimitsUntilAnOptionChanges() {
    InboundLimits first = InboundLimits.of(context);
    assertThat(InboundLimits.of(context)).isSameAs(first);

    context.with(Options.RECEIVE_STALL_TIMEOUT, Duration.ofSeconds(7));
    InboundLimits changed = InboundLimits.of(context);
    assertThat(changed).isNotSameAs(first);
    assertThat(changed.stallTimeout()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void sharedLimitsStillTellTheirOwnSocket() {
    FakeEndpointContext other = new FakeEndpointContext(Protocol.PULL);
    InboundLimits mine = InboundLimits.of(context);
    InboundLimits theirs = InboundLimits.of(other);
    assertThat(theirs).isNotSameAs(mine);
    mine.refusals().accept(Refusal.RECEIVE_STALLED, "test");
    assertThat(context.refusals).containsEntry(Refusal.RECEIVE_STALLED, 1);
    assertThat(other.refusals).isEmpty();
  }

  @Test
  void buffersOfTheSameSizesShareTheirWaterMarkAndReadPolicy() {
    BufferSizes.Shared first = BufferSizes.shared(128 * 1024, 128 * 1024);
    assertThat(BufferSizes.shared(128 * 1024, 128 * 1024)).isSameAs(first);
    BufferSizes.Shared other = BufferSizes.shared(64 * 1024, 128 * 1024);
    assertThat(other).isNotSameAs(first);
    assertThat(other.waterMark().high()).isEqualTo(64 * 1024);
  }
}
