package io.sp4j.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.sp4j.Protocol;
import io.sp4j.core.FakeEndpointContext;
import io.sp4j.spi.Connection;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReconnectingDialerTest {

  /**
   * Under load the event loop can finish the handshake with a fast local peer before {@code dial()}
   * returns to {@code connect()}. The connection must be kept: dropping it loses what the peer
   * already sent on it (found by sp4j-interop against nanomsg and NNG).
   */
  @Test
  void handshakeFinishedBeforeDialReturnsKeepsTheConnection() {
    FakeEndpointContext context =
        new FakeEndpointContext(Protocol.PAIR)
            .withTimers(
                (delay, task) -> {
                  throw new AssertionError("no redial expected, one was scheduled after " + delay);
                });
    EmbeddedChannel channel = new EmbeddedChannel();
    AtomicReference<Connection> offered = new AtomicReference<>();
    ReconnectingDialer dialer =
        new ReconnectingDialer(context) {
          @Override
          protected ChannelFuture dial() {
            offered.set(offer(channel, new TestConnection(channel), Protocol.PAIR));
            return channel.newSucceededFuture();
          }

          @Override
          public int port() {
            return -1;
          }
        };

    dialer.connect();

    assertThat(offered.get()).as("connection offered before dial() returned").isNotNull();
    assertThat(context.attached).containsExactly(offered.get());
    assertThat(channel.isOpen()).isTrue();
    dialer.close();
    channel.finishAndReleaseAll();
  }

  private static final class TestConnection extends ChannelConnection {
    TestConnection(EmbeddedChannel channel) {
      super(channel, (message, out) -> {}, 1024, InboundLimits.none(), () -> {});
    }
  }
}
