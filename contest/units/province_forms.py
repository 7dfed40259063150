"""The organizer's form for loading a province's units in one step."""
from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms.validators import ValidationError

from contest.forms import ChoiceField
from contest.units.loading import UnknownProvince
from contest.units.provinces import all_provinces


class ProvinceField(ChoiceField):
    """A select of the 34 provinces; anything else gets the Vietnamese reason."""

    def pre_validate(self, form):
        if not self.data:
            raise ValidationError("Vui lòng chọn tỉnh, thành phố.")
        if self.data not in {value for value, _ in self.choices}:
            raise ValidationError(UnknownProvince.message)


class ProvinceForm(FlaskForm):
    province = ProvinceField("Tỉnh, thành phố", choices=[
        ("", "— Chọn tỉnh, thành phố —"),
        *((province.key, province.full_name) for province in all_provinces())])
    with_agencies = BooleanField("Thêm các sở, ban, ngành tiêu chuẩn")
