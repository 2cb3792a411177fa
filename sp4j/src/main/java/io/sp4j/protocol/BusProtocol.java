package io.sp4j.protocol;

import io.sp4j.Message;
import io.sp4j.spi.Pipe;
import io.sp4j.spi.ProtocolContext;

/**
 * BUS: a message goes to every directly connected peer that can take it, with no header; what
 * arrives is never forwarded. Raw: a received message's header is the 4-byte id of the pipe it came
 * on, and sending with that header reaches every peer but that one (how a device rebroadcasts
 * without echo).
 */
final class BusProtocol extends BaseProtocol {
  BusProtocol(ProtocolContext context, boolean raw) {
    super(context, raw, "BUS");
  }

  @Override
  public Message received(Pipe pipe, Message message) {
    Message plain = Wire.split(message, 0);
    return raw ? plain.withHeader(Wire.word(pipe.id())) : plain;
  }

  @Override
  public boolean send(Message message) {
    Pipe excluded = null;
    if (raw && message.headerSize() == 4) {
      excluded = pipe(Wire.pipeIdOf(message.header()));
      message = message.withHeader(Wire.NO_HEADER);
    } else if (raw && message.headerSize() != 0) {
      throw new IllegalArgumentException(
          "message: a raw BUS header is empty or a 4-byte pipe id, got "
              + message.headerSize()
              + " bytes");
    } else {
      requireNoHeader(message);
    }
    broadcast(message, excluded);
    return true;
  }
}
