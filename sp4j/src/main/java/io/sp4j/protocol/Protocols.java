package io.sp4j.protocol;

import io.sp4j.Protocol;
import io.sp4j.spi.ProtocolContext;
import io.sp4j.spi.ProtocolEngine;

/** Makes the engine of a socket type. */
public final class Protocols {
  private Protocols() {}

  public static ProtocolEngine engine(Protocol protocol, boolean raw, ProtocolContext context) {
    return switch (protocol) {
      case PAIR -> new PairProtocol(context, raw);
      case PUB -> new PubProtocol(context, raw);
      case SUB -> new SubProtocol(context, raw);
      case REQ -> new ReqProtocol(context, raw);
      case REP -> new ReplyProtocol(context, raw, "REP");
      case PUSH -> new PushProtocol(context, raw);
      case PULL -> new PullProtocol(context, raw);
      case SURVEYOR -> new SurveyorProtocol(context, raw);
      case RESPONDENT -> new ReplyProtocol(context, raw, "RESPONDENT");
      case BUS -> new BusProtocol(context, raw);
    };
  }
}
