"""Every change of a tracked item: one transaction, one public history row, its event.

Forums and councils create their items here (`create_item`, or `create_items_bulk` for
hundreds at once); officials of the responsible body record progress and move deadlines;
verified NGO representatives contest what the body calls implemented.

`by` is the person acting. When given, they must be an official of the item's responsible
body (or an administrator) for `record_progress` and `move_deadline`; `by=None` is the
platform itself (an import, a demo, a forum's or council's own service creating items).
"""

import datetime

from django import forms
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.cache import public_data_changed

from . import events, permissions
from .models import Change, Contestation, Item

LANGUAGES = ("kk", "ru", "en")


class AccountabilityError(Exception):
    """A refusal the user must read; the message is already translated."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _texts(value, label: str) -> dict[str, str]:
    """A trilingual text from a dict by language, or one text in the current language."""
    if value is None:
        return {}
    if isinstance(value, str):
        return {translation.get_language() or "kk": value} if value else {}
    unknown = set(value) - set(LANGUAGES)
    if unknown:
        raise AccountabilityError(
            _("%(field)s is given in an unknown language: %(languages)s.")
            % {"field": label, "languages": ", ".join(sorted(unknown))}
        )
    return {language: text for language, text in value.items() if text}


def _check_progress(progress) -> int:
    if isinstance(progress, bool) or not isinstance(progress, int) or not 0 <= progress <= 100:
        raise AccountabilityError(
            _("Progress is a whole number of per cent from 0 to 100; %(value)s is not.")
            % {"value": progress}
        )
    return progress


def _check_status(status) -> str:
    if status not in Item.Status.values:
        raise AccountabilityError(_("Unknown status: %(value)s.") % {"value": status})
    return status


def _check_link(link: str) -> None:
    if not link:
        return
    try:
        forms.URLField(max_length=500).clean(link)
    except forms.ValidationError as error:
        raise AccountabilityError(_("The link is not a valid web address.")) from error


def _require_updater(item: Item, by) -> None:
    if by is not None and not permissions.can_update(by, item):
        raise AccountabilityError(
            _("Only officials of %(body)s may update this item.")
            % {"body": item.responsible_body.name}
        )


def _by_body(item: Item, by):
    """Whom the public timeline names: the responsible body, never the person."""
    return item.responsible_body if by is not None else None


def _apply_texts(item: Item, field: str, texts: dict[str, str]) -> None:
    for language, text in texts.items():
        setattr(item, f"{field}_{language}", text)


@transaction.atomic
def create_item(
    *,
    code,
    title,
    responsible_body,
    deadline,
    by=None,
    parent=None,
    description=None,
    region=None,
    topic=None,
    source="",
    weight=1,
    status=Item.Status.PLANNED,
    progress=None,
) -> Item:
    """A new tracked item with its "created" line on the timeline; a parent's progress follows."""
    code = (code or "").strip()
    if not code or len(code) > 40:
        raise AccountabilityError(_("An item needs a code of at most 40 characters."))
    titles = _texts(title, _("Title"))
    if not titles:
        raise AccountabilityError(_("An item needs a title."))
    if not isinstance(deadline, datetime.date):
        raise AccountabilityError(_("An item needs a deadline."))
    _check_status(status)
    progress = Item.DEFAULT_PROGRESS[status] if progress is None else _check_progress(progress)
    if isinstance(weight, bool) or not isinstance(weight, int) or weight < 1:
        raise AccountabilityError(_("The weight of an item is a whole number from 1."))
    if Item.objects.filter(code=code).exists():
        raise AccountabilityError(_("An item with the code %(code)s exists.") % {"code": code})
    item = Item(
        code=code,
        responsible_body=responsible_body,
        deadline=deadline,
        parent=parent,
        region=region,
        topic=topic,
        source=source or "",
        weight=weight,
        status=status,
        progress=progress,
    )
    _apply_texts(item, "title", titles)
    _apply_texts(item, "description", _texts(description, _("Description")))
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError as error:
        raise AccountabilityError(
            _("An item with the code %(code)s exists.") % {"code": code}
        ) from error
    Change.objects.create(
        item=item,
        by=by,
        kind=Change.Kind.CREATED,
        new_value=status,
        at=item.created_at,
    )
    if parent is not None:
        _recompute_ancestors(parent, at=item.created_at)
    public_data_changed()
    return item


def _weighted_progress(parent: Item) -> int | None:
    totals = parent.children.aggregate(
        weights=Sum("weight"), points=Sum(F("weight") * F("progress"))
    )
    if not totals["weights"]:
        return None
    return (totals["points"] * 2 + totals["weights"]) // (totals["weights"] * 2)  # rounded half up


