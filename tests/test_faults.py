"""Faults while writing the outputs: a kill at each step of the swap, a full disk, a read-only file
system, a folder that refuses writes. After each, the previous output is as it was (or the new one is
complete), the next run removes what the interrupted one left, and nothing stays in TMPDIR.

ENOSPC and read-only need a file system of their own: the tests mount a small tmpfs (root with
CAP_SYS_ADMIN, as in CI here) and skip, saying why, where that is not allowed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from disclosure import atomic, outdir
from disclosure.build import BuildOptions, build
from disclosure.errors import DisclosureError
from tests.conftest import BASE_FILING

ROOT = Path(__file__).resolve().parents[1]
SECOND = BASE_FILING.replace("quantity: 1000, unit: MWh", "quantity: 2000, unit: MWh")


def _filing(folder: Path, text: str = BASE_FILING) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "filing.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _tree(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _complete(folder: Path) -> bool:
    """Every output the manifest lists is there with its hash, and nothing else."""
    manifest = json.loads((folder / "manifest.json").read_bytes())
    listed = {o["file"]: o["sha256"] for o in manifest["outputs"]}
    tree = _tree(folder)
    del tree["manifest.json"]
    return tree == listed


def _work_folders(out: Path) -> list[Path]:
    return sorted(p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.build-"))


# Each fault: Python run in the child before the build, making it SIGKILL itself at one step.
KILL = "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"
FAULTS = {
    "verifying": f"import disclosure.xbrl as x\ndef load(*args, **kw):\n    {KILL}\nx.load = load\n",
    "writing": ("import os\n_fsync, _n = os.fsync, [0]\ndef fsync(fd):\n    _n[0] += 1\n    if _n[0] == 4:\n"
                f"        {KILL}\n    _fsync(fd)\nos.fsync = fsync\n"),
    "staged": f"import disclosure.outdir as o\ndef swap(*args):\n    {KILL}\no.swap = swap\n",
    "swapped": f"import disclosure.outdir as o\ndef abandon(work):\n    {KILL}\no.abandon = abandon\n",
    "fallback-aside": ("import os, disclosure.outdir as o\no.exchange = lambda a, b: False\n_rename = os.rename\n"
                       "def rename(src, dst):\n    if str(src).endswith('/out') and '.build-' in str(src):\n"
                       f"        {KILL}\n    _rename(src, dst)\nos.rename = rename\n"),
    "fallback-done": ("import disclosure.outdir as o\no.exchange = lambda a, b: False\n"
                      f"def abandon(work):\n    {KILL}\no.abandon = abandon\n"),
}
BEFORE_SWAP = {"verifying", "writing", "staged"}


def _killed_build(filing: Path, out: Path, fault: str, tmpdir: Path) -> subprocess.CompletedProcess[str]:
    verify = fault == "verifying"
    script = FAULTS[fault] + (
        "from pathlib import Path\nfrom disclosure.build import BuildOptions, build\n"
        f"build({str(filing)!r}, BuildOptions(output=Path({str(out)!r}), force=True, verify={verify}))\n")
    env = {**os.environ, "TMPDIR": str(tmpdir)}
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_kill_at_each_step_of_the_swap(fault: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(_filing(tmp_path / "a"), BuildOptions(output=out, verify=False)).output == out
    previous = _tree(out)
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    done = _killed_build(_filing(tmp_path / "b", SECOND), out, fault, tmpdir)
    assert done.returncode == -signal.SIGKILL, done.stderr[-2000:]
    assert list(tmpdir.iterdir()) == [], "temporary files outside the work folder"
    if fault in BEFORE_SWAP:
        assert _tree(out) == previous
    elif fault == "fallback-aside":
        assert not out.exists()  # the documented crash window of the two-rename fallback ...
    else:
        assert _tree(out) != previous and _complete(out)
    assert _work_folders(out), "the killed build left its work folder (the next run removes it)"
    outdir.recover(out)  # ... which the next run closes before anything else
    assert _work_folders(out) == []
    if fault in BEFORE_SWAP or fault == "fallback-aside":
        assert _tree(out) == previous
    assert build(_filing(tmp_path / "b", SECOND), BuildOptions(output=out, force=True, verify=False)).output == out
    assert _complete(out) and _tree(out) != previous and _work_folders(out) == []


def test_next_build_recovers_by_itself(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(_filing(tmp_path / "a"), BuildOptions(output=out, verify=False))
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    assert _killed_build(_filing(tmp_path / "b", SECOND), out, "fallback-aside", tmpdir).returncode == -9
    assert not out.exists()
    # no --force needed: the interrupted swap is undone first, then the earlier build is found
    with pytest.raises(DisclosureError) as raised:
        build(_filing(tmp_path / "b", SECOND), BuildOptions(output=out, verify=False))
    assert raised.value.code == "build.output-exists" and _complete(out) and _work_folders(out) == []


def test_stale_work_folders(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(done.stdout)
    alive = os.getppid()
    (tmp_path / f".out.build-{dead}-0a1b").mkdir()
    (tmp_path / f".out.build-{alive}-0a1c").mkdir()
    old = tmp_path / f".out.build-{alive}-0a1d"
    old.mkdir()
    past = time.time() - outdir.STALE_SECONDS - 60
    os.utime(old, (past, past))
    legacy = tmp_path / ".out.old.x1y2z3"
    (legacy / "previous").mkdir(parents=True)
    (legacy / "previous" / "manifest.json").write_text("{}", encoding="utf-8")
    (tmp_path / ".other.build-1-ff").mkdir()
    removed = outdir.recover(out)
    assert sorted(p.name for p in removed) == sorted([f".out.build-{dead}-0a1b", old.name, legacy.name])
    assert (tmp_path / f".out.build-{alive}-0a1c").is_dir(), "a running build's folder is left alone"
    assert (out / "manifest.json").is_file(), "the legacy moved-aside output was put back"
    assert (tmp_path / ".other.build-1-ff").is_dir(), "another output's folders are not ours to clean"


def test_swap_is_one_step_and_never_leaves_the_output_missing(tmp_path: Path) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("renameat2(RENAME_EXCHANGE) is Linux only; elsewhere the documented fallback is used")
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("a", encoding="utf-8")
    if not atomic.exchange(a, b):
        pytest.skip("this file system does not support RENAME_EXCHANGE")
    assert (b / "x").read_text(encoding="utf-8") == "a" and not (a / "x").exists()
    out = tmp_path / "out"
    build(_filing(tmp_path / "f"), BuildOptions(output=out, verify=False))
    missing: list[float] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            if not os.path.lexists(out) or not (out / "manifest.json").exists():
                missing.append(time.monotonic())

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for text in (SECOND, BASE_FILING, SECOND):
            build(_filing(tmp_path / "f", text), BuildOptions(output=out, force=True, verify=False))
    finally:
        stop.set()
        watcher.join()
    assert missing == []


def test_temporary_files_live_in_the_work_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import disclosure.xbrl as xbrl

    seen: list[Path] = []
    original = xbrl.load

    def load(entry: Path, *args: object, **kwargs: object) -> object:
        seen.append(Path(entry).parent)
        return original(entry, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(xbrl, "load", load)
    out = tmp_path / "out"
    build(_filing(tmp_path / "f"), BuildOptions(output=out))
    assert seen and all(p.parent.parent.name.startswith(".out.build-") and p.parent.name == "tmp" for p in seen)
    assert _work_folders(out) == [] and not any(p.exists() for p in seen)


# --- full disk, read-only file system, refusing folder ----------------------------------------------

@pytest.fixture
def small_fs(tmp_path: Path) -> Iterator[Path]:
    """A 700 KB tmpfs: room for one build without verification (about 500 KB: the iXBRL report embeds its
    charts), not for a second beside it."""
    mount = tmp_path / "mnt"
    mount.mkdir()
    if not shutil.which("mount") or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (ENOSPC and read-only cannot be made here)")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=700k", "tmpfs", str(mount)], capture_output=True,
                          text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({made.stderr.strip()}): ENOSPC and read-only untested")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_disk_full_keeps_the_previous_output(small_fs: Path, tmp_path: Path) -> None:
    out = small_fs / "out"
    build(_filing(tmp_path / "a"), BuildOptions(output=out, verify=False))
    previous = _tree(out)
    for verify in (False, True):
        with pytest.raises(DisclosureError) as raised:
            build(_filing(tmp_path / "b", SECOND), BuildOptions(output=out, force=True, verify=verify))
        assert raised.value.code == "build.output-no-space", (verify, raised.value.code, raised.value.message)
        assert _tree(out) == previous and _work_folders(out) == []


def test_disk_full_cli_exit_3(small_fs: Path, tmp_path: Path) -> None:
    (small_fs / "filler").write_bytes(b"\0" * (390 * 1024))
    filing = _filing(tmp_path / "a")
    done = subprocess.run([sys.executable, "-m", "disclosure", "build", str(filing), "-o", str(small_fs / "out"),
                           "--no-verify", "--lang", "en"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 3, done.stderr
    assert "[build.output-no-space]" in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in small_fs.iterdir()) == ["filler"]


def test_read_only_file_system(small_fs: Path, tmp_path: Path) -> None:
    out = small_fs / "out"
    # The earlier build runs in its own process: Arelle 2.47 keeps the taxonomy package it read open until
    # the process ends (a deleted temporary file, here on the tmpfs), and Linux refuses to remount a file
    # system read-only while a file on it is open for writing.
    subprocess.run([sys.executable, "-m", "disclosure", "build", str(_filing(tmp_path / "a")), "-o", str(out),
                    "--no-verify"], cwd=ROOT, check=True, capture_output=True, timeout=300)
    previous = _tree(out)
    remount = subprocess.run(["mount", "-o", "remount,ro", str(small_fs)], capture_output=True, text=True)
    if remount.returncode != 0:
        pytest.skip(f"cannot remount read-only: {remount.stderr.strip()}")
    with pytest.raises(DisclosureError) as raised:
        build(_filing(tmp_path / "b", SECOND), BuildOptions(output=out, force=True, verify=False))
    assert raised.value.code == "build.output-read-only"
    assert _tree(out) == previous


def test_folder_refusing_writes(tmp_path: Path) -> None:
    """An immutable folder (chattr +i) refuses even root: build.output-permission, nothing changed."""
    parent = tmp_path / "locked"
    out = parent / "out"
    build(_filing(tmp_path / "a"), BuildOptions(output=out, verify=False))
    previous = _tree(out)
    locked = subprocess.run(["chattr", "+i", str(parent)], capture_output=True, text=True) \
        if shutil.which("chattr") else None
    if locked is None or locked.returncode != 0:
        pytest.skip("chattr +i is not available here (and root ignores permission bits)")
    try:
        with pytest.raises(DisclosureError) as raised:
            build(_filing(tmp_path / "b", SECOND), BuildOptions(output=out, force=True, verify=False))
        assert raised.value.code == "build.output-permission"
        assert _tree(out) == previous
    finally:
        subprocess.run(["chattr", "-i", str(parent)], check=False)
