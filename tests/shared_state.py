"""Database states built once and shared by many tests: the access matrix's world, the demo.

Building such a state for every test is what made the suite slow. Here a state is built inside
an atomic block that is never committed; each test that uses it runs in its own savepoint on
top (pytest-django's usual per-test transaction, nested), so every test still starts from the
same rows and what it changes is undone. At most one state is open at a time: before each test
``SharedStates.prepare`` rolls back the open state when the test does not use it, and builds
the one it uses when that is not open (again, if it was rolled back in between). The suite is
ordered so that the tests of one state run one after the other (``tests/conftest.py``), so
each state is built once per session; any other order is still correct, only slower.

A state is a session-scoped fixture whose name is the state's name, made by ``shared_state``;
tests reach it through a function-scoped fixture that also asks for ``db``. Tests that commit
(``transaction=True``, the live server) cannot see an uncommitted state and do not use one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction

STASH = pytest.StashKey["SharedStates"]()


@dataclass
class State:
    name: str
    build: Callable[[], Any]
    value: Any = None  # what build() returned, for the tests
    builds: int = 0


class SharedStates:
    """The session's shared states; at most one is open (built, not yet rolled back)."""

    def __init__(self, blocker: Any) -> None:
        self.blocker = blocker
        self.states: dict[str, State] = {}
        self.open: State | None = None
        self._atomic: Any = None

    def add(self, name: str, build: Callable[[], Any]) -> State:
        state = self.states[name] = State(name, build)
        self._enter(state)
        return state

    def prepare(self, fixturenames: list[str]) -> None:
        """Before a test: leave open exactly the state it uses, if any."""
        wanted = [state for name, state in self.states.items() if name in fixturenames]
        if len(wanted) > 1:
            raise pytest.UsageError(f"a test may use one shared state, not {wanted}")
        if self.open is not None and self.open not in wanted:
            self.close()
        if wanted and self.open is None:
            self._enter(wanted[0])

    def close(self) -> None:
        if self.open is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)
        self.open = self._atomic = None

    def _enter(self, state: State) -> None:
        self.close()
        with self.blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            # Code under test may open durable blocks; they nest in this one as in a test's own.
            atomic._from_testcase = True  # type: ignore[attr-defined]
            self._atomic, self.open = atomic, state
            try:
                state.value = state.build()
            except BaseException:
                self.close()
                raise
        state.builds += 1


def shared_state(build: Callable[[], Any]) -> Any:
    """A session-scoped fixture for the state ``build`` makes; its name is the state's."""

    @pytest.fixture(scope="session")
    def fixture(
        request: pytest.FixtureRequest, django_db_setup: None, django_db_blocker: Any
    ) -> Iterator[State]:
        states = request.config.stash.get(STASH, None)
        if states is None:
            states = request.config.stash[STASH] = SharedStates(django_db_blocker)
        assert request.fixturename is not None
        state = states.add(request.fixturename, build)
        yield state
        if states.open is state:
            states.close()

    return fixture


def prepare(item: pytest.Item) -> None:
    """Called before each test's fixtures are set up (``pytest_runtest_setup``)."""
    fixturenames = list(getattr(item, "fixturenames", ()))
    states = item.config.stash.get(STASH, None)
    if states is None:
        return
    marker = item.get_closest_marker("django_db")
    committing = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(fixturenames)
    )
    if committing and set(states.states) & set(fixturenames):
        raise pytest.UsageError(f"{item.nodeid} commits: it cannot see a shared state")
    states.prepare(fixturenames)


def uses(item: pytest.Item, name: str) -> bool:
    return name in getattr(item, "fixturenames", ())
