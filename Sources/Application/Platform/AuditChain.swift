public import Domain
import Foundation

/// Makes the audit log tamper-evident: per organization, each row gets a position and the
/// SHA-256 of the previous row's hash, its position and its content. Rows are appended without
/// it (audited writes never wait on one another) and sealed in batches by the `audit-seal` job;
/// `verify` recomputes the chain and names the first row that does not match (edited, deleted,
/// or out of place).
public struct AuditChain: Sendable {
    public static let job = "audit-seal"
    static let batch = 500

    let persistence: any Persistence
    /// SHA-256, hex.
    let digest: @Sendable (String) -> String

    public init(persistence: any Persistence, digest: @escaping @Sendable (String) -> String) {
        self.persistence = persistence
        self.digest = digest
    }

    /// What verifying one organization's chain found.
    public struct Report: Sendable, Equatable {
        public let organizationID: OrganizationID
        public let sealed: Int
        /// Rows appended since the last sealing run.
        public let waiting: Int
        public let firstBroken: Break?

        public var isIntact: Bool { firstBroken == nil }
    }

    public struct Break: Sendable, Equatable, CustomStringConvertible {
        public let position: Int64
        public let eventID: AuditEventID?
        public let reason: String

        public var description: String {
            "position \(position)\(eventID.map { " (event \($0))" } ?? ""): \(reason)"
        }
    }

    /// Seals every row waiting, organization by organization; returns how many.
    public func seal() async throws -> Int {
        var sealed = 0
        let organizations = try await persistence.read { (repos: any UsesAudit) in
            try await repos.audit.organizationsWithUnsealed()
        }
        for organization in organizations {
            while true {
                let count = try await persistence.write { (repos: any UsesAudit) -> Int in
                    var head = try await repos.audit.chainHead(of: organization)
                    let rows = try await repos.audit.unsealed(of: organization, limit: Self.batch)
                    for event in rows {
                        let position = (head?.position ?? 0) + 1
                        let hash = link(after: head?.hash ?? Self.genesis(organization), position: position, event)
                        // A concurrent sealer got there first: the unique position refuses the
                        // other, and this batch rolls back.
                        guard try await repos.audit.seal(event.id, position: position, hash: hash) else {
                            throw ConcurrentSealing(organization: organization)
                        }
                        head = SealedAuditEvent(event: event, position: position, hash: hash)
                    }
                    return rows.count
                }
                sealed += count
                if count < Self.batch { break }
            }
        }
        return sealed
    }

    /// Recomputes the chain of one organization, or of every one.
    public func verify(_ only: OrganizationID? = nil) async throws -> [Report] {
        let organizations: [OrganizationID]
        if let only {
            organizations = [only]
        } else {
            organizations = try await persistence.read { (repos: any UsesAudit) in
                try await repos.audit.organizationsInLog()
            }
        }
        var reports: [Report] = []
        for organization in organizations {
            reports.append(try await verifyOne(organization))
        }
        return reports
    }

    private func verifyOne(_ organization: OrganizationID) async throws -> Report {
        var previous = Self.genesis(organization)
        var position: Int64 = 0
        var firstBroken: Break?
        scan: while true {
            let after = position
            let rows = try await persistence.read { (repos: any UsesAudit) in
                try await repos.audit.sealed(of: organization, after: after, limit: 1000)
            }
            for row in rows {
                guard row.position == position + 1 else {
                    firstBroken = Break(
                        position: position + 1, eventID: nil,
                        reason: "missing: the chain jumps from \(position) to \(row.position)")
                    break scan
                }
                let expected = link(after: previous, position: row.position, row.event)
                guard expected == row.hash else {
                    firstBroken = Break(
                        position: row.position, eventID: row.event.id,
                        reason: "its content or its hash was changed after it was sealed")
                    break scan
                }
                previous = row.hash
                position = row.position
            }
            if rows.count < 1000 { break }
        }
        let waiting = try await persistence.read { (repos: any UsesAudit) in
            try await repos.audit.unsealedCount(of: organization)
        }
        return Report(organizationID: organization, sealed: Int(position), waiting: waiting, firstBroken: firstBroken)
    }

    /// Where an organization's chain starts: its own id, so no chain can be passed off as another's.
    static func genesis(_ organization: OrganizationID) -> String { "gestio-audit:\(organization)" }

    /// The hash of a row: SHA-256 over a JSON array of the previous hash, the position and every
    /// field (the payload with sorted keys, the time in milliseconds), so no two rows read alike.
    func link(after previous: String, position: Int64, _ event: AuditEvent) -> String {
        let payload = event.payload.sorted { $0.key < $1.key }.map { [$0.key, $0.value] }
        let fields: [Any] = [
            previous, String(position), event.id.description, event.organizationID.description,
            event.userID?.description ?? "", event.action, event.entity, event.entityID, payload,
            String(Int64((event.at.timeIntervalSince1970 * 1000).rounded())),
        ]
        let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
        return digest(String(decoding: data, as: UTF8.self))
    }
}

/// Another run sealed the same rows at the same time; this run's batch rolled back.
struct ConcurrentSealing: Error, CustomStringConvertible {
    let organization: OrganizationID
    var description: String { "another run is sealing the audit log of \(organization)" }
}
