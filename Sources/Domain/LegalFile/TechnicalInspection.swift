public import Foundation

public typealias TechnicalInspectionID = Identifier<TechnicalInspection>

/// Belgium's three regions: each sets some of the inspection frequencies.
public enum Region: String, Sendable, CaseIterable {
    case brussels, wallonia, flanders

    /// The region of a Belgian postal code: 1000–1299 Brussels; 1300–1499 and 4000–7999
    /// Wallonia; 1500–3999 and 8000–9999 Flanders. Nil for anything else.
    public init?(belgianPostalCode code: String) {
        let trimmed = code.trimmingCharacters(in: .whitespaces)
        guard trimmed.count == 4, let number = Int(trimmed), (1000...9999).contains(number) else { return nil }
        switch number {
        case 1000...1299: self = .brussels
        case 1300...1499, 4000...7999: self = .wallonia
        default: self = .flanders
        }
    }
}

/// The kinds of equipment a co-ownership must have inspected.
public enum InspectionType: String, Sendable, CaseIterable {
    case lift, boiler
    case electricalInstallation = "electrical_installation"
    case fireExtinguishers = "fire_extinguishers"
    case fireAlarm = "fire_alarm"
    case gas
    case emergencyLighting = "emergency_lighting"
    case water, roof, facade, other

    /// The French name the syndic and the notifications use.
    public var label: String {
        switch self {
        case .lift: "ascenseur"
        case .boiler: "chaudière"
        case .electricalInstallation: "installation électrique"
        case .fireExtinguishers: "extincteurs"
        case .fireAlarm: "détection incendie"
        case .gas: "installation gaz"
        case .emergencyLighting: "éclairage de sécurité"
        case .water: "eau"
        case .roof: "toiture"
        case .facade: "façade"
        case .other: "autre"
        }
    }
}

/// How often the law wants an inspection, and where it says so. `verified` is false where the
/// frequency could not be checked against the text: the organization should confirm or override it.
public struct LegalFrequency: Sendable, Equatable {
    public let months: Int
    public let source: String
    public let verified: Bool
    /// True when the organization replaced the legal table's value.
    public let overridden: Bool

    public static let monthsRange = 1...600

    public init(months: Int, source: String, verified: Bool, overridden: Bool = false) throws {
        guard Self.monthsRange.contains(months) else {
            throw DomainError.invalidValue(field: "months", reason: "must be from 1 to 600")
        }
        self.months = months
        self.source = try Text.required(source, field: "source", maximum: 300)
        self.verified = verified
        self.overridden = overridden
    }

    /// The legal table's constants, which are within the bounds by construction.
    fileprivate init(table months: Int, _ source: String, verified: Bool) {
        self.months = months
        self.source = source
        self.verified = verified
        self.overridden = false
    }

    /// The date one period after `date` (a month step keeps the day, or the month's last day).
    public func after(_ date: CalendarDate) -> CalendarDate { date.adding(months: months) }
}

/// The legal frequencies by type and region. Sources are the federal and regional texts as far
/// as they could be checked here; every value not checked against the text is `verified: false`.
public enum LegalFrequencies {
    private static func all(_ months: Int, _ source: String, verified: Bool) -> [Region: LegalFrequency] {
        Dictionary(
            uniqueKeysWithValues: Region.allCases.map {
                ($0, LegalFrequency(table: months, source, verified: verified))
            })
    }

    private static let table: [InspectionType: [Region: LegalFrequency]] = [
        .lift: all(
            6, "AR du 9 mars 2003 relatif à la sécurité des ascenseurs (inspection préventive par un SECT)",
            verified: false),
        .boiler: [
            .brussels: LegalFrequency(
                table: 12, "Arrêté du 15 décembre 2011 (chauffage PEB), combustible liquide; gaz: 36 mois",
                verified: false),
            .wallonia: LegalFrequency(
                table: 12,
                "AGW du 29 janvier 2009 (entretien des chaudières), combustible liquide; gaz: 36 mois",
                verified: false),
            .flanders: LegalFrequency(
                table: 12, "Verwarmingsbesluit 2022, stookolie jaarlijks; gas: 24 maanden", verified: false),
        ],
        .electricalInstallation: all(
            60, "RGIE/AREI Livre 1, 6.5: installations non domestiques (parties communes)", verified: false),
        .fireExtinguishers: all(12, "NBN S21-050: entretien annuel des extincteurs portatifs", verified: true),
        .fireAlarm: all(12, "NBN S21-100-1: entretien annuel par une entreprise certifiée", verified: true),
        .gas: all(60, "NBN D51-003: pas de périodicité légale générale; bonne pratique", verified: false),
        .emergencyLighting: all(12, "NBN EN 50172 / NBN C71-100: contrôle annuel", verified: true),
        .water: all(12, "Analyse de risque légionelle (eau chaude sanitaire); bonne pratique", verified: false),
        .roof: all(12, "Pas de périodicité légale; bonne pratique (inspection annuelle)", verified: false),
        .facade: all(60, "Pas de périodicité légale générale; règlements communaux", verified: false),
        .other: all(12, "Pas de périodicité légale: à fixer par l'organisation", verified: false),
    ]

    /// The table's frequency for a type in a region (the table is complete: a test walks it).
    public static func frequency(of type: InspectionType, in region: Region) -> LegalFrequency {
        table[type]?[region]
            ?? LegalFrequency(table: 12, "Pas de périodicité légale: à fixer par l'organisation", verified: false)
    }
}

