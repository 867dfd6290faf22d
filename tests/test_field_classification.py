"""Nothing new leaks by default: every field of every model of our apps is classified public or
private (portal.classification), and the open-data files and the API use public fields only."""

import inspect

import pytest
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import get_resolver
from rest_framework import serializers

from portal import classification
from portal.opendata import datasets
from registry.models import NGO


def test_every_field_of_every_model_is_classified():
    missing = classification.unclassified()
    assert not missing, (
        "Classify these fields as public or private in portal/classification.py: "
        + ", ".join(missing)
    )


def test_the_table_names_only_fields_that_exist():
    assert not classification.stale(), classification.stale()


def test_a_new_field_is_unclassified_until_someone_decides():
    field = models.CharField(max_length=10)
    field.set_attributes_from_name("secret_new_field")
    assert classification.classify(NGO, field) is None
    assert classification.classify(NGO, NGO._meta.get_field("bin")) == classification.PUBLIC
    assert classification.classify(NGO, NGO._meta.get_field("name_ru")) == classification.PUBLIC
    assert classification.classify(NGO, NGO._meta.get_field("sort_kk")) == classification.PRIVATE
    historical = NGO.history.model
    assert classification.classify(historical, historical._meta.get_field("name_kk")) == "public"
    assert classification.classify(historical, historical._meta.get_field("history_user")) == (
        "private"
    )


def test_every_open_data_column_comes_from_a_public_field():
    for dataset in datasets.tables():
        for column in dataset.fields:
            label, name = column.source.rsplit(".", 1)
            assert classification.is_public(label, name), f"{dataset.name}.{column.code}"


def _our_serializers():
    get_resolver().url_patterns  # noqa: B018 - imports every app's API module
    found, todo = [], [serializers.ModelSerializer]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        module = cls.__module__.split(".")[0]
        if module in classification.APPS and getattr(getattr(cls, "Meta", None), "model", None):
            found.append(cls)
    return found


def _check(model, source: str, problems: list, where: str) -> None:
    """Each model field along a serializer field's source must be public."""
    for part in source.split("."):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return  # a property or an annotation: computed from fields checked elsewhere
        concrete = field if getattr(field, "concrete", False) or field.many_to_many else None
        if concrete is None:  # a reverse relation: the field on the other side
            concrete, owner = field.field, field.related_model
        else:
            owner = model
        if concrete.many_to_many and not getattr(field, "concrete", True):
            owner = field.related_model
        if classification.classify(owner, concrete) != classification.PUBLIC:
            problems.append(f"{where}: {owner._meta.label}.{concrete.name}")
        if not field.is_relation:
            return
        model = field.related_model


def _related_model(model, source: str):
    for part in source.split("."):
        try:
            model = model._meta.get_field(part).related_model
        except FieldDoesNotExist:
            return None
    return model


def test_the_api_publishes_public_fields_only():
    problems = []
    checked = 0
    for cls in _our_serializers():
        if inspect.isabstract(cls):
            continue
        model = cls.Meta.model
        try:
            fields = cls().fields
        except Exception:  # noqa: BLE001 - a serializer that needs context; its parts are checked
            continue
        for name, field in fields.items():
            if field.source == "*" or isinstance(field, serializers.SerializerMethodField):
                continue
            where = f"{cls.__module__}.{cls.__name__}.{name}"
            _check(model, field.source, problems, where)
            slug = getattr(getattr(field, "child_relation", field), "slug_field", None)
            if slug:
                target = _related_model(model, field.source)
                if target is not None:
                    _check(target, slug, problems, where)
            checked += 1
    assert checked > 20  # the register's and the competitions' serializers were looked at
    assert not problems, problems


@pytest.mark.parametrize("app", ["registry", "tenders"])
def test_each_app_of_ours_is_covered(app):
    assert any(label.startswith(f"{app}.") for label in classification.FIELDS)
    assert apps.get_app_config(app)
