package io.sp4j.cli;

import io.sp4j.Errno;
import io.sp4j.SpException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;

/**
 * The words nanocat prints for an error: nanomsg's text for the errno ({@link Errno#message()}).
 */
final class Errors {
  private Errors() {}

  /** The errno sp4j gives for {@code failure}: its own, or EINVAL for a malformed argument. */
  static Errno errnoOf(RuntimeException failure) {
    if (failure instanceof SpException sp) {
      return sp.errno();
    }
    if (failure instanceof IllegalArgumentException) {
      return Errno.EINVAL;
    }
    throw failure; // not an error a socket call reports: a fault to show as it is
  }

  /**
   * A socket call's failure as nanocat prints it, e.g. {@code Can't bind: Address already in use}.
   */
  static String line(String what, RuntimeException failure, boolean verbose) {
    String line = what + ": " + errnoOf(failure).message();
    return verbose && failure.getMessage() != null
        ? line + " (" + failure.getMessage() + ")"
        : line;
  }

  /** A file error as C's strerror words it. */
  static String describe(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "No such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return Errno.EACCES.message();
    }
    if (e instanceof InvalidPathException) {
      return Errno.EINVAL.message();
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    if (e instanceof IOException && e.getMessage() != null) {
      return e.getMessage();
    }
    return e.toString();
  }
}
