package io.sp4j.protocol;

import io.sp4j.Message;
import io.sp4j.Options;
import io.sp4j.ProtocolStateException;
import io.sp4j.spi.Pipe;
import io.sp4j.spi.ProtocolContext;
import io.sp4j.spi.Timeout;

/**
 * REQ. Cooked: one request at a time, with an id (previous + 1, top bit set, random start) as its
 * header; sent to one peer by priority and round robin, or held until a peer can take it; resent
 * after {@link Options#RESEND_INTERVAL} and at once when its pipe goes away; a new request cancels
 * the old; only the reply with the current id is delivered. Raw: the user's header goes out as it
 * is, and the first word of a reply becomes its header.
 */
final class ReqProtocol extends RequestingProtocol {
  private final LoadBalancer balancer = new LoadBalancer();
  private Message pending;
  private Pipe sentTo;
  private Timeout resendTimer;

  ReqProtocol(ProtocolContext context, boolean raw) {
    super(context, raw, "REQ", Options.RESEND_INTERVAL);
  }

  @Override
  public boolean addPipe(Pipe pipe) {
    balancer.add(pipe);
    super.addPipe(pipe);
    sendPending();
    return true;
  }

  @Override
  public void removePipe(Pipe pipe) {
    balancer.remove(pipe);
    super.removePipe(pipe);
    if (pipe == sentTo) {
      sentTo = null;
      sendPending();
    }
  }

  @Override
  public void pipeWritable(Pipe pipe) {
    sendPending();
  }

  @Override
  public boolean send(Message message) {
    if (raw) {
      Pipe pipe = balancer.next();
      return pipe != null && pipe.send(message);
    }
    requireNoHeader(message);
    pending = message.withHeader(ids.open());
    sentTo = null;
    sendPending();
    return true;
  }

  /** Sends the pending request if it is not out on a pipe yet and a pipe can take it. */
  private void sendPending() {
    if (pending == null || sentTo != null) {
      return;
    }
    cancelResend();
    Pipe pipe = balancer.next();
    if (pipe != null && pipe.send(pending)) {
      sentTo = pipe;
      resendTimer = context.scheduler().schedule(timing(), this::resend);
    }
  }

  private void resend() {
    resendTimer = null;
    sentTo = null;
    sendPending();
  }

  private void cancelResend() {
    if (resendTimer != null) {
      resendTimer.cancel();
      resendTimer = null;
    }
  }

  @Override
  public boolean canSend() {
    return !raw || balancer.hasWritable();
  }

  @Override
  public boolean hasMessage() {
    return (raw || pending != null) && super.hasMessage();
  }

  @Override
  public Message receive() {
    if (raw) {
      return super.receive();
    }
    if (pending == null) {
      throw ProtocolStateException.wrongState(
          "REQ: no request is waiting for a reply; send one first");
    }
    Message reply = ids.nextReply(context.receiveQueue());
    if (reply != null) {
      ids.close();
      pending = null;
      sentTo = null;
      cancelResend();
    }
    return reply;
  }

  @Override
  public void close() {
    cancelResend();
    ids.close();
    pending = null;
  }
}
