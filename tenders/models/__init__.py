"""State social order, grants, strategic partnership and NGO awards.

One competition model for the four funding mechanisms; lots, applications, the commission's
scores, results, contracts and reports hang off it. Every change of state goes through
`tenders.services`; these modules hold the rules that can be read off the data.
"""

from .appeals import Appeal
from .applications import Application, BudgetLine
from .commission import CommissionMember, ConflictDeclaration, Criterion, Score, ScoreSheet
from .competitions import Competition, Lot
from .contracts import Contract, Instalment, MCIValue, ProjectReport
from .questions import Question
from .releases import Release
from .results import Award, Correction

__all__ = [
    "Appeal",
    "Application",
    "Award",
    "BudgetLine",
    "CommissionMember",
    "Competition",
    "Contract",
    "ConflictDeclaration",
    "Correction",
    "Criterion",
    "Instalment",
    "Lot",
    "MCIValue",
    "ProjectReport",
    "Question",
    "Release",
    "Score",
    "ScoreSheet",
]
