package io.sp4j.interop;

/** Which side listens: sp4j binds and the peer dials, or the peer listens and sp4j dials. */
enum Role {
  SP4J_BINDS,
  SP4J_DIALS;

  @Override
  public String toString() {
    return this == SP4J_BINDS ? "sp4j binds" : "sp4j dials";
  }
}
