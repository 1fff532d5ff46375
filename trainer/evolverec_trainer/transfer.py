"""Moving a job's files over HTTP(S): presigned GET URLs in, presigned PUT URLs out.

A training job holds no cloud credentials: the step that submits it signs one URL per object it
may read or write (see shared/src/engine/steps/trainingJobSpec.ts), so it can touch nothing else.
"""

import shutil
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

ATTEMPTS = 3
BACKOFF_SECONDS = 1.0
TIMEOUT_SECONDS = 120.0
# Inputs are a program and a prepared view: far below this unless a URL points elsewhere.
MAX_DOWNLOAD_BYTES = 2 * 1024**3


class TransferError(Exception):
    """A job input could not be fetched or an output not stored."""


def download(url: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)

    def fetch() -> None:
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:
            length = int(response.headers.get("Content-Length") or 0)
            if length > MAX_DOWNLOAD_BYTES:
                raise TransferError(f"{target.name}: {length} bytes is over the input limit")
            with target.open("wb") as out:
                shutil.copyfileobj(response, out)

    _with_retries(f"download {target.name}", fetch)


def upload(source: Path, url: str) -> None:
    def put() -> None:
        data = source.read_bytes()
        # urllib would call the body a form; S3 stores what it is told.
        headers = {"Content-Type": "application/octet-stream"}
        request = urllib.request.Request(url, data=data, method="PUT", headers=headers)
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS):
            pass

    _with_retries(f"upload {source.name}", put)


def _with_retries(what: str, action: Callable[[], None]) -> None:
    for attempt in range(1, ATTEMPTS + 1):
        try:
            action()
            return
        except urllib.error.HTTPError as e:
            # 403 is an expired or wrong signature: retrying cannot help.
            if e.code < 500 or attempt == ATTEMPTS:
                raise TransferError(f"{what}: HTTP {e.code} {e.reason}") from e
        except (urllib.error.URLError, TimeoutError, ConnectionError) as e:
            if attempt == ATTEMPTS:
                raise TransferError(f"{what}: {e}") from e
        time.sleep(BACKOFF_SECONDS * 2 ** (attempt - 1))
