package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.ChannelOption;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.core.FakeEndpointContext;
import io.sp4j.spi.Connection;
import io.sp4j.spi.SpAddress;
import io.sp4j.spi.TransportEndpoint;
import io.sp4j.transport.netty.ChannelConnection;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WS-OPT-5: the socket's TCP_NODELAY reaches the TCP connection of a ws:// pipe in both roles, on
 * live connections (the listener's accepted one and the dialer's), set either way.
 */
class WsTcpNoDelayTest {

  private static boolean noDelayOf(Connection connection) {
    return ((ChannelConnection) connection).channel().config().getOption(ChannelOption.TCP_NODELAY);
  }

  @ParameterizedTest(name = "TCP_NODELAY {0}")
  @ValueSource(booleans = {false, true})
  void bothEndsOfAWsConnectionTakeTheSocketsTcpNoDelay(boolean noDelay) {
    FakeEndpointContext server =
        new FakeEndpointContext(Protocol.PAIR).with(Options.TCP_NODELAY, noDelay);
    FakeEndpointContext client =
        new FakeEndpointContext(Protocol.PAIR).with(Options.TCP_NODELAY, noDelay);
    TransportEndpoint listener =
        new WsTransport().bind(SpAddress.parse("ws://127.0.0.1:0/nd"), server);
    TransportEndpoint dialer = null;
    try {
      dialer =
          new WsTransport()
              .connect(SpAddress.parse("ws://127.0.0.1:" + listener.port() + "/nd"), client);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !server.attached.isEmpty() && !client.attached.isEmpty());
      assertThat(noDelayOf(server.attached.get(0))).as("accepted connection").isEqualTo(noDelay);
      assertThat(noDelayOf(client.attached.get(0))).as("dialed connection").isEqualTo(noDelay);
    } finally {
      if (dialer != null) {
        dialer.close();
      }
      listener.close();
    }
  }
}
