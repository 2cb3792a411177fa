package io.sp4j.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.sp4j.Message;
import io.sp4j.Protocol;
import io.sp4j.core.FakeEndpointContext;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbox on an embedded channel: how a burst becomes writes and flushes, and writability. */
class OutboxTest {
  /** Writes a message's body as it is, gathered when it is small. */
  private static final FrameEncoder BODIES =
      new FrameEncoder() {
        @Override
        @SuppressWarnings(
            "FutureReturnValueIgnored") // the void promise: a failed write goes to exceptionCaught
        public void write(Message message, Channel channel) {
          channel.write(Unpooled.wrappedBuffer(message.body()), channel.voidPromise());
        }

        @Override
        public int gatheredSize(Message message) {
          return message.body().length <= 8192 ? message.body().length : -1;
        }

        @Override
        public void encodeInto(Message message, ByteBuf out) {
          out.writeBytes(message.body());
        }
      };

  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final AtomicInteger writes = new AtomicInteger();
  private final AtomicInteger flushes = new AtomicInteger();

  private final class Counting extends ChannelOutboundHandlerAdapter {
    @Override
    @SuppressWarnings(
        "FutureReturnValueIgnored") // returns the caller's promise, which the caller watches
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      writes.incrementAndGet();
      ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
      flushes.incrementAndGet();
      ctx.flush();
    }
  }

  private ChannelConnection install(int sendBuffer) {
    ChannelConnection connection =
        new ChannelConnection(channel, BODIES, sendBuffer, InboundLimits.none(), () -> {}) {};
    channel.pipeline().addLast(new Counting(), connection);
    FakeEndpointContext context = new FakeEndpointContext(Protocol.PAIR);
    connection.start(context.attach(connection, Protocol.PAIR));
    return connection;
  }

  @AfterEach
  void release() {
    channel.finishAndReleaseAll();
  }

  private int bytesWritten() {
    int total = 0;
    for (Object out; (out = channel.readOutbound()) != null; ) {
      total += ((ByteBuf) out).readableBytes();
      ((ByteBuf) out).release();
    }
    return total;
  }

  @Test
  void aBurstOfSmallMessagesIsOneWriteAndOneFlush() {
    ChannelConnection connection = install(1 << 20);
    for (int i = 0; i < 100; i++) {
      connection.write(Message.of(new byte[100]));
    }
    channel.runPendingTasks();
    assertThat(writes).hasValue(1);
    assertThat(flushes).hasValue(1);
    assertThat(bytesWritten()).isEqualTo(100 * 100);
  }

  @Test
  void aLongBurstIsFlushedEvery256KiB() {
    ChannelConnection connection = install(1 << 20);
    int messages = 600; // 600 KiB: flushed at 256 and 512 KiB, and at the end
    for (int i = 0; i < messages; i++) {
      connection.write(Message.of(new byte[1024]));
    }
    channel.runPendingTasks();
    assertThat(flushes).hasValue(3);
    assertThat(bytesWritten()).isEqualTo(messages * 1024);
    assertThat(connection.outbox().partialWrites())
        .as("an embedded channel takes every write whole")
        .isZero();
  }

  @Test
  void writabilityFollowsTheBytesQueuedAgainstTheSendBuffer() {
    ChannelConnection connection = install(1000);
    assertThat(connection.isWritable()).isTrue();
    connection.write(Message.of(new byte[600]));
    assertThat(connection.isWritable()).isTrue();
    connection.write(Message.of(new byte[400]));
    assertThat(connection.isWritable()).as("1,000 bytes queued").isFalse();
    channel.runPendingTasks();
    assertThat(connection.isWritable()).as("written to the channel").isTrue();
    assertThat(bytesWritten()).isEqualTo(1000);
  }

  /** Netty holds more than its high-water mark: messages wait in the outbox until it drains. */
  @Test
  @SuppressWarnings(
      "FutureReturnValueIgnored") // the test's own unflushed write only fills Netty's buffer
  void messagesWaitInTheOutboxWhileTheChannelIsUnwritable() {
    ChannelConnection connection = install(1 << 20);
    channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(32, 64));
    channel.write(Unpooled.wrappedBuffer(new byte[100])); // unflushed: over the high-water mark
    assertThat(channel.isWritable()).isFalse();
    connection.write(Message.of(new byte[10]));
    channel.runPendingTasks();
    assertThat(connection.outbox().queuedBytes()).as("bytes waiting in the outbox").isEqualTo(10);
    assertThat(flushes).hasValue(0);

    channel.flush(); // Netty's bytes go: the channel is writable again, and the outbox writes
    channel.runPendingTasks();
    assertThat(connection.outbox().queuedBytes()).isZero();
    assertThat(bytesWritten()).isEqualTo(110);
  }

  @Test
  void aClosedConnectionTakesNoMoreMessages() {
    ChannelConnection connection = install(1 << 20);
    connection.write(Message.of(new byte[10]));
    connection.close();
    connection.write(Message.of(new byte[20]));
    channel.runPendingTasks();
    assertThat(connection.isWritable()).isFalse();
    assertThat(bytesWritten())
        .as("what was queued before the close, and nothing after")
        .isEqualTo(10);
  }
}
