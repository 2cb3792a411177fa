package io.sp4j.protocol;

import io.sp4j.Message;
import io.sp4j.spi.Pipe;
import io.sp4j.spi.ProtocolContext;

/**
 * PUSH: each message to exactly one writable PULL, by priority then round robin; never receives.
 */
final class PushProtocol extends SendOnlyProtocol {
  private final LoadBalancer balancer = new LoadBalancer();

  PushProtocol(ProtocolContext context, boolean raw) {
    super(context, raw, "PUSH");
  }

  @Override
  public boolean addPipe(Pipe pipe) {
    balancer.add(pipe);
    return super.addPipe(pipe);
  }

  @Override
  public void removePipe(Pipe pipe) {
    balancer.remove(pipe);
    super.removePipe(pipe);
  }

  @Override
  public boolean send(Message message) {
    requireNoHeader(message);
    Pipe pipe = balancer.next();
    return pipe != null && pipe.send(message);
  }

  @Override
  public boolean canSend() {
    return balancer.hasWritable();
  }
}
