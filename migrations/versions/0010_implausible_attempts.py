"""Attempts flagged as implausibly fast

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 16:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    # Set when an attempt is scored faster than MIN_SECONDS_PER_QUESTION a question
    # (contest/quiz/plausibility.py); attempts already scored stay unflagged.
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('flagged_fast', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade():
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_column('flagged_fast')
