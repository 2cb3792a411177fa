package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.core.FakeEndpointContext;
import org.junit.jupiter.api.Test;

/** WS-OPT-5, WS-OPT-6: a new ws connection takes its TCP options from the socket. */
class WsSocketOptionsTest {

  @Test
  void sendAndReceiveBuffersBecomeSoSndbufAndSoRcvbuf() {
    FakeEndpointContext context =
        new FakeEndpointContext(Protocol.PAIR)
            .with(Options.SEND_BUFFER, 300_000)
            .with(Options.RECEIVE_BUFFER, 310_000);
    NioSocketChannel channel = new NioSocketChannel();
    try {
      WsTransport.settings(context, channel);
      // Linux doubles what is set (bookkeeping); a fresh TCP socket starts at 16 KiB / 128 KiB.
      assertThat(channel.config().getOption(ChannelOption.SO_SNDBUF))
          .isGreaterThanOrEqualTo(300_000);
      assertThat(channel.config().getOption(ChannelOption.SO_RCVBUF))
          .isGreaterThanOrEqualTo(310_000);
      assertThat(channel.config().getOption(ChannelOption.TCP_NODELAY)).isTrue();
    } finally {
      channel.unsafe().closeForcibly();
    }
  }
}
