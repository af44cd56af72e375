package org.sotto.launcher.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The shipped logback.xml, configured as bin/sotto configures it: both formats date every line in
 * ISO-8601 (text with the local offset, JSON in UTC), so lines from several hosts and days can be
 * compared and shippers need no epoch conversion.
 */
@SuppressWarnings("unchecked")
class LogFormatTest {

  @Test
  void jsonLinesCarryAnIsoTimestampFirstAndNoEpochMilliseconds() throws Exception {
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String line = logOneLine("json").strip();
    JsonNode entry = new ObjectMapper().readTree(line);
    assertThat(line).startsWith("{\"timestamp\":\"");
    String timestamp = entry.get("timestamp").asText();
    assertThat(timestamp).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    assertThat(Instant.parse(timestamp)).isBetween(before, Instant.now());
    assertThat(entry.get("level").asText()).isEqualTo("INFO");
    assertThat(entry.get("loggerName").asText()).isEqualTo("org.sotto.test");
    assertThat(entry.get("formattedMessage").asText()).isEqualTo("node started on port 7000");
  }

  @Test
  void textLinesStartWithAnIsoDateAndTimeWithOffset() throws Exception {
    String line = logOneLine("text").strip();
    String stamp = line.substring(0, line.indexOf(' '));
    assertThat(stamp).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2})");
    assertThat(OffsetDateTime.parse(stamp).toInstant())
        .isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
    assertThat(line).endsWith(" INFO  [" + Thread.currentThread().getName()
        + "] org.sotto.test - node started on port 7000");
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "json"})
  void debugLinesStayOffAtTheDefaultLevel(String format) throws Exception {
    assertThat(log(format, ctx -> ctx.getLogger("org.sotto.core.crypto.X25519Engines")
        .debug("X25519: libsodium (native)"))).isEmpty();
  }

  private static String logOneLine(String format) throws Exception {
    return log(format, ctx -> ctx.getLogger("org.sotto.test").info("node started on port {}",
        7000));
  }

  /**
   * Configures a fresh context from logback.xml as bin/sotto would, logs, and returns what its
   * stderr appender wrote (its stream swapped for a buffer, so the test's own stderr is left alone).
   */
  private static String log(String format, java.util.function.Consumer<LoggerContext> logging)
      throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter()); // a context of our own needs its own MDC
    context.putProperty("sotto.log.format", format);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
      OutputStreamAppender<ILoggingEvent> stderr = (OutputStreamAppender<ILoggingEvent>)
          context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
      assertThat(stderr).as("logback.xml's stderr appender").isNotNull();
      stderr.setOutputStream(captured);
      logging.accept(context);
    } finally {
      context.stop();
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
