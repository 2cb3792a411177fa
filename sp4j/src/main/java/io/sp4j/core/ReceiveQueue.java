package io.sp4j.core;

import io.sp4j.Message;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The socket's queue of received messages, bounded in bytes. Messages from pipes of a higher
 * receive priority are taken first; within a priority, in arrival order. When the queue holds
 * its limit, the delivering pipe is told to stop reading, and every such pipe resumes once the
 * queue drains below the limit: back-pressure reaches the peer instead of memory growing.
 * Not thread-safe: used under the socket's lock.
 */
public final class ReceiveQueue {
  private static final int PRIORITIES = 16;

  private final ArrayDeque<Message>[] byPriority;
  private final Set<Pipe> suspended = new LinkedHashSet<>();
  private long bytes;
  private int count;
  private int limit;

  @SuppressWarnings("unchecked")
  public ReceiveQueue(int limitBytes) {
    this.byPriority = new ArrayDeque[PRIORITIES];
    this.limit = limitBytes;
  }

  /** Queues a message that arrived on {@code from}. */
  public void add(Pipe from, Message message) {
    int priority = from.receivePriority() - 1;
    ArrayDeque<Message> queue = byPriority[priority];
    if (queue == null) {
      queue = byPriority[priority] = new ArrayDeque<>();
    }
    queue.addLast(message);
    count++;
    bytes += message.size();
    if (bytes >= limit && suspended.add(from)) {
      from.suspendReading();
    }
  }

  /** The next message, or {@code null} when empty. */
  public Message poll() {
    if (count == 0) {
      return null;
    }
    for (ArrayDeque<Message> queue : byPriority) {
      if (queue != null && !queue.isEmpty()) {
        Message message = queue.pollFirst();
        count--;
        bytes -= message.size();
        if (bytes < limit && !suspended.isEmpty()) {
          resumeAll();
        }
        return message;
      }
    }
    throw new IllegalStateException("receive queue count out of step");
  }

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
    bytes = 0;
    suspended.clear();
  }

  private void resumeAll() {
    Pipe[] pipes = suspended.toArray(new Pipe[0]);
    suspended.clear();
    for (Pipe pipe : pipes) {
      pipe.resumeReading();
    }
  }
}
