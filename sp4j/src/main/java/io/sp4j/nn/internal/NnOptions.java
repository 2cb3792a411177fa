package io.sp4j.nn.internal;

import static io.sp4j.nn.internal.NnConstants.*;

import io.sp4j.Errno;
import io.sp4j.MessageType;
import io.sp4j.Option;
import io.sp4j.Options;
import io.sp4j.Protocol;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * nanomsg's socket options on one sp4j socket: levels and ids to sp4j {@link Options}, int
 * milliseconds to {@link Duration}s, and the few options only C has (NN_SOCKET_NAME, NN_IPV4ONLY,
 * NN_LINGER as read back). Every method returns 0, or -1 with errno set.
 */
final class NnOptions {
  private static final int NAME_MAX = 63;

  private final NnSocket owner;
  private final NnErrors errors;
  private byte[] name;
  private int ipv4Only = 1;
  private int linger;

  NnOptions(NnSocket owner, NnErrors errors) {
    this.owner = owner;
    this.errors = errors;
    this.name = Integer.toString(owner.number).getBytes(StandardCharsets.US_ASCII);
  }

  private Protocol protocol() {
    return owner.socket.protocol();
  }

  private boolean cooked(Protocol protocol) {
    return protocol() == protocol && !owner.socket.isRaw();
  }

  // ---- set ---------------------------------------------------------------------------------

  synchronized int setBytes(int level, int option, byte[] value) {
    if (level == NN_SUB
        && protocol() == Protocol.SUB
        && (option == NN_SUB_SUBSCRIBE || option == NN_SUB_UNSUBSCRIBE)) {
      return apply(
          option == NN_SUB_SUBSCRIBE ? Options.SUBSCRIBE : Options.UNSUBSCRIBE, value.clone());
    }
    if (level == NN_SOL_SOCKET && option == NN_SOCKET_NAME) {
      if (value.length > NAME_MAX) {
        return errors.fail(Errno.EINVAL);
      }
      name = value.clone();
      return 0;
    }
    if (!isKnown(level, option)) {
      return errors.fail(Errno.ENOPROTOOPT);
    }
    if (value.length != Integer.BYTES) {
      return errors.fail(Errno.EINVAL);
    }
    return setInt(level, option, ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getInt());
  }

  synchronized int setInt(int level, int option, int value) {
    switch (level) {
      case NN_SOL_SOCKET:
        return setSocketInt(option, value);
      case NN_REQ:
        if (cooked(Protocol.REQ) && option == NN_REQ_RESEND_IVL) {
          return value <= 0
              ? errors.fail(Errno.EINVAL)
              : apply(Options.RESEND_INTERVAL, Duration.ofMillis(value));
        }
        break;
      case NN_SURVEYOR:
        if (cooked(Protocol.SURVEYOR) && option == NN_SURVEYOR_DEADLINE) {
          return value <= 0
              ? errors.fail(Errno.EINVAL)
              : apply(Options.SURVEY_DEADLINE, Duration.ofMillis(value));
        }
        break;
      case NN_SUB:
        if (protocol() == Protocol.SUB
            && (option == NN_SUB_SUBSCRIBE || option == NN_SUB_UNSUBSCRIBE)) {
          return errors.fail(Errno.EINVAL); // a subscription is bytes, not an int
        }
        break;
      case NN_TCP:
        if (option == NN_TCP_NODELAY) {
          return value != 0 && value != 1
              ? errors.fail(Errno.EINVAL)
              : apply(Options.TCP_NODELAY, value == 1);
        }
        break;
      case NN_WS:
        if (option == NN_WS_MSG_TYPE) {
          if (value == NN_WS_MSG_TYPE_TEXT) {
            return apply(Options.WS_MESSAGE_TYPE, MessageType.TEXT);
          }
          return value == NN_WS_MSG_TYPE_BINARY
              ? apply(Options.WS_MESSAGE_TYPE, MessageType.BINARY)
              : errors.fail(Errno.EINVAL);
        }
        break;
      default:
        break;
    }
    return errors.fail(Errno.ENOPROTOOPT);
  }

  private int setSocketInt(int option, int value) {
    switch (option) {
      case NN_LINGER:
        // nanomsg 1.1.5 ignores it; sp4j applies a value ≥ 0 and keeps its default otherwise.
        int result = value >= 0 ? apply(Options.LINGER, Duration.ofMillis(value)) : 0;
        if (result == 0) {
          linger = value;
        }
        return result;
      case NN_SNDBUF:
        return value <= 0 ? errors.fail(Errno.EINVAL) : apply(Options.SEND_BUFFER, value);
      case NN_RCVBUF:
        return value <= 0 ? errors.fail(Errno.EINVAL) : apply(Options.RECEIVE_BUFFER, value);
      case NN_SNDTIMEO:
        return apply(Options.SEND_TIMEOUT, value < 0 ? null : Duration.ofMillis(value));
      case NN_RCVTIMEO:
        return apply(Options.RECEIVE_TIMEOUT, value < 0 ? null : Duration.ofMillis(value));
      case NN_RECONNECT_IVL:
        return value < 0
            ? errors.fail(Errno.EINVAL)
            : apply(Options.RECONNECT_INTERVAL, Duration.ofMillis(value));
      case NN_RECONNECT_IVL_MAX:
        return value < 0
            ? errors.fail(Errno.EINVAL)
            : apply(Options.RECONNECT_INTERVAL_MAX, Duration.ofMillis(value));
      case NN_SNDPRIO:
        return apply(Options.SEND_PRIORITY, value);
      case NN_RCVPRIO:
        return apply(Options.RECEIVE_PRIORITY, value);
      case NN_IPV4ONLY:
        if (value != 0 && value != 1) {
          return errors.fail(Errno.EINVAL);
        }
        ipv4Only = value; // kept for nn_getsockopt; sp4j always allows IPv6 literals
        return 0;
      case NN_RCVMAXSIZE:
        return apply(Options.RECEIVE_MAX_SIZE, value);
      case NN_MAXTTL:
        return apply(Options.MAX_TTL, value);
      case NN_SOCKET_NAME:
        return errors.fail(Errno.EINVAL); // a name is text
      default:
        return errors.fail(
            Errno.ENOPROTOOPT); // unknown, read-only (NN_DOMAIN, NN_PROTOCOL) or NN_SNDFD/NN_RCVFD
    }
  }

