public import Foundation

public typealias BuildingID = Identifier<Building>
public typealias LotID = Identifier<Lot>
public typealias OwnerID = Identifier<Owner>
public typealias OwnershipID = Identifier<Ownership>

/// A co-ownership (ACP): the building whose common charges are shared by tantièmes.
public struct Building: Sendable, Equatable {
    public let id: BuildingID
    public let organizationID: OrganizationID
    public var name: String
    public var address: String
    public var city: String
    public var postalCode: String
    public var country: String
    /// The denominator of every lot's tantièmes, usually 1000 or 10000.
    public var totalTantiemes: Int
    public let createdAt: Date
    /// The working fund's account (fonds de roulement): ordinary calls are paid into it.
    public var workingFundAccount: IBAN?
    /// The reserve fund's account (fonds de réserve): calls for extraordinary expenses only.
    public var reserveFundAccount: IBAN?
    /// The IANA time zone of the building (`Europe/Brussels` unless set): its opening hours,
    /// recurrences, cutoffs and days are read in it.
    public var timeZone: String

    public static let defaultTimeZone = "Europe/Brussels"

    public init(
        id: BuildingID, organizationID: OrganizationID, name: String, address: String, city: String,
        postalCode: String, country: String, totalTantiemes: Int, createdAt: Date, workingFundAccount: IBAN? = nil,
        reserveFundAccount: IBAN? = nil, timeZone: String = Building.defaultTimeZone
    ) throws {
        guard timeZone.count <= 64, TimeZone(identifier: timeZone) != nil, timeZone.contains("/") || timeZone == "UTC"
        else {
            throw DomainError.invalidValue(
                field: "timeZone", reason: "must be an IANA time zone such as Europe/Brussels")
        }
        self.timeZone = timeZone
        self.workingFundAccount = workingFundAccount
        self.reserveFundAccount = reserveFundAccount
        self.id = id
        self.organizationID = organizationID
        self.name = try Text.required(name, field: "name")
        self.address = try Text.required(address, field: "address")
        self.city = try Text.required(city, field: "city")
        self.postalCode = try Text.required(postalCode, field: "postalCode", maximum: 20)
        let country = country.trimmingCharacters(in: .whitespaces).uppercased()
        guard country.count == 2, country.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw DomainError.invalidValue(field: "country", reason: "must be an ISO 3166 two-letter code such as BE")
        }
        self.country = country
        guard (1...Self.maximumTantiemes).contains(totalTantiemes) else {
            throw DomainError.invalidValue(
                field: "totalTantiemes", reason: "must be a positive integer up to \(Self.maximumTantiemes)")
        }
        self.totalTantiemes = totalTantiemes
        self.createdAt = createdAt
    }
}

extension Building {
    /// The largest total of tantièmes a building may have (and so the most a lot may hold).
    public static let maximumTantiemes = 1_000_000

    /// The building's time zone (it was checked when the building was made).
    public var zone: TimeZone { TimeZone(identifier: timeZone) ?? TimeZone(identifier: Self.defaultTimeZone)! }

    /// An account as a client sends it: empty clears it; anything else must be an IBAN whose
    /// check digits and length hold.
    public static func account(_ raw: String, field: String) throws -> IBAN? {
        guard !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard raw.count <= 50, let iban = IBAN(raw) else {
            throw DomainError.invalidValue(
                field: field, reason: "is not an IBAN (its check digits or length are wrong)")
        }
        return iban
    }
}

/// Trimmed, non-empty, bounded text fields. The bound counts the text as sent, in Unicode code
/// points, as the API contract's `maxLength` does (JSON Schema): a letter with combining marks is
/// one character to Swift but several code points.
enum Text {
    static func required(_ raw: String, field: String, minimum: Int = 1, maximum: Int = 200) throws -> String {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw DomainError.invalidValue(field: field, reason: "must not be empty") }
        guard fits(raw, maximum) else {
            throw DomainError.invalidValue(field: field, reason: "must be at most \(maximum) characters")
        }
        guard text.unicodeScalars.count >= minimum else {
            throw DomainError.invalidValue(field: field, reason: "must be at least \(minimum) characters")
        }
        return text
    }

    static func optional(_ raw: String?, field: String, maximum: Int = 200) throws -> String? {
        guard let raw, !raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return try required(raw, field: field, maximum: maximum)
    }

    /// At most `maximum` code points.
    static func fits(_ raw: String, _ maximum: Int) -> Bool { raw.unicodeScalars.count <= maximum }
}
