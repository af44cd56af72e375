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
      description = {"Find a user in this client's copy of the directory, keep their keys, and "
          + "invite them to talk.",
          "The copy is synced once per dialing round whatever you do, so the directory never "
              + "learns whom you add; a user who registered moments ago is found after the next "
              + "sync.",
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
      ClientEvents events = ClientEvents.of(client);
      // Connected first: a name not yet in the mirror is found by the scheduled syncs, which
      // run only while connected, like every client's.
      client.connect();
      ContactInfo info = client.addContact(username);
      out().println("Added " + info.username() + ". Safety number (compare it with "
          + info.username() + " in person or on a call):");
      out().println(indent(info.safetyNumber()));
      if (noDial) {
        return 0;
      }
      client.dial(info.username());
      long intervalS = Math.max(1,
          client.descriptor().dialing().roundIntervalMs() / 1000);
      out().println("Sending the invitation in the next dialing round (one every " + intervalS
          + " s; waiting up to " + timeoutSeconds + " s)...");
      out().flush();
      Progress progress = new Progress(out());
      long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
      while (true) {
        long mark = events.mark();
        if (client.pendingInvitations() == 0 || System.nanoTime() >= deadline) {
          break;
        }
        progress.tick(waitingWhy(client));
        events.awaitAfter(mark, 1000);
      }
      if (client.pendingInvitations() > 0) {
        err().println("the invitation has not gone out in " + timeoutSeconds + " s ("
            + waitingWhy(client) + "); it is kept and goes out while a client runs here "
            + "(e.g. chat)");
        return EXIT_PENDING;
      }
      String me = client.username().orElseThrow();
      out().println("Invited " + info.username() + " (messages you send wait until they "
          + "accept).");
      out().println(info.username() + " accepts with: sotto client contacts accept " + me);
      return 0;
    }
  }

  @Command(name = "accept", mixinStandardHelpOptions = true,
      description = {"Accept an invitation: start the conversation with its caller.",
          "If it has not arrived yet, connects and waits for it (up to --timeout): the caller "
              + "runs 'contacts add' meanwhile. Whether the name exists is not asked of the "
              + "directory, since asking would tell it whom you expect to hear from."})
  static final class Accept extends ClientSubcommand {
    @Parameters(index = "0", description = "who invited you")
    String caller;

    @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS",
        description = "how long to wait for the invitation (default: ${DEFAULT-VALUE} s)")
    long timeoutSeconds;

    @Override
    void checkArguments() throws SottoException {
      SottoClient.checkUsername(caller);
    }

    @Override
    int run(SottoClient client) throws SottoException, InterruptedException {
      if (client.username().filter(me -> me.equalsIgnoreCase(caller.strip())).isPresent()) {
        throw new SottoException(SottoException.Reason.INVALID, "that is you; name the user "
            + "who invited you");
      }
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
        ClientEvents events = ClientEvents.of(client);
        client.connect();
        Progress progress = new Progress(out());
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (true) {
          long mark = events.mark();
          if (client.invitation(caller).isPresent() || System.nanoTime() >= deadline) {
            break;
          }
          progress.tick(waitingWhy(client));
          events.awaitAfter(mark, 1000);
        }
        if (client.invitation(caller).isEmpty()) {
          err().println("no invitation from " + caller.strip() + " arrived in " + timeoutSeconds
              + " s (" + waitingWhy(client) + "); check the spelling of the name and ask them "
              + "to run: sotto client contacts add " + client.username().orElseThrow());
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
    @Option(names = "--json", description = "one JSON object per line: {\"type\": \"contact\", "
        + "\"username\", \"inConversation\", \"unread\", \"outgoing\", \"safetyNumber\"} or "
        + "{\"type\": \"invitation\", \"from\", \"startRound\"}")
    boolean json;

    @Override
    int run(SottoClient client) throws SottoException {
      var contacts = client.contacts();
      if (contacts.isEmpty() && !json) {
        out().println("No contacts yet: sotto client contacts add USERNAME");
      }
      for (ContactInfo c : contacts) {
        int unread = client.unread(c.username()).size();
        int waiting = c.inConversation() ? client.outbox(c.username()).size() : 0;
        String safety = c.safetyNumber().replace('\n', ' ');
        if (json) {
          JsonLines.print(out(), JsonLines.object().put("type", "contact")
              .put("username", c.username()).put("inConversation", c.inConversation())
              .put("unread", unread).put("outgoing", waiting).put("safetyNumber", safety));
        } else {
          out().printf("%-20s %-16s %3d unread  %3d outgoing  safety number %s%n", c.username(),
              c.inConversation() ? "in conversation" : "not talking yet", unread, waiting,
              safety);
        }
      }
      for (Invitation i : client.invitations()) {
        if (json) {
          JsonLines.print(out(), JsonLines.object().put("type", "invitation")
              .put("from", i.caller().username()).put("startRound", i.startRound()));
        } else {
          out().println("invitation from " + i.caller().username() + ": sotto client contacts "
              + "accept " + i.caller().username());
        }
      }
      return 0;
    }
  }

  /** Why the command is still waiting: the cluster is down, or the round has not come. */
  static String waitingWhy(SottoClient client) {
    return client.connection().map(c -> c.connected() ? "connected; waiting for a dialing round"
        : "the cluster is unreachable: " + c.detail()).orElse("not connected");
  }

  /** A line every 10 s while a command waits, so it does not look stuck. */
  static final class Progress {
    private static final long EVERY_NS = 10_000_000_000L;
    private final java.io.PrintWriter out;
    private final long start = System.nanoTime();
    private long next = start + EVERY_NS;

    Progress(java.io.PrintWriter out) {
      this.out = out;
    }

    void tick(String state) {
      long now = System.nanoTime();
      if (now >= next) {
        out.println("  still waiting (" + (now - start) / 1_000_000_000L + " s; " + state + ")");
        out.flush();
        next += EVERY_NS;
      }
    }
  }

  static String indent(String safetyNumber) {
    return "  " + safetyNumber.replace("\n", "\n  ");
  }
}
