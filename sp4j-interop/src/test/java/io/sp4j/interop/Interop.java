package io.sp4j.interop;

import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Per-test fixture: sp4j sockets and peer processes opened through it are closed after each test,
 * pass or fail. Register with {@code @RegisterExtension final Interop interop = new Interop();}.
 */
final class Interop implements AfterEachCallback {
  /** Generous for a busy two-core CI machine, but bounded. */
  static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final List<Socket> sockets = new ArrayList<>();
  private final List<PeerProcess> processes = new ArrayList<>();

  /** A cooked sp4j socket with send and receive timeouts of {@link #TIMEOUT}. */
  Socket open(Protocol protocol) {
    Socket socket =
        Socket.open(protocol)
            .set(Options.RECEIVE_TIMEOUT, TIMEOUT)
            .set(Options.SEND_TIMEOUT, TIMEOUT);
    sockets.add(socket);
    return socket;
  }

  /** Starts a peer process, destroyed after the test. */
  PeerProcess start(List<String> command) {
    PeerProcess process = PeerProcess.start(command);
    processes.add(process);
    return process;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    AssertionError failure = null;
    for (PeerProcess process : processes) {
      try {
        process.close();
        if (context.getExecutionException().isPresent()) {
          // What the peer said, next to the failure in the test report.
          System.err.println(
              "peer " + process + " (" + context.getDisplayName() + "): " + process.output());
        }
      } catch (RuntimeException e) {
        failure = addTo(failure, e);
      }
    }
    for (Socket socket : sockets) {
      try {
        socket.close();
      } catch (RuntimeException e) {
        failure = addTo(failure, e);
      }
    }
    processes.clear();
    sockets.clear();
    if (failure != null) {
      throw failure;
    }
  }

  private static AssertionError addTo(AssertionError failure, RuntimeException e) {
    AssertionError f = failure == null ? new AssertionError("closing the fixture failed") : failure;
    f.addSuppressed(e);
    return f;
  }
}
