"""Concurrency acceptance test (issue 6): 20 clients report, correct, submit, approve and return
values for the same few targets and periods at once; afterwards no write that reported success
is lost, each target and period has exactly one current value, every correction chain is intact
and every write has its audit row.

Each client is a thread with its own session (its own database connection). A barrier starts
every round for all clients at the same instant, and in each round all clients work on the same
target and period, so that the writes really collide. A client that loses a race does what a
real client would: it reads the ledger again and retries (the retries are counted by reason).

It is meant for PostgreSQL (``POLICYLEDGER_TEST_DATABASE_URL``); on SQLite, where the database
file serialises writers, a smaller run (8 clients) checks the same promises.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from policyledger.storage.db import Database
from policyledger.storage.integrity import check_integrity
from policyledger.storage.models import AuditLog, Observation, Target
from policyledger.storage.observations import (
    APPROVED,
    RETURNED,
    SUBMITTED,
    NewObservation,
    ObservationError,
    add_observation,
    correct_observation,
)
from policyledger.storage.queries import current_targets
from policyledger.storage.review import approve, return_report

PERIODS = ("2024", "2025-Q1")  # 2024 starts with a published value, 2025-Q1 starts empty
METRICS = ("新能源汽车产量", "外贸进出口总值")
# what client i does in round r: MIX[(i + r) % len(MIX)] — every round has every kind
MIX = (
    "report",
    "correct",
    "submit",
    "approve",
    "correct",
    "submit",
    "approve",
    "report",
    "return",
    "correct",
)
MAX_ATTEMPTS = 60
Key = tuple[int, str]  # target lineage, period


class NothingToDo(Exception):
    """No current value to correct, or no submission waiting for review."""


@dataclass(frozen=True)
class Outcome:
    """A write that reported success: the observation written or reviewed, and its note."""

    client: int
    kind: str
    key: Key
    note: str
    actor: str
    observation_id: int
    attempts: int


@dataclass
class Tally:
    outcomes: list[Outcome] = field(default_factory=list)
    retries: Counter[tuple[str, str]] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


# --- the operations, each one transaction ---------------------------------------------------------


def _current(session: Session, key: Key) -> Observation | None:
    return session.scalar(
        select(Observation).where(
            Observation.target_lineage == key[0],
            Observation.period == key[1],
            Observation.is_current.is_(True),
        )
    )


def _waiting(session: Session, key: Key, rng: random.Random) -> Observation:
    """One of the oldest submissions waiting for review (supervisors work down the queue)."""
    queue = list(
        session.scalars(
            select(Observation.id)
            .where(
                Observation.target_lineage == key[0],
                Observation.period == key[1],
                Observation.status == SUBMITTED,
            )
            .order_by(Observation.id)
            .limit(3)
        )
    )
    if not queue:
        raise NothingToDo("no submission waiting")
    return rng.choice(queue)


def _operate(
    session: Session, kind: str, key: Key, unit: str, note: str, actor: str, rng: random.Random
) -> int:
    value = round(rng.uniform(10, 200), 2)
    if kind in ("report", "submit"):
        status = APPROVED if kind == "report" else SUBMITTED
        new = NewObservation(key[0], key[1], value, unit, note=note)
        return add_observation(session, new, actor, status=status).id
    if kind == "correct":
        current = _current(session, key)
        if current is None:
            raise NothingToDo("no value to correct")
        return correct_observation(session, current.id, value, note, actor).id
    waiting = _waiting(session, key, rng)
    if kind == "approve":
        return approve(session, waiting, actor, note=note).id
    return return_report(session, waiting, actor, reason=note).id


def _reason(error: Exception) -> str | None:
    """Why a write lost a race (to retry), or None when the error is not a race."""
    if isinstance(error, IntegrityError):  # PostgreSQL names the index, SQLite its columns
        message = str(error)
        current = "uq_observation_current_period" in message or (
            "UNIQUE constraint failed: observation.target_lineage, observation.period" in message
        )
        return "unique current value" if current else None
    if isinstance(error, ObservationError):
        message = str(error)
        if "already corrected" in message:
            return "already corrected"
        if "not waiting for review" in message:
            return "already reviewed"
        return None
    if isinstance(error, DBAPIError):
        code = getattr(error.orig, "sqlstate", None)
        if code == "40P01":
            return "deadlock"
        if code in ("40001", "55P03"):
            return "serialization"
        if "database is locked" in str(error):
            return "sqlite busy"
    return None


def _perform(
    database: Database, tally: Tally, client: int, kind: str, key: Key, unit: str, note: str
) -> None:
    rng = random.Random(note)
    actor = f"{'reporter' if kind == 'submit' else 'supervisor'}-{client}"
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            with database.session() as session:
                row_id = _operate(session, kind, key, unit, note, actor, rng)
        except NothingToDo as nothing:
            with tally.lock:
                tally.skipped[f"{kind}: {nothing}"] += 1
            return
        except Exception as error:
            reason = _reason(error)
            if reason is None:
                raise
            with tally.lock:
                tally.retries[(kind, reason)] += 1
            time.sleep(rng.uniform(0, 0.002 * attempt))  # back off a little, as a client would
            continue
        with tally.lock:
            tally.outcomes.append(Outcome(client, kind, key, note, actor, row_id, attempt))
        return
    raise AssertionError(f"client {client}: {kind} {key} gave up after {MAX_ATTEMPTS} attempts")


def _client(
    database: Database,
    tally: Tally,
    client: int,
    keys: list[tuple[Key, str]],
    rounds: int,
    barrier: threading.Barrier,
) -> None:
    for r in range(rounds):
        try:
            barrier.wait(timeout=120)
        except threading.BrokenBarrierError:
            tally.failures.append(f"client {client}: barrier broken in round {r}")
            return
        key, unit = keys[r % len(keys)]
        kind = MIX[(client + r) % len(MIX)]
        try:
            _perform(database, tally, client, kind, key, unit, f"c{client:02d}-r{r:02d}-{kind}")
        except Exception as error:  # an unexpected error fails the test, after the others end
            with tally.lock:
                tally.failures.append(f"client {client} round {r} {kind}: {error!r}"[:500])


# --- the test -------------------------------------------------------------------------------------


def _seed(database: Database) -> tuple[list[tuple[Key, str]], set[str]]:
    """The contended keys (two targets × two periods) and the notes of the seeded values."""
    keys, seeded = [], set()
    with database.session() as session:
        for metric in METRICS:
            target = session.scalar(current_targets().where(Target.metric == metric))
            assert target is not None, metric
            for period in PERIODS:
                keys.append(((target.lineage, period), target.unit))
            note = f"seed {target.lineage}"
            add_observation(
                session,
                NewObservation(target.lineage, PERIODS[0], 1.0, target.unit, note=note),
                "statistics",
            )
            seeded.add(note)
    return keys, seeded


# --- the checks: each returns (kind of problem, description) pairs -------------------------------

Problem = tuple[str, str]
REVIEW_RACE = "review race"  # one submission reviewed twice


def _check_chains(rows: list[Observation], keys: list[Key]) -> list[Problem]:
    """Per key: one current value, approved; the supersedes chain from it walks back through
    every approved row without a fork or a cycle, and through falling version numbers;
    version numbers are unique per key."""
    problems: list[Problem] = []
    by_id = {row.id: row for row in rows}
    for key in keys:
        mine = [r for r in rows if (r.target_lineage, r.period) == key]
        current = [r for r in mine if r.is_current]
        if len(current) != 1:
            problems.append(("current", f"{key}: {len(current)} current values"))
            continue
        if current[0].status != APPROVED:
            problems.append(("current", f"{key}: current {current[0].id} is {current[0].status}"))
        approved = {r.id for r in mine if r.status == APPROVED}
        parents = Counter(by_id[i].supersedes_id for i in approved)
        forks = {parent: n for parent, n in parents.items() if n > 1}
        if forks:
            problems.append(("chain", f"{key}: approved rows supersede the same row: {forks}"))
        walked: list[int] = []
        row: Observation | None = current[0]
        while row is not None:
            if row.id in walked:
                problems.append(("chain", f"{key}: cycle at {row.id}"))
                break
            if row.id not in approved:
                problems.append(("chain", f"{key}: chain reaches {row.id} ({row.status})"))
            if (row.target_lineage, row.period) != key:
                problems.append(("chain", f"{key}: chain leaves its period at {row.id}"))
            walked.append(row.id)
            row = by_id.get(row.supersedes_id) if row.supersedes_id is not None else None
        versions = [by_id[i].version for i in walked]
        if any(newer <= older for newer, older in pairwise(versions)):
            chain = ", ".join(f"{i} v{by_id[i].version}" for i in walked)
            problems.append(("version", f"{key}: versions do not fall along the chain {chain}"))
        repeated = {v: n for v, n in Counter(r.version for r in mine).items() if n > 1}
        if repeated:
            problems.append(("version", f"{key}: version numbers used twice: {repeated}"))
        missing = approved - set(walked)
        if missing:
            problems.append(("chain", f"{key}: approved rows off the chain: {sorted(missing)}"))
        for other in mine:
            if other.status != APPROVED and other.is_current:
                problems.append(("current", f"{key}: {other.status} row {other.id} is current"))
    return problems


def _check_writes(rows: list[Observation], tally: Tally, seeded: set[str]) -> list[Problem]:
    """No lost write: each successful report, correction and submission is stored once, with
    its note; each approval and return shows on its submission; nothing else was stored."""
    problems = []
    by_id = {r.id: r for r in rows}
    notes = Counter(r.note for r in rows)
    written = {o.note for o in tally.outcomes if o.kind in ("report", "correct", "submit")}
    for outcome in tally.outcomes:
        row = by_id.get(outcome.observation_id)
        if row is None:
            problems.append(("lost", f"lost: {outcome}"))
        elif outcome.kind in ("report", "correct", "submit"):
            if row.note != outcome.note or notes[outcome.note] != 1:
                problems.append(
                    ("lost", f"{outcome}: note {row.note!r} stored {notes[outcome.note]}×")
                )
        else:
            status = APPROVED if outcome.kind == "approve" else RETURNED
            seen = (row.status, row.reviewed_by, row.review_note)
            if seen != (status, outcome.actor, outcome.note):
                problems.append((REVIEW_RACE, f"{outcome}: the submission shows {seen}"))
    stray = set(notes) - written - seeded
    if stray:
        problems.append(("lost", f"rows no client reported as written: {sorted(stray)[:5]}"))
    reviewed = Counter(o.observation_id for o in tally.outcomes if o.kind in ("approve", "return"))
    twice = {i: n for i, n in reviewed.items() if n > 1}
    if twice:
        problems.append((REVIEW_RACE, f"submissions reviewed more than once: {twice}"))
    return problems


def _check_audit(
    audit: list[AuditLog], rows: list[Observation], tally: Tally, seeded: set[str]
) -> list[Problem]:
    """Every successful write has exactly one audit row, by its actor, naming the row it
    superseded; failed attempts (rolled back) left none."""
    problems = []
    by_entity: dict[tuple[str | None, str], list[AuditLog]] = {}
    for entry in audit:
        by_entity.setdefault((entry.entity_id, entry.action), []).append(entry)
    by_id = {r.id: r for r in rows}
    for outcome in tally.outcomes:
        row = by_id.get(outcome.observation_id)
        if row is None:
            continue  # reported as lost
        action = outcome.kind
        if outcome.kind == "report":
            action = "correct" if row.supersedes_id is not None else "report"
        found = by_entity.get((str(row.id), action), [])
        kind = REVIEW_RACE if outcome.kind in ("approve", "return") else "audit"
        if [entry.actor for entry in found] != [outcome.actor]:
            seen = [(entry.action, entry.actor) for entry in found]
            problems.append((kind, f"{outcome}: audit rows {seen}"))
            continue
        supersedes = found[0].detail.get("supersedes")
        if action in ("report", "correct", "approve") and supersedes != row.supersedes_id:
            problems.append((kind, f"{outcome}: audit says supersedes {supersedes}"))
    if len(audit) != len(tally.outcomes) + len(seeded):
        problems.append(
            (
                "audit",
                f"{len(audit)} observation audit rows for {len(tally.outcomes)} writes and "
                f"{len(seeded)} seeded values",
            )
        )
    return problems


def _summary(tally: Tally, clients: int, rounds: int, seconds: float, dialect: str) -> str:
    kinds = Counter(o.kind for o in tally.outcomes)
    retries = ", ".join(f"{k} ({why}) {n}" for (k, why), n in sorted(tally.retries.items()))
    return (
        f"{dialect}: {clients} clients × {rounds} rounds in {seconds:.1f} s; "
        f"succeeded {dict(sorted(kinds.items()))}; skipped {dict(tally.skipped)}; "
        f"retries {sum(tally.retries.values())}: {retries or 'none'}; "
        f"most attempts for one write {max((o.attempts for o in tally.outcomes), default=0)}"
    )


def test_concurrent_clients_lose_no_write_and_keep_every_chain(ingested, capsys):
    """The acceptance test: 20 clients (8 on SQLite) at once, with retries as a client does."""
    database = ingested
    dialect = database.engine.dialect.name
    if dialect == "postgresql":
        clients, rounds = 20, 16
    elif dialect == "sqlite":  # without POLICYLEDGER_TEST_DATABASE_URL
        clients, rounds = 8, 10  # one writer at a time: a smaller run checks the same promises
    else:
        pytest.skip(f"no concurrency run for {dialect} (PostgreSQL or SQLite only)")
    keys, seeded = _seed(database)
    tally = Tally()
    barrier = threading.Barrier(clients)
    threads = [
        threading.Thread(
            target=_client, args=(database, tally, i, keys, rounds, barrier), daemon=True
        )
        for i in range(clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    seconds = time.perf_counter() - started
    assert not any(t.is_alive() for t in threads), "a client hung (deadlock?)"
    assert not tally.failures, tally.failures
    with capsys.disabled():
        print("\n" + _summary(tally, clients, rounds, seconds, dialect))

    with database.session() as session:
        rows = list(session.scalars(select(Observation)))
        audit = list(session.scalars(select(AuditLog).where(AuditLog.entity == "observation")))
    reviews = Counter(o.observation_id for o in tally.outcomes if o.kind in ("approve", "return"))
    raced = {observation_id for observation_id, n in reviews.items() if n > 1}
    problems = _check_writes(rows, tally, seeded)
    problems += _check_chains(rows, [key for key, _unit in keys])
    problems += _check_audit(audit, rows, tally, seeded)
    with database.session() as session:  # the ledger's own integrity check agrees
        for line in check_integrity(session):
            duplicate = "version" in line and ("appears" in line or "repeated version" in line)
            problems.append(("version" if duplicate else "integrity", line))
    kinds = Counter(o.kind for o in tally.outcomes)
    assert all(kinds[k] for k in ("report", "correct", "submit", "approve", "return")), kinds
    found = "; ".join(f"{kind}: {text}" for kind, text in problems)
    assert not raced, f"submissions reviewed twice: {sorted(raced)}; {found}"
    assert not problems, "\n".join(f"{kind}: {text}" for kind, text in problems)


# --- the same races, one at a time ----------------------------------------------------------------


def _race(
    database: Database, first: Callable[[Session], object], second: Callable[[Session], object]
) -> tuple[object, object]:
    """Run ``first(session)`` and leave its transaction open; start ``second(session)`` in
    another thread; once the second has read the ledger and sent its first write (or lock),
    commit the first. Returns (first's result, second's result or the exception it raised)."""
    writing = threading.Event()
    second_thread: list[int] = []

    def sent(_conn, _cursor, statement: str, *_args) -> None:
        words = statement.lstrip().upper()
        if threading.get_ident() in second_thread and (
            words.startswith(("UPDATE", "INSERT")) or "FOR UPDATE" in words
        ):
            writing.set()

    result: dict[str, object] = {}

    def run_second() -> None:
        second_thread.append(threading.get_ident())
        try:
            with database.session() as session:
                result["second"] = second(session)
        except Exception as error:
            result["second"] = error

    event.listen(database.engine, "before_cursor_execute", sent)
    session = database.sessions()
    thread = threading.Thread(target=run_second, daemon=True)
    try:
        result["first"] = first(session)
        session.flush()
        thread.start()
        assert writing.wait(30), "the second writer never wrote"
        time.sleep(0.2)  # let the statement reach the lock it waits for
        session.commit()
    finally:
        session.close()
        if thread.ident is not None:
            thread.join(60)
        event.remove(database.engine, "before_cursor_execute", sent)
    assert not thread.is_alive(), "the second writer hung"
    return result["first"], result["second"]


def test_a_second_writer_of_a_period_waits_and_supersedes_the_first(ingested):
    (key, unit), *_ = _seed(ingested)[0]

    def report(note: str):
        def write(session: Session) -> object:
            new = NewObservation(key[0], key[1], 2.0, unit, note=note)
            return add_observation(session, new, note).id

        return write

    first, second = _race(ingested, report("first"), report("second"))
    assert not isinstance(second, Exception), repr(second)
    with ingested.session() as session:
        row = session.get(Observation, second)
        assert (row.is_current, row.supersedes_id) == (True, first)


def test_a_submission_is_reviewed_once(ingested, request):
    (key, unit), *_ = _seed(ingested)[0]
    with ingested.session() as session:
        new = NewObservation(key[0], key[1], 5.0, unit, note="waiting")
        submitted = add_observation(session, new, "reporter", status=SUBMITTED).id
    _first, second = _race(
        ingested,
        lambda session: approve(session, submitted, "supervisor-a").id,
        lambda session: return_report(session, submitted, "supervisor-b", "不对").id,
    )
    assert isinstance(second, ObservationError) and "not waiting for review" in str(second)
    with ingested.session() as session:
        row = session.get(Observation, submitted)
        assert (row.status, row.reviewed_by) == (APPROVED, "supervisor-a")


def test_an_approved_submission_is_numbered_after_the_value_it_supersedes(ingested):
    (key, unit), *_ = _seed(ingested)[0]  # the seeded value is version 1
    with ingested.session() as session:
        new = NewObservation(key[0], key[1], 5.0, unit, note="waiting")
        submitted = add_observation(session, new, "reporter", status=SUBMITTED)  # version 2
    with ingested.session() as session:
        new = NewObservation(key[0], key[1], 6.0, unit, note="meanwhile")
        meanwhile = add_observation(session, new, "supervisor").id
    with ingested.session() as session:
        approved = approve(session, submitted.id, "supervisor")
        before = session.get(Observation, meanwhile)
        assert approved.supersedes_id == before.id
        assert approved.version > before.version, (approved.version, before.version)


def test_an_approved_value_is_numbered_past_a_pending_submission(ingested):
    (key, unit), *_ = _seed(ingested)[0]  # the seeded value is version 1
    with ingested.session() as session:
        new = NewObservation(key[0], key[1], 5.0, unit, note="waiting")
        submitted = add_observation(session, new, "reporter", status=SUBMITTED)
    with ingested.session() as session:
        new = NewObservation(key[0], key[1], 6.0, unit, note="approved")
        approved = add_observation(session, new, "supervisor")
    assert approved.version > submitted.version, (approved.version, submitted.version)


def test_two_submissions_at_once_get_different_versions(ingested):
    (key, unit), *_ = _seed(ingested)[0]

    def submit(note: str):
        def write(session: Session) -> object:
            new = NewObservation(key[0], key[1], 3.0, unit, note=note)
            return add_observation(session, new, note, status=SUBMITTED).id

        return write

    first, second = _race(ingested, submit("first"), submit("second"))
    assert not isinstance(second, Exception), repr(second)
    with ingested.session() as session:
        versions = {session.get(Observation, i).version for i in (first, second)}
        assert len(versions) == 2, versions
