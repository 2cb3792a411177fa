package io.sp4j;

/** The socket is closed (EBADF), or the library was terminated while the call waited (ETERM). */
public final class SocketClosedException extends SpException {
  private static final long serialVersionUID = 1L;

  public SocketClosedException(Errno errno, String message) {
    super(errno, message);
  }

  /** The usual case: an operation on a closed socket. */
  public static SocketClosedException closed() {
    return new SocketClosedException(Errno.EBADF, "socket is closed");
  }
}
