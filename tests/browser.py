"""Headless Chromium driven over the Chrome DevTools Protocol, for the tests of the HTML pages.

Chromium is Debian's package (/usr/bin/chromium; `make test` installs it where missing). The
protocol runs over a pipe (--remote-debugging-pipe: JSON messages ending in a NUL byte, the
browser reads them on file descriptor 3 and answers on 4), which is how Playwright and Puppeteer
drive Chromium too: no port to pick or leak, no proxy in the way, no websocket library and no
browser download. Only a handful of stable protocol methods are used.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import queue
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",  # root here; the page is our own local file
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-pipe",
)
TIMEOUT = 60.0


class BrowserError(RuntimeError):
    pass


class Chromium:
    """One headless browser and one tab; use as a context manager so the process always ends."""

    def __init__(self, width: int = 1366, height: int = 900):
        self.size = (width, height)
        self.events: list[dict] = []
        self._next_id = 0
        self._messages: queue.Queue = queue.Queue()
        self._profile = tempfile.TemporaryDirectory(prefix="chromium-profile-")
        self._process: subprocess.Popen | None = None
        self._log = tempfile.TemporaryFile()  # Chromium's stderr, quoted when it fails
        self._session: str | None = None

    def __enter__(self) -> Chromium:
        self._start()
        target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")
        width, height = self.size
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}
        self.call("Emulation.setDeviceMetricsOverride", metrics)
        return self

    def __exit__(self, *exc) -> None:
        self._stop()

    def open(self, url: str) -> None:
        """Navigate and wait for the load event."""
        self.events.clear()
        result = self.call("Page.navigate", {"url": url})
        if result.get("errorText"):
            raise BrowserError(f"{url}: {result['errorText']}")
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page (JSON-serializable values only)."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise BrowserError(f"evaluate failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path: Path, full_page: bool = False) -> Path:
        params: dict = {"format": "png"}
        if full_page:
            size = self.call("Page.getLayoutMetrics")["cssContentSize"]
            clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
            params |= {"captureBeyondViewport": True, "clip": clip}
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot", params)["data"]))
        return path

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and error log entries (failed loads, blocked resources) so far."""
        found = []
        for event in self.events:
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                values = [a.get("value", a.get("description")) for a in params.get("args", [])]
                found.append(f"console.{params['type']}: {values}")
            elif method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                found.append(f"exception: {details.get('text')} {details.get('exception', {}).get('description', '')}")
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append(f"log: {params['entry'].get('text')} {params['entry'].get('url', '')}")
        return found

    def call(self, method: str, params: dict | None = None) -> dict:
        """A command to the tab."""
        return self._call(method, params, self._session)

    def wait_for(self, method: str) -> dict:
        deadline = time.monotonic() + TIMEOUT
        while True:
            for event in self.events:
                if event["method"] == method:
                    return event
            self._receive(deadline, f"event {method}")

    def _call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self._receive(deadline, method)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def _receive(self, deadline: float, waiting_for: str) -> dict:
        """The next message; events are kept in self.events."""
        try:
            message = self._messages.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            waited = f"no answer from Chromium in {TIMEOUT} s, waiting for {waiting_for}"
            raise BrowserError(waited + self._stderr()) from None
        if message is None:
            raise BrowserError(f"Chromium closed the pipe, waiting for {waiting_for}{self._stderr()}")
        if "method" in message and "id" not in message:
            self.events.append(message)
        return message

    def _start(self) -> None:
        if not CHROMIUM.exists():
            raise BrowserError(f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium)")
        to_browser, self._commands = _high_pipe()
        self._answers, from_browser = _high_pipe()

        def descriptors_3_and_4() -> None:  # runs in the child before exec
            os.dup2(to_browser, 3)
            os.dup2(from_browser, 4)

        args = [str(CHROMIUM), *FLAGS, f"--user-data-dir={self._profile.name}", "about:blank"]
        self._process = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=self._log,
            close_fds=False,
            preexec_fn=descriptors_3_and_4,
            start_new_session=True,
        )
        os.close(to_browser)
        os.close(from_browser)
        threading.Thread(target=self._read_answers, daemon=True).start()

    def _stderr(self) -> str:
        self._log.seek(0)
        tail = self._log.read().decode(errors="replace")[-2000:]
        return f"; Chromium's output ends:\n{tail}" if tail.strip() else ""

    def _read_answers(self) -> None:
        buffer = b""
        while chunk := os.read(self._answers, 1 << 16):
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for message in messages:
                self._messages.put(json.loads(message))
        self._messages.put(None)

    def _stop(self) -> None:
        """Ask the browser to close, then end its process group (renderers included) if it has not."""
        if self._process is None:
            return
        try:
            self._call("Browser.close")
        except (BrowserError, OSError):
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(self._process.pid, signal.SIGKILL)  # the group this browser leads, nothing else
        except ProcessLookupError:
            pass
        self._process.wait()
        for descriptor in (self._commands, self._answers):
            try:
                os.close(descriptor)
            except OSError:
                pass
        self._log.close()
        self._profile.cleanup()


def _high_pipe() -> tuple[int, int]:
    """A pipe whose ends are numbered 10 or above (so moving them to 3 and 4 in the child clobbers neither),
    not inherited by any child except through the explicit dup2."""
    read, write = os.pipe()
    ends = tuple(fcntl.fcntl(end, fcntl.F_DUPFD_CLOEXEC, 10) for end in (read, write))
    os.close(read)
    os.close(write)
    return ends  # type: ignore[return-value]
