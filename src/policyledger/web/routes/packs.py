"""``/packs/{pack}/upload``: bring in a rule pack's data — download the empty template of a kind
(``/packs/{pack}/template/{kind}``), upload a filled one or a CSV (every row checked, all
imported or none, every error listed with its row and column). For users with the ``ingest`` or
``report_any`` permission (supervisors, administrators); any pack with kinds of records gets
these pages."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response
from sqlalchemy.orm import Session

from policyledger.errors import PolicyLedgerError
from policyledger.packdata import import_records, write_pack_template
from policyledger.reporting import ImportRejected
from policyledger.reporting.reader import MAX_BYTES
from policyledger.rules import Pack, PackError, get_pack
from policyledger.storage.packs import batches
from policyledger.web.auth import CSRF, PackLoader
from policyledger.web.deps import SessionDep
from policyledger.web.routes.plans import not_found
from policyledger.web.templating import render
from policyledger.web.uploads import UploadError, safe_name, saved_upload, without_folder

router = APIRouter()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def _pack(name: str) -> Pack | None:
    """The installed pack ``name`` that brings in data, or None."""
    if not _NAME.match(name):
        return None
    try:
        pack = get_pack(name)
    except PackError:
        return None
    return pack if pack.kinds else None


def _page(
    request: Request,
    session: Session,
    pack: Pack,
    kind: str = "",
    status_code: int = 200,
    **extra: Any,
):
    return render(
        request,
        "pack_upload.html",
        {
            "pack": pack,
            "kinds": pack.kinds,
            "clauses": {k.name: list(dict.fromkeys(c.cite() for c in k.cites)) for k in pack.kinds},
            "chosen": kind,
            "batches": batches(session, pack.name),
            "max_mb": MAX_BYTES // (1024 * 1024),
            **extra,
        },
        status_code=status_code,
    )


@router.get("/packs/{pack_name}/upload", name="pack_upload")
def pack_upload_form(request: Request, session: SessionDep, pack_name: str, _: PackLoader):
    pack = _pack(pack_name)
    if pack is None:
        return not_found(request, "pk_no_such_pack")
    return _page(request, session, pack)


@router.post("/packs/{pack_name}/upload", name="pack_upload_submit", dependencies=[CSRF])
def pack_upload(
    request: Request,
    session: SessionDep,
    pack_name: str,
    principal: PackLoader,
    kind: Annotated[str, Form(max_length=40)] = "",
    file: Annotated[UploadFile | None, File()] = None,
):
    pack = _pack(pack_name)
    if pack is None:
        return not_found(request, "pk_no_such_pack")
    if kind not in {k.name for k in pack.kinds}:
        return _page(request, session, pack, kind, 400, upload_message_key="pk_err_kind")
    if file is None or not file.filename:
        return _page(request, session, pack, kind, 400, upload_message_key="pk_err_file")
    shown = safe_name(file.filename)
    try:
        with saved_upload(file.file, file.filename, MAX_BYTES) as path:
            result = import_records(session, pack, kind, path, actor=principal.username)
    except ImportRejected as rejected:
        session.rollback()
        return _page(
            request, session, pack, kind, 422, upload_errors=rejected.errors, upload_file=shown
        )
    except (UploadError, PolicyLedgerError) as error:
        session.rollback()
        message = without_folder(str(error))
        return _page(request, session, pack, kind, 400, upload_message=message)
    session.commit()
    return _page(request, session, pack, kind, upload_result=result, upload_file=shown)


@router.get("/packs/{pack_name}/template/{kind}", name="pack_template")
def pack_template(request: Request, pack_name: str, kind: str, _: PackLoader):
    pack = _pack(pack_name)
    if pack is None or kind not in {k.name for k in pack.kinds}:
        return not_found(request, "pk_no_such_pack")
    with tempfile.TemporaryDirectory(prefix="policyledger-template-") as folder:
        path = Path(folder) / "template.xlsx"
        write_pack_template(pack, kind, path)
        content = path.read_bytes()
    name = f"{pack.kind(kind).title_zh}-模板.xlsx"
    fallback = f"{pack.name}-{kind}-template.xlsx"
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    return Response(content, media_type=XLSX, headers={"Content-Disposition": disposition})
