package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslHandler;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class FramingTest {
  /**
   * Netty's TLS handler would end a handshake after 10 s of the event loop's clock, whatever the
   * socket's HANDSHAKE_TIMEOUT says; the socket's deadline, on the socket's time, covers TLS too.
   */
  @Test
  void theTlsHandlerKeepsNoHandshakeTimerOfItsOwn() throws Exception {
    SslHandler tls = Framing.tls(SSLContext.getDefault().createSSLEngine());
    assertThat(tls.getHandshakeTimeoutMillis()).isZero();
  }
}
