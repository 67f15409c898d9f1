-- Construction projects, part 6: guests. A project invites someone of another company through
-- the organization's invitation (role project_guest); this row keeps the project role and
-- trades they take once they accept it, and goes when they do (or with the invitation).
CREATE TABLE project_guest_invitations (
    invitation_id UUID PRIMARY KEY REFERENCES invitations (id) ON DELETE CASCADE,
    project_id UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    trade_ids TEXT NOT NULL,
    invited_by UUID NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX project_guest_invitations_project_idx ON project_guest_invitations (project_id);
