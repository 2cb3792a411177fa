package io.sp4j;

/**
 * How a message travels over a WebSocket ({@code ws://}): in binary frames (the default and what
 * every SP implementation expects) or in text frames, whose bytes must be valid UTF-8. Other
 * transports carry the type of a message they are given but put nothing of it on the wire.
 *
 * <p>Text frames are for peers such as browsers; NNG closes a connection that sends them.
 */
public enum MessageType {
  /** Binary frames (opcode 0x2). */
  BINARY,
  /** Text frames (opcode 0x1); the message's bytes must be valid UTF-8. */
  TEXT
}
