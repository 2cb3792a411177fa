package io.sp4j.core;

import io.sp4j.Message;
import io.sp4j.spi.Pipe;
import io.sp4j.spi.ReceiveQueue;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The socket's queue of received messages, bounded in bytes. Messages from pipes of a higher
 * receive priority are taken first; within a priority, in arrival order. When the queue holds its
 * limit, the delivering pipe is told to stop reading, and every such pipe resumes once the queue
 * drains below the limit: back-pressure reaches the peer instead of memory growing.
 *
 * <p>Back-pressure takes effect only after the read under way, so every pipe can still add what it
 * had decoded: with many pipes that is more than the limit. What the queue holds beyond its limit
 * is therefore reserved from the socket's {@link MemoryBudget}; a message from a remote pipe that
 * the budget cannot hold is refused ({@link #add} returns false), and the socket closes that pipe.
 * Local (inproc) pipes are bounded by their senders, and only counted. Not thread-safe: used under
 * the socket's lock.
 */
public final class PriorityReceiveQueue implements ReceiveQueue {
  private static final int PRIORITIES = 16;

  private final ArrayDeque<Message>[] byPriority;

  /** No queue before this index holds a message: poll starts here, not at the empty top. */
  private int firstFilled = PRIORITIES;

  private final Set<Pipe> suspended = new LinkedHashSet<>();
  private final MemoryBudget budget;
  private long bytes;
  private long reserved; // bytes beyond the limit, reserved from the budget
  private int count;
  private int limit;

  /** A queue with no budget of its own beyond the limit (protocol tests). */
  public PriorityReceiveQueue(int limitBytes) {
    this(limitBytes, MemoryBudget.standalone(Long.MAX_VALUE));
  }

  @SuppressWarnings("unchecked")
  public PriorityReceiveQueue(int limitBytes, MemoryBudget budget) {
    this.byPriority = new ArrayDeque[PRIORITIES];
    this.limit = limitBytes;
    this.budget = budget;
  }

  /**
   * Queues a message that arrived on {@code from}.
   *
   * @return false, queuing nothing, if it came from a remote pipe and would take the queue further
   *     beyond its limit than the receive budget allows
   */
  public boolean add(Pipe from, Message message) {
    long beyond = Math.max(0, bytes + message.size() - limit) - reserved;
    if (beyond > 0) {
      if (!from.isRemote()) {
        budget.force(beyond);
      } else if (!budget.tryReserve(beyond)) {
        return false;
      }
      reserved += beyond;
    }
    int priority = from.receivePriority() - 1;
    ArrayDeque<Message> queue = byPriority[priority];
    if (queue == null) {
      queue = byPriority[priority] = new ArrayDeque<>();
    }
    queue.addLast(message);
    firstFilled = Math.min(firstFilled, priority);
    count++;
    bytes += message.size();
    if (bytes >= limit && suspended.add(from)) {
      from.suspendReading();
    }
    return true;
  }

  /** The next message, or {@code null} when empty. */
  @Override
  public Message poll() {
    if (count == 0) {
      return null;
    }
    for (int priority = firstFilled; priority < PRIORITIES; priority++) {
      ArrayDeque<Message> queue = byPriority[priority];
      if (queue != null && !queue.isEmpty()) {
        firstFilled = priority;
        Message message = queue.pollFirst();
        count--;
        bytes -= message.size();
        releaseBeyondLimit();
        if (bytes < limit && !suspended.isEmpty()) {
          resumeAll();
        }
        return message;
      }
    }
    throw new IllegalStateException("receive queue count out of step");
  }

  @Override
  public boolean isEmpty() {
    return count == 0;
  }

  public int size() {
    return count;
  }

  public long bytes() {
    return bytes;
  }

  /** Changes the limit; pipes resume at once if the queue is now below it. */
  public void setLimit(int limitBytes) {
    this.limit = limitBytes;
    long beyond = Math.max(0, bytes - limit) - reserved;
    if (beyond > 0) {
      budget.force(beyond); // already held: counted, so that new reservations see it
      reserved += beyond;
    }
    releaseBeyondLimit();
    if (bytes < limit) {
      resumeAll();
    }
  }

  /** Forgets a pipe that closed, so it is not resumed later. Its queued messages stay. */
  public void forget(Pipe pipe) {
    suspended.remove(pipe);
  }

  /** Drops everything (the socket is closing). */
  public void clear() {
    for (ArrayDeque<Message> queue : byPriority) {
      if (queue != null) {
        queue.clear();
      }
    }
    count = 0;
    firstFilled = PRIORITIES;
    bytes = 0;
    releaseBeyondLimit();
    suspended.clear();
  }

  /** Gives the budget back what the queue no longer holds beyond its limit. */
  private void releaseBeyondLimit() {
    long excess = reserved - Math.max(0, bytes - limit);
    if (excess > 0) {
      budget.release(excess);
      reserved -= excess;
    }
  }

  private void resumeAll() {
    Pipe[] pipes = suspended.toArray(new Pipe[suspended.size()]); // sized: no reflective copy
    suspended.clear();
    for (Pipe pipe : pipes) {
      pipe.resumeReading();
    }
  }
}
