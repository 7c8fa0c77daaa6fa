"""Writing project files whole or not at all, in one place: each text goes to a new temporary
file beside its target (a fresh name, O_EXCL: never through a name planted beforehand), and only
when every one is written are they renamed over their targets."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_texts(items: list[tuple[Path, str | bytes]], suffix: str = ".tmp") -> None:
    """Write every ``(target, text)`` or none (a text as UTF-8, bytes as they are); raises
    ``OSError`` having removed its temp files."""
    temps: list[tuple[Path, Path]] = []
    try:
        for target, text in items:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
            temp = Path(name)
            temps.append((temp, target))
            if isinstance(text, bytes):
                with os.fdopen(handle, "wb") as stream:
                    stream.write(text)
            else:
                with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                    stream.write(text)
            temp.chmod(0o644)
    except BaseException:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
        raise
    for temp, target in temps:
        os.replace(temp, target)


def write_text(target: Path, text: str) -> None:
    """One file, replaced whole."""
    write_texts([(target, text)])


def write_bytes(target: Path, data: bytes) -> None:
    """One file of bytes, replaced whole."""
    write_texts([(target, data)])
