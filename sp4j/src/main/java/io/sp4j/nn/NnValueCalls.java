package io.sp4j.nn;

import io.sp4j.nn.internal.NnMsgParts;
import io.sp4j.nn.internal.NnPollEntry;
import io.sp4j.nn.internal.NnRuntime;

/**
 * The calls of {@link Nn} that take its public value types: each turns them into the runtime's
 * plain values and writes what the runtime gives back into them, so that the runtime knows nothing
 * of this package.
 */
final class NnValueCalls {
  private NnValueCalls() {}

  static int sendmsg(NnRuntime runtime, int s, NnMsgHdr hdr, int flags) {
    return runtime.sendmsg(s, parts(hdr), flags);
  }

  static int recvmsg(NnRuntime runtime, int s, NnMsgHdr hdr, int flags) {
    return runtime.recvmsg(s, parts(hdr), written -> hdr.setControlLength(written), flags);
  }

  /** The header's parts as the runtime reads them; {@code null} for no header. */
  private static NnMsgParts parts(NnMsgHdr hdr) {
    return hdr == null
        ? null
        : new NnMsgParts(hdr.iov(), hdr.isZeroCopy(), hdr.control(), hdr.controlLength());
  }

  /** nn_poll; each entry's {@code revents} is set only where the runtime set it. */
  static int poll(NnRuntime runtime, NnPollFd[] fds, int timeout) {
    if (fds == null) {
      return runtime.poll(null, null, timeout);
    }
    NnPollEntry[] entries = new NnPollEntry[fds.length];
    int[] revents = new int[fds.length];
    for (int i = 0; i < fds.length; i++) {
      if (fds[i] != null) { // a null entry stays null: the runtime fails it with EFAULT
        entries[i] = new NnPollEntry(fds[i].fd(), fds[i].events());
        revents[i] = fds[i].revents();
      }
    }
    int ready = runtime.poll(entries, revents, timeout);
    for (int i = 0; i < fds.length; i++) {
      if (fds[i] != null) {
        fds[i].setRevents(revents[i]);
      }
    }
    return ready;
  }
}
