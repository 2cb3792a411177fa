package io.sp4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sp4j.Endpoint;
import io.sp4j.Errno;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import io.sp4j.spi.SpAddress;
import io.sp4j.spi.Transport;
import io.sp4j.testing.ParseOutcome;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

/**
 * Any text as an address: {@link SpAddress} splits it or refuses it (EINVAL as an
 * IllegalArgumentException, ENAMETOOLONG past 127 characters), an unknown scheme is EPROTONOSUPPORT
 * (WS-URL-13); an {@code inproc://} address is bound by a socket, released by closing the endpoint,
 * and can then be bound again (INP-1). The other schemes' parsers have their own targets.
 */
class SpAddressFuzzTest {
  private static Socket socket;

  @AfterAll
  static void close() {
    if (socket != null) {
      socket.close();
    }
  }

  @FuzzTest(maxDuration = "10m")
  @Timeout(30)
  void anyAddress(byte[] input) {
    String url = new String(input, StandardCharsets.UTF_8);
    SpAddress address =
        ParseOutcome.parsedOrRefused(url, Set.of(Errno.ENAMETOOLONG), () -> SpAddress.parse(url));
    if (address == null) {
      return;
    }
    assertThat(url.length())
        .as("length of an address split")
        .isLessThanOrEqualTo(SpAddress.MAX_LENGTH);
    assertThat(address.scheme() + "://" + address.rest())
        .as("scheme and rest")
        .isEqualToIgnoringCase(url);
    Transport transport =
        ParseOutcome.parsedOrRefused(
            url, Set.of(Errno.EPROTONOSUPPORT), () -> Transports.forScheme(address.scheme()));
    if (transport != null) {
      assertThat(transport.scheme()).isEqualTo(address.scheme());
      if (address.scheme().equals("inproc")) {
        bindTwice(url);
      }
    }
  }

  private static void bindTwice(String url) {
    if (socket == null) {
      socket = Socket.open(Protocol.PAIR);
    }
    Endpoint first = ParseOutcome.parsedOrRefused(url, Set.of(), () -> socket.bind(url));
    if (first == null) {
      return;
    }
    first.close();
    socket.bind(url).close();
  }
}