/// A regulated inspection of a piece of equipment. It belongs to a regulated plan (a preventive
/// plan of maintenance whose frequency comes from the law); completing it schedules the next one
/// by the legal frequency, failing it opens a maintenance intervention.
public struct TechnicalInspection: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case scheduled
        case inProgress = "in_progress"
        case completed, failed, cancelled

        static let moves: [Status: Set<Status>] = [
            .scheduled: [.inProgress, .cancelled],
            .inProgress: [.completed, .failed, .cancelled],
        ]

        /// Still to be done: counts for alerts and for being overdue.
        public var isOpen: Bool { self == .scheduled || self == .inProgress }
    }

    /// The alerts sent before the due date, in days (0: on the due date).
    public static let alertDays = [90, 60, 30, 0]

    public let id: TechnicalInspectionID
    public let organizationID: OrganizationID
    public let buildingID: BuildingID
    public let equipementID: EquipementID
    /// The regulated plan (a maintenance preventive plan) this inspection is one period of.
    public let planID: PreventivePlanID
    public let type: InspectionType
    public let region: Region
    public let frequency: LegalFrequency
    /// The legal deadline of this inspection.
    public let dueOn: CalendarDate
    public let scheduledOn: CalendarDate?
    public let inspector: String?
    public private(set) var status: Status
    public private(set) var startedAt: Date?
    public private(set) var completedOn: CalendarDate?
    public private(set) var findings: String?
    /// The certificate, a document, and the date it is valid until.
    public private(set) var certificateID: DocumentID?
    public private(set) var certificateValidUntil: CalendarDate?
    /// The maintenance intervention a failure opened.
    public private(set) var interventionID: InterventionID?
    public let createdAt: Date

    public init(
        id: TechnicalInspectionID, organizationID: OrganizationID, buildingID: BuildingID,
        equipementID: EquipementID, planID: PreventivePlanID, type: InspectionType, region: Region,
        frequency: LegalFrequency, dueOn: CalendarDate, scheduledOn: CalendarDate?, inspector: String?,
        status: Status = .scheduled, startedAt: Date? = nil, completedOn: CalendarDate? = nil,
        findings: String? = nil, certificateID: DocumentID? = nil, certificateValidUntil: CalendarDate? = nil,
        interventionID: InterventionID? = nil, createdAt: Date
    ) throws {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.equipementID = equipementID
        self.planID = planID
        self.type = type
        self.region = region
        self.frequency = frequency
        self.dueOn = dueOn
        self.scheduledOn = scheduledOn
        self.inspector = try Text.optional(inspector, field: "inspector")
        self.status = status
        self.startedAt = startedAt
        self.completedOn = completedOn
        self.findings = try Text.optional(findings, field: "findings", maximum: 2000)
        self.certificateID = certificateID
        self.certificateValidUntil = certificateValidUntil
        self.interventionID = interventionID
        self.createdAt = createdAt
    }

    /// When the next inspection is due: one legal period after completion (or the certificate's
    /// end, when sooner); the due date itself while this one is not done; none once cancelled.
    public var nextDueDate: CalendarDate? {
        switch status {
        case .scheduled, .inProgress, .failed: return dueOn
        case .cancelled: return nil
        case .completed:
            guard let completedOn else { return dueOn }
            let legal = frequency.after(completedOn)
            guard let certificateValidUntil else { return legal }
            return min(legal, certificateValidUntil)
        }
    }

    /// Open and past its due date.
    public func isOverdue(on day: CalendarDate) -> Bool { status.isOpen && day > dueOn }

    /// The alerts due on `day` (days before the due date whose moment has come), most urgent last.
    public func alertsReached(on day: CalendarDate) -> [Int] {
        guard status.isOpen else { return [] }
        return Self.alertDays.filter { day >= dueOn.adding(days: -$0) }
    }

    private mutating func move(to next: Status) throws {
        guard Status.moves[status]?.contains(next) == true else {
            throw DomainError.illegalTransition(
                entity: "technical_inspection", from: status.rawValue, to: next.rawValue)
        }
        status = next
    }

    public mutating func start(at now: Date) throws {
        try move(to: .inProgress)
        startedAt = now
    }

    /// Passed on `day`, with its certificate valid until `validUntil` (after `day`).
    public mutating func complete(
        on day: CalendarDate, findings: String?, certificate: DocumentID?, validUntil: CalendarDate?
    ) throws {
        if let validUntil, validUntil <= day {
            throw DomainError.invalidValue(field: "certificateValidUntil", reason: "must be after the inspection")
        }
        if validUntil != nil, certificate == nil {
            throw DomainError.invalidValue(field: "certificateDocumentId", reason: "is required with a validity")
        }
        try move(to: .completed)
        completedOn = day
        self.findings = try Text.optional(findings, field: "findings", maximum: 2000)
        certificateID = certificate
        certificateValidUntil = validUntil
    }

    /// Not passed on `day`; the findings say why, and `intervention` is the repair it opens.
    public mutating func fail(on day: CalendarDate, findings: String, intervention: InterventionID) throws {
        let reason = try Text.required(findings, field: "findings", maximum: 2000)
        try move(to: .failed)
        completedOn = day
        self.findings = reason
        interventionID = intervention
    }

    public mutating func cancel() throws { try move(to: .cancelled) }
}
