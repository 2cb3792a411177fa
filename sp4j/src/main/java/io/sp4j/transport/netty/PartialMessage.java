package io.sp4j.transport.netty;

import io.sp4j.spi.ReceiveBudget;
import java.util.Arrays;

/**
 * The body of the message a connection is receiving. Memory follows the bytes that arrive, never
 * the length the peer announced: the array starts at what is in hand and at least doubles each time
 * it grows, capped at the announced total, so it is at most twice what arrived (plus {@link
 * #MIN_CAPACITY}) and ends exactly the message's size without a final copy. A ws message in
 * fragments does not announce its total: its array doubles past what the frames so far announced
 * (still at most twice what arrived) and is cut to size when the last one ends, so a message in a
 * thousand small frames costs a few copies, not a thousand.
 *
 * <p>A connection that has already delivered whole messages of at least as many bytes in all as
 * this one announces has shown the bytes are real: its array is made at the announced size at once,
 * which spares a stream of large messages the copies of growing (ws 1 MiB lost 40 % to them). What
 * a connection holds is thus never more than twice what it has sent. A message still unfinished
 * when a read ends is reserved from the receive budget ({@link #holdAcrossReads}); one that
 * completes within a read never touches the budget.
 *
 * <p>Event loop only.
 */
public final class PartialMessage {
  /** The smallest array made for a message that has not all arrived. */
  static final int MIN_CAPACITY = 256;

  private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  private final ReceiveBudget budget;
  private byte[] array;
  private int filled;
  private long expected; // bytes announced so far (a ws message grows with each frame)
  private long reserved; // bytes of the array reserved from the budget
  private boolean started;
  private boolean progressed; // bytes arrived since the last call to takeProgress
  private long delivered; // bytes of the whole messages finished so far on this connection
  private int lastSize; // of the message finished last
  private boolean totalKnown; // whether expected is the whole message's size

  public PartialMessage(ReceiveBudget budget) {
    this.budget = budget;
  }

  /**
   * Starts a message of {@code announced} bytes; {@code whole} says whether that is all of it (a
   * length prefix, a final ws frame) or only its first part (a ws frame with more to come). Nothing
   * is allocated yet.
   */
  public void begin(long announced, boolean whole) {
    discard();
    started = true;
    expected = announced;
    totalKnown = whole;
  }

  /**
   * A further frame of the same message announces {@code more} bytes; {@code last} if it ends it.
   */
  public void extend(long more, boolean last) {
    expected += more;
    totalKnown = last;
  }

  /** Whether a message has begun and not been finished or discarded. */
  public boolean inProgress() {
    return started;
  }

  /** Bytes of the message received so far. */
  public int filled() {
    return filled;
  }

  /** Bytes announced so far. */
  public long expected() {
    return expected;
  }

  /**
   * An array with room for {@code n} more bytes at {@link #filled()}; {@code inHand} (at least
   * {@code n}) is how many bytes of the message the caller holds now, a hint that saves regrowing
   * when they are all there. Call {@link #advance} after writing.
   */
  public byte[] room(int n, long inHand) {
    long needed = (long) filled + n;
    if (array != null && needed <= array.length) {
      return array;
    }
    boolean proven = expected <= delivered;
    // How far the array may reach: the message's size when known; else (ws frames to come)
    // twice what is in hand, or what the connection has delivered, whichever is more.
    long limit =
        totalKnown
            ? expected
            : Math.min(MAX_ARRAY, Math.max(expected, Math.max(2 * needed, proven ? delivered : 0)));
    long want;
    if (array == null) {
      want =
          proven
              ? Math.max(
                  expected,
                  totalKnown ? 0 : lastSize) // a stream's next message is often the same size
              : Math.max(needed, Math.max(filled + inHand, MIN_CAPACITY));
    } else {
      want = Math.max(needed, Math.max(filled + inHand, 2L * array.length));
    }
    int capacity = (int) Math.min(limit, want);
    array = array == null ? new byte[capacity] : Arrays.copyOf(array, capacity);
    return array;
  }

  /** {@code n} bytes were written at {@link #filled()}. */
  public void advance(int n) {
    filled += n;
    progressed |= n > 0;
  }

  /** Whether bytes arrived since the last call. */
  boolean takeProgress() {
    boolean was = progressed;
    progressed = false;
    return was;
  }

  /** Whether every announced byte has arrived. */
  public boolean isComplete() {
    return started && filled == expected;
  }

  /** The whole message (exactly its size); the next one starts afresh. */
  public byte[] finish() {
    byte[] whole =
        filled == 0 ? new byte[0] : array.length == filled ? array : Arrays.copyOf(array, filled);
    delivered += filled;
    lastSize = filled;
    reset();
    return whole;
  }

  /** Drops the message in progress, if any, and what it reserved. */
  public void discard() {
    reset();
  }

  /**
   * At the end of a read: reserves what the unfinished message holds beyond what it reserved
   * before. False when the budget cannot hold it; the caller then refuses the connection.
   */
  boolean holdAcrossReads() {
    long held = array == null ? 0 : array.length;
    if (held > reserved) {
      if (!budget.tryReserve(held - reserved)) {
        return false;
      }
      reserved = held;
    }
    return true;
  }

  private void reset() {
    if (reserved > 0) {
      budget.release(reserved);
      reserved = 0;
    }
    array = null;
    filled = 0;
    expected = 0;
    started = false;
  }
}
