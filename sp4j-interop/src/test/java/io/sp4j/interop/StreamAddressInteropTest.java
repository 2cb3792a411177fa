package io.sp4j.interop;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import io.sp4j.SpTimeoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * tcp:// address forms and the receive limit against nanocat and nngcat: {@code *} binds, IPv6
 * literals, the {@code local;host:port} dial form, and a message over the limit never delivered.
 */
class StreamAddressInteropTest {
  private static final String DATA = "hello-over-tcp";

  @RegisterExtension final Interop interop = new Interop();

  @TempDir Path dir;

  @ParameterizedTest(name = "sp4j binds tcp://*:port, {0} dials 127.0.0.1")
  @EnumSource(Cli.class)
  void bindEveryInterface(Cli cli) {
    Socket pull = interop.open(Protocol.PULL);
    int port = pull.bind("tcp://*:0").port();
    interop.start(cli.command(Protocol.PUSH, false, "tcp://127.0.0.1:" + port, "--data", DATA));
    assertThat(new String(pull.receive(), UTF_8)).isEqualTo(DATA);
  }

  /** nanocat cannot turn NN_IPV4ONLY off: nngcat here, the nanomsg C peer below. */
  @ParameterizedTest(name = "over IPv6 loopback with {0}, both roles")
  @EnumSource(value = Cli.class, names = "NNGCAT")
  void ipv6Loopback(Cli cli) {
    Socket pull = interop.open(Protocol.PULL);
    int port = pull.bind("tcp://[::1]:0").port();
    interop.start(cli.command(Protocol.PUSH, false, "tcp://[::1]:" + port, "--data", DATA));
    assertThat(new String(pull.receive(), UTF_8)).isEqualTo(DATA);

    Socket push = interop.open(Protocol.PUSH);
    String url = "tcp://[::1]:" + FreePorts.find("::1");
    PeerProcess peer = interop.start(cli.command(Protocol.PULL, true, url));
    push.connect(url);
    push.send("to-the-peer".getBytes(UTF_8));
    peer.awaitStdout("to-the-peer", Interop.TIMEOUT);
  }

  @ParameterizedTest(name = "IPv6 [::1] with nanomsg (NN_IPV4ONLY off), {0}")
  @EnumSource(Role.class)
  void ipv6WithNanomsg(Role role) throws IOException {
    Socket pair = interop.open(Protocol.PAIR);
    Path file = Files.writeString(dir.resolve("data.txt"), DATA, UTF_8);
    PeerProcess peer;
    if (role == Role.SP4J_BINDS) {
      int port = pair.bind("tcp://[::1]:0").port();
      peer =
          interop.start(
              CPeers.NANOMSG.command(
                  new String[] {
                    "pair",
                    "connect",
                    "tcp://[::1]:" + port,
                    "--ipv6",
                    "--send",
                    file.toString(),
                    "--recv",
                    "1"
                  }));
    } else {
      String url = "tcp://[::1]:" + FreePorts.find("::1");
      peer =
          interop.start(
              CPeers.NANOMSG.command(
                  new String[] {
                    "pair", "bind", url, "--ipv6", "--send", file.toString(), "--recv", "1"
                  }));
      peer.awaitStdout(PeerReport.READY, Interop.TIMEOUT);
      pair.connect(url);
    }
    assertThat(new String(pair.receive(), UTF_8)).isEqualTo(DATA);
    pair.send("back".getBytes(UTF_8));
    peer.awaitStdout(PeerReport.received("back".getBytes(UTF_8), 0), Interop.TIMEOUT);
  }

  @ParameterizedTest(name = "sp4j dials {0} from a local address (local;host:port)")
  @EnumSource(Cli.class)
  void dialFromLocalAddress(Cli cli) {
    Socket push = interop.open(Protocol.PUSH);
    String port = String.valueOf(FreePorts.find("127.0.0.1"));
    PeerProcess peer = interop.start(cli.command(Protocol.PULL, true, "tcp://127.0.0.1:" + port));
    push.connect("tcp://127.0.0.1;127.0.0.1:" + port);
    push.send("from-local".getBytes(UTF_8));
    peer.awaitStdout("from-local", Interop.TIMEOUT);
  }

  @Test
  void nanocatDialsFromLocalAddressToSp4j() {
    Socket pull = interop.open(Protocol.PULL);
    int port = pull.bind("tcp://127.0.0.1:0").port();
    interop.start(
        Cli.NANOCAT.command(
            Protocol.PUSH, false, "tcp://127.0.0.1;127.0.0.1:" + port, "--data", DATA));
    assertThat(new String(pull.receive(), UTF_8)).isEqualTo(DATA);
  }

  @ParameterizedTest(name = "a message from {0} over RECEIVE_MAX_SIZE is never delivered")
  @EnumSource(Cli.class)
  void overTheReceiveLimit(Cli cli) {
    Socket pull = interop.open(Protocol.PULL);
    pull.set(Options.RECEIVE_MAX_SIZE, 1000);
    pull.set(Options.RECEIVE_TIMEOUT, Duration.ofSeconds(3));
    int port = pull.bind("tcp://127.0.0.1:0").port();
    interop.start(
        cli.command(
            Protocol.PUSH,
            false,
            "tcp://127.0.0.1:" + port,
            "--data",
            "x".repeat(1001),
            "--interval",
            "1"));
    assertThatThrownBy(pull::receive).isInstanceOf(SpTimeoutException.class);
  }
}
