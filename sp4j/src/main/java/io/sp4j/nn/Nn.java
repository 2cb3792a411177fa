package io.sp4j.nn;

import io.sp4j.nn.internal.NnCmsgLayout;
import io.sp4j.nn.internal.NnConstants;
import io.sp4j.nn.internal.NnRuntime;

/**
 * The nanomsg C API over sp4j, for porting C code line by line: {@code import static
 * io.sp4j.nn.Nn.*;}. Names and numbers are those of nanomsg 1.1.5 on 64-bit Linux. Sockets are
 * small ints, functions return -1 on failure and leave the reason in a per-thread errno that {@link
 * #nn_errno()} reads: the {@link io.sp4j.Errno#number() number} of an {@link io.sp4j.Errno}, as
 * every {@link io.sp4j.SpException} carries one. The functions work on one process-wide socket
 * table, as nanomsg's do.
 *
 * <p>Where Java differs from C:
 *
 * <ul>
 *   <li>buffers are {@code byte[]}; {@code nn_send(s, buf, flags)} copies, {@code nn_send(s, buf,
 *       NN_MSG, flags)} hands the array over (zero copy, as with {@code nn_allocmsg}); {@code
 *       nn_recv(s, flags)} is the {@code NN_MSG} receive and returns the body (or {@code null});
 *   <li>{@code NN_SNDFD}/{@code NN_RCVFD} fail with ENOPROTOOPT: Java sockets have no file
 *       descriptors; use {@link #nn_poll};
 *   <li>{@code NN_IPV4ONLY} is kept (0 or 1) but has no effect: sp4j always accepts IPv6;
 *   <li>{@code NN_TCP_NODELAY} defaults to 1 (sp4j's default) and also applies to ws://;
 *   <li>the transports are {@code inproc://}, {@code ipc://}, {@code tcp://}, {@code ws://} and
 *       {@code wss://};
 *   <li>a JVM outlives {@link #nn_term()}, so {@link #nn_init()} allows new sockets again.
 * </ul>
 */
public final class Nn {
  private static final NnRuntime RUNTIME = new NnRuntime();

  private Nn() {}

  // Up to the symbol namespaces, the numbers are the runtime's (NnConstants), published here.

  // ---- domains, protocols ------------------------------------------------------------------
  public static final int AF_SP = NnConstants.AF_SP;
  public static final int AF_SP_RAW = NnConstants.AF_SP_RAW;
  public static final int NN_PROTO_PAIR = NnConstants.NN_PROTO_PAIR;
  public static final int NN_PROTO_PUBSUB = NnConstants.NN_PROTO_PUBSUB;
  public static final int NN_PROTO_REQREP = NnConstants.NN_PROTO_REQREP;
  public static final int NN_PROTO_PIPELINE = NnConstants.NN_PROTO_PIPELINE;
  public static final int NN_PROTO_SURVEY = NnConstants.NN_PROTO_SURVEY;
  public static final int NN_PROTO_BUS = NnConstants.NN_PROTO_BUS;
  public static final int NN_PAIR = NnConstants.NN_PAIR;
  public static final int NN_PUB = NnConstants.NN_PUB;
  public static final int NN_SUB = NnConstants.NN_SUB;
  public static final int NN_REQ = NnConstants.NN_REQ;
  public static final int NN_REP = NnConstants.NN_REP;
  public static final int NN_PUSH = NnConstants.NN_PUSH;
  public static final int NN_PULL = NnConstants.NN_PULL;
  public static final int NN_SURVEYOR = NnConstants.NN_SURVEYOR;
  public static final int NN_RESPONDENT = NnConstants.NN_RESPONDENT;
  public static final int NN_BUS = NnConstants.NN_BUS;

