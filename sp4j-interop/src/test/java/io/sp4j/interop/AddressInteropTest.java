package io.sp4j.interop;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sp4j.Protocol;
import io.sp4j.Socket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Addresses: a path and query on connect, and IPv6 literals in both roles. */
class AddressInteropTest {
  private static final String REQUEST = "request-over-path";
  private static final String REPLY = "reply-over-path";

  @RegisterExtension final Interop interop = new Interop();

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} dials /some/path?x=1 on an sp4j listener bound on /some/path")
  @EnumSource(Cli.class)
  void peerDialsPathAndQueryOfListener(Cli cli) {
    Socket rep = interop.open(Protocol.REP);
    int port = rep.bind("ws://127.0.0.1:0/some/path").port();
    String url = "ws://127.0.0.1:" + port + "/some/path?x=1";
    PeerProcess req = interop.start(cli.command(Protocol.REQ, false, url, "--data", REQUEST));

    assertThat(new String(rep.receive(), UTF_8)).isEqualTo(REQUEST);
    rep.send(REPLY.getBytes(UTF_8));
    req.awaitStdout(REPLY, Interop.TIMEOUT);
  }

  /** NNG routes by path; nanomsg cannot bind with a path, so only nngcat listens here. */
  @Test
  void sp4jDialsPathAndQueryOfNngcatListener() {
    int port = FreePorts.find("127.0.0.1");
    PeerProcess rep =
        interop.start(
            Cli.NNGCAT.command(
                Protocol.REP, true, "ws://127.0.0.1:" + port + "/some/path", "--data", REPLY));
    Socket req = interop.open(Protocol.REQ);
    req.connect("ws://127.0.0.1:" + port + "/some/path?x=1");

    req.send(REQUEST.getBytes(UTF_8));
    assertThat(new String(req.receive(), UTF_8)).isEqualTo(REPLY);
    rep.awaitStdout(REQUEST, Interop.TIMEOUT);
  }

  @ParameterizedTest(name = "IPv6 [::1] with nngcat, {0}")
  @EnumSource(Role.class)
  void ipv6WithNngcat(Role role) {
    Socket rep = interop.open(Protocol.REP);
    PeerProcess req;
    if (role == Role.SP4J_BINDS) {
      int port = rep.bind("ws://[::1]:0").port();
      req =
          interop.start(
              Cli.NNGCAT.command(Protocol.REQ, false, "ws://[::1]:" + port, "--data", REQUEST));
    } else {
      String url = "ws://[::1]:" + FreePorts.find("::1");
      req = interop.start(Cli.NNGCAT.command(Protocol.REQ, true, url, "--data", REQUEST));
      rep.connect(url);
    }

    assertThat(new String(rep.receive(), UTF_8)).isEqualTo(REQUEST);
    rep.send(REPLY.getBytes(UTF_8));
    req.awaitStdout(REPLY, Interop.TIMEOUT);
  }

  @ParameterizedTest(name = "IPv6 [::1] with nanomsg (NN_IPV4ONLY off), {0}")
  @EnumSource(Role.class)
  void ipv6WithNanomsg(Role role) throws IOException {
    // nanocat cannot turn NN_IPV4ONLY off, so the nanomsg C peer does it.
    Socket pair = interop.open(Protocol.PAIR);
    Path file = Files.writeString(dir.resolve("request.txt"), REQUEST, UTF_8);
    List<String> args = Arrays.asList("--ipv6", "--send", file.toString(), "--recv", "1");
    PeerProcess peer;
    if (role == Role.SP4J_BINDS) {
      int port = pair.bind("ws://[::1]:0").port();
      peer =
          interop.start(
              CPeers.NANOMSG.command(join("pair", "connect", "ws://[::1]:" + port, args)));
    } else {
      String url = "ws://[::1]:" + FreePorts.find("::1");
      peer = interop.start(CPeers.NANOMSG.command(join("pair", "bind", url, args)));
      peer.awaitStdout(PeerReport.READY, Interop.TIMEOUT);
      pair.connect(url);
    }

    assertThat(new String(pair.receive(), UTF_8)).isEqualTo(REQUEST);
    pair.send(REPLY.getBytes(UTF_8));
    peer.awaitStdout(PeerReport.received(REPLY.getBytes(UTF_8), 2), Interop.TIMEOUT);
  }

  private static String[] join(String proto, String mode, String url, List<String> rest) {
    String[] all = new String[3 + rest.size()];
    all[0] = proto;
    all[1] = mode;
    all[2] = url;
    for (int i = 0; i < rest.size(); i++) {
      all[3 + i] = rest.get(i);
    }
    return all;
  }
}
