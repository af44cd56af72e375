package org.sotto.launcher.bench;

import java.util.OptionalDouble;

/**
 * One thing {@code sotto bench} measures. {@link #newOperation()} is called once per measuring
 * thread, so each thread owns its keys and buffers, as a mix node's workers do.
 *
 * @param name the row label
 * @param target the target as a fraction of the baseline, if it sets one
 */
record Workload(String name, OptionalDouble target, OperationFactory factory) {

  /** One repetition of the measured work; its result is kept so the JIT cannot drop it. */
  interface Operation {
    Object run() throws Exception;
  }

  interface OperationFactory {
    Operation create() throws Exception;
  }

  Operation newOperation() throws Exception {
    return factory.create();
  }
}
