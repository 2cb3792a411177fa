package io.sp4j;

import static io.sp4j.SocketPair.bytes;
import static io.sp4j.SocketPair.receiveText;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BUS over {@code inproc://}. */
class BusTest {

  @Test
  void inAFullMeshEachPeerGetsEachMessageOnceAndNoneComesBack() {
    try (SocketPair ab = SocketPair.open(Protocol.BUS, Protocol.BUS)) {
      Socket a = ab.bound();
      Socket b = ab.connected();
      Socket c = ab.connectAnother(Protocol.BUS);
      String bUrl = b.bind(SocketPair.uniqueUrl()).url(); // b and c need a link of their own
      c.connect(bUrl);
      List<Socket> mesh = List.of(a, b, c);
      List<String> names = List.of("a", "b", "c");

      for (int i = 0; i < mesh.size(); i++) {
        mesh.get(i).send(bytes("from " + names.get(i)));
      }

      for (int i = 0; i < mesh.size(); i++) {
        List<String> got = new ArrayList<>();
        got.add(receiveText(mesh.get(i)));
        got.add(receiveText(mesh.get(i)));
        List<String> expected = new ArrayList<>();
        for (int j = 0; j < mesh.size(); j++) {
          if (j != i) {
            expected.add("from " + names.get(j));
          }
        }
        assertThat(got)
            .as(names.get(i) + " hears each other peer once")
            .containsExactlyInAnyOrderElementsOf(expected);
      }

      // Each sends a marker after it heard the others: an echo or a duplicate forwarded to a
      // peer would be on that pipe ahead of the sender's marker, so each peer's next two
      // messages are the other two markers only if there was none.
      for (int i = 0; i < mesh.size(); i++) {
        mesh.get(i).send(bytes("marker from " + names.get(i)));
      }
      for (int i = 0; i < mesh.size(); i++) {
        List<String> expected = new ArrayList<>();
        for (int j = 0; j < mesh.size(); j++) {
          if (j != i) {
            expected.add("marker from " + names.get(j));
          }
        }
        assertThat(List.of(receiveText(mesh.get(i)), receiveText(mesh.get(i))))
            .as(names.get(i) + " no echo, no duplicate")
            .containsExactlyInAnyOrderElementsOf(expected);
      }
    }
  }

  @Test
  void aMessageTravelsOneHopOnly() {
    // a - b - c in a line: b never forwards what a says to c.
    try (SocketPair ab = SocketPair.open(Protocol.BUS, Protocol.BUS)) {
      Socket a = ab.connected();
      Socket b = ab.bound();
      Socket c = ab.connectAnother(Protocol.BUS);
      a.send(bytes("from a"));
      assertThat(receiveText(b)).isEqualTo("from a");
      c.send(bytes("from c"));
      assertThat(receiveText(b)).isEqualTo("from c");
      // Had b forwarded either message, it would be on b's pipe ahead of this one.
      b.send(bytes("from b"));
      assertThat(receiveText(a)).as("c's message not forwarded to a").isEqualTo("from b");
      assertThat(receiveText(c)).as("a's message not forwarded to c").isEqualTo("from b");
    }
  }
}
