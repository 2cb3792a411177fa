package io.sp4j.nn;

import static io.sp4j.nn.Nn.*;

import io.sp4j.Errno;
import io.sp4j.nn.internal.NnRuntime;
import java.util.ArrayList;
import java.util.List;

/** The constants that {@code nn_symbol} and {@code nn_symbol_info} enumerate, by namespace. */
final class NnSymbols {
  private static final List<NnSymbolProperties> TABLE = new ArrayList<>();

  static {
    ns("NN_NS_NAMESPACE", NN_NS_NAMESPACE);
    ns("NN_NS_VERSION", NN_NS_VERSION);
    ns("NN_NS_DOMAIN", NN_NS_DOMAIN);
    ns("NN_NS_TRANSPORT", NN_NS_TRANSPORT);
    ns("NN_NS_PROTOCOL", NN_NS_PROTOCOL);
    ns("NN_NS_OPTION_LEVEL", NN_NS_OPTION_LEVEL);
    ns("NN_NS_SOCKET_OPTION", NN_NS_SOCKET_OPTION);
    ns("NN_NS_TRANSPORT_OPTION", NN_NS_TRANSPORT_OPTION);
    ns("NN_NS_OPTION_TYPE", NN_NS_OPTION_TYPE);
    ns("NN_NS_OPTION_UNIT", NN_NS_OPTION_UNIT);
    ns("NN_NS_FLAG", NN_NS_FLAG);
    ns("NN_NS_ERROR", NN_NS_ERROR);
    ns("NN_NS_LIMIT", NN_NS_LIMIT);
    ns("NN_NS_EVENT", NN_NS_EVENT);
    ns("NN_NS_STATISTIC", NN_NS_STATISTIC);

    plain("NN_VERSION_CURRENT", NN_VERSION_CURRENT, NN_NS_VERSION);
    plain("NN_VERSION_REVISION", NN_VERSION_REVISION, NN_NS_VERSION);
    plain("NN_VERSION_AGE", NN_VERSION_AGE, NN_NS_VERSION);

    plain("AF_SP", AF_SP, NN_NS_DOMAIN);
    plain("AF_SP_RAW", AF_SP_RAW, NN_NS_DOMAIN);

    plain("NN_INPROC", NN_INPROC, NN_NS_TRANSPORT);
    plain("NN_IPC", NN_IPC, NN_NS_TRANSPORT);
    plain("NN_TCP", NN_TCP, NN_NS_TRANSPORT);
    plain("NN_WS", NN_WS, NN_NS_TRANSPORT);

    plain("NN_PAIR", NN_PAIR, NN_NS_PROTOCOL);
    plain("NN_PUB", NN_PUB, NN_NS_PROTOCOL);
    plain("NN_SUB", NN_SUB, NN_NS_PROTOCOL);
    plain("NN_REP", NN_REP, NN_NS_PROTOCOL);
    plain("NN_REQ", NN_REQ, NN_NS_PROTOCOL);
    plain("NN_PUSH", NN_PUSH, NN_NS_PROTOCOL);
    plain("NN_PULL", NN_PULL, NN_NS_PROTOCOL);
    plain("NN_SURVEYOR", NN_SURVEYOR, NN_NS_PROTOCOL);
    plain("NN_RESPONDENT", NN_RESPONDENT, NN_NS_PROTOCOL);
    plain("NN_BUS", NN_BUS, NN_NS_PROTOCOL);

    plain("NN_SOL_SOCKET", NN_SOL_SOCKET, NN_NS_OPTION_LEVEL);

    option("NN_LINGER", NN_LINGER, NN_NS_SOCKET_OPTION, NN_TYPE_INT, NN_UNIT_MILLISECONDS);
    option("NN_SNDBUF", NN_SNDBUF, NN_NS_SOCKET_OPTION, NN_TYPE_INT, NN_UNIT_BYTES);
    option("NN_RCVBUF", NN_RCVBUF, NN_NS_SOCKET_OPTION, NN_TYPE_INT, NN_UNIT_BYTES);
    option("NN_RCVMAXSIZE", NN_RCVMAXSIZE, NN_NS_SOCKET_OPTION, NN_TYPE_INT, NN_UNIT_BYTES);
    option("NN_SNDTIMEO", NN_SNDTIMEO, NN_NS_SOCKET_OPTION, NN_TYPE_INT, NN_UNIT_MILLISECONDS);
    option("NN_RCVTIMEO", NN_RCVTIMEO, NN_NS_SOCKET_OPTION, NN_TYPE_INT, NN_UNIT_MILLISECONDS);
    option(
        "NN_RECONNECT_IVL",
        NN_RECONNECT_IVL,
        NN_NS_SOCKET_OPTION,
        NN_TYPE_INT,
        NN_UNIT_MILLISECONDS);
    option(
        "NN_RECONNECT_IVL_MAX",
        NN_RECONNECT_IVL_MAX,
        NN_NS_SOCKET_OPTION,
        NN_TYPE_INT,
        NN_UNIT_MILLISECONDS);
    option("NN_SNDPRIO", NN_SNDPRIO, NN_NS_SOCKET_OPTION, NN_TYPE_INT, NN_UNIT_PRIORITY);
    option("NN_RCVPRIO", NN_RCVPRIO, NN_NS_SOCKET_OPTION, NN_TYPE_INT, NN_UNIT_PRIORITY);
    option("NN_SNDFD", NN_SNDFD, NN_NS_SOCKET_OPTION, NN_TYPE_INT, NN_UNIT_NONE);
    option("NN_RCVFD", NN_RCVFD, NN_NS_SOCKET_OPTION, NN_TYPE_INT, NN_UNIT_NONE);
    option("NN_DOMAIN", NN_DOMAIN, NN_NS_SOCKET_OPTION, NN_TYPE_INT, NN_UNIT_NONE);
    option("NN_PROTOCOL", NN_PROTOCOL, NN_NS_SOCKET_OPTION, NN_TYPE_INT, NN_UNIT_NONE);
    option("NN_IPV4ONLY", NN_IPV4ONLY, NN_NS_SOCKET_OPTION, NN_TYPE_INT, NN_UNIT_BOOLEAN);
    option("NN_SOCKET_NAME", NN_SOCKET_NAME, NN_NS_SOCKET_OPTION, NN_TYPE_STR, NN_UNIT_NONE);
    option("NN_MAXTTL", NN_MAXTTL, NN_NS_SOCKET_OPTION, NN_TYPE_INT, NN_UNIT_NONE);

    option("NN_SUB_SUBSCRIBE", NN_SUB_SUBSCRIBE, NN_NS_TRANSPORT_OPTION, NN_TYPE_STR, NN_UNIT_NONE);
    option(
        "NN_SUB_UNSUBSCRIBE",
        NN_SUB_UNSUBSCRIBE,
        NN_NS_TRANSPORT_OPTION,
        NN_TYPE_STR,
        NN_UNIT_NONE);
    option(
        "NN_REQ_RESEND_IVL",
        NN_REQ_RESEND_IVL,
        NN_NS_TRANSPORT_OPTION,
        NN_TYPE_INT,
        NN_UNIT_MILLISECONDS);
    option(
        "NN_SURVEYOR_DEADLINE",
        NN_SURVEYOR_DEADLINE,
        NN_NS_TRANSPORT_OPTION,
        NN_TYPE_INT,
        NN_UNIT_MILLISECONDS);
    option("NN_TCP_NODELAY", NN_TCP_NODELAY, NN_NS_TRANSPORT_OPTION, NN_TYPE_INT, NN_UNIT_BOOLEAN);
    option("NN_WS_MSG_TYPE", NN_WS_MSG_TYPE, NN_NS_TRANSPORT_OPTION, NN_TYPE_INT, NN_UNIT_NONE);

    plain("NN_DONTWAIT", NN_DONTWAIT, NN_NS_FLAG);
    plain("NN_WS_MSG_TYPE_TEXT", NN_WS_MSG_TYPE_TEXT, NN_NS_FLAG);
    plain("NN_WS_MSG_TYPE_BINARY", NN_WS_MSG_TYPE_BINARY, NN_NS_FLAG);

    plain("NN_TYPE_NONE", NN_TYPE_NONE, NN_NS_OPTION_TYPE);
    plain("NN_TYPE_INT", NN_TYPE_INT, NN_NS_OPTION_TYPE);
    plain("NN_TYPE_STR", NN_TYPE_STR, NN_NS_OPTION_TYPE);

    plain("NN_UNIT_NONE", NN_UNIT_NONE, NN_NS_OPTION_UNIT);
    plain("NN_UNIT_BYTES", NN_UNIT_BYTES, NN_NS_OPTION_UNIT);
    plain("NN_UNIT_MILLISECONDS", NN_UNIT_MILLISECONDS, NN_NS_OPTION_UNIT);
    plain("NN_UNIT_PRIORITY", NN_UNIT_PRIORITY, NN_NS_OPTION_UNIT);
    plain("NN_UNIT_BOOLEAN", NN_UNIT_BOOLEAN, NN_NS_OPTION_UNIT);
    plain("NN_UNIT_MESSAGES", NN_UNIT_MESSAGES, NN_NS_OPTION_UNIT);
    plain("NN_UNIT_COUNTER", NN_UNIT_COUNTER, NN_NS_OPTION_UNIT);

    plain("NN_SOCKADDR_MAX", NN_SOCKADDR_MAX, NN_NS_LIMIT);

    plain("NN_POLLIN", NN_POLLIN, NN_NS_EVENT);
    plain("NN_POLLOUT", NN_POLLOUT, NN_NS_EVENT);

    for (Errno errno : Errno.values()) {
      plain(errno.name(), errno.number(), NN_NS_ERROR);
    }
  }

  private NnSymbols() {}

  private static void ns(String name, int value) {
    plain(name, value, NN_NS_NAMESPACE);
  }

  private static void plain(String name, int value, int ns) {
    option(name, value, ns, NN_TYPE_NONE, NN_UNIT_NONE);
  }

  private static void option(String name, int value, int ns, int type, int unit) {
    TABLE.add(new NnSymbolProperties(value, name, ns, type, unit));
  }

  /** {@code nn_symbol_info}: the properties, or {@code null} past the end. */
  static NnSymbolProperties info(int i) {
    return i < 0 || i >= TABLE.size() ? null : TABLE.get(i);
  }

  /**
   * {@code nn_symbol}: the name, its value in {@code value[0]}; {@code null} with EINVAL (set in
   * {@code runtime}'s errno) past the end.
   */
  static String symbol(int i, int[] value, NnRuntime runtime) {
    NnSymbolProperties info = info(i);
    if (info == null) {
      return runtime.failNull(Errno.EINVAL);
    }
    if (value != null && value.length > 0) {
      value[0] = info.value();
    }
    return info.name();
  }
}
