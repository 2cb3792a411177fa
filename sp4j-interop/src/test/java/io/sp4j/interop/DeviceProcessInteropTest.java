package io.sp4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.sp4j.Protocol;
import io.sp4j.Socket;
import io.sp4j.SpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code nn_device} in a separate JVM between real peers over ws://: requests and surveys cross it
 * from nanocat, nngcat or sp4j to a nanocat server and back, backtrace and all.
 */
class DeviceProcessInteropTest {
  @RegisterExtension final Interop interop = new Interop();

  private PeerProcess startDevice(Protocol server, Protocol client, String front, String back) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    PeerProcess device =
        interop.start(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                NnDeviceMain.class.getName(),
                String.valueOf(server.number()),
                front,
                String.valueOf(client.number()),
                back));
    device.awaitStdout("ready", Interop.TIMEOUT);
    return device;
  }

  @ParameterizedTest(name = "{0} {1} → device process → nanocat {2}")
  @CsvSource({
    "sp4j, REQ, REP",
    "nanocat, REQ, REP",
    "nngcat, REQ, REP",
    "sp4j, SURVEYOR, RESPONDENT",
    "nanocat, SURVEYOR, RESPONDENT"
  })
  void anAskCrossesADeviceInAnotherProcessAndTheAnswerComesBack(
      String asker, Protocol client, Protocol server) {
    String front = "ws://127.0.0.1:" + FreePorts.find("127.0.0.1");
    String back = "ws://127.0.0.1:" + FreePorts.find("127.0.0.1");
    startDevice(server, client, front, back);
    interop.start(Cli.NANOCAT.command(server, false, back, "--data", "answer"));

    if (asker.equals("sp4j")) {
      Socket socket = interop.open(client);
      socket.connect(front);
      assertThat(askUntilAnswered(socket)).isEqualTo("answer");
    } else {
      Cli cli = asker.equals("nanocat") ? Cli.NANOCAT : Cli.NNGCAT;
      // A survey is broadcast: one sent before the respondent links up reaches nobody, so ask
      // again every second (REQ would resend by itself, but only after a minute).
      PeerProcess peer =
          interop.start(cli.command(client, false, front, "--data", "question", "--interval", "1"));
      peer.awaitStdout("answer", Interop.TIMEOUT);
    }
  }

  /** Asks, and asks again after each survey deadline, a bounded number of times. */
  private static String askUntilAnswered(Socket socket) {
    for (int attempt = 0; attempt < 15; attempt++) {
      socket.send("question".getBytes(StandardCharsets.UTF_8));
      try {
        return new String(socket.receive(), StandardCharsets.UTF_8);
      } catch (SpTimeoutException unanswered) {
        // the respondent was not linked up yet
      }
    }
    throw new AssertionError("no answer through the device after 15 surveys");
  }
}
