package io.sp4j.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Refusal;
import io.sp4j.core.FakeEndpointContext;
import io.sp4j.core.MemoryBudget;
import io.sp4j.testing.ManualTime;
import io.sp4j.transport.netty.ChannelConnection;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a connection's receiving side may hold for its peer, the same on every stream transport (tcp
 * and ipc framing, ws frames): memory that follows the bytes received, never an announced length;
 * unfinished messages held to the receive budget; and the stall timeout. Each scheme's subclass
 * says how its wire announces a message; the connection runs on an {@link EmbeddedChannel}, on its
 * socket's time (a {@link ManualTime}), which the test moves.
 */
public abstract class InboundLimitsContract {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final ManualTime time = new ManualTime();
  protected final FakeEndpointContext context =
      new FakeEndpointContext(Protocol.PULL)
          .with(Options.RECEIVE_STALL_TIMEOUT, Duration.ofSeconds(2))
          .withTime(time);
  private EmbeddedChannel channel;
  private ChannelConnection connection;

  /**
   * A started connection of this scheme on {@code channel}, past its handshake, in its pipeline.
   */
  protected abstract ChannelConnection install(
      EmbeddedChannel channel, FakeEndpointContext context);

  /**
   * The wire bytes that start a message of {@code length} bytes (a length prefix, a frame header).
   */
  protected abstract byte[] announce(long length);

  /** The largest length this scheme can announce when there is no receive limit. */
  protected abstract long largestAnnounceable();

  @AfterEach
  void finish() {
    if (channel != null) {
      channel.finishAndReleaseAll();
    }
  }

  private EmbeddedChannel open() {
    channel = new EmbeddedChannel();
    connection = install(channel, context);
    return channel;
  }

  private void feed(byte[]... parts) {
    for (byte[] part : parts) {
      channel.writeInbound(Unpooled.wrappedBuffer(part));
    }
    channel.runPendingTasks();
  }

  /** Moves the socket's clock; what fell due runs on the channel's event loop. */
  private void advance(Duration step) {
    time.advance(step);
    channel.runPendingTasks();
  }

  private static long allocatedByThisThread() {
    return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  @Test
  void anAnnouncedLengthGetsNoMemoryUntilItsBytesArrive() {
    context.with(Options.RECEIVE_MAX_SIZE, -1);
    open();
    long before = allocatedByThisThread();
    feed(announce(largestAnnounceable()), new byte[1000]);
    long allocated = allocatedByThisThread() - before;
    assertThat(allocated)
        .as("bytes allocated for 1,000 received of a 2 GiB announcement")
        .isLessThan(64 * 1024);
    assertThat(context.receiveBudget().used())
        .as("held across reads")
        .isBetween(1000L, 2000L + 256);
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void memoryHeldAcrossReadsFollowsTheBytesAndEndsExactlyTheMessage() {
    open();
    int size = 1024 * 1024;
    byte[] body = new byte[size];
    for (int i = 0; i < size; i++) {
      body[i] = (byte) (i * 31);
    }
    feed(announce(size));
    int chunk = 100 * 1024;
    for (int at = 0; at < size; at += chunk) {
      int end = Math.min(size, at + chunk);
      feed(Arrays.copyOfRange(body, at, end));
      if (end < size) {
        assertThat(context.receiveBudget().used())
            .as("held with %d of %d received", end, size)
            .isBetween((long) end, 2L * end + 256);
      }
    }
    assertThat(context.delivered).hasSize(1);
    assertThat(context.delivered.get(0).body()).isEqualTo(body);
    assertThat(context.receiveBudget().used()).as("released once whole").isZero();
  }

  @Test
  void aConnectionIsBelievedOnlyUpToTheBytesItHasDeliveredWhole() {
    open();
    feed(concat(announce(300 * 1024), new byte[300 * 1024]));
    assertThat(context.delivered).hasSize(1);
    feed(announce(200 * 1024), new byte[10]);
    assertThat(context.receiveBudget().used())
        .as("sized at once: 300 KiB delivered before")
        .isEqualTo(200 * 1024);
    feed(new byte[200 * 1024 - 10]);
    assertThat(context.delivered).hasSize(2);
    feed(announce(1024 * 1024), new byte[10]);
    assertThat(context.receiveBudget().used())
        .as("1 MiB announced, 500 KiB delivered before: grown with the bytes")
        .isLessThan(4096);
  }

  @Test
  void anUnfinishedMessageTheBudgetCannotHoldIsRefused() {
    context.withBudget(MemoryBudget.standalone(64 * 1024));
    open();
    feed(announce(1024 * 1024), new byte[100 * 1024]);
    assertThat(channel.isOpen()).isFalse();
    assertThat(context.refusals).containsEntry(Refusal.RECEIVE_BUDGET, 1);
    assertThat(context.receiveBudget().used()).isZero();
  }

  @Test
  void aMessageThatArrivesWithinOneReadNeedsNoBudget() {
    context.withBudget(MemoryBudget.standalone(1));
    open();
    byte[] body = new byte[200 * 1024];
    body[body.length - 1] = 7;
    feed(concat(announce(body.length), body));
    assertThat(context.delivered).hasSize(1);
    assertThat(context.delivered.get(0).body()).isEqualTo(body);
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aStalledMessageIsRefusedAfterTheStallTimeout() {
    open();
    feed(announce(1000), new byte[10]);
    advance(Duration.ofMillis(1900));
    assertThat(channel.isOpen()).as("within the stall timeout").isTrue();
    advance(Duration.ofMillis(200));
    assertThat(channel.isOpen()).isFalse();
    assertThat(context.refusals).containsEntry(Refusal.RECEIVE_STALLED, 1);
    assertThat(context.receiveBudget().used()).isZero();
  }

  @Test
  void bytesOfTheMessageRestartTheStallClock() {
    open();
    feed(announce(1000), new byte[10]);
    for (int i = 0; i < 5; i++) {
      advance(Duration.ofMillis(1500));
      feed(new byte[1]);
    }
    assertThat(channel.isOpen()).as("7.5 s in all, never 2 s without a byte").isTrue();
  }

  @Test
  void timeTheSocketHoldsOffReadingIsNoStall() {
    open();
    feed(announce(1000), new byte[10]);
    connection.suspendReading();
    channel.runPendingTasks();
    advance(Duration.ofSeconds(30));
    assertThat(channel.isOpen()).as("held off by the socket, not stalled by the peer").isTrue();
    connection.resumeReading();
    channel.runPendingTasks();
    advance(Duration.ofMillis(1900));
    assertThat(channel.isOpen()).isTrue();
    advance(Duration.ofMillis(2200));
    assertThat(channel.isOpen()).isFalse();
    assertThat(context.refusals).containsEntry(Refusal.RECEIVE_STALLED, 1);
  }

  @Test
  void withoutAStallTimeoutAnUnfinishedMessageWaitsForEver() {
    context.with(Options.RECEIVE_STALL_TIMEOUT, null);
    open();
    feed(announce(1000), new byte[10]);
    advance(Duration.ofDays(1));
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aConnectionIdleBetweenMessagesIsNoStall() {
    open();
    feed(concat(announce(3), new byte[3]));
    advance(Duration.ofDays(1));
    assertThat(channel.isOpen()).isTrue();
    assertThat(context.delivered).hasSize(1);
  }

  protected static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
