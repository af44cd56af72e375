package org.sotto.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpensslSpeedTest {

  @Test
  void readsTheOpsPerSecondOfASingleProcessRun() {
    String output = """
        version: 3.0.19
        options: bn(64,64)
        CPUINFO: OPENSSL_ia32cap=0xfffa3203078bffff:0x400684219c07ab
                                      op      op/s
         253 bits ecdh (X25519)   0.0000s  27032.3
        """;
    OpensslSpeed.Result r = OpensslSpeed.parse(output);
    assertThat(r.ok()).isTrue();
    assertThat(r.opsPerSecond()).isEqualTo(27032.3);
  }

  @Test
  void readsTheTotalOfAMultiProcessRun() {
    String output = """
        Forked child 0
        Forked child 1
        Got: +F5:22:253:26112.000000:0.000038 from 0
        Got: +F5:22:253:26981.000000:0.000037 from 1
        version: 3.0.19
                                      op      op/s
         253 bits ecdh (X25519)   0.0000s  53093.0
        """;
    assertThat(OpensslSpeed.parse(output).opsPerSecond()).isEqualTo(53093.0);
  }

  @Test
  void saysSoWhenThereIsNoFigure() {
    OpensslSpeed.Result r = OpensslSpeed.parse("speed: Unknown algorithm ecdhx25519\n");
    assertThat(r.ok()).isFalse();
    assertThat(r.problem()).contains("ecdh (X25519)");
  }
}
