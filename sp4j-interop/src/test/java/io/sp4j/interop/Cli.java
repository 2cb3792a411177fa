package io.sp4j.interop;

import io.sp4j.Protocol;
import java.util.ArrayList;
import java.util.List;

/** The command-line peers: nanomsg's {@code nanocat} and NNG's {@code nngcat}. */
enum Cli {
  NANOCAT("nanocat", "nanomsg-utils", "--bind", "--connect"),
  NNGCAT("nngcat", "nng-utils", "--listen", "--dial");

  private final String executable;
  private final String debianPackage;
  private final String bindFlag;
  private final String connectFlag;

  Cli(String executable, String debianPackage, String bindFlag, String connectFlag) {
    this.executable = executable;
    this.debianPackage = debianPackage;
    this.bindFlag = bindFlag;
    this.connectFlag = connectFlag;
  }

  String executable() {
    return executable;
  }

  String debianPackage() {
    return debianPackage;
  }

  /**
   * The command that runs a {@code protocol} socket listening on ({@code bind}) or dialing {@code
   * url}, printing received bodies as they are ({@code --raw}), with {@code extra} arguments after.
   * Fails when the program is not installed.
   */
  List<String> command(Protocol protocol, boolean bind, String url, String... extra) {
    List<String> command = new ArrayList<>();
    command.add(Tools.require(executable, debianPackage).toString());
    command.add(protocolFlag(protocol));
    command.add(bind ? bindFlag : connectFlag);
    command.add(url);
    if (protocol != Protocol.PUB && protocol != Protocol.PUSH) {
      command.add("--raw");
    }
    command.addAll(List.of(extra));
    return command;
  }

  private String protocolFlag(Protocol protocol) {
    if (this == NANOCAT) {
      return "--" + protocol.wireName();
    }
    // nngcat: PAIR v0 explicitly (plain --pair may mean pair1); --bus0 works although
    // nngcat --help does not list it.
    return "--" + protocol.wireName() + "0";
  }

  @Override
  public String toString() {
    return executable;
  }
}
