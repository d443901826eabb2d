"""The embedded PostgreSQL starts, stops and starts again, whatever an earlier process left."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _embedded_db(command: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "EMBEDDED_DB_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "ontmoeting.embedded_db", command],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )


def test_a_half_written_process_list_does_not_stop_the_next_start(server_dir):
    data_dir = server_dir / "pgdata"
    try:
        assert _embedded_db("start", data_dir).returncode == 0
        assert _embedded_db("stop", data_dir).returncode == 0
        # An interrupted process can leave the wheel's process list empty.
        (data_dir / ".handle_pids.json").write_text("")

        started = _embedded_db("url", data_dir)

        assert started.returncode == 0, started.stderr
        assert started.stdout.startswith("postgresql://postgres@/ontmoeting?host=")
    finally:
        _embedded_db("stop", data_dir)
