package io.sp4j;

/**
 * A send or receive did not complete within its timeout, or a survey's deadline passed (ETIMEDOUT).
 */
public final class SpTimeoutException extends SpException {
  private static final long serialVersionUID = 1L;

  public SpTimeoutException(String message) {
    super(Errno.ETIMEDOUT, message);
  }
}
