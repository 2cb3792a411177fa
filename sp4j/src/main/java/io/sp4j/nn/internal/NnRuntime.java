package io.sp4j.nn.internal;

import static io.sp4j.nn.Nn.*;

import io.sp4j.Device;
import io.sp4j.Endpoint;
import io.sp4j.Message;
import io.sp4j.MessageType;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import io.sp4j.SocketClosedException;
import io.sp4j.core.CoreSocket;
import io.sp4j.nn.NnCmsgHdr;
import io.sp4j.nn.NnMsgHdr;
import io.sp4j.nn.NnPollFd;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The socket table behind {@link io.sp4j.nn.Nn}: socket numbers to sp4j sockets, and each C call
 * done with sp4j's API, its exceptions turned into errno values.
 */
public final class NnRuntime {
  /** Longest park of a poller between two readiness checks: a safety net, not the wake-up. */
  private static final long POLL_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private static final Object LOCK = new Object();
  private static final NnSocket[] SOCKETS = new NnSocket[NN_MAX_SOCKETS];
  private static volatile boolean terminated;

  private NnRuntime() {}

  // ---- sockets ---------------------------------------------------------------------------------

  public static int socket(int domain, int protocolNumber) {
    if (terminated) {
      return NnErrors.fail(ETERM);
    }
    if (domain != AF_SP && domain != AF_SP_RAW) {
      return NnErrors.fail(EAFNOSUPPORT);
    }
    Protocol protocol;
    try {
      protocol = Protocol.fromNumber(protocolNumber);
    } catch (IllegalArgumentException e) {
      return NnErrors.fail(EINVAL);
    }
    synchronized (LOCK) {
      if (terminated) {
        return NnErrors.fail(ETERM);
      }
      for (int s = 0; s < SOCKETS.length; s++) {
        if (SOCKETS[s] == null) {
          Socket socket = domain == AF_SP_RAW ? Socket.openRaw(protocol) : Socket.open(protocol);
          SOCKETS[s] = new NnSocket(s, domain, socket);
          return s;
        }
      }
    }
    return NnErrors.fail(EMFILE);
  }

  public static int close(int s) {
    NnSocket socket;
    synchronized (LOCK) {
      socket = lookup(s);
      if (socket == null) {
        return NnErrors.fail(EBADF);
      }
      SOCKETS[s] = null;
    }
    socket.socket.close();
    return 0;
  }

  /** The open socket {@code s}, or {@code null} (errno EBADF set). */
  private static NnSocket find(int s) {
    synchronized (LOCK) {
      NnSocket socket = lookup(s);
      if (socket == null) {
        NnErrors.fail(EBADF);
      }
      return socket;
    }
  }

  private static NnSocket lookup(int s) {
    return s < 0 || s >= SOCKETS.length ? null : SOCKETS[s];
  }

  /** The errno for an exception from {@code socket}: ETERM if nn_term closed it meanwhile. */
  private static int errnoOf(NnSocket socket, RuntimeException e) {
    if (e instanceof SocketClosedException && socket.terminatedByTerm) {
      return ETERM;
    }
    return NnErrors.of(e);
  }

  // ---- endpoints -------------------------------------------------------------------------------

  public static int endpoint(int s, String addr, boolean bind) {
    NnSocket socket = find(s);
    if (socket == null) {
      return -1;
    }
    if (addr == null) {
      return NnErrors.fail(EFAULT);
    }
    if (addr.length() >= NN_SOCKADDR_MAX) {
      return NnErrors.fail(ENAMETOOLONG);
    }
    try {
      Endpoint endpoint = bind ? socket.socket.bind(addr) : socket.socket.connect(addr);
      return socket.addEndpoint(endpoint);
    } catch (RuntimeException e) {
      return NnErrors.fail(errnoOf(socket, e));
    }
  }

  public static int shutdown(int s, int eid) {
    NnSocket socket = find(s);
    if (socket == null) {
      return -1;
    }
    Endpoint endpoint = socket.removeEndpoint(eid);
    if (endpoint == null) {
      return NnErrors.fail(EINVAL);
    }
    endpoint.close();
    return 0;
  }

  // ---- send and receive ----------------------------------------------------------------------

