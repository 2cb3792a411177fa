package io.sp4j.nn;

/**
 * The message header of {@link Nn#nn_sendmsg} and {@link Nn#nn_recvmsg}, like nanomsg's {@code
 * struct nn_msghdr}: the message's parts ({@code msg_iov}) and a control buffer ({@code
 * msg_control}) of ancillary data laid out as nanomsg's on 64-bit Linux (see {@link NnCmsgHdr}).
 *
 * <p>Sending gathers the parts into one body (copied, as in C). Receiving scatters the body over
 * the parts in order (what does not fit is cut off), unless the header was made with {@link
 * #ofMessage}: then the received body itself becomes the single part, without a copy, as {@code
 * NN_MSG} does in C. The control buffer, if there is one, receives whole control messages up to its
 * length, and {@link #controlLength()} is set to the bytes written.
 */
public final class NnMsgHdr {
  private byte[][] iov;
  private byte[] control;
  private int controlLength;
  private boolean zeroCopy;

  /** A header with these parts and control buffer (may be {@code null}), used whole. */
  public NnMsgHdr(byte[][] iov, byte[] control) {
    this.iov = iov;
    this.control = control;
    this.controlLength = control == null ? 0 : control.length;
  }

  /**
   * The {@code NN_MSG} form: on send, {@code chunk} (e.g. from {@link Nn#nn_allocmsg}) is sent as
   * it is, without a copy, and belongs to the library afterwards; on receive (pass {@code null})
   * the received body is handed over as {@code iov()[0]}.
   */
  public static NnMsgHdr ofMessage(byte[] chunk, byte[] control) {
    NnMsgHdr hdr = new NnMsgHdr(new byte[][] {chunk}, control);
    hdr.zeroCopy = true;
    return hdr;
  }

  /** The parts ({@code msg_iov}). */
  public byte[][] iov() {
    return iov;
  }

  public void setIov(byte[][] iov) {
    this.iov = iov;
  }

  /** The control buffer ({@code msg_control}), or {@code null}. */
  public byte[] control() {
    return control;
  }

  /** Sets the control buffer; its length becomes {@link #controlLength()}. */
  public void setControl(byte[] control) {
    this.control = control;
    this.controlLength = control == null ? 0 : control.length;
  }

  /**
   * The bytes of {@link #control()} in use ({@code msg_controllen}): read on send, set to the bytes
   * written on receive.
   */
  public int controlLength() {
    return controlLength;
  }

  public void setControlLength(int controlLength) {
    this.controlLength = controlLength;
  }

  /** Whether this header is in the {@code NN_MSG} (zero-copy, single part) form. */
  public boolean isZeroCopy() {
    return zeroCopy;
  }
}
