"""Civil Forums: the national forums, their preparatory events, participants, recommendations.

Every change of state goes through `forums.services`; these modules hold the rules that can be
read off the data (capacity, the waiting list's order, which recommendations are adopted).
"""

from .events import Event, Question, RegionQuota, Section
from .forums import Forum, ForumDocument, from_roman, to_roman
from .recommendations import Origin, Recommendation
from .registrations import Registration

__all__ = [
    "Event",
    "Forum",
    "ForumDocument",
    "Origin",
    "Question",
    "Recommendation",
    "RegionQuota",
    "Registration",
    "Section",
    "from_roman",
    "to_roman",
]
