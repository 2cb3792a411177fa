package io.sp4j.cli;

import io.sp4j.SpException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.util.Map;

/** The words nanocat prints for an error: the C library's text for the errno. */
final class Errors {
  private static final Map<String, String> STRERROR = Map.ofEntries(
      Map.entry("EINVAL", "Invalid argument"),
      Map.entry("EPROTONOSUPPORT", "Protocol not supported"),
      Map.entry("EADDRINUSE", "Address already in use"),
      Map.entry("EADDRNOTAVAIL", "Cannot assign requested address"),
      Map.entry("ECONNREFUSED", "Connection refused"),
      Map.entry("ETIMEDOUT", "Connection timed out"),
      Map.entry("EAGAIN", "Resource temporarily unavailable"),
      Map.entry("EFSM", "Operation cannot be performed in this state"),
      Map.entry("ENOTSUP", "Operation not supported"),
      Map.entry("EBADF", "Bad file descriptor"),
      Map.entry("ETERM", "Nanomsg library was terminated"),
      Map.entry("EINTR", "Interrupted system call"),
      Map.entry("EMSGSIZE", "Message too long"),
      Map.entry("ENAMETOOLONG", "File name too long"),
      Map.entry("ENODEV", "No such device"),
      Map.entry("EACCES", "Permission denied"),
      Map.entry("EPROTO", "Protocol error"));

  private Errors() {}

  /** The errno name sp4j would give for {@code failure}: EINVAL for a malformed argument. */
  static String errnoOf(RuntimeException failure) {
    if (failure instanceof SpException sp) {
      return sp.errno();
    }
    return "EINVAL";
  }

  /** The C text for an errno name, or the name itself when there is none. */
  static String strerror(String errno) {
    return STRERROR.getOrDefault(errno, errno);
  }

  /** A socket call's failure as nanocat prints it, e.g. {@code Can't bind: Address already in use}. */
  static String line(String what, RuntimeException failure, boolean verbose) {
    String line = what + ": " + strerror(errnoOf(failure));
    return verbose && failure.getMessage() != null ? line + " (" + failure.getMessage() + ")" : line;
  }

  /** A file error as C's strerror words it. */
  static String describe(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "No such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "Permission denied";
    }
    if (e instanceof InvalidPathException) {
      return "Invalid argument";
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
