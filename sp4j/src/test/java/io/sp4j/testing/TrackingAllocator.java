package io.sp4j.testing;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * A channel allocator that remembers every buffer it hands out, so a test can check right after one
 * input that all of them were released: Netty's leak detector only notices a leak once the
 * collector has run, too late to say which input caused it. Heap buffers, so that what they hold
 * counts in the thread's allocated bytes (see {@link AllocationMeter}).
 */
public final class TrackingAllocator extends AbstractByteBufAllocator {
  private static final UnpooledByteBufAllocator HEAP = new UnpooledByteBufAllocator(false, true);

  private final List<ByteBuf> handedOut = new ArrayList<>();

  public TrackingAllocator() {
    super(false);
  }

  @Override
  protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
    return track(HEAP.heapBuffer(initialCapacity, maxCapacity));
  }

  @Override
  protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
    return track(HEAP.directBuffer(initialCapacity, maxCapacity));
  }

  @Override
  public boolean isDirectBufferPooled() {
    return false;
  }

  private ByteBuf track(ByteBuf buffer) {
    handedOut.add(buffer);
    return buffer;
  }

  /** Buffers handed out and not released yet. */
  public List<ByteBuf> unreleased() {
    return handedOut.stream().filter(b -> b.refCnt() != 0).toList();
  }

  /** Fails, naming how many buffers are still held, unless every one was released. */
  public void assertAllReleased(String when) {
    List<ByteBuf> held = unreleased();
    if (!held.isEmpty()) {
      throw new AssertionError(
          held.size() + " of " + handedOut.size() + " buffers not released " + when + ": " + held);
    }
  }
}
