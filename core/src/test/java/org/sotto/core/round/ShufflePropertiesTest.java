package org.sotto.core.round;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ShufflePropertiesTest {

  @Property
  void isAPermutation(@ForAll @IntRange(min = 0, max = 300) int n, @ForAll long seed) {
    Shuffle s = Shuffle.random(n, new SplittableRandom(seed));
    assertThat(s.size()).isEqualTo(n);
    assertThat(IntStream.range(0, n).map(s::source).sorted().toArray())
        .isEqualTo(IntStream.range(0, n).toArray());
  }

  @Property
  void invertUndoesApply(@ForAll @IntRange(min = 0, max = 300) int n, @ForAll long seed) {
    Shuffle s = Shuffle.random(n, new SplittableRandom(seed));
    String[] original = IntStream.range(0, n).mapToObj(i -> "item" + i).toArray(String[]::new);
    String[] shuffled = new String[n];
    String[] back = new String[n];
    s.apply(original, shuffled);
    s.invert(shuffled, back);
    assertThat(back).isEqualTo(original);
  }
}
