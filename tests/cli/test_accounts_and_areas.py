"""`create-user`, `seed-demo-accounts` and `import-areas`."""
from decimal import Decimal

from sqlmodel import select

from stopform.auth.passwords import verify_password
from stopform.models import Area, Unit, User

PASSWORD = "amber-lantern-quietly-97"


def test_create_user_with_password_and_new_unit(runner, db_session):
    without = runner.invoke(args=["create-user", "jdevries", "--role", "officer", "--password", PASSWORD])
    assert without.exit_code != 0 and "service number" in without.output
    result = runner.invoke(args=["create-user", "jdevries", "--role", "officer", "--unit", "maas-west",
                                 "--service-number", "nl-7", "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    user = db_session.exec(select(User).where(User.username == "jdevries")).one()
    unit = db_session.get(Unit, user.unit_id)
    assert unit.code == "MAAS-WEST" and user.role == "officer"
    assert user.password_hash.startswith("$argon2id$") and verify_password(user.password_hash, PASSWORD)
    assert PASSWORD not in user.password_hash


def test_create_user_prompts_for_password(runner, db_session):
    result = runner.invoke(args=["create-user", "prompted", "--role", "supervisor", "--unit", "LIMBURG-NOORD",
                                 "--service-number", "NL-8"],
                           input="typed-violet-harbour-42\ntyped-violet-harbour-42\n")
    assert result.exit_code == 0, result.output
    user = db_session.exec(select(User).where(User.username == "prompted")).one()
    assert verify_password(user.password_hash, "typed-violet-harbour-42")


def test_create_user_refuses_duplicates_and_bad_roles(runner):
    password = "dup-marble-orchard-63"
    assert runner.invoke(args=["create-user", "dup", "--role", "admin", "--password", password]).exit_code == 0
    again = runner.invoke(args=["create-user", "dup", "--role", "admin", "--password", "dup-marble-orchard-63"])
    assert again.exit_code != 0 and "exists already" in again.output
    bad = runner.invoke(args=["create-user", "x", "--role", "sheriff", "--password", "dup-marble-orchard-63"])
    assert bad.exit_code != 0


def test_demo_accounts_only_in_development(runner, app, db_session):
    result = runner.invoke(args=["seed-demo-accounts"])
    assert result.exit_code == 0 and "officer" in result.output
    roles = {u.username: u.role for u in db_session.exec(select(User))}
    assert {"officer", "supervisor", "admin", "oversight"} <= set(roles)
    assert runner.invoke(args=["seed-demo-accounts"]).exit_code == 0  # idempotent
    app.config["ENV"] = "production"
    refused = runner.invoke(args=["seed-demo-accounts"])
    assert refused.exit_code != 0 and "only made in development" in refused.output


def write_csv(tmp_path, body: str):
    path = tmp_path / "areas.csv"
    path.write_text(body, encoding="utf-8")
    return str(path)


def test_import_areas_is_idempotent(runner, db_session, tmp_path):
    path = write_csv(tmp_path, "code,name,latitude,longitude\nTEGELEN,Tegelen,51.344,6.136\n"
                               "roermond,Roermond,51.194,5.987\n")
    first = runner.invoke(args=["import-areas", path])
    assert first.exit_code == 0 and "1 added, 0 updated, 1 unchanged" in first.output
    second = runner.invoke(args=["import-areas", path])
    assert "0 added, 0 updated, 2 unchanged" in second.output
    area = db_session.exec(select(Area).where(Area.code == "TEGELEN")).one()
    assert Decimal(area.latitude) == Decimal("51.344")


def test_import_areas_all_or_nothing_with_line_and_column(runner, db_session, tmp_path):
    path = write_csv(tmp_path, "code,name,latitude,longitude\nGOOD,Good,51.0,6.0\nBAD,Bad,95,6.0\nWORSE,,x,6.0\n")
    result = runner.invoke(args=["import-areas", path])
    assert result.exit_code != 0
    assert "line 3, column latitude" in result.output
    assert "line 4, column name: missing" in result.output
    assert db_session.exec(select(Area).where(Area.code == "GOOD")).first() is None


def test_import_areas_requires_the_columns(runner, tmp_path):
    result = runner.invoke(args=["import-areas", write_csv(tmp_path, "code,name\nX,Y\n")])
    assert result.exit_code != 0 and "line 1, column latitude" in result.output


def test_the_roermond_region_is_seeded(db_session):
    codes = set(db_session.exec(select(Area.code)))
    assert {"ROERMOND", "VENLO", "WEERT", "MAASTRICHT", "SITTARD-GELEEN"} <= codes
