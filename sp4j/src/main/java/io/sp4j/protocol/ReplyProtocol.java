package io.sp4j.protocol;

import io.sp4j.Message;
import io.sp4j.ProtocolStateException;
import io.sp4j.spi.Pipe;
import io.sp4j.spi.ProtocolContext;

/**
 * REP and RESPONDENT, which answer the same way. A request's backtrace (hop words up to one with
 * the top bit set, at most MAX_TTL words) is kept with the id of the pipe it came on; malformed or
 * too-long ones are dropped. Cooked: receive hands out the body and remembers the backtrace, send
 * replies with it to that pipe, or drops the reply if the pipe is gone or full. Raw: the header is
 * pipe id + backtrace both ways.
 */
final class ReplyProtocol extends BaseProtocol {
  private byte[] backtrace;

  ReplyProtocol(ProtocolContext context, boolean raw, String name) {
    super(context, raw, name);
  }

  @Override
  public Message received(Pipe pipe, Message message) {
    int length = Wire.backtraceLength(message, maxTtl());
    if (length < 0) {
      return null;
    }
    Message split = Wire.split(message, length);
    return split.withHeader(Wire.prepend(pipe.id(), split.header()));
  }

  @Override
  public boolean send(Message message) {
    byte[] header;
    if (raw) {
      header = message.header();
      if (header.length < 4) {
        return true; // no pipe to route to: dropped, like a reply to a vanished peer
      }
    } else {
      requireNoHeader(message);
      if (backtrace == null) {
        throw ProtocolStateException.wrongState(
            name + ": no request to reply to; receive one first");
      }
      header = backtrace;
      backtrace = null;
    }
    Pipe pipe = pipe(Wire.pipeIdOf(header));
    if (pipe != null) {
      pipe.send(message.withHeader(Wire.dropFirstWord(header)));
    }
    return true;
  }

  @Override
  public boolean canSend() {
    return raw || backtrace != null;
  }

  @Override
  public Message receive() {
    if (raw) {
      return super.receive();
    }
    backtrace = null; // a new receive abandons an unanswered request
    Message request = context.receiveQueue().poll();
    if (request == null) {
      return null;
    }
    backtrace = request.header();
    return request.withHeader(Wire.NO_HEADER);
  }
}
