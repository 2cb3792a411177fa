package io.sp4j.transport.ws;

import io.sp4j.Endpoint;
import io.sp4j.transport.FreePort;
import io.sp4j.transport.TransportContractTest;

class WsContractTest extends TransportContractTest {
  @Override
  protected String bindUrl() {
    return "ws://127.0.0.1:0/contract";
  }

  @Override
  protected String dialUrl(Endpoint listener) {
    return "ws://127.0.0.1:" + listener.port() + "/contract";
  }

  @Override
  protected String unusedUrl() {
    return "ws://127.0.0.1:" + FreePort.on("127.0.0.1") + "/contract";
  }
}
