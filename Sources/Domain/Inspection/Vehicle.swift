public import Foundation

public typealias VehicleID = Identifier<Vehicle>

/// A vehicle's category as its registration certificate gives it (field J, the European
/// approval categories): what a lane takes and what an inspector is certified for.
public enum VehicleCategory: String, Sendable, CaseIterable, Codable {
    /// Cars (at most 8 seats besides the driver's).
    case m1 = "M1"
    /// Minibuses and buses.
    case m2 = "M2"
    case m3 = "M3"
    /// Vans of at most 3.5 t.
    case n1 = "N1"
    /// Lorries.
    case n2 = "N2"
    case n3 = "N3"
    /// Motorbikes, mopeds, tricycles and quadricycles.
    case l = "L"
    /// Trailers and semi-trailers.
    case o = "O"
}

public enum Fuel: String, Sendable, CaseIterable, Codable {
    case petrol, diesel, lpg, cng, electric, hybrid, hydrogen, other
}

/// A Belgian number plate, normalized: `1-ABC-234` (since 2010), `123-ABC` (2008–2010) or
/// `ABC-123` (1973–2008), whatever the spaces, dots, dashes and case it was typed with.
public struct Plate: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public init(_ raw: String, field: String = "plate") throws {
        let compact = raw.uppercased().filter { !" -.·".contains($0) }
        let letters = compact.map(\.isASCIILetter)
        let digits = compact.map(\.isASCIIDigit)
        func shape(_ pattern: String) -> Bool {
            pattern.count == compact.count
                && zip(pattern, zip(letters, digits)).allSatisfy { want, got in want == "L" ? got.0 : got.1 }
        }
        let chars = Array(compact)
        func part(_ range: Range<Int>) -> String { String(chars[range]) }
        if shape("DLLLDDD"), chars[0] != "0" {
            value = "\(part(0..<1))-\(part(1..<4))-\(part(4..<7))"
        } else if shape("DDDLLL") {
            value = "\(part(0..<3))-\(part(3..<6))"
        } else if shape("LLLDDD") {
            value = "\(part(0..<3))-\(part(3..<6))"
        } else {
            throw DomainError.invalidValue(
                field: field, reason: "is not a Belgian plate (1-ABC-234, 123-ABC or ABC-123)")
        }
    }

    public var description: String { value }
}

/// A vehicle identification number (field E): 17 letters and digits, never I, O or Q, which
/// would be read as 1 and 0.
public struct VIN: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public init(_ raw: String, field: String = "vin") throws {
        let text = raw.uppercased().filter { $0 != " " }
        guard text.count == 17 else { throw DomainError.invalidValue(field: field, reason: "must be 17 characters") }
        guard text.allSatisfy({ ($0.isASCIILetter || $0.isASCIIDigit) && !"IOQ".contains($0) }) else {
            throw DomainError.invalidValue(field: field, reason: "holds only letters and digits, never I, O or Q")
        }
        value = text
    }

    /// Whether the ninth character is the check digit ISO 3779 computes. It is required in North
    /// America only: a European VIN may carry any character there, so this informs and never refuses.
    public var hasValidCheckDigit: Bool {
        let weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
        let letters: [Character: Int] = [
            "A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6, "G": 7, "H": 8, "J": 1, "K": 2, "L": 3, "M": 4,
            "N": 5, "P": 7, "R": 9, "S": 2, "T": 3, "U": 4, "V": 5, "W": 6, "X": 7, "Y": 8, "Z": 9,
        ]
        var sum = 0
        for (character, weight) in zip(value, weights) {
            sum += (character.wholeNumberValue ?? letters[character] ?? 0) * weight
        }
        let remainder = sum % 11
        let expected: Character = remainder == 10 ? "X" : Character(String(remainder))
        return Array(value)[8] == expected
    }

    public var description: String { value }
}

/// How to reach a vehicle's owner, or a customer booking for it.
public struct ContactDetails: Sendable, Equatable {
    public let name: String
    public let email: Email?
    public let phone: String?

    public init(name: String, email: String?, phone: String?) throws {
        self.name = try Text.required(name, field: "contact.name", minimum: 1, maximum: 200)
        self.email = try email.flatMap { $0.isEmpty ? nil : try Email($0, field: "contact.email") }
        self.phone = try Text.optional(phone, field: "contact.phone", maximum: 30)
        guard self.email != nil || self.phone != nil else {
            throw DomainError.invalidValue(field: "contact", reason: "needs an email address or a phone number")
        }
    }
}

/// A vehicle a centre inspects: what its registration certificate says, and its owner's contact.
public struct Vehicle: Sendable, Equatable {
    public let id: VehicleID
    public let organizationID: OrganizationID
    public var plate: Plate
    public var vin: VIN?
    public var make: String?
    public var model: String?
    public var category: VehicleCategory
    public var fuel: Fuel
    /// Field B of the certificate.
    public var firstRegistration: CalendarDate?
    public var owner: ContactDetails
    /// The customer account it belongs to, when its owner has one.
    public var customerID: UserID?
    public let createdAt: Date

    public init(
        id: VehicleID, organizationID: OrganizationID, plate: Plate, vin: VIN?, make: String?, model: String?,
        category: VehicleCategory, fuel: Fuel, firstRegistration: CalendarDate?, owner: ContactDetails,
        customerID: UserID? = nil, createdAt: Date
    ) throws {
        self.id = id
        self.organizationID = organizationID
        self.plate = plate
        self.vin = vin
        self.make = try Text.optional(make, field: "make", maximum: 100)
        self.model = try Text.optional(model, field: "model", maximum: 100)
        self.category = category
        self.fuel = fuel
        self.firstRegistration = firstRegistration
        self.owner = owner
        self.customerID = customerID
        self.createdAt = createdAt
    }
}

extension Character {
    fileprivate var isASCIILetter: Bool { isASCII && isLetter }
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
