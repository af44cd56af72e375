package org.sotto.coordinator.directory;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sotto.core.cluster.ClusterDescriptor.SessionTicketSettings;
import org.sotto.core.ticket.TicketIssuerKey;
import org.sotto.core.ticket.TicketRequest;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.proto.IssueSessionTicketsRequest;
import org.sotto.proto.IssueSessionTicketsResponse;

/**
 * Signs blinded session tickets for accounts (docs/protocol.md §17): the request must carry the
 * account's signature, be for the current or the next epoch, and stay within the per-account
 * limit of that epoch, which the accounts database keeps. What it signs it never sees unblinded,
 * so the coordinator cannot tell, from a ticket, whose session it admits.
 */
final class SessionTicketIssuer {
  private final TicketIssuerKey key;
  private final SessionTicketSettings settings;
  private final AccountStore accounts;
  private final Clock clock;

  SessionTicketIssuer(TicketIssuerKey key, SessionTicketSettings settings, AccountStore accounts,
      Clock clock) {
    if (!key.publicKey().equals(settings.publicKey())) {
      throw new IllegalArgumentException("the session-ticket key file does not match the key in "
          + "the cluster descriptor; use the key file cluster init wrote with this descriptor");
    }
    this.key = key;
    this.settings = settings;
    this.accounts = accounts;
    this.clock = clock;
  }

  IssueSessionTicketsResponse issue(String username, Optional<Account> account,
      IssueSessionTicketsRequest request) throws StatusException {
    long now = settings.epochs().epochAt(clock.instant());
    long epoch = request.getEpoch();
    if (epoch != now && epoch != now + 1) {
      throw refuse(Status.INVALID_ARGUMENT, "epoch: tickets are issued for the current epoch ("
          + now + ") or the next, not " + Long.toUnsignedString(epoch)
          + "; check this device's clock");
    }
    int count = request.getBlindedCount();
    if (count < 1 || count > settings.perAccount()) {
      throw refuse(Status.INVALID_ARGUMENT, "blinded: 1 to " + settings.perAccount()
          + " tickets per request, got " + count);
    }
    List<byte[]> blinded = request.getBlindedList().stream().map(ByteString::toByteArray)
        .toList();
    try {
      if (account.isEmpty()) {
        throw new RejectedInputException(RejectedInputException.Reason.BAD_SIGNATURE, "");
      }
      TicketRequest.verify(account.get().signingPublicKey(), username, epoch, blinded,
          request.getSignature().toByteArray());
    } catch (RejectedInputException e) {
      throw refuse(Status.PERMISSION_DENIED, "the request is not signed by the signing key of an "
          + "account named '" + username + "'");
    }
    List<ByteString> signatures = new ArrayList<>(count);
    for (byte[] b : blinded) {
      try {
        signatures.add(ByteString.copyFrom(key.signBlinded(epoch, b)));
      } catch (RejectedInputException e) {
        throw refuse(Status.INVALID_ARGUMENT, "blinded: " + e.getMessage());
      }
    }
    // Counted only once every ticket could be signed, so a malformed request spends nothing.
    if (!accounts.spendTickets(username, epoch, count, settings.perAccount(), now - 1)) {
      throw refuse(Status.RESOURCE_EXHAUSTED, "'" + username + "' has had its "
          + settings.perAccount() + " session tickets for epoch " + epoch
          + "; sessions without a ticket are still admitted, within the anonymous limit");
    }
    return IssueSessionTicketsResponse.newBuilder().addAllBlindSignatures(signatures).build();
  }

  private static StatusException refuse(Status status, String message) {
    return status.withDescription(message).asException();
  }
}
