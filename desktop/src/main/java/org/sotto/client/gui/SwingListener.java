package org.sotto.client.gui;

import javax.swing.SwingUtilities;
import org.sotto.client.RoundStatus;
import org.sotto.client.SottoListener;
import org.sotto.client.conversation.ChatMessage;
import org.sotto.client.conversation.Delivery;
import org.sotto.client.dialing.Invitation;

/**
 * The client's events, which arrive on its network and round threads, handed to the
 * {@link SessionController} on the event dispatch thread, in the order they came.
 */
final class SwingListener implements SottoListener {
  private final SessionController controller;

  SwingListener(SessionController controller) {
    this.controller = controller;
  }

  @Override
  public void messageReceived(ChatMessage message) {
    SwingUtilities.invokeLater(() -> controller.received(message));
  }

  @Override
  public void deliveryChanged(String peer, long sequence, Delivery state) {
    SwingUtilities.invokeLater(() -> controller.deliveryChanged(peer, sequence, state));
  }

  @Override
  public void invitationReceived(Invitation invitation) {
    SwingUtilities.invokeLater(() -> controller.invited(invitation));
  }

  @Override
  public void connectionChanged(boolean connected, String detail) {
    SwingUtilities.invokeLater(() -> controller.connectionChanged(connected, detail));
  }

  @Override
  public void roundStatus(RoundStatus status) {
    SwingUtilities.invokeLater(() -> controller.roundStatus(status));
  }
}
