package io.sp4j.interop;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The programs and headers the interop tests need. A missing one fails the test that needs it
 * (never skips it): in CI the peers are part of the build's requirements ({@code .ci/run} installs
 * them).
 */
final class Tools {
  private Tools() {}

  /** The executable {@code name} on the PATH; fails naming the Debian package otherwise. */
  static Path require(String name, String debianPackage) {
    return find(name)
        .orElseThrow(
            () ->
                new AssertionError(
                    name
                        + " is not on the PATH ("
                        + System.getenv("PATH")
                        + "): install the Debian package "
                        + debianPackage
                        + " (.ci/run does so in CI)"));
  }

  /** A header file that must exist; fails naming the Debian package otherwise. */
  static Path requireHeader(String path, String debianPackage) {
    Path header = Path.of(path);
    if (!Files.isRegularFile(header)) {
      throw new AssertionError(
          path
              + " is missing: install the Debian package "
              + debianPackage
              + " (.ci/run does so in CI)");
    }
    return header;
  }

  static Optional<Path> find(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator, -1)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
