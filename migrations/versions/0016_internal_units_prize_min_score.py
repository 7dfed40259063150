"""Internal units and a minimum score for a prize

The "Ban Tổ chức" unit that ``create-admin`` makes on an empty database becomes
a unit of its own kind, "organizer" (internal: never offered at registration,
ranked or counted); an existing one (code BTC, name "Ban Tổ chức") is converted.
Contests get ``prize_min_score``: an attempt below it takes no individual prize
(0: no minimum).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 23:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

OLD_KINDS = "kind IN ('agency', 'commune', 'public_service')"
NEW_KINDS = "kind IN ('agency', 'commune', 'public_service', 'organizer')"
CREATE_ADMIN_UNIT = "code = 'BTC' AND name = 'Ban Tổ chức'"


def upgrade():
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_units_kind'), type_='check')
        batch_op.create_check_constraint(op.f('ck_units_kind'), sa.text(NEW_KINDS))
    op.execute(f"UPDATE units SET kind = 'organizer' WHERE {CREATE_ADMIN_UNIT}")
    with op.batch_alter_table('contests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prize_min_score', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.create_check_constraint(op.f('ck_contests_prize_min_score'),
                                        sa.text('prize_min_score >= 0'))


def downgrade():
    with op.batch_alter_table('contests', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_contests_prize_min_score'), type_='check')
        batch_op.drop_column('prize_min_score')
    op.execute("UPDATE units SET kind = 'agency' WHERE kind = 'organizer'")
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_units_kind'), type_='check')
        batch_op.create_check_constraint(op.f('ck_units_kind'), sa.text(OLD_KINDS))