  // ---- options -------------------------------------------------------------------------------
  public static final int NN_SOL_SOCKET = NnConstants.NN_SOL_SOCKET;
  public static final int NN_LINGER = NnConstants.NN_LINGER;
  public static final int NN_SNDBUF = NnConstants.NN_SNDBUF;
  public static final int NN_RCVBUF = NnConstants.NN_RCVBUF;
  public static final int NN_SNDTIMEO = NnConstants.NN_SNDTIMEO;
  public static final int NN_RCVTIMEO = NnConstants.NN_RCVTIMEO;
  public static final int NN_RECONNECT_IVL = NnConstants.NN_RECONNECT_IVL;
  public static final int NN_RECONNECT_IVL_MAX = NnConstants.NN_RECONNECT_IVL_MAX;
  public static final int NN_SNDPRIO = NnConstants.NN_SNDPRIO;
  public static final int NN_RCVPRIO = NnConstants.NN_RCVPRIO;
  public static final int NN_SNDFD = NnConstants.NN_SNDFD;
  public static final int NN_RCVFD = NnConstants.NN_RCVFD;
  public static final int NN_DOMAIN = NnConstants.NN_DOMAIN;
  public static final int NN_PROTOCOL = NnConstants.NN_PROTOCOL;
  public static final int NN_IPV4ONLY = NnConstants.NN_IPV4ONLY;
  public static final int NN_SOCKET_NAME = NnConstants.NN_SOCKET_NAME;
  public static final int NN_RCVMAXSIZE = NnConstants.NN_RCVMAXSIZE;
  public static final int NN_MAXTTL = NnConstants.NN_MAXTTL;
  public static final int NN_SUB_SUBSCRIBE = NnConstants.NN_SUB_SUBSCRIBE;
  public static final int NN_SUB_UNSUBSCRIBE = NnConstants.NN_SUB_UNSUBSCRIBE;
  public static final int NN_REQ_RESEND_IVL = NnConstants.NN_REQ_RESEND_IVL;
  public static final int NN_SURVEYOR_DEADLINE = NnConstants.NN_SURVEYOR_DEADLINE;

  // ---- transports ----------------------------------------------------------------------------
  public static final int NN_INPROC = NnConstants.NN_INPROC;
  public static final int NN_IPC = NnConstants.NN_IPC;
  public static final int NN_TCP = NnConstants.NN_TCP;
  public static final int NN_WS = NnConstants.NN_WS;
  public static final int NN_TCP_NODELAY = NnConstants.NN_TCP_NODELAY;
  public static final int NN_WS_MSG_TYPE = NnConstants.NN_WS_MSG_TYPE;
  public static final int NN_WS_MSG_TYPE_TEXT = NnConstants.NN_WS_MSG_TYPE_TEXT;
  public static final int NN_WS_MSG_TYPE_BINARY = NnConstants.NN_WS_MSG_TYPE_BINARY;

  // ---- flags, events, limits, control messages ---------------------------------------------
  public static final int NN_DONTWAIT = NnConstants.NN_DONTWAIT;
  public static final int NN_POLLIN = NnConstants.NN_POLLIN;
  public static final int NN_POLLOUT = NnConstants.NN_POLLOUT;

  /** As a length: the zero-copy form ({@code (size_t) -1} in C). */
  public static final int NN_MSG = NnConstants.NN_MSG;

  public static final int PROTO_SP = NnConstants.PROTO_SP;
  public static final int SP_HDR = NnConstants.SP_HDR;
  public static final int NN_SOCKADDR_MAX = NnConstants.NN_SOCKADDR_MAX;
  public static final int NN_MAX_SOCKETS = NnConstants.NN_MAX_SOCKETS;
  public static final int NN_VERSION_CURRENT = NnConstants.NN_VERSION_CURRENT;
  public static final int NN_VERSION_REVISION = NnConstants.NN_VERSION_REVISION;
  public static final int NN_VERSION_AGE = NnConstants.NN_VERSION_AGE;

  // ---- nn_symbol_info namespaces, types, units ---------------------------------------------
  public static final int NN_NS_NAMESPACE = 0;
  public static final int NN_NS_VERSION = 1;
  public static final int NN_NS_DOMAIN = 2;
  public static final int NN_NS_TRANSPORT = 3;
  public static final int NN_NS_PROTOCOL = 4;
  public static final int NN_NS_OPTION_LEVEL = 5;
  public static final int NN_NS_SOCKET_OPTION = 6;
  public static final int NN_NS_TRANSPORT_OPTION = 7;
  public static final int NN_NS_OPTION_TYPE = 8;
  public static final int NN_NS_OPTION_UNIT = 9;
  public static final int NN_NS_FLAG = 10;
  public static final int NN_NS_ERROR = 11;
  public static final int NN_NS_LIMIT = 12;
  public static final int NN_NS_EVENT = 13;
  public static final int NN_NS_STATISTIC = 14;
  public static final int NN_TYPE_NONE = 0;
  public static final int NN_TYPE_INT = 1;
  public static final int NN_TYPE_STR = 2;
  public static final int NN_UNIT_NONE = 0;
  public static final int NN_UNIT_BYTES = 1;
  public static final int NN_UNIT_MILLISECONDS = 2;
  public static final int NN_UNIT_PRIORITY = 3;
  public static final int NN_UNIT_BOOLEAN = 4;
  public static final int NN_UNIT_MESSAGES = 5;
  public static final int NN_UNIT_COUNTER = 6;

