package io.sp4j.faults;

import io.sp4j.Protocol;

/**
 * The patterns under test. The client dials and sends; the server binds and receives (a REP
 * also replies). The sender dials so that it is the side with data in flight when its peer
 * vanishes: that data's retransmissions are what finds out.
 */
enum Pattern {
  REQ_REP(Protocol.REQ, Protocol.REP),
  PUSH_PULL(Protocol.PUSH, Protocol.PULL),
  PUB_SUB(Protocol.PUB, Protocol.SUB);

  private final Protocol client;
  private final Protocol server;

  Pattern(Protocol client, Protocol server) {
    this.client = client;
    this.server = server;
  }

  Protocol client() {
    return client;
  }

  Protocol server() {
    return server;
  }

  @Override
  public String toString() {
    return client + "/" + server;
  }
}
