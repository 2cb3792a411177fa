package io.sp4j.cli;

/**
 * Ends spcat with an exit status and one line for stderr: 1 for a bad command line, 2 for a data
 * file that cannot be read, 3 for a socket error (nanocat's statuses).
 */
final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final int USAGE = 1;
  static final int FILE = 2;
  static final int SOCKET = 3;

  private final int status;

  CliFailure(int status, String line) {
    super(line, null, false, false);
    this.status = status;
  }

  static CliFailure usage(String line) {
    return new CliFailure(USAGE, SpCat.NAME + ": " + line);
  }

  int status() {
    return status;
  }
}
