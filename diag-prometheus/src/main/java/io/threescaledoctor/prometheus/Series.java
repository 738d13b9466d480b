package io.threescaledoctor.prometheus;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Data points gathered family by family, built into snapshots at the end. A profile's points are
 * made once per diagnosis and added to every scrape until the next run ({@link #addAll}): building
 * labels is most of a scrape's cost.
 */
final class Series {
  private final Map<Family, List<DataPointSnapshot>> points = new LinkedHashMap<>();

  /** Declares families in the order a scrape shows them, even those without points. */
  Series declare(List<Family> families) {
    families.forEach(f -> points.computeIfAbsent(f, k -> new ArrayList<>()));
    return this;
  }

  /** A point of {@code family}; {@code labels} alternates names and values. */
  void add(Family family, double value, String... labels) {
    Labels l = Labels.of(labels);
    DataPointSnapshot p =
        switch (family.kind()) {
          case GAUGE -> GaugeDataPointSnapshot.builder().labels(l).value(value).build();
          case COUNTER -> CounterDataPointSnapshot.builder().labels(l).value(value).build();
          case INFO -> InfoDataPointSnapshot.builder().labels(l).build();
        };
    points.computeIfAbsent(family, k -> new ArrayList<>()).add(p);
  }

  /** Every point of {@code other}, in its families. */
  void addAll(Series other) {
    other.points.forEach(
        (f, list) -> points.computeIfAbsent(f, k -> new ArrayList<>()).addAll(list));
  }

  List<MetricSnapshot> snapshots() {
    List<MetricSnapshot> all = new ArrayList<>();
    points.forEach((family, list) -> all.add(snapshot(family, list)));
    return all;
  }

  private static MetricSnapshot snapshot(Family f, List<DataPointSnapshot> list) {
    return switch (f.kind()) {
      case GAUGE -> {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(f.name()).help(f.help());
        if (f.unit() != null) {
          b.unit(f.unit());
        }
        list.forEach(p -> b.dataPoint((GaugeDataPointSnapshot) p));
        yield b.build();
      }
      case COUNTER -> {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(f.name()).help(f.help());
        list.forEach(p -> b.dataPoint((CounterDataPointSnapshot) p));
        yield b.build();
      }
      case INFO -> {
        InfoSnapshot.Builder b = InfoSnapshot.builder().name(f.name()).help(f.help());
        list.forEach(p -> b.dataPoint((InfoDataPointSnapshot) p));
        yield b.build();
      }
    };
  }
}
