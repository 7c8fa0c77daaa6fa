"""A streaming client of ``pagefind --service``: pages go to Pagefind from memory.

Pagefind's service speaks the protocol of its own Python API (``pagefind.index``): each
message is JSON in base64, followed by a comma. That API reads one answer every 0.1 s, so
indexing 10,000 pages through it would take over fifteen minutes; this client writes the
requests from a thread and reads the answers as fast as they come. Pagefind writes nothing:
the finished bundle comes back in memory and the caller writes it.
"""

from __future__ import annotations

import base64
import json
import queue
import subprocess
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath


class PagefindServiceError(Exception):
    """Pagefind refused a request or ended early; the message says which and why."""


def executable() -> Path:
    """The binary of the pinned ``pagefind_bin`` wheel (the one the CLI would run)."""
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise PagefindServiceError("Das Programm Pagefind ist nicht installiert (Paket pagefind_bin).")
    return found


def _encode(message_id: int, payload: dict) -> bytes:
    return base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode("utf-8")) + b","


class PagefindService:
    """One running ``pagefind --service`` with one index in it; use as a context manager."""

    def __init__(self, config: dict | None = None) -> None:
        self._process = subprocess.Popen(
            [str(executable()), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,  # apart: a line Pagefind logs must not break the protocol
        )
        self._log = bytearray()
        self._drainer = threading.Thread(target=self._drain_log, daemon=True)
        self._drainer.start()
        self._buffer = b""
        self._next_id = 0
        self._index_id = self._call({"type": "NewIndex", "config": config or {}})["index_id"]

    def __enter__(self) -> PagefindService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._process.poll() is None:
            if self._process.stdin and not self._process.stdin.closed:
                self._process.stdin.close()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._drainer.join(timeout=5)  # the process has ended: its stderr is at its end
        for stream in (self._process.stdout, self._process.stderr):
            if stream:
                stream.close()

    def add_html(self, pages: Iterable[tuple[str, str]]) -> int:
        """Index ``(url, html)`` pairs, streamed: a thread writes while the answers are read,
        so neither pipe fills up. Returns the number of pages Pagefind took."""
        sent: queue.SimpleQueue[bool] = queue.SimpleQueue()  # one item per request out, False at the end
        failure: list[BaseException] = []

        def write() -> None:
            try:
                for url, html in pages:
                    request = {"type": "AddFile", "index_id": self._index_id, "url": url}
                    self._send({**request, "file_contents": html})
                    sent.put(True)
            except BaseException as exc:  # a page that could not be made; said after the thread ends
                failure.append(exc)
            finally:
                sent.put(False)

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        received = 0
        while sent.get():  # a request is out: its answer will come
            self._answer(expected="IndexedFile")
            received += 1
        writer.join()
        if failure:
            raise failure[0]
        return received

    def files(self) -> dict[str, bytes]:
        """The bundle, each file by its path inside the bundle folder. Taken into memory and
        written by the caller: Pagefind's own writing may still be under way when the service
        ends (a truncated ``pagefind.js`` was seen under load)."""
        answer = self._call({"type": "GetFiles", "index_id": self._index_id})
        found = {}
        for file in answer.get("files", []):
            path = PurePosixPath(file["path"])
            if path.is_absolute() or ".." in path.parts:
                raise PagefindServiceError(f"unerwarteter Dateiname im Suchindex: {file['path']}")
            found[path.as_posix()] = base64.b64decode(file["content"])
        return found

    def _send(self, payload: dict) -> int:
        self._next_id += 1
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(_encode(self._next_id, payload))
            self._process.stdin.flush()
        except BrokenPipeError:
            raise PagefindServiceError(f"Pagefind hat sich beendet: {self._rest()}") from None
        return self._next_id

    def _call(self, payload: dict) -> dict:
        self._send(payload)
        return self._answer()

    def _answer(self, expected: str | None = None) -> dict:
        message = next(self._messages())
        try:
            answer = json.loads(base64.b64decode(message))
        except ValueError:
            raise PagefindServiceError(f"unlesbare Antwort: {message[:300]!r}") from None
        payload = answer.get("payload") or {}
        if payload.get("type") == "Error" or (expected and payload.get("type") != expected):
            raise PagefindServiceError(
                f"Pagefind hat eine Anfrage abgelehnt: {payload.get('message', payload)}"
            )
        return payload

    def _messages(self) -> Iterator[bytes]:
        assert self._process.stdout is not None
        message = b""
        while not message:  # whitespace between messages is no message
            while b"," not in self._buffer:
                chunk = self._process.stdout.read1(1 << 16)
                if not chunk:
                    raise PagefindServiceError(f"Pagefind hat sich beendet: {self._rest()}")
                self._buffer += chunk
            message, _, self._buffer = self._buffer.partition(b",")
            message = message.strip()
        yield message

    def _drain_log(self) -> None:
        """Keep the end of what Pagefind writes to stderr (for the error message), so that
        its pipe never fills."""
        assert self._process.stderr is not None
        for line in self._process.stderr:
            self._log += line
            del self._log[:-2000]

    def _rest(self) -> str:
        said = bytes(self._log).decode("utf-8", "replace").strip()[-500:]
        return said or f"Rückgabewert {self._process.poll()}"
