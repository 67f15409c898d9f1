public import Foundation

public typealias InterventionID = Identifier<Intervention>

/// A corrective or preventive job on a piece of equipment, from request to archive.
public struct Intervention: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case corrective, preventive
        /// A taxi ride left too long in the pool (raised by the dispatch SLA watchdog).
        case priseEnCharge = "prise_en_charge"
    }

    public enum Priority: String, Sendable, CaseIterable {
        case basse, normale, haute, urgente

        /// The default time allowed from creation to closing, in minutes.
        public var defaultSLAMinutes: Int {
            switch self {
            case .urgente: 4 * 60
            case .haute: 24 * 60
            case .normale: 72 * 60
            case .basse: 7 * 24 * 60
            }
        }
    }

    public enum Status: String, Sendable, CaseIterable {
        case ouverte, affectee
        case enCours = "en_cours"
        case enAttente = "en_attente"
        case cloturee, archivee, annulee
    }

    /// The lifecycle as data: each action, the states it starts from, the state it leads to.
    public enum Action: String, Sendable, CaseIterable {
        case assign, start, pause, resume, close, archive, cancel

        public var from: Set<Status> {
            switch self {
            case .assign: [.ouverte, .affectee]
            case .start: [.affectee]
            case .pause: [.enCours]
            case .resume: [.enAttente]
            case .close: [.enCours, .enAttente]
            case .archive: [.cloturee]
            case .cancel: [.ouverte, .affectee, .enCours, .enAttente]
            }
        }

        public var to: Status {
            switch self {
            case .assign: .affectee
            case .start, .resume: .enCours
            case .pause: .enAttente
            case .close: .cloturee
            case .archive: .archivee
            case .cancel: .annulee
            }
        }
    }

    public let id: InterventionID
    public let organizationID: OrganizationID
    public private(set) var title: String
    public private(set) var description: String?
    public let kind: Kind
    public private(set) var priority: Priority
    /// The equipment worked on; a `prise_en_charge` is about a ride instead.
    public private(set) var equipementID: EquipementID?
    /// The taxi ride a `prise_en_charge` intervention is about.
    public let commandeID: CommandeID?
    public private(set) var buildingID: BuildingID?
    public let clientID: UserID?
    /// The preventive plan this intervention was created for, if any.
    public let planningID: PreventivePlanID?
    public private(set) var status: Status
    public private(set) var technicienID: TechnicienID?
    public let createdBy: UserID?
    public let createdAt: Date
    public private(set) var dueAt: Date
    public private(set) var startedAt: Date?
    public private(set) var closedAt: Date?
    public private(set) var estimatedMinutes: Int?
    public private(set) var actualMinutes: Int?
    public private(set) var partsCost: Money
    public private(set) var labourCost: Money
    public private(set) var closingReport: String?
    public private(set) var cancelReason: String?

    public init(
        id: InterventionID, organizationID: OrganizationID, title: String, description: String?, kind: Kind,
        priority: Priority, equipementID: EquipementID?, commandeID: CommandeID? = nil, buildingID: BuildingID?,
        clientID: UserID?, planningID: PreventivePlanID? = nil, status: Status = .ouverte,
        technicienID: TechnicienID? = nil,
        createdBy: UserID?, createdAt: Date,
        dueAt: Date, startedAt: Date? = nil, closedAt: Date? = nil, estimatedMinutes: Int?,
        actualMinutes: Int? = nil, partsCost: Money = Money(minorUnits: 0), labourCost: Money = Money(minorUnits: 0),
        closingReport: String? = nil, cancelReason: String? = nil
    ) throws {
        self.id = id
        self.organizationID = organizationID
        self.title = try Text.required(title, field: "title")
        self.description = try Text.optional(description, field: "description", maximum: 5000)
        self.kind = kind
        self.priority = priority
        switch kind {
        case .priseEnCharge:
            guard commandeID != nil else {
                throw DomainError.invalidValue(field: "commandeId", reason: "is required for a prise_en_charge")
            }
        case .corrective, .preventive:
            guard equipementID != nil else {
                throw DomainError.invalidValue(field: "equipementId", reason: "is required")
            }
        }
        self.equipementID = equipementID
        self.commandeID = commandeID
        self.buildingID = buildingID
        self.clientID = clientID
        self.planningID = planningID
        self.status = status
        self.technicienID = technicienID
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.dueAt = dueAt
        self.startedAt = startedAt
        self.closedAt = closedAt
        self.estimatedMinutes = try Self.minutes(estimatedMinutes, field: "estimatedMinutes")
        self.actualMinutes = actualMinutes
        self.partsCost = partsCost
        self.labourCost = labourCost
        self.closingReport = closingReport
        self.cancelReason = cancelReason
    }

    public var totalCost: Money { Money(minorUnits: partsCost.minorUnits + labourCost.minorUnits) }

    /// What can follow the current state.
    public var allowedActions: [Action] { Action.allCases.filter { $0.from.contains(status) } }

    /// Editable until closed (or cancelled): afterwards only archiving remains.
    public var isEditable: Bool { ![.cloturee, .archivee, .annulee].contains(status) }

    /// Past its due time while still open, or closed after it.
    public func slaBreached(at now: Date) -> Bool { (closedAt ?? now) > dueAt }

    /// Fields a patch may change while the intervention is editable.
    public mutating func edit(
        title: String?, description: String?, priority: Priority?, equipementID: EquipementID?,
        buildingID: BuildingID?, estimatedMinutes: Int?, sla: SLAPolicy
    ) throws {
        guard isEditable else { throw InterventionError.notEditable(status: status) }
        if let title { self.title = try Text.required(title, field: "title") }
        if let description { self.description = try Text.optional(description, field: "description", maximum: 5000) }
        if let priority, priority != self.priority {
            dueAt = sla.due(for: priority, from: createdAt)
            self.priority = priority
        }
        if let equipementID { self.equipementID = equipementID }
        if let buildingID { self.buildingID = buildingID }
        if let estimatedMinutes {
            self.estimatedMinutes = try Self.minutes(estimatedMinutes, field: "estimatedMinutes")
        }
    }

    /// Applies an action if the current state allows it; otherwise names the allowed ones.
    public mutating func apply(_ action: Action, at now: Date) throws {
        guard action.from.contains(status) else {
            throw InterventionError.illegalTransition(
                from: status, requested: action.to, allowed: allowedActions.map(\.to))
        }
        switch action {
        case .start where startedAt == nil: startedAt = now
        case .close: closedAt = now
        default: break
        }
        status = action.to
    }

    public mutating func assign(to technicien: TechnicienID, at now: Date) throws {
        try apply(.assign, at: now)
        technicienID = technicien
    }

    /// Closing needs the report and the time spent; labour is the hours times the technician's rate.
    public mutating func close(report: String?, actualMinutes: Int?, partsCost: Money, hourlyRate: Money, at now: Date)
        throws
    {
        guard let report = try Text.optional(report, field: "report", maximum: 10_000) else {
            throw DomainError.invalidValue(field: "report", reason: "is required to close an intervention")
        }
        guard let actualMinutes, actualMinutes > 0, actualMinutes <= 100_000 else {
            throw DomainError.invalidValue(
                field: "actualMinutes", reason: "is required to close, a number of minutes more than 0")
        }
        guard partsCost.minorUnits >= 0 else {
            throw DomainError.invalidValue(field: "partsCost", reason: "must not be negative")
        }
        try apply(.close, at: now)
        closingReport = report
        self.actualMinutes = actualMinutes
        self.partsCost = partsCost
        // hours × rate, to the cent, half up
        labourCost = Money(minorUnits: (Int64(actualMinutes) * hourlyRate.minorUnits * 2 + 60) / 120)
    }

    public mutating func cancel(reason: String?, at now: Date) throws {
        try apply(.cancel, at: now)
        cancelReason = try Text.optional(reason, field: "reason", maximum: 1000)
    }

    static func minutes(_ value: Int?, field: String) throws -> Int? {
        guard let value else { return nil }
        guard (1...100_000).contains(value) else {
            throw DomainError.invalidValue(field: field, reason: "must be a number of minutes from 1 to 100000")
        }
        return value
    }
}

