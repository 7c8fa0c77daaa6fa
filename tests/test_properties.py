"""Property-based: any value in any field of any collection ends in exit 0 or 1, never a
traceback — for ``validate`` and for each importer."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartregio.cli import main
from smartregio.collections import MODELS

from .conftest import ENTRIES, make_data

FILES = {
    "solutions": "solutions/stadtnavi.md",
    "funding-projects": "funding-projects/projekt-muenchen.md",
    "guidelines": "guidelines/mobilitaet-uebertragen.md",
    "programmes": "programmes/bundesprogramm.md",
}
ODD_CHARACTERS = "\x00\x07\x1b\x7f\x85\u202e\u2066\ufeff\ud800\U0001f600\n\t;,:#&*!|>'\"[]{}%@`"
odd_text = st.text(alphabet=st.sampled_from(ODD_CHARACTERS) | st.characters(), max_size=60)
odd_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    odd_text,
    st.just(""),
    st.just("x" * 5000),
    st.dates().map(str),
)
odd_value = st.recursive(
    odd_scalar,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
# raw YAML that a contributor could type, including tags and broken syntax
odd_yaml = st.sampled_from(
    [
        "!!python/name:os.system",
        "!!binary aGFsbG8=",
        "!!python/object/apply:os.system ['ls']",
        "&a [*a]",
        "*undefined",
        "[unclosed",
        "{a: 1",
        "2024-02-30",
        "0o777",
        "1e999",
        ".nan",
        "'''",
        "- a\n- b",
        "|\n  mehrzeilig",
        "~",
    ]
)
FIELDS = [(c, name) for c, model in MODELS.items() for name in model.model_fields if name != "body"]
PROFILE = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _fresh(tmp: Path) -> Path:
    data = tmp / "data"
    if data.exists():
        shutil.rmtree(data)
    return make_data(data)


def _exit_code(*args: str) -> int:
    try:
        return main(list(args))
    except SystemExit as exc:  # argparse only; never for data
        return int(exc.code or 0)


def _with_field(collection: str, name: str, raw_yaml: str) -> str:
    text = ENTRIES[FILES[collection]]
    header, body = text[4:].split("\n---\n", 1)
    fields = yaml.safe_load(header)
    fields.pop(name, None)
    kept = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
    indented = raw_yaml.replace("\n", "\n  ")
    return f"---\n{kept}{name}: {indented}\n---\n{body}"


def _dump(value) -> str:
    try:
        return (
            yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**6)
            .strip()
            .removesuffix("...")
            .strip()
        )
    except (yaml.YAMLError, UnicodeEncodeError):
        return repr(value)


@PROFILE
@given(field=st.sampled_from(FIELDS), value=odd_value)
def test_validate_never_raises_for_odd_values(tmp_path_factory, field, value):
    collection, name = field
    data = _fresh(tmp_path_factory.getbasetemp() / "v")
    path = data / FILES[collection]
    path.write_bytes(_with_field(collection, name, _dump(value)).encode("utf-8", "surrogatepass"))
    assert _exit_code("validate", "--data", str(data)) in (0, 1)


@PROFILE
@given(field=st.sampled_from(FIELDS), raw=odd_yaml)
def test_validate_never_raises_for_odd_yaml(tmp_path_factory, field, raw):
    collection, name = field
    data = _fresh(tmp_path_factory.getbasetemp() / "y")
    (data / FILES[collection]).write_text(_with_field(collection, name, raw), encoding="utf-8")
    assert _exit_code("validate", "--data", str(data)) in (0, 1)


@PROFILE
@given(field=st.sampled_from([n for c, n in FIELDS if c == "solutions"]), value=odd_text | odd_yaml)
def test_importers_never_raise(tmp_path_factory, field, value):
    base = tmp_path_factory.getbasetemp() / "i"
    data = _fresh(base)
    row = {
        "name": "Neue Lösung",
        "summary": "Eine Lösung für Kommunen mit Text.",
        "action_fields": "mobilitaet",
        "development_status": "stable",
        "open_source": "false",
        "transfer_readiness": "P3",
        "sources": "https://example.org/",
        "last_reviewed": "2025-01-01",
        field: value,
    }
    table = base / "neu.csv"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)
    table.write_bytes(out.getvalue().encode("utf-8", "surrogatepass"))
    assert _exit_code("import", "table", str(table), "--data", str(data), "--collection", "solutions") in (
        0,
        1,
    )

    issue = base / "issue.md"
    issue.write_bytes(
        f"### Name\n\nNeue Lösung\n\n### {MODELS['solutions'].model_fields[field].title}\n\n{value}\n".encode(
            "utf-8", "surrogatepass"
        )
    )
    assert _exit_code(
        "import", "issue-form", str(issue), "--data", str(data), "--collection", "solutions"
    ) in (
        0,
        1,
    )

    publiccode = base / "publiccode.yml"
    publiccode.write_bytes(
        f"publiccodeYmlVersion: '0.4'\nname: Neu\nurl: https://example.org/neu\nlegal:\n  license: {_dump(value)}\n"
        f"description:\n  de:\n    shortDescription: {_dump(value)}\n".encode("utf-8", "surrogatepass")
    )
    assert _exit_code("import", "publiccode", str(publiccode), "--data", str(data)) in (0, 1)
