"""The role groups of the product, and the model permissions each role carries.

Groups are created by a data migration; their permissions are kept in step after every
migrate, because the apps that define the permissions migrate after this one.
"""

MINISTRY_OFFICIAL = "ministry_official"
NGO_REPRESENTATIVE = "ngo_representative"
COUNCIL_SECRETARY = "council_secretary"
FORUM_ORGANISER = "forum_organiser"
ADMINISTRATOR = "administrator"

# Reference data every staff role reads; the NGOs' own data stays with ministry officials.
REFERENCE_VIEW = [
    ("registry", model, ["view"]) for model in ("region", "activityarea", "legalform", "statebody")
]

# (app_label, model or "*" for every model, actions) per role.
PERMISSIONS = {
    MINISTRY_OFFICIAL: [
        ("registry", "*", ["view"]),
        # Status changes go through services; reference data (regions, state bodies and who
        # belongs to them) stays with administrators, since it decides an official's scope.
        ("registry", "ngo", ["change"]),
        ("registry", "representation", ["change"]),
        ("tenders", "*", ["view", "add", "change"]),
    ],
    COUNCIL_SECRETARY: [*REFERENCE_VIEW, ("councils", "*", ["view", "add", "change", "delete"])],
    FORUM_ORGANISER: [*REFERENCE_VIEW, ("forums", "*", ["view", "add", "change", "delete"])],
    ADMINISTRATOR: [
        (app, "*", ["view", "add", "change", "delete"])
        for app in ("accounts", "registry", "tenders", "forums", "councils", "axes")
    ],
    NGO_REPRESENTATIVE: [],
}


def sync_role_permissions(sender=None, **kwargs):
    from django.contrib.auth.models import Group, Permission

    for role, grants in PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for app_label, model, actions in grants:
            perms = Permission.objects.filter(content_type__app_label=app_label)
            if model != "*":
                perms = perms.filter(content_type__model=model)
            wanted += [p for p in perms if p.codename.split("_", 1)[0] in actions]
        group.permissions.set(wanted)
