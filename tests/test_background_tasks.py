"""Background work: queued mail with retries against a real worker and a local
SMTP server that refuses and then accepts, mail never sent twice, the fallback when the
queue is away, rate limits shared through Redis, and the scheduled tasks.

The worker tests start their own ``redis-server`` and ``huey_consumer`` (real processes);
a missing redis-server is a failure, not a skip.
"""
from __future__ import annotations

import os
import sys
import threading
from datetime import datetime
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from bench.stack import Browser, ManagedProcess, RedisServer, free_port, port_open, wait_for
from recruit.mail import deliver_queued, send_mail
from recruit.tasks import init_tasks
from recruit.tasks.queue import huey
from recruit.tasks.scheduled import recompute_influence, sweep_expired

from .conftest import _settings
from .job_support import outbox_messages
from .referral_support import query, referral_id_from

ROOT = Path(__file__).resolve().parent.parent


class FlakySmtp:
    """An SMTP handler that answers 451 ("try again later") to the first ``refusals``
    messages and accepts the rest, keeping what it accepted."""

    def __init__(self, refusals: int):
        self.refusals = refusals
        self.refused = 0
        self.accepted: list[bytes] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.refused < self.refusals:
                self.refused += 1
                return "451 4.3.0 Mail server busy, try again later"
            self.accepted.append(envelope.content)
        return "250 OK"


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    server = RedisServer(free_port(), tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis(redis_server):
    import redis as redis_client
    client = redis_client.Redis.from_url(redis_server.url)
    client.flushdb()  # a private server: nothing else lives there
    yield client
    client.close()


def smtp_server(handler) -> Controller:
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller


def queued(app, redis_server, smtp: Controller | None = None) -> None:
    """Switch ``app`` to a real queue on the private Redis (and the SMTP server)."""
    app.config.update(REDIS_URL=redis_server.url, TASKS_IMMEDIATE=False, MAIL_RETRY_DELAY=1)
    if smtp is not None:
        app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=smtp.port, SMTP_STARTTLS=False)
    init_tasks(app)


def consumer(tmp_path, redis_server, smtp: Controller | None = None) -> ManagedProcess:
    uri, user, password, database = _settings()
    env = {**os.environ, "REDIS_URL": redis_server.url, "NEO4J_URI": uri, "NEO4J_USER": user,
           "NEO4J_PASSWORD": password, "NEO4J_DATABASE": database,
           "OUTBOX_DIR": str(tmp_path / "worker-outbox"), "SECRET_KEY": "test-secret-key"}
    if smtp is not None:
        env.update(SMTP_HOST="127.0.0.1", SMTP_PORT=str(smtp.port), SMTP_STARTTLS="false")
    bin_dir = Path(sys.executable).parent
    process = ManagedProcess("consumer", [str(bin_dir / "huey_consumer"),
                                          "recruit.tasks.worker.huey", "--workers", "2",
                                          "--worker-type", "thread", "--flush-locks"],
                             env, tmp_path)
    process.start()
    return process


@pytest.fixture
def back_to_inline(app):
    yield
    app.config["TASKS_IMMEDIATE"] = True
    init_tasks(app)


def queue_is_empty() -> bool:
    return huey.pending_count() == 0 and huey.scheduled_count() == 0


def test_mail_waits_for_smtp_and_goes_out_once(app, world, redis, redis_server, tmp_path,
                                               back_to_inline):
    handler = FlakySmtp(refusals=2)
    smtp = smtp_server(handler)
    worker = None
    try:
        queued(app, redis_server, smtp)
        # The world's friendships left e-mail copies of their notices for the worker's
        # notice_mails task; this test follows one mail, so those are settled first.
        notice_mails = app.extensions["graph"].notice_mails
        notice_mails.mark_sent([mail["id"] for mail in notice_mails.pending()])
        employee = world.employee.client
        url = f"/jobs/{world.job_id}/refer"
        response = employee.post(url, {"kind": "outside", "name": "Olga Outside",
                                       "email": "olga@mail.example", "note": ""},
                                 token_from=url)
        referral_id_from(response)  # the request succeeded while nothing was delivered
        assert handler.accepted == [] and huey.pending_count() == 1
        # No worker yet: readiness says so.
        ready = app.test_client().get("/readyz").get_json()
        assert ready["checks"]["tasks"]["ok"] is False
        assert ready["checks"]["tasks"]["error"] == "no live worker"

        worker = consumer(tmp_path, redis_server, smtp)
        wait_for(lambda: len(handler.accepted) == 1, 90, "the mail to be accepted")
        assert handler.refused == 2  # refused twice, retried with back-off, then sent
        assert b"olga@mail.example" in handler.accepted[0]
        wait_for(queue_is_empty, 30, "the queue to drain")
        assert len(handler.accepted) == 1 and worker.alive(), worker.log_tail()
        ready = app.test_client().get("/readyz").get_json()
        assert ready["checks"]["tasks"]["ok"] is True, ready
    finally:
        if worker:
            worker.stop()
        smtp.stop()


