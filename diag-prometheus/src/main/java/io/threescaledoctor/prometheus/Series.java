package io.threescaledoctor.prometheus;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The data points of one scrape, gathered family by family and built into snapshots at the end. */
final class Series {
  private final Map<Family, List<Point>> points = new LinkedHashMap<>();

  private record Point(Labels labels, double value) {}

  /** Declares families in the order a scrape shows them, even those without points. */
  Series declare(List<Family> families) {
    families.forEach(f -> points.computeIfAbsent(f, k -> new ArrayList<>()));
    return this;
  }

  /** A point of {@code family}; {@code labels} alternates names and values. */
  void add(Family family, double value, String... labels) {
    points.computeIfAbsent(family, k -> new ArrayList<>()).add(new Point(Labels.of(labels), value));
  }

  List<MetricSnapshot> snapshots() {
    List<MetricSnapshot> all = new ArrayList<>();
    points.forEach((family, list) -> all.add(snapshot(family, list)));
    return all;
  }

  private static MetricSnapshot snapshot(Family f, List<Point> list) {
    return switch (f.kind()) {
      case GAUGE -> {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(f.name()).help(f.help());
        if (f.unit() != null) {
          b.unit(f.unit());
        }
        list.forEach(
            p ->
                b.dataPoint(
                    GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(p.labels())
                        .value(p.value())
                        .build()));
        yield b.build();
      }
      case COUNTER -> {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(f.name()).help(f.help());
        list.forEach(
            p ->
                b.dataPoint(
                    CounterSnapshot.CounterDataPointSnapshot.builder()
                        .labels(p.labels())
                        .value(p.value())
                        .build()));
        yield b.build();
      }
      case INFO -> {
        InfoSnapshot.Builder b = InfoSnapshot.builder().name(f.name()).help(f.help());
        list.forEach(
            p ->
                b.dataPoint(
                    InfoSnapshot.InfoDataPointSnapshot.builder().labels(p.labels()).build()));
        yield b.build();
      }
    };
  }
}
