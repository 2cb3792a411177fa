package io.sp4j.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.ReferenceCountUtil;
import io.sp4j.transport.netty.EventLoops;
import java.net.SocketAddress;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The receiving end of one crossed-streams pair: dials its sender again and again, checks that
 * every message is its sender's and in order, and ends each connection its own random way (a close,
 * a reset, a stall while the sender keeps writing, or at once). Each connection's checks run on its
 * channel's event loop; one connection of a peer is open at a time.
 */
final class CrossedStreamsPeer {
  /** What the peers tell the test, and ask it. */
  interface Run {
    /** A rule was broken. */
    void fail(String what);

    /** A connection of a peer is up (before its greetings). */
    void connected(Channel channel);

    /** Whether the test is ending: no more dialing. */
    boolean stopping();
  }

  /** Messages: magic, sender id, sequence number, payload length, then the payload pattern. */
  static final int MAGIC = 0x53504353; // "SPCS"

  static final int HEADER = 20;
  private static final int LARGEST = 1 << 20;
  private static final byte[] PAIR_GREETING = {0, 'S', 'P', 0, 0, 16, 0, 0};

  private enum Ending {
    AT_ONCE,
    CLOSE,
    RESET,
    STALL
  }

  private final String scheme;
  private final int id;
  private final SocketAddress address;
  private final String wsUri;
  private final Random random;
  private final Run run;
  // What this peer has seen; touched by one connection at a time (each on its event loop).
  private volatile long lastSequence = -1;
  private final AtomicLong messages = new AtomicLong();
  private final AtomicInteger connections = new AtomicInteger();
  private volatile Channel current;

  CrossedStreamsPeer(
      String scheme, int id, SocketAddress address, String wsUri, long seed, Run run) {
    this.scheme = scheme;
    this.id = id;
    this.address = address;
    this.wsUri = wsUri;
    this.random = new Random(seed);
    this.run = run;
  }

  /** The body of message {@code sequence} of sender {@code id}, {@code length} bytes of payload. */
  static byte[] message(int id, long sequence, int length) {
    byte[] body = new byte[HEADER + length];
    java.nio.ByteBuffer.wrap(body).putInt(MAGIC).putInt(id).putLong(sequence).putInt(length);
    for (int j = 0; j < length; j++) {
      body[HEADER + j] = pattern(id, sequence, j);
    }
    return body;
  }

  private static byte pattern(int id, long sequence, int j) {
    return (byte) (id * 131L + sequence * 31 + j * 7L + (j >>> 8));
  }

  long messages() {
    return messages.get();
  }

  int connections() {
    return connections.get();
  }

