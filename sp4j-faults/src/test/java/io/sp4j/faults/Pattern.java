package io.sp4j.faults;

import io.sp4j.Protocol;

/**
 * The patterns under test, named by the client's protocol and its peer's. The client dials and
 * sends; the server binds and receives (a REP also replies). The sender dials so that it is the
 * side with data in flight when its peer vanishes: that data's retransmissions are what finds out.
 */
enum Pattern {
  REQ_REP(Protocol.REQ),
  PUSH_PULL(Protocol.PUSH),
  PUB_SUB(Protocol.PUB);

  private final Protocol client;

  Pattern(Protocol client) {
    this.client = client;
  }

  Protocol client() {
    return client;
  }

  Protocol server() {
    return client.peer();
  }

  @Override
  public String toString() {
    return client + "/" + server();
  }
}
