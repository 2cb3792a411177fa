package io.sp4j.transport.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import io.sp4j.Message;
import io.sp4j.Refusal;
import io.sp4j.transport.netty.ChannelConnection;
import io.sp4j.transport.netty.InboundLimits;
import io.sp4j.transport.netty.PartialMessage;

/**
 * One {@code tcp://} or {@code ipc://} connection after the greetings. Each message on the wire
 * is an 8-byte big-endian length and then that many bytes of SP header and body (TCP-4); over
 * {@code ipc://} a type byte {@code 0x01} comes first (IPC-1), and any other type closes the
 * connection (IPC-2).
 *
 * <p>The length is checked against the receive limit as soon as it has arrived, before any of the
 * payload is kept: too large, and the connection closes with nothing delivered. The payload is
 * copied as it arrives into an array that grows with it ({@link PartialMessage}, held to the
 * receive budget and the stall timeout), so memory follows what the peer sent, never what it
 * announced, and the channel never buffers more than one read's worth.
 */
public final class StreamConnection extends ChannelConnection {
  /** The only message type byte of {@code ipc://}. */
  static final byte IPC_MESSAGE = 1;

  /** Messages up to this size are copied into one buffer; larger ones are written in place. */
  private static final int COPY_LIMIT = 64 * 1024;

  private final boolean typed;
  private final int maxMessageSize;
  private final int prefixSize;

  // Event-loop state: the prefix being read; the payload goes into inbound().message().
  private final byte[] prefix;
  private int prefixFilled;
  private boolean failed;

  /**
   * @param typed whether each message starts with the {@code ipc://} type byte
   * @param maxMessageSize receive limit in bytes, -1 for none
   * @param sendBuffer bytes that may wait to be sent before the connection reports unwritable
   * @param limits what the receiving side is held to
   */
  public StreamConnection(Channel channel, boolean typed, int maxMessageSize, int sendBuffer, InboundLimits limits,
      Runnable onClosed) {
    super(channel, sendBuffer, limits, onClosed);
    this.typed = typed;
    this.maxMessageSize = maxMessageSize;
    this.prefixSize = typed ? 9 : 8;
    this.prefix = new byte[prefixSize];
  }

  /** Largest payload gathered with other messages into one shared buffer (see {@link #encodedSize}). */
  static final int GATHER_MAX = 8192;

  /** Small messages are written in place into a buffer shared by a burst: one channel write for many. */
  @Override
  protected int encodedSize(Message message) {
    int length = message.header().length + message.body().length;
    return length <= GATHER_MAX ? wireSize(message) : -1;
  }

  private int wireSize(Message message) {
    long length = (long) message.header().length + message.body().length;
    return length > Integer.MAX_VALUE - 16 ? -1 : prefixSize + (int) length;
  }

  @Override
  protected void encodeInto(Message message, ByteBuf out) {
    writePrefix(out, message.header().length + message.body().length);
    out.writeBytes(message.header()).writeBytes(message.body());
  }

  @Override
  protected void encode(Message message) {
    byte[] header = message.header();
    byte[] body = message.body();
    long length = (long) header.length + body.length;
    if (length <= COPY_LIMIT) {
      // Small messages: one pooled direct buffer, so the kernel write needs no further copy.
      ByteBuf frame = channel().alloc().directBuffer(prefixSize + (int) length);
      writePrefix(frame, length);
      frame.writeBytes(header).writeBytes(body);
      channel().write(frame, channel().voidPromise());
      return;
    }
    ByteBuf head = Unpooled.buffer(prefixSize, prefixSize);
    writePrefix(head, length);
    ByteBuf frame = header.length == 0
        ? Unpooled.wrappedBuffer(head, Unpooled.wrappedBuffer(body))
        : Unpooled.wrappedBuffer(head, Unpooled.wrappedBuffer(header), Unpooled.wrappedBuffer(body));
    channel().write(frame, channel().voidPromise());
  }

  private void writePrefix(ByteBuf out, long length) {
    if (typed) {
      out.writeByte(IPC_MESSAGE);
    }
    out.writeLong(length);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf in)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    PartialMessage message = inbound().message();
    try {
      while (!failed && in.isReadable()) {
        if (!message.inProgress()) {
          int take = Math.min(prefixSize - prefixFilled, in.readableBytes());
          in.readBytes(prefix, prefixFilled, take);
          prefixFilled += take;
          if (prefixFilled == prefixSize) {
            prefixFilled = 0;
            startPayload();
          }
        } else {
          int take = (int) Math.min(message.expected() - message.filled(), in.readableBytes());
          byte[] into = message.room(take, in.readableBytes());
          in.readBytes(into, message.filled(), take);
          message.advance(take);
          if (message.isComplete()) {
            deliver(Message.of(message.finish()));
          }
        }
      }
      if (!failed && !inbound().afterRead()) {
        failed = true;
      }
    } finally {
      in.release();
    }
  }

  /**
   * A length prefix has arrived: checked against the receive limit before anything is kept for
   * the payload, which then gets memory only as it arrives ({@link PartialMessage}).
   */
  private void startPayload() {
    if (typed && prefix[0] != IPC_MESSAGE) {
      fail(Refusal.PROTOCOL_ERROR, "message type byte " + (prefix[0] & 0xff) + ", not " + IPC_MESSAGE);
      return;
    }
    long length = 0;
    for (int i = prefixSize - 8; i < prefixSize; i++) {
      length = length << 8 | (prefix[i] & 0xff);
    }
    if (length < 0 || length > Integer.MAX_VALUE - 8 || maxMessageSize >= 0 && length > maxMessageSize) {
      fail(Refusal.MESSAGE_TOO_LARGE, "a message of " + Long.toUnsignedString(length) + " bytes, over the limit of "
          + (maxMessageSize >= 0 ? maxMessageSize : Integer.MAX_VALUE - 8));
      return;
    }
    PartialMessage message = inbound().message();
    message.begin(length, true);
    if (length == 0) {
      deliver(Message.of(message.finish()));
    }
  }

  /** A protocol error: nothing more is read, and the connection closes without a word. */
  private void fail(Refusal reason, String what) {
    failed = true;
    inbound().refuse(reason, what);
  }

  @Override
  protected void onInactive() {
    failed = true;
  }
}
