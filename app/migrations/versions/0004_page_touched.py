"""A page's own change stamp (``pages.touched``) and the generation of page
views (``site_generation.views_token``): an edit invalidates the stored answers
of the pages it changes, not the whole site's.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 15:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('pages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('touched', sa.String(length=16), nullable=True))
    with op.batch_alter_table('site_generation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('views_token', sa.String(length=32), nullable=True))


def downgrade():
    with op.batch_alter_table('site_generation', schema=None) as batch_op:
        batch_op.drop_column('views_token')
    with op.batch_alter_table('pages', schema=None) as batch_op:
        batch_op.drop_column('touched')
