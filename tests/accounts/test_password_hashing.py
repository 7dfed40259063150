"""Passwords are stored as Argon2id; older hashes still log in and are replaced;
an unknown account costs a login the same work as a known one."""
from argon2 import PasswordHasher
from werkzeug.security import generate_password_hash

from contest.accounts.rules import hashing
from contest.accounts.models import User
from contest.extensions import db
from tests.conftest import PASSWORD


def _log_in(client, identifier, password=PASSWORD):
    return client.post("/dang-nhap", data={"identifier": identifier, "password": password})


def test_a_new_password_is_stored_as_argon2id_with_owasp_parameters(make_user):
    user = make_user()
    assert user.password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert PASSWORD not in user.password_hash
    assert user.check_password(PASSWORD) and not user.check_password(PASSWORD + "x")


def test_an_older_scrypt_hash_logs_in_once_and_is_replaced(client, make_user):
    user = make_user()
    user.password_hash = generate_password_hash(PASSWORD, method="scrypt")
    db.session.commit()
    assert _log_in(client, user.phone, "sai-mat-khau").status_code == 422
    assert db.session.get(User, user.id).password_hash.startswith("scrypt:")  # not on a failure
    assert _log_in(client, user.phone).status_code == 302
    db.session.expire_all()
    stored = db.session.get(User, user.id).password_hash
    assert stored.startswith("$argon2id$")
    client.post("/dang-xuat")
    assert _log_in(client, user.phone).status_code == 302


def test_an_unknown_account_costs_one_password_check_like_a_known_one(client, make_user, monkeypatch):
    user = make_user()
    checks = []

    class CountingHasher(PasswordHasher):
        def verify(self, stored, password):
            checks.append(stored)
            return super().verify(stored, password)

    monkeypatch.setattr(hashing, "HASHER", CountingHasher(time_cost=2, memory_cost=19 * 1024,
                                                          parallelism=1))
    assert _log_in(client, "0987654321").status_code == 422
    assert _log_in(client, user.phone, "sai-mat-khau").status_code == 422
    assert len(checks) == 2  # one Argon2id check each, the unknown one against a dummy hash
    assert checks[0] != user.password_hash and checks[1] == user.password_hash