  /** Sets an sp4j option; out of range → EINVAL, closed → EBADF. */
  private <T> int apply(Option<T> option, T value) {
    try {
      owner.socket.set(option, value);
      return 0;
    } catch (RuntimeException e) {
      return errors.fail(errors.of(e));
    }
  }

  private boolean isKnown(int level, int option) {
    return switch (level) {
      case NN_SOL_SOCKET ->
          option >= NN_LINGER
              && option <= NN_MAXTTL
              && option != NN_SNDFD
              && option != NN_RCVFD
              && option != NN_DOMAIN
              && option != NN_PROTOCOL;
      case NN_REQ -> cooked(Protocol.REQ) && option == NN_REQ_RESEND_IVL;
      case NN_SURVEYOR -> cooked(Protocol.SURVEYOR) && option == NN_SURVEYOR_DEADLINE;
      case NN_TCP -> option == NN_TCP_NODELAY;
      case NN_WS -> option == NN_WS_MSG_TYPE;
      default -> false;
    };
  }

  // ---- get ---------------------------------------------------------------------------------

  synchronized int getInt(int level, int option, int[] value) {
    if (owner.socket.isClosed()) {
      return errors.fail(Errno.EBADF);
    }
    try {
      Integer v = readInt(level, option);
      if (v == null) {
        return -1;
      }
      value[0] = v;
      return 0;
    } catch (RuntimeException e) {
      return errors.fail(errors.of(e));
    }
  }

  synchronized byte[] getBytes(int level, int option) {
    if (level == NN_SOL_SOCKET && option == NN_SOCKET_NAME) {
      return name.clone();
    }
    int[] v = new int[1];
    if (getInt(level, option, v) != 0) {
      return null;
    }
    return ByteBuffer.allocate(Integer.BYTES)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(0, v[0])
        .array();
  }

  /** The value, or {@code null} with errno set. */
  private Integer readInt(int level, int option) {
    switch (level) {
      case NN_SOL_SOCKET:
        return readSocketInt(option);
      case NN_REQ:
        if (cooked(Protocol.REQ) && option == NN_REQ_RESEND_IVL) {
          return millis(owner.socket.get(Options.RESEND_INTERVAL));
        }
        break;
      case NN_SURVEYOR:
        if (cooked(Protocol.SURVEYOR) && option == NN_SURVEYOR_DEADLINE) {
          return millis(owner.socket.get(Options.SURVEY_DEADLINE));
        }
        break;
      case NN_SUB:
        if (protocol() == Protocol.SUB
            && (option == NN_SUB_SUBSCRIBE || option == NN_SUB_UNSUBSCRIBE)) {
          errors.fail(Errno.EINVAL); // write-only
          return null;
        }
        break;
      case NN_TCP:
        if (option == NN_TCP_NODELAY) {
          return owner.socket.get(Options.TCP_NODELAY) ? 1 : 0;
        }
        break;
      case NN_WS:
        if (option == NN_WS_MSG_TYPE) {
          return owner.socket.get(Options.WS_MESSAGE_TYPE) == MessageType.TEXT
              ? NN_WS_MSG_TYPE_TEXT
              : NN_WS_MSG_TYPE_BINARY;
        }
        break;
      default:
        break;
    }
    errors.fail(Errno.ENOPROTOOPT);
    return null;
  }

  private Integer readSocketInt(int option) {
    switch (option) {
      case NN_LINGER:
        return linger;
      case NN_SNDBUF:
        return owner.socket.get(Options.SEND_BUFFER);
      case NN_RCVBUF:
        return owner.socket.get(Options.RECEIVE_BUFFER);
      case NN_SNDTIMEO:
        return millis(owner.socket.get(Options.SEND_TIMEOUT));
      case NN_RCVTIMEO:
        return millis(owner.socket.get(Options.RECEIVE_TIMEOUT));
      case NN_RECONNECT_IVL:
        return millis(owner.socket.get(Options.RECONNECT_INTERVAL));
      case NN_RECONNECT_IVL_MAX:
        return millis(owner.socket.get(Options.RECONNECT_INTERVAL_MAX));
      case NN_SNDPRIO:
        return owner.socket.get(Options.SEND_PRIORITY);
      case NN_RCVPRIO:
        return owner.socket.get(Options.RECEIVE_PRIORITY);
      case NN_DOMAIN:
        return owner.domain;
      case NN_PROTOCOL:
        return protocol().number();
      case NN_IPV4ONLY:
        return ipv4Only;
      case NN_RCVMAXSIZE:
        return owner.socket.get(Options.RECEIVE_MAX_SIZE);
      case NN_MAXTTL:
        return owner.socket.get(Options.MAX_TTL);
      case NN_SOCKET_NAME:
        errors.fail(Errno.EINVAL); // text: read it with the byte[] form
        return null;
      default:
        errors.fail(Errno.ENOPROTOOPT); // unknown, or NN_SNDFD/NN_RCVFD: Java sockets have no fds
        return null;
    }
  }

  private static int millis(Duration d) {
    return d == null ? -1 : (int) Math.min(Integer.MAX_VALUE, d.toMillis());
  }
}