def test_a_duplicate_task_does_not_send_the_mail_again(app, redis, redis_server, tmp_path,
                                                       back_to_inline):
    handler = FlakySmtp(refusals=0)
    smtp = smtp_server(handler)
    worker = None
    try:
        queued(app, redis_server, smtp)
        for _ in range(2):  # the same message enqueued twice (say, by a retried request)
            huey.enqueue(deliver_queued.s("m" * 32, "ann@mail.example", "Hello", "Body"))
        worker = consumer(tmp_path, redis_server, smtp)
        wait_for(lambda: "already sent" in worker.log_tail(200), 60,
                 "the second copy to be skipped")
        wait_for(queue_is_empty, 30, "the queue to drain")
        assert len(handler.accepted) == 1
    finally:
        if worker:
            worker.stop()
        smtp.stop()


def test_a_data_archive_is_prepared_by_the_worker(app, members, redis, redis_server, tmp_path,
                                                  back_to_inline):
    client, member_id = members.signup("Quinn Queue", "quinn.queue@example.com")
    queued(app, redis_server)
    asked = client.post("/account/data/archives", {}, token_from="/account/data")
    assert asked.status_code == 302 and huey.pending_count() == 1
    [archive] = query(app, "MATCH (:Person {id: $id})-[:REQUESTED_ARCHIVE]->(a:DataArchive) "
                           "RETURN a.id AS id, a.status AS status", id=member_id)
    assert archive["status"] == "queued"
    assert "Being prepared" in client.get("/account/data").get_data(as_text=True)
    url = f"/account/data/archives/{archive['id']}.json"
    assert client.get(url).status_code == 404  # nothing to download until the worker ran
    worker = consumer(tmp_path, redis_server)
    try:
        wait_for(lambda: client.get(url).status_code == 200, 60, "the archive to be ready")
    finally:
        worker.stop()
    body = client.get(url).get_json()
    assert body["account"]["email"] == "quinn.queue@example.com"
    assert "Your data archive is ready" in client.get("/notices").get_data(as_text=True)


def test_mail_is_delivered_inline_when_the_queue_is_away(app, outbox, back_to_inline):
    app.config.update(REDIS_URL=f"redis://127.0.0.1:{free_port()}/0", TASKS_IMMEDIATE=False)
    init_tasks(app)
    with app.test_request_context("/"):
        outcome = send_mail("ann@mail.example", "Hello", "Body")
    assert outcome.endswith(".eml")
    assert [m["To"] for m in outbox_messages(outbox)] == ["ann@mail.example"]


def test_queued_work_runs_inline_when_the_queue_is_away(app, members, back_to_inline):
    """A request that queues work (here a data archive; a job post queues its alerts the
    same way, through ``enqueue_or_run``) neither fails nor loses it when Redis is away."""
    client, member_id = members.signup("Rosa Redisless", "rosa.redisless@example.com")
    app.config.update(REDIS_URL=f"redis://127.0.0.1:{free_port()}/0", TASKS_IMMEDIATE=False)
    init_tasks(app)
    asked = client.post("/account/data/archives", {}, token_from="/account/data")
    assert asked.status_code == 302
    [archive] = query(app, "MATCH (:Person {id: $id})-[:REQUESTED_ARCHIVE]->(a:DataArchive) "
                           "RETURN a.status AS status", id=member_id)
    assert archive["status"] == "ready"


def web_instance(tmp_path, name: str, storage: str) -> tuple[ManagedProcess, int]:
    """A one-worker gunicorn of its own, as a second host would be."""
    uri, user, password, database = _settings()
    port = free_port()
    env = {**os.environ, "NEO4J_URI": uri, "NEO4J_USER": user, "NEO4J_PASSWORD": password,
           "NEO4J_DATABASE": database, "SECRET_KEY": "test-secret-key", "REDIS_URL": "",
           "RATELIMIT_STORAGE_URI": storage, "LOGIN_LIMIT_PER_ADDRESS": "2 per minute"}
    process = ManagedProcess(name, [str(Path(sys.executable).parent / "gunicorn"), "--bind",
                                    f"127.0.0.1:{port}", "--workers", "1", "wsgi:app"],
                             env, tmp_path)
    process.start()
    wait_for(lambda: port_open(port), 60, f"{name} to listen")
    return process, port


def failed_login(port: int) -> int:
    browser = Browser(port)
    browser.fetch_csrf("/login")
    status, _, _ = browser.request("POST", "/login", {"email": "nobody@example.com",
                                                      "password": "wrong password!"})
    return status


