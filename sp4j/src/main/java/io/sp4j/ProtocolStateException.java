package io.sp4j;

/**
 * The operation is not allowed by the socket's protocol in its current state: a REP replying with
 * no request pending, a REQ or SURVEYOR receiving with nothing asked (errno EFSM); or not allowed
 * at all by this socket type: a SUB or PULL sending, a PUB or PUSH receiving (ENOTSUP).
 */
public final class ProtocolStateException extends SpException {
  private static final long serialVersionUID = 1L;

  public ProtocolStateException(Errno errno, String message) {
    super(errno, message);
  }

  /** EFSM: allowed by this socket type, but not now. */
  public static ProtocolStateException wrongState(String message) {
    return new ProtocolStateException(Errno.EFSM, message);
  }

  /** ENOTSUP: never allowed by this socket type. */
  public static ProtocolStateException unsupported(String message) {
    return new ProtocolStateException(Errno.ENOTSUP, message);
  }
}
