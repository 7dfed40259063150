from contest.text import fold


def test_fold_ignores_diacritics_and_case():
    assert fold("Sở Nội vụ") == "so noi vu"
    assert fold("  ĐỀ THÁM  ") == "de tham"


def test_search_finds_units_typed_without_diacritics(client, make_unit):
    make_unit(name="Sở Nội vụ")
    make_unit(name="Phường Đề Thám", kind="commune")
    make_unit(name="Sở Tư pháp")
    names = [u["name"] for u in client.get("/api/don-vi?q=so noi vu").get_json()["units"]]
    assert names == ["Sở Nội vụ"]
    names = [u["name"] for u in client.get("/api/don-vi?q=DE THAM").get_json()["units"]]
    assert names == ["Phường Đề Thám"]
    assert len(client.get("/api/don-vi?q=so").get_json()["units"]) == 2
    assert client.get("/api/don-vi?q=%25").get_json()["units"] == []
