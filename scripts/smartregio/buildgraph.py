"""The build as a graph of typed stages: each says what it needs and what it makes.

``pipeline.build_site`` (``smartregio build`` and the preview's full build) and the pages of each
stored release run their stages through :func:`run`. A stage is called with exactly the values
it names in ``needs`` and returns exactly those it names in ``makes``, each of the type
``KINDS`` gives for its name; :func:`check` proves before any work that every need is made by an
earlier stage or given and that no value is made twice, so a stage moved too early is an error
at once (``tests/test_build_graph.py`` checks both graphs), not a surprise half way through.
Nothing a stage does is process-wide: what it makes is in the run's values only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .progress import Progress


class GraphError(Exception):
    """A graph whose stages do not fit together (a mistake in the code, not in the input)."""


@dataclass(frozen=True)
class Stage:
    """One step: its German title (as the progress reports it), what it needs and makes, the
    function that does it, and which made value, if any, counts its work for the report."""

    title: str  # may name a given text in braces
    needs: tuple[str, ...]
    makes: tuple[str, ...]
    run: Callable[..., dict[str, Any] | None]
    unit: str | tuple[str, str] = ""
    count: Callable[[dict[str, Any]], int] | None = None
    reports: bool = False  # ``run`` is also given ``report``, the stage's line (for a bar)


def check(stages: Iterable[Stage], given: Iterable[str], kinds: Mapping[str, Any]) -> None:
    """Every need made before it is needed, nothing made twice, every value a declared kind."""
    made = set(given)
    for name in made - set(kinds):
        raise GraphError(f"„{name}“ hat keinen erklärten Typ.")
    for stage in stages:
        missing = [n for n in stage.needs if n not in made]
        if missing:
            raise GraphError(f"{stage.title}: braucht {', '.join(missing)}, das vorher niemand macht.")
        for name in stage.makes:
            if name in made:
                raise GraphError(f"{stage.title}: macht „{name}“, das schon gemacht ist.")
            if name not in kinds:
                raise GraphError(f"{stage.title}: „{name}“ hat keinen erklärten Typ.")
            made.add(name)


def run(
    stages: list[Stage], given: dict[str, Any], kinds: Mapping[str, Any], progress: Progress
) -> dict[str, Any]:
    """Run ``stages`` in order on the ``given`` values; every value made, by name."""
    check(stages, given, kinds)
    values = dict(given)
    for stage in stages:
        # a title may name a given text: „Engine ({engine_title}) rendert“
        title = stage.title.format_map({k: v for k, v in values.items() if isinstance(v, str)})
        with progress.stage(title, unit=stage.unit) as report:
            arguments = {name: values[name] for name in stage.needs}
            made = stage.run(**arguments, **({"report": report} if stage.reports else {})) or {}
            if set(made) != set(stage.makes):
                raise GraphError(f"{stage.title}: hat {sorted(made)} gemacht statt {sorted(stage.makes)}.")
            for name, value in made.items():
                if not _is(value, kinds[name]):
                    raise GraphError(
                        f"{stage.title}: „{name}“ ist {type(value).__name__}, nicht {kinds[name]}."
                    )
            values.update(made)
            if stage.count is not None:
                report.count = stage.count(made)
    return values


def _is(value: Any, kind: Any) -> bool:
    """``isinstance`` for a class or a tuple of classes; any other kind (a type expression
    such as ``list[str]``) checks its origin class only."""
    origin = getattr(kind, "__origin__", None)
    return isinstance(value, origin if origin is not None else kind)
