package org.sotto.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sotto.core.config.YamlConfig;

/** {@code open-timeout-ms}: absent or 0 measures, a number fixes the deadline, within limits. */
class CoordinatorConfigTest {
  /** The file as read, before its paths are resolved and its files checked. */
  private static CoordinatorConfig load(String extra) throws Exception {
    return YamlConfig.mapper().readValue("""
        descriptor: ../descriptor.yaml
        listen: 0.0.0.0:7000
        tls:
          certificate: tls.crt
          private-key: tls.key
          ca-certificate: ../ca/ca.crt
        hop-timeout-ms: 10000
        max-clients: 100
        data-dir: data
        """ + extra, CoordinatorConfig.class);
  }

  @Test
  void absentOrZeroMeansMeasuredAndANumberWithinTheHopTimeoutIsKept() throws Exception {
    assertThat(load("").openTimeoutMs()).isZero();
    assertThat(load("").problems()).isEmpty();
    assertThat(load("open-timeout-ms: 0\n").problems()).isEmpty();
    CoordinatorConfig fixed = load("open-timeout-ms: 4500\n");
    assertThat(fixed.openTimeoutMs()).isEqualTo(4500);
    assertThat(fixed.problems()).isEmpty();
    assertThat(fixed.withAnonymousSessionLimits(5, 3).openTimeoutMs()).isEqualTo(4500);
  }

  @Test
  void aDeadlineOutsideItsLimitsIsAProblemThatSaysWhatIsAllowed() throws Exception {
    assertThat(load("open-timeout-ms: 50\n").problems()).singleElement().asString()
        .contains("open-timeout-ms").contains("at least 100");
    assertThat(load("open-timeout-ms: 20000\n").problems()).singleElement().asString()
        .contains("at most hop-timeout-ms (10000)").contains("0 to size it");
  }
}
