"""`flask --app wsgi units provinces | load-province`: the ops path for loading a
province's communes and wards (the organizer's page does the same)."""
import click

from contest.units.loading import UnknownProvince, load_province, province_or_refuse
from contest.units.provinces import all_provinces


@click.group("units")
def units():
    """Units: the 34 provinces and their communes and wards."""


@units.command("provinces")
def provinces_command():
    """List the 34 provinces with the code load-province takes."""
    for province in all_provinces():
        click.echo(f"{province.key}  {province.full_name}")


@units.command("load-province")
@click.argument("province")
@click.option("--with-agencies", is_flag=True,
              help="also add the 12 standard provincial agencies (Nghị định 150/2025/NĐ-CP)")
def load_province_command(province, with_agencies):
    """Add PROVINCE's communes and wards (a name such as "Gia Lai" or a code such
    as 52) as units; units already there are left as they are."""
    try:
        chosen = province_or_refuse(province)
    except UnknownProvince as unknown:
        raise click.ClickException(
            f"{unknown.message} Xem danh sách: flask --app wsgi units provinces") from unknown
    click.echo(load_province(chosen, with_agencies, actor=None).summary)
