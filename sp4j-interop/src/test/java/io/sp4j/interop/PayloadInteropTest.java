package io.sp4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Refusal;
import io.sp4j.Socket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Payloads that the command-line tools cannot carry, over ws://, tcp:// and ipc://, through the C
 * peers on PAIR: the peer sends one, sp4j receives it and sends it back, and the peer reports what
 * arrived (length, frame type, hash). A message one byte over sp4j's {@link
 * Options#RECEIVE_MAX_SIZE} is never delivered, and sp4j drops the connection it came on.
 */
class PayloadInteropTest {
  private static final int LIMIT = 64 * 1024;

  @RegisterExtension final Interop interop = new Interop();

  @TempDir Path dir;

  enum Payload {
    EMPTY(new byte[0]),
    ALL_BYTE_VALUES(allByteValues()),
    KIB_200(randomBytes(200 * 1024)),
    MIB_3(randomBytes(3 * 1024 * 1024 + 5));

    @SuppressWarnings("ImmutableEnumChecker") // read by the tests, never written
    final byte[] bytes;

    Payload(byte[] bytes) {
      this.bytes = bytes;
    }
  }

  static Stream<Arguments> payloads() {
    List<Arguments> cases = new ArrayList<>();
    for (Scheme scheme : Scheme.values()) {
      for (Payload payload : Payload.values()) {
        for (CPeers peer : CPeers.values()) {
          for (Role role : Role.values()) {
            cases.add(Arguments.of(scheme, payload, peer, role));
          }
        }
      }
    }
    return cases.stream();
  }

  static Stream<Arguments> peersAndRoles() {
    return Arrays.stream(Scheme.values())
        .flatMap(
            scheme ->
                Arrays.stream(CPeers.values())
                    .flatMap(
                        peer ->
                            Arrays.stream(Role.values())
                                .map(role -> Arguments.of(scheme, peer, role))));
  }

  @ParameterizedTest(name = "{0}: {1} from {2} and back, {3}")
  @MethodSource("payloads")
  void payloadCrossesBothWays(Scheme scheme, Payload payload, CPeers peer, Role role)
      throws IOException {
    Socket socket = interop.open(Protocol.PAIR).set(Options.RECEIVE_MAX_SIZE, -1);
    PeerProcess process =
        join(scheme, socket, peer, role, "--send", file(payload.bytes).toString(), "--recv", "1");

    byte[] received = socket.receive();
    assertThat(received.length).as("length received from " + peer).isEqualTo(payload.bytes.length);
    assertThat(Arrays.equals(received, payload.bytes))
        .as("bytes received from " + peer + " intact")
        .isTrue();

    socket.send(received);
    // The frame type: binary (2) over ws; the nanomsg peer knows no type on tcp and ipc (0).
    int type = scheme == Scheme.WS || peer != CPeers.NANOMSG ? 2 : 0;
    process.awaitStdout(PeerReport.received(payload.bytes, type), Interop.TIMEOUT);
    assertThat(process.waitFor(Interop.TIMEOUT)).as("exit code of " + process).isZero();
  }

  @ParameterizedTest(name = "{0}: one byte over the limit from {1} is refused, {2}")
  @MethodSource("peersAndRoles")
  void messageOverReceiveLimitIsNeverDeliveredAndDropsTheConnection(
      Scheme scheme, CPeers peer, Role role) throws IOException {
    Socket socket = interop.open(Protocol.PAIR).set(Options.RECEIVE_MAX_SIZE, LIMIT);
    PeerProcess process =
        join(
            scheme,
            socket,
            peer,
            role,
            "--send",
            file(randomBytes(LIMIT + 1)).toString(),
            "--watch-drop");

    process.awaitStdout(PeerReport.DROPPED, Interop.TIMEOUT);
    // The refusal is counted where the frame's length is read, before any of it could be queued:
    // once it is counted, nothing of that message can arrive any more.
    await()
        .atMost(Interop.TIMEOUT)
        .until(() -> socket.refusals().get(Refusal.MESSAGE_TOO_LARGE) > 0);
    assertThat(socket.refusals()).containsEntry(Refusal.MESSAGE_TOO_LARGE, 1L);
    assertThat(socket.tryReceive()).isEmpty();
  }

  @ParameterizedTest(name = "{0}: exactly the limit from {1} arrives, {2}")
  @MethodSource("peersAndRoles")
  void messageOfExactlyTheReceiveLimitArrives(Scheme scheme, CPeers peer, Role role)
      throws IOException {
    Socket socket = interop.open(Protocol.PAIR).set(Options.RECEIVE_MAX_SIZE, LIMIT);
    byte[] payload = randomBytes(LIMIT);
    join(scheme, socket, peer, role, "--send", file(payload).toString(), "--recv", "1");

    assertThat(Arrays.equals(socket.receive(), payload))
        .as("message of exactly the limit intact")
        .isTrue();
  }

  /** Binds or dials {@code socket} and starts the C peer (PAIR) on the other end. */
  private PeerProcess join(Scheme scheme, Socket socket, CPeers peer, Role role, String... args) {
    if (role == Role.SP4J_BINDS) {
      return interop.start(
          peer.command(concat(new String[] {"pair", "connect", scheme.bind(socket, dir)}, args)));
    }
    String url = scheme.peerUrl(dir);
    PeerProcess process =
        interop.start(peer.command(concat(new String[] {"pair", "bind", url}, args)));
    process.awaitStdout(PeerReport.READY, Interop.TIMEOUT);
    socket.connect(url);
    return process;
  }

  private Path file(byte[] bytes) throws IOException {
    return Files.write(Files.createTempFile(dir, "payload", ".bin"), bytes);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static byte[] allByteValues() {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }
}
