"""Finished exports kept in the database: export_files, the bytes of a built
export in parts of about 1 MiB, so that any app node hands it out without a
shared filesystem (deleted with the export's retention time, and with its job)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-08 01:00:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('export_files',
    sa.Column('job_id', sa.Integer(), nullable=False),
    sa.Column('part', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['job_id'], ['export_jobs.id'], name=op.f('fk_export_files_job_id_export_jobs'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('job_id', 'part', name=op.f('pk_export_files'))
    )


def downgrade():
    op.drop_table('export_files')
