package io.sp4j.interop;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import io.sp4j.SpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sp4j protocol against its peer protocol in nanocat and nngcat over ws://, tcp:// and
 * ipc://, with sp4j binding and with sp4j dialing: a message reaches the other side, and where the
 * pattern has replies the reply comes back.
 */
class PatternInteropTest {
  private static final String FROM_PEER = "hello-from-peer";
  private static final String FROM_SP4J = "hello-from-sp4j";

  @RegisterExtension final Interop interop = new Interop();

  @TempDir Path dir;

  static Stream<Arguments> matrix() {
    return Arrays.stream(Scheme.values())
        .flatMap(
            scheme ->
                Arrays.stream(Protocol.values())
                    .flatMap(
                        protocol ->
                            Arrays.stream(Cli.values())
                                .flatMap(
                                    cli ->
                                        Arrays.stream(Role.values())
                                            .map(
                                                role ->
                                                    Arguments.of(scheme, protocol, cli, role)))));
  }

  @ParameterizedTest(name = "{0} sp4j {1}, {3}, with {2}")
  @MethodSource("matrix")
  void messageArrivesAndReplyReturns(Scheme scheme, Protocol protocol, Cli cli, Role role) {
    Socket socket = interop.open(protocol);
    if (protocol == Protocol.SUB) {
      socket.set(Options.SUBSCRIBE, new byte[0]);
    }
    PeerProcess peer = joinPeer(scheme, socket, cli, role, peerArguments(protocol));

    switch (protocol) {
      case PAIR, BUS -> {
        assertThat(text(socket.receive())).isEqualTo(FROM_PEER);
        socket.send(bytes(FROM_SP4J));
        peer.awaitStdout(FROM_SP4J, Interop.TIMEOUT);
      }
      case REQ, SURVEYOR -> {
        // A survey goes only to respondents connected when it is sent: ask until one answers.
        // (REQ keeps its request until a peer connects; one round is enough there.)
        socket.set(Options.RECEIVE_TIMEOUT, Duration.ofSeconds(2));
        await("an answer from " + peer)
            .atMost(Interop.TIMEOUT)
            .pollDelay(Duration.ZERO)
            .until(
                () -> {
                  socket.send(bytes(FROM_SP4J));
                  try {
                    return text(socket.receive()).equals(FROM_PEER);
                  } catch (SpTimeoutException e) {
                    return false;
                  }
                });
        peer.awaitStdout(FROM_SP4J, Interop.TIMEOUT);
      }
      case REP, RESPONDENT -> {
        assertThat(text(socket.receive())).isEqualTo(FROM_PEER);
        socket.send(bytes(FROM_SP4J));
        peer.awaitStdout(FROM_SP4J, Interop.TIMEOUT);
      }
      case PUB -> {
        // Published messages reach only subscribers already connected: publish until one arrives.
        await("a subscriber " + peer + " to print the message")
            .atMost(Interop.TIMEOUT)
            .pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> {
                  socket.send(bytes(FROM_SP4J));
                  return peer.stdoutContains(FROM_SP4J);
                });
      }
      case SUB, PULL -> assertThat(text(socket.receive())).isEqualTo(FROM_PEER);
      case PUSH -> {
        socket.send(bytes(FROM_SP4J));
        peer.awaitStdout(FROM_SP4J, Interop.TIMEOUT);
      }
      default -> throw new AssertionError("no scenario for " + protocol);
    }
  }

  /** What the peer program does for the sp4j {@code protocol}: it runs the peer protocol. */
  private static String[] peerArguments(Protocol protocol) {
    return switch (protocol) {
      // The peer sends once, then prints what it receives.
      case PAIR, REP, PULL, REQ, SURVEYOR -> new String[] {"--data", FROM_PEER};
      // Published and bus messages, and surveys, reach only connected peers: repeat every second.
      case SUB, BUS, RESPONDENT -> new String[] {"--data", FROM_PEER, "--interval", "1"};
      // A subscriber or puller that prints what arrives.
      case PUB, PUSH -> new String[0];
    };
  }

  /** Binds or dials {@code socket} and starts the peer program on the other end. */
  private PeerProcess joinPeer(
      Scheme scheme, Socket socket, Cli cli, Role role, String... peerArgs) {
    Protocol peerProtocol = socket.protocol().peer();
    if (role == Role.SP4J_BINDS) {
      return interop.start(cli.command(peerProtocol, false, scheme.bind(socket, dir), peerArgs));
    }
    String url = scheme.peerUrl(dir);
    PeerProcess peer = interop.start(cli.command(peerProtocol, true, url, peerArgs));
    socket.connect(url);
    return peer;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, UTF_8);
  }
}
