"""iCalendar (RFC 5545) text for events: one file per event and subscribable feeds.

Written by hand: the format needs little — escaped text values, CRLF line ends, lines folded at
75 octets (never inside a UTF-8 character), times in UTC.
"""

import datetime

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

PRODID = "-//NGO register of Kazakhstan//Civil Forums//EN"


def escape(text: str) -> str:
    """TEXT values: backslash, semicolon, comma escaped; newlines as \\n (RFC 5545 3.3.11)."""
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after CRLF and a space (3.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current, size, limit = [], [], 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74  # the leading space counts
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def vevent(event, request) -> list[str]:
    url = request.build_absolute_uri(reverse("forums:event", args=[event.code]))
    location = ", ".join(part for part in (event.venue, event.city) if part)
    lines = [
        "BEGIN:VEVENT",
        f"UID:forum-event-{event.code}@{request.get_host()}",
        f"DTSTAMP:{stamp(event.updated_at or timezone.now())}",
        f"DTSTART:{stamp(event.starts_at)}",
        f"DTEND:{stamp(event.ends_at)}",
        f"SUMMARY:{escape(event.title)}",
        f"LOCATION:{escape(location)}",
        f"URL:{url}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape(event.description)}")
    if event.status == event.Status.CANCELLED:
        lines.append("STATUS:CANCELLED")
    lines.append("END:VEVENT")
    return lines


def calendar(events, request, name: str) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for event in events:
        lines += vevent(event, request)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def response(events, request, name: str, filename: str) -> HttpResponse:
    answer = HttpResponse(
        calendar(events, request, name), content_type="text/calendar; charset=utf-8"
    )
    answer["Content-Disposition"] = f'inline; filename="{filename}"'
    return answer
