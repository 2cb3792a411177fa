package io.sp4j.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sp4j.Endpoint;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import io.sp4j.spi.SpAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TCP-5: the forms of a tcp:// address, and the ones refused. */
class TcpAddressTest {
  private static TcpAddress bind(String url) {
    return TcpAddress.parse(SpAddress.parse(url), true);
  }

  private static TcpAddress dial(String url) {
    return TcpAddress.parse(SpAddress.parse(url), false);
  }

  @Test
  @SuppressWarnings(
      "AddressSelection") // the IP literals are what the parser must produce, not names to resolve
  void forms() {
    assertThat(bind("tcp://*:5555"))
        .satisfies(
            a -> {
              assertThat(a.anyHost()).isTrue();
              assertThat(a.bindAddress().getAddress().isAnyLocalAddress()).isTrue();
              assertThat(a.port()).isEqualTo(5555);
            });
    assertThat(bind("tcp://[::1]:0").bindAddress()).isEqualTo(new InetSocketAddress("::1", 0));
    assertThat(bind("tcp://127.0.0.1:80").bindAddress())
        .isEqualTo(new InetSocketAddress("127.0.0.1", 80));
    assertThat(bind("tcp://lo:80").bindAddress().getAddress().isLoopbackAddress()).isTrue();
    TcpAddress from = dial("tcp://127.0.0.1;[::1]:7000");
    assertThat(from.localAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 0));
    assertThat(from.remoteAddress()).isEqualTo(new InetSocketAddress("::1", 7000));
    assertThat(dial("tcp://lo;127.0.0.1:7000").localAddress().getAddress().isLoopbackAddress())
        .isTrue();
    assertThat(dial("tcp://example.invalid:1").remoteAddress().isUnresolved()).isTrue();
  }

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "tcp://127.0.0.1|bind|port is missing",
        "tcp://127.0.0.1:|bind|port ''",
        "tcp://127.0.0.1:65536|bind|port '65536'",
        "tcp://127.0.0.1:-1|bind|port '-1'",
        "tcp://127.0.0.1:0|dial|port '0'",
        "tcp://:5555|bind|host is missing",
        "tcp://*:5555|dial|only for bind",
        "tcp://::1:5555|bind|in brackets",
        "tcp://[::1:5555|bind|not closed",
        "tcp://[x]:5555|bind|not an IPv6 literal",
        "tcp://[[::1]]:5555|dial|not an IPv6 literal",
        "tcp://[[x]:5555|dial|not an IPv6 literal",
        "tcp://lo;127.0.0.1:5555|bind|only for connect",
        "tcp://;127.0.0.1:5555|dial|empty local address",
        "tcp://no-such-nic-or-host.invalid;127.0.0.1:5|dial|neither a local interface",
      })
  void badAddressesNameTheirFault(String url, String role, String message) {
    assertThatThrownBy(
            () -> {
              TcpAddress a = role.equals("bind") ? bind(url) : dial(url);
              if (role.equals("dial")) {
                a.localAddress();
              }
            })
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message)
        .hasMessageContaining(url);
  }

  /** The source of such a connection is checked where it arrives: TcpRawTest. */
  @Test
  void bindAllInterfacesAndDialANameFromALocalAddress() {
    try (Socket pull = Socket.open(Protocol.PULL);
        Socket push = Socket.open(Protocol.PUSH)) {
      pull.set(Options.RECEIVE_TIMEOUT, Duration.ofSeconds(5));
      push.set(Options.SEND_TIMEOUT, Duration.ofSeconds(5));
      Endpoint bound = pull.bind("tcp://*:0");
      assertThat(bound.port()).isPositive();
      Endpoint dialer = push.connect("tcp://127.0.0.2;localhost:" + bound.port());
      assertThat(dialer.port()).isEqualTo(bound.port());
      push.send(new byte[] {1, 2, 3});
      assertThat(pull.receive()).containsExactly(1, 2, 3);
    }
  }

  @Test
  void tcpNoDelayOffStillWorks() {
    try (Socket pull = Socket.open(Protocol.PULL);
        Socket push = Socket.open(Protocol.PUSH)) {
      pull.set(Options.RECEIVE_TIMEOUT, Duration.ofSeconds(5));
      push.set(Options.SEND_TIMEOUT, Duration.ofSeconds(5));
      pull.set(Options.TCP_NODELAY, false);
      push.set(Options.TCP_NODELAY, false);
      Endpoint bound = pull.bind("tcp://127.0.0.1:0");
      push.connect("tcp://127.0.0.1:" + bound.port());
      push.send(new byte[] {9});
      assertThat(pull.receive()).containsExactly(9);
    }
  }
}
