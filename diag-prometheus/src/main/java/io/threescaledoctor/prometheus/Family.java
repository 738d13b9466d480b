package io.threescaledoctor.prometheus;

import io.prometheus.metrics.model.snapshots.Unit;

/**
 * One metric family: its name as written in the exposition (without the {@code _total} or {@code
 * _info} suffix the format adds), help text, unit and type.
 */
record Family(String name, String help, Unit unit, Kind kind) {
  enum Kind {
    GAUGE,
    COUNTER,
    INFO
  }

  static Family gauge(String name, String help) {
    return new Family(name, help, null, Kind.GAUGE);
  }

  static Family seconds(String name, String help) {
    return new Family(name, help, Unit.SECONDS, Kind.GAUGE);
  }

  static Family counter(String name, String help) {
    return new Family(name, help, null, Kind.COUNTER);
  }

  static Family info(String name, String help) {
    return new Family(name, help, null, Kind.INFO);
  }

  /** The names a scrape shows for this family. */
  String exposedName() {
    return switch (kind) {
      case COUNTER -> name + "_total";
      case INFO -> name + "_info";
      case GAUGE -> name;
    };
  }
}
