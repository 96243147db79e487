"""What page handlers share: a database session per request, and the date of the latest
stored assessment that the pages show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policyledger.storage.models import AssessmentRow


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.database.session() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def latest_as_of(session: Session) -> dt.date | None:
    """The date of the latest stored assessment: the date the pages' data is as of."""
    return session.scalar(select(func.max(AssessmentRow.as_of)))
