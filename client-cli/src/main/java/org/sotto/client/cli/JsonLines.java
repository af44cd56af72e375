package org.sotto.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import org.sotto.client.conversation.ChatMessage;

/**
 * Output for scripts ({@code --json}): one JSON object per line, so a reader can act on each as
 * it comes (jq, or a line loop) without waiting for the command to end.
 */
final class JsonLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLines() {}

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** A received message: who from, its text, when it arrived (ISO-8601, UTC). */
  static ObjectNode message(ChatMessage m) {
    return object().put("from", m.peer()).put("text", m.text())
        .put("time", Instant.ofEpochMilli(m.atUnixMs()).toString())
        .put("sequence", m.sequence());
  }

  static void print(PrintWriter out, ObjectNode line) {
    try {
      out.println(JSON.writeValueAsString(line));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree of strings and numbers always serialises", e);
    }
    out.flush();
  }
}
