package org.sotto.client.account;

import com.google.protobuf.ByteString;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.sotto.client.SottoException;
import org.sotto.client.SottoException.Reason;
import org.sotto.proto.DirectoryGrpc;
import org.sotto.proto.GetLoginParametersRequest;
import org.sotto.proto.IssueSessionTicketsRequest;
import org.sotto.proto.IssueSessionTicketsResponse;
import org.sotto.proto.LoginRequest;
import org.sotto.proto.LoginResponse;
import org.sotto.proto.LogoutRequest;
import org.sotto.proto.PasswordStretching;
import org.sotto.proto.PublishDialingKeysRequest;
import org.sotto.proto.RegisterRequest;
import org.sotto.proto.RegisterResponse;
import org.sotto.proto.SyncDialingKeysRequest;
import org.sotto.proto.SyncDialingKeysResponse;
import org.sotto.proto.SyncDirectoryRequest;
import org.sotto.proto.SyncDirectoryResponse;
import org.sotto.proto.UpdateKeyBackupRequest;
import org.sotto.proto.UpdateKeyBackupResponse;

/**
 * The Directory service seen from a client: each call with a deadline, each failure turned into a
 * {@link SottoException} whose reason a user interface can act on and whose message the user can
 * read.
 */
public final class DirectoryClient {
  private static final long DEADLINE_MS = 15_000;

  private final Channel channel;
  private final String coordinator;

  /** @param coordinator the coordinator's address, for error messages */
  public DirectoryClient(Channel channel, String coordinator) {
    this.channel = channel;
    this.coordinator = coordinator;
  }

  public PasswordStretching loginParameters(String username) throws SottoException {
    return call("asking how to stretch the password", s -> s.getLoginParameters(
        GetLoginParametersRequest.newBuilder().setUsername(username).build()).getStretching());
  }

  public RegisterResponse register(RegisterRequest request) throws SottoException {
    return call("registering", s -> s.register(request));
  }

  public LoginResponse login(LoginRequest request) throws SottoException {
    return call("logging in", s -> s.login(request));
  }

  public UpdateKeyBackupResponse updateKeyBackup(UpdateKeyBackupRequest request)
      throws SottoException {
    return call("updating the key backup", s -> s.updateKeyBackup(request));
  }

  /** Ends the session {@code token} names; the token is worthless afterwards. */
  public void logout(ByteString token) throws SottoException {
    call("ending the directory session", s -> s.logout(
        LogoutRequest.newBuilder().setSessionToken(token).build()));
  }

  /**
   * One page of the accounts registered after {@code afterSequence} (SyncDirectory). The mirror
   * is the only caller, on its fixed schedule: no name is ever sent to the directory.
   */
  public SyncDirectoryResponse sync(long afterSequence) throws SottoException {
    return call("syncing the directory", s -> s.syncDirectory(
        SyncDirectoryRequest.newBuilder().setAfterSequence(afterSequence).build()));
  }

  /** Publishes this account's signed dialing keys (§14.8). */
  public void publishDialingKeys(PublishDialingKeysRequest request) throws SottoException {
    call("publishing dialing keys", s -> s.publishDialingKeys(request));
  }

  /**
   * One page of the dialing keys published after {@code afterSequence}; like {@link #sync}, only
   * the mirror calls it, on its fixed schedule.
   */
  public SyncDialingKeysResponse syncDialingKeys(long afterSequence) throws SottoException {
    return call("syncing dialing keys", s -> s.syncDialingKeys(
        SyncDialingKeysRequest.newBuilder().setAfterSequence(afterSequence).build()));
  }

  /** Blind signatures on session tickets for the signed request's account (§17). */
  public IssueSessionTicketsResponse issueSessionTickets(IssueSessionTicketsRequest request)
      throws SottoException {
    return call("fetching a session ticket", s -> s.issueSessionTickets(request));
  }

  private <T> T call(String doing, Function<DirectoryGrpc.DirectoryBlockingStub, T> rpc)
      throws SottoException {
    try {
      return rpc.apply(DirectoryGrpc.newBlockingStub(channel)
          .withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS));
    } catch (StatusRuntimeException e) {
      throw translate(doing, e.getStatus());
    }
  }

  private SottoException translate(String doing, Status status) {
    String detail = status.getDescription() == null ? status.getCode().toString()
        : status.getDescription();
    Reason reason = switch (status.getCode()) {
      case UNAUTHENTICATED -> Reason.WRONG_PASSWORD;
      case ALREADY_EXISTS -> doing.startsWith("publishing") ? Reason.CONFLICT
          : Reason.USERNAME_TAKEN;
      case NOT_FOUND -> Reason.UNKNOWN_CONTACT;
      case RESOURCE_EXHAUSTED -> Reason.RATE_LIMITED;
      case INVALID_ARGUMENT, PERMISSION_DENIED, FAILED_PRECONDITION -> Reason.INVALID;
      case ABORTED -> Reason.CONFLICT;
      default -> Reason.UNAVAILABLE;
    };
    if (reason == Reason.UNAVAILABLE) {
      detail = "the coordinator at " + coordinator + " did not answer (" + status.getCode()
          + (status.getDescription() == null ? "" : ": " + status.getDescription())
          + "); check the address in the descriptor and that it is running, then retry";
    }
    return new SottoException(reason, doing + " failed: " + detail, status.asException());
  }
}