  public static int send(int s, byte[] buf, int len, int flags) {
    NnSocket socket = find(s);
    if (socket == null) {
      return -1;
    }
    if (buf == null) {
      return NnErrors.fail(EFAULT);
    }
    byte[] body;
    if (len == NN_MSG) {
      body = buf;
    } else if (len < 0 || len > buf.length) {
      return NnErrors.fail(EINVAL);
    } else {
      body = Arrays.copyOf(buf, len);
    }
    return sendMessage(socket, Message.of(body), flags);
  }

  private static int sendMessage(NnSocket socket, Message message, int flags) {
    try {
      if ((flags & NN_DONTWAIT) != 0) {
        if (!socket.socket.trySend(message)) {
          return NnErrors.fail(EAGAIN);
        }
      } else {
        socket.socket.send(message);
      }
      return message.bodySize();
    } catch (RuntimeException e) {
      return NnErrors.fail(errnoOf(socket, e));
    }
  }

  /** The next message, or {@code null} with errno set. */
  private static Message receiveMessage(NnSocket socket, int flags) {
    try {
      if ((flags & NN_DONTWAIT) != 0) {
        Optional<Message> message = socket.socket.tryReceive();
        if (message.isEmpty()) {
          NnErrors.fail(EAGAIN);
          return null;
        }
        return message.get();
      }
      return socket.socket.receiveMessage();
    } catch (RuntimeException e) {
      NnErrors.fail(errnoOf(socket, e));
      return null;
    }
  }

  public static int recv(int s, byte[] buf, int flags) {
    NnSocket socket = find(s);
    if (socket == null) {
      return -1;
    }
    if (buf == null) {
      return NnErrors.fail(EFAULT);
    }
    Message message = receiveMessage(socket, flags);
    if (message == null) {
      return -1;
    }
    byte[] body = message.body();
    System.arraycopy(body, 0, buf, 0, Math.min(body.length, buf.length));
    return body.length;
  }

  public static byte[] recvMessage(int s, int flags) {
    NnSocket socket = find(s);
    if (socket == null) {
      return null;
    }
    Message message = receiveMessage(socket, flags);
    return message == null ? null : message.body();
  }

  public static int sendmsg(int s, NnMsgHdr hdr, int flags) {
    NnSocket socket = find(s);
    if (socket == null) {
      return -1;
    }
    if (hdr == null) {
      return NnErrors.fail(EINVAL);
    }
    byte[][] iov = hdr.iov();
    if (iov == null) {
      return NnErrors.fail(EFAULT);
    }
    byte[] body;
    if (hdr.isZeroCopy()) {
      if (iov.length != 1 || iov[0] == null) {
        return NnErrors.fail(EFAULT);
      }
      body = iov[0];
    } else {
      ByteArrayOutputStream gathered = new ByteArrayOutputStream();
      for (byte[] part : iov) {
        if (part == null) {
          return NnErrors.fail(EFAULT);
        }
        gathered.writeBytes(part);
      }
      body = gathered.toByteArray();
    }
    Message message = Message.of(body);
    byte[] control = hdr.control();
    if (control != null) {
      try {
        message = applyControl(socket, message, hdr);
      } catch (IllegalArgumentException e) {
        return NnErrors.fail(EINVAL);
      }
    }
    return sendMessage(socket, message, flags);
  }

  /** Takes the SP header (raw sockets) and the ws message type from the control messages. */
  private static Message applyControl(NnSocket socket, Message message, NnMsgHdr hdr) {
    byte[] control = hdr.control();
    boolean headerSeen = false;
    boolean typeSeen = false;
    for (int at = NN_CMSG_FIRSTHDR(hdr); at >= 0; at = NN_CMSG_NXTHDR(hdr, at)) {
      NnCmsgHdr cmsg = NnCmsgHdr.at(control, at);
      byte[] data = cmsg.data(control);
      if (cmsg.level() == PROTO_SP && cmsg.type() == SP_HDR && !headerSeen) {
        headerSeen = true;
        if (data.length < 8) {
          throw new IllegalArgumentException("SP_HDR: no size_t length");
        }
        long length = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        if (length < 0 || length > data.length - 8) {
          throw new IllegalArgumentException("SP_HDR: length past the data");
        }
        if (socket.socket.isRaw()) {
          message = message.withHeader(Arrays.copyOfRange(data, 8, 8 + (int) length));
        }
      } else if (cmsg.level() == NN_WS && cmsg.type() == NN_WS_MSG_TYPE && !typeSeen) {
        typeSeen = true;
        if (data.length < 1) {
          throw new IllegalArgumentException("NN_WS_MSG_TYPE: no data");
        }
        message = message.withType(wsType(data[0]));
      }
    }
    return message;
  }

