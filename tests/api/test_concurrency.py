"""20 concurrent clients each replaying their stops three times end with one record per stop."""
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func
from sqlmodel import Session, select

from stopform.db import engine_of
from stopform.models import Receipt, Stop
from tests.api.conftest import officers_with_tokens, stop_body

CLIENTS = 20
STOPS_PER_CLIENT = 3
REPLAYS = 3


def run_client(app, headers: dict, bodies: list[dict]) -> list[tuple[int, str]]:
    client = app.test_client()
    answers = []
    for _ in range(REPLAYS):
        for body in bodies:
            response = client.post("/api/v1/stops", json=body, headers=headers)
            answers.append((response.status_code, response.json.get("reference")))
    return answers


def test_replays_from_concurrent_clients_store_each_stop_once(committing_app):
    headers = officers_with_tokens(committing_app, CLIENTS)
    work = [(h, [stop_body() for _ in range(STOPS_PER_CLIENT)]) for h in headers]
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        results = list(pool.map(lambda item: run_client(committing_app, *item), work))
    statuses = [status for answers in results for status, _ in answers]
    assert set(statuses) <= {200, 201}, statuses
    assert statuses.count(201) == CLIENTS * STOPS_PER_CLIENT
    for answers in results:  # every replay got the same reference back
        references = [ref for _, ref in answers]
        assert references[:STOPS_PER_CLIENT] * REPLAYS == references
    with Session(engine_of(committing_app)) as session:
        assert session.exec(select(func.count()).select_from(Stop)).one() == CLIENTS * STOPS_PER_CLIENT
        assert session.exec(select(func.count()).select_from(Receipt)).one() == CLIENTS * STOPS_PER_CLIENT


def test_the_same_stop_sent_by_many_threads_at_once_is_stored_once(committing_app):
    headers = officers_with_tokens(committing_app, 1)[0]
    body = stop_body()
    client_answers = []
    with ThreadPoolExecutor(max_workers=10) as pool:
        for response in pool.map(lambda _: committing_app.test_client().post("/api/v1/stops", json=body,
                                                                              headers=headers), range(10)):
            client_answers.append((response.status_code, response.json["reference"]))
    assert sorted(status for status, _ in client_answers) == [200] * 9 + [201]
    assert len({reference for _, reference in client_answers}) == 1
    with Session(engine_of(committing_app)) as session:
        assert session.exec(select(func.count()).select_from(Stop)).one() == 1
