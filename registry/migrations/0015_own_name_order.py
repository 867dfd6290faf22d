import django.db.models.functions.comparison
import django.db.models.functions.text
from django.contrib.postgres.indexes import OpClass
from django.db import migrations, models

import registry.names

# The NGO's own name within its official name: the part in quotes (outermost, so «Центр «Мейрім»»
# keeps its inner quotes), or else the name without legal-form and place words (kk, ru, en).
LEGAL_FORMS = (
    "қоғамдық бірлестігі|қоғамдық бірлестік|қоғамдық қоры|қоғамдық қор|"
    "коммерциялық емес ұйымы|коммерциялық емес ұйым|жеке мекемесі|жеке мекеме|"
    "корпоративтік қоры|корпоративтік қор|заңды тұлғалар бірлестігі|қауымдастығы|одағы|"
    "общественное объединение|общественный фонд|некоммерческая организация|"
    "частное учреждение|корпоративный фонд|объединение юридических лиц|ассоциация|союз|"
    "public association|public foundation|non-?profit organi[sz]ation|private institution|"
    "corporate foundation|association of legal entities|association|union|foundation"
)
PLACES = (
    r"[^\s«»\"“”]+ (облысының|қаласының|ауданының|облысы|қаласы|ауданы)|"
    r"(города|г\.|района|области) [^\s«»\"“”]+|[^\s«»\"“”]+ (области|района)|"
    r"of [^\s«»\"“”]+( region| city| district)?"
)
OWN_NAME_SQL = rf"""
CREATE OR REPLACE FUNCTION registry_own_name(text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(
    nullif(btrim(substring($1 from '[«"“„](.+)[»"”“]')), ''),
    nullif(btrim(regexp_replace(regexp_replace($1, '{LEGAL_FORMS}', ' ', 'gi'),
                                '{PLACES}', ' ', 'gi')), ''),
    $1
  )
$$;
"""


def sort_key(name):
    return registry.names.KazakhSortKey(
        django.db.models.functions.text.Concat(
            registry.names.OwnName(name), models.Value(" "), name
        )
    )


def name_of(language):
    if language == "kk":
        return models.F("name_kk")
    return django.db.models.functions.comparison.Coalesce(f"name_{language}", "name_kk")


COVERS = ("status", "name_document", "region", "legal_form", "kind", "registered_on")


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0014_import_job_kind"),
    ]

    operations = [
        migrations.RunSQL(OWN_NAME_SQL, "DROP FUNCTION registry_own_name(text)"),
        *[
            migrations.RemoveIndex(model_name="ngo", name=f"ngo_name_order_{language}")
            for language in ("kk", "ru", "en")
        ],
        *[
            migrations.RemoveField(model_name="ngo", name=f"sort_{language}")
            for language in ("kk", "ru", "en")
        ],
        *[
            migrations.AddField(
                model_name="ngo",
                name=f"sort_{language}",
                field=models.GeneratedField(
                    db_persist=True,
                    expression=sort_key(name_of(language)),
                    output_field=models.TextField(),
                ),
            )
            for language in ("kk", "ru", "en")
        ],
        *[
            migrations.AddIndex(
                model_name="ngo",
                index=models.Index(
                    fields=[f"sort_{language}", "id"],
                    include=COVERS,
                    name=f"ngo_name_order_{language}",
                ),
            )
            for language in ("kk", "ru", "en")
        ],
        migrations.AddIndex(
            model_name="nameword",
            index=models.Index(OpClass("word", "text_pattern_ops"), name="name_word_prefix"),
        ),
    ]