@pytest.mark.parametrize("shared", [True, False])
def test_rate_limits_are_shared_through_redis(clean_db, redis, redis_server, tmp_path, shared):
    """Two app processes (two hosts): the throttle counted by one stops the other only
    when the counts live in Redis; per-process memory, the old default, does not."""
    storage = redis_server.url if shared else "memory://"
    first, first_port = web_instance(tmp_path, "first", storage)
    second, second_port = web_instance(tmp_path, "second", storage)
    try:
        assert [failed_login(first_port) for _ in range(2)] == [400, 400]
        assert failed_login(second_port) == (429 if shared else 400)
    finally:
        first.stop()
        second.stop()
    assert bool(redis.keys("LIMITS*")) is shared


def test_sweep_expires_old_invitations_and_prunes_write_tokens(app, world, outbox):
    employee = world.employee.client
    url = f"/jobs/{world.job_id}/refer"
    referral_id = referral_id_from(employee.post(
        url, {"kind": "outside", "name": "Olga Outside", "email": "olga@mail.example",
              "note": "", "request_id": "t" * 24}, token_from=url))
    query(app, "MATCH (r:Referral {id: $id}) SET r.createdAt = '2020-01-01T00:00:00+00:00'",
          id=referral_id)
    query(app, "MATCH (t:WriteToken) SET t.createdAt = '2020-01-01T00:00:00+00:00'")
    with app.app_context():
        result = sweep_expired.call_local()
    assert result["invitations"] == 1 and result["writeTokens"] >= 1
    rows = query(app, "MATCH (r:Referral {id: $id}) RETURN r.status AS status, "
                      "r.candidateEmail AS email", id=referral_id)
    assert rows == [{"status": "expired", "email": None}]  # the outsider's address is gone
    assert query(app, "MATCH (t:WriteToken) RETURN count(t) AS n") == [{"n": 0}]


def test_nightly_influence_recomputes_levels(app, world):
    query(app, "MATCH (p:Person) REMOVE p.influenceLevel")
    with app.app_context():
        result = recompute_influence.call_local()
    assert result["members"] == 3
    rows = query(app, "MATCH (p:Person) WHERE p.influenceLevel IS NULL RETURN count(p) AS n")
    assert rows == [{"n": 0}]


def test_schedule_times():
    nightly, hourly = recompute_influence.s(), sweep_expired.s()
    assert nightly.validate_datetime(datetime(2026, 3, 1, 2, 30))
    assert not nightly.validate_datetime(datetime(2026, 3, 1, 3, 30))
    assert hourly.validate_datetime(datetime(2026, 3, 1, 17, 5))
    assert not hourly.validate_datetime(datetime(2026, 3, 1, 17, 6))


def test_a_recurring_task_runs_once_at_a_time_on_this_redis(app, redis, redis_server,
                                                            back_to_inline):
    """The task lock works on the Redis we ship (Debian's 7.0: huey's own TTL lock needs
    7.4 and made every locked task fail), expires by itself, and is released only by its
    holder."""
    from recruit.tasks.locks import LOCK_PREFIX, exclusive

    queued(app, redis_server)
    runs = []

    @exclusive("probe", ttl=30)
    def probe():
        runs.append(redis.get(LOCK_PREFIX + "probe"))
        return "ran"

    assert probe() == "ran" and runs[0] is not None  # held while running
    assert redis.get(LOCK_PREFIX + "probe") is None  # released after
    redis.set(LOCK_PREFIX + "probe", "another worker", ex=1)
    assert probe() is None and len(runs) == 1  # skipped while another run holds it
    assert redis.get(LOCK_PREFIX + "probe") == b"another worker"  # not ours to release
    wait_for(lambda: redis.get(LOCK_PREFIX + "probe") is None, 10, "the stale lock to expire")
    assert probe() == "ran" and len(runs) == 2


def test_every_scheduled_task_body_runs_in_the_worker_without_error(app, redis,
                                                                    redis_server,
                                                                    back_to_inline):
    """Each periodic task, called as the worker would (``call_local``) against the real
    queue, finishes: a lock or set-up that fails on this Redis shows up here, not in
    production logs."""
    from recruit.tasks import scheduled

    queued(app, redis_server)
    tasks = [getattr(scheduled, name) for name in dir(scheduled)
             if hasattr(getattr(scheduled, name), "call_local")]
    assert len(tasks) >= 10
    for task in tasks:
        task.call_local()


def test_the_outbox_lists_mails_in_the_order_they_were_written(tmp_path):
    """Mails written within one second (a referral's request and its confirmations) sort
    by name in the order they were written: tests and readers of the outbox rely on it."""
    from email.message import EmailMessage
    from recruit.mail import _write_outbox
    written = []
    for number in range(20):
        message = EmailMessage()
        message["Subject"] = f"mail {number}"
        message.set_content("body")
        written.append(_write_outbox(str(tmp_path), message).name)
    assert sorted(written) == written
    assert sorted(p.name for p in tmp_path.glob("*.eml")) == written
