"""Which field of which model may leave the system: in the open-data files and the API.

Every concrete field (and many-to-many) of every model of our apps is named here as public or
private; `tests/test_field_classification.py` fails when a field is in neither list, so a new
field is private until someone decides otherwise, and the open-data columns and the API's
serializers may use public fields only. Rules that save listing the obvious:

- a database id (`id`) is private: public identifiers (BIN, KATO, numbers, codes) are used;
- a field of another language (modeltranslation's `name_kk`…) is what its base field is;
- a history model (simple_history's `Historical…`) follows its model; `history_date` (when a
  value changed, e.g. a former name's end) is public, its other `history_…` fields private.
"""

PUBLIC, PRIVATE = "public", "private"

FIELDS: dict[str, dict[str, str]] = {
    "accounts.User": {
        PRIVATE: "password last_login is_superuser is_staff is_active date_joined email "
        "full_name email_verified groups user_permissions",
    },
    "registry.Region": {
        PUBLIC: "kato name level parent valid_from valid_to successor split_from",
    },
    "registry.ActivityArea": {PUBLIC: "code name position"},
    "registry.LegalForm": {PUBLIC: "code name abbreviation"},
    "registry.StateBody": {PUBLIC: "code name level kind region", PRIVATE: "officials"},
    "registry.AnnualReport": {
        PUBLIC: "ngo year version income_state_order income_grants income_donations "
        "income_foreign income_own expense_programmes expense_salaries expense_administration "
        "expense_assets expense_other staff_count volunteer_count beneficiary_count "
        "project_count member_count founders property_value property_description submitted_at",
        PRIVATE: "status submitted_by created_at",
    },
    "registry.Representation": {
        PRIVATE: "user ngo status position created_at decided_at decided_by decision_reason "
        "language",
    },
    "registry.ParticularsChange": {
        PRIVATE: "ngo values revision status submitted_by submitted_at decided_by decided_at "
        "reason",
    },
    "registry.NGO": {
        PUBLIC: "bin name description legal_form kind region address registered_on head_name "
        "email phone website staff_count volunteer_count beneficiary_count status "
        "status_reason status_changed_at data_confirmed_at created_at updated_at "
        "activity_areas",
        PRIVATE: "submitted_at search_document name_document sort_kk sort_ru sort_en",
    },
    "registry.NameWord": {PRIVATE: "word"},
    "registry.Membership": {PUBLIC: "association member joined_on left_on"},
    "registry.ResourceCentre": {PUBLIC: "ngo level region since until"},
    "registry.Document": {
        PRIVATE: "ngo kind file original_name size uploaded_by uploaded_at",
    },
    "registry.ImportJob": {
        PRIVATE: "kind file original_name dry_run status total_rows processed_rows "
        "created_count updated_count refused_count fault_counts error_code error_params "
        "created_by created_at finished_at",
    },
    "registry.ImportIssue": {PRIVATE: "job line column level code params bin action"},
    "registry.ImportRefusal": {PRIVATE: "job line reasons"},
    "registry.Notification": {
        PRIVATE: "event key recipient actor context language created_at sent_at attempts "
        "last_error",
    },
    "accountability.Item": {
        PUBLIC: "code title description responsible_body region topic deadline status "
        "progress parent weight source created_at updated_at",
    },
    "accountability.Change": {
        PUBLIC: "item at by_body kind old_value new_value note evidence_url computed",
        PRIVATE: "by",
    },
    "accountability.Contestation": {
        PUBLIC: "item ngo text link at",
        PRIVATE: "by document document_name",
    },
    "tenders.Competition": {
        PUBLIC: "number mechanism organiser operator year title description opens_at "
        "closes_at documentation_kk documentation_ru status cancel_reason pass_score "
        "results_only reported_applications reported_applicants announced_at published_at "
        "updated_at",
        PRIVATE: "created_by created_at",
    },
    "tenders.Release": {
        PUBLIC: "competition ocid release_id stage tag date language data recorded_at",
    },
    "tenders.Lot": {
        PUBLIC: "competition number theme activity_area region budget budget_mci mci_value "
        "term_months winners_allowed plan_items",
    },
    "tenders.Application": {
        PUBLIC: "number lot ngo title requested_amount",
        PRIVATE: "status status_reason summary goals activities beneficiaries "
        "beneficiary_count submitted_at created_by created_at updated_at",
    },
    "tenders.BudgetLine": {PRIVATE: "application position item amount"},
    "tenders.Award": {
        PUBLIC: "lot ngo recipient_name application amount decided_at withdrawn_at",
        PRIVATE: "decided_by",
    },
    "tenders.Correction": {PUBLIC: "competition reason changes made_at", PRIVATE: "made_by"},
    "tenders.Appeal": {
        PUBLIC: "number application status decision_reason decided_at correction",
        PRIVATE: "grounds filed_by filed_at answer answered_by answered_at decided_by",
    },
    "tenders.CommissionMember": {
        PUBLIC: "competition kind",
        PRIVATE: "user added_at assigned",
    },
    "tenders.Criterion": {PUBLIC: "competition position name weight max_points"},
    "tenders.ConflictDeclaration": {PRIVATE: "member application has_conflict declared_at"},
    "tenders.ScoreSheet": {PRIVATE: "member application total submitted_at"},
    "tenders.Score": {PRIVATE: "sheet criterion points"},
    "tenders.MCIValue": {PUBLIC: "year value_tenge"},
    "tenders.Contract": {
        PUBLIC: "award number signed_on starts_on ends_on amount awarded_amount status "
        "status_reason closed_at updated_at",
        PRIVATE: "created_by created_at",
    },
    "tenders.Instalment": {
        PUBLIC: "contract number planned_on amount status paid_on",
        PRIVATE: "approved_by approved_at paid_recorded_at",
    },
    "tenders.ProjectReport": {
        PUBLIC: "contract number kind due_on status reviewed_at",
        PRIVATE: "status_reason narrative indicators spent attachment submitted_by "
        "submitted_at reviewed_by",
    },
    "tenders.Question": {
        PUBLIC: "number competition text language answer asked_at answered_at earlier_answers "
        "amended_at",
        PRIVATE: "ngo asked_by answered_by",
    },
    "forums.Forum": {
        PUBLIC: "number ordinal title theme description starts_on ends_on month_only city "
        "venue status created_at updated_at organiser_bodies partner_ngos",
    },
    "forums.ForumDocument": {PUBLIC: "forum title url file position"},
    "forums.Event": {
        PUBLIC: "code forum kind title description region ministry starts_at ends_at city "
        "venue capacity status updated_at",
    },
    "forums.Section": {
        PUBLIC: "event position title description moderators room capacity topics",
    },
    "forums.RegionQuota": {PUBLIC: "event region seats"},
    "forums.Question": {PUBLIC: "event position text required"},
    "forums.Recommendation": {
        PUBLIC: "code forum title text responsible_body topic region status merged_into "
        "plan_item adopted_at created_at updated_at",
        PRIVATE: "adopted_by",
    },
    "forums.Origin": {PUBLIC: "recommendation event section ngo wording proposed_at"},
    "forums.Registration": {
        PRIVATE: "code event section user full_name kind ngo state_body affiliation region "
        "answers consent_at status created_at confirmed_at cancelled_at attended_at "
        "attendance_by",
    },
    "councils.Council": {
        PUBLIC: "code kind level state_body region name mandate how_to_join founding_act "
        "founded_on initiative selection status closed_on closing_reason parent created_at "
        "updated_at rule_flags",
        PRIVATE: "secretaries",
    },
    "councils.Person": {PUBLIC: "name", PRIVATE: "email phone created_at"},
    "councils.Membership": {
        PUBLIC: "council person affiliation ngo organisation role term_start term_end "
        "selection updated_at",
    },
    "councils.Activity": {PUBLIC: "council kind held_on title official report_url"},
    "councils.Training": {PUBLIC: "held_on topic council participants"},
    "councils.Meeting": {
        PUBLIC: "council number starts_at place online_url announced_at minutes updated_at",
    },
    "councils.AgendaItem": {PUBLIC: "meeting position title"},
    "councils.MeetingDocument": {PUBLIC: "meeting title url"},
    "councils.Attendance": {PUBLIC: "meeting membership present"},
    "councils.Decision": {
        PUBLIC: "council agenda_item number text votes_for votes_against votes_abstained "
        "adopted response_due item created_at updated_at",
    },
    "councils.Response": {
        PUBLIC: "decision outcome reason deadline responded_on",
        PRIVATE: "responded_by",
    },
    "portal.Alert": {
        PRIVATE: "user kind key params frequency token language created_at checked_until active",
    },
    "portal.AlertSent": {PRIVATE: "alert change sent_at"},
}

