package io.sp4j.transport.stream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.sp4j.Options;
import io.sp4j.core.EndpointContext;

/** How a {@code tcp://} or {@code ipc://} connection takes its settings from its socket. */
final class StreamOptions {
  private StreamOptions() {}

  /** Sets the channel's options (TCP_NODELAY, SO_SNDBUF, SO_RCVBUF) and makes its connection. */
  static StreamConnection connection(EndpointContext context, Channel channel, boolean typed, Runnable onClosed) {
    int sendBuffer = context.option(Options.SEND_BUFFER);
    if (channel instanceof SocketChannel) {
      channel.config().setOption(ChannelOption.TCP_NODELAY, context.option(Options.TCP_NODELAY));
    }
    channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(sendBuffer / 2, sendBuffer));
    // As nanomsg does: the socket's buffer sizes become the kernel's (NN_SNDBUF, NN_RCVBUF).
    channel.config().setOption(ChannelOption.SO_SNDBUF, sendBuffer);
    channel.config().setOption(ChannelOption.SO_RCVBUF, context.option(Options.RECEIVE_BUFFER));
    return new StreamConnection(channel, typed, context.option(Options.RECEIVE_MAX_SIZE), sendBuffer, onClosed);
  }
}
