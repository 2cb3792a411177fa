package io.sp4j.nn.internal;

import io.sp4j.Errno;
import io.sp4j.SpException;

/**
 * The per-thread errno of one nn runtime, as {@code nn_errno()} reads it, and the one rule that
 * turns an exception of the sp4j API into an {@link Errno}.
 */
final class NnErrors {
  private final ThreadLocal<Errno> last = new ThreadLocal<>();

  /** The calling thread's errno: the number of its last failure, 0 before any. */
  int errno() {
    Errno errno = last.get();
    return errno == null ? 0 : errno.number();
  }

  /** Sets the calling thread's errno and returns -1, the C failure value. */
  int fail(Errno errno) {
    last.set(errno);
    return -1;
  }

  /** Sets the calling thread's errno and returns {@code null}, the C failure value for pointers. */
  <T> T failNull(Errno errno) {
    last.set(errno);
    return null;
  }

  /**
   * The errno of an exception thrown by the sp4j API: an {@link SpException} carries its own; a bad
   * argument is EINVAL, a missing one EFAULT. Anything else is a fault in sp4j, not a C error, and
   * is thrown on rather than disguised as one.
   */
  Errno of(RuntimeException e) {
    if (e instanceof SpException sp) {
      return sp.errno();
    }
    if (e instanceof IllegalArgumentException) {
      return Errno.EINVAL;
    }
    if (e instanceof NullPointerException) {
      return Errno.EFAULT;
    }
    throw e;
  }
}