  /** Dials once more (unless the test is stopping); the next dial follows this connection's end. */
  void dial() {
    if (run.stopping()) {
      return;
    }
    connections.incrementAndGet();
    Bootstrap bootstrap =
        EventLoops.clientBootstrap(
            scheme.equals("ipc") ? EventLoops.domainChannel() : EventLoops.socketChannel());
    ChannelFuture dialed =
        bootstrap
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    if (scheme.equals("ws")) {
                      ch.pipeline()
                          .addLast(
                              new HttpClientCodec(),
                              new HttpObjectAggregator(8192),
                              new WebSocketClientProtocolHandler(
                                  WebSocketClientProtocolConfig.newBuilder()
                                      .webSocketUri(wsUri)
                                      .subprotocol("pair.sp.nanomsg.org")
                                      .maxFramePayloadLength(LARGEST)
                                      .build()),
                              new WebSocketFrameAggregator(LARGEST));
                    } else {
                      ch.pipeline().addLast(new StreamFrames(scheme.equals("ipc")));
                    }
                    ch.pipeline().addLast(new Checker());
                  }
                })
            .connect(address);
    current = dialed.channel();
    dialed
        .channel()
        .closeFuture()
        .addListener(
            f ->
                reportFailure(
                    dialed
                        .channel()
                        .eventLoop()
                        .schedule(this::dial, random.nextInt(10), TimeUnit.MILLISECONDS),
                    "redial"));
  }

  /** A task on an event loop that throws fails the run instead of ending unseen. */
  private void reportFailure(io.netty.util.concurrent.Future<?> task, String what) {
    task.addListener(
        done -> {
          if (done.cause() != null && !done.isCancelled()) {
            run.fail(who() + ": " + what + " failed: " + done.cause());
          }
        });
  }

  /** Closes the connection now open, if any (the test is stopping). */
  ChannelFuture closeCurrent() {
    Channel ch = current;
    return ch == null ? null : ch.close();
  }

  private String who() {
    return scheme + " peer " + id;
  }

  /**
   * tcp and ipc: the greeting, then frames of an optional type byte, an 8-byte length and the
   * payload.
   */
  private final class StreamFrames extends ByteToMessageDecoder {
    private final boolean typed;
    private boolean greeted;

    StreamFrames(boolean typed) {
      this.typed = typed;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
      ctx.writeAndFlush(ctx.alloc().buffer(8).writeBytes(PAIR_GREETING))
          .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
      super.channelActive(ctx);
    }

    @Override
    @SuppressWarnings(
        "FutureReturnValueIgnored") // a close is followed through closeFuture, not this future
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      if (!greeted) {
        if (in.readableBytes() < 8) {
          return;
        }
        byte[] greeting = new byte[8];
        in.readBytes(greeting);
        if (!java.util.Arrays.equals(greeting, PAIR_GREETING)) {
          run.fail(who() + ": greeting " + java.util.HexFormat.of().formatHex(greeting));
        }
        greeted = true;
      }
      int prefix = typed ? 9 : 8;
      if (in.readableBytes() < prefix) {
        return;
      }
      int at = in.readerIndex();
      if (typed && in.getByte(at) != 1) {
        run.fail(who() + ": type byte " + in.getByte(at));
        in.skipBytes(in.readableBytes());
        ctx.close();
        return;
      }
      long length = in.getLong(at + prefix - 8);
      if (length < HEADER || length > LARGEST) {
        run.fail(who() + ": a frame of " + length + " bytes");
        in.skipBytes(in.readableBytes());
        ctx.close();
        return;
      }
      if (in.readableBytes() >= prefix + length) {
        in.skipBytes(prefix);
        out.add(in.readRetainedSlice((int) length));
      }
    }
  }

  /** One connection's checks and its end. */
  private final class Checker extends ChannelInboundHandlerAdapter {
    private final Ending ending;
    private int lifetime; // messages before the end
    private int seen;
    private long lastOnConnection = -1;

    Checker() {
      int roll = random.nextInt(100);
      ending =
          roll < 5
              ? Ending.AT_ONCE
              : roll < 40 ? Ending.CLOSE : roll < 80 ? Ending.RESET : Ending.STALL;
      lifetime = 1 + random.nextInt(50);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      run.connected(ctx.channel());
      if (ending == Ending.AT_ONCE) {
        end(ctx, random.nextBoolean());
      }
      ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        ByteBuf body =
            msg instanceof BinaryWebSocketFrame frame
                ? frame.content()
                : msg instanceof ByteBuf b ? b : null;
        if (body == null) {
          run.fail(who() + ": received " + msg.getClass().getSimpleName());
          return;
        }
        check(body);
        if (++seen == lifetime) {
          finish(ctx);
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    /**
     * Checks one message (copied out first: the leak detector records every access to a buffer).
     */
    private void check(ByteBuf message) {
      java.nio.ByteBuffer body =
          java.nio.ByteBuffer.wrap(io.netty.buffer.ByteBufUtil.getBytes(message));
      int size = body.remaining();
      if (size < HEADER || body.getInt(0) != MAGIC) {
        run.fail(who() + ": a message of " + size + " bytes without the magic");
        return;
      }
      int sender = body.getInt(4);
      long sequence = body.getLong(8);
      int length = body.getInt(16);
      if (sender != id) {
        run.fail(who() + ": message " + sequence + " of sender " + sender);
        return;
      }
      if (lastOnConnection >= 0 ? sequence != lastOnConnection + 1 : sequence <= lastSequence) {
        run.fail(
            who()
                + ": message "
                + sequence
                + " after "
                + (lastOnConnection >= 0
                    ? lastOnConnection + " on this connection"
                    : lastSequence + " on an earlier one"));
      }
      if (length != size - HEADER) {
        run.fail(
            who() + ": message " + sequence + " says " + length + " bytes, has " + (size - HEADER));
        return;
      }
      for (int j = 0; j < length; j++) {
        if (body.get(HEADER + j) != pattern(id, sequence, j)) {
          run.fail(who() + ": message " + sequence + " damaged at byte " + j + " of " + length);
          return;
        }
      }
      lastOnConnection = sequence;
      lastSequence = Math.max(lastSequence, sequence);
      messages.incrementAndGet();
    }

    private void finish(ChannelHandlerContext ctx) {
      if (ending != Ending.STALL) {
        end(ctx, ending == Ending.RESET);
        return;
      }
      // Stop reading while the sender keeps writing (its socket fills: partial writes), then
      // reset, close, or read on for another lifetime.
      ctx.channel().config().setAutoRead(false);
      int next = random.nextInt(3);
      reportFailure(
          ctx.executor()
              .schedule(
                  () -> {
                    if (!ctx.channel().isOpen()) {
                      return; // the other side ended it first (this runs on its event loop)
                    }
                    if (next < 2) {
                      end(ctx, next == 0);
                    } else {
                      lifetime = seen + 1 + random.nextInt(50);
                      ctx.channel().config().setAutoRead(true);
                    }
                  },
                  1 + random.nextInt(20),
                  TimeUnit.MILLISECONDS),
          "the end of a stall");
    }

    /** Closes the connection; a reset (SO_LINGER 0, over TCP) drops what the kernel still holds. */
    @SuppressWarnings(
        "FutureReturnValueIgnored") // a close is followed through closeFuture, not this future
    private void end(ChannelHandlerContext ctx, boolean reset) {
      if (reset && !scheme.equals("ipc")) {
        ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
      }
      ctx.close();
    }

    @Override
    @SuppressWarnings(
        "FutureReturnValueIgnored") // a close is followed through closeFuture, not this future
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close(); // resets, refused handshakes and the like end a connection; the checks judge
      // the bytes
    }
  }
}
