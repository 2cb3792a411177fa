package io.sp4j.nn.internal;

import static io.sp4j.nn.internal.NnConstants.NN_DONTWAIT;
import static io.sp4j.nn.internal.NnConstants.NN_MSG;

import io.sp4j.Errno;
import io.sp4j.Message;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * nn_send, nn_recv, nn_sendmsg, nn_recvmsg and the message buffers, on the sockets of one table.
 * Every method returns as C does: a value, or -1 ({@code null}) with errno set.
 */
final class NnMessaging {
  private final NnSocketTable table;
  private final NnErrors errors;
  private final NnControlCodec codec = new NnControlCodec();

  NnMessaging(NnSocketTable table, NnErrors errors) {
    this.table = table;
    this.errors = errors;
  }

  int send(int s, byte[] buf, int len, int flags) {
    NnSocket socket = table.find(s);
    if (socket == null) {
      return -1;
    }
    if (buf == null) {
      return errors.fail(Errno.EFAULT);
    }
    byte[] body;
    if (len == NN_MSG) {
      body = buf;
    } else if (len < 0 || len > buf.length) {
      return errors.fail(Errno.EINVAL);
    } else {
      body = Arrays.copyOf(buf, len);
    }
    return send(socket, Message.of(body), flags);
  }

  private int send(NnSocket socket, Message message, int flags) {
    try {
      if ((flags & NN_DONTWAIT) != 0) {
        if (!socket.socket.trySend(message)) {
          return errors.fail(Errno.EAGAIN);
        }
      } else {
        socket.socket.send(message);
      }
      return message.bodySize();
    } catch (RuntimeException e) {
      return socket.fail(e);
    }
  }

  /** The next message, or {@code null} with errno set. */
  private Message receive(NnSocket socket, int flags) {
    try {
      if ((flags & NN_DONTWAIT) != 0) {
        Optional<Message> message = socket.socket.tryReceive();
        return message.isPresent() ? message.get() : errors.failNull(Errno.EAGAIN);
      }
      return socket.socket.receiveMessage();
    } catch (RuntimeException e) {
      socket.fail(e);
      return null;
    }
  }

  int recv(int s, byte[] buf, int flags) {
    NnSocket socket = table.find(s);
    if (socket == null) {
      return -1;
    }
    if (buf == null) {
      return errors.fail(Errno.EFAULT);
    }
    Message message = receive(socket, flags);
    if (message == null) {
      return -1;
    }
    byte[] body = message.body();
    System.arraycopy(body, 0, buf, 0, Math.min(body.length, buf.length));
    return body.length;
  }

  byte[] recvMessage(int s, int flags) {
    NnSocket socket = table.find(s);
    if (socket == null) {
      return null;
    }
    Message message = receive(socket, flags);
    return message == null ? null : message.body();
  }

  /**
   * The socket of an nn_sendmsg or nn_recvmsg, or {@code null} with errno set: EBADF, or EINVAL for
   * no header.
   */
  private NnSocket socketFor(int s, NnMsgParts parts) {
    NnSocket socket = table.find(s);
    return socket == null || parts != null ? socket : errors.failNull(Errno.EINVAL);
  }

  int sendmsg(int s, NnMsgParts parts, int flags) {
    NnSocket socket = socketFor(s, parts);
    if (socket == null) {
      return -1;
    }
    byte[] body = gather(parts);
    if (body == null) {
      return errors.fail(Errno.EFAULT);
    }
    Message message = Message.of(body);
    NnControlCodec.Control control;
    try {
      control = codec.read(parts.control(), parts.controlLength());
    } catch (IllegalArgumentException e) {
      return errors.fail(Errno.EINVAL);
    }
    if (control.header() != null && socket.socket.isRaw()) { // a cooked socket makes its own
      message = message.withHeader(control.header());
    }
    if (control.type() != null) {
      message = message.withType(control.type());
    }
    return send(socket, message, flags);
  }

  /**
   * The body from the parts: the single part itself for NN_MSG; {@code null} if a part is missing.
   */
  private static byte[] gather(NnMsgParts parts) {
    byte[][] iov = parts.iov();
    if (iov == null) {
      return null;
    }
    if (parts.zeroCopy()) {
      return iov.length == 1 ? iov[0] : null;
    }
    ByteArrayOutputStream gathered = new ByteArrayOutputStream();
    for (byte[] part : iov) {
      if (part == null) {
        return null;
      }
      gathered.writeBytes(part);
    }
    return gathered.toByteArray();
  }

  /**
   * Receives into the parts and control buffer, telling {@code controlWritten} the bytes written
   * there.
   */
  int recvmsg(int s, NnMsgParts parts, IntConsumer controlWritten, int flags) {
    NnSocket socket = socketFor(s, parts);
    if (socket == null) {
      return -1;
    }
    if (parts.iov() == null || (parts.zeroCopy() && parts.iov().length != 1)) {
      return errors.fail(Errno.EFAULT);
    }
    Message message = receive(socket, flags);
    if (message == null) {
      return -1;
    }
    byte[] body = message.body();
    scatter(body, parts);
    byte[] control = parts.control();
    if (control != null) {
      int room = Math.min(parts.controlLength(), control.length);
      controlWritten.accept(
          codec.write(message.header(), message.type().orElse(null), control, room));
    }
    return body.length;
  }

  /** Puts {@code body} into the parts: handed over for NN_MSG, else copied in order and cut off. */
  private static void scatter(byte[] body, NnMsgParts parts) {
    byte[][] iov = parts.iov();
    if (parts.zeroCopy()) {
      iov[0] = body;
      return;
    }
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

  byte[] allocmsg(int size, int type) {
    return size < 0 || type != 0 ? errors.failNull(Errno.EINVAL) : new byte[size];
  }

  byte[] reallocmsg(byte[] msg, int size) {
    if (msg == null) {
      return errors.failNull(Errno.EFAULT);
    }
    return size < 0 ? errors.failNull(Errno.EINVAL) : Arrays.copyOf(msg, size);
  }

  int freemsg(byte[] msg) {
    return msg == null ? errors.fail(Errno.EFAULT) : 0;
  }
}
