package org.sotto.launcher.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Logback's {@link JsonEncoder} with the time as an ISO-8601 UTC string
 * ({@code "timestamp":"2026-12-03T15:30:21.123Z"}) in first place instead of epoch milliseconds:
 * log shippers and people reading {@code journalctl} parse it without a conversion, and it sorts
 * as text. Everything else is the stock encoder's, configured in logback-json.xml.
 */
public final class IsoTimestampJsonEncoder extends JsonEncoder {
  static final DateTimeFormatter ISO_UTC_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  public IsoTimestampJsonEncoder() {
    setWithTimestamp(false); // replaced by the string below
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    byte[] object = super.encode(event); // {"level":...}\n: the level is always written
    byte[] timestamp = ("{\"timestamp\":\""
        + ISO_UTC_MILLIS.format(Instant.ofEpochMilli(event.getTimeStamp())) + "\",")
        .getBytes(StandardCharsets.UTF_8);
    byte[] line = new byte[timestamp.length + object.length - 1];
    System.arraycopy(timestamp, 0, line, 0, timestamp.length);
    System.arraycopy(object, 1, line, timestamp.length, object.length - 1);
    return line;
  }
}
