"""A throw-away PostgreSQL cluster for tests/db and bench/db.py: ``initdb`` into a
temporary directory, ``pg_ctl`` serving on a unix socket in that directory only (no TCP
port), stopped and removed at the end. As root the server runs as the ``postgres`` OS
user (initdb refuses root)."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "frontline"


def pg_bin() -> Path | None:
    """The directory of initdb/pg_ctl/postgres (PATH, else Debian's versioned directory)."""
    found = shutil.which("initdb")
    if found:
        return Path(os.path.realpath(found)).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return versions[-1].parent if versions else None


def postgis_present(bindir: Path) -> bool:
    """Whether PostGIS is installed for this server version."""
    share = subprocess.run([str(bindir / "pg_config"), "--sharedir"], capture_output=True,
                           text=True, check=False).stdout.strip() if (
        bindir / "pg_config").exists() else ""
    candidates = [Path(share)] if share else []
    candidates.append(Path("/usr/share/postgresql") / bindir.parent.name)
    return any((c / "extension" / "postgis.control").is_file() for c in candidates)


@dataclass
class Cluster:
    """A running throw-away cluster."""

    root: Path
    bindir: Path
    as_user: list[str]

    @property
    def socket_dir(self) -> Path:
        return self.root

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@/{dbname}?host={self.socket_dir}"

    def stop(self) -> None:
        subprocess.run([*self.as_user, str(self.bindir / "pg_ctl"), "-D",
                        str(self.root / "pgdata"), "-m", "immediate", "-w", "stop"],
                       capture_output=True, check=False)
        shutil.rmtree(self.root, ignore_errors=True)


def start(bindir: Path) -> Cluster:
    """initdb + pg_ctl start; raises RuntimeError with the server's words when it fails."""
    root = Path(tempfile.mkdtemp(prefix="fc-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        entry = pwd.getpwnam("postgres")  # KeyError: no such user, reported by the caller
        os.chown(root, entry.pw_uid, entry.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data = root / "pgdata"
    init = subprocess.run([*as_user, str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER,
                           "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
                          capture_output=True, text=True, check=False)
    if init.returncode:
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"initdb failed: {init.stderr.strip()[-500:]}")
    options = (f"-k {root} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
               "-c full_page_writes=off -c max_connections=40")
    run = subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-l",
                          str(root / "server.log"), "-o", options, "-w", "-t", "60", "start"],
                         capture_output=True, text=True, check=False)
    cluster = Cluster(root, bindir, as_user)
    if run.returncode:
        log = (root / "server.log").read_text(errors="replace")[-500:] if (
            root / "server.log").exists() else run.stderr
        cluster.stop()
        raise RuntimeError(f"pg_ctl start failed: {log.strip()}")
    return cluster
