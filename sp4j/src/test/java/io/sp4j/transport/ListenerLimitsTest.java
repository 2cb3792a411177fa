package io.sp4j.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sp4j.Endpoint;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Refusal;
import io.sp4j.Socket;
import io.sp4j.testing.WsUpgrade;
import io.sp4j.transport.stream.RawPeer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A listener's limits on what connections may take before they are of use: MAX_CONNECTIONS,
 * MAX_HANDSHAKES (refused at once: ws with 503, tcp and ipc closed without a greeting, each
 * counted) and LISTEN_BACKLOG (what the kernel's listening socket gets), on every listening scheme.
 */
class ListenerLimitsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final int PUSH = 80;
  private static final int PULL = 81;

  @TempDir static Path dir;

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable each : open) {
      each.close();
    }
  }

  /** How a raw peer reaches and greets a PULL listener of each scheme. */
  enum Scheme {
    TCP {
      @Override
      String bindUrl() {
        return "tcp://127.0.0.1:0";
      }
    },
    IPC {
      @Override
      String bindUrl() {
        return "ipc://" + dir.resolve("limits" + System.nanoTime() + ".sock");
      }

      @Override
      SocketAddress address(Endpoint bound) {
        return UnixDomainSocketAddress.of(bound.url().substring("ipc://".length()));
      }

      @Override
      String ssQuery(Endpoint bound) {
        return "ss -Hlx src " + bound.url().substring("ipc://".length());
      }
    },
    WS {
      @Override
      String bindUrl() {
        return "ws://127.0.0.1:0/limits";
      }

      @Override
      boolean handshake(RawPeer peer) throws IOException {
        peer.write(WsUpgrade.request("/limits", "pull.sp.nanomsg.org"));
        return status(peer).equals("HTTP/1.1 101");
      }

      @Override
      boolean admitted(RawPeer peer) throws IOException {
        return handshake(peer);
      }

      @Override
      boolean refusedAtOnce(RawPeer peer, boolean afterRequest) throws IOException {
        return afterRequest
            ? !handshake(peer) && peer.closedWithin(WAIT)
            : status(peer).equals("HTTP/1.1 503");
      }

      private String status(RawPeer peer) throws IOException {
        return new String(peer.read(12, WAIT), StandardCharsets.ISO_8859_1);
      }
    };

    abstract String bindUrl();

    SocketAddress address(Endpoint bound) {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), bound.port());
    }

    String ssQuery(Endpoint bound) {
      return "ss -Hltn sport = :" + bound.port();
    }

    /** Completes the opening handshake as a PUSH peer; whether the listener took it. */
    boolean handshake(RawPeer peer) throws IOException {
      if (!admitted(peer)) {
        return false;
      }
      peer.write(greeting(PUSH));
      return true;
    }

    /** Whether the listener admitted the new connection (tcp, ipc: it greets at once). */
    boolean admitted(RawPeer peer) throws IOException {
      return java.util.Arrays.equals(peer.read(8, WAIT), greeting(PULL));
    }

    /** Whether the listener refused at once: closed without a greeting (tcp, ipc), 503 (ws). */
    boolean refusedAtOnce(RawPeer peer, boolean afterRequest) throws IOException {
      return peer.read(8, WAIT).length == 0 && peer.closedWithin(WAIT);
    }
  }

  private static byte[] greeting(int protocol) {
    return new byte[] {0, 'S', 'P', 0, 0, (byte) protocol, 0, 0};
  }

  private Socket pull() {
    Socket socket = Socket.open(Protocol.PULL);
    open.add(socket);
    return socket;
  }

  private RawPeer connect(Scheme scheme, Endpoint bound) throws IOException {
    RawPeer peer = RawPeer.connect(scheme.address(bound));
    open.add(peer);
    return peer;
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void aConnectionBeyondMaxConnectionsIsRefusedAtOnceAndCounted(Scheme scheme) throws Exception {
    Socket pull = pull();
    pull.set(Options.MAX_CONNECTIONS, 2);
    Endpoint bound = pull.bind(scheme.bindUrl());
    RawPeer first = connect(scheme, bound);
    assertThat(scheme.handshake(first)).isTrue();
    assertThat(scheme.handshake(connect(scheme, bound))).isTrue();

    assertThat(scheme.refusedAtOnce(connect(scheme, bound), true))
        .as("the third connection")
        .isTrue();
    assertThat(pull.refusals()).containsEntry(Refusal.CONNECTION_LIMIT, 1L);

    first.close();
    await().atMost(WAIT).until(() -> scheme.handshake(connect(scheme, bound)));
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void aConnectionBeyondMaxHandshakesIsRefusedAtOnceAndCounted(Scheme scheme) throws Exception {
    Socket pull = pull();
    pull.set(Options.MAX_HANDSHAKES, 2);
    Endpoint bound = pull.bind(scheme.bindUrl());
    RawPeer first = connect(scheme, bound); // both stay in their handshake
    connect(scheme, bound);
    await().atMost(WAIT).until(() -> scheme.refusedAtOnce(connect(scheme, bound), false));
    assertThat(pull.refusals().get(Refusal.HANDSHAKE_LIMIT)).isPositive();

    assertThat(scheme.handshake(first)).as("a handshake under way finishes").isTrue();
    await().atMost(WAIT).until(() -> scheme.admitted(connect(scheme, bound)));
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void theListenBacklogIsTheKernels(Scheme scheme) throws Exception {
    Socket pull = pull();
    pull.set(Options.LISTEN_BACKLOG, 1234);
    Endpoint bound = pull.bind(scheme.bindUrl());
    Process ss =
        new ProcessBuilder("sh", "-c", scheme.ssQuery(bound)).redirectErrorStream(true).start();
    assertThat(ss.waitFor(10, TimeUnit.SECONDS)).isTrue();
    String line = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    // ss: state, Recv-Q, Send-Q (a listening socket's backlog), local address ...
    String[] columns = line.split("\\s+", -1);
    assertThat(columns.length).as(line).isGreaterThan(3);
    int sendQ = line.startsWith("u_str") ? 3 : 2;
    assertThat(columns[sendQ]).as(line).isEqualTo("1234");
  }
}
