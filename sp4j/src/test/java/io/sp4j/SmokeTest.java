package io.sp4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void reqRepOverInproc() {
    try (Socket rep = Socket.open(Protocol.REP); Socket req = Socket.open(Protocol.REQ)) {
      rep.bind("inproc://smoke");
      req.connect("inproc://smoke");
      req.send("hi".getBytes());
      assertThat(new String(rep.receive())).isEqualTo("hi");
      rep.send("ho".getBytes());
      assertThat(new String(req.receive())).isEqualTo("ho");
    }
  }
}
