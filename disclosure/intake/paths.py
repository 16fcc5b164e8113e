"""Reading the files a filing names, and nothing else.

A filing is untrusted: it travels from subsidiary to group to verifier. A side table it names is read
only when, after resolving ``..`` and symbolic links, it lies inside the filing's own folder (or in a
folder the person running the tool allowed with ``--allow-outside``); only regular files are read
(never a FIFO, device, socket or folder, and nothing under /proc, /sys or /dev), with a size limit,
through one file descriptor that is checked after it is opened (a file swapped for something else
between the check and the read is caught by ``fstat``).
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from disclosure.issues import Issue, Location
from disclosure.limits import MAX_NAME_BYTES, MAX_PATH_CHARS, kind

SPECIAL_ROOTS = (Path("/proc"), Path("/sys"), Path("/dev"))
"""Pseudo file systems: never read, whatever is allowed (their "files" are process memory, kernel
state and devices)."""
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+:")
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class Read:
    """A file's bytes as read, where it really is, and their SHA-256 (for the manifest)."""

    path: Path
    data: bytes
    sha256: str


def file_kind(mode: int) -> str:
    """The kind of a file from its mode: folder, FIFO, device, socket, regular file or special file."""
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISREG(mode):
        return "regular file"
    if stat.S_ISLNK(mode):
        return "symbolic link"
    return "special file"


def _under(path: Path, roots: Sequence[Path]) -> bool:
    return any(path == root or path.is_relative_to(root) for root in roots)


def read_regular(path: Path, display: str, origin: Location, limit: int) -> tuple[Read | None, Issue | None]:
    """Read ``path`` if it is a regular file of at most ``limit`` bytes; otherwise a finding."""
    ctx = {"file": display}
    if _under(path, SPECIAL_ROOTS):
        return None, Issue("input.not-regular-file", origin, {**ctx, **kind("pseudo file")})
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        mode = os.stat(path).st_mode  # a socket cannot even be opened; a FIFO must not be waited on
        if not stat.S_ISREG(mode):
            return None, Issue("input.not-regular-file", origin, {**ctx, **kind(file_kind(mode))})
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None, Issue("input.file-missing", origin, ctx)
    except OSError as err:
        if err.errno == getattr(os, "ELOOP", -1):
            return None, Issue("input.not-regular-file", origin, {**ctx, **kind("symbolic link")})
        if err.errno == getattr(os, "ENAMETOOLONG", -1):
            return None, Issue("input.path-too-long", origin, {**ctx, "limit": MAX_PATH_CHARS})
        return None, Issue("input.file-unreadable", origin, {**ctx, "detail": err.strerror or str(err)})
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, Issue("input.not-regular-file", origin, {**ctx, **kind(file_kind(info.st_mode))})
        if info.st_size > limit:
            return None, Issue("input.file-too-large", origin, {**ctx, "limit": limit})
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - size) or 1):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                return None, Issue("input.file-too-large", origin, {**ctx, "limit": limit})
    except OSError as err:
        return None, Issue("input.file-unreadable", origin, {**ctx, "detail": err.strerror or str(err)})
    finally:
        os.close(fd)
    data = b"".join(chunks)
    return Read(path, data, hashlib.sha256(data).hexdigest()), None


def confine(folder: Path, reference: str, display: str, origin: Location,
            allow: Sequence[Path] = ()) -> tuple[Path | None, Issue | None]:
    """Where ``reference`` (as written in the filing, relative to ``folder``) really is, if reading it
    is allowed; otherwise a finding. Backslashes count as separators (filings travel from Windows)."""
    ctx = {"file": display}
    if not reference or "\x00" in reference:
        return None, Issue("input.table-reference", origin, {"detail": "empty file name or NUL character"})
    if len(reference) > MAX_PATH_CHARS:
        return None, Issue("input.path-too-long", origin, {**ctx, "limit": MAX_PATH_CHARS})
    text = reference.replace("\\", "/")
    if any(len(part.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES for part in text.split("/")):
        return None, Issue("input.path-too-long", origin, {**ctx, "limit": MAX_NAME_BYTES})
    base = folder.resolve()
    roots = [base, *(Path(a).resolve() for a in allow)]
    if _SCHEME.match(text) and not _DRIVE.match(text):
        return None, Issue("input.outside-filing", origin, {**ctx, "folder": str(base)})
    if _DRIVE.match(text):
        return None, Issue("input.outside-filing", origin, {**ctx, "folder": str(base)})
    try:
        real = (base / text).resolve()
    except (OSError, RuntimeError) as err:  # a symlink loop, or a name the system refuses
        return None, Issue("input.file-unreadable", origin, {**ctx, "detail": str(err)[:200]})
    if not _under(real, roots):
        return None, Issue("input.outside-filing", origin, {**ctx, "folder": str(base)})
    return real, None
