"""Sandbox state: recorded calls, injected faults and issued credentials."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Call:
    """One request the sandbox received."""

    path: str
    params: dict[str, str]
    body: Any
    time: float


@dataclass
class SandboxState:
    app_id: str
    app_secret: str
    lock: threading.Lock = field(default_factory=threading.Lock)
    calls: list[Call] = field(default_factory=list)
    faults: dict[str, deque[int]] = field(default_factory=lambda: defaultdict(deque))
    # Anything an endpoint module needs to keep (tokens, codes, menus), by name.
    store: dict[str, Any] = field(default_factory=dict)

    def record(self, path: str, params: dict[str, str], body: Any) -> None:
        with self.lock:
            self.calls.append(Call(path=path, params=params, body=body, time=time.time()))

    def inject(self, path: str, errcode: int, times: int = 1) -> None:
        """Make the next `times` calls to path fail with errcode."""
        with self.lock:
            self.faults[path].extend([errcode] * times)

    def take_fault(self, path: str) -> int | None:
        with self.lock:
            queue = self.faults.get(path)
            return queue.popleft() if queue else None

    def calls_to(self, path: str) -> list[Call]:
        with self.lock:
            return [call for call in self.calls if call.path == path]

    def reset(self) -> None:
        with self.lock:
            self.calls.clear()
            self.faults.clear()
            self.store.clear()
