"""Extra time for a person: users.time_limit_percent (WCAG 2.2.1, timing adjustable)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 15:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    # Extra time for a person (WCAG 2.2.1): a percent of a round's time limit.
    # Practice needs no table: it reads the bank and stores nothing.
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('time_limit_percent', sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            op.f('ck_users_time_limit_percent'),
            'time_limit_percent IS NULL OR time_limit_percent BETWEEN 101 AND 300')


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_users_time_limit_percent'), type_='check')
        batch_op.drop_column('time_limit_percent')
