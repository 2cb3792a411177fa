package io.sp4j.nn.internal;

import static io.sp4j.nn.internal.NnConstants.AF_SP;
import static io.sp4j.nn.internal.NnConstants.AF_SP_RAW;
import static io.sp4j.nn.internal.NnConstants.NN_MAX_SOCKETS;
import static io.sp4j.nn.internal.NnConstants.NN_SOCKADDR_MAX;

import io.sp4j.Endpoint;
import io.sp4j.Errno;
import io.sp4j.Protocol;
import io.sp4j.core.CoreSocketProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * The socket table: nanomsg's small socket numbers to sp4j sockets, their endpoints, and {@code
 * nn_term}'s state. Every method returns as C does: a value, or -1 ({@code null}) with errno set.
 */
final class NnSocketTable {
  private final CoreSocketProvider provider;
  private final NnErrors errors;
  private final Object lock = new Object();
  private final NnSocket[] sockets = new NnSocket[NN_MAX_SOCKETS];
  private volatile boolean terminated;

  NnSocketTable(CoreSocketProvider provider, NnErrors errors) {
    this.provider = provider;
    this.errors = errors;
  }

  int open(int domain, int protocolNumber) {
    if (terminated) {
      return errors.fail(Errno.ETERM);
    }
    if (domain != AF_SP && domain != AF_SP_RAW) {
      return errors.fail(Errno.EAFNOSUPPORT);
    }
    Protocol protocol;
    try {
      protocol = Protocol.fromNumber(protocolNumber);
    } catch (IllegalArgumentException e) {
      return errors.fail(Errno.EINVAL);
    }
    synchronized (lock) {
      if (terminated) {
        return errors.fail(Errno.ETERM);
      }
      for (int s = 0; s < sockets.length; s++) {
        if (sockets[s] == null) {
          sockets[s] =
              new NnSocket(s, domain, provider.open(protocol, domain == AF_SP_RAW), errors);
          return s;
        }
      }
    }
    return errors.fail(Errno.EMFILE);
  }

  int close(int s) {
    NnSocket socket;
    synchronized (lock) {
      socket = lookup(s);
      if (socket == null) {
        return errors.fail(Errno.EBADF);
      }
      sockets[s] = null;
    }
    socket.socket.close();
    return 0;
  }

  /** The open socket {@code s}, or {@code null} with errno EBADF. */
  NnSocket find(int s) {
    synchronized (lock) {
      NnSocket socket = lookup(s);
      return socket != null ? socket : errors.failNull(Errno.EBADF);
    }
  }

  private NnSocket lookup(int s) {
    return s < 0 || s >= sockets.length ? null : sockets[s];
  }

  /** nn_bind and nn_connect: an endpoint id for {@link #shutdown}. */
  int endpoint(int s, String addr, boolean bind) {
    NnSocket socket = find(s);
    if (socket == null) {
      return -1;
    }
    if (addr == null) {
      return errors.fail(Errno.EFAULT);
    }
    if (addr.length() >= NN_SOCKADDR_MAX) {
      return errors.fail(Errno.ENAMETOOLONG);
    }
    try {
      Endpoint endpoint = bind ? socket.socket.bind(addr) : socket.socket.connect(addr);
      return socket.addEndpoint(endpoint);
    } catch (RuntimeException e) {
      return socket.fail(e);
    }
  }

  int shutdown(int s, int eid) {
    NnSocket socket = find(s);
    if (socket == null) {
      return -1;
    }
    Endpoint endpoint = socket.removeEndpoint(eid);
    if (endpoint == null) {
      return errors.fail(Errno.EINVAL);
    }
    endpoint.close();
    return 0;
  }

  /**
   * nn_term: closes every socket (their blocked calls fail with ETERM); no new ones until {@link
   * #init}.
   */
  void term() {
    List<NnSocket> closing = new ArrayList<>();
    synchronized (lock) {
      terminated = true;
      for (int s = 0; s < sockets.length; s++) {
        if (sockets[s] != null) {
          sockets[s].terminatedByTerm = true;
          closing.add(sockets[s]);
          sockets[s] = null;
        }
      }
    }
    closing.forEach(socket -> socket.socket.close());
  }

  void init() {
    terminated = false;
  }
}
