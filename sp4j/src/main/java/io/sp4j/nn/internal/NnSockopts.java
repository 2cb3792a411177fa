package io.sp4j.nn.internal;

import io.sp4j.Errno;

/**
 * nn_setsockopt and nn_getsockopt on the sockets of one table: the arguments C passes checked, then
 * the socket's {@link NnOptions}. Every method returns 0, or -1 with errno set.
 */
final class NnSockopts {
  private final NnSocketTable table;
  private final NnErrors errors;

  NnSockopts(NnSocketTable table, NnErrors errors) {
    this.table = table;
    this.errors = errors;
  }

  int setInt(int s, int level, int option, int value) {
    NnSocket socket = table.find(s);
    return socket == null ? -1 : socket.options.setInt(level, option, value);
  }

  int setBytes(int s, int level, int option, byte[] value) {
    NnSocket socket = table.find(s);
    if (socket == null) {
      return -1;
    }
    return value == null
        ? errors.fail(Errno.EFAULT)
        : socket.options.setBytes(level, option, value);
  }

  int getInt(int s, int level, int option, int[] value) {
    NnSocket socket = table.find(s);
    if (socket == null) {
      return -1;
    }
    if (value == null || value.length == 0) {
      return errors.fail(Errno.EFAULT);
    }
    return socket.options.getInt(level, option, value);
  }

  int getBytes(int s, int level, int option, byte[] value, int[] length) {
    NnSocket socket = table.find(s);
    if (socket == null) {
      return -1;
    }
    if (value == null || length == null || length.length == 0) {
      return errors.fail(Errno.EFAULT);
    }
    byte[] bytes = socket.options.getBytes(level, option);
    if (bytes == null) {
      return -1;
    }
    System.arraycopy(bytes, 0, value, 0, Math.min(bytes.length, value.length));
    length[0] = bytes.length;
    return 0;
  }
}
