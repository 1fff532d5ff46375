"""Job inputs and outputs as local folders or ``s3://bucket/prefix`` URIs (the Batch form)."""

from pathlib import Path
from typing import Any

S3_SCHEME = "s3://"


def is_s3(uri: str) -> bool:
    return uri.startswith(S3_SCHEME)


def split_s3(uri: str) -> tuple[str, str]:
    bucket, _, prefix = uri[len(S3_SCHEME) :].partition("/")
    if not bucket:
        raise ValueError(f"{uri}: no bucket")
    return bucket, prefix.rstrip("/")


def fetch_folder(uri: str, staging: Path) -> Path:
    """The local folder holding ``uri``'s files: the path itself, or a download into staging."""
    if not is_s3(uri):
        return Path(uri)
    bucket, prefix = split_s3(uri)
    client = _client()
    found = False
    for page in client.get_paginator("list_objects_v2").paginate(
        Bucket=bucket, Prefix=prefix + "/"
    ):
        for obj in page.get("Contents", []):
            relative = obj["Key"][len(prefix) + 1 :]
            if not relative or relative.endswith("/"):
                continue
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            client.download_file(bucket, obj["Key"], str(target))
            found = True
    if not found:
        raise FileNotFoundError(f"{uri}: no objects under this prefix")
    return staging


def publish_folder(folder: Path, uri: str) -> None:
    """Uploads every file of ``folder`` under the ``uri`` prefix."""
    bucket, prefix = split_s3(uri)
    client = _client()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        client.upload_file(str(path), bucket, f"{prefix}/{path.relative_to(folder).as_posix()}")


def _client() -> Any:
    import boto3  # imported here: local runs need no AWS SDK

    return boto3.client("s3")
