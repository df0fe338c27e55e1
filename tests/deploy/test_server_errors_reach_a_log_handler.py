"""creneau.E040: an error of `django.request` (a server error and its traceback) reaches at least
one logging handler of LOGGING."""

from __future__ import annotations

import copy

import pytest

import creneau.settings as project_settings
from creneau.checks import check_error_logging, error_handlers
from tests.deploy.conftest import ids


@pytest.fixture
def logging_config(settings):
    config = copy.deepcopy(project_settings.LOGGING)
    settings.LOGGING = config
    return config


def test_our_logging_passes(logging_config):
    assert error_handlers(logging_config) == ["stderr"]
    assert check_error_logging(None) == []


def test_a_request_logger_without_handlers_that_stops_propagation_fails(logging_config):
    logging_config["loggers"]["django.request"]["handlers"] = []

    errors = check_error_logging(None)

    assert ids(errors) == ["creneau.E040"]
    assert "django.request" in errors[0].msg


def test_errors_reach_the_root_handlers_when_the_request_logger_propagates(logging_config):
    logging_config["loggers"]["django.request"] = {"level": "ERROR"}
    logging_config["loggers"]["django"] = {"level": "INFO"}

    assert error_handlers(logging_config) == ["stderr"]
    assert check_error_logging(None) == []


def test_a_level_above_error_fails(logging_config):
    logging_config["loggers"]["django.request"]["level"] = "CRITICAL"

    assert ids(check_error_logging(None)) == ["creneau.E040"]


def test_a_handler_that_drops_errors_fails(logging_config):
    logging_config["handlers"]["stderr"]["level"] = "CRITICAL"

    assert ids(check_error_logging(None)) == ["creneau.E040"]


def test_a_null_handler_fails(logging_config):
    logging_config["handlers"]["stderr"] = {"class": "logging.NullHandler"}

    assert ids(check_error_logging(None)) == ["creneau.E040"]


def test_a_console_handler_for_debug_only_fails_when_debug_is_off(logging_config, settings):
    settings.DEBUG = False
    logging_config["filters"]["debug_only"] = {"()": "django.utils.log.RequireDebugTrue"}
    logging_config["handlers"]["stderr"]["filters"] = ["debug_only"]

    assert ids(check_error_logging(None)) == ["creneau.E040"]


def test_unnamed_django_loggers_disabled_by_the_configuration_fail(settings):
    # dictConfig's default disables the loggers Django configured before, "django" included.
    settings.LOGGING = {
        "version": 1,
        "handlers": {"stderr": {"class": "logging.StreamHandler"}},
        "root": {"handlers": ["stderr"], "level": "INFO"},
    }

    assert ids(check_error_logging(None)) == ["creneau.E040"]

    settings.LOGGING = {**settings.LOGGING, "disable_existing_loggers": False}

    assert check_error_logging(None) == []


def test_logging_left_unconfigured_fails(logging_config, settings):
    settings.LOGGING_CONFIG = None

    assert ids(check_error_logging(None)) == ["creneau.E040"]
