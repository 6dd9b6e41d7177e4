"""Records (typed field values), the community (profiles, messages, forum,
news, moderation, anti-spam), the audit log and the site generation.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 10:25:09.520112
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('site_generation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_site_generation'))
    )
    op.create_table('site_settings',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_site_settings'))
    )
    op.create_table('audit_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('target_type', sa.String(length=40), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=True),
    sa.Column('target_label', sa.String(length=300), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_audit_entries_actor_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entries'))
    )
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entries_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index('ix_audit_entries_created', ['created_at'], unique=False)

    op.create_table('conversations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_message_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_conversations_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conversations'))
    )
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conversations_last_message_at'), ['last_message_at'], unique=False)

    op.create_table('message_blocks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('blocked_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['blocked_id'], ['users.id'], name=op.f('fk_message_blocks_blocked_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_message_blocks_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_message_blocks')),
    sa.UniqueConstraint('user_id', 'blocked_id', name=op.f('uq_message_blocks_user_id'))
    )
    with op.batch_alter_table('message_blocks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_message_blocks_blocked_id'), ['blocked_id'], unique=False)

    op.create_table('message_preferences',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('mail_on_message', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_message_preferences_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_message_preferences'))
    )
    op.create_table('news_posts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('html', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('newsletter_sha256', sa.String(length=64), nullable=True),
    sa.Column('newsletter_size', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_news_posts_author_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_posts'))
    )
    with op.batch_alter_table('news_posts', schema=None) as batch_op:
        batch_op.create_index('ix_news_posts_published', ['deleted_at', 'published_at', 'id'], unique=False)

    op.create_table('news_team',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['added_by_id'], ['users.id'], name=op.f('fk_news_team_added_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_news_team_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_news_team'))
    )
    op.create_table('profiles',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.String(length=200), nullable=False),
    sa.Column('cv_markdown', sa.Text(), nullable=False),
    sa.Column('cv_pdf_sha256', sa.String(length=64), nullable=True),
    sa.Column('cv_pdf_size', sa.Integer(), nullable=True),
    sa.Column('photo_sha256', sa.String(length=64), nullable=True),
    sa.Column('photo_thumb_sha256', sa.String(length=64), nullable=True),
    sa.Column('photo_type', sa.String(length=20), nullable=False),
    sa.Column('available_as_expert', sa.Boolean(), nullable=False),
    sa.Column('hide_online', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('photo_visibility', sa.String(length=8), server_default='public', nullable=False),
    sa.Column('country_visibility', sa.String(length=8), server_default='public', nullable=False),
    sa.Column('organisation_visibility', sa.String(length=8), server_default='public', nullable=False),
    sa.Column('position_visibility', sa.String(length=8), server_default='public', nullable=False),
    sa.Column('languages_visibility', sa.String(length=8), server_default='public', nullable=False),
    sa.Column('expertise_visibility', sa.String(length=8), server_default='public', nullable=False),
    sa.Column('countries_visibility', sa.String(length=8), server_default='public', nullable=False),
    sa.Column('bio_visibility', sa.String(length=8), server_default='public', nullable=False),
    sa.Column('cv_visibility', sa.String(length=8), server_default='public', nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_profiles_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_profiles'))
    )
    with op.batch_alter_table('profiles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_profiles_available_as_expert'), ['available_as_expert'], unique=False)

    op.create_table('reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=True),
    sa.Column('target_author_id', sa.Integer(), nullable=True),
    sa.Column('target_label', sa.String(length=300), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['reporter_id'], ['users.id'], name=op.f('fk_reports_reporter_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], name=op.f('fk_reports_resolved_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['target_author_id'], ['users.id'], name=op.f('fk_reports_target_author_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reports')),
    sa.UniqueConstraint('kind', 'target_id', 'reporter_id', name=op.f('uq_reports_kind'))
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index('ix_reports_status_target', ['status', 'kind', 'target_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_target_author_id'), ['target_author_id'], unique=False)

    op.create_table('trusted_users',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('trusted_at', sa.DateTime(), nullable=False),
    sa.Column('trusted_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['trusted_by_id'], ['users.id'], name=op.f('fk_trusted_users_trusted_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_trusted_users_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_trusted_users'))
    )
    op.create_table('write_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_write_log_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_write_log'))
    )
    with op.batch_alter_table('write_log', schema=None) as batch_op:
        batch_op.create_index('ix_write_log_user_created', ['user_id', 'created_at'], unique=False)

    op.create_table('conversation_participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('last_read_at', sa.DateTime(), nullable=True),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.Column('left_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], name=op.f('fk_conversation_participants_conversation_id_conversations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_conversation_participants_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conversation_participants')),
    sa.UniqueConstraint('conversation_id', 'user_id', name=op.f('uq_conversation_participants_conversation_id'))
    )
    with op.batch_alter_table('conversation_participants', schema=None) as batch_op:
        batch_op.create_index('ix_conversation_participants_user', ['user_id', 'left_at'], unique=False)

    op.create_table('forum_categories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('space_id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['space_id'], ['spaces.id'], name=op.f('fk_forum_categories_space_id_spaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_categories')),
    sa.UniqueConstraint('space_id', 'slug', name=op.f('uq_forum_categories_space_id'))
    )
    op.create_table('messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('html', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('hidden_at', sa.DateTime(), nullable=True),
    sa.Column('hidden_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_messages_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], name=op.f('fk_messages_conversation_id_conversations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['hidden_by_id'], ['users.id'], name=op.f('fk_messages_hidden_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_messages'))
    )
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.create_index('ix_messages_author_created', ['author_id', 'created_at'], unique=False)
        batch_op.create_index('ix_messages_conversation_created', ['conversation_id', 'created_at'], unique=False)

    op.create_table('profile_countries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('iso2', sa.String(length=2), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['profiles.user_id'], name=op.f('fk_profile_countries_user_id_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_profile_countries')),
    sa.UniqueConstraint('user_id', 'iso2', name=op.f('uq_profile_countries_user_id'))
    )
    with op.batch_alter_table('profile_countries', schema=None) as batch_op:
        batch_op.create_index('ix_profile_countries_iso2', ['iso2'], unique=False)

    op.create_table('profile_expertise',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('tag', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['profiles.user_id'], name=op.f('fk_profile_expertise_user_id_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_profile_expertise')),
    sa.UniqueConstraint('user_id', 'tag', name=op.f('uq_profile_expertise_user_id'))
    )
    with op.batch_alter_table('profile_expertise', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_profile_expertise_tag'), ['tag'], unique=False)

    op.create_table('profile_languages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['profiles.user_id'], name=op.f('fk_profile_languages_user_id_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_profile_languages')),
    sa.UniqueConstraint('user_id', 'code', name=op.f('uq_profile_languages_user_id'))
    )
    with op.batch_alter_table('profile_languages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_profile_languages_code'), ['code'], unique=False)

    op.create_table('forum_threads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('space_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('page_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_post_at', sa.DateTime(), nullable=False),
    sa.Column('reply_count', sa.Integer(), nullable=False),
    sa.Column('pinned', sa.Boolean(), nullable=False),
    sa.Column('locked', sa.Boolean(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_forum_threads_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['category_id'], ['forum_categories.id'], name=op.f('fk_forum_threads_category_id_forum_categories'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['page_id'], ['pages.id'], name=op.f('fk_forum_threads_page_id_pages'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['space_id'], ['spaces.id'], name=op.f('fk_forum_threads_space_id_spaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_threads'))
    )
    with op.batch_alter_table('forum_threads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_threads_author_id'), ['author_id'], unique=False)
        batch_op.create_index('ix_forum_threads_category_order', ['category_id', 'pinned', 'last_post_at'], unique=False)
        batch_op.create_index('ix_forum_threads_page', ['page_id', 'deleted_at'], unique=False)
        batch_op.create_index('ix_forum_threads_space_last', ['space_id', 'last_post_at'], unique=False)

    op.create_table('record_values',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('page_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('value_text', sa.String(length=500), nullable=True),
    sa.Column('sort_text', sa.String(length=100), nullable=True),
    sa.Column('value_number', sa.Float(), nullable=True),
    sa.Column('value_date', sa.Date(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('source', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['page_id'], ['pages.id'], name=op.f('fk_record_values_page_id_pages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_record_values'))
    )
    with op.batch_alter_table('record_values', schema=None) as batch_op:
        batch_op.create_index('ix_record_values_field_date', ['field', 'value_date', 'page_id'], unique=False)
        batch_op.create_index('ix_record_values_field_number', ['field', 'value_number', 'page_id'], unique=False)
        batch_op.create_index('ix_record_values_field_sort', ['field', 'sort_text', 'page_id'], unique=False)
        batch_op.create_index('ix_record_values_field_text', ['field', 'value_text', 'page_id'], unique=False)
        batch_op.create_index('ix_record_values_page', ['page_id', 'field', 'position'], unique=False)

    op.create_table('forum_posts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('html', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('edited_at', sa.DateTime(), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_forum_posts_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['thread_id'], ['forum_threads.id'], name=op.f('fk_forum_posts_thread_id_forum_threads'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_posts'))
    )
    with op.batch_alter_table('forum_posts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_posts_author_id'), ['author_id'], unique=False)
        batch_op.create_index('ix_forum_posts_thread_created', ['thread_id', 'created_at', 'id'], unique=False)

    op.create_table('forum_subscriptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['thread_id'], ['forum_threads.id'], name=op.f('fk_forum_subscriptions_thread_id_forum_threads'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_forum_subscriptions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_subscriptions')),
    sa.UniqueConstraint('thread_id', 'user_id', name=op.f('uq_forum_subscriptions_thread_id'))
    )
    with op.batch_alter_table('forum_subscriptions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_subscriptions_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_users_last_seen_at'), ['last_seen_at'], unique=False)



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_users_last_seen_at'))

    with op.batch_alter_table('forum_subscriptions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_subscriptions_user_id'))

    op.drop_table('forum_subscriptions')
    with op.batch_alter_table('forum_posts', schema=None) as batch_op:
        batch_op.drop_index('ix_forum_posts_thread_created')
        batch_op.drop_index(batch_op.f('ix_forum_posts_author_id'))

    op.drop_table('forum_posts')
    with op.batch_alter_table('record_values', schema=None) as batch_op:
        batch_op.drop_index('ix_record_values_page')
        batch_op.drop_index('ix_record_values_field_text')
        batch_op.drop_index('ix_record_values_field_sort')
        batch_op.drop_index('ix_record_values_field_number')
        batch_op.drop_index('ix_record_values_field_date')

    op.drop_table('record_values')
    with op.batch_alter_table('forum_threads', schema=None) as batch_op:
        batch_op.drop_index('ix_forum_threads_space_last')
        batch_op.drop_index('ix_forum_threads_page')
        batch_op.drop_index('ix_forum_threads_category_order')
        batch_op.drop_index(batch_op.f('ix_forum_threads_author_id'))

    op.drop_table('forum_threads')
    with op.batch_alter_table('profile_languages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_profile_languages_code'))

    op.drop_table('profile_languages')
    with op.batch_alter_table('profile_expertise', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_profile_expertise_tag'))

    op.drop_table('profile_expertise')
    with op.batch_alter_table('profile_countries', schema=None) as batch_op:
        batch_op.drop_index('ix_profile_countries_iso2')

    op.drop_table('profile_countries')
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_index('ix_messages_conversation_created')
        batch_op.drop_index('ix_messages_author_created')

    op.drop_table('messages')
    op.drop_table('forum_categories')
    with op.batch_alter_table('conversation_participants', schema=None) as batch_op:
        batch_op.drop_index('ix_conversation_participants_user')

    op.drop_table('conversation_participants')
    with op.batch_alter_table('write_log', schema=None) as batch_op:
        batch_op.drop_index('ix_write_log_user_created')

    op.drop_table('write_log')
    op.drop_table('trusted_users')
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reports_target_author_id'))
        batch_op.drop_index('ix_reports_status_target')

    op.drop_table('reports')
    with op.batch_alter_table('profiles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_profiles_available_as_expert'))

    op.drop_table('profiles')
    op.drop_table('news_team')
    with op.batch_alter_table('news_posts', schema=None) as batch_op:
        batch_op.drop_index('ix_news_posts_published')

    op.drop_table('news_posts')
    op.drop_table('message_preferences')
    with op.batch_alter_table('message_blocks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_message_blocks_blocked_id'))

    op.drop_table('message_blocks')
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conversations_last_message_at'))

    op.drop_table('conversations')
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entries_created')
        batch_op.drop_index(batch_op.f('ix_audit_entries_actor_id'))

    op.drop_table('audit_entries')
    op.drop_table('site_settings')
    op.drop_table('site_generation')
