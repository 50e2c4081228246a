package org.coopledger.governance.engine;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * A sorted map nobody can change: it owns the only reference to its tree. So a value holding one (a
 * {@link Proposal}, a {@link CoopState}) can share it with the next version instead of copying it,
 * which an unmodifiable view of someone else's map would not allow.
 */
final class FrozenSortedMap<K, V> extends AbstractMap<K, V> implements SortedMap<K, V> {
  private static final FrozenSortedMap<?, ?> EMPTY = new FrozenSortedMap<>(new TreeMap<>());

  private final SortedMap<K, V> view;

  private FrozenSortedMap(TreeMap<K, V> owned) {
    this.view = Collections.unmodifiableSortedMap(owned);
  }

  @SuppressWarnings("unchecked")
  static <K, V> SortedMap<K, V> empty() {
    return (SortedMap<K, V>) EMPTY;
  }

  /** {@code map} itself if it is frozen already, else a frozen copy. */
  static <K, V> SortedMap<K, V> copyOf(SortedMap<K, V> map) {
    return map instanceof FrozenSortedMap<K, V> frozen
        ? frozen
        : new FrozenSortedMap<>(new TreeMap<>(map));
  }

  /** A frozen copy of {@code map} with {@code key} mapped to {@code value}. */
  static <K, V> SortedMap<K, V> with(SortedMap<K, V> map, K key, V value) {
    TreeMap<K, V> copy = new TreeMap<>(map);
    copy.put(key, value);
    return new FrozenSortedMap<>(copy);
  }

  /** A frozen copy of {@code map} without {@code key}. */
  static <K, V> SortedMap<K, V> without(SortedMap<K, V> map, K key) {
    TreeMap<K, V> copy = new TreeMap<>(map);
    copy.remove(key);
    return new FrozenSortedMap<>(copy);
  }

  @Override
  public V get(Object key) {
    return view.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return view.containsKey(key);
  }

  @Override
  public int size() {
    return view.size();
  }

  @Override
  public boolean isEmpty() {
    return view.isEmpty();
  }

  @Override
  public void forEach(BiConsumer<? super K, ? super V> action) {
    view.forEach(action);
  }

  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    return view.entrySet();
  }

  @Override
  public Set<K> keySet() {
    return view.keySet();
  }

  @Override
  public Collection<V> values() {
    return view.values();
  }

  @Override
  public Comparator<? super K> comparator() {
    return view.comparator();
  }

  @Override
  public SortedMap<K, V> subMap(K fromKey, K toKey) {
    return view.subMap(fromKey, toKey);
  }

  @Override
  public SortedMap<K, V> headMap(K toKey) {
    return view.headMap(toKey);
  }

  @Override
  public SortedMap<K, V> tailMap(K fromKey) {
    return view.tailMap(fromKey);
  }

  @Override
  public K firstKey() {
    return view.firstKey();
  }

  @Override
  public K lastKey() {
    return view.lastKey();
  }
}
