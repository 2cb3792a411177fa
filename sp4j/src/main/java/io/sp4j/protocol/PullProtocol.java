package io.sp4j.protocol;

import io.sp4j.Message;
import io.sp4j.spi.Pipe;
import io.sp4j.spi.ProtocolContext;

/** PULL: receives from every PUSH, higher receive priority first; never sends. */
final class PullProtocol extends ReceiveOnlyProtocol {
  PullProtocol(ProtocolContext context, boolean raw) {
    super(context, raw, "PULL");
  }

  @Override
  public Message received(Pipe pipe, Message message) {
    return Wire.split(message, 0);
  }
}
