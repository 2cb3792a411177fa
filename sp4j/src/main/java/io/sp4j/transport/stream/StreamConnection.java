package io.sp4j.transport.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import io.sp4j.Message;
import io.sp4j.transport.netty.ChannelConnection;

/**
 * One {@code tcp://} or {@code ipc://} connection after the greetings. Each message on the wire
 * is an 8-byte big-endian length and then that many bytes of SP header and body (TCP-4); over
 * {@code ipc://} a type byte {@code 0x01} comes first (IPC-1), and any other type closes the
 * connection (IPC-2).
 *
 * <p>The length is checked against the receive limit as soon as it has arrived, before any of the
 * payload is kept: too large, and the connection closes with nothing delivered. The payload is
 * copied into one array of exactly its size as it arrives, so the channel never buffers more
 * than one read's worth.
 */
public final class StreamConnection extends ChannelConnection {
  /** The only message type byte of {@code ipc://}. */
  static final byte IPC_MESSAGE = 1;

  /** Messages up to this size are copied into one buffer; larger ones are written in place. */
  private static final int COPY_LIMIT = 64 * 1024;

  private final boolean typed;
  private final int maxMessageSize;
  private final int prefixSize;

  // Event-loop state: the prefix being read, then the payload being filled.
  private final byte[] prefix;
  private int prefixFilled;
  private byte[] payload;
  private int payloadLength;
  private int payloadFilled;
  private boolean failed;

  /**
   * @param typed whether each message starts with the {@code ipc://} type byte
   * @param maxMessageSize receive limit in bytes, -1 for none
   * @param sendBuffer bytes that may wait to be sent before the connection reports unwritable
   */
  public StreamConnection(Channel channel, boolean typed, int maxMessageSize, int sendBuffer, Runnable onClosed) {
    super(channel, sendBuffer, onClosed);
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

  @Override
  protected int wireSize(Message message) {
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
    try {
      while (!failed && in.isReadable()) {
        if (payload == null) {
          int take = Math.min(prefixSize - prefixFilled, in.readableBytes());
          in.readBytes(prefix, prefixFilled, take);
          prefixFilled += take;
          if (prefixFilled == prefixSize) {
            prefixFilled = 0;
            startPayload(ctx);
          }
        } else {
          int take = Math.min(payloadLength - payloadFilled, in.readableBytes());
          makeRoom(payloadFilled + take);
          in.readBytes(payload, payloadFilled, take);
          payloadFilled += take;
          if (payloadFilled == payloadLength) {
            finishPayload();
          }
        }
      }
    } finally {
      in.release();
    }
  }

  private void startPayload(ChannelHandlerContext ctx) {
    if (typed && prefix[0] != IPC_MESSAGE) {
      fail(ctx);
      return;
    }
    long length = 0;
    for (int i = prefixSize - 8; i < prefixSize; i++) {
      length = length << 8 | (prefix[i] & 0xff);
    }
    if (length < 0 || maxMessageSize >= 0 && length > maxMessageSize || length > Integer.MAX_VALUE - 8) {
      fail(ctx);
      return;
    }
    // A length the peer only announces is not trusted with memory: beyond the first MiB the
    // array grows with what really arrives (matters when RECEIVE_MAX_SIZE is -1 or large).
    payloadLength = (int) length;
    payload = new byte[Math.min(payloadLength, UPFRONT)];
    payloadFilled = 0;
    if (length == 0) {
      finishPayload();
    }
  }

  /** Bytes of an announced payload allocated before any of it arrives. */
  private static final int UPFRONT = 1 << 20;

  private void makeRoom(int needed) {
    if (needed > payload.length) {
      int grown = (int) Math.min(payloadLength, Math.max(needed, 2L * payload.length));
      payload = java.util.Arrays.copyOf(payload, grown);
    }
  }

  private void finishPayload() {
    byte[] whole = payload;
    payload = null;
    payloadFilled = 0;
    deliver(Message.of(whole));
  }

  /** A protocol error: nothing more is read, and the connection closes without a word. */
  private void fail(ChannelHandlerContext ctx) {
    failed = true;
    payload = null;
    ctx.close();
  }

  @Override
  protected void onInactive() {
    failed = true;
    payload = null;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
