"""RAPL power readings: computed from the counters, None where there are none."""

from __future__ import annotations

from qutiflow.hostbench import power


def fake_zone(root, name, energy_uj, max_uj=1_000_000_000):
    zone = root / name
    zone.mkdir()
    (zone / "energy_uj").write_text(f"{energy_uj}\n")
    (zone / "max_energy_range_uj").write_text(f"{max_uj}\n")
    return zone


def test_no_powercap_means_no_power(tmp_path):
    meter = power.EnergyMeter(tmp_path / "missing")
    assert not meter.available
    meter.start()
    assert meter.stop() is None
    assert power.idle_power_w(meter, 0.0) is None


def test_only_package_zones_are_counted(tmp_path):
    fake_zone(tmp_path, "intel-rapl:0", 10)
    fake_zone(tmp_path, "intel-rapl:0:0", 10)  # core sub-zone: part of the package
    fake_zone(tmp_path, "intel-rapl:1", 10)
    (tmp_path / "intel-rapl:2").mkdir()  # no counter
    assert [z.name for z in power.package_counters(tmp_path)] == ["intel-rapl:0", "intel-rapl:1"]


def test_power_is_energy_over_time_with_wraparound(tmp_path, monkeypatch):
    a = fake_zone(tmp_path, "intel-rapl:0", 5_000_000)
    b = fake_zone(tmp_path, "intel-rapl:1", 990_000_000, max_uj=1_000_000_000)
    clock = iter([100.0, 102.0])
    monkeypatch.setattr(power.time, "perf_counter", lambda: next(clock))
    meter = power.EnergyMeter(tmp_path)
    meter.start()
    (a / "energy_uj").write_text("25000000")  # +20 J
    (b / "energy_uj").write_text("10000000")  # wrapped: +20 J
    # 40 J over 2 s
    assert meter.stop() == 20.0
