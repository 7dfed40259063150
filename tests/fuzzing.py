"""What the property-based tests feed the app: hostile texts (NFC/NFD Vietnamese,
zero-width and RTL marks, 10,000 characters, markup, SQL, NUL, 5,000 digits, year 1
and 9999), numbers and JSON of every shape; and a fresh client per example."""
import operator
import unicodedata

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

FUZZ = settings(max_examples=50, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

NAME = "Nguyễn Thị Hương"
HOSTILE = [
    NAME, unicodedata.normalize("NFD", NAME), "Trần\u200bVăn\u200dAn\ufeff", "\u202eabc\u202c",
    "<script>alert(1)</script>", "' OR 1=1 --", "'; DROP TABLE users; --", "\x00", "a\x00b",
    str(2**31), str(2**63), "-1", "", "   ", "²", "١٢", "1e3", "0", "null", "[]",
    "0912345678", "an@example.vn", "01/01/0001 00:00", "31/12/9999 23:59",
]
# Built when drawn, so that no strategy's description holds 10,000 characters.
long_texts = st.sampled_from([("A", 10_000), ("9", 5000), ("ễ", 301)]).map(
    lambda repeat: repeat[0] * repeat[1])
MISSING = "<missing>"  # a field left out of the form
texts = st.one_of(st.sampled_from(HOSTILE), long_texts, st.text(max_size=40),
                  st.builds(operator.add, st.sampled_from(HOSTILE), st.text(max_size=5)))
form_values = st.one_of(texts, st.just(MISSING), st.lists(texts, min_size=2, max_size=3))
numbers = st.one_of(st.integers(-5, 10), st.sampled_from([2**31, 2**63, -(2**63), 10**30]),
                    st.floats(allow_nan=False), st.booleans(), st.none(), texts)
json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), texts)
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(texts, inner, max_size=3), max_leaves=6)


def fresh_client(app, logged_in_client=None):
    """A client of its own for each example, with the session of ``logged_in_client``."""
    client = app.test_client()
    if logged_in_client is not None:
        client.set_cookie("session", logged_in_client.get_cookie("session").value)
    return client
