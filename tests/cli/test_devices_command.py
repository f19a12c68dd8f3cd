"""`hallway devices` and `hallway devices forget`, as a user runs them on two devices."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hallway.store.db import Store
from hallway.store.devices import Device

PHONE = Device("2b" * 16, 22, "phone (Termux)")


def hallway(*args: str, config: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in a child process; ``config``: another device's config folder."""
    env = dict(os.environ)
    if config is not None:
        env["XDG_CONFIG_HOME"] = str(config)
    return subprocess.run(
        [sys.executable, "-m", "hallway", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_devices_lists_this_device_first_then_the_others(tmp_path: Path) -> None:
    db = tmp_path / "Sync" / "hallway.json"
    assert hallway("capture", "--db", str(db), "Maya Chen #sourdough").returncode == 0
    with Store.open(db, device=PHONE) as phone:
        phone.capture("Ana Souza #climbing")
    listed = hallway("devices", "--db", str(db))
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0] == f"Devices that write to {db}:"
    assert "(this device)" in lines[1] and "hallway.json" in lines[1]
    assert "phone (Termux)" in lines[2] and "2b2b2b2b" in lines[2]
    assert "hallway.2b2b2b2b.json" in lines[2] and "merged today" in lines[2]
    assert len(lines) == 3
    assert lines[1].startswith("  test laptop (this device)  7e570000")


def test_forget_a_lost_phone_keeps_everything_it_wrote(tmp_path: Path) -> None:
    db = tmp_path / "Sync" / "hallway.json"
    assert hallway("capture", "--db", str(db), "Maya Chen").returncode == 0
    with Store.open(db, device=PHONE) as phone:
        phone.capture("Ana Souza")
    forgot = hallway("devices", "forget", "2b2b", "--db", str(db))
    assert forgot.returncode == 0, forgot.stderr
    assert "Forgot phone (Termux) (2b2b2b2b); everything it wrote stays." in forgot.stdout
    listed = hallway("devices", "--db", str(db)).stdout
    assert "phone (Termux)" not in listed and "2b2b2b2b" not in listed
    with Store.open(db) as store:
        assert sorted(e.name for e in store.encounters()) == ["Ana Souza", "Maya Chen"]
    # Found again, the phone writes: it is expected again.
    with Store.open(db, device=PHONE) as phone:
        phone.capture("Ben Okafor")
    assert "phone (Termux)" in hallway("devices", "--db", str(db)).stdout


def test_forget_an_unknown_device_names_the_choices_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "Sync" / "hallway.json"
    assert hallway("capture", "--db", str(db), "Maya Chen").returncode == 0
    with Store.open(db, device=PHONE) as phone:
        phone.capture("Ana Souza")
    refused = hallway("devices", "forget", "laptop", "--db", str(db))
    assert refused.returncode == 1
    assert "'laptop' is no other device here" in refused.stderr
    assert "2b2b2b2b (phone (Termux))" in refused.stderr
    assert "phone (Termux)" in hallway("devices", "--db", str(db)).stdout


def test_a_second_device_checks_its_own_files(tmp_path: Path) -> None:
    db = tmp_path / "Sync" / "hallway.json"
    assert hallway("capture", "--db", str(db), "Maya Chen").returncode == 0
    phone_config = tmp_path / "phone-config"
    assert hallway("capture", "--db", str(db), "Ana", config=phone_config).returncode == 0
    checked = hallway("check", "--db", str(db), config=phone_config)
    assert checked.returncode == 0, checked.stderr
    own = [p.name for p in db.parent.glob("hallway.*.json")]
    assert len(own) == 1 and own[0] in checked.stdout
