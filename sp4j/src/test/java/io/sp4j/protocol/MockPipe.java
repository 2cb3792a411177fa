package io.sp4j.protocol;

import io.sp4j.Message;
import io.sp4j.spi.Pipe;
import java.util.ArrayList;
import java.util.List;

/**
 * A pipe with no connection behind it, like mangos' {@code MockPipe}: it records what the engine
 * sends, can be made unwritable to simulate back-pressure, and remembers whether it was told to
 * stop reading or to close.
 */
final class MockPipe implements Pipe {
  private final int id;
  private int sendPriority = 8;
  private int receivePriority = 8;
  private boolean writable = true;
  private boolean suspended;
  private int suspendCount;
  private int resumeCount;
  private boolean closed;
  private boolean remote;
  private final List<Message> sent = new ArrayList<>();

  MockPipe(int id) {
    this.id = id;
  }

  MockPipe sendPriority(int priority) {
    this.sendPriority = priority;
    return this;
  }

  MockPipe receivePriority(int priority) {
    this.receivePriority = priority;
    return this;
  }

  /** Makes the pipe a network peer's, held to the receive budget. */
  MockPipe remote() {
    this.remote = true;
    return this;
  }

  @Override
  public boolean isRemote() {
    return remote;
  }

  /** Makes {@link #send} refuse (back-pressure) or accept messages. */
  MockPipe writable(boolean writable) {
    this.writable = writable;
    return this;
  }

  @Override
  public int id() {
    return id;
  }

  @Override
  public int sendPriority() {
    return sendPriority;
  }

  @Override
  public int receivePriority() {
    return receivePriority;
  }

  @Override
  public boolean isWritable() {
    return writable && !closed;
  }

  @Override
  public boolean send(Message message) {
    if (!isWritable()) {
      return false;
    }
    sent.add(message);
    return true;
  }

  @Override
  public void suspendReading() {
    suspended = true;
    suspendCount++;
  }

  @Override
  public void resumeReading() {
    suspended = false;
    resumeCount++;
  }

  @Override
  public void close() {
    closed = true;
  }

  /** The messages the engine handed to this pipe, oldest first. */
  List<Message> sent() {
    return sent;
  }

  /** What went on the wire: header and body joined, oldest first. */
  List<byte[]> sentWire() {
    return sent.stream().map(Message::toWireBytes).toList();
  }

  /** The wire bytes of the only message sent so far. */
  byte[] onlySentWire() {
    if (sent.size() != 1) {
      throw new AssertionError(
          "pipe " + id + ": expected exactly one sent message, got " + sent.size());
    }
    return sent.get(0).toWireBytes();
  }

  /** The wire bytes of the last message sent. */
  byte[] lastSentWire() {
    if (sent.isEmpty()) {
      throw new AssertionError("pipe " + id + ": nothing was sent");
    }
    return sent.get(sent.size() - 1).toWireBytes();
  }

  void clearSent() {
    sent.clear();
  }

  boolean isSuspended() {
    return suspended;
  }

  int suspendCount() {
    return suspendCount;
  }

  int resumeCount() {
    return resumeCount;
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public String toString() {
    return "MockPipe[" + id + "]";
  }
}
