package io.sp4j.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class OpenChannelsTest {
  private final OpenChannels open = new OpenChannels();
  private final EmbeddedChannel first = new EmbeddedChannel();
  private final EmbeddedChannel second = new EmbeddedChannel();

  @Test
  void aChannelLeavesWhenItCloses() {
    open.add(first);
    open.add(second);
    first.close().syncUninterruptibly();
    assertThat(open.list()).containsExactly(second);
    second.close().syncUninterruptibly();
    assertThat(open.list()).isEmpty();
  }

  @Test
  void aChannelAddedAfterItClosedIsNotKept() {
    first.close().syncUninterruptibly();
    open.add(first);
    assertThat(open.list()).isEmpty();
  }

  @Test
  void aRemovedChannelIsLetGo() {
    open.add(first);
    open.remove(first);
    assertThat(open.list()).isEmpty();
    open.add(second);
    first.close().syncUninterruptibly();
    assertThat(open.list()).containsExactly(second);
  }
}
