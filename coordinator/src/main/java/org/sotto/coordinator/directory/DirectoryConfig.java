package org.sotto.coordinator.directory;

import java.util.List;
import org.sotto.core.account.Argon2Settings;
import org.sotto.core.config.Validated;
import org.sotto.core.config.YamlConfig;

/**
 * The {@code directory:} section of the coordinator's config: how new accounts stretch their
 * passwords, how long sessions last, and the rate limits. Every key is optional as a whole
 * section; the defaults are {@link #DEFAULTS}.
 *
 * @param argon2 the Argon2id costs new accounts are registered with (GetLoginParameters hands them
 *     out); raising them affects only accounts registered or re-keyed afterwards
 * @param argon2Minimum the lowest costs a password change may choose
 * @param sessionTtlSeconds how long a session token from Register or Login stays valid
 * @param maxFailedLogins failed logins on one account from one address before that address
 *     must wait, {@code lockoutSeconds} at first and twice as long after each further failure (up
 *     to a day); failures from other addresses never block the owner
 * @param maxFailedLoginsPerAddress the same, counted per client address over all accounts (an
 *     attacker spraying one password over many names)
 * @param lockoutSeconds the first wait of an account at one address, and the window of the
 *     per-address count
 * @param requestsPerMinutePerAddress directory calls one address may make per minute, of every
 *     kind but SyncDirectory (which every client makes each dialing round, and which lists every
 *     account anyway)
 * @param registrationsPerHourPerAddress accounts one address may create per hour (name squatting)
 */
public record DirectoryConfig(Argon2Settings argon2, Argon2Settings argon2Minimum,
    long sessionTtlSeconds, int maxFailedLogins, int maxFailedLoginsPerAddress,
    long lockoutSeconds, int requestsPerMinutePerAddress, int registrationsPerHourPerAddress)
    implements Validated {

  public static final DirectoryConfig DEFAULTS = new DirectoryConfig(Argon2Settings.RECOMMENDED,
      Argon2Settings.MINIMUM, 24 * 3600, 5, 50, 15 * 60, 600, 20);

  @Override
  public List<String> problems() {
    YamlConfig.Problems p = new YamlConfig.Problems()
        .check(argon2 != null, "directory.argon2: memory-kib, iterations and parallelism")
        .check(argon2Minimum != null,
            "directory.argon2-minimum: memory-kib, iterations and parallelism")
        .check(sessionTtlSeconds >= 60, "directory.session-ttl-seconds: at least 60")
        .check(maxFailedLogins >= 1, "directory.max-failed-logins: at least 1")
        .check(maxFailedLoginsPerAddress >= maxFailedLogins,
            "directory.max-failed-logins-per-address: at least max-failed-logins")
        .check(lockoutSeconds >= 1, "directory.lockout-seconds: at least 1")
        .check(requestsPerMinutePerAddress >= 1,
            "directory.requests-per-minute-per-address: at least 1")
        .check(registrationsPerHourPerAddress >= 1,
            "directory.registrations-per-hour-per-address: at least 1");
    if (argon2 != null) {
      p.addAll("directory.argon2.", argon2.problems());
    }
    if (argon2Minimum != null) {
      p.addAll("directory.argon2-minimum.", argon2Minimum.problems());
    }
    if (argon2 != null && argon2Minimum != null) {
      p.check(argon2.atLeast(argon2Minimum),
          "directory.argon2: every cost must be at least argon2-minimum's");
    }
    return p.list();
  }
}
