"""Accounts found by name whatever the diacritics: users.name_folded, the name
without diacritics in lower case (contest.text.fold), kept by the model on every
change and filled here for the accounts that exist

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 22:50:00

"""
from alembic import op
import sqlalchemy as sa

from contest.text import fold

# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

BATCH = 5_000
users = sa.table("users", sa.column("id", sa.Integer), sa.column("full_name", sa.String),
                 sa.column("name_folded", sa.String))


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_folded', sa.String(length=100), nullable=False,
                                      server_default=''))
    connection = op.get_bind()
    last_id = 0
    while rows := connection.execute(
            sa.select(users.c.id, users.c.full_name).where(users.c.id > last_id)
            .order_by(users.c.id).limit(BATCH)).all():
        connection.execute(users.update().where(users.c.id == sa.bindparam("user_id"))
                           .values(name_folded=sa.bindparam("folded")),
                           [{"user_id": id_, "folded": fold(name or "")} for id_, name in rows])
        last_id = rows[-1][0]


def downgrade():
    # A plain DROP COLUMN (SQLite 3.35+, PostgreSQL): a batch copy of ``users``
    # would drop the table that every other table refers to.
    op.execute("ALTER TABLE users DROP COLUMN name_folded")
