package io.sp4j.bench.scale;

import java.util.Arrays;

/**
 * The roles the runner starts as child JVMs (this class, same class path). Each speaks lines on
 * stdin/stdout: {@code pub <url>}, {@code subs <url> <n>}, {@code pull <url>}, {@code dial <url>},
 * and ends on {@code quit} or the end of its stdin. The C peer {@code
 * sp4j-bench/src/main/c/nn-scale.c} speaks the same lines for {@code pub} and {@code pull}.
 */
public final class Roles {
  private Roles() {}

  public static void main(String[] args) throws Exception {
    boolean ran =
        args.length > 0
            && isRole(args[0])
            && run(args[0], Arrays.copyOfRange(args, 1, args.length));
    System.out.flush();
    System.exit(ran ? 0 : 1);
  }

  public static boolean isRole(String name) {
    return switch (name) {
      case "pub", "subs", "pull", "dial" -> true;
      default -> false;
    };
  }

  /** Plays the role until told to quit; false (nothing run) when its arguments are missing. */
  public static boolean run(String role, String[] args) throws Exception {
    if (args.length < (role.equals("subs") ? 2 : 1)) {
      return false;
    }
    switch (role) {
      case "pub" -> PubRole.run(args[0]);
      case "subs" -> SubsRole.run(args[0], Integer.parseInt(args[1]));
      case "pull" -> PullRole.run(args[0]);
      case "dial" -> DialRole.run(args[0]);
      default -> throw new IllegalArgumentException("not a role: " + role);
    }
    return true;
  }
}
