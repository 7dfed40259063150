"""Initial passwords: users.must_change_password (an account whose password an
organizer set, by bulk creation or a reset, sets its own at its next login), and
bulk_creations, one row per bulk creation of accounts: what it did, who did it,
and for 30 minutes its workbook of initial passwords (contest.accounts.services.bulk_results)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 23:30:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    op.create_table('bulk_creations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=24), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('created_count', sa.Integer(), nullable=False),
    sa.Column('existing_count', sa.Integer(), nullable=False),
    sa.Column('refused_count', sa.Integer(), nullable=False),
    sa.Column('refused', sa.JSON(), nullable=True),
    sa.Column('workbook', sa.LargeBinary(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'],
                            name=op.f('fk_bulk_creations_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bulk_creations')),
    sa.UniqueConstraint('public_id', name=op.f('uq_bulk_creations_public_id'))
    )
    with op.batch_alter_table('bulk_creations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bulk_creations_expires_at'), ['expires_at'], unique=False)


def downgrade():
    with op.batch_alter_table('bulk_creations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bulk_creations_expires_at'))
    op.drop_table('bulk_creations')
    # A plain DROP COLUMN (SQLite 3.35+, PostgreSQL): a batch copy of ``users``
    # would drop the table that every other table refers to.
    op.execute("ALTER TABLE users DROP COLUMN must_change_password")