def _recompute_ancestors(parent: Item | None, *, at) -> None:
    """Each ancestor's progress from its children, weighted; a change of it is on its timeline."""
    seen = set()
    while parent is not None and parent.pk not in seen:
        seen.add(parent.pk)
        parent = Item.objects.select_for_update().get(pk=parent.pk)
        progress = _weighted_progress(parent)
        if progress is None or progress == parent.progress:
            return
        Change.objects.create(
            item=parent,
            at=at,
            kind=Change.Kind.PROGRESS,
            old_value=str(parent.progress),
            new_value=str(progress),
            computed=True,
        )
        parent.progress = progress
        parent.save(update_fields=["progress", "updated_at"])
        parent = parent.parent


@transaction.atomic
def record_progress(
    item: Item, *, by, status=None, progress=None, note="", evidence_url="", at=None
) -> Change:
    """The body's word on an item: a new status, progress, or a note with evidence.

    A status of not implemented or rejected needs a note saying why. Without a progress, a
    new status brings its default progress (a status in progress or partly keeps a progress
    already in its range). A parent's progress is computed from its parts, never set.
    Returns the main line written (the status's when it changed).
    """
    item = Item.objects.select_for_update().select_related("responsible_body").get(pk=item.pk)
    _require_updater(item, by)
    note = (note or "").strip()
    evidence_url = (evidence_url or "").strip()
    at = at or timezone.now()
    _check_link(evidence_url)
    if status is not None:
        _check_status(status)
    if progress is not None:
        _check_progress(progress)
    new_status = status if status is not None else item.status
    if new_status != item.status and new_status in Item.NEEDS_NOTE and not note:
        raise AccountabilityError(
            _("Say why the item is %(status)s: a note is required.")
            % {"status": Item.Status(new_status).label.lower()}
        )
    has_parts = item.children.exists()
    if progress is not None and has_parts and progress != item.progress:
        raise AccountabilityError(
            _("The progress of this item is computed from its parts; update them instead.")
        )
    new_progress = item.progress
    if progress is not None:
        new_progress = progress
    elif new_status != item.status and not has_parts:
        keeps = new_status in (Item.Status.IN_PROGRESS, Item.Status.PARTLY) and (
            0 < item.progress < 100
        )
        new_progress = item.progress if keeps else Item.DEFAULT_PROGRESS[new_status]
    if new_status == item.status and new_progress == item.progress and not (note or evidence_url):
        raise AccountabilityError(_("Nothing to record: give a status, a progress or a note."))

    by_body = _by_body(item, by)
    line = {"item": item, "at": at, "by": by, "by_body": by_body}
    written = []
    if new_progress != item.progress:
        written.append(
            Change(
                **line,
                kind=Change.Kind.PROGRESS,
                old_value=str(item.progress),
                new_value=str(new_progress),
            )
        )
    if new_status != item.status:
        written.append(
            Change(**line, kind=Change.Kind.STATUS, old_value=item.status, new_value=new_status)
        )
    if not written:
        written.append(Change(**line, kind=Change.Kind.NOTE))
    main = written[-1]
    main.note = note
    main.evidence_url = evidence_url
    for change in written:
        change.save()
    item.status = new_status
    item.progress = new_progress
    item.save(update_fields=["status", "progress", "updated_at"])
    if item.parent_id:
        _recompute_ancestors(item.parent, at=at)
    public_data_changed()
    events.progress_changed(item, main, by)
    return main


@transaction.atomic
def move_deadline(item: Item, *, deadline, reason, by) -> Change:
    """A new deadline, with the reason; the old one stays on the public timeline."""
    item = Item.objects.select_for_update().select_related("responsible_body").get(pk=item.pk)
    _require_updater(item, by)
    reason = (reason or "").strip()
    if not isinstance(deadline, datetime.date):
        raise AccountabilityError(_("Give the new deadline."))
    if deadline == item.deadline:
        raise AccountabilityError(_("The new deadline is the one already set."))
    if not reason:
        raise AccountabilityError(_("Say why the deadline moves: a reason is required."))
    change = Change.objects.create(
        item=item,
        by=by,
        by_body=_by_body(item, by),
        kind=Change.Kind.DEADLINE,
        old_value=item.deadline.isoformat(),
        new_value=deadline.isoformat(),
        note=reason,
    )
    item.deadline = deadline
    item.save(update_fields=["deadline", "updated_at"])
    public_data_changed()
    events.progress_changed(item, change, by)
    return change


@transaction.atomic
def contest(item: Item, *, ngo, by, text, link="", document=None) -> Contestation:
    """An NGO's counter-evidence beside the body's claim; the body's officials are told.

    The document is checked for size and type (PDF, JPEG, PNG by content) before it is stored.
    """
    from registry.forms import check_upload  # the registry's one upload check

    item = Item.objects.select_for_update().select_related("responsible_body").get(pk=item.pk)
    if not item.contestable:
        raise AccountabilityError(
            _("Only an item its body calls implemented or partly implemented can be contested.")
        )
    if not permissions.can_contest(by, item, ngo):
        raise AccountabilityError(
            _("Only an approved representative of a verified NGO may contest an item.")
        )
    text = (text or "").strip()
    link = (link or "").strip()
    if not text:
        raise AccountabilityError(_("Say what the counter-evidence shows."))
    if not link and document is None:
        raise AccountabilityError(_("Give a link or attach a document as evidence."))
    _check_link(link)
    if document is not None:
        try:
            check_upload(document)
        except forms.ValidationError as error:
            raise AccountabilityError(" ".join(error.messages)) from error
    contestation = Contestation.objects.create(
        item=item,
        ngo=ngo,
        by=by,
        text=text,
        link=link,
        document=document or "",
        document_name=(document.name[:255] if document is not None else ""),
    )
    public_data_changed()
    events.contested(contestation, by)
    return contestation


