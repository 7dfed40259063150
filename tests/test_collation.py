"""Names in Vietnamese alphabetical order (contest.collation), not in code-point
order: Python's own sort puts "Trương" before "Trần" and "Đặng" after "Yến"."""
from contest.collation import person_sort_key, sort_key


def in_order(words):
    return sorted(words, key=sort_key)


def test_d_with_stroke_is_a_letter_after_d_and_before_e():
    assert in_order(["Em", "Đặng", "Dương", "Yến", "Dũng"]) == ["Dũng", "Dương", "Đặng", "Em", "Yến"]


def test_tran_comes_before_truong():
    assert in_order(["Trương", "Trần"]) == ["Trần", "Trương"]


def test_a_tone_only_breaks_a_tie_so_anh_sorts_with_a():
    assert in_order(["Bình", "Ánh", "Anh", "An"]) == ["An", "Anh", "Ánh", "Bình"]


def test_the_tones_in_dictionary_order():
    assert in_order(["bạ", "bá", "bã", "bả", "bà", "ba"]) == ["ba", "bà", "bả", "bã", "bá", "bạ"]


def test_letters_with_marks_are_letters_of_their_own():
    assert in_order(["Ân", "Ăn", "Ba", "Anh", "Ơn", "Ôn", "On", "Ư", "Uy", "Ê", "Ez"]) == [
        "Anh", "Ăn", "Ân", "Ba", "Ez", "Ê", "On", "Ôn", "Ơn", "Uy", "Ư"]


def test_a_dot_below_with_a_circumflex_still_makes_the_letter_a_circumflex():
    # "ậ" decomposes as a, dot below, circumflex: the circumflex is found past the tone
    assert in_order(["Ba", "Ấn", "Ậu", "Ắt", "Az"]) == ["Az", "Ắt", "Ấn", "Ậu", "Ba"]


def test_people_are_sorted_by_given_name_first():
    people = ["Trần Thị Bình", "Nguyễn Văn An", "Lê An", "Phạm Đức Anh", "Vũ Đào"]
    assert sorted(people, key=person_sort_key) == [
        "Lê An", "Nguyễn Văn An", "Phạm Đức Anh", "Trần Thị Bình", "Vũ Đào"]