APPS = ("accounts", "registry", "accountability", "tenders", "forums", "councils", "portal")
HISTORY_PUBLIC = {"history_date"}


def _table() -> dict[tuple[str, str], str]:
    return {
        (model, name): level
        for model, levels in FIELDS.items()
        for level, names in levels.items()
        for name in names.split()
    }


TABLE = _table()


def model_fields(model) -> list:
    meta = model._meta
    return [*meta.concrete_fields, *meta.many_to_many]


def _tracked(model):
    """The model a simple_history `Historical…` model records, or None."""
    if not model.__name__.startswith("Historical"):
        return None
    return getattr(model, "instance_type", None)


def classify(model, field) -> str | None:
    """PUBLIC, PRIVATE or None (not classified) for a field of a model."""
    tracked = _tracked(model)
    if tracked is not None:
        if field.name.startswith("history_"):
            return PUBLIC if field.name in HISTORY_PUBLIC else PRIVATE
        try:
            original = tracked._meta.get_field(field.name)
        except Exception:  # noqa: BLE001 - a history-only field: unclassified
            return None
        return classify(tracked, original)
    if field.primary_key and field.name == "id":
        return PRIVATE
    base = getattr(field, "translated_field", None)
    if base is not None:
        return classify(model, base)
    return TABLE.get((model._meta.label, field.name))


def is_public(label: str, name: str) -> bool:
    """Whether `app_label.Model.field` (as open-data columns name their source) is public."""
    from django.apps import apps

    model = apps.get_model(label)
    return classify(model, model._meta.get_field(name)) == PUBLIC


def unclassified() -> list[str]:
    """`app.Model.field` of every field of our apps that is neither public nor private."""
    from django.apps import apps

    missing = []
    for app in APPS:
        try:
            config = apps.get_app_config(app)
        except LookupError:
            continue
        for model in config.get_models():
            for field in model_fields(model):
                if classify(model, field) is None:
                    missing.append(f"{model._meta.label}.{field.name}")
    return missing


def stale() -> list[str]:
    """Entries of the table that name no field any more (renamed or removed)."""
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist

    found = []
    for (label, name), _level in TABLE.items():
        try:
            apps.get_model(label)._meta.get_field(name)
        except (LookupError, FieldDoesNotExist):
            found.append(f"{label}.{name}")
    return found
