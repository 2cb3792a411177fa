package io.sp4j.nn.internal;

import io.sp4j.Errno;
import io.sp4j.nn.NnMsgHdr;
import io.sp4j.nn.NnPollFd;
import io.sp4j.nn.NnSymbolProperties;

/**
 * One nanomsg library: a socket table, its errno, and each C call done with sp4j's API.
 * {@link io.sp4j.nn.Nn}'s static functions use one default instance; each method here is the nn
 * function of the same name and returns as it does (a value, or -1 / {@code null} with errno set).
 * The work is split by job: {@link NnSocketTable} (sockets, endpoints, nn_term),
 * {@link NnSockopts} (options), {@link NnMessaging} (send and receive, with the pure
 * {@link NnControlCodec}), {@link NnPoller} and {@link NnDevice}.
 */
public final class NnRuntime {
  private final NnErrors errors = new NnErrors();
  private final NnSocketTable sockets = new NnSocketTable(errors);
  private final NnSockopts options = new NnSockopts(sockets, errors);
  private final NnMessaging messaging = new NnMessaging(sockets, errors);
  private final NnPoller poller = new NnPoller(sockets, errors);
  private final NnDevice device = new NnDevice(sockets, errors);

  // ---- errors ------------------------------------------------------------------------------

  public int errno() {
    return errors.errno();
  }

  /** nanomsg's text for {@code errnum}; the C library's words for a number nanomsg does not name. */
  public String strerror(int errnum) {
    return Errno.fromNumber(errnum).map(Errno::message).orElse("Unknown error " + errnum);
  }

  // ---- sockets and endpoints ---------------------------------------------------------------

  public int socket(int domain, int protocol) {
    return sockets.open(domain, protocol);
  }

  public int close(int s) {
    return sockets.close(s);
  }

  public int bind(int s, String addr) {
    return sockets.endpoint(s, addr, true);
  }

  public int connect(int s, String addr) {
    return sockets.endpoint(s, addr, false);
  }

  public int shutdown(int s, int how) {
    return sockets.shutdown(s, how);
  }

  public void term() {
    sockets.term();
  }

  public void init() {
    sockets.init();
  }

  // ---- messages ------------------------------------------------------------------------------

  public int send(int s, byte[] buf, int len, int flags) {
    return messaging.send(s, buf, len, flags);
  }

  public int recv(int s, byte[] buf, int flags) {
    return messaging.recv(s, buf, flags);
  }

  public byte[] recv(int s, int flags) {
    return messaging.recvMessage(s, flags);
  }

  public int sendmsg(int s, NnMsgHdr hdr, int flags) {
    return messaging.sendmsg(s, hdr, flags);
  }

  public int recvmsg(int s, NnMsgHdr hdr, int flags) {
    return messaging.recvmsg(s, hdr, flags);
  }

  public byte[] allocmsg(int size, int type) {
    return messaging.allocmsg(size, type);
  }

  public byte[] reallocmsg(byte[] msg, int size) {
    return messaging.reallocmsg(msg, size);
  }

  public int freemsg(byte[] msg) {
    return messaging.freemsg(msg);
  }

  // ---- options -------------------------------------------------------------------------------

  public int setsockopt(int s, int level, int option, int value) {
    return options.setInt(s, level, option, value);
  }

  public int setsockopt(int s, int level, int option, byte[] value) {
    return options.setBytes(s, level, option, value);
  }

  public int getsockopt(int s, int level, int option, int[] value) {
    return options.getInt(s, level, option, value);
  }

  public int getsockopt(int s, int level, int option, byte[] value, int[] length) {
    return options.getBytes(s, level, option, value, length);
  }

  // ---- devices, polling, symbols ---------------------------------------------------------------

  public int device(int s1, int s2) {
    return device.run(s1, s2);
  }

  public int poll(NnPollFd[] fds, int timeoutMs) {
    return poller.poll(fds, timeoutMs);
  }

  /** The name of the {@code i}-th constant, its value in {@code value[0]}; {@code null} with EINVAL past the end. */
  public String symbol(int i, int[] value) {
    NnSymbolProperties info = NnSymbols.info(i);
    if (info == null) {
      return errors.failNull(Errno.EINVAL);
    }
    if (value != null && value.length > 0) {
      value[0] = info.value();
    }
    return info.name();
  }
}
