public import Foundation

public typealias SupplierID = Identifier<Supplier>

/// A contractor or provider the organization pays: its VAT number and IBAN count only when their
/// check digits hold, so a scanned invoice can be matched to it by either.
public struct Supplier: Sendable, Equatable {
    public let id: SupplierID
    public let organizationID: OrganizationID
    public private(set) var name: String
    public private(set) var vatNumber: VATNumber?
    public private(set) var iban: IBAN?
    public private(set) var email: Email?
    public let createdAt: Date

    public init(
        id: SupplierID, organizationID: OrganizationID, name: String, vatNumber: VATNumber?, iban: IBAN?,
        email: Email?, createdAt: Date
    ) throws {
        self.id = id
        self.organizationID = organizationID
        self.name = try Text.required(name, field: "name")
        self.vatNumber = vatNumber
        self.iban = iban
        self.email = email
        self.createdAt = createdAt
    }

    /// A change as a client sends it: nil leaves a field as it is, `.some(nil)` clears it.
    public struct Changes: Sendable {
        public var name: String?
        public var vatNumber: VATNumber??
        public var iban: IBAN??
        public var email: Email??

        public init(name: String? = nil, vatNumber: VATNumber?? = nil, iban: IBAN?? = nil, email: Email?? = nil) {
            self.name = name
            self.vatNumber = vatNumber
            self.iban = iban
            self.email = email
        }
    }

    public mutating func apply(_ changes: Changes) throws {
        if let name = changes.name { self.name = try Text.required(name, field: "name") }
        if let vatNumber = changes.vatNumber { self.vatNumber = vatNumber }
        if let iban = changes.iban { self.iban = iban }
        if let email = changes.email { self.email = email }
    }

    /// A VAT number as a client sends it: empty clears it; anything else must be a Belgian or
    /// French number whose check digits hold.
    public static func vatNumber(_ raw: String, field: String = "vatNumber") throws -> VATNumber? {
        guard !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard raw.count <= 30, let number = VATNumber(raw) else {
            throw DomainError.invalidValue(
                field: field, reason: "is not a VAT number whose check digits hold (BE0123456749, FR40303265045)")
        }
        return number
    }
}
