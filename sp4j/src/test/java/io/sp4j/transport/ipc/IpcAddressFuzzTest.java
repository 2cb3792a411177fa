package io.sp4j.transport.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sp4j.Errno;
import io.sp4j.spi.SpAddress;
import io.sp4j.testing.ParseOutcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Timeout;

/**
 * Any text as an {@code ipc://} address: a socket file's absolute path that fits {@code sun_path}
 * (107 bytes), or refused with a message (EINVAL, ENAMETOOLONG).
 */
class IpcAddressFuzzTest {
  @FuzzTest(maxDuration = "10m")
  @Timeout(30)
  void anyAddress(byte[] input) {
    SpAddress address = ParseOutcome.address(input, Set.of("ipc"));
    if (address == null) {
      return;
    }
    String url = address.url();
    Path path =
        ParseOutcome.parsedOrRefused(
            url, Set.of(Errno.ENAMETOOLONG), () -> IpcTransport.path(address));
    if (path != null) {
      assertThat(path.isAbsolute()).as("absolute").isTrue();
      assertThat(path.toString().getBytes(StandardCharsets.UTF_8).length)
          .as("bytes in sun_path")
          .isLessThanOrEqualTo(107);
    }
  }
}
