package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The maps that versions of a proposal and of the state share instead of copying: nobody holding
 * one can change it (the next version's edits make a new map), and it answers every sorted-map
 * question exactly as the tree it was made from.
 */
class FrozenSortedMapTest {
  private static SortedMap<String, Integer> tree() {
    SortedMap<String, Integer> t = new TreeMap<>();
    t.put("carol", 3);
    t.put("alice", 1);
    t.put("bob", 2);
    return t;
  }

  @Test
  void aFrozenCopyAnswersLikeItsTreeAndIgnoresLaterChangesToIt() {
    SortedMap<String, Integer> source = tree();
    SortedMap<String, Integer> frozen = FrozenSortedMap.copyOf(source);
    source.put("dana", 4);
    source.remove("alice");

    assertThat(frozen).containsExactly(entry("alice", 1), entry("bob", 2), entry("carol", 3));
    assertThat(frozen.size()).isEqualTo(3);
    assertThat(frozen.isEmpty()).isFalse();
    assertThat(frozen.get("bob")).isEqualTo(2);
    assertThat(frozen.get("dana")).isNull();
    assertThat(frozen.containsKey("alice")).isTrue();
    assertThat(frozen.containsKey("dana")).isFalse();
    assertThat(frozen.keySet()).containsExactly("alice", "bob", "carol");
    assertThat(frozen.values()).containsExactly(1, 2, 3);
    assertThat(frozen.firstKey()).isEqualTo("alice");
    assertThat(frozen.lastKey()).isEqualTo("carol");
    assertThat(frozen.headMap("bob")).containsOnlyKeys("alice");
    assertThat(frozen.tailMap("bob")).containsOnlyKeys("bob", "carol");
    assertThat(frozen.subMap("alice", "carol")).containsOnlyKeys("alice", "bob");
    assertThat(frozen.comparator()).isNull();
    List<String> seen = new ArrayList<>();
    frozen.forEach((k, v) -> seen.add(k + v));
    assertThat(seen).containsExactly("alice1", "bob2", "carol3");
    assertThat(FrozenSortedMap.<String, Integer>empty()).isEmpty();
    assertThat(FrozenSortedMap.<String, Integer>empty().size()).isZero();
  }

  @Test
  void nobodyCanChangeAFrozenMapThroughAnyOfItsViews() {
    SortedMap<String, Integer> frozen = FrozenSortedMap.copyOf(tree());

    assertThatThrownBy(() -> frozen.put("eve", 5))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> frozen.remove("alice"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> frozen.entrySet().iterator().next().setValue(9))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> frozen.keySet().remove("bob"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> frozen.values().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> frozen.headMap("carol").clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(frozen).hasSize(3);
  }

  @Test
  void withAndWithoutMakeNewMapsAndLeaveTheOldOneAsItWas() {
    SortedMap<String, Integer> v1 = FrozenSortedMap.copyOf(tree());
    SortedMap<String, Integer> v2 = FrozenSortedMap.with(v1, "dana", 4);
    SortedMap<String, Integer> v3 = FrozenSortedMap.without(v2, "alice");

    assertThat(v1).containsOnlyKeys("alice", "bob", "carol");
    assertThat(v2).containsOnlyKeys("alice", "bob", "carol", "dana");
    assertThat(v3).containsOnlyKeys("bob", "carol", "dana");
    // A frozen map is shared, not copied again; anything else is copied.
    assertThat(FrozenSortedMap.copyOf(v3)).isSameAs(v3);
    SortedMap<String, Integer> plain = tree();
    assertThat(FrozenSortedMap.copyOf(plain)).isNotSameAs(plain).isEqualTo(plain);
  }
}
