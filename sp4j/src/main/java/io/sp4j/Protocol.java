package io.sp4j;

/**
 * The Scalability Protocols. Each constant knows its protocol number (as carried in the TCP/IPC
 * greeting), its peer, and its name in the WebSocket sub-protocol {@code <name>.sp.nanomsg.org}.
 */
public enum Protocol {
  PAIR(16, 16, "pair"),
  PUB(32, 33, "pub"),
  SUB(33, 32, "sub"),
  REQ(48, 49, "req"),
  REP(49, 48, "rep"),
  PUSH(80, 81, "push"),
  PULL(81, 80, "pull"),
  SURVEYOR(98, 99, "surveyor"),
  RESPONDENT(99, 98, "respondent"),
  BUS(112, 112, "bus");

  private final int number;
  private final int peerNumber;
  private final String wireName;

  Protocol(int number, int peerNumber, String wireName) {
    this.number = number;
    this.peerNumber = peerNumber;
    this.wireName = wireName;
  }

  /** The protocol number, family × 16 + role (PAIR 16, PUB 32, … BUS 112). */
  public int number() {
    return number;
  }

  /** The only protocol this one talks to. */
  public Protocol peer() {
    return fromNumber(peerNumber);
  }

  /** The name used in the WebSocket sub-protocol, e.g. {@code "rep"}. */
  public String wireName() {
    return wireName;
  }

  /** The protocol family (number / 16): sockets of one family can be joined by a device. */
  public int family() {
    return number / 16;
  }

  /** Whether a peer speaking {@code other} may connect to a socket of this protocol. */
  public boolean acceptsPeer(Protocol other) {
    return other.number == peerNumber;
  }

  /**
   * The protocol with the given number.
   *
   * @throws IllegalArgumentException if no protocol has that number
   */
  public static Protocol fromNumber(int number) {
    for (Protocol p : values()) {
      if (p.number == number) {
        return p;
      }
    }
    throw new IllegalArgumentException("protocol: no SP protocol has number " + number);
  }
}
