package io.sp4j.bench.soak;

import io.sp4j.Protocol;
import java.util.Locale;

/**
 * The traffic patterns of the soak, each a pair of sockets: the server's side (bound in the server
 * process) and the clients' side (connected, churned). PUSH/PULL runs both ways so that the server
 * both takes and gives a pipeline's messages.
 */
enum Pattern {
  /** The server's REP echoes every request; a REQ checks that the reply is its request. */
  REQ_REP(Protocol.REP, Protocol.REQ, 3),
  /** Clients PUSH, the server's PULL checks every message. */
  PUSH_TO_SERVER(Protocol.PULL, Protocol.PUSH, 3),
  /** The server PUSHes, the clients' PULLs check every message. */
  PUSH_TO_CLIENTS(Protocol.PUSH, Protocol.PULL, 3),
  /** The server PUBlishes, every SUB (subscribed to all) checks what it gets. */
  PUB_SUB(Protocol.PUB, Protocol.SUB, 3),
  /** The server's SURVEYOR asks, RESPONDENTs check the survey and answer with it. */
  SURVEY(Protocol.SURVEYOR, Protocol.RESPONDENT, 3),
  /** A raw BUS in a loopback device (a hub) passes each client's messages to the others. */
  BUS(Protocol.BUS, Protocol.BUS, 3),
  /** The server's PAIR echoes; one client at a time (a PAIR takes one peer). */
  PAIR(Protocol.PAIR, Protocol.PAIR, 1);

  final Protocol server;
  final Protocol client;

  /** How many client sockets of this pattern each transport keeps open. */
  final int clientsPerTransport;

  Pattern(Protocol server, Protocol client, int clientsPerTransport) {
    this.server = server;
    this.client = client;
    this.clientsPerTransport = clientsPerTransport;
  }

  /** A short name for URLs and file names. */
  String slug() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
