package io.sp4j;

/**
 * The root of sp4j's errors. Each carries the nanomsg errno name that the C API would report for
 * the same failure (for example {@code "ETIMEDOUT"}), so that code ported from C can map it.
 */
public class SpException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String errno;

  /** An error with the given nanomsg errno name and a message for people. */
  public SpException(String errno, String message) {
    super(message);
    this.errno = errno;
  }

  /** An error with a cause. */
  public SpException(String errno, String message, Throwable cause) {
    super(message, cause);
    this.errno = errno;
  }

  /** The nanomsg errno name, e.g. {@code "EFSM"}, {@code "ETIMEDOUT"}, {@code "EBADF"}. */
  public String errno() {
    return errno;
  }
}
