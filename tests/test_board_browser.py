"""The month board in a real browser: headless Chromium (Debian's ``chromium`` and
``chromium-driver``, which ``.ci/run`` installs) driven by Selenium against
``realisasi serve --folder`` started as an IT person would, on the demo's year.

A Kabag logs in with their token, sees November's board, follows *Menunggu
Anda* to the form waiting for them, logs out, and the board is gone. The
screenshots are kept in ``out/test-artefacts/``."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pyaddin.engine.config import dump_config, load_config
from pyaddin.engine.tokens import token_digest
from tests.live_server import CLI, running_server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
ARTEFACTS = Path(__file__).resolve().parents[1] / "out" / "test-artefacts"
KABAG = "dewi.kartika"  # Kabag of Hukum, whose rows the demo leaves waiting for her
TOKEN = "token-uji-papan-dewi"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="headless Chromium and ChromeDriver are not installed "
    "(Debian: apt-get install chromium chromium-driver; .ci/run does it)",
)


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``realisasi serve --folder`` on the demo's forms, the Kabag with a token."""
    root = tmp_path_factory.mktemp("papan")
    env = {**os.environ, "REALISASI_KUNCI_DIR": str(root / "kunci-cli")}
    subprocess.run([CLI, "demo", str(root)], check=True, capture_output=True, env=env)
    office = load_config(root / "kantor-demo.toml")
    for person in office.pegawai:
        if person.username == KABAG:
            person.token_sha256 = token_digest(TOKEN)
    config = root / "kantor.toml"
    config.write_text(dump_config(office), "utf-8")
    args = ["--config", str(config), "--folder", str(root / "formulir")]
    with running_server(args, env) as (url, _):
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1000",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _shot(driver: Any, name: str) -> Path:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS / name
    driver.save_screenshot(str(path))
    return path


def test_a_kabag_logs_in_follows_menunggu_anda_and_logs_out(board: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as shown
    from selenium.webdriver.support.ui import WebDriverWait

    def until_title(words: str) -> None:
        WebDriverWait(browser, 15).until(shown.title_contains(words))

    browser.get(board + "/")
    assert "Masuk" in browser.title
    browser.find_element(By.NAME, "token").send_keys("bukan-token")
    browser.find_element(By.CSS_SELECTOR, "form.masuk button").click()
    WebDriverWait(browser, 15).until(shown.presence_of_element_located((By.CSS_SELECTOR, ".galat")))
    assert "Token tidak dikenal" in browser.find_element(By.CSS_SELECTOR, ".galat").text

    browser.find_element(By.NAME, "token").send_keys(TOKEN)
    browser.find_element(By.CSS_SELECTOR, "form.masuk button").click()
    until_title("Papan")
    browser.get(board + "/bulan/2026-11")  # the demo's month, whatever today is
    assert "Papan November 2026" in browser.find_element(By.TAG_NAME, "h2").text
    header = browser.find_element(By.TAG_NAME, "header").text
    assert "Dewi" in header and "Kabag" in header
    rows = browser.find_elements(By.CSS_SELECTOR, "tbody tr")
    units = [r.find_element(By.CSS_SELECTOR, "td strong").text for r in rows]
    assert units[:2] == ["Keuangan", "Umum dan Logistik"] and "Hukum" in units
    cookies = {c["name"]: c for c in browser.get_cookies()}
    assert cookies["rk_sesi"]["httpOnly"] and cookies["rk_sesi"]["sameSite"] == "Strict"
    _shot(browser, "papan-bulan-kabag.png")
    browser.set_window_size(400, 900)  # a phone
    _shot(browser, "papan-bulan-ponsel.png")
    browser.set_window_size(1280, 1000)

    waiting = browser.find_elements(By.CSS_SELECTOR, "#menunggu-anda li a")
    assert [a.text for a in waiting] == ["Hukum"]
    waiting[0].click()
    until_title("Hukum")
    assert "Hukum" in browser.find_element(By.TAG_NAME, "h2").text
    cells = browser.find_elements(By.CSS_SELECTOR, "td[data-label=Menunggu]")
    statuses = [td.text for td in cells]
    assert "Kabag" in statuses
    _shot(browser, "papan-berkas-hukum.png")

    browser.find_element(By.CSS_SELECTOR, "header form button").click()
    until_title("Masuk")
    browser.get(board + "/bulan/2026-11")
    assert "Masuk" in browser.title  # the board is gone without a session
    assert "Hukum" not in browser.page_source
