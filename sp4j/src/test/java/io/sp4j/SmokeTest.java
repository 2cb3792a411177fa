package io.sp4j;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void reqRepOverInproc() {
    try (Socket rep = Socket.open(Protocol.REP);
        Socket req = Socket.open(Protocol.REQ)) {
      rep.bind("inproc://smoke");
      req.connect("inproc://smoke");
      req.send("hi".getBytes(UTF_8));
      assertThat(new String(rep.receive(), UTF_8)).isEqualTo("hi");
      rep.send("ho".getBytes(UTF_8));
      assertThat(new String(req.receive(), UTF_8)).isEqualTo("ho");
    }
  }
}
