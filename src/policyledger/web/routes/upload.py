"""``/upload``: upload a gazette or policy document (.txt, .pdf, .docx, at most 50 MB), see what
was extracted before anything is saved, then save it to the ledger (``/upload/save``, with the
preview's token) and see per document whether it was new, a new version or unchanged. Every
step needs the ``ingest`` permission (supervisors, administrators)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from sqlalchemy import select

from policyledger.errors import PolicyLedgerError
from policyledger.ingest import extract_text
from policyledger.ingest.sources import MAX_INPUT_BYTES, read_source
from policyledger.storage.ingest import ingest_extraction
from policyledger.storage.models import Document, Plan
from policyledger.web.auth import CSRF, Ingester
from policyledger.web.deps import SessionDep
from policyledger.web.i18n import translate
from policyledger.web.templating import render
from policyledger.web.uploads import UploadError, saved_upload, without_folder
from policyledger.web.views.upload import Pending, preview_of, store_of

router = APIRouter()
SUFFIXES = (".txt", ".pdf", ".docx")
LIMIT_MB = MAX_INPUT_BYTES // (1024 * 1024)


def _form(request: Request, message: str | None = None, status_code: int = 200):
    context = {"message": message, "limit_mb": LIMIT_MB, "suffixes": SUFFIXES}
    return render(request, "upload.html", context, status_code=status_code)


@router.get("/upload", name="upload")
def upload_form(request: Request, principal: Ingester):
    return _form(request)


@router.post("/upload", name="upload_preview", dependencies=[CSRF])
def upload_preview(
    request: Request, principal: Ingester, file: Annotated[UploadFile | None, File()] = None
):
    lang = request.state.lang
    if file is None or not file.filename:
        return _form(request, translate("bp_err_file_missing", lang), 400)
    if Path(file.filename).suffix.lower() not in SUFFIXES:
        shown = Path(file.filename.replace("\\", "/")).name
        message = f"{shown}: {translate('bp_err_suffix', lang)}"
        return _form(request, message, 422)
    # damaged PDFs make pdfminer log warnings; the reader says what matters in one line
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        with saved_upload(file.file, file.filename, MAX_INPUT_BYTES) as path:
            source = read_source(path)
        extraction = extract_text(source.text, source.name)
    except UploadError as error:
        return _form(request, str(error), 422)
    except PolicyLedgerError as error:
        return _form(request, without_folder(str(error)), 422)
    preview = preview_of(extraction)
    token = None
    if preview.documents:
        token = store_of(request.app.state).put(
            Pending(extraction, source.kind, source.name, principal.user_id)
        )
    return render(
        request, "upload_preview.html", {"preview": preview, "token": token, "kind": source.kind}
    )


@router.post("/upload/save", name="upload_save", dependencies=[CSRF])
def upload_save(
    request: Request,
    session: SessionDep,
    principal: Ingester,
    token: Annotated[str, Form()] = "",
):
    store = store_of(request.app.state)
    pending = store.get(token) if token else None
    if pending is None or pending.owner != principal.user_id:
        return _form(request, translate("bp_err_token", request.state.lang), 400)
    result = ingest_extraction(
        session, pending.extraction, kind=pending.kind, actor=principal.username
    )
    session.commit()
    store.discard(token)
    ids = [doc_id for _, _, doc_id in result.documents]
    documents = {d.id: d for d in session.scalars(select(Document).where(Document.id.in_(ids)))}
    plans: dict[int, list[Plan]] = {}
    for plan in session.scalars(
        select(Plan).where(Plan.document_id.in_(ids)).order_by(Plan.position)
    ):
        plans.setdefault(plan.document_id, []).append(plan)
    saved = [
        (identity, outcome, documents.get(doc_id), plans.get(doc_id, []))
        for identity, outcome, doc_id in result.documents
    ]
    return render(request, "upload_saved.html", {"saved": saved, "source": pending.name})
