"""The upload page's data: a document read and extracted but not yet saved, kept server-side
under a random token until the person saves it (or it expires), and the preview of what was
extracted — documents, plans, task and target counts, the targets, and the units the registry
does not know."""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from policyledger.ingest import Extraction

TTL_SECONDS = 30 * 60
CAPACITY = 16  # previews kept at once; the oldest goes first


@dataclass(frozen=True)
class Pending:
    """An extraction waiting to be saved, the kind of file it came from, and the user who
    uploaded it (only they may save it)."""

    extraction: Extraction
    kind: str
    name: str
    owner: int | None = None


class PreviewStore:
    """Pending extractions by random token, each for ``ttl`` seconds, at most ``capacity``."""

    def __init__(self, ttl: float = TTL_SECONDS, capacity: int = CAPACITY) -> None:
        self._ttl = ttl
        self._capacity = capacity
        self._items: OrderedDict[str, tuple[float, Pending]] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, pending: Pending) -> str:
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._expire()
            self._items[token] = (time.monotonic() + self._ttl, pending)
            while len(self._items) > self._capacity:
                self._items.popitem(last=False)
        return token

    def get(self, token: str) -> Pending | None:
        """The pending extraction of ``token``; None for a token not in the store (or
        expired)."""
        with self._lock:
            self._expire()
            item = self._items.get(token)
        return item[1] if item else None

    def discard(self, token: str) -> None:
        with self._lock:
            self._items.pop(token, None)

    def _expire(self) -> None:
        now = time.monotonic()
        for token in [k for k, (until, _) in self._items.items() if until <= now]:
            del self._items[token]


_CREATE = threading.Lock()


def store_of(state: Any) -> PreviewStore:
    """The preview store of an application (its ``state``), created on first use."""
    with _CREATE:
        store = getattr(state, "upload_previews", None)
        if store is None:
            store = PreviewStore()
            state.upload_previews = store
    return store


@dataclass
class PlanPreview:
    name: str
    tasks: int
    targets: list[Any] = field(default_factory=list)


@dataclass
class DocumentPreview:
    doc_number: str | None
    title: str
    issuer: str | None
    date: str | None
    plans: list[PlanPreview]

    @property
    def task_count(self) -> int:
        return sum(p.tasks for p in self.plans)

    @property
    def target_count(self) -> int:
        return sum(len(p.targets) for p in self.plans)


@dataclass
class Preview:
    source: str
    gazette: dict | None
    documents: list[DocumentPreview]
    units: int
    unknown_units: list[str]

    @property
    def plan_count(self) -> int:
        return sum(len(d.plans) for d in self.documents)

    @property
    def task_count(self) -> int:
        return sum(d.task_count for d in self.documents)

    @property
    def target_count(self) -> int:
        return sum(d.target_count for d in self.documents)


def preview_of(extraction: Extraction) -> Preview:
    """What the extraction would add to the ledger, document by document and plan by plan."""
    data = extraction.to_dict()
    documents = []
    for doc in data["documents"]:
        plans = []
        for name in doc["plans"]:
            tasks = sum(1 for t in doc["tasks"] if t["plan"] == name)
            targets = [SimpleNamespace(**t) for t in doc["targets"] if t["plan"] == name]
            plans.append(PlanPreview(name, tasks, targets))
        documents.append(
            DocumentPreview(doc["doc_number"], doc["title"], doc["issuer"], doc["date"], plans)
        )
    units = data.get("canonical_units", [])
    unknown = [u["written"] for u in units if not u["known"]]
    return Preview(data["source"], data.get("gazette"), documents, len(units), unknown)
