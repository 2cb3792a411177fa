package io.sp4j.transport.tcp;

import io.sp4j.Endpoint;
import io.sp4j.transport.FreePort;
import io.sp4j.transport.TransportContractTest;

class TcpContractTest extends TransportContractTest {
  @Override
  protected String bindUrl() {
    return "tcp://127.0.0.1:0";
  }

  @Override
  protected String dialUrl(Endpoint listener) {
    return "tcp://127.0.0.1:" + listener.port();
  }

  @Override
  protected String unusedUrl() {
    return "tcp://127.0.0.1:" + FreePort.on("127.0.0.1");
  }

  /** The same contract over IPv6 loopback. */
  static class OverIpv6 extends TransportContractTest {
    @Override
    protected String bindUrl() {
      return "tcp://[::1]:0";
    }

    @Override
    protected String dialUrl(Endpoint listener) {
      return "tcp://[::1]:" + listener.port();
    }

    @Override
    protected String unusedUrl() {
      return "tcp://[::1]:" + FreePort.on("::1");
    }
  }
}
