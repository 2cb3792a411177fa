package io.sp4j.faults;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A {@link FaultPeer}'s stdout: whole lines from any thread, each flushed at once. */
final class PeerOutput {
  private final PrintStream out =
      new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);

  synchronized void line(PeerLine kind, Object... fields) {
    StringBuilder sb = new StringBuilder(kind.word());
    for (Object field : fields) {
      sb.append(' ').append(field);
    }
    out.println(sb);
    // The test reads the line as soon as it is printed: its arrival time is a measurement.
    out.flush();
  }
}
