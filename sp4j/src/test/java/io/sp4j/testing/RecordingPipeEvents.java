package io.sp4j.testing;

import io.sp4j.Message;
import io.sp4j.spi.PipeEvents;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The socket side of a connection under test, with no socket: keeps what the transport delivers, in
 * order, and whether it reported the connection closed. No lock, so {@link #afterUnlock} runs the
 * task at once. Safe to read from the test thread while an event loop delivers.
 */
public final class RecordingPipeEvents implements PipeEvents {
  private final List<Message> delivered = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  @Override
  public void deliver(Message message) {
    delivered.add(message);
  }

  @Override
  public void writable() {}

  @Override
  public void closed() {
    closed = true;
  }

  @Override
  public void afterUnlock(Runnable task) {
    task.run();
  }

  /** The messages delivered so far, oldest first. */
  public List<Message> delivered() {
    return delivered;
  }

  public boolean isClosed() {
    return closed;
  }
}
