"""The report card's bar chart, laid out in Python and drawn as SVG by templates/h5/report.html."""

from __future__ import annotations

from dataclasses import dataclass

from models.queries import ReportCard

# SVG user units of the chart's drawing area.
WIDTH = 320
PLOT_TOP = 24
PLOT_BOTTOM = 180
BAR_WIDTH = 44
# Stage scores are out of 100; a higher score stretches the scale.
FULL_SCALE = 100

STAGES = (
    ("front_score", "孕前"),
    ("in_score", "孕中"),
    ("after_score", "产后"),
    ("recovery_score", "康复"),
)


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    height: float

    @property
    def center(self) -> float:
        return self.x + BAR_WIDTH / 2


def report_bars(card: ReportCard) -> list[Bar]:
    """Return one bar per stage score, scaled to the highest of 100 and the scores."""
    values = [max(getattr(card, field), 0) for field, _label in STAGES]
    scale = max(FULL_SCALE, *values)
    slot = WIDTH / len(STAGES)
    plot_height = PLOT_BOTTOM - PLOT_TOP

    bars = []
    for index, ((_field, label), value) in enumerate(zip(STAGES, values)):
        height = round(plot_height * value / scale, 1)
        x = round(slot * index + (slot - BAR_WIDTH) / 2, 1)
        bars.append(Bar(label=label, value=value, x=x, y=round(PLOT_BOTTOM - height, 1), height=height))
    return bars
