package io.sp4j;

import java.util.Objects;

/**
 * The root of sp4j's errors. Each carries the {@link Errno} that nanomsg's C API would report for
 * the same failure (for example {@link Errno#ETIMEDOUT}), so that code ported from C can map it.
 */
public class SpException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Errno errno;

  /** An error with the given nanomsg errno and a message for people. */
  public SpException(Errno errno, String message) {
    super(message);
    this.errno = Objects.requireNonNull(errno, "errno");
  }

  /** An error with a cause. */
  public SpException(Errno errno, String message, Throwable cause) {
    super(message, cause);
    this.errno = Objects.requireNonNull(errno, "errno");
  }

  /** The nanomsg errno, e.g. {@link Errno#EFSM}, {@link Errno#ETIMEDOUT}, {@link Errno#EBADF}. */
  public Errno errno() {
    return errno;
  }
}
