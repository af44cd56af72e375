package org.sotto.core.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.sotto.core.config.ConfigException;
import org.sotto.core.config.HostPort;
import org.sotto.core.config.Validated;
import org.sotto.core.config.YamlConfig;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.ticket.TicketEpochs;
import org.sotto.core.ticket.TicketPublicKey;
import org.sotto.core.wire.RejectedInputException;

/**
 * The public description of a cluster that clients pin and servers share: who is in the chain, at
 * which address, with which long-term signing key, which CA issues the TLS certificates, and the
 * cluster-wide round settings. Written by {@code sotto cluster init}.
 *
 * @param roundIntervalMs how often the coordinator opens a round
 * @param slotsPerRound how many onions every client sends each round (the same for everyone)
 * @param noise the Laplace noise every mix adds each round
 * @param dialing the dialing rounds' settings; {@link DialingSettings#DEFAULTS} when absent
 * @param sessionTickets the key and limits of account-bound session tickets; absent (null) in a
 *     cluster without them, whose coordinator admits only anonymous sessions
 */
public record ClusterDescriptor(
    String name,
    HostPort coordinator,
    List<MixEntry> mixes,
    List<DeadDropEntry> deadDrops,
    String caCertificate,
    long roundIntervalMs,
    int slotsPerRound,
    NoiseSettings noise,
    DialingSettings dialing,
    SessionTicketSettings sessionTickets) implements Validated {

  public ClusterDescriptor {
    dialing = dialing == null ? DialingSettings.DEFAULTS : dialing;
  }

  /** A descriptor without session tickets. */
  public ClusterDescriptor(String name, HostPort coordinator, List<MixEntry> mixes,
      List<DeadDropEntry> deadDrops, String caCertificate, long roundIntervalMs,
      int slotsPerRound, NoiseSettings noise, DialingSettings dialing) {
    this(name, coordinator, mixes, deadDrops, caCertificate, roundIntervalMs, slotsPerRound,
        noise, dialing, null);
  }

  /** A descriptor with the default dialing settings. */
  public ClusterDescriptor(String name, HostPort coordinator, List<MixEntry> mixes,
      List<DeadDropEntry> deadDrops, String caCertificate, long roundIntervalMs,
      int slotsPerRound, NoiseSettings noise) {
    this(name, coordinator, mixes, deadDrops, caCertificate, roundIntervalMs, slotsPerRound,
        noise, DialingSettings.DEFAULTS, null);
  }

  /** A mix node: its place in the chain is its place in the list. */
  public record MixEntry(String name, HostPort address, String signingKey) {
    public byte[] signingKeyBytes() {
      return HexFormat.of().parseHex(signingKey);
    }
  }

  /** A dead-drop shard: shard i owns the dead-drop IDs that route to i. */
  public record DeadDropEntry(String name, HostPort address) {}

  /** Laplace(mu, b) noise per mix per round (see LaplaceNoise). */
  public record NoiseSettings(double mu, double b) {}

  /**
   * Dialing rounds (docs/protocol.md §14).
   *
   * @param roundIntervalMs how often the coordinator opens a dialing round
   * @param usersPerBucket the coordinator makes ceil(connected clients / this) buckets per round,
   *     so a bucket download stays about this many real invitations at most plus noise
   * @param maxBuckets the most buckets a round may have; mixes refuse more
   * @param noise the Laplace noise every mix adds to every bucket each dialing round
   * @param keyEpochSeconds how long a user's dialing key lasts (docs/protocol.md §14.8): a
   *     client erases a key one epoch after its own, so this bounds how long a stolen identity key
   *     is worth nothing against recorded invitations; one day when absent
   */
  public record DialingSettings(long roundIntervalMs, int usersPerBucket, int maxBuckets,
      NoiseSettings noise, Long keyEpochSeconds) {
    public static final long DEFAULT_KEY_EPOCH_SECONDS = 24 * 3600;
    /** Every 10 s; buckets of up to 1000 users; noise as Vuvuzela adds per invitation drop. */
    public static final DialingSettings DEFAULTS =
        new DialingSettings(10_000, 1000, 4096, new NoiseSettings(100, 10));

    public DialingSettings {
      keyEpochSeconds = keyEpochSeconds == null ? DEFAULT_KEY_EPOCH_SECONDS : keyEpochSeconds;
    }

    /** Settings with one-day dialing-key epochs. */
    public DialingSettings(long roundIntervalMs, int usersPerBucket, int maxBuckets,
        NoiseSettings noise) {
      this(roundIntervalMs, usersPerBucket, maxBuckets, noise, null);
    }

    /** The dialing-key epoch of unix time {@code unixMs}. */
    public long keyEpochAt(long unixMs) {
      return Math.floorDiv(unixMs, keyEpochSeconds * 1000);
    }

    /** The bucket count for a round that {@code clients} clients may dial in. */
    public int bucketCount(int clients) {
      long wanted = (Math.max(1, clients) + (long) usersPerBucket - 1) / usersPerBucket;
      return (int) Math.min(maxBuckets, wanted);
    }

    List<String> problems() {
      return new YamlConfig.Problems()
          .check(roundIntervalMs >= 100, "round-interval-ms: at least 100")
          .check(usersPerBucket >= 1, "users-per-bucket: at least 1")
          .check(maxBuckets >= 1 && maxBuckets <= 65_536, "max-buckets: 1..65536")
          .check(noise != null && noise.mu() >= 0 && noise.b() >= 0,
              "noise: mu and b must be given and non-negative")
          .check(keyEpochSeconds >= 60, "key-epoch-seconds: at least 60")
          .list();
    }
  }

  /**
   * Session tickets (docs/protocol.md §17): the directory signs, blind, up to {@code perAccount}
   * tickets per account and epoch; a session that shows one is admitted beside the anonymous
   * ones, whose number the coordinator bounds.
   *
   * @param key the issuer's RSA modulus in hex ({@link TicketPublicKey})
   * @param epochSeconds how long an epoch (and a ticket) lasts
   * @param perAccount tickets one account may have per epoch
   */
  public record SessionTicketSettings(String key, long epochSeconds, int perAccount) {
    public static final long DEFAULT_EPOCH_SECONDS = 24 * 3600;
    public static final int DEFAULT_PER_ACCOUNT = 8;

    public TicketPublicKey publicKey() {
      return TicketPublicKey.fromHex(key);
    }

    public TicketEpochs epochs() {
      return new TicketEpochs(epochSeconds);
    }

    List<String> problems() {
      return new YamlConfig.Problems()
          .check(validTicketKey(key), "key: a " + TicketPublicKey.MODULUS_BITS
              + "-bit RSA modulus in hex, as cluster init writes it")
          .check(epochSeconds >= 60, "epoch-seconds: at least 60")
          .check(perAccount >= 1 && perAccount <= 64, "per-account: 1..64")
          .list();
    }

    private static boolean validTicketKey(String hex) {
      try {
        TicketPublicKey.fromHex(hex);
        return true;
      } catch (IllegalArgumentException | NullPointerException e) {
        return false;
      }
    }
  }

  public static ClusterDescriptor load(Path file) throws ConfigException {
    return YamlConfig.load(file, ClusterDescriptor.class);
  }

  public int chainLength() {
    return mixes.size();
  }

  public int positionOf(String mixName) {
    for (int i = 0; i < mixes.size(); i++) {
      if (mixes.get(i).name().equals(mixName)) {
        return i;
      }
    }
    return -1;
  }

  /** The cluster's identity as its mixes sign it into round keys ({@link ClusterId}). */
  public byte[] clusterId() {
    return ClusterId.of(this);
  }

  /** SHA-256 of the descriptor file, in hex: what a user compares out of band. */
  public static String fingerprint(Path file) throws IOException {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public List<String> problems() {
    YamlConfig.Problems p = new YamlConfig.Problems()
        .check(name != null && !name.isBlank(), "name: give the cluster a name")
        .check(coordinator != null, "coordinator: the clients' address of the coordinator")
        .check(mixes != null && !mixes.isEmpty(), "mixes: the chain needs at least one mix node")
        .check(deadDrops != null && !deadDrops.isEmpty(),
            "dead-drops: the cluster needs at least one dead-drop shard")
        .check(caCertificate != null && caCertificate.contains("BEGIN CERTIFICATE"),
            "ca-certificate: the cluster CA certificate, PEM")
        .check(roundIntervalMs >= 100, "round-interval-ms: at least 100")
        .check(slotsPerRound >= 1 && slotsPerRound <= 64, "slots-per-round: 1..64")
        .check(noise != null && noise.mu() >= 0 && noise.b() >= 0,
            "noise: mu and b must be given and non-negative");
    p.addAll("dialing.", dialing.problems());
    if (sessionTickets != null) {
      p.addAll("session-tickets.", sessionTickets.problems());
    }
    if (mixes != null) {
      for (int i = 0; i < mixes.size(); i++) {
        MixEntry m = mixes.get(i);
        p.check(m.name() != null && m.address() != null,
            "mixes[" + i + "]: needs a name and an address");
        p.check(validSigningKey(m.signingKey()),
            "mixes[" + i + "].signing-key: not an ECDSA P-256 public key in hex (65 bytes)");
      }
    }
    return p.list();
  }

  private static boolean validSigningKey(String hex) {
    try {
      Ecdsa.decodePoint(HexFormat.of().parseHex(hex));
      return true;
    } catch (RejectedInputException | IllegalArgumentException | NullPointerException e) {
      return false;
    }
  }
}
