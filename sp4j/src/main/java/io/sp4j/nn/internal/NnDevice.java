package io.sp4j.nn.internal;

import io.sp4j.Device;
import io.sp4j.Errno;
import io.sp4j.SocketClosedException;

/** nn_device on the sockets of one table: forwards until a socket closes, then reports why. */
final class NnDevice {
  private final NnSocketTable table;
  private final NnErrors errors;

  NnDevice(NnSocketTable table, NnErrors errors) {
    this.table = table;
    this.errors = errors;
  }

  /**
   * Always -1: EBADF when a socket closed, ETERM after nn_term, EINVAL if they cannot be joined.
   */
  int run(int s1, int s2) {
    if (s1 == -1 && s2 == -1) {
      return errors.fail(Errno.EBADF);
    }
    NnSocket first = s1 == -1 ? null : table.find(s1);
    NnSocket second = s2 == -1 ? null : table.find(s2);
    if ((s1 != -1 && first == null) || (s2 != -1 && second == null)) {
      return -1;
    }
    try {
      if (first == null || second == null) {
        try (Device device = Device.start(first != null ? first.socket : second.socket)) {
          device.await();
        }
      } else {
        Device.run(first.socket, second.socket);
      }
      return errors.fail(Errno.EBADF); // a device only ends by failing
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return errors.fail(Errno.EINTR);
    } catch (RuntimeException e) {
      boolean byTerm =
          (first != null && first.terminatedByTerm) || (second != null && second.terminatedByTerm);
      return errors.fail(byTerm && e instanceof SocketClosedException ? Errno.ETERM : errors.of(e));
    }
  }
}