  private static MessageType wsType(int value) {
    return switch (value) {
      case NN_WS_MSG_TYPE_TEXT -> MessageType.TEXT;
      case NN_WS_MSG_TYPE_BINARY -> MessageType.BINARY;
      default -> throw new IllegalArgumentException("NN_WS_MSG_TYPE: " + value + " is neither TEXT nor BINARY");
    };
  }

  public static int recvmsg(int s, NnMsgHdr hdr, int flags) {
    NnSocket socket = find(s);
    if (socket == null) {
      return -1;
    }
    if (hdr == null) {
      return NnErrors.fail(EINVAL);
    }
    if (hdr.iov() == null || (hdr.isZeroCopy() && hdr.iov().length != 1)) {
      return NnErrors.fail(EFAULT);
    }
    Message message = receiveMessage(socket, flags);
    if (message == null) {
      return -1;
    }
    byte[] body = message.body();
    byte[][] iov = hdr.iov();
    if (hdr.isZeroCopy()) {
      iov[0] = body;
    } else {
      int done = 0;
      for (byte[] part : iov) {
        if (part == null || done == body.length) {
          continue;
        }
        int n = Math.min(part.length, body.length - done);
        System.arraycopy(body, done, part, 0, n);
        done += n;
      }
    }
    if (hdr.control() != null) {
      hdr.setControlLength(writeControl(message, hdr.control(), Math.min(hdr.controlLength(), hdr.control().length)));
    }
    return body.length;
  }

  /** Writes SP_HDR, then the ws type if the message has one; whole messages only. */
  private static int writeControl(Message message, byte[] control, int room) {
    List<byte[]> data = new ArrayList<>();
    List<Integer> levels = new ArrayList<>();
    byte[] header = message.header();
    byte[] spHdr = new byte[8 + header.length];
    ByteBuffer.wrap(spHdr).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
    System.arraycopy(header, 0, spHdr, 8, header.length);
    data.add(spHdr);
    levels.add(PROTO_SP);
    message.type().ifPresent(type -> {
      data.add(new byte[] {(byte) (type == MessageType.TEXT ? NN_WS_MSG_TYPE_TEXT : NN_WS_MSG_TYPE_BINARY)});
      levels.add(NN_WS);
    });
    int at = 0;
    for (int i = 0; i < data.size(); i++) {
      if (at + NN_CMSG_SPACE(data.get(i).length) > room) {
        break;
      }
      at = NnCmsgHdr.write(control, at, levels.get(i), 1, data.get(i)); // SP_HDR and NN_WS_MSG_TYPE are both 1
    }
    return at;
  }

  public static byte[] allocmsg(int size, int type) {
    if (size < 0 || type != 0) {
      NnErrors.fail(EINVAL);
      return null;
    }
    return new byte[size];
  }

  public static byte[] reallocmsg(byte[] msg, int size) {
    if (msg == null) {
      NnErrors.fail(EFAULT);
      return null;
    }
    if (size < 0) {
      NnErrors.fail(EINVAL);
      return null;
    }
    return Arrays.copyOf(msg, size);
  }

  // ---- options -------------------------------------------------------------------------------

  public static int setInt(int s, int level, int option, int value) {
    NnSocket socket = find(s);
    if (socket == null) {
      return -1;
    }
    return socket.options.setInt(level, option, value);
  }

  public static int setBytes(int s, int level, int option, byte[] value) {
    NnSocket socket = find(s);
    if (socket == null) {
      return -1;
    }
    if (value == null) {
      return NnErrors.fail(EFAULT);
    }
    return socket.options.setBytes(level, option, value);
  }

  public static int getInt(int s, int level, int option, int[] value) {
    NnSocket socket = find(s);
    if (socket == null) {
      return -1;
    }
    if (value == null || value.length == 0) {
      return NnErrors.fail(EFAULT);
    }
    return socket.options.getInt(level, option, value);
  }

