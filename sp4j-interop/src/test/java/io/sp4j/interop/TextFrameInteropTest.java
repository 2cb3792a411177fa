package io.sp4j.interop;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sp4j.Message;
import io.sp4j.MessageType;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * WebSocket text frames against nanomsg, which sends them with {@code NN_WS_MSG_TYPE} = TEXT and
 * reports the opcode of each received message in {@code nn_recvmsg} control data; and against NNG,
 * which accepts only binary frames.
 */
class TextFrameInteropTest {
  private static final String TEXT = "héllo, wörld ✓";
  private static final int OPCODE_TEXT = 1;
  private static final int OPCODE_BINARY = 2;

  @RegisterExtension final Interop interop = new Interop();

  @TempDir Path dir;

  /** How sp4j picks the frame type of a sent message. */
  enum TypeChoice {
    SOCKET_DEFAULT(null, null, OPCODE_BINARY),
    SOCKET_OPTION_TEXT(MessageType.TEXT, null, OPCODE_TEXT),
    MESSAGE_TEXT(null, MessageType.TEXT, OPCODE_TEXT),
    MESSAGE_BINARY_ON_TEXT_SOCKET(MessageType.TEXT, MessageType.BINARY, OPCODE_BINARY);

    final MessageType socketType;
    final MessageType messageType;
    final int expectedOpcode;

    TypeChoice(MessageType socketType, MessageType messageType, int expectedOpcode) {
      this.socketType = socketType;
      this.messageType = messageType;
      this.expectedOpcode = expectedOpcode;
    }
  }

  static Stream<Arguments> choicesAndRoles() {
    List<Arguments> cases = new ArrayList<>();
    for (TypeChoice choice : TypeChoice.values()) {
      for (Role role : Role.values()) {
        cases.add(Arguments.of(choice, role));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: nanomsg sees the frame type, {1}")
  @MethodSource("choicesAndRoles")
  void nanomsgReportsTheFrameTypeSp4jSent(TypeChoice choice, Role role) {
    Socket socket = interop.open(Protocol.PAIR);
    if (choice.socketType != null) {
      socket.set(Options.WS_MESSAGE_TYPE, choice.socketType);
    }
    PeerProcess peer = join(socket, CPeers.NANOMSG, role, "--recv", "1");

    Message message = Message.copyOf(TEXT.getBytes(UTF_8));
    socket.send(choice.messageType == null ? message : message.withType(choice.messageType));

    peer.awaitStdout(
        PeerReport.received(TEXT.getBytes(UTF_8), choice.expectedOpcode), Interop.TIMEOUT);
  }

  @ParameterizedTest(name = "nanomsg sends text, sp4j receives it as TEXT, {0}")
  @EnumSource(Role.class)
  void textFromNanomsgArrivesAsText(Role role) throws IOException {
    Socket socket = interop.open(Protocol.PAIR);
    Path file = Files.writeString(dir.resolve("text.txt"), TEXT, UTF_8);
    PeerProcess peer =
        join(socket, CPeers.NANOMSG, role, "--text", "--send", file.toString(), "--recv", "1");

    Message received = socket.receiveMessage();
    assertThat(new String(received.body(), UTF_8)).isEqualTo(TEXT);
    assertThat(received.type()).contains(MessageType.TEXT);

    // Sent back as binary, the peer sees a binary frame.
    socket.send(received.withType(MessageType.BINARY));
    peer.awaitStdout(PeerReport.received(TEXT.getBytes(UTF_8), OPCODE_BINARY), Interop.TIMEOUT);
  }

  @ParameterizedTest(name = "binary from {0} arrives as BINARY, {1}")
  @MethodSource("peersAndRoles")
  void binaryArrivesAsBinary(CPeers peer, Role role) throws IOException {
    Socket socket = interop.open(Protocol.PAIR);
    Path file = Files.writeString(dir.resolve("binary.txt"), TEXT, UTF_8);
    PeerProcess process = join(socket, peer, role, "--send", file.toString(), "--recv", "1");

    Message received = socket.receiveMessage();
    assertThat(new String(received.body(), UTF_8)).isEqualTo(TEXT);
    assertThat(received.type()).contains(MessageType.BINARY);
    socket.send(received);
    process.awaitStdout(PeerReport.received(TEXT.getBytes(UTF_8), OPCODE_BINARY), Interop.TIMEOUT);
  }

  /**
   * NNG's ws transport takes binary frames only and closes on a text frame (1003), as the spec
   * notes (WS-FR-23): sp4j sending TEXT to NNG loses the message and the connection.
   */
  @ParameterizedTest(name = "text to NNG is refused by NNG, {0}")
  @EnumSource(Role.class)
  void textToNngIsRefusedByNng(Role role) {
    Socket socket = interop.open(Protocol.PAIR).set(Options.WS_MESSAGE_TYPE, MessageType.TEXT);
    PeerProcess peer = join(socket, CPeers.NNG, role, "--watch-drop");

    socket.send(TEXT.getBytes(UTF_8));

    peer.awaitStdout(PeerReport.DROPPED, Interop.TIMEOUT);
    assertThat(peer.stdoutText()).doesNotContain("recv ");
  }

  static Stream<Arguments> peersAndRoles() {
    List<Arguments> cases = new ArrayList<>();
    for (CPeers peer : CPeers.values()) {
      for (Role role : Role.values()) {
        cases.add(Arguments.of(peer, role));
      }
    }
    return cases.stream();
  }

  private PeerProcess join(Socket socket, CPeers peer, Role role, String... args) {
    List<String> prefix;
    PeerProcess process;
    if (role == Role.SP4J_BINDS) {
      int port = socket.bind("ws://127.0.0.1:0").port();
      prefix = List.of("pair", "connect", "ws://127.0.0.1:" + port);
      return interop.start(peer.command(concat(prefix, args)));
    }
    String url = "ws://127.0.0.1:" + FreePorts.find("127.0.0.1");
    process = interop.start(peer.command(concat(List.of("pair", "bind", url), args)));
    process.awaitStdout(PeerReport.READY, Interop.TIMEOUT);
    socket.connect(url);
    return process;
  }

  private static String[] concat(List<String> prefix, String[] rest) {
    List<String> all = new ArrayList<>(prefix);
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }
}
