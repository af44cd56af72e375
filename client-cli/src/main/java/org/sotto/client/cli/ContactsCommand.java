package org.sotto.client.cli;

import org.sotto.client.ContactInfo;
import org.sotto.client.SottoClient;
import org.sotto.client.SottoException;
import org.sotto.client.dialing.Invitation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sotto client contacts add|accept|decline|list}. */
@Command(name = "contacts", mixinStandardHelpOptions = true,
    description = "Add contacts, answer their invitations, list them.",
    subcommands = {ContactsCommand.Add.class, ContactsCommand.Accept.class,
        ContactsCommand.Decline.class, ContactsCommand.ListContacts.class})
final class ContactsCommand {

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = {"Look a user up in the directory, keep their keys, and invite them to talk.",
          "Prints the safety number to compare with them out of band, then waits until the "
              + "invitation is in their dialing bucket. They hear of it if a client of theirs "
              + "is connected in that dialing round (e.g. 'contacts accept', waiting, or 'chat')."})
  static final class Add extends ClientSubcommand {
    @Parameters(index = "0", description = "the user to add")
    String username;

    @Option(names = "--no-dial", description = "only keep their keys; do not invite them")
    boolean noDial;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS",
        description = "how long to wait for the "
        + "invitation to go out in a dialing round (default: ${DEFAULT-VALUE} s)")
    long timeoutSeconds;

    @Override
    int run(SottoClient client) throws SottoException, InterruptedException {
      ContactInfo info = client.addContact(username);
      out().println("Added " + info.username() + ". Safety number (compare it with "
          + info.username() + " in person or on a call):");
      out().println(indent(info.safetyNumber()));
      if (noDial) {
        return 0;
      }
      client.connect();
      long round = client.dial(info.username());
      long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
      while (client.pendingInvitations() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      if (client.pendingInvitations() > 0) {
        err().println("the invitation has not gone out yet; run a client (e.g. chat) so it can");
        return EXIT_PENDING;
      }
      String me = client.username().orElseThrow();
      out().println("Invited " + info.username() + " (your conversation starts at round " + round
          + "; messages you send wait until they accept).");
      out().println(info.username() + " accepts with: sotto client contacts accept " + me);
      return 0;
    }
  }

  @Command(name = "accept", mixinStandardHelpOptions = true,
      description = {"Accept an invitation: start the conversation with its caller.",
          "If it has not arrived yet, connects and waits for it (up to --timeout): the caller "
              + "runs 'contacts add' meanwhile."})
  static final class Accept extends ClientSubcommand {
    @Parameters(index = "0", description = "who invited you")
    String caller;

    @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS",
        description = "how long to wait for the invitation (default: ${DEFAULT-VALUE} s)")
    long timeoutSeconds;

    @Override
    int run(SottoClient client) throws SottoException, InterruptedException {
      if (client.invitation(caller).isEmpty()) {
        java.util.List<String> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
        client.addListener(new org.sotto.client.SottoListener() {
          @Override
          public void invitationRefused(String claimedCaller, String reason) {
            refused.add(reason);
            err().println(reason);
          }
        });
        out().println("Waiting for an invitation from " + caller.strip() + " (up to "
            + timeoutSeconds + " s)...");
        out().flush();
        client.connect();
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (client.invitation(caller).isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(200);
        }
        if (client.invitation(caller).isEmpty()) {
          err().println("no invitation from " + caller.strip() + " arrived in " + timeoutSeconds
              + " s; ask them to run: sotto client contacts add YOUR_NAME");
          return EXIT_PENDING;
        }
      }
      boolean known = client.contacts().stream()
          .anyMatch(c -> c.username().equalsIgnoreCase(caller.strip()));
      client.accept(caller);
      if (!known) {
        ContactInfo info = client.contacts().stream()
            .filter(c -> c.username().equalsIgnoreCase(caller.strip())).findFirst().orElseThrow();
        out().println("Added " + info.username() + ". Safety number (compare it with them "
            + "out of band):");
        out().println(indent(info.safetyNumber()));
      }
      out().println("You can talk with " + caller.strip().toLowerCase(java.util.Locale.ROOT)
          + " now: sotto client chat " + caller.strip());
      return 0;
    }
  }

  @Command(name = "decline", mixinStandardHelpOptions = true,
      description = "Forget an invitation. Nothing is sent: the caller cannot tell a decline "
          + "from an invitation you never saw.")
  static final class Decline extends ClientSubcommand {
    @Parameters(index = "0", description = "who invited you")
    String caller;

    @Override
    int run(SottoClient client) throws SottoException {
      client.decline(caller);
      out().println("Declined.");
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List contacts (conversation, unread messages, safety number) and "
          + "invitations waiting for an answer.")
  static final class ListContacts extends ClientSubcommand {
    @Override
    int run(SottoClient client) throws SottoException {
      var contacts = client.contacts();
      if (contacts.isEmpty()) {
        out().println("No contacts yet: sotto client contacts add USERNAME");
      }
      for (ContactInfo c : contacts) {
        int unread = client.unread(c.username()).size();
        int waiting = c.inConversation() ? client.outbox(c.username()).size() : 0;
        out().printf("%-20s %-16s %3d unread  %3d outgoing  safety number %s%n", c.username(),
            c.inConversation() ? "in conversation" : "not talking yet", unread, waiting,
            c.safetyNumber().replace('\n', ' '));
      }
      for (Invitation i : client.invitations()) {
        out().println("invitation from " + i.caller().username() + " (start round "
            + i.startRound() + "): sotto client contacts accept " + i.caller().username());
      }
      return 0;
    }
  }

  static String indent(String safetyNumber) {
    return "  " + safetyNumber.replace("\n", "\n  ");
  }
}
