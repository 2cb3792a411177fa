package io.sp4j.transport.netty;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;

/**
 * Gives a connection's channel its socket's buffer sizes. As nanomsg does (WS-OPT-6), they become
 * the kernel's SO_SNDBUF and SO_RCVBUF; the send buffer is also the write high-water mark. One read
 * may take what the kernel holds (up to twice the receive buffer, as Linux doubles it), not Netty's
 * default 64 KiB: fewer reads and wake-ups per large message (tcp 1 MiB 2.0-2.3k -> 2.4k msg/s in
 * one A/B run).
 *
 * <p>The water mark and the read-size policy hold no per-channel state, so connections made with
 * the same sizes share them: 10,000 connections keep two objects, not 20,000 (about 56 B each).
 */
public final class BufferSizes {
  private static final Recent<Sizes, Shared> RECENT = new Recent<>();

  private BufferSizes() {}

  /** Sets {@code channel}'s buffer sizes from its socket's send and receive buffers (bytes). */
  public static void apply(Channel channel, int sendBuffer, int receiveBuffer) {
    Shared shared = shared(sendBuffer, receiveBuffer);
    channel.config().setWriteBufferWaterMark(shared.waterMark);
    channel.config().setOption(ChannelOption.SO_SNDBUF, sendBuffer);
    channel.config().setOption(ChannelOption.SO_RCVBUF, receiveBuffer);
    channel.config().setRecvByteBufAllocator(shared.reads);
  }

  /** The objects for these sizes: the last ones made, if they match (sizes rarely change). */
  static Shared shared(int sendBuffer, int receiveBuffer) {
    return RECENT.get(new Sizes(sendBuffer, receiveBuffer), BufferSizes::make);
  }

  private static Shared make(Sizes sizes) {
    int largestRead = (int) Math.min(16L << 20, Math.max(64 * 1024, 2L * sizes.receiveBuffer()));
    return new Shared(
        new WriteBufferWaterMark(sizes.sendBuffer() / 2, sizes.sendBuffer()),
        new AdaptiveRecvByteBufAllocator(64, 2048, largestRead));
  }

  private record Sizes(int sendBuffer, int receiveBuffer) {}

  record Shared(WriteBufferWaterMark waterMark, RecvByteBufAllocator reads) {}
}
