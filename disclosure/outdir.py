"""The output folder of a build: what may be replaced, staging, the atomic swap, recovery.

A build writes into a work folder beside the output, ``.NAME.build-PID-TOKEN/`` (``out/`` is the
staging folder, ``tmp/`` every temporary file of the run: Arelle's, LibreOffice's), then swaps
``out/`` with the output in one step (``renameat2(RENAME_EXCHANGE)``) and deletes the work folder.
Without that system call (not Linux, an old C library, a file system refusing it) the swap is two
renames, output aside into the work folder as ``previous`` and staging into place; a crash between
them leaves the output missing for an instant, and the next build of the same output puts
``previous`` back before doing anything else. Work folders of processes that no longer run are
removed the same way, so a kill at any moment leaves nothing behind for long.

``--force`` replaces only a folder an earlier build wrote (a regular ``manifest.json`` of ours, and
nothing but regular files in it); anything else at the output path (a file, a link, a FIFO, a
device, someone's folder) is refused. Every file-system failure is a ``build.*`` error with the
previous output unchanged.
"""

from __future__ import annotations

import errno
import json
import os
import re
import secrets
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from disclosure.atomic import exchange, fsync_dir, rename_new
from disclosure.errors import OutputError, OutputExistsError
from disclosure.intake.paths import file_kind
from disclosure.limits import kind

MANIFEST = "manifest.json"
TOOL = "disclosure"
STALE_SECONDS = 24 * 3600
"""A work folder this old is removed even if its process id is in use (by now, another process)."""
MAX_MANIFEST_BYTES = 16 * 1024 * 1024


def _work_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"^\.{re.escape(name)}\.build-(\d+)-[0-9a-f]+$")


_ERRNO_CODES = {
    errno.EROFS: "build.output-read-only",
    errno.ENOSPC: "build.output-no-space",
    getattr(errno, "EDQUOT", errno.ENOSPC): "build.output-no-space",
    errno.EACCES: "build.output-permission",
    errno.EPERM: "build.output-permission",
    errno.ENOTDIR: "build.output-parent",
    errno.ENOENT: "build.output-parent",
    errno.ELOOP: "build.output-parent",
    errno.ENAMETOOLONG: "build.output-parent",
    errno.EEXIST: "build.output-exists",
}


def output_error(err: OSError, out: Path) -> OutputError:
    """The coded error for a file-system failure while writing ``out``."""
    code = _ERRNO_CODES.get(err.errno or 0, "build.output-io")
    detail = err.strerror or str(err)
    return OutputError(code, f"{out}: {detail}", "The previous output is unchanged.",
                       {"output": str(out), "detail": detail})


def _exists_error(out: Path) -> OutputExistsError:
    return OutputExistsError("build.output-exists", f"{out} already exists",
                             "Use --force to replace an earlier build, or choose another -o folder.",
                             {"output": str(out)})


@dataclass(frozen=True)
class Work:
    """The work folder of one build."""

    root: Path
    staging: Path
    tmp: Path


def is_ours(folder: Path) -> bool:
    """A folder an earlier build wrote: a regular manifest.json naming our tool, regular files only."""
    try:
        info = os.lstat(folder / MANIFEST)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_MANIFEST_BYTES:
            return False
        manifest = json.loads((folder / MANIFEST).read_bytes())
        if not isinstance(manifest, dict) or manifest.get("tool") != TOOL or not isinstance(
                manifest.get("outputs"), list):
            return False
        with os.scandir(folder) as entries:
            return all(entry.is_file(follow_symlinks=False) for entry in entries)
    except (OSError, ValueError, UnicodeDecodeError):
        return False


