"""Sessions that can be ended: a per-account session version

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 16:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    # Part of every session and remember cookie: raised on logout, a new password or
    # a lock, so all of them stop working. Sessions made before this upgrade (a plain
    # id) are no longer accepted: everyone logs in once more.
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), server_default='0',
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_version')
