public import Foundation

public typealias EquipementID = Identifier<Equipement>
public typealias TechnicienID = Identifier<Technicien>

/// A piece of equipment that interventions are about, identified by its code in the organization.
public struct Equipement: Sendable, Equatable {
    public enum Criticality: String, Sendable, CaseIterable { case basse, normale, haute, critique }
    public enum Status: String, Sendable, CaseIterable {
        case enService = "en_service"
        case horsService = "hors_service"
        case retire
    }

    public let id: EquipementID
    public let organizationID: OrganizationID
    public var code: String
    public var name: String
    public var category: String?
    public var location: String?
    public var buildingID: BuildingID?
    public var criticality: Criticality
    public var commissionedOn: CalendarDate?
    public var status: Status
    public let createdAt: Date

    public init(
        id: EquipementID, organizationID: OrganizationID, code: String, name: String, category: String?,
        location: String?, buildingID: BuildingID?, criticality: Criticality, commissionedOn: CalendarDate?,
        status: Status, createdAt: Date
    ) throws {
        self.id = id
        self.organizationID = organizationID
        self.code = try Text.required(code, field: "code", maximum: 50)
        self.name = try Text.required(name, field: "name")
        self.category = try Text.optional(category, field: "category")
        self.location = try Text.optional(location, field: "location")
        self.buildingID = buildingID
        self.criticality = criticality
        self.commissionedOn = commissionedOn
        self.status = status
        self.createdAt = createdAt
    }
}

/// A technician's profile on a member who has the `technicien` role: team, availability, hourly
/// rate (labour cost) and skills (each once).
public struct Technicien: Sendable, Equatable {
    public enum Availability: String, Sendable, CaseIterable { case disponible, occupe, absent }

    public let id: TechnicienID
    public let organizationID: OrganizationID
    public let userID: UserID
    public var equipe: String?
    public var disponibilite: Availability
    public var hourlyRate: Money
    public private(set) var competences: [String]
    public let createdAt: Date

    public init(
        id: TechnicienID, organizationID: OrganizationID, userID: UserID, equipe: String?,
        disponibilite: Availability, hourlyRate: Money, competences: [String], createdAt: Date
    ) throws {
        guard (0...1_000_000).contains(hourlyRate.minorUnits) else {
            throw DomainError.invalidValue(field: "hourlyRate", reason: "must be between 0 and 10000.00")
        }
        self.id = id
        self.organizationID = organizationID
        self.userID = userID
        self.equipe = try Text.optional(equipe, field: "equipe")
        self.disponibilite = disponibilite
        self.hourlyRate = hourlyRate
        self.competences = []
        self.createdAt = createdAt
        try setCompetences(competences)
    }

    /// Skills are trimmed, lowercased and unique; a repeated one is refused rather than dropped.
    public mutating func setCompetences(_ skills: [String]) throws {
        var seen = Set<String>()
        var result: [String] = []
        for raw in skills {
            let skill = try Text.required(raw, field: "competences", maximum: 60).lowercased()
            guard seen.insert(skill).inserted else {
                throw DomainError.invalidValue(field: "competences", reason: "\(skill) is listed twice")
            }
            result.append(skill)
        }
        competences = result
    }
}
