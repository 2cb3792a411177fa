package io.sp4j.protocol;

import io.sp4j.Message;
import io.sp4j.Options;
import io.sp4j.ProtocolStateException;
import io.sp4j.spi.Pipe;
import io.sp4j.spi.ProtocolContext;
import io.sp4j.spi.ProtocolEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What every protocol engine shares: its context, raw flag, and the pipes it knows by id. */
abstract class BaseProtocol implements ProtocolEngine {
  protected final ProtocolContext context;
  protected final boolean raw;
  protected final String name;
  private final Map<Integer, Pipe> pipes = new HashMap<>();
  private final List<Pipe> pipeList = new ArrayList<>();

  BaseProtocol(ProtocolContext context, boolean raw, String name) {
    this.context = context;
    this.raw = raw;
    this.name = (raw ? "raw " : "") + name;
  }

  @Override
  public boolean addPipe(Pipe pipe) {
    pipes.put(pipe.id(), pipe);
    pipeList.add(pipe);
    return true;
  }

  @Override
  public void removePipe(Pipe pipe) {
    if (pipes.remove(pipe.id()) != null) {
      pipeList.remove(pipe);
    }
  }

  @Override
  public void pipeWritable(Pipe pipe) {}

  /** Most protocols: a message is ready when the queue holds one. */
  @Override
  public boolean hasMessage() {
    return !context.receiveQueue().isEmpty();
  }

  /** Most protocols never make a sender wait (they broadcast, drop or keep the message). */
  @Override
  public boolean canSend() {
    return true;
  }

  /** The next queued message as the core queued it: what most socket types hand the user. */
  @Override
  public Message receive() {
    return context.receiveQueue().poll();
  }

  /** The pipe with this id, or {@code null} if it is gone. */
  protected Pipe pipe(int id) {
    return pipes.get(id);
  }

  /** Sends to every pipe that can take it now, except {@code excluded}; others miss it. */
  protected void broadcast(Message message, Pipe excluded) {
    for (Pipe pipe : pipeList) {
      if (pipe != excluded) {
        pipe.send(message);
      }
    }
  }

  protected int maxTtl() {
    return context.settings().get(Options.MAX_TTL);
  }

  /** A user's message must carry no header here (cooked sockets, and raw ones without headers). */
  protected void requireNoHeader(Message message) {
    if (message.headerSize() != 0) {
      throw new IllegalArgumentException(
          "message: a " + name + " socket sends no header, got " + message.headerSize() + " bytes");
    }
  }

  protected ProtocolStateException cannotSend() {
    return ProtocolStateException.unsupported(name + " sockets cannot send");
  }

  protected ProtocolStateException cannotReceive() {
    return ProtocolStateException.unsupported(name + " sockets cannot receive");
  }
}
