package io.sp4j.nn.internal;

/**
 * What the runtime reads of a message header for {@code nn_sendmsg} and {@code nn_recvmsg}: the
 * parts ({@code msg_iov}, whose array a zero-copy receive fills in place), whether they are the
 * single zero-copy part ({@code NN_MSG}), and the control buffer with the bytes of it in use
 * ({@code msg_controllen}).
 */
public record NnMsgParts(byte[][] iov, boolean zeroCopy, byte[] control, int controlLength) {}
