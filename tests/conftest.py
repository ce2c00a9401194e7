"""Test-wide set-up."""

from __future__ import annotations

import os

import pytest


def pytest_configure(config: pytest.Config) -> None:
    # xlwings' remote engine stands in for Excel in the tests. It is licensed
    # PolyForm Noncommercial (a government institution's use); xlwings decides at
    # import time, so the key is set before any test module imports it. Tests only:
    # the product never sets it.
    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    # An unknown message key raises (here and in every subprocess a test starts),
    # instead of showing the key itself to a person.
    os.environ.setdefault("REALISASI_PESAN_KETAT", "1")
    # Signing keys of the tests live in a throwaway file store, never in the
    # machine's credential store or the user's config folder.
    import tempfile

    os.environ.setdefault("REALISASI_KUNCI_DIR", tempfile.mkdtemp(prefix="rk-kunci-"))
    os.environ.setdefault("REALISASI_KUNCI_SANDI", "sandi-uji")
    # The month board's cache of form states, never the user's own cache folder.
    os.environ.setdefault("REALISASI_CACHE_DIR", tempfile.mkdtemp(prefix="rk-papan-"))
