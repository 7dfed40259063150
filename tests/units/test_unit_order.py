"""The units a person picks at registration, in Vietnamese order within each kind
(the database would order by code points: "Xã Đông" after "Xã Yên")."""


def test_the_registration_picker_lists_units_in_vietnamese_order(client, make_unit):
    for name in ("Xã Yên Lạc", "Xã Đông Hưng", "Xã Dương Quang", "Xã Ân Thi", "Xã An Bình"):
        make_unit(name=name, kind="commune")
    make_unit(name="Sở Tư pháp", kind="agency")
    html = client.get("/dang-ky").get_data(as_text=True)
    order = ["Sở Tư pháp", "Xã An Bình", "Xã Ân Thi", "Xã Dương Quang", "Xã Đông Hưng",
             "Xã Yên Lạc"]
    assert [html.index(f">{name}<") for name in order] == sorted(
        html.index(f">{name}<") for name in order)


def test_the_unit_search_answers_in_vietnamese_order(client, make_unit):
    for name in ("Xã Yên Lạc", "Xã Đông Hưng", "Xã Dương Quang"):
        make_unit(name=name, kind="commune")
    names = [unit["name"] for unit in client.get("/api/don-vi?q=xa").get_json()["units"]]
    assert names == ["Xã Dương Quang", "Xã Đông Hưng", "Xã Yên Lạc"]
