package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.sp4j.Message;
import io.sp4j.Option;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.core.Connection;
import io.sp4j.core.EndpointContext;
import io.sp4j.core.PipeEvents;
import io.sp4j.core.Scheduler;
import io.sp4j.core.SharedTimers;
import io.sp4j.core.SpAddress;
import io.sp4j.core.TransportEndpoint;
import io.sp4j.transport.netty.ChannelConnection;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WS-OPT-5: the socket's TCP_NODELAY reaches the TCP connection of a ws:// pipe in both roles,
 * on live connections (the listener's accepted one and the dialer's), set either way.
 */
class WsTcpNoDelayTest {

  /** An endpoint context whose TCP_NODELAY is fixed; it records the connections attached. */
  private static final class Context implements EndpointContext {
    final Protocol protocol;
    final boolean noDelay;
    final List<Connection> attached = new CopyOnWriteArrayList<>();

    Context(Protocol protocol, boolean noDelay) {
      this.protocol = protocol;
      this.noDelay = noDelay;
    }

    @Override
    public Protocol protocol() {
      return protocol;
    }

    @Override
    public <T> T option(Option<T> option) {
      return option == Options.TCP_NODELAY ? option.type().cast(noDelay) : option.defaultValue();
    }

    @Override
    public Scheduler timers() {
      return SharedTimers.INSTANCE;
    }

    @Override
    public PipeEvents attach(Connection connection, Protocol peer) {
      attached.add(connection);
      return new PipeEvents() {
        @Override
        public void deliver(Message message) {}

        @Override
        public void writable() {}

        @Override
        public void closed() {}

        @Override
        public void afterUnlock(Runnable task) {
          task.run();
        }
      };
    }
  }

  private static boolean noDelayOf(Connection connection) throws Exception {
    Method channel = ChannelConnection.class.getDeclaredMethod("channel");
    channel.setAccessible(true);
    return ((Channel) channel.invoke(connection)).config().getOption(ChannelOption.TCP_NODELAY);
  }

  @ParameterizedTest(name = "TCP_NODELAY {0}")
  @ValueSource(booleans = {false, true})
  void bothEndsOfAWsConnectionTakeTheSocketsTcpNoDelay(boolean noDelay) throws Exception {
    Context server = new Context(Protocol.PAIR, noDelay);
    Context client = new Context(Protocol.PAIR, noDelay);
    TransportEndpoint listener = WsTransport.INSTANCE.bind(SpAddress.parse("ws://127.0.0.1:0/nd"), server);
    TransportEndpoint dialer = null;
    try {
      dialer = WsTransport.INSTANCE.connect(SpAddress.parse("ws://127.0.0.1:" + listener.port() + "/nd"), client);
      await().atMost(Duration.ofSeconds(10)).until(() -> !server.attached.isEmpty() && !client.attached.isEmpty());
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
