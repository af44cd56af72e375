package org.sotto.client.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sotto.client.conversation.ChatMessage;
import org.sotto.client.conversation.Delivery;

/** The conversation view's model, without a display: order, delivery, unread, the timer. */
class ConversationModelTest {

  private static ChatMessage in(long seq, String text, long at) {
    return new ChatMessage("bob", true, seq, text.getBytes(StandardCharsets.UTF_8),
        Delivery.DELIVERED, at);
  }

  private static ChatMessage out(long seq, String text, Delivery state, long at) {
    return new ChatMessage("bob", false, seq, text.getBytes(StandardCharsets.UTF_8), state, at);
  }

  @Test
  void deliveryMovesForwardOnlyAndEarlyEventsAreKept() {
    ConversationModel c = new ConversationModel("bob");
    // the client reports QUEUED and SENT before send() has returned the sequence number
    assertThat(c.deliveryChanged(1, Delivery.QUEUED)).isFalse();
    assertThat(c.deliveryChanged(1, Delivery.SENT)).isFalse();
    MessageItem item = c.addOutgoing(1, "hello", 1_000);
    assertThat(item.state()).isEqualTo(Delivery.SENT);
    assertThat(c.deliveryChanged(1, Delivery.DELIVERED)).isTrue();
    assertThat(c.deliveryChanged(1, Delivery.SENT)).isFalse();
    assertThat(item.state()).isEqualTo(Delivery.DELIVERED);
  }

  @Test
  void unreadUntilShown() {
    ConversationModel c = new ConversationModel("bob");
    c.addIncoming(in(1, "one", 1_000));
    c.addIncoming(in(2, "two", 2_000));
    assertThat(c.unreadCount()).isEqualTo(2);
    assertThat(c.markAllRead(3_000)).isEqualTo(2);
    assertThat(c.unreadCount()).isZero();
    assertThat(c.markAllRead(4_000)).isEqualTo(-1);
    assertThat(c.preview()).isEqualTo("two");
  }

  @Test
  void loadMergesHistoryOutboxAndInboxWithoutDuplicates() {
    ConversationModel c = new ConversationModel("bob");
    c.addNote("You invited bob.", 500);
    c.load(List.of(out(1, "hi", Delivery.DELIVERED, 1_000), in(1, "hey", 2_000),
            out(2, "pending", Delivery.SENT, 3_000)),
        List.of(out(2, "pending", Delivery.SENT, 3_000), out(3, "not in history",
            Delivery.QUEUED, 3_500)),
        List.of(in(2, "unread", 4_000)));
    assertThat(c.items()).extracting(MessageItem::text)
        .containsExactly("You invited bob.", "hi", "hey", "pending", "not in history", "unread");
    assertThat(c.unreadCount()).isEqualTo(1);
    assertThat(c.deliveryChanged(2, Delivery.DELIVERED)).isTrue();
  }

  @Test
  void theTimerDropsReadAndDeliveredMessagesOnly() {
    ConversationModel c = new ConversationModel("bob");
    c.setTimer(DisappearingTimer.ONE_MINUTE);
    c.addOutgoing(1, "delivered", 0).advance(Delivery.DELIVERED);
    c.addOutgoing(2, "still on its way", 0);
    c.addIncoming(in(1, "read", 0));
    c.addIncoming(in(2, "unread", 0));
    c.items().stream().filter(i -> i.text().equals("read")).forEach(i -> i.markRead(10_000));
    assertThat(c.expire(59_000)).isFalse();
    assertThat(c.expire(70_000)).isTrue();
    assertThat(c.items()).extracting(MessageItem::text)
        .containsExactly("still on its way", "unread");
    c.setTimer(DisappearingTimer.KEEP);
    assertThat(c.expire(Long.MAX_VALUE / 2)).isFalse();
  }
}
