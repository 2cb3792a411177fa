package io.sp4j.protocol;

import io.sp4j.Message;
import io.sp4j.core.Pipe;
import io.sp4j.core.ProtocolContext;

/**
 * PUB: every message to every subscriber that can take it now; a back-pressured subscriber
 * misses it, so a send never waits. Anything a subscriber sends is dropped.
 */
final class PubProtocol extends BaseProtocol {
  PubProtocol(ProtocolContext context, boolean raw) {
    super(context, raw, "PUB");
  }

  @Override
  public Message received(Pipe pipe, Message message) {
    return null;
  }

  @Override
  public boolean send(Message message) {
    requireNoHeader(message);
    broadcast(message, null);
    return true;
  }

  @Override
  public Message receive() {
    throw cannotReceive();
  }
}
