"""Two texts that look the same are the same: names, units, questions and options
are kept in NFC without invisible characters (zero-width, bidirectional marks,
controls), and phone numbers are ASCII digits (full-width folded, other scripts'
digits refused), so duplicate checks cannot be passed by what no one can see."""
import pytest

from contest.accounts.rules.phone import is_valid_mobile, normalize_phone
from contest.bank.rules.validate import question_problems
from contest.text import clean_text, normalise_text

LOOK_ALIKES = ["Một\u200b cửa", "Một cửa\u200d", "\ufeffMột cửa", "Một \u202ecửa", "Mo\u0323\u0302t cửa"]


@pytest.mark.parametrize("look_alike", LOOK_ALIKES)
def test_a_look_alike_text_is_the_same_text(look_alike):
    assert clean_text(look_alike) == "Một cửa"
    assert normalise_text(look_alike) == normalise_text("Một cửa")


@pytest.mark.parametrize("look_alike", LOOK_ALIKES)
def test_two_options_that_look_the_same_are_duplicates(look_alike):
    question = {"code": "ABC-001", "difficulty": 1, "question": "Câu hỏi thử?",
                "options": ["Một cửa", look_alike, "Liên thông"], "correct": 1,
                "explanation": "Giải thích.", "source": {"document": "Văn bản", "part": "Điều 1"}}
    assert any(problem.message == "có hai phương án trùng nhau"
               for problem in question_problems(question))


def test_lines_stay_in_texts_that_have_lines():
    assert clean_text("Dòng 1\r\nDòng\u200b 2", keep_lines=True) == "Dòng 1\nDòng 2"


@pytest.mark.parametrize("typed, stored", [
    ("０９１２３４５６７８", "0912345678"),  # full-width: the same number
    ("0912 345 678", "0912345678"),
])
def test_a_phone_in_full_width_digits_is_the_same_phone(typed, stored):
    assert normalize_phone(typed) == stored and is_valid_mobile(normalize_phone(typed))


@pytest.mark.parametrize("typed", ["٠٩١٢٣٤٥٦٧٨", "۰۹۱۲۳۴۵۶۷۸", "०९१२३४५६७८"])
def test_a_phone_in_other_scripts_digits_is_refused(typed):
    assert not is_valid_mobile(normalize_phone(typed))


def test_registering_the_same_phone_in_full_width_digits_is_refused(client, make_user):
    existing = make_user(phone="0912345678")
    response = client.get("/dang-ky")
    assert response.status_code == 200
    page = client.post("/dang-ky", data={
        "full_name": "Nguyễn Văn B", "date_of_birth": "01/02/1990", "gender": "nam",
        "phone": "０９１２３４５６７８", "audience": "cbccvc", "unit_id": existing.unit_id,
        "password": "hoa-sen-tim-92", "password_confirm": "hoa-sen-tim-92", "consent": "y"})
    assert page.status_code == 422
    assert "đã được đăng ký" in page.get_data(as_text=True)


def test_a_unit_name_with_a_zero_width_space_is_the_same_name():
    from contest.units.rules import clean_name
    assert clean_name("Xã\u200b Ia\u202e Grai ") == clean_name("Xã Ia Grai") == "Xã Ia Grai"
