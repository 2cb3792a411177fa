package io.sp4j.transport.stream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import io.sp4j.transport.netty.ChannelConnection;
import io.sp4j.transport.netty.InboundLimits;

/**
 * One {@code tcp://} or {@code ipc://} connection after the greetings: messages go out through
 * {@link StreamFrameEncoder} and come in through {@link StreamDecoder}.
 */
public final class StreamConnection extends ChannelConnection {
  /** The only message type byte of {@code ipc://}. */
  static final byte IPC_MESSAGE = StreamFrameEncoder.IPC_MESSAGE;

  private final StreamDecoder decoder;

  /**
   * @param typed whether each message starts with the {@code ipc://} type byte
   * @param maxMessageSize receive limit in bytes, -1 for none
   * @param sendBuffer bytes that may wait to be sent before the connection reports unwritable
   * @param limits what the receiving side is held to
   */
  public StreamConnection(
      Channel channel,
      boolean typed,
      int maxMessageSize,
      int sendBuffer,
      InboundLimits limits,
      Runnable onClosed) {
    super(channel, new StreamFrameEncoder(typed), sendBuffer, limits, onClosed);
    this.decoder = new StreamDecoder(channel, inbound(), typed, maxMessageSize, this::deliver);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf in)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    try {
      decoder.decode(in);
    } finally {
      in.release();
    }
  }

  @Override
  protected void onInactive() {
    decoder.stop();
  }
}
