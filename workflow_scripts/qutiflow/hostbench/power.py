"""Package power from Linux RAPL counters (``/sys/class/powercap``), where readable.

RAPL exposes a cumulative energy counter per CPU package (``intel-rapl:N/energy_uj``, also
on AMD since Linux 5.8). Power over an interval is the energy difference ÷ the wall time;
the counter wraps at ``max_energy_range_uj``. Where no counter is readable (virtual
machines, containers, non-root on recent kernels) every reading is None: power is left
empty, never invented.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

RAPL_ROOT = Path("/sys/class/powercap")
PACKAGE = re.compile(r"^[a-z]+-rapl:\d+$")  # intel-rapl:0, not the sub-zones intel-rapl:0:0


def package_counters(root: Path = RAPL_ROOT) -> list[Path]:
    """The readable package-level energy counters under ``root``, sorted."""
    if not root.is_dir():
        return []
    found = []
    for zone in sorted(root.iterdir()):
        counter = zone / "energy_uj"
        if PACKAGE.match(zone.name) and counter.is_file():
            try:
                int(counter.read_text())
            except (OSError, ValueError):
                continue
            found.append(zone)
    return found


class EnergyMeter:
    """Average package power of an interval: ``start()``, work, ``stop()`` → watts or None."""

    def __init__(self, root: Path = RAPL_ROOT) -> None:
        self.zones = package_counters(root)
        self._start: list[int] = []
        self._t0 = 0.0

    @property
    def available(self) -> bool:
        return bool(self.zones)

    def _read(self) -> list[int]:
        return [int((z / "energy_uj").read_text()) for z in self.zones]

    def start(self) -> None:
        if self.zones:
            self._start = self._read()
        self._t0 = time.perf_counter()

    def stop(self) -> float | None:
        elapsed = time.perf_counter() - self._t0
        if not self.zones or elapsed <= 0:
            return None
        joules = 0.0
        for zone, before, after in zip(self.zones, self._start, self._read()):
            delta = after - before
            if delta < 0:  # the counter wrapped
                delta += int((zone / "max_energy_range_uj").read_text())
            joules += delta / 1e6
        return joules / elapsed


def idle_power_w(meter: EnergyMeter, seconds: float = 1.0) -> float | None:
    """Package power while this process sleeps for ``seconds``; None without RAPL."""
    if not meter.available:
        return None
    meter.start()
    time.sleep(seconds)
    return meter.stop()