  // ---- errno values (Linux): the numbers of io.sp4j.Errno, as compile-time constants -----------
  public static final int NN_HAUSNUMERO = 156384712;
  public static final int EINTR = 4;
  public static final int EBADF = 9;
  public static final int EAGAIN = 11;
  public static final int ENOMEM = 12;
  public static final int EACCES = 13;
  public static final int EFAULT = 14;
  public static final int ENODEV = 19;
  public static final int EINVAL = 22;
  public static final int EMFILE = 24;
  public static final int ENAMETOOLONG = 36;
  public static final int EPROTO = 71;
  public static final int ENOTSOCK = 88;
  public static final int EMSGSIZE = 90;
  public static final int ENOPROTOOPT = 92;
  public static final int EPROTONOSUPPORT = 93;
  public static final int ENOTSUP = 95;
  public static final int EAFNOSUPPORT = 97;
  public static final int EADDRINUSE = 98;
  public static final int EADDRNOTAVAIL = 99;
  public static final int ENETDOWN = 100;
  public static final int ENETUNREACH = 101;
  public static final int ENETRESET = 102;
  public static final int ECONNABORTED = 103;
  public static final int ECONNRESET = 104;
  public static final int ENOBUFS = 105;
  public static final int ENOTCONN = 107;
  public static final int ETIMEDOUT = 110;
  public static final int ECONNREFUSED = 111;
  public static final int EHOSTUNREACH = 113;
  public static final int EINPROGRESS = 115;

  /** The library was terminated by {@link #nn_term()}. */
  public static final int ETERM = NN_HAUSNUMERO + 53;

  /** The operation is not allowed in the socket's current state. */
  public static final int EFSM = NN_HAUSNUMERO + 54;

  // ---- errors --------------------------------------------------------------------------------

  /** The errno of the calling thread's last failed call. */
  public static int nn_errno() {
    return RUNTIME.errno();
  }

  /**
   * The text nanomsg gives for an errno value on Linux ({@link io.sp4j.Errno#message()}), e.g.
   * "Connection timed out" for {@link #ETIMEDOUT}; "Unknown error N" for a number it does not name.
   */
  public static String nn_strerror(int errnum) {
    return RUNTIME.strerror(errnum);
  }

  // ---- sockets and endpoints ---------------------------------------------------------------

  /**
   * Opens a socket: the lowest free number, or -1 with EAFNOSUPPORT (domain), EINVAL (protocol),
   * EMFILE (512 open) or ETERM (after {@link #nn_term()}).
   */
  public static int nn_socket(int domain, int protocol) {
    return RUNTIME.socket(domain, protocol);
  }

  /** Closes a socket; EBADF if it is not open. Calls blocked on it fail with EBADF. */
  public static int nn_close(int s) {
    return RUNTIME.close(s);
  }

  /** Binds; returns an endpoint id for {@link #nn_shutdown}. */
  public static int nn_bind(int s, String addr) {
    return RUNTIME.bind(s, addr);
  }

  /** Connects (in the background); returns an endpoint id for {@link #nn_shutdown}. */
  public static int nn_connect(int s, String addr) {
    return RUNTIME.connect(s, addr);
  }

  /** Removes an endpoint; EINVAL if the socket has no endpoint {@code how}. */
  public static int nn_shutdown(int s, int how) {
    return RUNTIME.shutdown(s, how);
  }

  // ---- messages ------------------------------------------------------------------------------

  /** Sends a copy of {@code buf}; returns its length. */
  public static int nn_send(int s, byte[] buf, int flags) {
    return RUNTIME.send(s, buf, buf == null ? 0 : buf.length, flags);
  }

  /**
   * Sends the first {@code len} bytes of {@code buf} (copied), or, with {@code len} = {@link
   * #NN_MSG}, {@code buf} itself without a copy: it then belongs to the library.
   */
  public static int nn_send(int s, byte[] buf, int len, int flags) {
    return RUNTIME.send(s, buf, len, flags);
  }

  /** Receives into {@code buf}, cutting off what does not fit; returns the full length. */
  public static int nn_recv(int s, byte[] buf, int flags) {
    return RUNTIME.recv(s, buf, flags);
  }

  /** Receives a message, {@code NN_MSG} style: the body (not copied), or {@code null}. */
  public static byte[] nn_recv(int s, int flags) {
    return RUNTIME.recv(s, flags);
  }

  /** Sends the parts of {@code msghdr} and its control data (SP header, ws message type). */
  public static int nn_sendmsg(int s, NnMsgHdr msghdr, int flags) {
    return NnValueCalls.sendmsg(RUNTIME, s, msghdr, flags);
  }

  /** Receives into {@code msghdr}'s parts and control buffer; returns the full body length. */
  public static int nn_recvmsg(int s, NnMsgHdr msghdr, int flags) {
    return NnValueCalls.recvmsg(RUNTIME, s, msghdr, flags);
  }

