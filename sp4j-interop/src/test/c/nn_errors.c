/*
 * Lists the errors libnanomsg knows, for sp4j's Errno test: one line per error of
 * nn_symbol_info's NN_NS_ERROR namespace, "NAME<TAB>NUMBER<TAB>nn_strerror(NUMBER)", then the same
 * for a number nanomsg does not name, with the name "unknown". Written for sp4j's tests.
 */
#include <stdio.h>

#include <nanomsg/nn.h>

#define UNKNOWN_ERRNO 12345

int main(void) {
  struct nn_symbol_properties symbol;
  for (int i = 0; nn_symbol_info(i, &symbol, (int) sizeof(symbol)) != 0; i++) {
    if (symbol.ns == NN_NS_ERROR) {
      printf("%s\t%d\t%s\n", symbol.name, symbol.value, nn_strerror(symbol.value));
    }
  }
  printf("unknown\t%d\t%s\n", UNKNOWN_ERRNO, nn_strerror(UNKNOWN_ERRNO));
  return 0;
}
