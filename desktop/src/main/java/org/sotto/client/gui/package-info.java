/**
 * The Swing desktop client: a thin layer on {@link org.sotto.client.SottoClient}.
 *
 * <p>Threading: every Swing component and every model class here ({@link
 * org.sotto.client.gui.SessionModel}, {@link org.sotto.client.gui.ConversationModel}) is confined
 * to the event dispatch thread. Everything that touches the network, the disk or crypto runs on
 * the one worker thread of a {@link org.sotto.client.gui.ClientSession}, in the order it was asked
 * for (so messages are queued in the order typed); its results, and the client's listener events,
 * come back to the EDT through {@link javax.swing.SwingUtilities#invokeLater}.
 */
package org.sotto.client.gui;
