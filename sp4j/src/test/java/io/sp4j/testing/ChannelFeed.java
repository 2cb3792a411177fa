package io.sp4j.testing;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Feeds one fuzz input to a pipeline on an {@link EmbeddedChannel} and checks what every decoder of
 * remote bytes must do, whatever the bytes: the input goes in once whole and once in small pieces,
 * and both runs must end the same way (a decoder may not depend on how reads split the stream);
 * every buffer is released once the channel is finished; and the heap the thread allocates while
 * the input goes in stays below {@link #BYTES_PER_INPUT_BYTE} per input byte plus {@link
 * #FIXED_BYTES}, so memory follows the bytes a peer really sends, not the sizes it announces.
 *
 * <p>The channel's clock is a mock: a handshake deadline fires only when the target asks the feed
 * to {@link Target#settle() settle}, so a run never depends on how fast the machine is.
 */
public final class ChannelFeed {
  /**
   * Heap bytes per input byte: a decoder copies a payload into its message (1), may grow that array
   * by doubling (up to 2 more), hands on a trimmed copy (1), and Netty may gather a head into one
   * buffer (1); 8 leaves room without letting an announced size through.
   */
  public static final long BYTES_PER_INPUT_BYTE = 8;

  /**
   * Heap bytes any input may cost: the handlers installed after a handshake, an HTTP head's strings
   * (at most 8 KiB of text, a few copies), exceptions with their stack traces, the answer written.
   * 256 KiB is far below what an announced 1 MiB message would take.
   */
  public static final long FIXED_BYTES = 256 * 1024;

  /**
   * Heap bytes per input byte added while fuzzing (JAZZER_FUZZ set): Jazzer's comparison hooks then
   * run on the same thread and copy the strings a handshake compares, about 100 bytes per byte of a
   * 2.5 KiB request (a request that takes 32 KiB on replay took 289 KiB while fuzzing). A header
   * announcing a large size still fails; the exact bound holds on replay, where those hooks are not
   * installed.
   */
  static final long HOOK_BYTES_PER_INPUT_BYTE = 256;

  private static final boolean FUZZING = !System.getenv().getOrDefault("JAZZER_FUZZ", "").isEmpty();

  /** Longest piece of the split feed: small enough to cut every header somewhere. */
  private static final int MAX_PIECE = 23;

  /** A pipeline under test. */
  public interface Target<O> {
    /** Adds the handlers to a new channel (not registered yet); returns what observes them. */
    O install(EmbeddedChannel channel);

    /** How far the clock moves after the input (to let a handshake deadline pass), or zero. */
    default Duration settle() {
      return Duration.ZERO;
    }

    /**
     * Moves the time of whatever {@code observed} keeps on a clock of its own (a socket's manual
     * time) along with the channel's, by {@code step}.
     */
    default void advance(O observed, Duration step) {}
  }

  /**
   * How one feed ended.
   *
   * @param observed what the target's observer saw
   * @param outbound every byte the pipeline wrote, in order
   * @param open whether the channel was still open at the end (after settling)
   * @param escaped the first exception that reached the end of the pipeline, or {@code null}
   */
  @SuppressWarnings("ArrayRecordComponent") // a run is read, never compared or hashed
  public record Run<O>(O observed, byte[] outbound, boolean open, Throwable escaped) {}

  private ChannelFeed() {}

  /**
   * Feeds {@code input} whole and split, checks {@code invariants} on both runs and that {@code
   * summary} is the same for both, then measures the allocation of a third, whole run.
   *
   * @return the whole run
   */
  public static <O> Run<O> check(
      Target<O> target, byte[] input, Consumer<Run<O>> invariants, Function<Run<O>, ?> summary) {
    Run<O> whole = feed(target, input, false);
    invariants.accept(whole);
    Run<O> split = feed(target, input, true);
    invariants.accept(split);
    Object wholeSummary = summary.apply(whole);
    Object splitSummary = summary.apply(split);
    if (!Objects.equals(wholeSummary, splitSummary)) {
      throw new AssertionError(
          "the input fed in pieces ended differently:\n whole: "
              + wholeSummary
              + "\n split: "
              + splitSummary);
    }
    assertBoundedAllocation(target, input);
    return whole;
  }

  /** One feed: the input whole or in pieces of 1 to {@value #MAX_PIECE} bytes. */
  public static <O> Run<O> feed(Target<O> target, byte[] input, boolean split) {
    TrackingAllocator allocator = new TrackingAllocator();
    MockTicker clock = Ticker.newMockTicker();
    EmbeddedChannel channel = newChannel(allocator, clock);
    List<ByteBuf> pieces = new ArrayList<>();
    try {
      O observed = target.install(channel);
      channel.register();
      pieces.addAll(pieces(allocator, input, split));
      ByteArrayOutputStream outbound = new ByteArrayOutputStream();
      Throwable escaped = writeAll(channel, pieces, outbound);
      if (escaped == null && !target.settle().isZero()) {
        clock.advance(target.settle().toNanos(), TimeUnit.NANOSECONDS);
        target.advance(observed, target.settle());
        escaped = run(channel, () -> channel.runPendingTasks(), outbound);
      }
      return new Run<>(observed, outbound.toByteArray(), channel.isOpen(), escaped);
    } catch (Exception e) {
      throw new AssertionError("could not set up the channel", e);
    } finally {
      pieces.forEach(ChannelFeed::releaseFully);
      channel.finishAndReleaseAll();
      allocator.assertAllReleased("after the channel finished");
    }
  }

  /**
   * Checks that feeding {@code input} whole allocates at most {@link #BYTES_PER_INPUT_BYTE} per
   * byte plus {@link #FIXED_BYTES}. Only the feeding is measured, not the channel's set-up; it runs
   * after {@link #feed} has loaded every class the input needs.
   */
  public static void assertBoundedAllocation(Target<?> target, byte[] input) {
    TrackingAllocator allocator = new TrackingAllocator();
    EmbeddedChannel channel = newChannel(allocator, Ticker.newMockTicker());
    List<ByteBuf> pieces = new ArrayList<>();
    try {
      target.install(channel);
      channel.register();
      pieces.addAll(pieces(allocator, input, false));
      long perByte = BYTES_PER_INPUT_BYTE + (FUZZING ? HOOK_BYTES_PER_INPUT_BYTE : 0);
      long allowed = perByte * input.length + FIXED_BYTES;
      long allocated =
          AllocationMeter.allocatedBy(() -> writeAll(channel, pieces, new ByteArrayOutputStream()));
      if (allocated > allowed) {
        throw new AssertionError(
            "feeding "
                + input.length
                + " bytes allocated "
                + allocated
                + " bytes on the heap, more than the "
                + allowed
                + " allowed ("
                + perByte
                + " per input byte + "
                + FIXED_BYTES
                + "); input starts "
                + HexFormat.of().formatHex(input, 0, Math.min(input.length, 32)));
      }
    } catch (Exception e) {
      throw new AssertionError("could not set up the channel", e);
    } finally {
      pieces.forEach(ChannelFeed::releaseFully);
      channel.finishAndReleaseAll();
    }
  }

  /** A channel whose clock moves only when the feed moves it. */
  private static EmbeddedChannel newChannel(TrackingAllocator allocator, MockTicker clock) {
    EmbeddedChannel channel =
        EmbeddedChannel.builder().register(false).hasDisconnect(true).ticker(clock).build();
    channel.config().setAllocator(allocator);
    return channel;
  }

  private static List<ByteBuf> pieces(TrackingAllocator allocator, byte[] input, boolean split) {
    List<ByteBuf> pieces = new ArrayList<>();
    SplittableRandom sizes = new SplittableRandom(Arrays.hashCode(input));
    int at = 0;
    do {
      int size =
          split ? Math.min(input.length - at, sizes.nextInt(1, MAX_PIECE + 1)) : input.length;
      pieces.add(allocator.heapBuffer(size).writeBytes(input, at, size));
      at += size;
    } while (at < input.length);
    return pieces;
  }

  /**
   * Writes the pieces in order while the channel is open, as reads would come; a piece the pipeline
   * took is released by it, one never written is released by the caller.
   */
  private static Throwable writeAll(
      EmbeddedChannel channel, List<ByteBuf> pieces, ByteArrayOutputStream outbound) {
    for (int i = 0; i < pieces.size() && channel.isOpen(); i++) {
      ByteBuf piece = pieces.set(i, null);
      Throwable escaped = run(channel, () -> channel.writeInbound(piece), outbound);
      if (escaped != null) {
        return escaped;
      }
    }
    return null;
  }

  /** Runs one step and what it scheduled; collects the bytes written and whatever escaped. */
  private static Throwable run(
      EmbeddedChannel channel, Runnable step, ByteArrayOutputStream outbound) {
    Throwable escaped = null;
    try {
      step.run();
      channel.runPendingTasks();
      channel.checkException();
    } catch (Throwable t) {
      escaped = t;
    }
    Object written;
    while ((written = channel.readOutbound()) != null) {
      try {
        if (!(written instanceof ByteBuf bytes)) {
          throw new AssertionError(
              "the pipeline wrote an unencoded " + written.getClass().getName());
        }
        byte[] copy = new byte[bytes.readableBytes()];
        bytes.getBytes(bytes.readerIndex(), copy);
        outbound.writeBytes(copy);
      } finally {
        ReferenceCountUtil.release(written);
      }
    }
    return escaped;
  }

  private static void releaseFully(ByteBuf buffer) {
    if (buffer != null && buffer.refCnt() > 0) {
      buffer.release(buffer.refCnt());
    }
  }
}
