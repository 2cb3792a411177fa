package io.sp4j.protocol;

import io.sp4j.Message;
import io.sp4j.spi.Pipe;
import io.sp4j.spi.ProtocolContext;

/** PAIR (v0): one peer at a time, no header; a second peer is refused. Raw is the same. */
final class PairProtocol extends BaseProtocol {
  private Pipe peer;

  PairProtocol(ProtocolContext context, boolean raw) {
    super(context, raw, "PAIR");
  }

  @Override
  public boolean addPipe(Pipe pipe) {
    if (peer != null) {
      return false;
    }
    peer = pipe;
    return super.addPipe(pipe);
  }

  @Override
  public void removePipe(Pipe pipe) {
    if (peer == pipe) {
      peer = null;
    }
    super.removePipe(pipe);
  }

  @Override
  public Message received(Pipe pipe, Message message) {
    return Wire.split(message, 0);
  }

  @Override
  public boolean send(Message message) {
    requireNoHeader(message);
    return peer != null && peer.send(message);
  }

  @Override
  public boolean canSend() {
    return peer != null && peer.isWritable();
  }
}
