package io.sp4j.nn.internal;

import io.sp4j.Errno;
import io.sp4j.core.CoreSocketProvider;
import java.util.function.IntConsumer;

/**
 * One nanomsg library: a socket table, its errno, and each C call done with sp4j's API. The
 * facade's static functions use one default instance; each method here is the nn function of the
 * same name and returns as it does (a value, or -1 / {@code null} with errno set). It takes and
 * gives plain values ({@link NnMsgParts}, {@link NnPollEntry}, arrays), which the facade makes from
 * its public types and back, so this package depends on nothing of the facade. The work is split by
 * job: {@link NnSocketTable} (sockets, endpoints, nn_term), {@link NnSockopts} (options), {@link
 * NnMessaging} (send and receive, with the pure {@link NnControlCodec}), {@link NnPoller} and
 * {@link NnDevice}.
 */
public final class NnRuntime {
  private final NnErrors errors = new NnErrors();
  private final NnSocketTable sockets;
  private final NnSockopts options;
  private final NnMessaging messaging;
  private final NnPoller poller;
  private final NnDevice device;

  /** A library on the system's time. */
  public NnRuntime() {
    this(new CoreSocketProvider());
  }

  /**
   * A library whose sockets, and whose nn_poll timeouts, run on the time of {@code provider} (a
   * test's manual clock).
   */
  public NnRuntime(CoreSocketProvider provider) {
    sockets = new NnSocketTable(provider, errors);
    options = new NnSockopts(sockets, errors);
    messaging = new NnMessaging(sockets, errors);
    poller = new NnPoller(sockets, errors, provider.timers());
    device = new NnDevice(sockets, errors);
  }

  // ---- errors ------------------------------------------------------------------------------

  public int errno() {
    return errors.errno();
  }

  /**
   * Sets the calling thread's errno and returns {@code null}: for a call the facade answers without
   * a socket ({@code nn_symbol} past the end).
   */
  public <T> T failNull(Errno errno) {
    return errors.failNull(errno);
  }

  /**
   * nanomsg's text for {@code errnum}; the C library's words for a number nanomsg does not name.
   */
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

  /** {@code parts} is {@code null} for a missing header. */
  public int sendmsg(int s, NnMsgParts parts, int flags) {
    return messaging.sendmsg(s, parts, flags);
  }

  /**
   * {@code parts} is {@code null} for a missing header; {@code controlWritten} hears the new {@code
   * msg_controllen} when the control buffer was written.
   */
  public int recvmsg(int s, NnMsgParts parts, IntConsumer controlWritten, int flags) {
    return messaging.recvmsg(s, parts, controlWritten, flags);
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

  // ---- devices, polling ---------------------------------------------------------------------

  public int device(int s1, int s2) {
    return device.run(s1, s2);
  }

  /**
   * {@code entries} (each may be {@code null}: EFAULT) and {@code revents} are of the same length;
   * {@code revents} is set only once the call gets to look at the sockets.
   */
  public int poll(NnPollEntry[] entries, int[] revents, int timeoutMs) {
    return poller.poll(entries, revents, timeoutMs);
  }
}
