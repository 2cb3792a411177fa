package io.sp4j.protocol;

import io.sp4j.Message;
import io.sp4j.spi.ProtocolContext;

/**
 * PUB: every message to every subscriber that can take it now; a back-pressured subscriber misses
 * it, so a send never waits. Anything a subscriber sends is dropped.
 */
final class PubProtocol extends SendOnlyProtocol {
  PubProtocol(ProtocolContext context, boolean raw) {
    super(context, raw, "PUB");
  }

  @Override
  public boolean send(Message message) {
    requireNoHeader(message);
    broadcast(message, null);
    return true;
  }
}
