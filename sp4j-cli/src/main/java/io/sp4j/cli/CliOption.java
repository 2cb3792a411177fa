package io.sp4j.cli;

import io.sp4j.Protocol;

/**
 * spcat's options, in nanocat's order. Each option may provide some of the {@link Mask} bits, clash
 * with options that provide others, and require others: the same rules nanocat applies, checked by
 * {@link OptionRules}.
 */
enum CliOption {
  VERBOSE("verbose", 'v', null, 0, 0, 0, "Say more: error lines also give sp4j's reason"),
  SILENT("silent", 'q', null, 0, 0, 0, "Say less (undoes one -v)"),
  HELP("help", 'h', null, 0, 0, 0, "Print this help and exit"),

  PUSH(Protocol.PUSH, Mask.SOCK | Mask.WRITEABLE, Mask.DATA),
  PULL(Protocol.PULL, Mask.SOCK | Mask.READABLE, 0),
  PUB(Protocol.PUB, Mask.SOCK | Mask.WRITEABLE, Mask.DATA),
  SUB(Protocol.SUB, Mask.SOCK | Mask.READABLE | Mask.SUB, 0),
  REQ(Protocol.REQ, Mask.SOCK | Mask.WRITEABLE | Mask.READABLE, Mask.DATA),
  REP(Protocol.REP, Mask.SOCK | Mask.WRITEABLE | Mask.READABLE, 0),
  SURVEYOR(Protocol.SURVEYOR, Mask.SOCK | Mask.WRITEABLE | Mask.READABLE, Mask.DATA),
  RESPONDENT(Protocol.RESPONDENT, Mask.SOCK | Mask.WRITEABLE | Mask.READABLE, 0),
  BUS(Protocol.BUS, Mask.SOCK | Mask.WRITEABLE | Mask.READABLE, 0),
  PAIR(Protocol.PAIR, Mask.SOCK | Mask.WRITEABLE | Mask.READABLE, 0),

  BIND("bind", '\0', "ADDR", Mask.ENDPOINT, 0, 0, "Listen on ADDR (repeatable)"),
  CONNECT("connect", '\0', "ADDR", Mask.ENDPOINT, 0, 0, "Dial ADDR (repeatable)"),
  BIND_IPC("bind-ipc", 'X', "PATH", Mask.ENDPOINT, 0, 0, "Listen on ipc://PATH"),
  CONNECT_IPC("connect-ipc", 'x', "PATH", Mask.ENDPOINT, 0, 0, "Dial ipc://PATH"),
  BIND_LOCAL("bind-local", 'L', "PORT", Mask.ENDPOINT, 0, 0, "Listen on tcp://127.0.0.1:PORT"),
  CONNECT_LOCAL("connect-local", 'l', "PORT", Mask.ENDPOINT, 0, 0, "Dial tcp://127.0.0.1:PORT"),
  RECV_TIMEOUT(
      "recv-timeout",
      '\0',
      "SEC",
      0,
      0,
      Mask.READABLE,
      "Give up a receive after SEC seconds (whole seconds, as nanocat) and stop"),
  SEND_TIMEOUT(
      "send-timeout", '\0', "SEC", 0, 0, Mask.WRITEABLE, "Give up a send after SEC seconds"),
  SOCKET_NAME("socket-name", '\0', "NAME", 0, 0, 0, "Accepted for nanocat compatibility; unused"),

  SUBSCRIBE(
      "subscribe",
      '\0',
      "PREFIX",
      0,
      0,
      Mask.SUB,
      "SUB: take messages starting with PREFIX (repeatable; none given: every message)"),

  FORMAT(
      "format",
      '\0',
      "FORMAT",
      0,
      0,
      Mask.READABLE,
      "Print received messages as FORMAT: no, raw, ascii, quoted, msgpack or hex"),
  RAW_FORMAT(
      "raw", '\0', null, 0, 0, Mask.READABLE, "Print messages' bytes as they are, undelimited"),
  ASCII(
      "ascii",
      'A',
      null,
      0,
      0,
      Mask.READABLE,
      "Print each message on a line, '.' for bytes that are not printable ASCII"),
  QUOTED(
      "quoted", 'Q', null, 0, 0, Mask.READABLE, "Print each message on a line, quoted, C escapes"),
  MSGPACK("msgpack", '\0', null, 0, 0, Mask.READABLE, "Print each message as a msgpack bin object"),
  HEX(
      "hex",
      '\0',
      null,
      0,
      0,
      Mask.READABLE,
      "Print each message on a line, quoted, every byte as \\xNN"),

  INTERVAL(
      "interval",
      'i',
      "SEC",
      0,
      0,
      Mask.WRITEABLE,
      "Send the message (or request) again every SEC seconds"),
  DELAY("delay", 'd', "SEC", 0, 0, 0, "Wait SEC seconds after connecting before sending"),
  DATA(
      "data",
      'D',
      "DATA",
      Mask.DATA,
      Mask.DATA,
      Mask.WRITEABLE,
      "The message: sent once (PUB, PUSH, PAIR, BUS), as each reply (REP, RESPONDENT), or as the request"
          + " (REQ, SURVEYOR)"),
  FILE(
      "file",
      'F',
      "PATH",
      Mask.DATA,
      Mask.DATA,
      Mask.WRITEABLE,
      "As --data, read from PATH ('-' is stdin)"),
  TEXT(
      "text",
      '\0',
      null,
      0,
      0,
      Mask.WRITEABLE,
      "Send WebSocket text frames instead of binary ones");

  /** The bits options provide, clash on and require. */
  static final class Mask {
    static final int SOCK = 1;
    static final int WRITEABLE = 2;
    static final int READABLE = 4;
    static final int SUB = 8;
    static final int DATA = 16;
    static final int ENDPOINT = 32;

    /** What every command line must provide: a socket type and an endpoint. */
    static final int REQUIRED = SOCK | ENDPOINT;

    private Mask() {}
  }

  final String longName;
  final char shortName;

  /** The value's name in help, or null for a flag. */
  final String paramLabel;

  final int provides;
  final int conflicts;
  final int requires;
  final String description;

  /** The socket type this option selects, or null. */
  final Protocol protocol;

  CliOption(
      String longName,
      char shortName,
      String paramLabel,
      int provides,
      int conflicts,
      int requires,
      String description) {
    this.longName = longName;
    this.shortName = shortName;
    this.paramLabel = paramLabel;
    this.provides = provides;
    this.conflicts = conflicts;
    this.requires = requires;
    this.description = description;
    this.protocol = null;
  }

  CliOption(Protocol protocol, int provides, int requires) {
    this.longName = protocol.wireName();
    this.shortName = '\0';
    this.paramLabel = null;
    this.provides = provides;
    this.conflicts = Mask.SOCK;
    this.requires = requires;
    this.description = "Use a " + protocol + " socket";
    this.protocol = protocol;
  }

  /** The option whose long name is {@code longName}. */
  static CliOption byLongName(String longName) {
    for (CliOption option : values()) {
      if (option.longName.equals(longName)) {
        return option;
      }
    }
    throw new IllegalArgumentException("no option --" + longName);
  }

  boolean takesValue() {
    return paramLabel != null;
  }

  /** How messages name the option: {@code --data (-D)}, or {@code --bind}. */
  String displayName() {
    return shortName == '\0' ? "--" + longName : "--" + longName + " (-" + shortName + ")";
  }

  /** The picocli names: {@code -D}, {@code --data}. */
  String[] names() {
    return shortName == '\0'
        ? new String[] {"--" + longName}
        : new String[] {"-" + shortName, "--" + longName};
  }
}
