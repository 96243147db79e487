"""``/report``: report a value for a target (choose the body, then the target, the period and
the value; errors are shown next to their fields and nothing is saved), upload a filled Excel
template or CSV (``/report/upload``: every row checked, all imported or none), and download a
body's template (``/report/template?body=…``).

Supervisors and administrators report for any body and their values are approved at once. A
reporter's page is bound to the reporter's own body or district: it reports only for the
targets that body owns (anything else is a 403), and its values wait for review."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from policyledger.auth import Principal, can_report_on, report_status
from policyledger.errors import PolicyLedgerError
from policyledger.reporting import ImportRejected, import_reports, write_template
from policyledger.reporting.reader import MAX_BYTES
from policyledger.storage.models import Body, Observation, Target
from policyledger.storage.observations import NewObservation, add_observation, current_target
from policyledger.storage.queries import DISTRICT_KINDS, find_body, owners_of
from policyledger.web.auth import CSRF, Forbidden, Reporter
from policyledger.web.deps import SessionDep
from policyledger.web.i18n import translate
from policyledger.web.templating import render
from policyledger.web.uploads import UploadError, safe_name, saved_upload, without_folder
from policyledger.web.views.report import (
    Submission,
    check,
    owned_targets,
    recent_reviews,
    reporting_bodies,
)

router = APIRouter()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FormText = Annotated[str, Form()]


def _lineage(text: str | None) -> int | None:
    return int(text) if text and text.strip().isdigit() else None


def _own_body(session: Session, principal: Principal) -> Body | None:
    """The body a reporter reports for; None for those who report for any body."""
    if principal.may("report_any"):
        return None
    body = session.get(Body, principal.body_id) if principal.body_id else None
    if body is None:
        raise Forbidden("au_forbidden", "report")
    return body


def _chosen(session: Session, principal: Principal, wanted: str) -> Body | None:
    """The body a form reports for: the one asked for, or a reporter's own (asking for another
    body is refused)."""
    own = _own_body(session, principal)
    found = find_body(session, wanted.strip()) if wanted.strip() else None
    if own is None:
        return found
    if wanted.strip() and (found is None or found.id != own.id):
        raise Forbidden("rp_not_your_body", detail=own.name)
    return own


def _page(
    request: Request,
    session: Session,
    body: Body | None,
    form: Submission,
    status_code: int = 200,
    **extra: Any,
):
    """The report page for ``body`` (None: choose one first)."""
    principal: Principal = request.state.principal
    own = _own_body(session, principal)
    bodies = [own] if own is not None else reporting_bodies(session)
    targets = owned_targets(session, body) if body is not None else []
    lineage = _lineage(form.target)
    selected = next((t for t in targets if t.lineage == lineage), None)
    shown = selected or (targets[0] if targets else None)
    return render(
        request,
        "report.html",
        {
            "bodies": bodies,
            "districts": [b for b in bodies if b.kind in DISTRICT_KINDS],
            "departments": [b for b in bodies if b.kind not in DISTRICT_KINDS],
            "body": body,
            "targets": targets,
            "selected": selected,
            "unit": shown.unit if shown else "",
            "form": form,
            "max_mb": MAX_BYTES // (1024 * 1024),
            "bound": own is not None,
            "recent": recent_reviews(session, body) if body is not None else [],
            **extra,
        },
        status_code=status_code,
    )


def _saved(
    session: Session, saved: int | None, body: Body | None
) -> tuple[Observation, Target] | None:
    """The value just saved for ``body`` (another body's values are not shown here)."""
    observation = session.get(Observation, saved) if saved is not None else None
    if observation is None or body is None or observation.reporter_id != body.id:
        return None
    target = current_target(session, observation.target_lineage)
    return (observation, target) if target is not None else None


@router.get("/report", name="report")
def report_form(
    request: Request,
    session: SessionDep,
    principal: Reporter,
    body: Annotated[str, Query()] = "",
    target: Annotated[str, Query()] = "",
    saved: Annotated[str, Query()] = "",
):
    own = _own_body(session, principal)
    if own is not None:  # a reporter's page shows the reporter's own body only
        body = own.id
    chosen = find_body(session, body.strip()) if body.strip() else None
    form = Submission(body=body.strip(), target=target.strip())
    lineage = _lineage(target)
    if chosen is None and not body.strip() and lineage is not None:
        wanted = current_target(session, lineage)
        owners = owners_of(session, wanted) if wanted is not None else []
        chosen = owners[0][0] if owners else None  # the lead first; any owner may be chosen
    if body.strip() and chosen is None:
        form.error("body", translate("bp_err_body", request.state.lang))
    if chosen is not None:
        form.body = chosen.id
    return _page(request, session, chosen, form, saved=_saved(session, _lineage(saved), chosen))


@router.post("/report", name="report_submit", dependencies=[CSRF])
def report_submit(
    request: Request,
    session: SessionDep,
    principal: Reporter,
    body: FormText = "",
    target: FormText = "",
    period: FormText = "",
    value: FormText = "",
    note: FormText = "",
    source_url: FormText = "",
):
    form = Submission(body, target, period, value, note, source_url)
    chosen = _chosen(session, principal, body)
    lineage = _lineage(target)
    wanted = current_target(session, lineage) if lineage is not None else None
    if wanted is not None and not can_report_on(session, principal, wanted):
        raise Forbidden("rp_not_your_target", detail=chosen.name if chosen else "")
    row, found = check(session, form, chosen, request.state.lang)
    if row is None or chosen is None or found is None:
        session.rollback()
        return _page(request, session, chosen, form, status_code=422)
    observation = add_observation(
        session,
        NewObservation(
            target_lineage=row.lineage,
            period=row.period.label,
            value=row.value,
            unit=row.unit,
            note=row.note,
            source_url=row.source_url,
            reporter_id=row.reporter_id,
        ),
        actor=principal.username,
        status=report_status(principal),
    )
    session.commit()
    query = f"body={quote(chosen.id)}&target={row.lineage}&saved={observation.id}"
    return RedirectResponse(f"/report?{query}", status_code=303)


def _import(session: Session, path: Path, principal: Principal, body: Body | None):
    """Import a report file as the principal: a reporter's rows wait for review."""
    status = report_status(principal)
    return import_reports(session, path, actor=principal.username, reporter=body, status=status)


@router.post("/report/upload", name="report_upload", dependencies=[CSRF])
def report_upload(
    request: Request,
    session: SessionDep,
    principal: Reporter,
    file: Annotated[UploadFile | None, File()] = None,
    body: FormText = "",
):
    chosen = _chosen(session, principal, body)
    form = Submission(body=chosen.id if chosen else "")
    lang = request.state.lang
    if body.strip() and chosen is None:
        message = translate("bp_err_body", lang)
        return _page(request, session, None, form, 400, upload_message=message)
    if file is None or not file.filename:
        message = translate("bp_err_file_missing", lang)
        return _page(request, session, chosen, form, 400, upload_message=message)
    shown = safe_name(file.filename)
    try:
        with saved_upload(file.file, file.filename, MAX_BYTES) as path:
            result = _import(session, path, principal, chosen)
    except ImportRejected as rejected:
        session.rollback()
        return _page(
            request, session, chosen, form, 422, upload_errors=rejected.errors, upload_file=shown
        )
    except (UploadError, PolicyLedgerError) as error:
        session.rollback()
        message = without_folder(str(error))
        return _page(request, session, chosen, form, 400, upload_message=message)
    session.commit()
    return _page(
        request,
        session,
        chosen,
        form,
        upload_result=result,
        upload_file=shown,
        upload_status=report_status(principal),
    )


@router.get("/report/template", name="report_template")
def report_template(
    request: Request,
    session: SessionDep,
    principal: Reporter,
    body: Annotated[str, Query()] = "",
):
    chosen = _chosen(session, principal, body)
    if chosen is None:
        form = Submission(body=body.strip())
        form.error("body", translate("bp_err_body", request.state.lang))
        return _page(request, session, None, form, status_code=404)
    with tempfile.TemporaryDirectory(prefix="policyledger-template-") as folder:
        path = Path(folder) / "template.xlsx"
        write_template(session, chosen, path)
        content = path.read_bytes()
    name = f"{chosen.name}-进度报告模板.xlsx"
    fallback = "report-template-" + re.sub(r"[^A-Za-z0-9._-]+", "_", chosen.id) + ".xlsx"
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    return Response(content, media_type=XLSX, headers={"Content-Disposition": disposition})
