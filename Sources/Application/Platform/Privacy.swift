public import Domain
public import Foundation

/// The person whose data is exported or erased: their account, and the email by which records
/// kept without an account (an owner record, a public booking, an invitation) name them.
public struct DataSubject: Sendable, Equatable {
    public let userID: UserID
    public let email: Email

    public init(userID: UserID, email: Email) {
        self.userID = userID
        self.email = email
    }
}

/// One line of the register of processing (GDPR Art. 30).
public struct ProcessingRecord: Sendable, Equatable {
    public let data: String
    public let purpose: String
    public let legalBasis: String
    public let retention: String

    public init(data: String, purpose: String, legalBasis: String, retention: String) {
        self.data = data
        self.purpose = purpose
        self.legalBasis = legalBasis
        self.retention = retention
    }
}

/// What a module says about the personal data it holds. Every module registers one (the module
/// registration will not take a module without it); the SQL adapter declares, under the same
/// module name, the tables and columns, and how each is exported and erased.
public struct PrivacyDeclaration: Sendable {
    public let module: String
    public let processing: [ProcessingRecord]

    public init(module: String, processing: [ProcessingRecord]) {
        self.module = module
        self.processing = processing
    }
}

/// Records the law makes an organization keep about the person, and until when.
public struct LegalHold: Sendable, Equatable, Codable {
    public let module: String
    public let organizationID: OrganizationID
    public let reason: String
    public let kept: String
    /// nil: until a debt is settled.
    public let keptUntil: Date?

    public init(module: String, organizationID: OrganizationID, reason: String, kept: String, keptUntil: Date?) {
        self.module = module
        self.organizationID = organizationID
        self.reason = reason
        self.kept = kept
        self.keptUntil = keptUntil
    }
}

/// A value of an exported record.
public enum ExportValue: Sendable, Equatable, Encodable {
    case text(String)
    case number(Int64)
    case decimal(Double)
    case flag(Bool)
    case time(Date)
    case null

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .decimal(let value): try container.encode(value)
        case .flag(let value): try container.encode(value)
        case .time(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }
}

/// The records of one kind a module holds about the person ("owner records"), with the
/// organization that holds each, when it is one's.
public struct ExportedRecords: Sendable, Equatable {
    public let module: String
    public let kind: String
    public let records: [[String: ExportValue]]
    /// The organizations holding these records.
    public let holders: Set<OrganizationID>

    public init(module: String, kind: String, records: [[String: ExportValue]], holders: Set<OrganizationID>) {
        self.module = module
        self.kind = kind
        self.records = records
        self.holders = holders
    }
}

/// Reads, holds and anonymizes the personal data the modules declared, inside the caller's
/// transaction.
public protocol PersonalDataRepository: Sendable {
    /// The modules whose tables the store knows.
    var modules: [String] { get }
    func export(_ subject: DataSubject, module: String) async throws -> [ExportedRecords]
    func holds(_ subject: DataSubject, module: String, at now: Date) async throws -> [LegalHold]
    /// Replaces the person's names, emails, phones and addresses; deletes what only served
    /// their sign-in. Rows stay, so ledgers, numbering and aggregates stay intact. Returns the
    /// rows changed.
    func erase(_ subject: DataSubject, module: String) async throws -> Int
}

/// A request to be forgotten (Art. 17).
public struct ErasureRequest: Sendable, Equatable {
    public enum Status: String, Sendable, Codable {
        /// Waiting for an admin (or the operator) to execute it.
        case pending
        /// The law requires keeping records: the login is closed until the holds end, then the
        /// `erasure-holds` job completes it.
        case held
        case done
    }

    public let id: UUID
    public let userID: UserID
    public let requestedAt: Date
    public var status: Status
    public var holds: [LegalHold]
    public var completedAt: Date?

    public init(
        id: UUID, userID: UserID, requestedAt: Date, status: Status, holds: [LegalHold], completedAt: Date?
    ) {
        self.id = id
        self.userID = userID
        self.requestedAt = requestedAt
        self.status = status
        self.holds = holds
        self.completedAt = completedAt
    }
}

public protocol ErasureRequestRepository: Sendable {
    func insert(_ request: ErasureRequest) async throws
    func update(_ request: ErasureRequest) async throws
    func find(_ id: UUID) async throws -> ErasureRequest?
    /// The user's request that is not done, if any.
    func open(of user: UserID) async throws -> ErasureRequest?
    /// Requests not done of members of the organization, oldest first.
    func open(in organization: OrganizationID) async throws -> [ErasureRequest]
    func held() async throws -> [ErasureRequest]
}

/// The erasure could not be done: the law keeps these records until the dates given.
public struct ErasureHeld: Error, Equatable, Sendable {
    public let request: ErasureRequest
}
