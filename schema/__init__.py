"""SQLAlchemy models of the normalized warehouse. Imports nothing from loaders, views or the CLI."""

from .base import Base
from .budget import (
    Account,
    AccountAmount,
    AccountMove,
    AgencyDuty,
    HeadcountStatement,
    InternalUnit,
    LineItem,
    PolicyGoal,
    Program,
    ProgramLink,
    SubPlan,
    SubPlanUnit,
    WorkPlan,
)
from .capital_portions import CapitalPortion
from .comparison import (
    comparison_cells,
    comparison_documents,
    comparison_mismatches,
    comparison_state,
    comparison_summary,
)
from .dgbas import Budget, FunctionAccount, FunctionAmount, RevenueAccount, RevenueAmount
from .documents import Document, DocumentTable, LoadIssueRow, PrintedCell
from .multi_year_statements import MultiYearStatement
from .reference import (
    EconomicClass,
    EconomicMapping,
    FunctionalClass,
    GrantRecipientRule,
    ObjectClass,
)
from .reports import LegislativeResolution, MediaPublicityPlan, MultiYearPlan
from .revenue import RevenueNote
from .schedules import (
    CommissionedProject,
    FunctionEconomicAmount,
    Grant,
    MediaPublicity,
    Premises,
    Staffing,
    StaffingCost,
    TravelPlan,
    Vehicle,
)
from .subsidies import Subsidy

metadata = Base.metadata

# Tables holding facts of one document, in the order the writer fills them.
FACT_TABLES = [
    t.__tablename__
    for t in (
        DocumentTable,
        PrintedCell,
        LoadIssueRow,
        Account,
        AccountAmount,
        WorkPlan,
        SubPlan,
        InternalUnit,
        SubPlanUnit,
        AgencyDuty,
        PolicyGoal,
        HeadcountStatement,
        Program,
        ProgramLink,
        LineItem,
        CapitalPortion,
        Staffing,
        StaffingCost,
        Vehicle,
        Premises,
        Grant,
        CommissionedProject,
        TravelPlan,
        MediaPublicity,
        FunctionEconomicAmount,
        MultiYearPlan,
        MultiYearStatement,
        MediaPublicityPlan,
        LegislativeResolution,
        Subsidy,
        RevenueAccount,
        RevenueAmount,
        RevenueNote,
        FunctionAccount,
        FunctionAmount,
    )
]

__all__ = [
    "Base",
    "metadata",
    "FACT_TABLES",
    "comparison_cells",
    "comparison_documents",
    "comparison_mismatches",
    "comparison_state",
    "comparison_summary",
    "Document",
    "DocumentTable",
    "PrintedCell",
    "LoadIssueRow",
    "ObjectClass",
    "EconomicClass",
    "FunctionalClass",
    "EconomicMapping",
    "GrantRecipientRule",
    "Account",
    "AccountAmount",
    "AccountMove",
    "WorkPlan",
    "SubPlan",
    "InternalUnit",
    "SubPlanUnit",
    "AgencyDuty",
    "PolicyGoal",
    "HeadcountStatement",
    "Program",
    "ProgramLink",
    "LineItem",
    "CapitalPortion",
    "Staffing",
    "StaffingCost",
    "Vehicle",
    "Premises",
    "Grant",
    "CommissionedProject",
    "TravelPlan",
    "MediaPublicity",
    "FunctionEconomicAmount",
    "MultiYearPlan",
    "MultiYearStatement",
    "MediaPublicityPlan",
    "LegislativeResolution",
    "Subsidy",
    "Budget",
    "RevenueAccount",
    "RevenueAmount",
    "RevenueNote",
    "FunctionAccount",
    "FunctionAmount",
]


def table(name: str):  # noqa: ANN201 - sqlalchemy.Table
    """A warehouse table by its plain name (tables live in the `core` schema)."""
    return metadata.tables[f"core.{name}"]
