package io.sp4j.faults;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A {@link FaultPeer}'s stdout: whole lines from any thread, each flushed at once and stamped with
 * {@link System#nanoTime()} when printed. HotSpot on Linux reads CLOCK_MONOTONIC for it, which
 * every process on the machine shares (a network namespace does not change clocks), so the test can
 * place the peer's events against its own faults even when it reads them late.
 */
final class PeerOutput {
  private final PrintStream out =
      new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);

  synchronized void line(PeerLine kind, Object... fields) {
    StringBuilder sb =
        new StringBuilder().append(System.nanoTime()).append(' ').append(kind.word());
    for (Object field : fields) {
      sb.append(' ').append(field);
    }
    out.println(sb);
    out.flush();
  }
}
