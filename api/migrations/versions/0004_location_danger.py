"""conversation state: where the person is now, the danger message, once-only memo; cases too

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 22:10:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('conversations') as batch:
        batch.add_column(sa.Column('location', sa.String(length=2), nullable=True))
        batch.add_column(sa.Column('danger', sa.Text(), nullable=True))
        batch.add_column(sa.Column('memo', sa.JSON(), nullable=True))
    with op.batch_alter_table('handoff_requests') as batch:
        batch.add_column(sa.Column('location', sa.String(length=2), nullable=True))
        batch.add_column(sa.Column('reason', sa.Text(), nullable=True))
    with op.batch_alter_table('cases') as batch:
        batch.add_column(sa.Column('location', sa.String(length=2), nullable=True))
        batch.add_column(sa.Column('urgent_reason', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('cases') as batch:
        batch.drop_column('urgent_reason')
        batch.drop_column('location')
    with op.batch_alter_table('handoff_requests') as batch:
        batch.drop_column('reason')
        batch.drop_column('location')
    with op.batch_alter_table('conversations') as batch:
        batch.drop_column('memo')
        batch.drop_column('danger')
        batch.drop_column('location')
