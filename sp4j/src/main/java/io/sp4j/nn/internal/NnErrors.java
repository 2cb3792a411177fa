package io.sp4j.nn.internal;

import io.sp4j.SpException;
import io.sp4j.nn.Nn;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The errno values of the nn facade: one table of name, Linux number and text, and the per-thread
 * errno that {@link Nn#nn_errno()} reads. Like mangos' {@code errors/errors.go}, the single place
 * where errors are defined.
 */
public final class NnErrors {
  private record Code(int value, String text) {}

  private static final Map<String, Code> BY_NAME = new LinkedHashMap<>();
  private static final Map<Integer, String> NAME_BY_VALUE = new LinkedHashMap<>();
  private static final ThreadLocal<int[]> ERRNO = ThreadLocal.withInitial(() -> new int[1]);

  static {
    code("EINTR", Nn.EINTR, "A blocking call was interrupted");
    code("EBADF", Nn.EBADF, "Not a valid, open socket");
    code("EAGAIN", Nn.EAGAIN, "The operation would have to wait; try again later");
    code("ENOMEM", Nn.ENOMEM, "Out of memory");
    code("EACCES", Nn.EACCES, "Permission denied");
    code("EFAULT", Nn.EFAULT, "A required buffer is missing");
    code("ENODEV", Nn.ENODEV, "No such network interface or local address");
    code("EINVAL", Nn.EINVAL, "An argument is not valid");
    code("EMFILE", Nn.EMFILE, "Too many sockets or endpoints are open");
    code("ENAMETOOLONG", Nn.ENAMETOOLONG, "The address is too long");
    code("EPROTO", Nn.EPROTO, "The peer broke the protocol");
    code("ENOTSOCK", Nn.ENOTSOCK, "Not a socket");
    code("EMSGSIZE", Nn.EMSGSIZE, "The message is too long");
    code("ENOPROTOOPT", Nn.ENOPROTOOPT, "No such option at this level for this socket");
    code("EPROTONOSUPPORT", Nn.EPROTONOSUPPORT, "The transport or protocol is not supported");
    code("ENOTSUP", Nn.ENOTSUP, "This socket type does not support the operation");
    code("EAFNOSUPPORT", Nn.EAFNOSUPPORT, "The domain is neither AF_SP nor AF_SP_RAW");
    code("EADDRINUSE", Nn.EADDRINUSE, "The address is already in use");
    code("EADDRNOTAVAIL", Nn.EADDRNOTAVAIL, "The address is not available on this host");
    code("ENETDOWN", Nn.ENETDOWN, "The network is down");
    code("ENETUNREACH", Nn.ENETUNREACH, "The network cannot be reached");
    code("ENETRESET", Nn.ENETRESET, "The network dropped the connection");
    code("ECONNABORTED", Nn.ECONNABORTED, "The connection was aborted");
    code("ECONNRESET", Nn.ECONNRESET, "The peer reset the connection");
    code("ENOBUFS", Nn.ENOBUFS, "No buffer space is left");
    code("ENOTCONN", Nn.ENOTCONN, "Not connected");
    code("ETIMEDOUT", Nn.ETIMEDOUT, "The operation timed out");
    code("ECONNREFUSED", Nn.ECONNREFUSED, "The peer refused the connection");
    code("EHOSTUNREACH", Nn.EHOSTUNREACH, "The host cannot be reached");
    code("EINPROGRESS", Nn.EINPROGRESS, "The operation is in progress");
    code("ETERM", Nn.ETERM, "Nanomsg library was terminated");
    code("EFSM", Nn.EFSM, "Operation cannot be performed in this state");
  }

  private NnErrors() {}

  private static void code(String name, int value, String text) {
    BY_NAME.put(name, new Code(value, text));
    NAME_BY_VALUE.put(value, name);
  }

  /** The calling thread's errno. */
  public static int errno() {
    return ERRNO.get()[0];
  }

  /** Sets the calling thread's errno and returns -1, the C failure value. */
  public static int fail(int errno) {
    ERRNO.get()[0] = errno;
    return -1;
  }

  /** The errno number for an sp4j error name; EINVAL for a name the facade does not know. */
  public static int valueOf(String name) {
    Code code = BY_NAME.get(name);
    return code == null ? Nn.EINVAL : code.value;
  }

  /** The errno of an exception thrown by the sp4j API. */
  public static int of(RuntimeException e) {
    if (e instanceof SpException sp) {
      return valueOf(sp.errno());
    }
    if (e instanceof NullPointerException) {
      return Nn.EFAULT;
    }
    return Nn.EINVAL; // IllegalArgumentException and friends: a bad value or address
  }

  /** The name of an errno value, e.g. {@code "EFSM"}, or {@code null}. */
  public static String nameOf(int errno) {
    return NAME_BY_VALUE.get(errno);
  }

  /** Readable text for an errno value. */
  public static String text(int errno) {
    String name = NAME_BY_VALUE.get(errno);
    return name == null ? "Unknown error " + errno : BY_NAME.get(name).text;
  }

  /** Every errno the facade knows, in table order: name to value. */
  public static Map<String, Integer> all() {
    Map<String, Integer> all = new LinkedHashMap<>();
    BY_NAME.forEach((name, code) -> all.put(name, code.value));
    return all;
  }
}