  /** A buffer for zero-copy sending with {@link #NN_MSG}; {@code type} must be 0. */
  public static byte[] nn_allocmsg(int size, int type) {
    return RUNTIME.allocmsg(size, type);
  }

  /** A buffer of {@code size} bytes that starts with {@code msg}'s content. */
  public static byte[] nn_reallocmsg(byte[] msg, int size) {
    return RUNTIME.reallocmsg(msg, size);
  }

  /** Gives a buffer back (the garbage collector frees it); EFAULT for {@code null}. */
  public static int nn_freemsg(byte[] msg) {
    return RUNTIME.freemsg(msg);
  }

  // ---- options -------------------------------------------------------------------------------

  /** Sets an int option. */
  public static int nn_setsockopt(int s, int level, int option, int value) {
    return RUNTIME.setsockopt(s, level, option, value);
  }

  /**
   * Sets an option from bytes, as C passes it: subscriptions and {@code NN_SOCKET_NAME} take the
   * bytes; int options need exactly 4 little-endian bytes (else EINVAL).
   */
  public static int nn_setsockopt(int s, int level, int option, byte[] value) {
    return RUNTIME.setsockopt(s, level, option, value);
  }

  /** Reads an int option into {@code value[0]}. */
  public static int nn_getsockopt(int s, int level, int option, int[] value) {
    return RUNTIME.getsockopt(s, level, option, value);
  }

  /**
   * Reads an option as bytes, as C does: up to {@code value.length} bytes are copied (ints as 4
   * little-endian bytes) and {@code length[0]} is set to the option's full size.
   */
  public static int nn_getsockopt(int s, int level, int option, byte[] value, int[] length) {
    return RUNTIME.getsockopt(s, level, option, value, length);
  }

  // ---- devices, polling, termination -----------------------------------------------------------

  /**
   * Forwards between two raw sockets (or back out of one, when the other is -1) until one closes:
   * returns -1 with EBADF then, or ETERM after {@link #nn_term()}; EINVAL if the sockets cannot be
   * joined.
   */
  public static int nn_device(int s1, int s2) {
    return RUNTIME.device(s1, s2);
  }

  /**
   * Waits until a socket of {@code fds} can receive ({@link #NN_POLLIN}) or send ({@link
   * #NN_POLLOUT}) without blocking, up to {@code timeout} ms (negative: forever); returns the
   * number of entries with events, 0 on timeout.
   */
  public static int nn_poll(NnPollFd[] fds, int timeout) {
    return NnValueCalls.poll(RUNTIME, fds, timeout);
  }

  /**
   * Closes every socket: calls blocked in them fail with ETERM, later calls on them with EBADF, and
   * {@link #nn_socket} fails with ETERM until {@link #nn_init()}.
   */
  public static void nn_term() {
    RUNTIME.term();
  }

  /** Allows new sockets again after {@link #nn_term()} (nanomsg's internal {@code nn_init}). */
  public static void nn_init() {
    RUNTIME.init();
  }

  // ---- symbols ---------------------------------------------------------------------------------

  /**
   * The name of the {@code i}-th constant, its value stored in {@code value[0]} (if {@code value}
   * is not null); {@code null} with EINVAL past the end.
   */
  public static String nn_symbol(int i, int[] value) {
    return NnSymbols.symbol(i, value, RUNTIME);
  }

  /** The properties of the {@code i}-th constant, or {@code null} past the end. */
  public static NnSymbolProperties nn_symbol_info(int i) {
    return NnSymbols.info(i);
  }

  // ---- control message helpers -----------------------------------------------------------------

  /** {@code len} rounded up to the 8-byte alignment of control messages. */
  public static int NN_CMSG_ALIGN(int len) {
    return NnCmsgLayout.align(len);
  }

  /** Bytes a control message with {@code len} data bytes takes, padding included. */
  public static int NN_CMSG_SPACE(int len) {
    return NnCmsgLayout.space(len);
  }

  /** The {@code cmsg_len} of a control message with {@code len} data bytes. */
  public static int NN_CMSG_LEN(int len) {
    return NnCmsgLayout.length(len);
  }

  /** Offset of the first control message of {@code hdr}, or -1 if there is none. */
  public static int NN_CMSG_FIRSTHDR(NnMsgHdr hdr) {
    return NnCmsgLayout.first(hdr.control(), hdr.controlLength());
  }

  /** Offset of the control message after the one at {@code offset}, or -1 if there is none. */
  public static int NN_CMSG_NXTHDR(NnMsgHdr hdr, int offset) {
    return NnCmsgLayout.next(hdr.control(), hdr.controlLength(), offset);
  }

  /** Offset of the data of the control message at {@code offset}. */
  public static int NN_CMSG_DATA(int offset) {
    return NnCmsgLayout.dataOffset(offset);
  }
}
