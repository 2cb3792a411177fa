package io.sp4j.core;

import io.sp4j.spi.ReceiveBudget;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Memory that peers may make this process hold in messages they have started but not finished, and
 * in received messages beyond a socket's {@link io.sp4j.Options#RECEIVE_BUFFER}. A socket's budget
 * ({@link io.sp4j.Options#RECEIVE_BUDGET}) draws from the process's ({@link #PROCESS}): a
 * reservation must fit both. Whoever reserves releases, exactly once.
 *
 * <p>The process budget is the system property {@value #PROPERTY}: bytes, with an optional {@code
 * k}, {@code m} or {@code g} suffix, or a percentage of the maximum heap (message bodies are heap
 * arrays). Default {@value #DEFAULT_PERCENT} % of the maximum heap: peers can then never take more
 * than a quarter of the heap, however many connect, while one message of the default 1 MiB limit
 * fits many times over even in a 64 MiB heap.
 */
public final class MemoryBudget implements ReceiveBudget {
  /** The system property that sets the process budget. */
  public static final String PROPERTY = "io.sp4j.receiveBudget";

  static final int DEFAULT_PERCENT = 25;

  /** The process's budget, shared by every socket. */
  public static final MemoryBudget PROCESS =
      new MemoryBudget(null, parse(System.getProperty(PROPERTY), Runtime.getRuntime().maxMemory()));

  private final MemoryBudget parent;
  private final AtomicLong used = new AtomicLong();
  private volatile long limit;

  private MemoryBudget(MemoryBudget parent, long limit) {
    this.parent = parent;
    setLimit(limit);
  }

  /**
   * A budget of its own ({@code limit}, or -1 for none) that also draws from the process's: a
   * socket's.
   */
  public static MemoryBudget ofSocket(long limit) {
    return new MemoryBudget(PROCESS, limit);
  }

  /** A budget with no parent (tests). */
  public static MemoryBudget standalone(long limit) {
    return new MemoryBudget(null, limit);
  }

  /** Changes the limit; -1 is none (only the parent's applies). What is reserved stays. */
  public void setLimit(long bytes) {
    limit = bytes < 0 ? Long.MAX_VALUE : bytes;
  }

  public long limit() {
    return limit;
  }

  public long used() {
    return used.get();
  }

  /** Reserves {@code bytes} if this budget and its parent have them; else reserves nothing. */
  @Override
  public boolean tryReserve(long bytes) {
    if (bytes <= 0) {
      return true;
    }
    long max = limit;
    long now;
    do {
      now = used.get();
      if (now + bytes > max) {
        return false;
      }
    } while (!used.compareAndSet(now, now + bytes));
    if (parent != null && !parent.tryReserve(bytes)) {
      used.addAndGet(-bytes);
      return false;
    }
    return true;
  }

  /**
   * Counts {@code bytes} that are held already, whether or not they fit (later reservations fail).
   */
  public void force(long bytes) {
    if (bytes > 0) {
      used.addAndGet(bytes);
      if (parent != null) {
        parent.force(bytes);
      }
    }
  }

  /** Gives back what {@link #tryReserve} or {@link #force} took. */
  @Override
  public void release(long bytes) {
    if (bytes > 0) {
      used.addAndGet(-bytes);
      if (parent != null) {
        parent.release(bytes);
      }
    }
  }

  /**
   * Reads a budget setting: bytes, {@code 64m}-style sizes, or {@code 25%} of {@code maxHeap};
   * unset is the default share of the heap.
   *
   * @throws IllegalArgumentException naming the property and what it allows
   */
  static long parse(String setting, long maxHeap) {
    if (setting == null || setting.isBlank()) {
      return maxHeap * DEFAULT_PERCENT / 100;
    }
    String value = setting.trim().toLowerCase(java.util.Locale.ROOT);
    try {
      if (value.endsWith("%")) {
        int percent = Integer.parseInt(value.substring(0, value.length() - 1));
        if (percent > 0 && percent <= 100) {
          return maxHeap * percent / 100;
        }
      } else {
        char unit = value.charAt(value.length() - 1);
        int shift = unit == 'k' ? 10 : unit == 'm' ? 20 : unit == 'g' ? 30 : 0;
        long number = Long.parseLong(shift == 0 ? value : value.substring(0, value.length() - 1));
        if (number > 0 && number <= Long.MAX_VALUE >> shift) {
          return number << shift;
        }
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException(
        PROPERTY
            + ": '"
            + setting
            + "' is not allowed; a size in bytes > 0 (suffix k, m or g allowed) or a percentage of the heap, 1% to 100%");
  }
}
