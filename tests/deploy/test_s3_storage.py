"""Case files on an S3-compatible store (settings: S3_BUCKET and friends, django-storages' S3Storage).

Runs against moto's server mode on a free loopback port (a real HTTP S3 endpoint in a thread of this process).
The storage settings are the ones `court/settings.py` builds from the S3_* variables, not a copy of them: a
document uploaded on the case page lands in the bucket as a private object, the download view streams the same
bytes after the access check, and anyone who may not see the case gets a 404."""

from __future__ import annotations

import os
import re
import runpy
import uuid
from pathlib import Path

import pytest
from django.urls import reverse

from court.cases import services
from court.cases.models import CaseDocument, CaseFileStorage
from tests.casefile.conftest import PDF, upload
from tests.web.conftest import as_user, recent  # noqa: F401

boto3 = pytest.importorskip("boto3", reason="the `s3` extra (django-storages[s3]) is not installed")
pytest.importorskip("storages", reason="the `s3` extra (django-storages[s3]) is not installed")
moto_server = pytest.importorskip("moto.server", reason="moto[server] (the `test` extra) is not installed")

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "court" / "settings.py"
KEYS = {"S3_ACCESS_KEY_ID": "fanjian-test-key", "S3_SECRET_ACCESS_KEY": "fanjian-test-secret"}
PUBLIC_GRANTEES = ("http://acs.amazonaws.com/groups/global/AllUsers",
                   "http://acs.amazonaws.com/groups/global/AuthenticatedUsers")


@pytest.fixture(scope="module")
def s3_endpoint():
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """A fresh bucket, and STORAGES["case_files"] exactly as court/settings.py builds it from the environment."""
    name = f"fanjian-{uuid.uuid4().hex[:12]}"
    env = {"S3_BUCKET": name, "S3_ENDPOINT_URL": s3_endpoint, "S3_REGION": "us-east-1", **KEYS}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1",
                          aws_access_key_id=KEYS["S3_ACCESS_KEY_ID"], aws_secret_access_key=KEYS["S3_SECRET_ACCESS_KEY"])
    client.create_bucket(Bucket=name)
    built = runpy.run_path(str(SETTINGS_FILE))["STORAGES"]["case_files"]
    settings.STORAGES = settings.STORAGES | {"case_files": built}
    return client, name, built["OPTIONS"]["location"]


def test_the_settings_put_the_case_files_in_the_bucket_privately(bucket):
    _client, name, location = bucket
    backend = CaseFileStorage.backend()
    assert type(backend).__module__ == "storages.backends.s3" and type(backend).__name__ == "S3Storage"
    assert backend.bucket_name == name and location == "case-files"
    assert backend.default_acl == "private" and backend.file_overwrite is False
    assert backend.max_memory_size == 2 * 1024 * 1024 and backend.querystring_auth is True
    with pytest.raises(NotImplementedError):  # no URL, public or signed, is ever handed out for a case file
        CaseFileStorage().url("ab/abc")


def test_an_upload_on_the_case_page_is_a_private_object_and_downloads_through_the_app(
        bucket, recent, party, judge, stranger, as_user):
    client, name, location = bucket
    case = recent()
    response = as_user(party).post(reverse("case_document_upload", args=[case.pk]), {
        "document-kind": "evidence", "document-title": "借条", "document-file": upload("借条.pdf", PDF)})
    assert response.status_code == 302 and response["Location"].endswith("#case-file")
    doc = CaseDocument.objects.get(case=case, title="借条")

    key = f"{location}/{doc.file.name}"
    assert [o["Key"] for o in client.list_objects_v2(Bucket=name)["Contents"]] == [key]
    assert client.get_object(Bucket=name, Key=key)["Body"].read() == PDF
    grants = client.get_object_acl(Bucket=name, Key=key)["Grants"]
    assert grants and not [g for g in grants if g["Grantee"].get("URI") in PUBLIC_GRANTEES]

    url = reverse("document_download", args=[doc.pk])
    for user in (party, judge):
        download = as_user(user).get(url)
        assert download.status_code == 200, user
        assert "Location" not in download  # streamed by the app, never a redirect to the store
        assert download["Content-Type"] == "application/pdf" and "no-store" in download["Cache-Control"]
        assert b"".join(download.streaming_content) == PDF
    assert as_user(stranger).get(url).status_code == 404  # a party of another case: as if it did not exist


def test_the_api_download_reads_the_bucket_too_and_a_rolled_back_upload_leaves_no_object(
        bucket, recent, party, stranger, as_user):
    client, name, _location = bucket
    case = recent()
    large = PDF + b"%" + bytes(range(256)) * (3 * 4096)  # 3 MB: past the 2 MB a download keeps in memory
    doc = services.document_upload(case=case, actor=party, kind="evidence", title="收据", file=upload("r.pdf", large))
    api = reverse("api:document_download", args=[doc.pk])
    response = as_user(party).get(api)
    assert response.status_code == 200 and b"".join(response.streaming_content) == large
    assert as_user(stranger).get(api).status_code == 404

    with pytest.raises(RuntimeError), services.atomic_with_files():
        services.document_upload(case=case, actor=party, kind="evidence", title="作废", file=upload("x.pdf", PDF))
        raise RuntimeError("the transaction rolls back")
    assert len(client.list_objects_v2(Bucket=name)["Contents"]) == 1
    assert not CaseDocument.objects.filter(title="作废").exists()



@pytest.mark.parametrize(("env", "message"), [
    ({"S3_ADDRESSING_STYLE": "sideways"}, "S3_ADDRESSING_STYLE='sideways' must be one of path, virtual, auto"),
    ({"S3_ACCESS_KEY_ID": "only-the-key"}, "Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither"),
    ({"S3_ENDPOINT_URL": "ftp://store"}, "S3_ENDPOINT_URL must start with one of http://, https://"),
])
def test_a_bad_s3_setting_stops_the_start(monkeypatch, env, message):
    from django.core.exceptions import ImproperlyConfigured

    for key in [k for k in os.environ if k.startswith("S3_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("S3_BUCKET", "fanjian-cases")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(ImproperlyConfigured, match=re.escape(message)):
        runpy.run_path(str(SETTINGS_FILE))
