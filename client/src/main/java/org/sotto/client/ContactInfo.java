package org.sotto.client;

import org.sotto.client.identity.Contact;

/**
 * A contact as a user interface lists it.
 *
 * @param contact name and public keys
 * @param safetyNumber the 60 digits both users compare out of band (see SafetyNumber)
 * @param inConversation whether a conversation with them runs
 */
public record ContactInfo(Contact contact, String safetyNumber, boolean inConversation) {

  public String username() {
    return contact.username();
  }
}
