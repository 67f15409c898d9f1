/// Governance's personal data: the owners on an assembly's roll (their name as frozen at the
/// convocation), the proxies they gave or hold, their attendance and votes, and the lots they
/// represent. Erasure blanks the names; the votes stay as ids, because the decisions they made
/// stay in the building's register.
enum GovernancePersonalData {
    static let tables: [PersonalTable] = [
        PersonalTable(
            kind: "assembly rolls you are on", table: "assembly_roll", matches: [.owner("voter_owner_id")],
            organization: "organization_id",
            export: [("assembly_id", .uuid), ("lot_number", .text), ("tantiemes", .number), ("voter_name", .text)],
            erasure: .anonymize(["voter_name": .text("Erased owner")])),
        PersonalTable(
            kind: "proxies you gave or hold", table: "assembly_proxies",
            matches: [.owner("principal_owner_id"), .owner("holder_owner_id")], organization: "organization_id",
            export: [("assembly_id", .uuid), ("holder_name", .text), ("created_at", .time)],
            erasure: .anonymize(["holder_name": .text("Erased person")])),
        PersonalTable(
            kind: "assembly attendance", table: "assembly_attendance", matches: [.owner("owner_id")],
            organization: "organization_id", export: [("assembly_id", .uuid), ("attendance", .text)], erasure: .keep),
        PersonalTable(
            kind: "votes", table: "resolution_votes", matches: [.owner("owner_id")], organization: "organization_id",
            export: [("resolution_id", .uuid), ("ballot", .text), ("weight", .number), ("cast_at", .time)],
            erasure: .keep),
        PersonalTable(
            kind: "written decisions you were asked", table: "written_decision_roll",
            matches: [.owner("voter_owner_id")], organization: "organization_id",
            export: [("decision_id", .uuid), ("lot_number", .text), ("tantiemes", .number), ("voter_name", .text)],
            erasure: .anonymize(["voter_name": .text("Erased owner")])),
        PersonalTable(
            kind: "written answers", table: "written_decision_answers", matches: [.owner("owner_id")],
            organization: "organization_id",
            export: [("decision_id", .uuid), ("agrees", .flag), ("recorded_at", .time)], erasure: .keep),
        PersonalTable(
            kind: "mandates (board member)", table: "mandates", matches: [.owner("owner_id")],
            organization: "organization_id",
            export: [("role", .text), ("holder_name", .text), ("starts_on", .date), ("ends_on", .date)],
            erasure: .anonymize(["holder_name": .text("Erased owner")])),
        PersonalTable(
            kind: "agenda points you proposed", table: "agenda_proposals", matches: [.user("proposer_user_id")],
            organization: "organization_id",
            export: [("title", .text), ("proposed_by", .text), ("received_on", .date)],
            erasure: .anonymize(["proposed_by": .text("Erased owner")])),
        PersonalTable(
            kind: "lots you represent", table: "lot_representatives", matches: [.owner("owner_id")],
            organization: "organization_id", export: [("lot_id", .uuid), ("named_at", .time)], erasure: .keep),
    ]
}
