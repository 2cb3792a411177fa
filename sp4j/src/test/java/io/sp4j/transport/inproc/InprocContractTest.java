package io.sp4j.transport.inproc;

import io.sp4j.Endpoint;
import io.sp4j.SocketPair;
import io.sp4j.transport.TransportContractTest;

class InprocContractTest extends TransportContractTest {
  @Override
  protected String bindUrl() {
    return SocketPair.uniqueUrl();
  }

  @Override
  protected String dialUrl(Endpoint listener) {
    return listener.url();
  }

  @Override
  protected String unusedUrl() {
    return SocketPair.uniqueUrl();
  }

  @Override
  protected boolean isNetwork() {
    return false;
  }
}
