"""``/search?q=…``: documents, tasks and targets of current documents that contain the words,
grouped by kind with counts, each linking to its page."""

from __future__ import annotations

from fastapi import APIRouter, Request

from policyledger.web.deps import SessionDep
from policyledger.web.templating import render
from policyledger.web.views.search import LIMIT, clean_query, search, split_match

router = APIRouter()


@router.get("/search", name="search")
def search_page(request: Request, session: SessionDep, q: str | None = None):
    return render(
        request,
        "search.html",
        {
            "q": clean_query(q),
            "results": search(session, q),
            "limit": LIMIT,
            "split": split_match,
        },
    )
