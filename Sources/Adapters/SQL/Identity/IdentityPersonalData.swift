/// Identity's personal data: the account, memberships, invitations, and what served sign-in.
enum IdentityPersonalData {
    static let tables: [PersonalTable] = [
        PersonalTable(
            kind: "account", table: "users", matches: [.user("id")], organization: nil,
            export: [
                ("email", .text), ("name", .text), ("phone_number", .text), ("is_active", .flag), ("created_at", .time),
                ("restricted_at", .time),
            ],
            erasure: .anonymize([
                "email": .erasedEmail, "name": .text("Erased user"), "phone_number": .null,
                "password_hash": .text("!erased"), "is_active": .flag(false),
            ])),
        PersonalTable(
            kind: "email changes", table: "email_changes", matches: [.user("user_id")], organization: nil,
            export: [("new_email", .text), ("created_at", .time), ("confirmed_at", .time)], erasure: .delete),
        PersonalTable(
            kind: "memberships", table: "memberships", matches: [.user("user_id")], organization: "organization_id",
            export: [("organization_id", .uuid), ("display_name", .text), ("phone", .text), ("created_at", .time)],
            erasure: .anonymize(["display_name": .null, "phone": .null])),
        PersonalTable(
            kind: "roles", table: "membership_roles", matches: [.user("user_id")], organization: "organization_id",
            export: [("organization_id", .uuid), ("role", .text)], erasure: .keep),
        PersonalTable(
            kind: "invitations", table: "invitations", matches: [.email("email")], organization: "organization_id",
            export: [("role", .text), ("created_at", .time), ("expires_at", .time), ("accepted_at", .time)],
            erasure: .anonymize(["email": .erasedEmail])),
        PersonalTable(
            kind: "sign-in sessions", table: "sign_in_sessions", matches: [.user("user_id")],
            organization: "organization_id",
            export: [("created_at", .time), ("last_used_at", .time), ("user_agent", .text), ("address", .text)],
            erasure: .delete),
        PersonalTable(
            kind: "refresh tokens", table: "refresh_tokens", matches: [.user("user_id")],
            organization: "organization_id", export: [("issued_at", .time), ("expires_at", .time)], erasure: .delete),
        PersonalTable(
            kind: "second login steps", table: "mfa_challenges", matches: [.user("user_id")],
            organization: "organization_id",
            export: [("created_at", .time), ("user_agent", .text), ("address", .text)],
            erasure: .delete),
        PersonalTable(
            kind: "password reset links", table: "password_resets", matches: [.user("user_id")], organization: nil,
            export: [("created_at", .time), ("used_at", .time)], erasure: .delete),
        PersonalTable(
            kind: "two-factor authentication", table: "two_factor_credentials", matches: [.user("user_id")],
            organization: nil, export: [("created_at", .time), ("enabled_at", .time)], erasure: .delete),
        PersonalTable(
            kind: "two-factor backup codes", table: "two_factor_backup_codes", matches: [.user("user_id")],
            organization: nil, export: [("used_at", .time)], erasure: .delete),
    ]
}
