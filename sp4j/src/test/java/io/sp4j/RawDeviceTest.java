package io.sp4j;

import static io.sp4j.SocketPair.bytes;
import static io.sp4j.SocketPair.receiveText;
import static io.sp4j.SocketPair.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * A REQ/REP device by hand: clients talk to a raw REP, whose requests (header and all) are sent on
 * through a raw REQ to the server, and the replies come back the same way. Raw sockets pass headers
 * through untouched, so the backtrace grows by one hop and shrinks again.
 */
class RawDeviceTest {

  @Test
  void rawRepAndRawReqForwardRequestsAndRepliesWithTheirHeaders() {
    try (SocketPair front = SocketPair.openRaw(Protocol.REP, Protocol.REQ);
        SocketPair back =
            SocketPair.open(Socket.openRaw(Protocol.REQ), Socket.open(Protocol.REP))) {
      Socket deviceFront = front.bound();
      Socket deviceBack = back.bound();
      Socket server = back.connected();
      // The pair's raw REQ stays idle; the clients are cooked.
      Socket alice = front.connectAnother(Protocol.REQ);
      Socket bob = front.connectAnother(Protocol.REQ);

      alice.send(bytes("from alice"));
      bob.send(bytes("from bob"));
      for (int i = 0; i < 2; i++) {
        Message request = deviceFront.receiveMessage();
        assertThat(request.headerSize()).as("hop word + request id").isEqualTo(8);
        assertThat(ByteBuffer.wrap(request.header()).getInt(0))
            .as("hop word: top bit clear")
            .isPositive();
        assertThat(ByteBuffer.wrap(request.header()).getInt(4))
            .as("request id: top bit set")
            .isNegative();
        deviceBack.send(request);
      }

      for (int i = 0; i < 2; i++) {
        String request = receiveText(server);
        server.send(bytes("reply to " + request));
        Message reply = deviceBack.receiveMessage();
        // Raw REQ shows the first word (the device's hop) as the header; the id stays in the body.
        assertThat(reply.headerSize()).isEqualTo(4);
        deviceFront.send(reply);
      }

      assertThat(receiveText(alice)).isEqualTo("reply to from alice");
      assertThat(receiveText(bob)).isEqualTo("reply to from bob");
    }
  }

  @Test
  void aRawRepReplyToAnUnknownPipeIsDropped() {
    try (SocketPair pair =
        SocketPair.open(Socket.openRaw(Protocol.REP), Socket.open(Protocol.REQ))) {
      Socket rawRep = pair.bound();
      pair.connected().send(bytes("question"));
      Message request = rawRep.receiveMessage();
      byte[] wrongRoute = request.header().clone();
      wrongRoute[3] ^= 0x01; // another pipe id, which this socket does not have
      rawRep.send(Message.of(wrongRoute, bytes("lost")));
      rawRep.send(Message.of(request.header(), bytes("found")));
      assertThat(text(pair.connected().receive())).isEqualTo("found");
    }
  }
}
