package io.sp4j.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sp4j.spi.SpAddress;
import io.sp4j.testing.ParseOutcome;
import java.util.Set;
import org.junit.jupiter.api.Timeout;

/**
 * Any text as a {@code tcp://} address, for bind and for connect: parsed or refused with a message
 * (TCP-5). A parsed address has a port in range (0 on bind only), a host, and written back from its
 * parts it parses to the same parts. Nothing is resolved.
 */
class TcpAddressFuzzTest {
  @FuzzTest(maxDuration = "10m")
  @Timeout(30)
  void anyAddress(byte[] input) {
    SpAddress address = ParseOutcome.address(input, Set.of("tcp"));
    if (address == null) {
      return;
    }
    String url = address.url();
    for (boolean bind : new boolean[] {true, false}) {
      TcpAddress tcp =
          ParseOutcome.parsedOrRefused(url, Set.of(), () -> TcpAddress.parse(address, bind));
      if (tcp == null) {
        continue;
      }
      assertThat(tcp.port()).as("port").isBetween(bind ? 0 : 1, 65535);
      assertThat(tcp.host()).as("host").isNotEmpty();
      assertThat(tcp.local() == null || !bind).as("local address on bind").isTrue();
      String host = tcp.host().indexOf(':') >= 0 ? "[" + tcp.host() + "]" : tcp.host();
      String rebuilt =
          "tcp://" + (tcp.local() == null ? "" : tcp.local() + ";") + host + ":" + tcp.port();
      TcpAddress again = TcpAddress.parse(SpAddress.parse(rebuilt), bind);
      assertThat(again)
          .as("%s written back as %s", url, rebuilt)
          .usingRecursiveComparison()
          .ignoringFields("url")
          .isEqualTo(tcp);
    }
  }
}
