package io.sp4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sp4j.Message;
import io.sp4j.Option;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import io.sp4j.testing.RecordingTransport;
import io.sp4j.transport.ipc.IpcTransport;
import io.sp4j.transport.tcp.TcpTransport;
import io.sp4j.transport.ws.WsTransport;
import io.sp4j.transport.ws.WssTransport;
import org.junit.jupiter.api.Test;

/** Transports are services, and each declares the options a socket then accepts. */
class TransportServiceTest {
  @Test
  void anApplicationTransportIsFoundAndReadsItsOwnOption() {
    try (Socket socket = Socket.open(Protocol.PULL)) {
      socket.set(RecordingTransport.TOKEN, "secret");
      socket.bind(RecordingTransport.SCHEME + "://first");
      assertThat(socket.get(RecordingTransport.TOKEN)).isEqualTo("secret");
    }
    assertThat(RecordingTransport.BOUND_WITH).contains("first=secret");
  }

  @Test
  void aTransportMayRefuseAMessageAtSend() {
    try (Socket socket = Socket.open(Protocol.PAIR)) {
      assertThatThrownBy(() -> socket.trySend(Message.of(RecordingTransport.refusedBody())))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(RecordingTransport.SCHEME);
    }
  }

  @Test
  void anOptionThatNothingDeclaresIsRefused() {
    Option<String> undeclared = Option.readWrite("UNDECLARED", String.class, "x", v -> true, "any");
    try (Socket socket = Socket.open(Protocol.PULL)) {
      assertThatThrownBy(() -> socket.set(undeclared, "y"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no such option");
      assertThatThrownBy(() -> socket.set(RecordingTransport.TOKEN, " "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not blank");
    }
  }

  @Test
  void eachTransportDeclaresWhatItReads() {
    assertThat(new TcpTransport().options())
        .contains(Options.TCP_NODELAY, Options.HANDSHAKE_TIMEOUT)
        .doesNotContain(Options.WS_MESSAGE_TYPE, Options.TLS_CONTEXT);
    assertThat(new IpcTransport().options())
        .contains(Options.MAX_CONNECTIONS)
        .doesNotContain(Options.TCP_NODELAY);
    assertThat(new WsTransport().options())
        .contains(Options.WS_MESSAGE_TYPE, Options.TCP_NODELAY)
        .doesNotContain(Options.TLS_CONTEXT);
    assertThat(new WssTransport().options())
        .contains(Options.TLS_CONTEXT, Options.WS_FRAGMENT_SIZE);
  }
}
