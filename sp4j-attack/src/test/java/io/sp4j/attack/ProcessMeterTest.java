package io.sp4j.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The kernel's numbers of a process, here of this one. */
class ProcessMeterTest {
  private static final long SELF = ProcessHandle.current().pid();

  @Test
  void anOpenFileIsOneMoreDescriptor() throws IOException {
    long before = ProcessMeter.read(SELF).fds();
    try (FileChannel file = FileChannel.open(Path.of("pom.xml"))) {
      assertThat(ProcessMeter.read(SELF).fds()).isEqualTo(before + 1);
    }
  }

  @Test
  void residentMemoryAndThreadsAreThere() {
    ProcessMeter.Usage usage = ProcessMeter.read(SELF);
    assertThat(usage.rssBytes()).isGreaterThan(1 << 20);
    assertThat(usage.threads()).isGreaterThanOrEqualTo(Thread.activeCount());
  }

  @Test
  void anEndedProcessIsSaidToHaveEnded() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    assertThatThrownBy(() -> ProcessMeter.read(p.pid())).hasMessageContaining("has ended");
  }
}
