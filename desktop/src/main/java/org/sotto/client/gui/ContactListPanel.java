package org.sotto.client.gui;

import java.awt.BorderLayout;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.DefaultListModel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.ListSelectionModel;

/** The contacts, unread conversations first, each with its last message and unread count. */
final class ContactListPanel extends JPanel implements SessionModel.Listener {
  private final SessionModel model;
  private final DefaultListModel<String> names = new DefaultListModel<>();
  private final JList<String> list = new JList<>(names);
  private final Consumer<String> selected;
  private boolean refreshing;

  ContactListPanel(SessionModel model, Consumer<String> selected) {
    super(new BorderLayout());
    this.model = model;
    this.selected = selected;
    setOpaque(false);
    list.setName("contacts");
    list.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
    list.setCellRenderer(new ContactCellRenderer(model));
    list.setOpaque(false);
    list.addListSelectionListener(e -> {
      if (!e.getValueIsAdjusting() && !refreshing) {
        selected.accept(list.getSelectedValue());
      }
    });
    JScrollPane scroll = new JScrollPane(list);
    scroll.setBorder(BorderFactory.createEmptyBorder());
    scroll.setOpaque(false);
    scroll.getViewport().setOpaque(false);
    add(scroll, BorderLayout.CENTER);
    model.addListener(this);
    refresh();
  }

  /** Selects {@code contact} (and so shows their conversation). */
  void select(String contact) {
    list.setSelectedValue(contact, true);
  }

  @Override
  public void contactsChanged() {
    refresh();
  }

  @Override
  public void conversationChanged(String peer) {
    refresh();
  }

  @Override
  public void updateUI() {
    super.updateUI();
    if (list != null) {
      list.setCellRenderer(new ContactCellRenderer(model));
    }
  }

  private void refresh() {
    String keep = list.getSelectedValue();
    List<String> order = model.contactNames();
    refreshing = true;
    try {
      boolean same = order.size() == names.size();
      for (int i = 0; same && i < order.size(); i++) {
        same = order.get(i).equals(names.get(i));
      }
      if (!same) {
        names.clear();
        names.addAll(order);
      }
      if (keep != null && !Objects.equals(keep, list.getSelectedValue())) {
        list.setSelectedValue(keep, false);
      }
    } finally {
      refreshing = false;
    }
    list.repaint();
  }
}
