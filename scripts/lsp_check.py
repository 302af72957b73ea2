#!/usr/bin/env python3
"""A minimal LSP client: opens one file in a language server over stdio and
prints the diagnostics the server publishes for it, as JSON.

  lsp_check.py [--timeout S] [--expect-code CODE] -- SERVER [ARGS...] FILE

It speaks JSON-RPC with Content-Length framing: initialize (with
relatedInformation support, so notes arrive as related information),
initialized, textDocument/didOpen, then waits for a publishDiagnostics for
the file whose diagnostics contain CODE (or any, without --expect-code),
and shuts the server down. Exit 0 when such diagnostics arrived, 1 on
timeout. The time to diagnostics goes to stderr.
"""
import json
import os
import subprocess
import sys
import threading
import time
import queue


def send(proc, msg):
    body = json.dumps(msg).encode()
    try:
        proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        proc.stdin.flush()
    except (BrokenPipeError, OSError):
        pass  # the server is gone; the caller reports what it got


def reader(proc, q):
    f = proc.stdout
    while True:
        headers = {}
        while True:
            line = f.readline()
            if not line:
                q.put(None)
                return
            line = line.strip()
            if not line:
                break
            k, _, v = line.decode().partition(":")
            headers[k.strip().lower()] = v.strip()
        n = int(headers.get("content-length", 0))
        q.put(json.loads(f.read(n)))


def main():
    args = sys.argv[1:]
    timeout, code = 60.0, None
    while args and args[0] != "--":
        if args[0] == "--timeout":
            timeout = float(args[1]); args = args[2:]
        elif args[0] == "--expect-code":
            code = args[1]; args = args[2:]
        else:
            sys.exit("usage: " + __doc__.splitlines()[2])
    server, path = args[1:-1], os.path.abspath(args[-1])
    uri = "file://" + path
    proc = subprocess.Popen(server, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    q = queue.Queue()
    threading.Thread(target=reader, args=(proc, q), daemon=True).start()
    start = time.monotonic()
    send(proc, {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": os.getpid(), "rootUri": "file://" + os.path.dirname(path),
        "capabilities": {"textDocument": {"publishDiagnostics": {
            "relatedInformation": True, "codeDescriptionSupport": True}}}}})
    text = open(path).read()
    opened = False
    result = None
    while time.monotonic() - start < timeout:
        try:
            msg = q.get(timeout=max(0.1, timeout - (time.monotonic() - start)))
        except queue.Empty:
            break
        if msg is None:
            break
        if msg.get("id") == 1 and not opened:
            send(proc, {"jsonrpc": "2.0", "method": "initialized", "params": {}})
            lang = "cpp" if path.endswith((".cpp", ".cc", ".cxx")) else "c"
            send(proc, {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
                "textDocument": {"uri": uri, "languageId": lang, "version": 1,
                                 "text": text}}})
            opened = True
            start_open = time.monotonic()
            continue
        if msg.get("method") == "textDocument/publishDiagnostics" and \
                msg["params"]["uri"] == uri:
            diags = msg["params"]["diagnostics"]
            if code is None or any(d.get("code") == code for d in diags):
                result = diags
                elapsed = time.monotonic() - start_open
                break
    send(proc, {"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    send(proc, {"jsonrpc": "2.0", "method": "exit"})
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
    if result is None:
        print("no diagnostics%s within %.0f s" % (
            " with code " + code if code else "", timeout), file=sys.stderr)
        return 1
    print("time to diagnostics: %.3f s" % elapsed, file=sys.stderr)
    print(json.dumps(result, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
