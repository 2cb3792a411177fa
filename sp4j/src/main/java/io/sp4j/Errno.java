package io.sp4j;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * nanomsg's error codes: the 32 names nanomsg 1.1.5's {@code nn_symbol} lists, each with its number
 * on Linux and the text {@code nn_strerror} gives for it. Every {@link SpException} carries one
 * ({@link SpException#errno()}), and the nn facade reports {@link #number()} through {@code
 * nn_errno()}.
 *
 * <p>The numbers are Linux's {@code errno.h} values, except {@link #ETERM} and {@link #EFSM}, which
 * only nanomsg has ({@code NN_HAUSNUMERO} + 53 and + 54 in {@code nn.h}). The texts are the C
 * library's {@code strerror} words, which nanomsg passes on, and nanomsg's own for those two.
 */
public enum Errno {
  EINTR(4, "Interrupted system call"),
  EBADF(9, "Bad file descriptor"),
  EAGAIN(11, "Resource temporarily unavailable"),
  ENOMEM(12, "Cannot allocate memory"),
  EACCES(13, "Permission denied"),
  EFAULT(14, "Bad address"),
  ENODEV(19, "No such device"),
  EINVAL(22, "Invalid argument"),
  EMFILE(24, "Too many open files"),
  ENAMETOOLONG(36, "File name too long"),
  EPROTO(71, "Protocol error"),
  ENOTSOCK(88, "Socket operation on non-socket"),
  EMSGSIZE(90, "Message too long"),
  ENOPROTOOPT(92, "Protocol not available"),
  EPROTONOSUPPORT(93, "Protocol not supported"),
  ENOTSUP(95, "Operation not supported"),
  EAFNOSUPPORT(97, "Address family not supported by protocol"),
  EADDRINUSE(98, "Address already in use"),
  EADDRNOTAVAIL(99, "Cannot assign requested address"),
  ENETDOWN(100, "Network is down"),
  ENETUNREACH(101, "Network is unreachable"),
  ENETRESET(102, "Network dropped connection on reset"),
  ECONNABORTED(103, "Software caused connection abort"),
  ECONNRESET(104, "Connection reset by peer"),
  ENOBUFS(105, "No buffer space available"),
  ENOTCONN(107, "Transport endpoint is not connected"),
  ETIMEDOUT(110, "Connection timed out"),
  ECONNREFUSED(111, "Connection refused"),
  EHOSTUNREACH(113, "No route to host"),
  EINPROGRESS(115, "Operation now in progress"),
  /** The library was terminated ({@code nn_term}); {@code NN_HAUSNUMERO + 53}. */
  ETERM(156384712 + 53, "Nanomsg library was terminated"),
  /** The operation is not allowed in the socket's current state; {@code NN_HAUSNUMERO + 54}. */
  EFSM(156384712 + 54, "Operation cannot be performed in this state");

  private static final Map<Integer, Errno> BY_NUMBER =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(Errno::number, Function.identity()));

  private final int number;
  private final String message;

  Errno(int number, String message) {
    this.number = number;
    this.message = message;
  }

  /** The number C code sees in {@code errno}, e.g. 110 for {@link #ETIMEDOUT}. */
  public int number() {
    return number;
  }

  /** What {@code nn_strerror} says for this error, e.g. {@code "Connection timed out"}. */
  public String message() {
    return message;
  }

  /** The error with this number, or empty for a number nanomsg does not name. */
  public static Optional<Errno> fromNumber(int number) {
    return Optional.ofNullable(BY_NUMBER.get(number));
  }
}
