-- User management: members are paged per organization in address order; join requests are
-- listed per organization.
CREATE INDEX users_org_email ON users (org_id, email_key);
CREATE INDEX join_requests_org ON join_requests (org_id);
