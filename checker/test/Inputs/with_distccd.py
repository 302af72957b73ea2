#!/usr/bin/env python3
"""Runs a shell command with a distccd of its own: listening on 127.0.0.1
only, on a free port, accepting 127.0.0.1 only, with DISTCC_HOSTS pointing
at it. The daemon is stopped however the command ends; its log goes to LOG. Exit status: the command's.

  with_distccd.py LOG -- command ...
"""
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit("usage: with_distccd.py LOG -- command ...")
    log_out, cmd = sys.argv[1], sys.argv[3:]
    port = free_port()
    # In the foreground of its own process group, logging to our file (run
    # by root, distccd drops to an unprivileged user that could not open a
    # log file of ours), so the whole group can be stopped at the end.
    with open(log_out, "w") as log:
        daemon = subprocess.Popen(
            ["distccd", "--daemon", "--no-detach", "--log-stderr", "--log-level", "info",
             "--listen", "127.0.0.1", "--allow", "127.0.0.1", "--port", str(port),
             "--enable-tcp-insecure"],
            stdout=log, stderr=log, start_new_session=True,
            # Its working directory: one the unprivileged user may enter.
            env=dict(os.environ, TMPDIR="/tmp"))
    try:
        for _ in range(100):
            with open(log_out) as f:
                if "listening on" in f.read():
                    break
            if daemon.poll() is not None:
                sys.exit("distccd exited with status %d (log: %s)" % (daemon.returncode, log_out))
            time.sleep(0.1)
        # The client keeps its host locks under DISTCC_DIR (else $HOME,
        # which a test may not have).
        with tempfile.TemporaryDirectory(prefix="gfpdep-distcc-") as state:
            env = dict(os.environ, DISTCC_HOSTS="127.0.0.1:%d/2" % port, DISTCC_DIR=state)
            env.pop("DISTCC_FALLBACK", None)
            rc = subprocess.call(cmd, env=env)
    finally:
        try:
            os.killpg(daemon.pid, signal.SIGTERM)
        except OSError:
            pass
        try:
            daemon.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(daemon.pid, signal.SIGKILL)
            daemon.wait()
    sys.exit(rc)


if __name__ == "__main__":
    main()
