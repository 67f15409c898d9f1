public import Foundation

public typealias ConsentID = Identifier<Consent>

/// What a person consented to, when, and which version of the text they saw. The person is a
/// member (their account) or someone without one (an owner record). A withdrawal is dated; the
/// record stays as the proof of what was agreed when.
public struct Consent: Sendable, Equatable {
    public enum Subject: Sendable, Equatable {
        case user(UserID)
        case owner(OwnerID)
    }

    public let id: ConsentID
    public let organizationID: OrganizationID
    public let subject: Subject
    /// What was agreed to, as a short code (`convocations_by_email`, `newsletter`).
    public let purpose: String
    public let textVersion: String
    public let givenAt: Date
    public private(set) var withdrawnAt: Date?
    /// Who recorded it: the person themselves, or the organization's staff.
    public let recordedBy: UserID?

    public init(
        id: ConsentID, organizationID: OrganizationID, subject: Subject, purpose: String, textVersion: String,
        givenAt: Date, withdrawnAt: Date? = nil, recordedBy: UserID?
    ) throws {
        guard (1...80).contains(purpose.count),
            purpose.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || "_.-".contains($0) })
        else {
            throw DomainError.invalidValue(
                field: "purpose",
                reason: "must be 1 to 80 characters among a-z, 0-9, _ . - (e.g. convocations_by_email)")
        }
        let version = textVersion.trimmingCharacters(in: .whitespaces)
        guard (1...50).contains(version.count) else {
            throw DomainError.invalidValue(field: "textVersion", reason: "must be 1 to 50 characters")
        }
        self.id = id
        self.organizationID = organizationID
        self.subject = subject
        self.purpose = purpose
        self.textVersion = version
        self.givenAt = givenAt
        self.withdrawnAt = withdrawnAt
        self.recordedBy = recordedBy
    }

    public var isActive: Bool { withdrawnAt == nil }
}