def check_target(out: Path, force: bool) -> None:
    """Refuse an output path that must not be written (before anything is computed)."""
    try:
        info = os.lstat(out)
    except FileNotFoundError:
        return
    except OSError as err:
        raise output_error(err, out) from err
    if not force:
        raise _exists_error(out)
    if not stat.S_ISDIR(info.st_mode):
        what = file_kind(info.st_mode)
        raise OutputError("build.output-not-folder", f"{out} is a {what}, not an output folder",
                          "--force replaces only a folder written by an earlier build.",
                          {"output": str(out), **kind(what)})
    if not is_ours(out):
        raise OutputError("build.output-not-ours", f"{out} exists and was not written by disclosure",
                          "--force replaces only a folder written by an earlier build (it holds our manifest.json).",
                          {"output": str(out)})


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def recover(out: Path) -> list[Path]:
    """Undo what interrupted builds of ``out`` left: put a moved-aside previous output back if ``out``
    is missing, then remove their work folders. Returns the work folders removed."""
    parent = out.parent
    pattern = _work_pattern(out.name)
    removed: list[Path] = []
    try:
        with os.scandir(parent) as scan:
            entries = list(scan)
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        match = pattern.match(entry.name)
        legacy = entry.name.startswith(f".{out.name}.old.")
        if not match and not legacy:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode):
            continue
        if match and _alive(int(match.group(1))) and now - info.st_mtime < STALE_SECONDS:
            continue  # another build of the same output is running
        root = Path(entry.path)
        previous = root / "previous"
        if previous.is_dir() and not os.path.lexists(out):
            try:
                rename_new(previous, out)
            except OSError:
                continue  # leave it for a later run (or the user) rather than lose it
        shutil.rmtree(root, ignore_errors=True)
        removed.append(root)
    return removed


def begin(out: Path) -> Work:
    """Make the work folder beside ``out`` (and ``out``'s parent folders if needed)."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if not out.parent.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(out.parent))
        root = out.parent / f".{out.name}.build-{os.getpid()}-{secrets.token_hex(4)}"
        root.mkdir(mode=0o700)
        work = Work(root, root / "out", root / "tmp")
        work.staging.mkdir()
        work.staging.chmod(0o777 & ~_umask())
        work.tmp.mkdir()
    except FileExistsError as err:  # a component of the parent path is a file
        raise output_error(OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(err.filename)), out) from err
    except OSError as err:
        raise output_error(err, out) from err
    return work


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


@contextmanager
def temporary_files_in(folder: Path) -> Iterator[None]:
    """Every temporary file of the block (tempfile, and subprocesses through TMPDIR) goes into ``folder``,
    which the build removes with its work folder: a kill leaves no temporary folder elsewhere."""
    previous_dir, previous_env = tempfile.tempdir, os.environ.get("TMPDIR")
    tempfile.tempdir = str(folder)
    os.environ["TMPDIR"] = str(folder)
    try:
        yield
    finally:
        tempfile.tempdir = previous_dir
        if previous_env is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = previous_env


def write_staging(work: Work, files: dict[str, bytes]) -> None:
    """Write and sync every output file into the staging folder."""
    for name, data in sorted(files.items()):
        if not name or "/" in name or "\\" in name or name in (".", ".."):
            raise ValueError(f"output file name {name!r} is not a plain file name")
        fd = os.open(work.staging / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    fsync_dir(work.staging)


def swap(work: Work, out: Path, force: bool) -> None:
    """Put the staging folder at ``out``; an earlier build there moves into the work folder."""
    if not os.path.lexists(out):
        rename_new(work.staging, out)
        return
    check_target(out, force)  # again: the path may have changed while the build was computing
    if exchange(work.staging, out):
        return
    aside = work.root / "previous"
    os.rename(out, aside)  # the crash window of the fallback: recover() puts `previous` back
    try:
        os.rename(work.staging, out)
    except OSError:
        os.rename(aside, out)
        raise


def commit(work: Work, out: Path, files: dict[str, bytes], force: bool) -> None:
    """Write ``files`` and swap them in; any failure is a ``build.*`` error with ``out`` unchanged."""
    try:
        write_staging(work, files)
        swap(work, out, force)
        fsync_dir(out.parent)
    except FileExistsError as err:
        raise _exists_error(out) from err
    except OSError as err:
        raise output_error(err, out) from err


def abandon(work: Work) -> None:
    """Remove the work folder (after a swap it holds the previous output; after a failure, the attempt)."""
    shutil.rmtree(work.root, ignore_errors=True)
