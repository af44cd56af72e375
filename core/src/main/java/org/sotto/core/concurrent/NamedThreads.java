package org.sotto.core.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Thread factories for every pool Sotto starts: each thread named after its job (numbered within
 * its pool: {@code name-1}, {@code name-2}, …) so thread dumps, profiles and logs say whose it is,
 * and a daemon, so a pool left running never keeps the JVM alive after {@code main} returns
 * (servers and clients close their pools explicitly; shutdown hooks cover the rest).
 */
public final class NamedThreads {
  private NamedThreads() {}

  /** Daemon threads {@code name-1}, {@code name-2}, …. */
  public static ThreadFactory daemon(String name) {
    return daemon(name, t -> {});
  }

  /** As {@link #daemon(String)}, each new thread also handed to {@code created} (e.g. to meter it). */
  public static ThreadFactory daemon(String name, Consumer<Thread> created) {
    AtomicInteger number = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + number.incrementAndGet());
      t.setDaemon(true);
      created.accept(t);
      return t;
    };
  }

  /** One daemon thread named {@code name} running {@code task}, not started. */
  public static Thread daemonThread(String name, Runnable task) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    return t;
  }
}
