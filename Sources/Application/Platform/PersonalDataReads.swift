public import Domain
public import Foundation

/// A read of a person's data by someone else, kept for accountability (GDPR Art. 5(2)) and
/// shown to the person in their export: who read whose data, why, and when.
public struct PersonalDataRead: Sendable, Equatable {
    public enum Subject: Sendable, Equatable {
        case user(UserID)
        case owner(OwnerID)
    }

    public let id: UUID
    public let organizationID: OrganizationID
    /// nil: the operator at the command line.
    public let reader: UserID?
    public let subject: Subject
    /// What was read: `owner record`, `owner statement`, `member profile`…
    public let purpose: String
    public let at: Date

    public init(
        id: UUID, organizationID: OrganizationID, reader: UserID?, subject: Subject, purpose: String, at: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.reader = reader
        self.subject = subject
        self.purpose = purpose
        self.at = at
    }
}

public protocol PersonalDataReadRepository: Sendable {
    func insert(_ read: PersonalDataRead) async throws
    /// Reads logged before `date`, for the retention job; returns how many were deleted.
    func delete(before date: Date) async throws -> Int
    /// Newest first (tests and the operator).
    func reads(of subject: PersonalDataRead.Subject) async throws -> [PersonalDataRead]
}

/// Writes a read of someone's personal data to the log, after the read succeeded. Reads of
/// one's own data are not logged. Built by each service that serves such reads, from its own
/// persistence, clock and ids.
struct PersonalDataReadLog: Sendable {
    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator

    func record(
        _ subject: PersonalDataRead.Subject, purpose: String, in organization: OrganizationID,
        by principal: Principal?
    ) async throws {
        let reader = AuditTrail.actor(principal)
        if case .user(let user) = subject, user == reader { return }
        let read = PersonalDataRead(
            id: ids.make(), organizationID: organization, reader: reader, subject: subject, purpose: purpose,
            at: clock.now())
        try await persistence.write { (repos: any UsesPersonalDataReads) in
            try await repos.personalDataReads.insert(read)
        }
    }
}

extension OrganizationID {
    /// The platform's own audit chain, for events of no one organization (retention runs).
    public static let platform = OrganizationID(UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
}

extension AuditTrail {
    /// A retention job's run, in the platform's chain: what it deleted, by kind, and the cutoff.
    func recordRetention(
        job: String, deleted: [String: Int], before cutoff: Date, _ repos: any UsesAudit
    ) async throws {
        var payload = deleted.mapValues(String.init)
        payload["before"] = ISO8601DateFormatter().string(from: cutoff)
        try await record(
            "retention.run", entity: "job", id: job, payload: payload, by: nil, organization: .platform, repos)
    }
}

extension PrivacyService {
    public static let accessLogJob = "access-log-retention"

    /// Deletes the reads logged more than `days` ago, and writes the run to the audit log.
    public func purgeReadLog(keepingDays days: Int) async throws -> JobReport {
        let cutoff = clock.now().addingTimeInterval(-Double(days) * 86_400)
        let deleted = try await persistence.write { (repos: any UsesAudit & UsesPersonalDataReads) in
            let deleted = try await repos.personalDataReads.delete(before: cutoff)
            try await trail.recordRetention(
                job: Self.accessLogJob, deleted: ["personal_data_reads": deleted], before: cutoff, repos)
            return deleted
        }
        return JobReport(job: Self.accessLogJob, ran: true, skipped: deleted)
    }

    /// The reads logged of a person's data (the operator, and tests).
    public func reads(of subject: PersonalDataRead.Subject) async throws -> [PersonalDataRead] {
        try await persistence.read { (repos: any UsesPersonalDataReads) in
            try await repos.personalDataReads.reads(of: subject)
        }
    }
}
