package org.sotto.client.gui;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.swing.SwingUtilities;
import org.sotto.client.ClientSettings;
import org.sotto.client.SottoClient;
import org.sotto.client.SottoException;
import org.sotto.core.concurrent.NamedThreads;

/**
 * One open data folder: the {@link SottoClient} and the single worker thread every call to it
 * runs on, in order, so the event dispatch thread never waits for the network, the disk or
 * Argon2. Results come back on the EDT.
 */
final class ClientSession {
  /** A call to the client, run on the worker thread. */
  @FunctionalInterface
  interface Call<T> {
    T call(SottoClient client) throws Exception;
  }

  private final ExecutorService worker = Executors.newSingleThreadExecutor(
      NamedThreads.daemon("sotto-gui-worker"));
  private volatile SottoClient client;
  private volatile boolean closing;

  /** Opens the data folder on the worker; {@code done} or {@code failed} runs on the EDT. */
  void open(ClientSettings settings, Consumer<SottoClient> done, Consumer<Throwable> failed) {
    CompletableFuture.supplyAsync(() -> {
      try {
        client = SottoClient.open(settings);
        return client;
      } catch (SottoException e) {
        throw new CompletionException(e);
      }
    }, worker).whenComplete((c, error) -> onEdt(c, error, done, failed));
  }

  /** Runs {@code call} on the worker after everything asked before; callbacks on the EDT. */
  <T> void run(Call<T> call, Consumer<T> done, Consumer<Throwable> failed) {
    submit(call).whenComplete((value, error) -> onEdt(value, error, done, failed));
  }

  /** Runs {@code call} on the worker; the future completes on the worker thread. */
  <T> CompletableFuture<T> submit(Call<T> call) {
    if (closing) {
      return CompletableFuture.failedFuture(new IllegalStateException("the session is closed"));
    }
    return CompletableFuture.supplyAsync(() -> {
      SottoClient c = client;
      if (c == null) {
        throw new IllegalStateException("the data folder is not open");
      }
      try {
        return call.call(c);
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }, worker);
  }

  /**
   * Closes the client after the calls already asked for (so a message typed just before closing
   * is in the outbox), then stops the worker. Idempotent.
   */
  CompletableFuture<Void> close() {
    if (closing) {
      return CompletableFuture.completedFuture(null);
    }
    closing = true;
    CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
      SottoClient c = client;
      client = null;
      if (c != null) {
        c.close();
      }
    }, worker);
    return done.whenComplete((v, e) -> worker.shutdown());
  }

  private static <T> void onEdt(T value, Throwable error, Consumer<T> done,
      Consumer<Throwable> failed) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null
        ? error.getCause() : error;
    SwingUtilities.invokeLater(() -> {
      if (cause == null) {
        done.accept(value);
      } else {
        failed.accept(cause);
      }
    });
  }

  /** The words to show for a failure of a client call. */
  static String describe(Throwable error) {
    if (error instanceof SottoException e) {
      return e.getMessage();
    }
    String m = error.getMessage();
    return m == null || m.isBlank() ? error.getClass().getSimpleName() : m;
  }
}
