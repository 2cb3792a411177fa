package io.sp4j.transport.stream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.sp4j.Options;
import io.sp4j.spi.EndpointContext;
import io.sp4j.transport.netty.BufferSizes;
import io.sp4j.transport.netty.InboundLimits;

/** How a {@code tcp://} or {@code ipc://} connection takes its settings from its socket. */
final class StreamOptions {
  private StreamOptions() {}

  /** Sets the channel's options (TCP_NODELAY, SO_SNDBUF, SO_RCVBUF) and makes its connection. */
  static StreamConnection connection(
      EndpointContext context, Channel channel, boolean typed, Runnable onClosed) {
    int sendBuffer = context.option(Options.SEND_BUFFER);
    if (channel instanceof SocketChannel) {
      channel.config().setOption(ChannelOption.TCP_NODELAY, context.option(Options.TCP_NODELAY));
    }
    BufferSizes.apply(channel, sendBuffer, context.option(Options.RECEIVE_BUFFER));
    return new StreamConnection(
        channel,
        typed,
        context.option(Options.RECEIVE_MAX_SIZE),
        sendBuffer,
        InboundLimits.of(context),
        onClosed);
  }
}
