package io.sp4j.transport.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.sp4j.Option;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.core.Connection;
import io.sp4j.core.EndpointContext;
import io.sp4j.core.PipeEvents;
import io.sp4j.core.Scheduler;
import io.sp4j.core.SharedTimers;
import io.sp4j.transport.netty.EventLoops;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The socket's options reach a tcp:// connection's channel. */
class StreamOptionsTest {
  /** A socket side that only answers options. */
  private record Context(Map<Option<?>, Object> values) implements EndpointContext {
    @Override
    public Protocol protocol() {
      return Protocol.PAIR;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T option(Option<T> option) {
      return values.containsKey(option) ? (T) values.get(option) : option.defaultValue();
    }

    @Override
    public Scheduler timers() {
      return SharedTimers.INSTANCE;
    }

    @Override
    public PipeEvents attach(Connection connection, Protocol peer) {
      return null;
    }
  }

  @ParameterizedTest(name = "TCP_NODELAY {0}")
  @ValueSource(booleans = {true, false})
  void tcpNoDelayAndBufferSizesAreApplied(boolean noDelay) throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Channel channel = new Bootstrap().group(EventLoops.group()).channel(EventLoops.socketChannel())
          .handler(new ChannelInboundHandlerAdapter())
          .connect(server.getLocalSocketAddress()).syncUninterruptibly().channel();
      try {
        Context context = new Context(Map.of(Options.TCP_NODELAY, noDelay, Options.SEND_BUFFER, 64 * 1024,
            Options.RECEIVE_MAX_SIZE, 77));
        StreamOptions.connection(context, channel, false, () -> { });
        assertThat(channel.config().getOption(ChannelOption.TCP_NODELAY)).isEqualTo(noDelay);
        assertThat(channel.config().getWriteBufferWaterMark().high()).isEqualTo(64 * 1024);
        assertThat(channel.config().getOption(ChannelOption.SO_SNDBUF)).isPositive();
      } finally {
        channel.close().syncUninterruptibly();
      }
    }
  }
}
