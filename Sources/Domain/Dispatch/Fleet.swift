public import Foundation

/// A company's taxi.
public struct Taxi: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case disponible
        case enCourse = "en_course"
        case pause
        case horsService = "hors_service"
    }

    public let id: TaxiID
    public let organizationID: OrganizationID
    public private(set) var numero: String
    /// Upper case, without spaces or dashes: `1ABC123`.
    public private(set) var plate: String
    public private(set) var vignette: String?
    public var status: Status
    /// The driver bound to the taxi (a user with the `chauffeur` role).
    public private(set) var driverID: UserID?
    public let createdAt: Date

    public init(
        id: TaxiID, organizationID: OrganizationID, numero: String, plate: String, vignette: String?,
        status: Status = .disponible, driverID: UserID?, createdAt: Date
    ) throws {
        self.id = id
        self.organizationID = organizationID
        self.numero = try Text.required(numero, field: "numero", maximum: 20)
        self.plate = try Self.normalizedPlate(plate)
        self.vignette = try Text.optional(vignette, field: "vignette", maximum: 40)
        self.status = status
        self.driverID = driverID
        self.createdAt = createdAt
    }

    public mutating func edit(numero: String?, plate: String?, vignette: String??, driverID: UserID??) throws {
        if let numero { self.numero = try Text.required(numero, field: "numero", maximum: 20) }
        if let plate { self.plate = try Self.normalizedPlate(plate) }
        if let vignette { self.vignette = try Text.optional(vignette, field: "vignette", maximum: 40) }
        if let driverID { self.driverID = driverID }
    }

    static func normalizedPlate(_ raw: String) throws -> String {
        let plate = raw.uppercased().filter { $0 != " " && $0 != "-" && $0 != "." }
        guard (2...12).contains(plate.count), plate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw DomainError.invalidValue(field: "plaque", reason: "must be 2 to 12 letters and digits")
        }
        return plate
    }
}

/// A business customer of the taxi company (hotel, agency, company…).
public struct DispatchClient: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case entreprise, hotel, agence, particulier, autre
    }

    public let id: DispatchClientID
    public let organizationID: OrganizationID
    public private(set) var kind: Kind
    public private(set) var name: String
    public private(set) var email: Email?
    public private(set) var phone: String?
    public private(set) var address: String?
    public let createdAt: Date

    public init(
        id: DispatchClientID, organizationID: OrganizationID, kind: Kind, name: String, email: Email?, phone: String?,
        address: String?, createdAt: Date
    ) throws {
        self.id = id
        self.organizationID = organizationID
        self.kind = kind
        self.name = try Text.required(name, field: "nom", maximum: 200)
        self.email = email
        self.phone = try Text.optional(phone, field: "contactPhone", maximum: 30)
        self.address = try Text.optional(address, field: "adresse", maximum: 300)
        self.createdAt = createdAt
    }

    public mutating func edit(kind: Kind?, name: String?, email: Email??, phone: String??, address: String??) throws {
        if let kind { self.kind = kind }
        if let name { self.name = try Text.required(name, field: "nom", maximum: 200) }
        if let email { self.email = email }
        if let phone { self.phone = try Text.optional(phone, field: "contactPhone", maximum: 30) }
        if let address { self.address = try Text.optional(address, field: "adresse", maximum: 300) }
    }
}

/// The taxi company's profile: its public name for the booking form and its dispatch settings.
public struct Societe: Sendable, Equatable {
    public let organizationID: OrganizationID
    public var name: String
    /// The name in the public booking form's address (`/public/commandes` names it); unique.
    public var slug: String?
    public var email: Email?
    public var phone: String?
    public var address: String?
    public var vatNumber: String?
    /// The estimated duration of a ride when none is given (the overlap window).
    public var defaultRideMinutes: Int
    /// How long a ride may wait in the pool before the SLA watchdog raises an intervention.
    public var pendingAlertMinutes: Int

    public static let defaultRideMinutes = 60
    public static let defaultPendingAlertMinutes = 120
    public static let minimumPendingAlertMinutes = 10

    public init(
        organizationID: OrganizationID, name: String, slug: String? = nil, email: Email? = nil, phone: String? = nil,
        address: String? = nil, vatNumber: String? = nil, defaultRideMinutes: Int = Societe.defaultRideMinutes,
        pendingAlertMinutes: Int = Societe.defaultPendingAlertMinutes
    ) throws {
        self.organizationID = organizationID
        self.name = try Text.required(name, field: "nom", maximum: 200)
        self.slug = try slug.map(Self.validSlug)
        self.email = email
        self.phone = try Text.optional(phone, field: "telephone", maximum: 30)
        self.address = try Text.optional(address, field: "adresse", maximum: 300)
        self.vatNumber = try Text.optional(vatNumber, field: "tva", maximum: 30)
        self.defaultRideMinutes = try Commande.duration(defaultRideMinutes)
        guard (Self.minimumPendingAlertMinutes...10_080).contains(pendingAlertMinutes) else {
            throw DomainError.invalidValue(field: "slaAttenteMinutes", reason: "must be from 10 to 10080 minutes")
        }
        self.pendingAlertMinutes = pendingAlertMinutes
    }

    /// 3 to 60 characters: lower-case letters, digits and single dashes inside.
    public static func validSlug(_ raw: String) throws -> String {
        let slug = raw.trimmingCharacters(in: .whitespaces)
        let allowed = slug.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
        guard (3...60).contains(slug.count), allowed, !slug.hasPrefix("-"), !slug.hasSuffix("-"),
            !slug.contains("--")
        else {
            throw DomainError.invalidValue(
                field: "slug", reason: "must be 3 to 60 lower-case letters, digits and single dashes")
        }
        return slug
    }
}