  public static int getBytes(int s, int level, int option, byte[] value, int[] length) {
    NnSocket socket = find(s);
    if (socket == null) {
      return -1;
    }
    if (value == null || length == null || length.length == 0) {
      return NnErrors.fail(EFAULT);
    }
    byte[] bytes = socket.options.getBytes(level, option);
    if (bytes == null) {
      return -1;
    }
    System.arraycopy(bytes, 0, value, 0, Math.min(bytes.length, value.length));
    length[0] = bytes.length;
    return 0;
  }

  // ---- device --------------------------------------------------------------------------------

  public static int device(int s1, int s2) {
    if (s1 == -1 && s2 == -1) {
      return NnErrors.fail(EBADF);
    }
    NnSocket first = s1 == -1 ? null : find(s1);
    NnSocket second = s2 == -1 ? null : find(s2);
    if ((s1 != -1 && first == null) || (s2 != -1 && second == null)) {
      return -1;
    }
    NnSocket any = first != null ? first : second;
    try {
      if (first == null || second == null) {
        try (Device device = Device.start(any.socket)) {
          device.await();
        }
      } else {
        Device.run(first.socket, second.socket);
      }
      return NnErrors.fail(EBADF); // a device only ends by failing
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return NnErrors.fail(EINTR);
    } catch (RuntimeException e) {
      boolean byTerm = (first != null && first.terminatedByTerm) || (second != null && second.terminatedByTerm);
      return NnErrors.fail(byTerm && e instanceof SocketClosedException ? ETERM : NnErrors.of(e));
    }
  }

  // ---- poll ----------------------------------------------------------------------------------

  public static int poll(NnPollFd[] fds, int timeoutMs) {
    if (fds == null) {
      return NnErrors.fail(EFAULT);
    }
    CoreSocket[] sockets = new CoreSocket[fds.length];
    for (int i = 0; i < fds.length; i++) {
      NnSocket socket = fds[i] == null ? null : find(fds[i].fd());
      if (socket == null) {
        return fds[i] == null ? NnErrors.fail(EFAULT) : -1;
      }
      sockets[i] = (CoreSocket) socket.socket;
    }
    Thread self = Thread.currentThread();
    List<Runnable> unwatch = new ArrayList<>();
    for (CoreSocket socket : sockets) {
      unwatch.add(socket.watchReadiness(() -> LockSupport.unpark(self)));
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMs));
    try {
      while (true) {
        int ready = 0;
        for (int i = 0; i < fds.length; i++) {
          int events = 0;
          if ((fds[i].events() & NN_POLLIN) != 0 && sockets[i].readyToReceive()) {
            events |= NN_POLLIN;
          }
          if ((fds[i].events() & NN_POLLOUT) != 0 && sockets[i].readyToSend()) {
            events |= NN_POLLOUT;
          }
          fds[i].setRevents(events);
          if (events != 0) {
            ready++;
          }
        }
        if (ready > 0) {
          return ready;
        }
        for (CoreSocket socket : sockets) {
          if (socket.isClosed()) {
            return NnErrors.fail(terminated ? ETERM : EBADF);
          }
        }
        long wait = timeoutMs < 0 ? POLL_SLICE_NANOS : Math.min(POLL_SLICE_NANOS, deadline - System.nanoTime());
        if (wait <= 0) {
          return 0;
        }
        LockSupport.parkNanos(wait);
        if (Thread.interrupted()) {
          Thread.currentThread().interrupt();
          return NnErrors.fail(EINTR);
        }
      }
    } finally {
      unwatch.forEach(Runnable::run);
    }
  }

  // ---- termination ---------------------------------------------------------------------------

  public static void term() {
    List<NnSocket> closing = new ArrayList<>();
    synchronized (LOCK) {
      terminated = true;
      for (int s = 0; s < SOCKETS.length; s++) {
        if (SOCKETS[s] != null) {
          SOCKETS[s].terminatedByTerm = true;
          closing.add(SOCKETS[s]);
          SOCKETS[s] = null;
        }
      }
    }
    closing.forEach(socket -> socket.socket.close());
  }

  public static void init() {
    terminated = false;
  }
}
