package org.sotto.core.config;

import java.util.List;

/** A configuration record that can say what is wrong with it, in words an operator can act on. */
public interface Validated {

  /** Every problem with this configuration; empty when it is usable. */
  List<String> problems();
}
