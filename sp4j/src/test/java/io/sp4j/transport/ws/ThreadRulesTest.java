package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.Channel;
import io.sp4j.Protocol;
import io.sp4j.Refusal;
import io.sp4j.core.FakeEndpointContext;
import io.sp4j.transport.netty.EventLoops;
import io.sp4j.transport.netty.InboundGuard;
import io.sp4j.transport.netty.InboundLimits;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The transports' thread rules are assertions that the tests run with: a call made without the lock
 * or off the event loop it needs fails at once instead of racing.
 */
class ThreadRulesTest {
  @Test
  void testsRunWithAssertionsOn() {
    assertThat(WsServer.class.desiredAssertionStatus()).as("surefire's enableAssertions").isTrue();
  }

  @Test
  void aRouteChangesOnlyUnderTheTransportsLock() {
    Object transportLock = new Object();
    FakeEndpointContext context = new FakeEndpointContext(Protocol.REP);
    WsServer server =
        WsServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            "ws://127.0.0.1:0",
            null,
            context,
            transportLock);
    WsListener listener = new WsListener(null, server, "/rules", context);
    try {
      assertThatThrownBy(() -> server.add(listener)).isInstanceOf(AssertionError.class);
      synchronized (transportLock) {
        assertThat(server.add(listener)).isTrue();
        server.remove(listener);
      }
      assertThat(server.isEmpty()).isTrue();
    } finally {
      listener.close();
      server.close();
    }
  }

  @Test
  void aPeersRefusalIsCountedOnlyOnItsEventLoop() throws Exception {
    Channel channel = EventLoops.socketChannel().getDeclaredConstructor().newInstance();
    EventLoops.group().register(channel).syncUninterruptibly();
    try {
      InboundGuard guard = new InboundGuard(channel, InboundLimits.none());
      assertThatThrownBy(() -> guard.count(Refusal.PROTOCOL_ERROR, "off the loop"))
          .isInstanceOf(AssertionError.class);
      channel
          .eventLoop()
          .submit(() -> guard.count(Refusal.PROTOCOL_ERROR, "on the loop"))
          .get(5, TimeUnit.SECONDS);
    } finally {
      channel.close().syncUninterruptibly();
    }
  }
}
