package io.sp4j.protocol;

import io.sp4j.Message;
import io.sp4j.spi.ProtocolContext;

/** A socket type that only receives (PULL, SUB): it is never ready to send, and send fails. */
abstract class ReceiveOnlyProtocol extends BaseProtocol {
  ReceiveOnlyProtocol(ProtocolContext context, boolean raw, String name) {
    super(context, raw, name);
  }

  @Override
  public final boolean canSend() {
    return false;
  }

  @Override
  public final boolean send(Message message) {
    throw cannotSend();
  }
}
