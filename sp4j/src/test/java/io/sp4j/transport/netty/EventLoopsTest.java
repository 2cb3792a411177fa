package io.sp4j.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.epoll.Epoll;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventLoopsTest {
  @Test
  void sharedGroupUsesEpollWhereItLoadsAndDaemonThreadsNamedSp4j() throws Exception {
    assertThat(EventLoops.isNative()).isEqualTo(Epoll.isAvailable() && !Boolean.getBoolean("io.sp4j.noNative"));
    Thread thread = EventLoops.group().submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
    assertThat(thread.getName()).startsWith("sp4j-io");
    assertThat(thread.isDaemon()).isTrue();
  }
}
