package io.sp4j.nn.internal;

/**
 * nanomsg's numbers for domains, socket types, options, transports, flags, events, limits and
 * control messages (nanomsg 1.1.5, 64-bit Linux). They are written once, here, where the runtime
 * acts on them; the facade publishes each under the same name. The symbol namespaces and errno
 * numbers, which the runtime does not use, are the facade's own.
 */
public final class NnConstants {
  // ---- domains, protocols ------------------------------------------------------------------
  public static final int AF_SP = 1;
  public static final int AF_SP_RAW = 2;
  public static final int NN_PROTO_PAIR = 1;
  public static final int NN_PROTO_PUBSUB = 2;
  public static final int NN_PROTO_REQREP = 3;
  public static final int NN_PROTO_PIPELINE = 5;
  public static final int NN_PROTO_SURVEY = 6;
  public static final int NN_PROTO_BUS = 7;
  public static final int NN_PAIR = 16;
  public static final int NN_PUB = 32;
  public static final int NN_SUB = 33;
  public static final int NN_REQ = 48;
  public static final int NN_REP = 49;
  public static final int NN_PUSH = 80;
  public static final int NN_PULL = 81;
  public static final int NN_SURVEYOR = 98;
  public static final int NN_RESPONDENT = 99;
  public static final int NN_BUS = 112;

  // ---- options -------------------------------------------------------------------------------
  public static final int NN_SOL_SOCKET = 0;
  public static final int NN_LINGER = 1;
  public static final int NN_SNDBUF = 2;
  public static final int NN_RCVBUF = 3;
  public static final int NN_SNDTIMEO = 4;
  public static final int NN_RCVTIMEO = 5;
  public static final int NN_RECONNECT_IVL = 6;
  public static final int NN_RECONNECT_IVL_MAX = 7;
  public static final int NN_SNDPRIO = 8;
  public static final int NN_RCVPRIO = 9;
  public static final int NN_SNDFD = 10;
  public static final int NN_RCVFD = 11;
  public static final int NN_DOMAIN = 12;
  public static final int NN_PROTOCOL = 13;
  public static final int NN_IPV4ONLY = 14;
  public static final int NN_SOCKET_NAME = 15;
  public static final int NN_RCVMAXSIZE = 16;
  public static final int NN_MAXTTL = 17;
  public static final int NN_SUB_SUBSCRIBE = 1;
  public static final int NN_SUB_UNSUBSCRIBE = 2;
  public static final int NN_REQ_RESEND_IVL = 1;
  public static final int NN_SURVEYOR_DEADLINE = 1;

  // ---- transports ----------------------------------------------------------------------------
  public static final int NN_INPROC = -1;
  public static final int NN_IPC = -2;
  public static final int NN_TCP = -3;
  public static final int NN_WS = -4;
  public static final int NN_TCP_NODELAY = 1;
  public static final int NN_WS_MSG_TYPE = 1;
  public static final int NN_WS_MSG_TYPE_TEXT = 0x01;
  public static final int NN_WS_MSG_TYPE_BINARY = 0x02;

  // ---- flags, events, limits, control messages ---------------------------------------------
  public static final int NN_DONTWAIT = 1;
  public static final int NN_POLLIN = 1;
  public static final int NN_POLLOUT = 2;

  /** As a length: the zero-copy form ({@code (size_t) -1} in C). */
  public static final int NN_MSG = -1;

  public static final int PROTO_SP = 1;
  public static final int SP_HDR = 1;
  public static final int NN_SOCKADDR_MAX = 128;
  public static final int NN_MAX_SOCKETS = 512;
  public static final int NN_VERSION_CURRENT = 5;
  public static final int NN_VERSION_REVISION = 1;
  public static final int NN_VERSION_AGE = 0;

  private NnConstants() {}
}
