package io.sp4j.transport.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.core.FakeEndpointContext;
import io.sp4j.transport.netty.EventLoops;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The socket's options reach a tcp:// connection's channel. */
class StreamOptionsTest {
  @ParameterizedTest(name = "TCP_NODELAY {0}")
  @ValueSource(booleans = {true, false})
  void tcpNoDelayAndBufferSizesAreApplied(boolean noDelay) throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Channel channel =
          new Bootstrap()
              .group(EventLoops.group())
              .channel(EventLoops.socketChannel())
              .handler(new ChannelInboundHandlerAdapter())
              .connect(server.getLocalSocketAddress())
              .syncUninterruptibly()
              .channel();
      try {
        FakeEndpointContext context =
            new FakeEndpointContext(Protocol.PAIR)
                .with(Options.TCP_NODELAY, noDelay)
                .with(Options.SEND_BUFFER, 64 * 1024)
                .with(Options.RECEIVE_MAX_SIZE, 77);
        StreamOptions.connection(context, channel, false, () -> {});
        assertThat(channel.config().getOption(ChannelOption.TCP_NODELAY)).isEqualTo(noDelay);
        assertThat(channel.config().getWriteBufferWaterMark().high()).isEqualTo(64 * 1024);
        assertThat(channel.config().getOption(ChannelOption.SO_SNDBUF)).isPositive();
      } finally {
        channel.close().syncUninterruptibly();
      }
    }
  }
}
