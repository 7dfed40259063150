"""Certificates: a random code per (person, round, kind), for the public verification page

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 15:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    # A certificate handed out on its first download: a random code for the QR
    # code and the public verification page, one per (person, round, kind).
    op.create_table('certificates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('participation', 'prize')", name=op.f('ck_certificates_kind')),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], name=op.f('fk_certificates_round_id_rounds')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_certificates_user_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificates')),
    sa.UniqueConstraint('code', name=op.f('uq_certificates_code')),
    sa.UniqueConstraint('user_id', 'round_id', 'kind', name=op.f('uq_certificates_user_id_round_id_kind'))
    )
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificates_round_id'), ['round_id'], unique=False)


def downgrade():
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificates_round_id'))
    op.drop_table('certificates')
