package io.sp4j.interop;

import static io.sp4j.nn.Nn.AF_SP_RAW;
import static io.sp4j.nn.Nn.nn_bind;
import static io.sp4j.nn.Nn.nn_device;
import static io.sp4j.nn.Nn.nn_errno;
import static io.sp4j.nn.Nn.nn_socket;
import static io.sp4j.nn.Nn.nn_strerror;

/**
 * A device in a process of its own, written the way a C program would: two raw sockets of the given
 * protocols, each bound to its address, joined by {@code nn_device}. Prints {@code ready} once both
 * are bound. Arguments: front-protocol front-url back-protocol back-url (numbers).
 */
public final class NnDeviceMain {
  private NnDeviceMain() {}

  public static void main(String[] args) {
    int front = nn_socket(AF_SP_RAW, Integer.parseInt(args[0]));
    int back = nn_socket(AF_SP_RAW, Integer.parseInt(args[2]));
    if (front < 0 || back < 0 || nn_bind(front, args[1]) < 0 || nn_bind(back, args[3]) < 0) {
      System.err.println("device: " + nn_strerror(nn_errno()));
      System.exit(1);
    }
    System.out.println("ready");
    System.out.flush();
    int rc = nn_device(front, back);
    System.err.println("device ended: " + rc + " " + nn_strerror(nn_errno()));
    System.exit(2);
  }
}
