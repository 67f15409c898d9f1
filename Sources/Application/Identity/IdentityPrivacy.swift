extension PrivacyDeclaration {
    public static let identity = PrivacyDeclaration(
        module: "Identity",
        processing: [
            ProcessingRecord(
                data: "account: email, name, password hash", purpose: "sign-in and identification",
                legalBasis: "contract (Art. 6(1)(b))", retention: "until erasure"),
            ProcessingRecord(
                data: "memberships: the organization's name and phone for the member, roles",
                purpose: "access to an organization's data", legalBasis: "contract (Art. 6(1)(b))",
                retention: "until removed from the organization; anonymized at erasure"),
            ProcessingRecord(
                data: "invitations (email, role)", purpose: "joining an organization",
                legalBasis: "legitimate interest of the inviting organization (Art. 6(1)(f))",
                retention: "anonymized at erasure"),
            ProcessingRecord(
                data: "sign-in sessions (browser, IP address), reset links, 2FA secrets and backup codes",
                purpose: "security of sign-in", legalBasis: "legitimate interest (Art. 6(1)(f))",
                retention: "sessions 30 days after last use; reset links 30 minutes; deleted at erasure"),
        ])
}
