package io.sp4j.nn;

/**
 * What {@link Nn#nn_symbol_info} tells about one constant, as nanomsg's {@code struct
 * nn_symbol_properties}.
 *
 * @param value the constant's value
 * @param name its name, e.g. {@code "NN_LINGER"}
 * @param ns its namespace ({@link Nn#NN_NS_SOCKET_OPTION} …); 0 for the namespaces themselves
 * @param type for options: {@link Nn#NN_TYPE_INT}, {@link Nn#NN_TYPE_STR}, else {@link
 *     Nn#NN_TYPE_NONE}
 * @param unit for options: {@link Nn#NN_UNIT_MILLISECONDS} …, else {@link Nn#NN_UNIT_NONE}
 */
public record NnSymbolProperties(int value, String name, int ns, int type, int unit) {}
