package org.sotto.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one client, each told in turn and each on its own: a listener that throws is
 * logged and skipped, so one broken UI callback can neither silence the others nor break the
 * round or conversation thread that reported the event.
 */
final class Listeners {
  private static final Logger log = LoggerFactory.getLogger(Listeners.class);
  private final List<SottoListener> listeners = new CopyOnWriteArrayList<>();

  void add(SottoListener listener) {
    listeners.add(listener);
  }

  void remove(SottoListener listener) {
    listeners.remove(listener);
  }

  void tell(Consumer<SottoListener> event) {
    for (SottoListener l : listeners) {
      try {
        event.accept(l);
      } catch (RuntimeException e) {
        log.warn("a client listener ({}) failed; the others were still told", l.getClass()
            .getName(), e);
      }
    }
  }
}