public enum InterventionError: Error, Equatable, Sendable, CustomStringConvertible {
    case illegalTransition(from: Intervention.Status, requested: Intervention.Status, allowed: [Intervention.Status])
    case notEditable(status: Intervention.Status)
    /// Assigning needs a technician profile whose user has the `technicien` role.
    case notATechnician
    /// A report is made of a closed (or archived) intervention only.
    case notClosed(status: Intervention.Status)

    public var description: String {
        switch self {
        case .illegalTransition(let from, let requested, let allowed):
            "an intervention cannot go from \(from.rawValue) to \(requested.rawValue); allowed next: "
                + (allowed.isEmpty ? "none" : allowed.map(\.rawValue).joined(separator: ", "))
        case .notEditable(let status): "an intervention that is \(status.rawValue) can no longer be edited"
        case .notATechnician: "the technician's user does not have the technicien role in this organization"
        case .notClosed(let status):
            "an intervention that is \(status.rawValue) has no report yet: it is made once the intervention is closed"
        }
    }
}

/// One step of an intervention's life: from, to, when, who, why.
public struct InterventionHistoryEntry: Sendable, Equatable {
    public let from: Intervention.Status?
    public let to: Intervention.Status
    public let at: Date
    public let by: UserID?
    public let remark: String?

    public init(from: Intervention.Status?, to: Intervention.Status, at: Date, by: UserID?, remark: String?) {
        self.from = from
        self.to = to
        self.at = at
        self.by = by
        self.remark = remark
    }
}

/// The time allowed to close an intervention, per priority; an organization may set its own.
public struct SLAPolicy: Sendable, Equatable {
    public static let standard = SLAPolicy(
        validated: Dictionary(
            uniqueKeysWithValues: Intervention.Priority.allCases.map { ($0, $0.defaultSLAMinutes) }))

    public let minutes: [Intervention.Priority: Int]

    public init(minutes: [Intervention.Priority: Int]) throws {
        for priority in Intervention.Priority.allCases {
            guard let value = minutes[priority], (1...525_600).contains(value) else {
                throw DomainError.invalidValue(
                    field: "\(priority.rawValue)Minutes", reason: "must be a number of minutes from 1 to 525600")
            }
        }
        self.minutes = minutes
    }

    private init(validated: [Intervention.Priority: Int]) { minutes = validated }

    public func minutes(for priority: Intervention.Priority) -> Int {
        minutes[priority] ?? priority.defaultSLAMinutes
    }

    public func due(for priority: Intervention.Priority, from date: Date) -> Date {
        date.addingTimeInterval(Double(minutes(for: priority)) * 60)
    }
}
