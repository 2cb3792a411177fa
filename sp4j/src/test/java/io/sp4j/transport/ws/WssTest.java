package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sp4j.Endpoint;
import io.sp4j.Errno;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import io.sp4j.spi.SpAddress;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wss://} (WS-URL-12): sp4j to sp4j inside TLS with self-signed certificates made by the
 * JDK's {@code keytool}; a dialer that does not trust the server's certificate gets no pipe.
 */
class WssTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final char[] PASSWORD = "sp4j-test".toCharArray();

  @TempDir static Path dir;
  static KeyStore server;
  static KeyStore stranger;

  private final List<Socket> sockets = new ArrayList<>();

  @BeforeAll
  static void certificates() throws Exception {
    server = selfSigned("server");
    stranger = selfSigned("stranger");
  }

  @AfterEach
  void closeAll() {
    sockets.forEach(Socket::close);
  }

  /** A key pair and a certificate for 127.0.0.1 and localhost, valid for two days. */
  static KeyStore selfSigned(String name) throws Exception {
    Path file = dir.resolve(name + ".p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=" + name,
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                file.toString(),
                "-storepass",
                new String(PASSWORD),
                "-keypass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    byte[] output = keytool.getInputStream().readAllBytes();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as("keytool finishes").isTrue();
    assertThat(keytool.exitValue()).as(new String(output, StandardCharsets.UTF_8)).isZero();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(file)) {
      store.load(in, PASSWORD);
    }
    return store;
  }

  /** A server context presenting the store's certificate. */
  static SSLContext serving(KeyStore store) throws Exception {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  /** A client context that trusts only the store's certificate. */
  static SSLContext trusting(KeyStore store) throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("trusted", store.getCertificate(store.aliases().nextElement()));
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private Socket open(Protocol protocol) {
    Socket socket = Socket.open(protocol);
    socket.set(Options.RECEIVE_TIMEOUT, WAIT);
    socket.set(Options.SEND_TIMEOUT, WAIT);
    socket.set(Options.RECONNECT_INTERVAL, Duration.ofMillis(50));
    sockets.add(socket);
    return socket;
  }

  private String bindSecure(Socket socket) throws Exception {
    socket.set(Options.TLS_CONTEXT, serving(server));
    Endpoint endpoint = socket.bind("wss://127.0.0.1:0/app");
    return "wss://127.0.0.1:" + endpoint.port() + "/app";
  }

  @Test
  void reqRepOverWssWithATrustedCertificate() throws Exception {
    Socket rep = open(Protocol.REP);
    Socket req = open(Protocol.REQ);
    req.set(Options.TLS_CONTEXT, trusting(server));
    req.connect(bindSecure(rep));
    for (int i = 0; i < 5; i++) {
      req.send(("ping " + i).getBytes(StandardCharsets.UTF_8));
      assertThat(new String(rep.receive(), StandardCharsets.UTF_8)).isEqualTo("ping " + i);
      rep.send(("pong " + i).getBytes(StandardCharsets.UTF_8));
      assertThat(new String(req.receive(), StandardCharsets.UTF_8)).isEqualTo("pong " + i);
    }
    byte[] big = new byte[300 * 1024]; // several 64 KiB fragments inside TLS records
    new Random(7).nextBytes(big);
    req.send(big);
    assertThat(rep.receive()).isEqualTo(big);
    rep.send(big);
    assertThat(req.receive()).isEqualTo(big);
  }

  @Test
  void untrustedCertificateIsTheDialersLastFailureAndGivesNoPipe() throws Exception {
    Socket rep = open(Protocol.REP);
    Socket req = open(Protocol.REQ);
    req.set(Options.TLS_CONTEXT, trusting(stranger));
    Endpoint endpoint = req.connect(bindSecure(rep));
    req.send("never".getBytes(StandardCharsets.UTF_8)); // REQ keeps it pending until a pipe comes
    org.awaitility.Awaitility.await()
        .atMost(WAIT)
        .until(() -> endpoint.lastConnectFailure().isPresent());
    assertThat(endpoint.lastConnectFailure().get().errno()).isEqualTo(Errno.EPROTO);
    assertThat(endpoint.lastConnectFailure().get().getMessage()).contains("TLS");
    assertThat(rep.tryReceive()).as("the attempt failed: no pipe took the request").isEmpty();
  }

  /**
   * A plain ws:// dialer gets no pipe from a wss listener. sp4j's dialer records no failure when
   * the listener just closes, so the test sends what a REQ's dialer sends (the same request bytes)
   * over plain TCP and waits for the listener to close the connection: no 101, no pipe.
   */
  @Test
  void plainWsUpgradeToAWssListenerIsClosedWithoutAnAnswer() throws Exception {
    Socket rep = open(Protocol.REP);
    String plainUrl = bindSecure(rep).replace("wss://", "ws://");
    WsAddress address = WsAddress.parse(SpAddress.parse(plainUrl), false);
    try (java.net.Socket plain =
        new java.net.Socket(InetAddress.getLoopbackAddress(), address.port())) {
      plain.setSoTimeout((int) WAIT.toMillis());
      plain
          .getOutputStream()
          .write(Handshake.request(address, "rep.sp.nanomsg.org", "dGhlIHNhbXBsZSBub25jZQ=="));
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      try {
        plain
            .getInputStream()
            .transferTo(answer); // until the listener closes (a timeout fails the test)
      } catch (SocketException reset) {
        // closed with a reset: closed all the same
      }
      assertThat(answer.toString(StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/1.1 101");
    }
  }

  @Test
  void wssListenerWithoutATlsContextIsRefused() {
    Socket rep = open(Protocol.REP);
    assertThatThrownBy(() -> rep.bind("wss://127.0.0.1:0/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TLS_CONTEXT");
  }
}
