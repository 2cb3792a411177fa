package io.sp4j.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The C peers in {@code src/test/c}, built with gcc into {@code target/c-peers} the first time a
 * test needs one. Their arguments and report lines are described in {@code peer_common.h}.
 */
enum CPeers {
  NANOMSG("nn_peer", "nanomsg", "/usr/include/nanomsg/nn.h", "libnanomsg-dev"),
  NNG("nng_peer", "nng", "/usr/include/nng/nng.h", "libnng-dev");

  private static final Map<CPeers, Path> BUILT = new EnumMap<>(CPeers.class);

  private final String name;
  private final String library;
  private final String header;
  private final String debianPackage;

  CPeers(String name, String library, String header, String debianPackage) {
    this.name = name;
    this.library = library;
    this.header = header;
    this.debianPackage = debianPackage;
  }

  String header() {
    return header;
  }

  String debianPackage() {
    return debianPackage;
  }

  /** The command that runs this peer with {@code args}, building it first if needed. */
  List<String> command(String... args) {
    List<String> command = new ArrayList<>();
    command.add(executable().toString());
    command.addAll(List.of(args));
    return command;
  }

  /** The built program; compiles it on first use. */
  Path executable() {
    synchronized (BUILT) {
      Path built = BUILT.get(this);
      if (built == null) {
        built = compile();
        BUILT.put(this, built);
      }
      return built;
    }
  }

  private Path compile() {
    return compile(name, library, header, debianPackage);
  }

  /** Builds {@code src/test/c/NAME.c} against {@code library} into {@code target/c-peers/NAME}. */
  static Path compile(String name, String library, String header, String debianPackage) {
    Path gcc = Tools.require("gcc", "gcc");
    Tools.requireHeader(header, debianPackage);
    Path base = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    Path source = base.resolve("src/test/c/" + name + ".c");
    Path out = base.resolve("target/c-peers/" + name);
    try {
      Files.createDirectories(out.getParent());
    } catch (IOException e) {
      throw new AssertionError("cannot create " + out.getParent(), e);
    }
    List<String> command =
        List.of(
            gcc.toString(),
            "-std=c11",
            "-D_POSIX_C_SOURCE=200809L",
            "-O1",
            "-Wall",
            "-Wextra",
            "-Werror",
            "-o",
            out.toString(),
            source.toString(),
            "-l" + library,
            "-lpthread");
    try (PeerProcess build = PeerProcess.start(command)) {
      int exit = build.waitFor(Duration.ofSeconds(60));
      if (exit != 0) {
        throw new AssertionError(
            String.join(" ", command)
                + " failed (exit "
                + exit
                + "): "
                + new String(build.stdout(), StandardCharsets.UTF_8)
                + build.stderrText());
      }
    }
    return out;
  }
}