@transaction.atomic
def create_items_bulk(rows, by=None) -> int:
    """Many items at once (a forum's action plan, a demo): few queries, idempotent by code.

    Each row is a dict with the keys of `create_item` (`title`/`description` a dict by
    language or a text; `responsible_body` a StateBody or `responsible_body_id`; `region`,
    `topic` likewise), and optionally `parent_code`: the code of an item in the same rows or
    already stored. Rows whose code exists are skipped. Each new item gets its "created" line;
    parents get the weighted progress of their children. Returns the number of items created.
    """
    rows = list(rows)
    codes = [row["code"] for row in rows]
    existing = set(Item.objects.filter(code__in=codes).values_list("code", flat=True))
    new_rows, seen = [], set()
    for row in rows:
        if row["code"] in existing or row["code"] in seen:
            continue
        seen.add(row["code"])
        new_rows.append(row)
    if not new_rows:
        return 0
    _check_parent_codes(new_rows)
    items = []
    for row in new_rows:
        if not row["code"] or len(row["code"]) > 40:
            raise AccountabilityError(_("An item needs a code of at most 40 characters."))
        status = row.get("status", Item.Status.PLANNED)
        _check_status(status)
        progress = row.get("progress")
        item = Item(
            code=row["code"],
            deadline=row["deadline"],
            source=row.get("source", ""),
            weight=row.get("weight", 1),
            status=status,
            progress=Item.DEFAULT_PROGRESS[status]
            if progress is None
            else _check_progress(progress),
        )
        for field in ("responsible_body", "region", "topic"):
            if field in row:
                setattr(item, field, row[field])
            elif f"{field}_id" in row:
                setattr(item, f"{field}_id", row[f"{field}_id"])
        if row.get("parent") is not None:
            item.parent = row["parent"]
        _apply_texts(item, "title", _texts(row["title"], _("Title")))
        _apply_texts(item, "description", _texts(row.get("description"), _("Description")))
        items.append(item)
    Item.objects.bulk_create(items, batch_size=1000)
    parent_codes = {row["parent_code"] for row in new_rows if row.get("parent_code")}
    ids = dict(Item.objects.filter(code__in=parent_codes).values_list("code", "pk"))
    with_parent = []
    for row, item in zip(new_rows, items, strict=True):
        if row.get("parent_code"):
            item.parent_id = ids[row["parent_code"]]
            with_parent.append(item)
    Item.objects.bulk_update(with_parent, ["parent"], batch_size=1000)
    now = timezone.now()
    Change.objects.bulk_create(
        [
            Change(item=item, at=now, by=by, kind=Change.Kind.CREATED, new_value=item.status)
            for item in items
        ],
        batch_size=1000,
    )
    _recompute_bulk({item.parent_id for item in items if item.parent_id})
    public_data_changed()  # bulk writes send no signals
    return len(items)


def _check_parent_codes(rows) -> None:
    """Every parent code names an item of the rows or one stored, and no item is its own
    ancestor (stored items cannot have a new item as parent, so a cycle lies within the rows)."""
    parents = {row["code"]: row.get("parent_code") or None for row in rows}
    wanted = {code for code in parents.values() if code} - set(parents)
    known = set(Item.objects.filter(code__in=wanted).values_list("code", flat=True))
    for unknown in sorted(wanted - known):
        raise AccountabilityError(
            _("No item has the code %(code)s to be a parent.") % {"code": unknown}
        )
    for code in parents:
        seen, current = {code}, parents[code]
        while current in parents:
            if current in seen:
                raise AccountabilityError(
                    _("The item %(code)s would be its own ancestor.") % {"code": code}
                )
            seen.add(current)
            current = parents[current]


def _recompute_bulk(parent_ids: set[int]) -> None:
    """Weighted progress for many parents, deepest first, without timeline lines (creation)."""
    while parent_ids:
        parents = list(Item.objects.filter(pk__in=parent_ids))
        totals = {
            row["parent"]: row
            for row in Item.objects.filter(parent__in=parent_ids)
            .order_by()
            .values("parent")
            .annotate(weights=Sum("weight"), points=Sum(F("weight") * F("progress")))
        }
        for parent in parents:
            row = totals[parent.pk]
            parent.progress = (row["points"] * 2 + row["weights"]) // (row["weights"] * 2)
        Item.objects.bulk_update(parents, ["progress"], batch_size=1000)
        parent_ids = {parent.parent_id for parent in parents if parent.parent_id}
