"""A ranking nobody can game: one prediction per person and round unless the
organizer chooses per-attempt predictions; optionally one individual prize per
person for the whole contest; a unit manager's unit is the one the organizer
assigned (users.managed_unit_id)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 15:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    # False (the default): the prediction of a person's first submitted attempt of
    # the round is theirs for the round (contest/quiz/prediction.py).
    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prediction_per_attempt', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    # True: at most one individual prize per person across the contest's rounds.
    with op.batch_alter_table('contests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('one_prize_per_person', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    # The unit a unit manager manages, set by the organizer (contest/access.py), no
    # longer the unit the person may edit on their profile; today's managers keep
    # the unit they have.
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('managed_unit_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_users_managed_unit_id_units'), 'units',
                                    ['managed_unit_id'], ['id'])
    op.execute("UPDATE users SET managed_unit_id = unit_id WHERE role = 'unit_manager'")


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_users_managed_unit_id_units'), type_='foreignkey')
        batch_op.drop_column('managed_unit_id')
    with op.batch_alter_table('contests', schema=None) as batch_op:
        batch_op.drop_column('one_prize_per_person')
    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.drop_column('prediction_per_attempt')
