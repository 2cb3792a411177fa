package io.sp4j.protocol;

import io.sp4j.Message;
import io.sp4j.spi.Pipe;
import io.sp4j.spi.ProtocolContext;

/** A socket type that only sends (PUB, PUSH): whatever a peer sends is dropped; receive fails. */
abstract class SendOnlyProtocol extends BaseProtocol {
  SendOnlyProtocol(ProtocolContext context, boolean raw, String name) {
    super(context, raw, name);
  }

  @Override
  public final Message received(Pipe pipe, Message message) {
    return null;
  }

  @Override
  public final Message receive() {
    throw cannotReceive();
  }
}
