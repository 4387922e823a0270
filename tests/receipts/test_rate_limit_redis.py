"""The receipt limits in Redis, shared by the workers: misses add up across them, reading does not count."""
from stopform.limiter import limiter
from stopform.receipts.codes import new_token
from tests.test_ratelimit_redis import _redis_or_skip, worker


def test_misses_add_up_across_workers_and_reading_never_counts(receipted, engine, connection, app_config,
                                                              monkeypatch):
    _redis_or_skip()
    _stop, credentials = receipted()  # first: its app must not be the last to configure the shared limiter
    first, second = (worker(engine, connection, app_config, monkeypatch) for _ in range(2))
    try:
        with first.app_context():
            limiter.reset()
        reader = {"REMOTE_ADDR": "192.0.2.50"}
        reads = [(first if n % 2 else second).test_client().get(f"/r/{credentials.token}?lang=en",
                                                                 environ_base=reader).status_code
                 for n in range(15)]
        assert reads == [200] * 15
        guesser = {"REMOTE_ADDR": "192.0.2.51"}
        misses = [(first if n % 2 else second).test_client().get(f"/r/{new_token()}",
                                                                  environ_base=guesser).status_code
                  for n in range(11)]
        assert misses == [404] * 10 + [429]
    finally:
        with first.app_context():
            limiter.reset()
        limiter.enabled = False
