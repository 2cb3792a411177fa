package io.sp4j.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.Epoll;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventLoopsTest {
  @Test
  void sharedGroupUsesEpollWhereItLoadsAndDaemonThreadsNamedSp4j() throws Exception {
    assertThat(EventLoops.isNative())
        .isEqualTo(Epoll.isAvailable() && !Boolean.getBoolean("io.sp4j.noNative"));
    Thread thread = EventLoops.group().submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
    assertThat(thread.getName()).startsWith("sp4j-io");
    assertThat(thread.isDaemon()).isTrue();
  }

  /** Netty 4.2's adaptive default gives large messages unpooled, zero-filled buffers. */
  @Test
  void dialedListeningAndAcceptedChannelsUseThePooledAllocator() {
    var client = EventLoops.clientBootstrap(EventLoops.socketChannel()).config();
    assertThat(client.options().get(ChannelOption.ALLOCATOR))
        .isInstanceOf(PooledByteBufAllocator.class);
    var server =
        EventLoops.serverBootstrap(
                EventLoops.serverChannel(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                77)
            .config();
    assertThat(server.options().get(ChannelOption.ALLOCATOR))
        .isInstanceOf(PooledByteBufAllocator.class);
    assertThat(server.childOptions().get(ChannelOption.ALLOCATOR))
        .isInstanceOf(PooledByteBufAllocator.class);
    assertThat(server.options().get(ChannelOption.SO_BACKLOG)).isEqualTo(77);
    assertThat(server.group()).isSameAs(EventLoops.group());
  }
}
